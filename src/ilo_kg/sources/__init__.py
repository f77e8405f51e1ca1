"""Extractors: source page text -> :class:`ilo_kg.records.Page`, by page kind.

No RDF and no entity linking here: only the structure the page states.
"""

from __future__ import annotations

from pathlib import Path

from ilo_kg.iris import slug
from ilo_kg.records import Page, PageKind
from ilo_kg.sources.common import language_of
from ilo_kg.sources.kinds import ARTICLE_WORDS, BY_KIND, KINDS, Reading, detect
from ilo_kg.sources.layout import layout, read_lines
from ilo_kg.sources.offices import extract_statements

__all__ = ["PageError", "detect_kind", "extract", "extract_text"]


class PageError(ValueError):
    """A page that cannot be read as any known kind; the message names the file (and line)."""


def _reading(text: str, path: str) -> Reading:
    lay = layout(read_lines(text))
    language = language_of(text)
    return Reading(
        lay,
        extract_statements(lay.paragraphs, lay.title, lay.title_line or 1),
        path,
        slug(Path(path).stem),
        language,
    )


def _kind_of(r: Reading) -> PageKind:
    kind = detect(r)
    if kind is None:
        raise PageError(
            f"{r.path}:{r.layout.title_line or 1}: fits no known page kind "
            f"({', '.join(k.kind.value for k in KINDS)}): no dated or ranged item, no office statement "
            f"and under {ARTICLE_WORDS} words of running text"
        )
    return kind


def detect_kind(text: str, path: str) -> PageKind:
    """The kind of a page from its structure; :class:`PageError` if it fits none."""
    if not text.strip():
        raise PageError(f"{path}: empty page")
    return _kind_of(_reading(text, path))


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
    r = _reading(text, path)
    return BY_KIND[kind or _kind_of(r)].extract(r)


def extract(path: Path, kind: PageKind | None = None) -> Page:
    """Read a UTF-8 page file and extract it (its kind detected when ``kind`` is None)."""
    path = Path(path)
    return extract_text(_read(path), str(path), kind)
