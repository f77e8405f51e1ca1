"""News written as dated paragraphs: "30 Avril 2015 - Headline" starts an item, the paragraphs after it
(up to the next dated paragraph or month heading) are its summary.

Some office pages list their news this way, without numbered items, under month headings ("Avril 2015").
A paragraph whose date is not followed by a dash and a headline is running text, not an item.
"""

from __future__ import annotations

import re
from datetime import date

from ilo_kg.records import NewsItem, Paragraph
from ilo_kg.sources.common import DASHES, ends_sentence, parse_date
from ilo_kg.sources.layout import Heading, Layout

_DATED = re.compile(
    rf"^(?P<date>\d{{1,2}}(?:er|st|nd|rd|th)?\s+\S+\s+\d{{4}})\s*[{DASHES}]+\s*(?P<head>\S.*)$"
)


def dated_news(lay: Layout) -> tuple[list[NewsItem], set[int]]:
    """The news items of a page laid out as dated paragraphs, and the lines of the paragraphs they hold."""
    items: list[NewsItem] = []
    used: set[int] = set()
    current: dict[str, object] | None = None
    group: str | None = None
    parts: list[str] = []

    def close() -> None:
        if current is not None:
            summary = "\n\n".join(parts)
            items.append(
                NewsItem(
                    number=len(items) + 1,
                    headline=str(current["headline"]),
                    published=current["date"],  # type: ignore[arg-type]
                    summary=summary,
                    line=int(current["line"]),  # type: ignore[call-overload]
                    group=group,
                    truncated=bool(summary) and not ends_sentence(summary),
                )
            )

    for block in lay.blocks:
        if isinstance(block, Heading) and not block.month:
            m = _DATED.match(block.text)
            day = parse_date(m.group("date")) if m else None
            if m and day is not None:  # a short dated headline reads as a heading
                close()
                current, parts = {"headline": m.group("head").strip(), "date": day, "line": block.line}, []
                continue
        if isinstance(block, Heading):
            if block.month:
                close()
                current, parts, group = None, [], block.text
            elif current is not None:
                parts.append(block.text)  # a quote or a sub-heading inside the item
            continue
        if not isinstance(block, Paragraph):
            close()
            current, parts = None, []
            continue
        m = _DATED.match(block.text)
        day = parse_date(m.group("date")) if m else None
        if m and day is not None:
            close()
            current, parts = {"headline": m.group("head").strip(), "date": day, "line": block.line}, []
            used.add(block.line)
            continue
        if current is not None:
            parts.append(block.text)
            used.add(block.line)
    close()
    return items, used


_MAX_HEADLINE_WORDS = 40


def month_bulleted_news(lay: Layout) -> tuple[list[NewsItem], set[int]]:
    """The news items of a page that lists its stories under month headings ("Février 2016"), each a
    bulleted headline over its paragraphs; each item is dated by its heading's month (``precision``
    "month": ``published`` is the month's 1st, no day is invented).

    A bullet outside a month heading is no item (a list of offices), and so is an entry without a
    paragraph under it or with a headline of more than a few dozen words (a plain bulleted list).  Link
    lines ("> Consulter le programme") are no part of a summary.
    """
    items: list[NewsItem] = []
    used: set[int] = set()
    month: date | None = None
    group: str | None = None
    current: Paragraph | None = None
    parts: list[Paragraph] = []

    def close() -> bool:
        if current is None or month is None:
            return True
        if not parts or len(current.text.split()) > _MAX_HEADLINE_WORDS:
            return False
        summary = "\n\n".join(p.text for p in parts)
        items.append(
            NewsItem(
                number=len(items) + 1,
                headline=current.text.strip(),
                published=month,
                summary=summary,
                line=current.line,
                group=group,
                truncated=not ends_sentence(summary),
                precision="month",
            )
        )
        used.update({current.line, *(p.line for p in parts)})
        return True

    for block in lay.blocks:
        if isinstance(block, Heading):
            if not close():
                return [], set()
            current, parts = None, []
            if block.month:
                first = parse_date(f"1 {block.text}")
                month, group = (first, block.text) if first is not None else (None, None)
            continue
        if not isinstance(block, Paragraph):
            if not close():
                return [], set()
            current, parts, month = None, [], None
            continue
        if block.bullet and month is not None:
            if not close():
                return [], set()
            current, parts = block, []
        elif current is not None and not block.text.startswith(">"):
            parts.append(block)
    if not close():
        return [], set()
    return items, used
