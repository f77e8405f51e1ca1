"""A page read into a :class:`Layout`: a title, then headings, paragraphs and numbered items in order.

Items keep their own lines (with line numbers) so that each page kind can read
them by its own structure.  Month headings ("November 2021") group the items
that follow; other headings name the section of what follows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ilo_kg.records import ExtractionWarning, Paragraph
from ilo_kg.sources.common import (
    BULLET_RE,
    CREDIT_RE,
    MARKER_RE,
    MONTH_HEADING_RE,
    clean,
    ends_sentence,
    is_date_line,
)


@dataclass(frozen=True)
class Line:
    no: int  # 1-based line number in the file
    indent: int
    text: str  # whitespace-cleaned


@dataclass
class RawItem:
    number: int
    line: int
    indent: int
    lines: list[Line] = field(default_factory=list)  # content lines, the marker's text first; blanks kept
    group: str | None = None
    section: str | None = None

    def blocks(self) -> list[tuple[int, str]]:
        """Runs of lines joined by spaces, with the first line number of each run.

        A run ends at a blank line; a date line or a credit line is a run of its own; and a
        capitalised line after a short unpunctuated one (a category line such as "Video") starts
        a new run, so items laid out without blank lines read the same.
        """
        out: list[tuple[int, str]] = []
        run: list[Line] = []

        def flush() -> None:
            if run:
                out.append((run[0].no, " ".join(x.text for x in run)))
                run.clear()

        for ln in [*self.lines, Line(0, 0, "")]:
            if not ln.text:
                flush()
                continue
            alone = is_date_line(ln.text) or bool(CREDIT_RE.match(ln.text))
            prev = run[-1].text if run else ""
            category = bool(prev) and len(prev.split()) <= 8 and not ends_sentence(prev)
            if alone or (category and ln.text[:1].isupper()) or (run and is_date_line(prev)):
                flush()
            run.append(ln)
            if alone:
                flush()
        return out


@dataclass(frozen=True)
class Heading:
    text: str
    line: int
    month: bool = False


@dataclass
class Layout:
    title: str
    title_line: int
    blocks: list[Heading | Paragraph | RawItem]

    @property
    def items(self) -> list[RawItem]:
        return [b for b in self.blocks if isinstance(b, RawItem)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]


def read_lines(text: str) -> list[Line]:
    lines = []
    for no, raw in enumerate(text.splitlines(), start=1):
        raw = raw.replace("\t", "    ").replace("\u00a0", " ").rstrip()
        lines.append(Line(no, len(raw) - len(raw.lstrip(" ")), clean(raw)))
    return lines


def _is_heading(text: str) -> bool:
    if MONTH_HEADING_RE.match(text):
        return True
    words = text.split()
    return (
        0 < len(words) <= 10
        and len(text) <= 80
        and text[-1] not in ".,;:!?"
        and not BULLET_RE.match(text)
        and not CREDIT_RE.match(text)
        and not is_date_line(text)
    )


def layout(lines: list[Line]) -> Layout:
    """Split a page into title, headings, paragraphs and numbered items."""
    blocks: list[Heading | Paragraph | RawItem] = []
    title, title_line = "", 0
    item: RawItem | None = None
    group: str | None = None
    section: str | None = None
    para: list[Line] = []
    bullets: set[int] = set()  # the lines that open with a bullet

    def flush_para() -> None:
        if para:
            text = " ".join(x.text for x in para)
            blocks.append(Paragraph(text, para[0].no, section, bullet=para[0].no in bullets))
            para.clear()

    for i, ln in enumerate(lines):
        nxt_blank = i + 1 >= len(lines) or not lines[i + 1].text
        m = MARKER_RE.match(ln.text)
        if m and ln.indent <= 3:
            flush_para()
            first = Line(ln.no, ln.indent, m.group(2))
            item = RawItem(int(m.group(1)), ln.no, ln.indent, [first], group, section)
            blocks.append(item)
            continue
        if item is not None:
            month = bool(MONTH_HEADING_RE.match(ln.text)) and ln.indent <= item.indent
            if not ln.text:
                item.lines.append(ln)
                continue
            if not month and (item.indent == 0 or ln.indent >= item.indent):
                item.lines.append(ln)
                continue
            item = None
        if not ln.text:
            flush_para()
            continue
        if not title and not blocks and not para and not MONTH_HEADING_RE.match(ln.text):
            title, title_line = ln.text, ln.no
            continue
        if (nxt_blank or MONTH_HEADING_RE.match(ln.text)) and not para and _is_heading(ln.text):
            month = bool(MONTH_HEADING_RE.match(ln.text))
            blocks.append(Heading(ln.text, ln.no, month))
            if month:
                group = ln.text
            else:
                section, group = ln.text, None
            continue
        bullet = BULLET_RE.match(ln.text)
        text = ln.text[bullet.end() :] if bullet else ln.text
        if bullet:
            bullets.add(ln.no)
        if para and (bullet or ends_sentence(para[-1].text) or not text[:1].islower()):
            flush_para()
        para.append(Line(ln.no, ln.indent, text))
    flush_para()
    return Layout(title, title_line, blocks)


def numbering_warnings(items: list[RawItem], path: str) -> list[ExtractionWarning]:
    """A warning for each item whose number does not follow the previous one (restarting per group)."""
    warnings: list[ExtractionWarning] = []
    previous, group = 0, None
    for item in items:
        if item.group != group:
            previous, group = 0, item.group
        if item.number != previous + 1:
            message = f"numbering skips from {previous} to {item.number}"
            warnings.append(ExtractionWarning(path, item.line, message))
        previous = item.number
    return warnings
