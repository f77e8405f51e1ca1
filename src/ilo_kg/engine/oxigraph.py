"""The embedded engine: the published Oxigraph store, opened read-only.

Neither Oxigraph nor rdflib can be interrupted from Python, so in pool mode every query runs in one
of a few pre-started worker processes (:mod:`ilo_kg.engine.pool`, running
:mod:`ilo_kg.engine.worker`), each holding the store open read-only; a worker that passes the time
limit is killed (SIGKILL) and replaced, and its caller gets :class:`QueryTimeout`.  The in-process
mode (``workers=0``, the CLI and tests) runs queries in the calling thread (a thread of its own for
the async methods) and cannot enforce the time limit.

This module also holds what runs one query on a pyoxigraph store (:func:`execute`), shared by the
in-process mode and the workers, and the helpers the publish uses to fill a release's default graph.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import logging
import os
import tempfile
import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from ilo_kg.config import Settings
from ilo_kg.describe import describe, described_triples
from ilo_kg.engine.contract import (
    BindingError,
    EngineError,
    QueryError,
    QuerySyntaxError,
    Result,
    ResultKind,
    Term,
    UnknownGraph,
    WorkerState,
    term_bytes,
)
from ilo_kg.engine.pattern import write_lookup
from ilo_kg.engine.pool import Pool
from ilo_kg.filescan import mentions
from ilo_kg.formats import FORMATS, XSD_STRING, serialize, serialize_triples
from ilo_kg.safety import lookup, query_dataset, streams

__all__ = [
    "OxigraphStore",
    "Request",
    "Unbounded",
    "copy_to_memory",
    "describe_op",
    "engine_described_triples",
    "execute",
    "execute_inline",
    "fill_default_graph",
    "has_default_graph",
    "named_graphs",
    "named_quads",
    "streams",
    "swap_to_memory",
    "written_triples",
]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Request:
    """One query as it crosses to a worker: everything is checked and plain (it is pickled)."""

    text: str
    bindings: tuple[tuple[str, Term], ...]
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    text_names_dataset: bool
    max_rows: int
    base_iri: str | None = None
    """Relative IRIs of the query text are resolved against this IRI (a ``BASE`` in the text wins)."""
    formats: tuple[tuple[str, str], ...] = ()
    """Write the answer in these formats (result kind, format name) where the worker runs it."""
    max_bytes: int = 0
    """Cut the result once its terms hold this many bytes (0: no cap)."""


# --- running one query (shared by the in-process mode and the workers) ------------------------


def has_default_graph(store: ox.Store) -> bool:
    """Whether ``store`` holds its own default graph (a release does: the distinct union of its graphs).

    Stores published before releases held one have only named graphs: their default graph is then
    the union of the named graphs, as a bag (a triple stated in two graphs is seen twice).
    """
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def named_quads(store: ox.Store) -> int:
    """The quads of the named graphs of ``store`` (its default graph, derived from them, left out)."""
    if not has_default_graph(store):
        return len(store)
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(answer))[0].value)  # type: ignore[arg-type]


def fill_default_graph(store: ox.Store, union: Path, graphs: Sequence[ox.NamedNode]) -> None:
    """Write the distinct union of ``graphs`` into the default graph of ``store``.

    ``union`` is the release's sorted N-Triples dump of that union (``ilo-kg.nt``): loaded as it
    is, unless it holds blank nodes, which a load would rename (they would then differ from the
    same nodes in the named graphs); the union is then copied from the store's own quads.
    """
    if not mentions(union, b"_:"):
        store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES)
        return
    for graph in graphs:
        triples = [
            ox.Quad(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)
        ]
        store.bulk_extend(triples)


def execute(store: ox.Store, request: Request, *, own_default: bool | None = None) -> Result:
    """Run one request on a pyoxigraph store (in this process or in a worker), the engine's failures
    turned into the contract's errors; the answer written in the request's format for its kind, if any.

    ``own_default``: :func:`has_default_graph` of ``store`` when the caller knows it (it is read
    otherwise: a store is read-only, a worker asks once)."""
    result = _execute(store, request, None, own_default)
    assert result is not None  # only an inline run gives up
    return result


def execute_inline(
    store: ox.Store, request: Request, limit: int = 0, *, own_default: bool | None = None
) -> Result | None:
    """:func:`execute` of a query :func:`streams` recognises, in the calling process: the engine's
    writing stops once the answer passes ``limit`` bytes (default :data:`_INLINE_MAX`), and None is
    returned (the query then goes to a worker, under the time limit).

    A lookup answered in SPARQL JSON on the store's own default graph is read from its index and written
    here (:func:`~ilo_kg.engine.pattern.write_lookup`, the engine's bytes), when nothing the engine
    would do otherwise applies."""
    limit = limit or _INLINE_MAX
    if (
        not request.bindings
        and request.default_graphs is None
        and request.named_graphs is None
        and ("select", "json") in request.formats
    ):
        found = lookup(request.text)
        if found is not None and (has_default_graph(store) if own_default is None else own_default):
            cap = min(_NATIVE_MAX, request.max_bytes // 2) if request.max_bytes > 0 else _NATIVE_MAX
            try:
                body = write_lookup(store, found, request.max_rows, min(cap, limit))
            except (OSError, ValueError, RuntimeError) as exc:  # the store failed, as _execute reports it
                raise EngineError(str(exc)) from None
            if body is not None:
                names = found.projection if found.projection is not None else found.variables
                return Result(kind="select", variables=names, body=body, body_format="json")
    return _execute(store, request, limit, own_default)


def _execute(
    store: ox.Store, request: Request, inline_limit: int | None, own_default: bool | None
) -> Result | None:
    options: dict[str, Any] = {}
    if request.default_graphs is not None or request.named_graphs is not None:
        # SPARQL protocol: a dataset given by default-graph-uri / named-graph-uri replaces the
        # query's FROM / FROM NAMED whole (a part not given is empty); a graph the store does not
        # hold is an empty graph, and nothing is ever fetched
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs or ()]
    elif not request.text_names_dataset and not (
        has_default_graph(store) if own_default is None else own_default
    ):
        options["use_default_graph_as_union"] = True
    if request.base_iri is not None:
        options["base_iri"] = request.base_iri
    if request.bindings:
        options["substitutions"] = {ox.Variable(name): term for name, term in request.bindings}
    wanted = dict(request.formats)
    try:
        answer = store.query(request.text, **options)
        native = _NATIVE.get(wanted.get(_kind(answer), ""))
        if native is not None:
            body = _written_natively(answer, native, request.max_rows, request.max_bytes, inline_limit)
            if body is None and inline_limit is not None:
                return None
            if body is not None:
                return Result(
                    kind=_kind(answer),
                    variables=_variables(answer),
                    boolean=bool(answer) if isinstance(answer, ox.QueryBoolean) else None,
                    body=body,
                    body_format=wanted[_kind(answer)],
                )
            answer = store.query(request.text, **options)  # a cap may cut it: rows are counted below
        result = _collect(answer, request.max_rows, request.max_bytes)
    except SyntaxError as exc:
        raise QuerySyntaxError.from_engine(str(exc)) from None
    except RuntimeError as exc:
        if request.bindings and "projection" in str(exc):
            raise BindingError(f"cannot bind parameters: {exc}") from None
        raise EngineError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise EngineError(str(exc)) from None
    written = wanted.get(result.kind)
    return result if written is None else _written(result, written)


_ENGINE_WRITTEN = {f.name: f.engine_written for f in FORMATS}
"""Graph formats the engine writes: a description in one of them may be made in the service process."""

_NATIVE = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML}
"""Result formats the engine writes itself (a Python writer costs several times the query of a lookup)."""

_NATIVE_MAX = 64 << 20
"""An answer written by the engine is given up past this size: it is counted row by row instead."""


_INLINE_MAX = 256 << 10
"""A query run inline gives up (and goes to a worker) once its answer passes this many bytes."""


def _kind(answer: Any) -> ResultKind:
    if isinstance(answer, ox.QuerySolutions):
        return "select"
    return "ask" if isinstance(answer, ox.QueryBoolean) else "construct"


def _variables(answer: Any) -> tuple[str, ...]:
    return tuple(v.value for v in answer.variables) if isinstance(answer, ox.QuerySolutions) else ()


class _Overflow(Exception):
    """The engine's written answer passed the size up to which no cap can cut it."""


class _Buffer:
    """Where the engine writes an answer; it stops the writing past ``limit`` bytes."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.size = 0
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.size += len(data)
        if self.size > self.limit:
            raise _Overflow
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass


def _written_natively(
    answer: Any, fmt: ox.QueryResultsFormat, max_rows: int, max_bytes: int, limit: int | None = None
) -> bytes | None:
    """A SELECT or ASK answer written by the engine when neither the row cap nor the byte cap can cut
    it; None when one might (the caller runs the query again and counts).

    * Rows: a solution takes at least 3 bytes in SPARQL JSON (``{}`` and a comma), so a body of at most
      ``3 * max_rows`` bytes has no more rows than the cap; a longer one is counted (JSON parsed, XML's
      ``<result>`` elements: a value's ``<`` is escaped).
    * Bytes: :func:`~ilo_kg.engine.contract.term_bytes` of a term is under twice what the term takes
      written in either format, so a body of at most half the cap holds terms under the cap.
    """
    cap = min(_NATIVE_MAX, max_bytes // 2) if max_bytes > 0 else _NATIVE_MAX
    buffer = _Buffer(cap if limit is None else min(cap, limit))
    try:
        answer.serialize(buffer, format=fmt)
    except _Overflow:
        return None
    body = b"".join(buffer.parts)
    if isinstance(answer, ox.QueryBoolean) or len(body) <= 3 * max_rows:
        return body
    if fmt == ox.QueryResultsFormat.JSON:
        rows = len(json.loads(body)["results"]["bindings"])
    else:
        rows = body.count(b"<result>")
    return body if rows <= max_rows else None


def _written(result: Result, format_name: str) -> Result:
    """The result with its body written in a format (only bytes cross the process boundary then)."""
    fmt = next(f for f in FORMATS if f.name == format_name)
    body = serialize(result, fmt)
    return Result(
        kind=result.kind,
        variables=result.variables,
        boolean=result.boolean,
        truncated=result.truncated,
        cut_by=result.cut_by,
        body=body,
        body_format=format_name,
    )


def written_triples(
    triples: Sequence[ox.Triple], format_name: str, prefixes: tuple[tuple[str, str], ...], context: Any = None
) -> bytes:
    """A description's triples written in a graph format (where the description was made)."""
    fmt = next(f for f in FORMATS if f.name == format_name)
    return serialize_triples(triples, fmt, prefixes=dict(prefixes), context=context)


def describe_op(
    store: OxigraphStore,
    iri: str,
    max_rows: int,
    written: tuple[Any, ...] | None,
    *,
    own_default: bool | None = None,
) -> Any:
    """The ``describe`` operation: the page's :func:`~ilo_kg.describe.describe`, or, for a graph format
    (``written``: its name, prefixes and JSON-LD context), only its triples, written (None: nothing
    is said about ``iri``).  ``store``: an in-process :class:`OxigraphStore` (a worker's own);
    ``own_default``: :func:`has_default_graph` of its store when the caller knows it."""
    if written is None:
        return describe(store, iri, max_rows=max_rows)
    local = store._local
    if local is not None and (has_default_graph(local) if own_default is None else own_default):
        triples = engine_described_triples(local, iri, max_rows)  # unbounded: a worker, timed
    else:
        triples = described_triples(store, iri, max_rows=max_rows)
    return None if triples is None else written_triples(triples, *written)


_R = ox.Variable("r")
_OUT_CONSTRUCT = "CONSTRUCT { ?r ?p ?o } WHERE { ?r ?p ?o } ORDER BY ?p ?o"
_IN_CONSTRUCT = "CONSTRUCT { ?s ?p ?r } WHERE { ?s ?p ?r } ORDER BY ?p ?s"
_DEFAULT = ox.DefaultGraph()

_INLINE_TRIPLES = 1024
"""A description runs in the service process only while the triples its lookups read stay within this
many (:class:`_Budget`); past it the description goes to a worker, under the time limit."""


class Unbounded(Exception):
    """A description would read more triples than its budget allows (it goes to a worker)."""


class _Budget:
    """What a description run in the service process may still read: each lookup reads its triples
    first, by a scan of the store's index that stops past what is left (an ``ORDER BY`` reads them all
    before it answers, so its cost is known only this way)."""

    def __init__(self, triples: int) -> None:
        self.left = triples

    def take(self, store: ox.Store, node: ox.NamedNode, outgoing: bool) -> list[ox.Quad]:
        """The quads of the lookup (the triples it reads), counted against what is left."""
        if outgoing:
            found = store.quads_for_pattern(node, None, None, _DEFAULT)
        else:
            found = store.quads_for_pattern(None, None, node, _DEFAULT)
        read = list(itertools.islice(found, self.left + 1))
        if len(read) > self.left:
            raise Unbounded
        self.left -= len(read)
        return read


def _in_engine_order(quads: list[ox.Quad], outgoing: bool) -> list[ox.Triple] | None:
    """The triples of a lookup's ``quads`` in the order of its ``ORDER BY ?p ?o`` (``?p ?s`` incoming),
    told here when the engine's order of them is plain: by predicate IRI; then IRIs before literals, IRIs
    and strings (``xsd:string``) by their text, as the engine compares them (SPARQL 1.1 § 15.1, code point
    order).  None when a term of another kind (a blank node, a language string, a number, a date...)
    shares its predicate with another term: how the engine orders those is left to it."""
    keyed: list[tuple[str, int, str, ox.Quad]] = []
    others: set[str] = set()  # the predicates with a term of another kind
    for quad in quads:
        term = quad.object if outgoing else quad.subject
        if isinstance(term, ox.NamedNode):
            keyed.append((quad.predicate.value, 0, term.value, quad))
        elif isinstance(term, ox.Literal) and term.datatype.value == XSD_STRING and term.direction is None:
            keyed.append((quad.predicate.value, 1, term.value, quad))  # (an xsd:string has no language)
        else:  # where it goes is told by its predicate alone, or the engine tells it
            keyed.append((quad.predicate.value, 2, "", quad))
            others.add(quad.predicate.value)
    if others and any(n > 1 for p, n in Counter(k[0] for k in keyed).items() if p in others):
        return None
    keyed.sort(key=lambda k: (k[0], k[1], k[2]))
    return [k[3].triple for k in keyed]


def engine_described_triples(
    store: ox.Store, iri: str, max_rows: int, *, budget: int | None = None
) -> tuple[ox.Triple, ...] | None:
    """:func:`~ilo_kg.describe.described_triples` on a pyoxigraph store that holds its own default graph
    (a release: the distinct union of its graphs, so no triple repeats): the same triples in the same
    order under the same row cap, made by the engine.

    Each lookup is a CONSTRUCT ordered as the generic lookup's SELECT DISTINCT … ORDER BY (the engine
    builds its triples in the order of the solutions): the engine hands over triples, where the generic
    path turns every row's terms into Python objects and then builds the triples from them, which cost
    a worker a third of a description.  ``tests/unit/test_describe_triples.py`` holds the two equal.

    ``budget``: the most triples its lookups may read (:class:`Unbounded` is raised before any lookup
    that would pass it); None: no bound (in a worker, under the time limit).  Within a budget, each
    lookup's triples are those its count read, put in the engine's order here when that order is plain
    (:func:`_in_engine_order`: 97% of the bench's lookups), which spares the engine parsing and planning
    the CONSTRUCT (a description made here took 200 µs, now 60)."""
    node = ox.NamedNode(iri)
    left = None if budget is None else _Budget(budget)
    out = _constructed(store, _OUT_CONSTRUCT, node, max_rows, left, outgoing=True)
    inc = _constructed(store, _IN_CONSTRUCT, node, max_rows, left, outgoing=False)
    if not out and not inc:
        return None
    prefix = iri + "#"
    parts = {t.object.value for t in out if isinstance(t.object, ox.NamedNode)}
    parts.update(t.subject.value for t in inc if isinstance(t.subject, ox.NamedNode))
    triples = out + inc
    for part in sorted(v for v in parts if v.startswith(prefix)):
        triples += _constructed(store, _OUT_CONSTRUCT, ox.NamedNode(part), max_rows, left, outgoing=True)
    return tuple(dict.fromkeys(triples))


def _constructed(
    store: ox.Store, text: str, node: ox.NamedNode, max_rows: int, budget: _Budget | None, *, outgoing: bool
) -> list[ox.Triple]:
    if budget is not None:
        ordered = _in_engine_order(budget.take(store, node, outgoing), outgoing)
        if ordered is not None:
            return ordered[:max_rows]
    answer = store.query(text, substitutions={_R: node})
    assert isinstance(answer, ox.QueryTriples)
    return list(itertools.islice(answer, max_rows))


def _collect(answer: Any, max_rows: int, max_bytes: int = 0) -> Result:
    """The answer's rows or triples, cut at ``max_rows`` or once they hold ``max_bytes`` (0: no cap)."""
    budget = max_bytes if max_bytes > 0 else None
    if isinstance(answer, ox.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows: list[tuple[Term | None, ...]] = []
        size = 0
        for solution in answer:
            if len(rows) == max_rows:
                return Result(kind="select", variables=names, rows=tuple(rows), truncated=True, cut_by="rows")
            row = tuple(solution)  # the values in the order of the variables, None where unbound
            if budget is not None:
                size += sum(term_bytes(t) for t in row) + 2
                if size > budget:
                    return Result(
                        kind="select", variables=names, rows=tuple(rows), truncated=True, cut_by="bytes"
                    )
            rows.append(row)
        return Result(kind="select", variables=names, rows=tuple(rows))
    triples: list[ox.Triple] = []
    size = 0
    for triple in answer:
        if len(triples) == max_rows:
            return Result(kind="construct", triples=tuple(triples), truncated=True, cut_by="rows")
        if budget is not None:
            size += term_bytes(triple.subject) + term_bytes(triple.predicate) + term_bytes(triple.object)
            if size > budget:
                return Result(kind="construct", triples=tuple(triples), truncated=True, cut_by="bytes")
        triples.append(triple)
    return Result(kind="construct", triples=tuple(triples))


def named_graphs(store: ox.Store) -> tuple[str, ...]:
    return tuple(sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))


def copy_to_memory(disk: ox.Store, memory_source: str | None = None, expected: int | None = None) -> ox.Store:
    """An in-memory store holding the quads of ``disk`` (pyoxigraph releases the GIL meanwhile).

    ``expected`` is ``len(disk)`` when the caller already counted it (a count reads the whole store).
    """
    expected = len(disk) if expected is None else expected
    if memory_source and Path(memory_source).is_file():
        memory = ox.Store()
        memory.bulk_load(path=memory_source, format=ox.RdfFormat.N_QUADS)
        extra = []
        for graph in disk.named_graphs():  # graphs the dump leaves out (the VoID description of it)
            if next(iter(memory.quads_for_pattern(None, None, None, graph)), None) is None:
                extra.append(graph)
        union = Path(memory_source).with_name("ilo-kg.nt")
        if has_default_graph(disk) and union.is_file():  # the distinct union of the dumped graphs
            fill_default_graph(
                memory, union, [g for g in memory.named_graphs() if isinstance(g, ox.NamedNode)]
            )
        for graph in extra:
            memory.bulk_extend(disk.quads_for_pattern(None, None, None, graph))
        if len(memory) == expected:
            return memory
        log.warning(
            "%s does not hold the store's %d quads: copying the store itself", memory_source, expected
        )
    with tempfile.TemporaryDirectory(prefix="ilo-kg-worker-") as folder:
        dump = str(Path(folder) / "store.nq")
        disk.dump(output=dump, format=ox.RdfFormat.N_QUADS)
        memory = ox.Store()
        memory.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    return memory


_COPY_BYTES_PER_QUAD = 600
"""What copying a store into memory may take at its peak, per quad (loading and the copy itself)."""


def swap_to_memory(
    engine: dict[str, ox.Store],
    memory_source: str | None,
    memory_quads: int,
    memory_limit: int = 0,
    who: str = "the service",
) -> None:
    """Replace ``engine["store"]`` (a store on disk) by a copy in memory when it holds at most
    ``memory_quads`` quads (and the copy fits in 3/4 of ``memory_limit``, if any); run in a thread of its
    own, at the lowest CPU priority.  On any failure the store on disk stays."""
    disk = engine["store"]
    with contextlib.suppress(OSError, AttributeError):
        # lowest CPU priority for this thread (and the loader threads it starts): queries and the
        # service's own start-up go first while the copy is made
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    try:
        quads = len(disk)
        if quads > memory_quads:
            return
        if memory_limit and quads * _COPY_BYTES_PER_QUAD > memory_limit * 3 // 4:
            # the copy would leave too little of the worker memory limit for queries (or pass it,
            # and the worker would be replaced again and again): stay on disk
            log.warning(
                "%s stays on disk: a memory copy of %d quads needs about %d MiB, over 3/4 of "
                "the worker memory limit of %d MiB",
                who,
                quads,
                quads * _COPY_BYTES_PER_QUAD >> 20,
                memory_limit >> 20,
            )
            return
        memory = copy_to_memory(disk, memory_source, quads)
        if "store" in engine:  # still wanted (a store closed meanwhile emptied it)
            engine["store"] = memory
    except Exception as exc:  # queries go on from disk
        log.error("%s could not copy the store into memory: %s", who, exc)


# --- the store ----------------------------------------------------------------------------------


class OxigraphStore:
    """The embedded engine: the published Oxigraph store, opened read-only.

    Build it with :meth:`open`, :meth:`from_settings` or (tests) :meth:`from_pyoxigraph`.
    """

    def __init__(
        self,
        *,
        local: ox.Store | None = None,
        pool: Pool | None = None,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        max_bytes: int = 0,
        inline: ox.Store | None = None,
    ) -> None:
        if (local is None) == (pool is None):
            raise ValueError("OxigraphStore needs exactly one of a local store or a worker pool")
        self._local = local
        self._pool = pool
        self._inline_default = False
        self._lookups = {
            "lookups_here": 0,
            "lookups_to_workers": 0,
            "descriptions_here": 0,
            "descriptions_to_workers": 0,
        }
        self._inline: dict[str, ox.Store] = {} if inline is None else {"store": inline}
        """With a pool: the store opened read-only in this process (replaced by a copy in memory, as in
        the workers), for the queries that :func:`streams` recognises (no hop to a worker; their work is
        bounded by what they write)."""
        self._timeout_s = timeout_s
        self._max_rows = max_rows
        self._max_bytes = max_bytes
        self._graphs = named_graphs(local) if local is not None else pool.graphs  # type: ignore[union-attr]
        self._count: int | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        workers: int = 0,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        start_timeout_s: float = 60.0,
        memory_quads: int = 0,
        memory_source: Path | None = None,
        max_bytes: int = 0,
        worker_memory_mb: int = 0,
        spare_workers: int = 0,
        inline_lookups: bool = True,
    ) -> OxigraphStore:
        """Open a published store directory; ``workers=0`` runs queries in this process.

        ``memory_quads`` > 0: each worker copies a store of at most that many quads into memory
        after it started (answering from disk meanwhile), from ``memory_source`` (the release's
        N-Quads dump) when given.  ``max_bytes`` > 0 cuts a result once its terms hold that many
        bytes; ``worker_memory_mb`` > 0 ends a worker whose resident memory passes it (its query
        gets :class:`MemoryLimit`).  ``spare_workers`` processes are kept started and ready, to take the
        place of a worker the pool kills (time limit, cancellation, memory limit) at once.
        ``inline_lookups``: with workers, the queries :func:`streams` recognises run in this process
        (awaited ones: :meth:`query_async`) on the store opened read-only here.
        """
        path = Path(path)
        if not path.is_dir():
            raise FileNotFoundError(f"no published store at {path} (run the build first)")
        if workers <= 0:
            try:
                local = ox.Store.read_only(str(path))
            except OSError as exc:
                raise EngineError(f"cannot open the store at {path}: {exc}") from exc
            return cls(local=local, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes)
        pool = Pool(
            path, workers, start_timeout_s, memory_source, memory_quads, worker_memory_mb << 20, spare_workers
        )
        try:
            inline: ox.Store | None = ox.Store.read_only(str(path)) if inline_lookups else None
        except OSError as exc:  # the workers opened it: every query goes to them
            log.warning("lookups go to the query workers: cannot open the store here: %s", exc)
            inline = None
        store = cls(pool=pool, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes, inline=inline)
        if inline is not None and memory_quads > 0:
            threading.Thread(
                target=swap_to_memory,
                # the copy here is held to what a worker's may take
                args=(
                    store._inline,
                    str(memory_source or ""),
                    memory_quads,
                    worker_memory_mb << 20,
                    "the service's lookups",
                ),
                name="lookups-to-memory",
                daemon=True,
            ).start()
        return store

    @classmethod
    def from_settings(cls, settings: Settings, *, pool: bool = True) -> OxigraphStore:
        """``<dist>/store`` with the settings' limits; a worker pool unless ``pool=False``.

        The release behind ``<dist>`` is resolved once: every worker (replacements too) reads
        the same release even if a new one is published meanwhile.
        """
        release = settings.dist.resolve()
        return cls.open(
            release / "store",
            workers=settings.workers if pool else 0,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
            memory_quads=settings.memory_quads,
            memory_source=release / "ilo-kg.nq",
            max_bytes=settings.max_result_bytes,
            worker_memory_mb=settings.worker_memory_mb,
            spare_workers=settings.spare_workers,
        )

    def worker_modes(self) -> tuple[str, ...]:
        """``disk`` or ``memory`` for each worker (empty in-process): where its queries run now.

        Idle workers are asked; a busy one is not waited for (its mode at its last answer is given)."""
        if self._pool is None:
            return ()
        self._pool.refresh_modes(self._timeout_s)
        return tuple(sorted(w["mode"] for w in self._pool.states() if w["state"] != "starting"))

    def worker_states(self) -> list[WorkerState]:
        """Each worker's recorded state (pid, ``starting``/``idle``/``busy``, mode at its last answer,
        answers given, seconds busy): read without taking or asking any worker (for ``/status``)."""
        return self._pool.states() if self._pool is not None else []

    def spare_states(self) -> list[WorkerState]:
        """The spare workers (``ready`` with their pid, or ``starting``), as recorded (for ``/status``)."""
        return self._pool.spare_states() if self._pool is not None else []

    def pool_figures(self) -> dict[str, Any]:
        """What the pool did since it started: workers killed and how each was replaced, callers
        answered busy, seconds short of a worker, and the lookups the service answered itself without a
        worker, and those it gave to a worker past the inline limit (for ``/status``); empty in-process."""
        if self._pool is None:
            return {}
        return {**self._pool.figures(), **self._lookups}

    def waiting(self) -> int:
        """Calls waiting for a worker of the pool right now (0 in-process)."""
        return self._pool.waiting() if self._pool is not None else 0

    @classmethod
    def from_pyoxigraph(
        cls, store: ox.Store, *, timeout_s: float = 10.0, max_rows: int = 10000
    ) -> OxigraphStore:
        """In-process engine around an existing (e.g. in-memory fixture) pyoxigraph store."""
        return cls(local=store, timeout_s=timeout_s, max_rows=max_rows)

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    def worker_pids(self) -> tuple[int, ...]:
        """Process ids of the live workers (empty in-process)."""
        return self._pool.pids() if self._pool is not None else ()

    def worker_startup_s(self) -> tuple[float, ...]:
        """How long each worker took from start to ready (first ones and replacements)."""
        return tuple(self._pool.startup_s) if self._pool is not None else ()

    def triple_count_if_idle(self) -> int | None:
        """:meth:`triple_count` if it is known or a worker is idle right now to count (once); else None.

        For ``/status``: it never waits for a busy worker."""
        if self._count is not None or self._pool is None:
            return self.triple_count()
        try:
            count = self._pool.call_if_idle("count", None, max(self._timeout_s, 60.0))
        except QueryError:
            return None
        if count is None:
            return None
        self._count = int(count)
        return self._count

    def graphs(self) -> tuple[str, ...]:
        """IRIs of the named graphs the store holds, sorted."""
        return self._graphs

    def triple_count(self) -> int:
        """Number of quads in the named graphs (cached: the store is read-only)."""
        if self._count is None:
            if self._pool is not None:
                self._count = int(self._pool.call("count", None, max(self._timeout_s, 60.0)))
            else:
                self._count = named_quads(self._local)  # type: ignore[arg-type]
        return self._count

    def query(
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
        """Run one SPARQL query; the default graph is the distinct union of the dataset's graphs.

        ``bindings`` bind variables to RDF terms (never spliced into the text); in a
        SELECT a bound variable must be in the projection (SEP-0007, as Oxigraph does).
        ``default_graphs``/``named_graphs`` (SPARQL protocol) override the query's
        FROM/FROM NAMED; a graph the store does not hold is an empty graph (nothing is fetched).
        ``formats`` (result kind to format name, e.g. ``{"select": "json"}``) has the answer
        written where it runs: the result then carries ``body`` instead of rows or triples.
        ``base_iri`` resolves the relative IRIs of the text.
        """
        request = self._request(text, bindings, default_graphs, named_graphs, max_rows, formats, base_iri)
        if self._pool is not None:
            limit = self._timeout_s if timeout_s is None else timeout_s
            result: Result = self._pool.call("query", request, limit)
            return result
        return execute(self._local, request)  # type: ignore[arg-type]

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
        """:meth:`query` for an event loop: the loop waits on the worker's socket, no thread is used.

        In-process (``workers=0``) the query runs in a thread so that the loop is not blocked.
        """
        request = self._request(text, bindings, default_graphs, named_graphs, max_rows, formats, base_iri)
        if self._pool is not None:
            inline = self._inline_store()
            if inline is not None and _inline_request(request):
                answered = execute_inline(inline, request, own_default=self._inline_default)
                if answered is not None:
                    self._lookups["lookups_here"] += 1
                    return answered
                self._lookups["lookups_to_workers"] += 1
            limit = self._timeout_s if timeout_s is None else timeout_s
            result: Result = await self._pool.call_async("query", request, limit)
            return result
        return await asyncio.to_thread(execute, self._local, request)  # type: ignore[arg-type]

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
        """:func:`ilo_kg.describe.describe` of ``iri`` as one operation of one worker (all its lookups).

        With ``format_name`` (a graph format; ``context`` compacts JSON-LD) the worker writes the
        description's triples and the answer is those bytes (None when the graph says nothing
        about ``iri``).
        """
        rows = self._max_rows if max_rows is None else max_rows
        written = (
            None
            if format_name is None
            else (
                format_name,
                tuple(sorted((prefixes or {}).items())),
                None if context is None else dict(context),
            )
        )
        if self._pool is not None:
            if written is not None and _ENGINE_WRITTEN.get(written[0], False):
                inline = self._inline_store()
                if inline is not None and self._inline_default:
                    try:
                        triples = engine_described_triples(inline, iri, rows, budget=_INLINE_TRIPLES)
                    except Unbounded:
                        self._lookups["descriptions_to_workers"] += 1
                    except (OSError, ValueError, RuntimeError) as exc:  # as a worker reports them
                        raise EngineError(f"{type(exc).__name__}: {exc}") from None
                    else:
                        self._lookups["descriptions_here"] += 1
                        return None if triples is None else written_triples(triples, *written)
            limit = self._timeout_s if timeout_s is None else timeout_s
            return await self._pool.call_async("describe", (iri, rows, written), limit)
        return await asyncio.to_thread(describe_op, self, iri, rows, written)

    def _inline_store(self) -> ox.Store | None:
        """The service process's own copy of the store (None: none), ``_inline_default`` saying whether it
        holds its own default graph (asked once per copy: the copy in memory takes the disk's place)."""
        inline = self._inline.get("store")
        if inline is not None and self._inline.get("known") is not inline:
            self._inline_default = has_default_graph(inline)
            self._inline["known"] = inline
        return inline

    def _request(
        self,
        text: str,
        bindings: Mapping[str, Term] | None,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        max_rows: int | None,
        formats: Mapping[str, str] | None,
        base_iri: str | None = None,
    ) -> Request:
        return Request(
            text=text,
            base_iri=base_iri,
            bindings=_check_bindings(bindings),
            default_graphs=self._check_graphs(default_graphs, "default graph"),
            named_graphs=self._check_graphs(named_graphs, "named graph"),
            text_names_dataset=query_dataset(text) is not None,
            max_rows=self._max_rows if max_rows is None else max_rows,
            formats=tuple(sorted((formats or {}).items())),
            max_bytes=self._max_bytes,
        )

    def refresh(self) -> None:
        """Nothing to read again: this store is one release's, opened read-only (a new release gets a
        new store)."""

    def close(self) -> None:
        self._inline.clear()  # lookups go nowhere now; a copy still being made is dropped when done
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _check_graphs(iris: Sequence[str] | None, what: str) -> tuple[str, ...] | None:
        """Graph IRIs of the protocol's dataset; one the store does not hold is an empty graph."""
        if iris is None:
            return None
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise UnknownGraph(f"the {what} <{iri}> is not an absolute IRI") from None
        return tuple(iris)


def _inline_request(request: Request) -> bool:
    """A request to run in this process: a :func:`streams` text with nothing else to it, asked for in a
    format the engine writes itself."""
    return (
        request.default_graphs is None
        and request.named_graphs is None
        and not request.bindings
        and dict(request.formats).get("select") in _NATIVE
        and streams(request.text)
    )


def _check_bindings(bindings: Mapping[str, Term] | None) -> tuple[tuple[str, Term], ...]:
    if not bindings:
        return ()
    checked: list[tuple[str, Term]] = []
    for name, term in bindings.items():
        if not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
            raise BindingError(f"parameter {name!r} must be bound to an RDF term, not {type(term).__name__}")
        checked.append((name.removeprefix("?").removeprefix("$"), term))
    return tuple(checked)
