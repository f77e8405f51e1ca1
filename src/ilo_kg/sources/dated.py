"""News written as dated paragraphs: "30 Avril 2015 - Headline" starts an item, the paragraphs after it
(up to the next dated paragraph or month heading) are its summary.

Some office pages list their news this way, without numbered items, under month headings ("Avril 2015").
A paragraph whose date is not followed by a dash and a headline is running text, not an item.
"""

from __future__ import annotations

import re

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
