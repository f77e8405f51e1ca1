"""Undated teasers: the stories a home page or a country page lists without a date.

Two layouts: numbered items with no date line ("1. ILO and Belgium reiterated commitment ..." over its
summary), and bulleted entries ("• Employment and Gender Equality" / "Investment in child-care centers
would boost employment ..." / the summary).  An entry's first line is its headline, or its category when
the next line is itself a headline.  A list only counts as news when it reads as one: two entries or more,
every entry's headline a few words not ending in a full stop, and, for numbered items, at least half of
them with a summary that ends a sentence (an address block or a list of links is no news); a bulleted
entry needs its summary (a plain bulleted list, one line an entry, is no news).  The items carry no date
(``published`` None): the page gives none, and none is invented.
"""

from __future__ import annotations

from ilo_kg.records import NewsItem, Paragraph
from ilo_kg.sources.common import CREDIT_RE, ends_sentence
from ilo_kg.sources.layout import Heading, Layout, RawItem

_MIN_WORDS, _MAX_WORDS, _CATEGORY_WORDS = 3, 30, 10


def _headline_like(text: str, min_words: int = _MIN_WORDS) -> bool:
    words = text.split()
    letters = sum(c.isalpha() for c in text)
    return (
        min_words <= len(words) <= _MAX_WORDS
        and not text.rstrip().endswith(".")
        and letters >= 0.6 * len(text.replace(" ", ""))
    )


def _split(parts: list[str]) -> tuple[str | None, str, list[str]] | None:
    """(category, headline, summary parts) of an entry's blocks, or None when it has no headline."""
    if parts and CREDIT_RE.match(parts[0]):
        parts = parts[1:]
    if not parts:
        return None
    first = parts[0]
    if (
        len(parts) > 1
        and len(first.split()) <= _CATEGORY_WORDS
        and _headline_like(parts[1])
        and _headline_like(first, 1)
    ):
        return first, parts[1], parts[2:]
    return (None, first, parts[1:]) if _headline_like(first) else None


def _numbered(items: list[RawItem]) -> list[NewsItem]:
    out: list[NewsItem] = []
    summaries = 0
    for item in items:
        split = _split([text for _, text in item.blocks()])
        if split is None:
            return []  # one entry that is no teaser: the list is something else
        category, headline, rest = split
        summary = "\n\n".join(rest)
        summaries += bool(summary) and ends_sentence(summary)
        out.append(NewsItem(item.number, headline, None, summary, item.line, category=category))
    return out if len(out) >= 2 and 2 * summaries >= len(out) else []


def _bulleted(lay: Layout) -> tuple[list[NewsItem], set[int]]:
    blocks = [b for b in lay.blocks if isinstance(b, (Heading, Paragraph))]
    out: list[NewsItem] = []
    used: set[int] = set()
    starts = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.bullet]
    for n, i in enumerate(starts):
        stop = starts[n + 1] if n + 1 < len(starts) else len(blocks)
        entry = blocks[i:stop]
        split = _split([b.text for b in entry])
        if split is None:
            return [], set()
        category, headline, rest = split
        if not rest:
            return [], set()  # a plain bulleted list, not teasers
        out.append(
            NewsItem(len(out) + 1, headline, None, "\n\n".join(rest), entry[0].line, category=category)
        )
        used.update(id(b) for b in entry)
    return (out, used) if len(out) >= 2 else ([], set())


_MIN_STACKED = 3


def _stacked_pair(head: Paragraph, body: Paragraph) -> bool:
    """A headline line with its one-sentence summary on the very next line."""
    return (
        body.line - head.line == 1
        and _headline_like(head.text, 2)
        and not CREDIT_RE.match(head.text)
        and ends_sentence(body.text)
        and not _headline_like(body.text)
    )


def stacked_teasers(lay: Layout) -> tuple[list[NewsItem], list[Paragraph]]:
    """A run of teasers laid out line by line: a headline, its one-sentence summary on the next line, and
    perhaps a "©" credit line ("Green economy" / "ILO Director-General calls on EU ministers to ...").

    Only a run of three or more, each line directly under the last, counts: a heading over a paragraph
    is a section, not news.  Returns the teasers and the paragraphs that are no teaser's text.
    """
    paragraphs = [b for b in lay.blocks if isinstance(b, Paragraph)]
    runs: list[list[tuple[Paragraph, Paragraph, Paragraph | None]]] = [[]]
    i = 0
    while i + 1 < len(paragraphs):
        head, body = paragraphs[i], paragraphs[i + 1]
        if not _stacked_pair(head, body):
            runs.append([])
            i += 1
            continue
        if runs[-1] and head.line - (runs[-1][-1][2] or runs[-1][-1][1]).line != 1:
            runs.append([])  # not directly under the last teaser: another run
        credit = paragraphs[i + 2] if i + 2 < len(paragraphs) else None
        if credit is not None and not (credit.line - body.line == 1 and CREDIT_RE.match(credit.text)):
            credit = None
        runs[-1].append((head, body, credit))
        i += 3 if credit is not None else 2
    best = max(runs, key=len)
    if len(best) < _MIN_STACKED:
        return [], paragraphs
    items = [
        NewsItem(
            n,
            head.text,
            None,
            body.text,
            head.line,
            credit=(m.group("credit").strip() or None)
            if credit and (m := CREDIT_RE.match(credit.text))
            else None,
        )
        for n, (head, body, credit) in enumerate(best, start=1)
    ]
    used = {id(b) for trio in best for b in trio if b is not None}
    return items, [p for p in paragraphs if id(p) not in used]


def undated_teasers(lay: Layout) -> tuple[list[NewsItem], list[Paragraph]]:
    """The page's undated teasers, and its paragraphs that are no teaser's text."""
    paragraphs = [b for b in lay.blocks if isinstance(b, Paragraph)]
    numbered = _numbered(lay.items) if lay.items else []
    if numbered:
        return numbered, paragraphs
    bulleted, used = _bulleted(lay)
    return bulleted, [p for p in paragraphs if id(p) not in used]
