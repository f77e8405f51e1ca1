"""Project listings ("Overview of current projects"): intro paragraphs, then numbered items.

Each item is a title (possibly wrapped over several lines), a date-range line
and a description.  A last item cut off mid-sentence is kept and marked
truncated; one cut off before its dates is dropped with a warning.
"""

from __future__ import annotations

from datetime import date

from ilo_kg.records import ExtractionWarning, ProjectItem
from ilo_kg.sources.common import ends_sentence, parse_date, parse_range, parse_range_start
from ilo_kg.sources.layout import Layout, RawItem, numbering_warnings


def looks_like_project_item(item: RawItem) -> bool:
    """True when the item's first date line is a date range."""
    for _, text in item.blocks()[1:]:
        if parse_range(text):
            return True
        if parse_date(text):
            return False
    return False


def parse_project(item: RawItem, path: str, last: bool) -> tuple[ProjectItem | None, list[ExtractionWarning]]:
    warnings: list[ExtractionWarning] = []

    def warn(line: int, message: str) -> None:
        warnings.append(ExtractionWarning(path, line, message))

    blocks = item.blocks()
    title_parts: list[str] = []
    start: date | None = None
    end: date | None = None
    rest: list[tuple[int, str]] = []
    dated = False
    for i, (no, text) in enumerate(blocks):
        rng = parse_range(text)
        single = parse_date(text)
        if i > 0 and (rng or single):
            if rng:
                start, end = rng
            else:
                start = single
                warn(no, f"project {item.number}: a single date, not a range: {text!r}")
            dated = True
            rest = blocks[i + 1 :]
            break
        title_parts.append(text)
    if not dated and last and len(blocks) > 1:
        # a range cut off after its start, e.g. "1 March 2022 - 31 Dec"
        partial = parse_range_start(blocks[-1][1])
        if partial:
            start, dated, title_parts = partial, True, [t for _, t in blocks[:-1]]
    title = " ".join(title_parts)
    description = "\n\n".join(text for _, text in rest)
    truncated = False
    if not dated:
        if last:
            warn(item.line, f"project {item.number} cut off before its dates; dropped")
            return None, warnings
        warn(item.line, f"project {item.number} has no date range")
        rest = blocks[1:]
        title = blocks[0][1]
        description = "\n\n".join(text for _, text in rest)
    if last and dated and (end is None or not description or not ends_sentence(description)):
        truncated = True
        warn(item.line, f"project {item.number} is cut off (last item ends mid-sentence)")
    if not title:
        warn(item.line, f"project {item.number} has no title; dropped")
        return None, warnings
    return ProjectItem(item.number, title, start, end, description, item.line, truncated), warnings


def extract_projects(lay: Layout, path: str) -> tuple[list[ProjectItem], list[ExtractionWarning]]:
    """All project items of a listing, with warnings for odd ones and for skipped numbering."""
    out: list[ProjectItem] = []
    items = lay.items
    warnings = numbering_warnings(items, path)
    for i, item in enumerate(items):
        project, found = parse_project(item, path, last=i == len(items) - 1)
        warnings.extend(found)
        if project:
            out.append(project)
    if not out:
        warnings.append(ExtractionWarning(path, lay.title_line or 1, "no project items found"))
    return out, warnings
