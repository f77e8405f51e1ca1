"""The second engine behind the ``Store`` interface: a remote SPARQL 1.1 engine over HTTP.

A query is checked here before anything is sent (the service checks it too): only a
query form, no update, no SERVICE outside the allow-list, no FROM naming a graph the
dataset does not hold, and no extension-function call (Virtuoso runs ``bif:`` SQL
built-ins such as ``bif:http_get`` from SPARQL text).  Then the text is rewritten at
the token level, never by pasting request values:

* the dataset, always spelled out: ``FROM``/``FROM NAMED`` for each graph of the published
  dataset (or the ones the query or the protocol name), so that the default graph is their
  union, as in the embedded store (Virtuoso's own default graph also holds its system graphs
  and graphs a publish is staging, and ``FROM`` without ``FROM NAMED`` lets ``GRAPH ?g``
  reach every graph it holds);
* bindings: a ``VALUES`` block, made only of validated variable names and terms
  serialised here (N-Triples escaping), opening the WHERE group, so that FILTERs and
  OPTIONALs of the group see the bound value, as with Oxigraph's substitutions;
* the row cap: ``LIMIT max_rows + 1`` (or the query's own smaller LIMIT).

Where those go is found by a SPARQL tokeniser and then checked, once per query text, by
rdflib's parser on the text rewritten with probe values (:mod:`ilo_kg.sparql_text`); a query whose
rewrite does not parse as intended is refused.

The time limit goes to the engine (Virtuoso's ``timeout`` parameter, in ms: the engine
stops the query and flags the answer ``X-SQL-State: S1TAT``) and is enforced here too:
the whole answer must arrive within it, or :class:`QueryTimeout`.  Answers are parsed by
pyoxigraph (SPARQL JSON results, N-Triples) as they stream in, so ``Result`` holds the same
terms as the embedded store's, and the result-size cap (``max_bytes``) cuts them as it does
there: counted on the parsed terms, and on the bytes read (twice the cap) so that one huge
term or a verbose answer is never read whole into the service's memory.
"""

from __future__ import annotations

import asyncio
import functools
import time
from collections.abc import Iterator, Mapping, Sequence
from typing import IO, Any, cast
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from ilo_kg.config import Settings
from ilo_kg.describe import describe, described_triples
from ilo_kg.engine.contract import (
    BindingError,
    EngineError,
    QueryTimeout,
    Result,
    ResultKind,
    Term,
    UnknownGraph,
    WorkerState,
    term_bytes,
)
from ilo_kg.formats import find, serialize_triples
from ilo_kg.iris import Minter
from ilo_kg.safety import QueryRefused, check_query
from ilo_kg.sparql_text import _FORMS, XSD, _iri_text, _plan, _rewrite, _shape, term_text
from ilo_kg.sparql_text import _values_block as _values_block  # re-exported for tests

__all__ = ["RemoteStore", "deployment_graph", "engine_url", "term_text"]

DCTERMS = "http://purl.org/dc/terms/"
_GRACE_S = 0.5  # network slack on top of the time limit before we give up on the engine
GRAPHS_TTL_S = 30.0  # how long the list of live graphs is trusted before the engine is asked again
_RAW_PER_TERM_BYTE = 2
"""Bytes of the engine's answer read per byte of the result-size cap before the answer is cut: a term
written in SPARQL JSON or N-Triples takes more than its count (quotes, keys, escapes)."""
_RAW_SLACK = 1 << 16
_ERROR_BODY_BYTES = 1 << 16
"""How much of an engine's error answer is read (its first line is reported)."""


def engine_url(engine: str) -> str:
    """``sparql+http(s)://[user:pw@]host:port/path`` -> the query endpoint's HTTP URL, without user info."""
    if not engine.startswith(("sparql+http://", "sparql+https://")):
        raise ValueError(f"not a remote engine URL (sparql+http://... or sparql+https://...): {engine!r}")
    parts = urlsplit(engine.removeprefix("sparql+"))
    if not parts.hostname:
        raise ValueError(f"no host in the engine URL {engine!r}")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path or "/sparql", parts.query, ""))


def deployment_graph(base_iri: str) -> str:
    """The small graph in the engine naming the live version and graphs (written by the publish)."""
    return str(Minter(base_iri).deployment_graph)


# --- the store ---------------------------------------------------------------------------------


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint behind the ``Store`` interface (read-only)."""

    def __init__(
        self,
        url: str,
        *,
        base_iri: str,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        max_bytes: int = 0,
        service_allowlist: Sequence[str] = (),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = engine_url(url) if url.startswith("sparql+") else url
        self._registry = deployment_graph(base_iri)
        self._base_iri = base_iri
        self._minter = Minter(base_iri)
        self._union = str(self._minter.default_graph)
        self._default: str | None = None
        """The published default graph (the distinct union) when the deployment lists it."""
        self._timeout_s = timeout_s
        self._max_rows = max_rows
        self._max_bytes = max(0, max_bytes)
        """Result-size cap in bytes (the embedded store's measure of the terms), 0: none."""
        self._allowlist = tuple(service_allowlist)
        self._client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(timeout_s + _GRACE_S, connect=5.0)
        )
        self._graphs: tuple[str, ...] | None = None
        self._graphs_at = 0.0
        self._version: str | None = None
        self._count: int | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.BaseTransport | None = None
    ) -> RemoteStore:
        return cls(
            settings.engine,
            base_iri=settings.base_iri,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
            max_bytes=settings.max_result_bytes,
            service_allowlist=settings.service_allowlist,
            transport=transport,
        )

    def refresh(self) -> None:
        """Re-read which graphs are live (after a publish); the next call sees the new version."""
        self._graphs = None
        self._count = None

    def graphs(self) -> tuple[str, ...]:
        """The live named graphs: as the deployment graph lists them, else the engine's under the base."""
        if self._graphs is None or time.monotonic() - self._graphs_at > GRAPHS_TTL_S:
            registry = _iri_text(self._registry)
            rows = self._select(f"SELECT ?p ?o WHERE {{ GRAPH {registry} {{ {registry} ?p ?o }} }}")
            listed = sorted(o.value for p, o in rows if p.value == DCTERMS + "hasPart" and o is not None)
            version = next((o.value for p, o in rows if p.value == DCTERMS + "hasVersion" and o), None)
            if not listed:
                found = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
                prefix = str(self._minter.graph(""))
                listed = sorted(
                    g.value
                    for (g,) in found
                    if isinstance(g, ox.NamedNode) and g.value.startswith(prefix) and "?" not in g.value
                )
                listed = [g for g in listed if g != self._registry]
            # the default graph is not a named graph of the dataset: queries that name no dataset use it
            self._default = self._union if self._union in listed else None
            listed = [g for g in listed if g != self._union]
            if tuple(listed) != self._graphs or version != self._version:
                self._count = None  # another publish: the cached count is stale
            self._graphs, self._version, self._graphs_at = tuple(listed), version, time.monotonic()
        return self._graphs

    @property
    def version(self) -> str | None:
        """The dataset version the engine serves (from the deployment graph), None if unknown."""
        self.graphs()
        return self._version

    def triple_count(self) -> int:
        """Number of quads in the live graphs."""
        if self._count is None:
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=1)
            first = rows.rows[0][0] if rows.rows else None
            self._count = int(first.value) if isinstance(first, ox.Literal) else 0
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
        base_iri: str | None = None,
    ) -> Result:
        """Run one query on the engine with the embedded store's semantics (see the module doc)."""
        if base_iri is not None:  # relative IRIs of the text resolve against it (a BASE of the text wins)
            text = f"BASE {_iri_text(base_iri)}\n{text}"
        graphs = self.graphs()
        checked = check_query(text, known_graphs=graphs, service_allowlist=self._allowlist)
        bound = _checked_bindings(bindings)
        shape = _shape(text)
        kind = _FORMS[shape.form]
        plan = _plan(text, tuple(n for n, _ in bound), True, kind == "select")
        projection = plan.projection
        foreign = sorted({f for f in plan.functions if not f.startswith(XSD)})
        if foreign:
            listed = ", ".join(f"<{f}>" for f in foreign)
            raise QueryRefused(f"extension functions are not allowed on this endpoint: {listed}")
        for what, iris in (("default graph", default_graphs), ("named graph", named_graphs)):
            for iri in iris or ():
                try:
                    ox.NamedNode(iri)
                except ValueError:
                    raise UnknownGraph(f"the {what} <{iri}> is not an absolute IRI") from None
        if projection is not None:
            missing = [name for name, _ in bound if name not in projection]
            if missing:
                raise BindingError(
                    "cannot bind parameters: "
                    + ", ".join("?" + m for m in missing)
                    + " not in the SELECT projection"
                )
        # The dataset is always spelled out: Virtuoso lets GRAPH ?g reach every graph it holds when
        # a query names FROM but no FROM NAMED (tested), where SPARQL (and Oxigraph) give none.
        # A graph the dataset does not hold is an empty graph: it is left out of the clauses (never
        # sent: the engine's own graphs stay out of reach, and nothing is fetched).  A dataset given
        # in the protocol replaces the query's whole.
        own = checked.dataset
        live = set(graphs)
        dataset: tuple[Sequence[str], Sequence[str]]
        if default_graphs is not None or named_graphs is not None:
            wanted = (default_graphs or (), named_graphs or ())
            dataset = ([g for g in wanted[0] if g in live], [g for g in wanted[1] if g in live])
        elif own is not None:
            dataset = ([g for g in own.default if g in live], [g for g in own.named if g in live])
        else:  # the published default graph (a set), or the union of the graphs (an older publish)
            dataset = ([self._default] if self._default else graphs, graphs)
        cap = self._max_rows if max_rows is None else max_rows
        sent = _rewrite(
            text, shape, dataset=dataset, bindings=bound, limit=cap + 1 if kind == "select" else None
        )
        limit_s = self._timeout_s if timeout_s is None else timeout_s
        return self._run(sent, kind, cap, limit_s, self._max_bytes)

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
        """:meth:`query` in a thread (the HTTP client blocks); ``formats`` is ignored: the caller writes
        the rows or triples that come back."""
        return await asyncio.to_thread(
            functools.partial(
                self.query,
                text,
                bindings=bindings,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                timeout_s=timeout_s,
                max_rows=max_rows,
                base_iri=base_iri,
            )
        )

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
        """:func:`ilo_kg.describe.describe` of ``iri`` by its lookups, from a thread; with ``format_name``
        the description's triples written in that graph format."""
        if format_name is None:
            return await asyncio.to_thread(
                functools.partial(describe, self, iri, timeout_s=timeout_s, max_rows=max_rows)
            )
        fmt = find(format_name)
        if fmt is None or fmt.kind != "graph":
            raise ValueError(f"{format_name!r} is not a graph format")
        triples = await asyncio.to_thread(
            functools.partial(described_triples, self, iri, timeout_s=timeout_s, max_rows=max_rows)
        )
        return (
            None if triples is None else serialize_triples(triples, fmt, prefixes=prefixes, context=context)
        )

    def triple_count_if_idle(self) -> int | None:
        """The count (asked of the engine once per publish): a remote engine has no workers to spare."""
        return self.triple_count()

    def worker_states(self) -> list[WorkerState]:
        """None: the remote engine's processes are its own."""
        return []

    def spare_states(self) -> list[WorkerState]:
        """None: the remote engine's processes are its own."""
        return []

    def pool_figures(self) -> dict[str, Any]:
        """None: the remote engine has no pool of ours."""
        return {}

    def waiting(self) -> int:
        """None: calls wait for the remote engine itself, not for a worker of ours."""
        return 0

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- HTTP ----------------------------------------------------------------------------------

    def _select(self, text: str) -> list[tuple[Any, ...]]:
        result = self._run(text, "select", 1_000_000, max(self._timeout_s, 30.0))
        return [tuple(row) for row in result.rows]

    def _run(self, text: str, kind: ResultKind, cap: int, limit_s: float, max_bytes: int = 0) -> Result:
        accept = "application/n-triples" if kind == "construct" else "application/sparql-results+json"
        form = {"query": text, "timeout": str(max(1, int(limit_s * 1000)))}
        started = time.monotonic()
        deadline = started + limit_s + _GRACE_S
        try:
            with self._client.stream(
                "POST", self.url, data=form, headers={"Accept": accept}, timeout=limit_s + _GRACE_S
            ) as response:
                if response.status_code != 200:
                    message = (
                        _Body(response, deadline, _ERROR_BODY_BYTES).read_all().decode("utf-8", "replace")
                    )
                    raise _engine_error(response.status_code, message, limit_s, time.monotonic() - started)
                if response.headers.get("x-sql-state") == "S1TAT":
                    raise QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped")
                engine_cut = "x-sparql-maxrows" in response.headers
                raw = max_bytes * _RAW_PER_TERM_BYTE + _RAW_SLACK if max_bytes > 0 else 0
                body = _Body(response, deadline, raw)
                # parsed as it arrives; leaving the block closes the stream (an answer cut early is not read)
                return _collect_remote(kind, body, cap, max_bytes, engine_cut)
        except httpx.TimeoutException:
            raise QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped") from None
        except httpx.HTTPError as exc:
            raise EngineError(f"the SPARQL engine at {self.url} cannot be reached: {exc}") from None


class _Body:
    """The engine's answer as a file pyoxigraph's parsers read from while it streams in.

    Reading stops (an end of file for the parser) at the deadline, on a network error, or once
    ``limit`` bytes were read (0: no limit); :meth:`check` then raises the timeout or the error, and
    ``cut`` says the limit was met.  Nothing is raised through the parser.
    """

    def __init__(self, response: httpx.Response, deadline: float, limit: int = 0) -> None:
        self._chunks = response.iter_bytes()
        self._deadline = deadline
        self._limit = limit
        self._pending = b""
        self.read_bytes = 0
        self.cut = False
        self.failure: Exception | None = None

    def read(self, size: int = -1) -> bytes:
        if self.cut or self.failure is not None:
            return b""
        while not self._pending:
            if time.monotonic() > self._deadline:
                self.failure = httpx.ReadTimeout("the answer did not arrive within the time limit")
                return b""
            try:
                self._pending = next(self._chunks)
            except StopIteration:
                return b""
            except httpx.HTTPError as exc:
                self.failure = exc
                return b""
        size = len(self._pending) if size is None or size < 0 else size
        if self._limit:
            room = self._limit - self.read_bytes
            if room <= 0:
                self.cut = True
                return b""
            size = min(size, room)
        out, self._pending = self._pending[:size], self._pending[size:]
        self.read_bytes += len(out)
        return out

    def read_all(self) -> bytes:
        parts = []
        while part := self.read(1 << 16):
            parts.append(part)
        self.check()
        return b"".join(parts)

    def check(self) -> None:
        """Raise what stopped the reading early (a timeout, a network error), if anything did."""
        if self.failure is not None:
            raise self.failure


def _checked_bindings(bindings: Mapping[str, Term] | None) -> tuple[tuple[str, Term], ...]:
    out: list[tuple[str, Term]] = []
    for name, term in (bindings or {}).items():
        if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple):
            raise BindingError(f"parameter {name!r} must be bound to an RDF term, not {type(term).__name__}")
        out.append((name.removeprefix("?").removeprefix("$"), term))
    return tuple(out)


def _engine_error(status: int, body: str, limit_s: float, elapsed_s: float) -> Exception:
    first = body.strip().splitlines()[0] if body.strip() else f"HTTP {status}"
    # Virtuoso: S1TAT/SR171 name the timeout; an interrupted sort reports SR177 at the limit
    interrupted = "SR177" in body and elapsed_s >= 0.9 * limit_s
    if interrupted or any(code in body for code in ("S1TAT", "SR171", "timed out", "Timeout")):
        return QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped ({first})")
    if any(code in body for code in ("SP030", "SP031", "37000")) or status == 400:
        return EngineError(f"the SPARQL engine refused the query: {first}")
    return EngineError(f"the SPARQL engine failed (HTTP {status}): {first}")


def _collect_remote(kind: ResultKind, body: _Body, cap: int, max_bytes: int, engine_cut: bool) -> Result:
    """The answer's rows or triples, parsed as they arrive and cut at ``cap`` or once their terms hold
    ``max_bytes`` (measured as in the embedded store), or once the answer passed the bytes ``body`` may
    read; an answer the engine cut itself (``X-SPARQL-MaxRows``) is marked cut by the row cap."""
    budget = max_bytes if max_bytes > 0 else None
    names: tuple[str, ...] = ()
    kept: list[Any] = []
    size = 0
    cut_by = "rows" if engine_cut else None
    try:
        if kind == "construct":
            items: Iterator[Any] = (
                q.triple for q in ox.parse(cast(IO[bytes], body), format=ox.RdfFormat.N_TRIPLES)
            )
        else:
            answer = ox.parse_query_results(cast(IO[bytes], body), format=ox.QueryResultsFormat.JSON)
            if isinstance(answer, ox.QueryBoolean):
                body.check()
                return Result(kind="ask", boolean=bool(answer))
            names = tuple(v.value for v in answer.variables)
            items = (tuple(solution[i] for i in range(len(names))) for solution in answer)
        for item in items:
            if len(kept) == cap:
                cut_by = "rows"
                break
            if budget is not None:
                terms = (item.subject, item.predicate, item.object) if kind == "construct" else item
                size += sum(term_bytes(t) for t in terms) + (0 if kind == "construct" else 2)
                if size > budget:
                    cut_by = "bytes"
                    break
            kept.append(item)
    except SyntaxError as exc:
        body.check()  # a timeout or a network error stopped the answer: report that
        if not body.cut:
            what = "N-Triples" if kind == "construct" else "an answer"
            raise EngineError(f"the SPARQL engine sent unreadable {what}: {exc}") from None
        cut_by = "bytes"  # the answer passed the bytes it may take: what was parsed before stands
    body.check()
    if body.cut and cut_by is None:
        cut_by = "bytes"
    truncated = cut_by is not None
    if kind == "construct":
        return Result(kind="construct", triples=tuple(kept), truncated=truncated, cut_by=cut_by)
    return Result(kind="select", variables=names, rows=tuple(kept), truncated=truncated, cut_by=cut_by)
