"""Reading large files in chunks: whether a byte string occurs, and a file's size and digest."""

from __future__ import annotations

import hashlib
from pathlib import Path

__all__ = ["CHUNK", "FileInfo", "file_info", "mentions"]

CHUNK = 1 << 22
FileInfo = dict[str, object]
"""``{"bytes": ..., "sha256": ...}``: what the manifest and VoID say of a published file."""


def mentions(path: Path, text: bytes) -> bool:
    """Whether ``text`` occurs in the file ``path`` (read in chunks; a match across two chunks counts)."""
    tail = b""
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            if text in tail + chunk:
                return True
            tail = chunk[len(chunk) - len(text) + 1 :]
    return False


def file_info(path: Path) -> FileInfo:
    """The file's size in bytes and its SHA-256, hex."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(CHUNK), b""):
            digest.update(chunk)
    return {"bytes": path.stat().st_size, "sha256": digest.hexdigest()}
