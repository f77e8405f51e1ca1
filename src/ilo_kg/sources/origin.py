"""Where a source page came from: the sidecar ``NNN_hash.meta.json`` beside ``NNN_hash.txt``.

``ilo-kg ingest`` writes it; the build reads only ``kind`` from it (the page kind given with ``--kind``,
used instead of detecting the kind, so a rebuild reads the page as it was ingested).  The other fields
are the page's note of origin: the URL asked for and the one answered, when it was retrieved, the
original (HTML) file kept beside the text, its media type, charset and SHA-256.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path

from ilo_kg.records import PageKind
from ilo_kg.sources import PageError

__all__ = ["META_SUFFIX", "MetaError", "SourceMeta", "meta_path", "read_meta", "remembered_kind"]

META_SUFFIX = ".meta.json"


class MetaError(PageError):
    """A sidecar that cannot be read; the message names the file."""


@dataclass(frozen=True)
class SourceMeta:
    kind: str | None = None
    """The page kind given at ingest (``--kind``); the build uses it instead of detecting one."""
    url: str | None = None
    """The URL the page was ingested from."""
    final_url: str | None = None
    """The URL that answered, when redirects led elsewhere."""
    retrieved: str | None = None
    """When it was fetched (ISO 8601, UTC)."""
    original: str | None = None
    """The original file kept beside the text (``NNN_hash.html``)."""
    original_name: str | None = None
    """The name of the file given to ``ilo-kg ingest`` (a saved page)."""
    media_type: str | None = None
    charset: str | None = None
    """The charset the original was read with."""
    sha256: str | None = None
    """SHA-256 of the original as fetched or saved."""
    converter: str | None = None
    """What turned the original into the text (``ilo-kg 0.1.0 html``)."""
    note: str | None = None
    """A note of origin."""

    def to_json(self) -> bytes:
        data = {k: v for k, v in asdict(self).items() if v is not None}
        return (json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode()


def meta_path(text_path: Path) -> Path:
    """``.../NNN_hash.txt`` -> ``.../NNN_hash.meta.json``."""
    return text_path.with_name(text_path.stem + META_SUFFIX)


def read_meta(text_path: Path) -> SourceMeta | None:
    """The sidecar of a source page, or None when it has none; :class:`MetaError` when it is unreadable."""
    path = meta_path(text_path)
    if not path.is_file():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MetaError(f"{path}: cannot read as JSON: {exc}") from exc
    if not isinstance(data, dict):
        raise MetaError(f"{path}: expected a JSON object")
    known = {f.name for f in fields(SourceMeta)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise MetaError(f"{path}: unknown field(s) {', '.join(unknown)} (known: {', '.join(sorted(known))})")
    bad = [k for k, v in data.items() if v is not None and not isinstance(v, str)]
    if bad:
        raise MetaError(f"{path}: field(s) {', '.join(sorted(bad))} must be strings")
    meta = SourceMeta(**data)
    if meta.kind is not None and meta.kind not in {k.value for k in PageKind}:
        kinds = ", ".join(k.value for k in PageKind)
        raise MetaError(f"{path}: kind {meta.kind!r} is not a page kind ({kinds})")
    return meta


def remembered_kind(text_path: Path) -> PageKind | None:
    """The page kind given when the page was ingested, if one was."""
    meta = read_meta(text_path)
    return PageKind(meta.kind) if meta is not None and meta.kind else None
