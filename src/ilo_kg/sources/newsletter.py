"""Newsletter issues: an issue title with its month, an introduction, then headlines each over a summary.

"ILO Budapest Newsletter 2023 March" (or "Newsletter March 2023") names the issue and its month.  Its
headlines are not numbered and carry no date of their own: a headline is one line of a few words, not
ending in a full stop, directly over its summary paragraph (at most one blank line between them).  A
headline with no summary under it counts only inside a run of headlines and when it reads as a sentence
(a question, or a verb of the usual headline forms: "The European Commission and the ILO join forces ...",
"Index for 2021 shows that ..."); a title of a linked resource ("ILO Monitor: COVID-19 and the world of
work. 7th edition"), a section heading in capitals ("NOTE FROM THE EDITOR") and a call to action ("Read
the full issue online") are not news.  Every item is dated by the issue's month (``precision="month"``):
the page states no day.
"""

from __future__ import annotations

import re
from datetime import date

from ilo_kg.records import ExtractionWarning, NewsItem, Paragraph
from ilo_kg.sources.common import MONTHS, ends_sentence
from ilo_kg.sources.layout import Heading, Layout

_MONTH_WORD = r"(?P<m>" + "|".join(sorted((m for m in MONTHS if len(m) > 3), key=len, reverse=True)) + r")"
_MONTH_FIRST = _MONTH_WORD.replace("?P<m>", "?P<m2>")
_ISSUE = re.compile(
    rf"\bnewsletter\b.*?(?:\b(?P<y>(?:19|20)\d\d)\s+{_MONTH_WORD}\b|\b{_MONTH_FIRST}\s+(?P<y2>(?:19|20)\d\d)\b)",
    re.IGNORECASE,
)
_MIN_WORDS, _MAX_WORDS = 3, 30
_PROMO = re.compile(r"^(?:read|download|subscribe|watch|see|discover)\b|\bissue\s+online\b", re.IGNORECASE)
_HEADLINE_VERB = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|did|says?|said|shows?|showed|joins?|joined|signs?|signed"
    r"|launch(?:es|ed)?|opens?|opened|helps?|helped|supports?|supported|calls|marks?|marked|welcomes?"
    r"|welcomed|adopts?|adopted|presents?|presented|discuss(?:es|ed)|meets?|met|visits?|visited|extends?"
    r"|extended|goes|went|reach(?:es|ed)|publish(?:es|ed)|releas(?:es|ed)|ratif(?:ies|ied)|agrees?|agreed"
    r"|continues?|continued|provides?|provided|becomes?|became|takes?|took|hosts?|hosted|wins?|won)\b",
    re.IGNORECASE,
)


def issue_month(title: str) -> date | None:
    """The first day of the month an issue title names: 'ILO Budapest Newsletter 2023 March' -> 2023-03-01."""
    m = _ISSUE.search(title)
    if not m:
        return None
    year = int(m.group("y") or m.group("y2"))
    return date(year, MONTHS[(m.group("m") or m.group("m2")).lower()], 1)


def _capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) / len(letters) > 0.8


def _headline_like(text: str) -> bool:
    words = text.split()
    return (
        _MIN_WORDS <= len(words) <= _MAX_WORDS
        and not text.rstrip().endswith(".")
        and not _capitals(text)
        and not _PROMO.search(text)
    )


def extract_newsletter(
    lay: Layout, path: str
) -> tuple[list[NewsItem], list[Paragraph], list[ExtractionWarning]]:
    """The issue's headlines as news items of its month, and the paragraphs that are no item's summary."""
    warnings: list[ExtractionWarning] = []
    month = issue_month(lay.title)
    blocks = [b for b in lay.blocks if isinstance(b, (Heading, Paragraph))]
    if month is None:
        warnings.append(ExtractionWarning(path, lay.title_line or 1, "newsletter title names no issue month"))
        return [], [b for b in blocks if isinstance(b, Paragraph)], warnings
    used: set[int] = set()
    items: list[NewsItem] = []
    for i, block in enumerate(blocks):
        if i in used or not _headline_like(block.text):
            continue
        nxt = blocks[i + 1] if i + 1 < len(blocks) else None
        close = nxt is not None and nxt.line - block.line <= 2  # at most one blank line between
        summary = ""
        last = i + 1 == len(blocks) - 1  # the page's last block: a summary cut off with the page
        if nxt is not None and close:
            under = last or (isinstance(nxt, Paragraph) and not _headline_like(nxt.text))
            summary = nxt.text if under and (last or ends_sentence(nxt.text)) else ""
        if not summary:
            in_run = close and nxt is not None and (_headline_like(nxt.text) or _capitals(nxt.text))
            sentence = block.text.rstrip().endswith("?") or bool(_HEADLINE_VERB.search(block.text))
            if not (in_run and sentence):
                continue
        used.add(i)
        if summary:
            used.add(i + 1)
        truncated = bool(summary) and not ends_sentence(summary)
        if truncated:
            warnings.append(
                ExtractionWarning(path, block.line, "newsletter item is cut off (ends mid-sentence)")
            )
        items.append(
            NewsItem(
                number=len(items) + 1,
                headline=block.text.rstrip(" :"),
                published=month,
                summary=summary,
                line=block.line,
                truncated=truncated,
                precision="month",
            )
        )
    rest = [b for i, b in enumerate(blocks) if i not in used and isinstance(b, Paragraph)]
    return items, rest, warnings
