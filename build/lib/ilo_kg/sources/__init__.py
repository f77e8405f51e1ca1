"""Extractors: source page text -> :class:`ilo_kg.records.Page`, by page kind.

No RDF and no entity linking here: only the structure the page states.
"""

from __future__ import annotations

from pathlib import Path

from ilo_kg.iris import slug
from ilo_kg.records import ExtractionWarning, Page, PageKind
from ilo_kg.sources.layout import Layout, layout, read_lines
from ilo_kg.sources.news import extract_news, looks_like_news_item
from ilo_kg.sources.offices import OfficeFacts, extract_statements
from ilo_kg.sources.projects import extract_projects, looks_like_project_item

__all__ = ["PageError", "detect_kind", "extract", "extract_text"]


class PageError(ValueError):
    """A page that cannot be read as any known kind; the message names the file (and line)."""


def _kind_of(lay: Layout, facts: OfficeFacts, path: str) -> PageKind:
    items = lay.items
    ranged = sum(1 for it in items if looks_like_project_item(it))
    dated = sum(1 for it in items if looks_like_news_item(it))
    if ranged and ranged >= dated:
        return PageKind.PROJECT_LISTING
    about = bool(facts.network or facts.coordinators or lay.title.lower().startswith("about"))
    strong = bool(facts.coverage or about or any(i.former_names or i.since_year for i in facts.identity))
    if strong:
        return PageKind.ABOUT_PAGE if about else PageKind.OFFICE_PAGE
    if dated:
        return PageKind.NEWS_LISTING
    if facts.identity:
        return PageKind.OFFICE_PAGE
    where = f"{path}:{lay.title_line or 1}"
    raise PageError(
        f"{where}: fits no known page kind (project listing, news listing, about page, office page): "
        f"found {len(items)} numbered item(s), none with a date line, and no office statements"
    )


def detect_kind(text: str, path: str) -> PageKind:
    """The kind of a page from its structure; :class:`PageError` if it fits none."""
    if not text.strip():
        raise PageError(f"{path}: empty page")
    lay = layout(read_lines(text))
    return _kind_of(lay, extract_statements(lay.paragraphs, lay.title), path)


def _read(path: Path) -> str:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise PageError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PageError(
            f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})"
        ) from exc
    text = text.removeprefix("\ufeff")
    if not text.strip():
        raise PageError(f"{path}: empty file")
    return text


def extract_text(text: str, path: str, kind: PageKind | None = None) -> Page:
    """Extract a page from its text; ``path`` names it in warnings and errors."""
    if not text.strip():
        raise PageError(f"{path}: empty page")
    lay = layout(read_lines(text))
    facts = extract_statements(lay.paragraphs, lay.title)
    if kind is None:
        kind = _kind_of(lay, facts, path)
    source_id = slug(Path(path).stem)
    warnings: list[ExtractionWarning] = []
    if kind is PageKind.PROJECT_LISTING:
        projects, warnings = extract_projects(lay, path)
        return Page(
            path,
            source_id,
            kind,
            lay.title,
            tuple(lay.paragraphs),
            projects=tuple(projects),
            warnings=tuple(warnings),
        )
    news, warnings = extract_news(lay.items, path)
    if kind is PageKind.NEWS_LISTING:
        if not news:
            warnings.append(ExtractionWarning(path, lay.title_line or 1, "no news items found"))
        return Page(
            path,
            source_id,
            kind,
            lay.title,
            tuple(lay.paragraphs),
            news=tuple(news),
            warnings=tuple(warnings),
        )
    if not (facts.coverage or facts.identity or facts.network or facts.coordinators):
        warnings.append(ExtractionWarning(path, lay.title_line or 1, "no office statements found"))
    return Page(
        path,
        source_id,
        kind,
        lay.title,
        tuple(lay.paragraphs),
        news=tuple(news),
        coverage=tuple(facts.coverage),
        network=tuple(facts.network),
        coordinators=tuple(facts.coordinators),
        identity=tuple(facts.identity),
        warnings=tuple(warnings),
    )


def extract(path: Path, kind: PageKind | None = None) -> Page:
    """Read a UTF-8 page file and extract it (its kind detected when ``kind`` is None)."""
    path = Path(path)
    return extract_text(_read(path), str(path), kind)
