"""``ilo-kg ingest``: a page as users have it -> a new source page in ``data/sources``.

A page is a plain-text file (the layout of ``data/sources/*.txt``), a saved HTML page or an http(s)
URL (an HTML or plain-text page).  Everything is done in memory first: fetch or read, decode, HTML to
text, extract with the page kind given or detected.  Only a page that passes all of that is written,
so a page that cannot be fetched or read changes nothing.  Then the caller rebuilds and, when the build
fails, undoes the writing (:func:`write` returns the undo).

Files written for a page from HTML or a URL (``NNN`` the next free number, ``hash`` the first 16 hex
digits of the SHA-256 of the original):

* ``NNN_hash.txt``: the text the build reads;
* ``NNN_hash.html``: the original HTML, as fetched or saved;
* ``NNN_hash.meta.json``: its note of origin (:class:`~ilo_kg.sources.origin.SourceMeta`) and the
  ``--kind`` given, which every later build uses.

A plain-text file keeps its name (``.txt`` added when it has another suffix) and gets a sidecar only
when ``--kind`` is given.  A page whose text, or whose original (by the SHA-256 its sidecar records),
is already a source changes nothing (unless ``--kind`` gives it another kind: then only its sidecar
changes).
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ilo_kg import __version__
from ilo_kg.records import Page, PageKind
from ilo_kg.sources import extract_text
from ilo_kg.sources.fetch import FetchError, FetchLimits, fetch, is_url
from ilo_kg.sources.html import HtmlError, decode, html_to_text
from ilo_kg.sources.origin import META_SUFFIX, SourceMeta, meta_path, read_meta

__all__ = ["IngestError", "Staged", "locked", "stage", "write"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml", ".xht", ".shtml"})
_NUMBERED = re.compile(r"^(\d+)_")


class IngestError(ValueError):
    """A page that cannot be ingested; the message is one line."""


@dataclass(frozen=True)
class Staged:
    """What ingesting a page would write, decided before anything is written."""

    name: str
    """The text file's name in ``data/sources``."""
    page: Page
    files: tuple[tuple[str, bytes], ...] = ()
    """Files to write, in order (the text last, so a build never sees a page without its sidecar)."""
    unchanged: bool = False
    """The same text is already a source, with the same kind: nothing to do."""
    note: str = ""


@dataclass(frozen=True)
class _Original:
    data: bytes
    html: bool
    label: str  # how errors name the page: the URL or the file
    charset: str | None = None  # from the HTTP Content-Type
    meta: SourceMeta = field(default_factory=SourceMeta)


def _obtain(source: str, limits: FetchLimits) -> _Original:
    if is_url(source):
        try:
            got = fetch(source, limits)
        except FetchError as exc:
            raise IngestError(str(exc)) from exc
        meta = SourceMeta(
            url=got.url,
            final_url=got.final_url if got.final_url != got.url else None,
            retrieved=got.retrieved.isoformat().replace("+00:00", "Z"),
            media_type=got.media_type,
        )
        return _Original(got.body, got.is_html, got.final_url, got.charset, meta)
    path = Path(source)
    try:
        size = path.stat().st_size
        if size > limits.max_bytes:
            raise IngestError(f"{path}: too large ({size:,} bytes; the limit is {limits.max_bytes:,})")
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    suffix = path.suffix.lower()
    head = data[:2048].lower()
    html = suffix in HTML_SUFFIXES or (suffix != ".txt" and (b"<html" in head or b"<!doctype html" in head))
    media = "text/html" if html else "text/plain"
    return _Original(data, html, str(path), None, SourceMeta(original_name=path.name, media_type=media))


def _text(original: _Original) -> tuple[str, str]:
    """The page's text and the charset it was read with."""
    try:
        decoded, charset = decode(original.data, original.charset, html=original.html)
        if original.html:
            return html_to_text(decoded, original.label), charset
    except HtmlError as exc:
        message = str(exc)
        named = message if message.startswith(original.label) else f"{original.label}: {message}"
        raise IngestError(named) from exc
    if not decoded.strip():
        raise IngestError(f"{original.label}: empty page")
    return decoded, charset


def _next_number(sources_dir: Path) -> int:
    numbers = [int(m.group(1)) for p in sources_dir.glob("*") if (m := _NUMBERED.match(p.name))]
    return max(numbers, default=-1) + 1


def _same_text(sources_dir: Path, data: bytes) -> Path | None:
    for path in sorted(sources_dir.glob("*.txt")):
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return path
    return None


def _same_original(sources_dir: Path, sha: str) -> Path | None:
    """The source whose sidecar records this original (the same HTML, whatever text it gives today)."""
    for path in sorted(sources_dir.glob(f"*{META_SUFFIX}")):
        text = path.with_name(path.name.removesuffix(META_SUFFIX) + ".txt")
        meta = read_meta(text)
        if meta is not None and meta.sha256 == sha and text.is_file():
            return text
    return None


def stage(sources_dir: Path, source: str, kind: PageKind | None, limits: FetchLimits | None = None) -> Staged:
    """Fetch or read a page and decide what ingesting it writes; raises :class:`IngestError` or
    :class:`~ilo_kg.sources.PageError` (a page that fits no kind) before anything is written."""
    limits = limits or FetchLimits()
    original = _obtain(source, limits)
    text, charset = _text(original)
    keep_bytes = not original.html and original.meta.url is None and charset == "utf-8"
    data = original.data if keep_bytes else text.encode("utf-8")

    sha = hashlib.sha256(original.data).hexdigest()
    existing = _same_original(sources_dir, sha) or _same_text(sources_dir, data)
    if existing is not None:
        meta = read_meta(existing)
        remembered = PageKind(meta.kind) if meta is not None and meta.kind else None
        page = extract_text(
            existing.read_text(encoding="utf-8", errors="replace"), str(existing), kind or remembered
        )
        if kind is None or (meta is not None and meta.kind == kind.value):
            return Staged(existing.name, page, unchanged=True, note=f"{existing.name} is already a source")
        changed = replace(meta or SourceMeta(), kind=kind.value)
        note = f"{existing.name} is already a source; its kind is now {kind.value}"
        return Staged(existing.name, page, ((meta_path(existing).name, changed.to_json()),), note=note)

    if original.html or original.meta.url is not None:
        name = f"{_next_number(sources_dir):03d}_{sha[:16]}.txt"
    else:
        name = Path(source).stem + ".txt"
        if (sources_dir / name).exists():
            raise IngestError(f"{sources_dir / name} exists with other content; rename the page to add it")
    page = extract_text(text, str(sources_dir / name), kind)
    files: list[tuple[str, bytes]] = []
    meta = replace(original.meta, kind=kind.value if kind else None)
    if original.html:
        stem = name.removesuffix(".txt")
        files.append((f"{stem}.html", original.data))
        meta = replace(meta, original=f"{stem}.html", charset=charset, sha256=sha)
        meta = replace(meta, converter=f"ilo-kg {__version__} (HTML to text)")
    elif original.meta.url is not None:
        meta = replace(meta, charset=charset, sha256=sha)
    else:
        meta = SourceMeta(kind=meta.kind)  # a text file: only the kind is worth remembering
    if meta != SourceMeta():
        files.append((meta_path(sources_dir / name).name, meta.to_json()))
    files.append((name, data))
    return Staged(name, page, tuple(files), note=f"{name} added ({page.kind.value}) from {original.label}")


@contextmanager
def locked(sources_dir: Path) -> Iterator[None]:
    """One ingest at a time per sources folder: an advisory lock on the folder itself (no lock file)."""
    if not sources_dir.is_dir():
        raise IngestError(f"{sources_dir}: no such folder (is --root the project folder?)")
    try:
        import fcntl
    except ImportError:  # pragma: no cover - not POSIX: no lock
        yield
        return
    fd = os.open(sources_dir, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


def write(staged: Staged, sources_dir: Path) -> Callable[[], None]:
    """Write the staged files (each atomically, by rename); returns the undo."""
    previous: list[tuple[Path, bytes | None]] = []

    def undo() -> None:
        for path, data in reversed(previous):
            if data is None:
                path.unlink(missing_ok=True)
            else:
                _atomic(path, data)

    try:
        for name, data in staged.files:
            target = sources_dir / name
            previous.append((target, target.read_bytes() if target.exists() else None))
            _atomic(target, data)
    except OSError as exc:
        undo()
        raise IngestError(f"{sources_dir}: cannot write {exc.filename or ''}: {exc.strerror or exc}") from exc
    return undo


def _atomic(target: Path, data: bytes) -> None:
    tmp = target.with_name(f".{target.name}.partial")
    tmp.write_bytes(data)
    os.replace(tmp, target)
