"""The engine-neutral contract: what the service needs of a query engine, and what it may get back.

Nothing here knows an engine: the embedded Oxigraph store (:mod:`ilo_kg.engine.oxigraph`) and a
remote SPARQL 1.1 engine (:mod:`ilo_kg.engine.remote`) both implement :class:`Store`, answer with
:class:`Result` and fail with the errors below.  The contract is async-first: the web layer awaits
:meth:`Store.query_async` and :meth:`Store.describe_async`; the blocking :meth:`Store.query` serves
the command line and the build.  What an engine can report about itself (its workers) is part of
the protocol too, so that no caller probes an engine for optional methods.

This module imports no other module of the package: every other engine module, the formats and the
web layer depend on it, never the reverse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal, Protocol

import pyoxigraph as ox

__all__ = [
    "BindingError",
    "EngineBusy",
    "EngineError",
    "MemoryLimit",
    "QueryError",
    "QueryRefused",
    "QuerySyntaxError",
    "QueryTimeout",
    "Result",
    "ResultKind",
    "Store",
    "Term",
    "UnknownGraph",
    "WorkerState",
    "term_bytes",
]

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ResultKind = Literal["select", "ask", "construct"]
WorkerState = dict[str, Any]
"""One worker as an engine recorded it: ``pid``, ``state`` (starting/idle/busy), ``mode``, ``answered``."""


# --- errors ------------------------------------------------------------------------------------


class QueryError(Exception):
    """Base of every error the query layer raises; ``str()`` is a readable message."""


_POSITION = re.compile(r"^error at (\d+):(\d+)(?:-\d+:\d+)?:\s*")


class QuerySyntaxError(QueryError):
    """The text is not a valid SPARQL 1.1 query; carries the parser's message and position."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        where = f" (line {line}, column {column})" if line is not None else ""
        super().__init__(f"SPARQL syntax error{where}: {message}")
        self.message = message
        self.line = line
        self.column = column

    def __reduce__(self) -> tuple[type[QuerySyntaxError], tuple[str, int | None, int | None]]:
        return (type(self), (self.message, self.line, self.column))

    @classmethod
    def from_engine(cls, engine_message: str) -> QuerySyntaxError:
        """From an Oxigraph message such as ``error at 3:15: expected ...``."""
        match = _POSITION.match(engine_message)
        if match is None:
            return cls(engine_message)
        return cls(engine_message[match.end() :], int(match.group(1)), int(match.group(2)))


class QueryRefused(QueryError):
    """The query is valid but not allowed here (update, SERVICE, unknown graph...)."""


class QueryTimeout(QueryError):
    """The query passed its time limit and was stopped (its worker killed)."""


class EngineBusy(QueryError):
    """Every worker stayed busy for the whole time limit; try again later."""


class EngineError(QueryError):
    """The engine failed (a worker died, the store could not be read)."""


class MemoryLimit(QueryError):
    """The query needed more memory than a worker may use (``worker_memory_mb``); its worker was replaced."""


class BindingError(QueryError):
    """A parameter cannot be bound (not an RDF term, or not in the SELECT projection)."""


class UnknownGraph(QueryRefused):
    """A requested default or named graph is not a valid graph name (an absolute IRI)."""


# --- answers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Result:
    """One query's answer: SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples."""

    kind: ResultKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    """One tuple per solution, aligned with ``variables``; None where unbound."""
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False
    """True when the engine had more rows (or triples) than ``max_rows``, or more than ``max_bytes``."""
    cut_by: str | None = None
    """What cut a truncated result: ``rows`` (the row cap) or ``bytes`` (the result-size cap)."""
    body: bytes | None = None
    """The answer written in ``body_format`` by the worker that ran it (rows and triples are then empty)."""
    body_format: str | None = None


def term_bytes(term: Term | None) -> int:
    """About the bytes a term takes in a written result (its lexical form and its type or tag)."""
    if term is None:
        return 0
    if isinstance(term, ox.Literal):
        return len(term.value) + len(term.language or "") + len(term.datatype.value) + 8
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return len(term.value) + 8
    return len(str(term)) + 8


# --- the engine --------------------------------------------------------------------------------


class Store(Protocol):
    """What the service needs of a query engine (embedded or remote).

    ``formats`` (result kind to format name, e.g. ``{"select": "json"}``) lets an engine that runs
    queries elsewhere write the answer there (the result then carries ``body``); an engine may
    ignore it and return rows or triples, which the caller writes.
    """

    def query(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """Run one query, blocking the calling thread."""
        ...

    async def query_async(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        formats: Mapping[str, str] | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """Run one query for an event loop, never blocking it."""
        ...

    async def describe_async(
        self,
        iri: str,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        format_name: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> Any:
        """:func:`ilo_kg.describe.describe` of ``iri`` (a ``Description`` or None); with ``format_name``
        (a graph format) the description's triples written in it, as bytes (None when nothing is said)."""
        ...

    def graphs(self) -> tuple[str, ...]:
        """IRIs of the named graphs of the published dataset, sorted."""
        ...

    def triple_count(self) -> int:
        """Quads in the named graphs."""
        ...

    def triple_count_if_idle(self) -> int | None:
        """:meth:`triple_count` when it costs no waiting for a busy worker, else None (for ``/status``)."""
        ...

    def worker_states(self) -> list[WorkerState]:
        """The engine's workers as recorded, no worker asked (empty for an engine without workers)."""
        ...

    def spare_states(self) -> list[WorkerState]:
        """The engine's spare workers (``ready`` or ``starting``), as recorded (empty without spares)."""
        ...

    def pool_figures(self) -> dict[str, Any]:
        """What the engine's worker pool did since it started (for ``/status``; empty without a pool)."""
        ...

    def waiting(self) -> int:
        """Calls waiting for a worker right now (0 for an engine without workers): a query whose client
        has gone is then cancelled at once, not after its grace."""
        ...

    def refresh(self) -> None:
        """Read again what the engine serves (after a publish): an engine bound to one release, as the
        embedded store is, has nothing to read again."""
        ...

    def close(self) -> None: ...
