"""News listings: items grouped under month headings, or a flat "What's new" list.

An item is: an optional credit line ("© ILO 2024"), an optional category line
(a short line before the headline: "Video", "Labour inspection", a country or
theme), the headline, a date line, then the summary.  The same parser reads
the news list of an office page.
"""

from __future__ import annotations

from datetime import date

from ilo_kg.records import ExtractionWarning, NewsItem
from ilo_kg.sources.common import CREDIT_RE, ends_sentence, parse_date, parse_range
from ilo_kg.sources.layout import RawItem, numbering_warnings

_MAX_CATEGORY_WORDS = 8
# A promotion box's heading is a call to action, not a headline ("Read", "Discover", "Get involved").
_PROMO_WORDS = frozenset(
    {
        "read",
        "discover",
        "watch",
        "listen",
        "explore",
        "learn more",
        "get involved",
        "join us",
        "subscribe",
        "follow us",
        "download",
        "see more",
        "find out more",
        "take action",
        "read more",
        "more",
    }
)


def _item_date(text: str) -> date | None:
    single = parse_date(text)
    if single:
        return single
    rng = parse_range(text)
    return rng[0] if rng else None


def looks_like_news_item(item: RawItem) -> bool:
    """True when the item has a single-date line after its first line."""
    return any(parse_date(text) for _, text in item.blocks()[1:])


def _split_head(parts: list[str]) -> tuple[str | None, str | None, str]:
    """(credit, category, headline) from the lines before the date."""
    credit: str | None = None
    if parts:
        m = CREDIT_RE.match(parts[0])
        if m:
            credit = m.group("credit").strip() or None
            parts = parts[1:]
    if len(parts) >= 2:
        first = parts[0]
        short = len(first.split()) <= _MAX_CATEGORY_WORDS and first[-1] not in ".,;:"
        if short and not parts[1][:1].islower():
            return credit, first, " ".join(parts[1:])
    return credit, None, " ".join(parts)


def parse_news(item: RawItem, path: str, last: bool) -> tuple[NewsItem | None, list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []
    blocks = item.blocks()
    head: list[str] = []
    published: date | None = None
    rest: list[tuple[int, str]] = []
    for i, (_, text) in enumerate(blocks):
        found = _item_date(text) if i > 0 else None
        if found:
            published, rest = found, blocks[i + 1 :]
            break
        head.append(text)
    credit, category, headline = _split_head(head)
    if head and head[0].strip(" .:").casefold() in _PROMO_WORDS:
        message = f"item {item.number} is a promotion box ({head[0].strip()!r}), not news; dropped"
        warnings.append(ExtractionWarning(path, item.line, message))
        return None, warnings
    if published is None or not headline:
        what = "date" if headline else "headline"
        cut = " (last item cut off)" if last else ""
        message = f"news item {item.number} has no {what}{cut}; dropped"
        warnings.append(ExtractionWarning(path, item.line, message))
        return None, warnings
    summary = "\n\n".join(text for _, text in rest)
    truncated = last and (not summary or not ends_sentence(summary))
    if truncated:
        message = f"news item {item.number} is cut off (last item ends mid-sentence)"
        warnings.append(ExtractionWarning(path, item.line, message))
    news = NewsItem(
        number=item.number,
        headline=headline,
        published=published,
        summary=summary,
        line=item.line,
        category=category,
        credit=credit,
        group=item.group,
        truncated=truncated,
    )
    return news, warnings


def extract_news(items: list[RawItem], path: str) -> tuple[list[NewsItem], list[ExtractionWarning]]:
    """News items in page order; numbering restarts under each month heading."""
    out: list[NewsItem] = []
    warnings = numbering_warnings(items, path)
    for i, item in enumerate(items):
        news, found = parse_news(item, path, last=i == len(items) - 1)
        warnings.extend(found)
        if news:
            out.append(news)
    return out, warnings
