"""News listings: items grouped under month headings, or a flat "What's new" list.

An item is: an optional credit line ("© ILO 2024"), an optional category line
(a short line before the headline: "Video", "Labour inspection", a country or
theme), the headline, a date line, then the summary.  The same parser reads
the news list of an office page.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from ilo_kg.records import ExtractionWarning, NewsItem
from ilo_kg.sources.common import CREDIT_RE, MONTHS, ends_sentence, parse_date, parse_range
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


_DAY_SPAN = re.compile(r"^\s*(\d{1,2})\s*[-\u2010-\u2015]\s*\d{1,2}\s+([A-Za-z]+\.?)\s+(\d{4})\s*$")


def _item_date(text: str) -> date | None:
    """An item's date line: a date, or the first day of a span ("3 - 4 February 2015")."""
    single = parse_date(text)
    if single:
        return single
    rng = parse_range(text)
    if rng:
        return rng[0]
    span = _DAY_SPAN.match(text)
    if span:
        return parse_date(f"{span.group(1)} {span.group(2)} {span.group(3)}")
    return None


_CUT_DATE = re.compile(r"^(?:on\s+)?\d{1,2}(?:\s+(?P<month>[A-Za-z]{1,9}))?$", re.IGNORECASE)


def cut_date_month(text: str, group: str | None) -> date | None:
    """The month of a date line cut off with the page ("15 Ma", "12") under a month heading ("March 2022").

    The heading gives the month (and year); the cut text must agree with it ("15 Ma" under "March 2022",
    never under "June 2022").  The day is not taken: the cut may have taken part of it too.
    """
    m = _CUT_DATE.match(text.strip())
    heading = re.match(r"^([A-Za-z]+)\s+(\d{4})$", (group or "").strip())
    if m is None or heading is None or heading.group(1).lower() not in MONTHS:
        return None
    name = heading.group(1).lower()
    cut = (m.group("month") or "").lower()
    if cut and not name.startswith(cut):
        return None
    return date(int(heading.group(2)), MONTHS[name], 1)


def looks_like_news_item(item: RawItem) -> bool:
    """True when the item has a date line (a date, or days of one month) after its first line."""
    return any(parse_date(text) or _DAY_SPAN.match(text) for _, text in item.blocks()[1:])


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
    precision: Literal["day", "month"] = "day"
    if published is None and headline and last and len(blocks) > 1:
        published = cut_date_month(blocks[-1][1], item.group)
        if published is not None:
            precision, rest = "month", []
            head = [text for _, text in blocks[:-1]]
            credit, category, headline = _split_head(head)
            message = f"news item {item.number}: date cut off ({blocks[-1][1]!r}); dated by its month heading"
            warnings.append(ExtractionWarning(path, item.line, message))
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
        precision=precision,
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
