"""What every build shares whatever its input: why it stops, and how its release is versioned.

Both input adapters of :mod:`ilo_kg.build` (the source pages, and an N-Quads file given with
``--from``) stop with :class:`BuildError` carrying the same messages, and name their release with
:func:`release_version`.  This module imports nothing of the package, so the publish and the
Oxigraph-end-to-end build (:mod:`ilo_kg.fastbuild`) can use it without import cycles.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ilo_kg.validate import ValidationReport

__all__ = ["NOT_CONFORMING", "BuildError", "inconsistent", "release_version"]

NOT_CONFORMING = "the data does not conform to the shapes; nothing was published"


class BuildError(RuntimeError):
    """The build stopped; nothing was published.  ``report`` holds the validation report when it failed."""

    def __init__(self, message: str, report: ValidationReport | None = None) -> None:
        super().__init__(message)
        self.report = report


def inconsistent(errors: Iterable[str]) -> BuildError:
    """The error of a graph that is inconsistent under OWL 2 RL (the reasoner's findings listed)."""
    return BuildError(
        "the graph is inconsistent under OWL 2 RL: " + "; ".join(errors) + "; nothing was published"
    )


def release_version(package_version: str, ntriples_sha256: str) -> str:
    """A release's version: the package's, then the first 12 hex digits of the SHA-256 of its sorted
    N-Triples union (the same inputs give the same version, whichever adapter read them)."""
    return f"{package_version}+{ntriples_sha256[:12]}"
