"""Load the published build into a remote SPARQL engine, then switch to it.

Standard protocols only: the SPARQL 1.1 Graph Store HTTP Protocol to load each named
graph, SPARQL 1.1 Update (COPY, DROP, INSERT DATA) to switch, SPARQL 1.1 Query to count.
The steps, each checked before the next:

1. read ``<dist>/ilo-kg.nq`` (or ``ilo-kg.trig``) and ``void.ttl``; the per-graph counts must
   equal the manifest's, or nothing is sent;
2. refuse, without ``replace``, when the engine holds another version (or graphs of these
   names that no publish of ours wrote);
3. load every graph into a NEW graph ``<g>?ilo-kg-staged=<version>`` and count it there;
4. keep the live graphs aside (``<g>?ilo-kg-previous=<version>``), then COPY each staged
   graph onto its final name and rewrite the deployment graph (version and live graphs,
   which ``RemoteStore`` reads); count the live graphs;
5. on any failure in 4, copy the kept graphs back; finally drop the staged and kept graphs.

A failure in 1-3 never touches the live graphs.  The switch (4) is a handful of
server-side COPYs, not one transaction (Virtuoso 7.2 commits each operation of an update
request), which is why the previous graphs are kept aside until the new ones are counted.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from ilo_kg.config import Settings
from ilo_kg.engine.remote import DCTERMS, XSD, deployment_graph, term_text
from ilo_kg.iris import Minter
from ilo_kg.publish import read_manifest

__all__ = ["Endpoints", "PublishError", "RemotePublishReport", "endpoints_for", "publish_remote"]

CHUNK_TRIPLES = 20000
STAGED = "?ilo-kg-staged="
PREVIOUS = "?ilo-kg-previous="


class PublishError(RuntimeError):
    """The publish stopped; the message says at which step and what the engine now serves."""


@dataclass(frozen=True)
class Endpoints:
    """Where a SPARQL 1.1 engine answers queries, updates and the Graph Store Protocol."""

    query: str
    update: str
    graph_store: str
    auth: httpx.Auth | None = None


@dataclass(frozen=True)
class RemotePublishReport:
    url: str
    version: str
    previous_version: str | None
    graphs: dict[str, int]
    """Triples per live graph, as counted in the engine after the switch."""
    changed: bool
    seconds: float
    notes: tuple[str, ...] = field(default=())

    def text(self) -> str:
        what = "published" if self.changed else "already published (nothing to do)"
        lines = [f"{what}: version {self.version} at {self.url} ({self.seconds:.1f} s)"]
        if self.previous_version and self.changed:
            lines.append(f"replaced version {self.previous_version}")
        lines += [f"  {n:>8}  {g}" for g, n in sorted(self.graphs.items())]
        return "\n".join([*lines, *self.notes])


def endpoints_for(url: str, credentials: tuple[str, str] | None = None) -> Endpoints:
    """Endpoints of ``[sparql+]http(s)://[user:pw@]host:port/path[?update=..&graph-store=..&auth=basic]``.

    Without ``update``/``graph-store`` the Virtuoso layout is assumed: ``/sparql`` queries,
    ``/sparql-auth`` updates and ``/sparql-graph-crud-auth`` loads, with digest authentication
    (``/sparql-graph-crud`` and ``/sparql`` itself without credentials).
    """
    parts = urlsplit(url.removeprefix("sparql+"))
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise PublishError(f"not an engine URL (sparql+http://host:port/path): {url!r}")
    options = dict(parse_qsl(parts.query))
    if credentials is None and parts.username is not None:
        credentials = (unquote(parts.username), unquote(parts.password or ""))
    netloc = parts.netloc.rsplit("@", 1)[-1]
    kept = urlencode({k: v for k, v in options.items() if k not in ("update", "graph-store", "auth")})
    query = urlunsplit((parts.scheme, netloc, parts.path or "/sparql", kept, ""))
    origin = f"{parts.scheme}://{netloc}"
    suffix = "-auth" if credentials else ""
    update = options.get("update") or (parts.path or "/sparql") + suffix
    store = options.get("graph-store") or "/sparql-graph-crud" + suffix
    auth: httpx.Auth | None = None
    if credentials:
        basic = options.get("auth") == "basic"
        auth = httpx.BasicAuth(*credentials) if basic else httpx.DigestAuth(*credentials)
    return Endpoints(query, origin + update if update.startswith("/") else update, origin + store, auth)


def publish_remote(
    settings: Settings,
    url: str,
    *,
    replace: bool,
    credentials: tuple[str, str] | None = None,
    transport: httpx.BaseTransport | None = None,
    progress: Callable[[str], None] = lambda _m: None,
) -> RemotePublishReport:
    """Load ``settings.dist`` into the engine at ``url``; raises :class:`PublishError`."""
    started = time.monotonic()
    version, data = _read_build(settings)
    expected = {g: len(triples) for g, triples in data.items()}
    ep = endpoints_for(url, credentials)
    shown = _without_password(url)
    registry = deployment_graph(settings.base_iri)
    with httpx.Client(
        transport=transport, auth=ep.auth, timeout=httpx.Timeout(300.0, connect=10.0)
    ) as client:
        engine = _Engine(client, ep)
        try:
            previous_version, previous_graphs = engine.registry(registry)
        except httpx.HTTPError as exc:
            raise PublishError(f"cannot reach the engine at {shown}: {_why(exc)}; nothing changed") from None
        if previous_version == version and not replace and engine.counts(expected) == expected:
            return RemotePublishReport(shown, version, version, expected, False, time.monotonic() - started)
        if previous_version is not None and previous_version != version and not replace:
            raise PublishError(
                f"the engine serves version {previous_version}, not {version}: pass --replace to replace it"
            )
        if previous_version is None and not replace:
            occupied = {g: n for g, n in engine.counts(expected).items() if n}
            if occupied:
                raise PublishError(
                    "the engine already holds graphs of these names that ilo-kg did not publish "
                    f"({', '.join(sorted(occupied))}): pass --replace to overwrite them"
                )
        staged = {g: g + STAGED + version for g in data}
        try:
            progress("loading into new graphs")
            engine.update([f"DROP SILENT GRAPH {_iri(s)}" for s in staged.values()])
            for graph, triples in sorted(data.items()):
                engine.load(staged[graph], triples)
            counted = engine.counts(dict(zip(staged.values(), expected.values(), strict=True)))
            wrong = {g: (counted[s], expected[g]) for g, s in staged.items() if counted[s] != expected[g]}
            if wrong:
                listed = "; ".join(
                    f"{g}: {got} in the engine, {want} in the build" for g, (got, want) in wrong.items()
                )
                raise PublishError(f"the loaded graphs do not hold the build's triples ({listed})")
        except (PublishError, httpx.HTTPError) as exc:
            engine.drop_quietly(staged.values())
            raise PublishError(
                f"loading failed; the engine still serves its previous data: {_why(exc)}"
            ) from None
        progress("switching to the new graphs")
        # everything the switch overwrites or drops is kept aside, including graphs of another origin
        kept = {g: g + PREVIOUS + (previous_version or "none") for g in {*previous_graphs, *data}}
        try:
            engine.update([f"COPY SILENT {_iri(g)} TO {_iri(k)}" for g, k in kept.items()])
        except (PublishError, httpx.HTTPError) as exc:
            engine.drop_quietly([*staged.values(), *kept.values()])
            raise PublishError(
                f"could not keep the live graphs aside, nothing switched: {_why(exc)}"
            ) from None
        try:
            engine.update(_switch_operations(registry, version, staged, previous_graphs))
            live = engine.counts(expected)
            if live != expected:
                raise PublishError(f"after the switch the engine counts {live}, the build {expected}")
        except (PublishError, httpx.HTTPError) as exc:
            restored = engine.restore(registry, previous_version, previous_graphs, kept)
            engine.drop_quietly([*staged.values(), *kept.values()] if restored else staged.values())
            state = (
                "the previous data was restored" if restored else "RESTORE FAILED: the engine may be mixed"
            )
            raise PublishError(f"switching failed ({_why(exc)}); {state}") from None
        notes = engine.drop_quietly([*staged.values(), *kept.values()])
    return RemotePublishReport(
        shown, version, previous_version, live, True, time.monotonic() - started, notes
    )


def _read_build(settings: Settings) -> tuple[str, dict[str, list[ox.Triple]]]:
    dist = settings.dist
    manifest = read_manifest(dist)
    if manifest is None:
        raise PublishError(f"no published build at {dist} (run `ilo-kg build` first)")
    version = str(manifest["version"])
    listed: Mapping[str, int] = manifest.get("graphs") or {}  # type: ignore[assignment]
    found = [
        (dist / name, fmt)
        for name, fmt in (("ilo-kg.nq", ox.RdfFormat.N_QUADS), ("ilo-kg.trig", ox.RdfFormat.TRIG))
        if (dist / name).is_file()
    ]
    if not found:
        raise PublishError(f"{dist}: neither ilo-kg.nq nor ilo-kg.trig is there")
    path, fmt = found[0]
    graphs: dict[str, set[ox.Triple]] = defaultdict(set)
    minter = Minter(settings.base_iri)
    void_graph, default_graph = str(minter.void_graph), str(minter.default_graph)
    try:
        for quad in ox.parse(path=str(path), format=fmt):
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise PublishError(f"{path}: a triple outside any named graph ({quad.triple})")
            graphs[quad.graph_name.value].add(quad.triple)
        void = Path(dist / "void.ttl")
        if void.is_file():
            graphs[void_graph].update(q.triple for q in ox.parse(path=str(void), format=ox.RdfFormat.TURTLE))
    except (SyntaxError, OSError) as exc:
        raise PublishError(f"{path}: cannot read the build: {exc}") from None
    for graph, count in listed.items():
        held = len(graphs.get(graph, ()))
        if held != int(count):
            raise PublishError(
                f"{path}: graph <{graph}> holds {held} triples, the manifest says {count}; rebuild first"
            )
    # the default graph, the distinct union of the data graphs, as a graph of its own: an engine's
    # FROM <a> FROM <b> merges as a bag (Virtuoso counts a triple of two graphs twice: tested)
    graphs[default_graph] = set().union(*(t for g, t in graphs.items() if g != void_graph))
    return version, {g: sorted(t, key=str) for g, t in graphs.items()}


def _switch_operations(
    registry: str, version: str, staged: Mapping[str, str], previous: Iterable[str]
) -> list[str]:
    ops = [f"COPY {_iri(s)} TO {_iri(g)}" for g, s in sorted(staged.items())]
    ops += [f"DROP SILENT GRAPH {_iri(g)}" for g in sorted(set(previous) - set(staged))]
    ops += [f"DROP SILENT GRAPH {_iri(registry)}", _registry_data(registry, version, staged)]
    return ops


def _registry_data(registry: str, version: str, graphs: Iterable[str]) -> str:
    now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    facts = [f"{_iri(registry)} <{DCTERMS}hasVersion> {term_text(ox.Literal(version))}"]
    facts.append(f'{_iri(registry)} <{DCTERMS}modified> "{now}"^^<{XSD}dateTime>')
    facts += [f"{_iri(registry)} <{DCTERMS}hasPart> {_iri(g)}" for g in sorted(graphs)]
    return f"INSERT DATA {{ GRAPH {_iri(registry)} {{ {' . '.join(facts)} }} }}"


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@" + parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def _iri(iri: str) -> str:
    return term_text(ox.NamedNode(iri))


def _why(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


class _Engine:
    """The few protocol calls a publish makes."""

    def __init__(self, client: httpx.Client, endpoints: Endpoints) -> None:
        self.client = client
        self.ep = endpoints

    def _check(self, response: httpx.Response, what: str) -> None:
        if response.status_code >= 300:
            first = (response.text.strip().splitlines() or [""])[0][:300]
            hint = (
                " (give credentials: user:password@ in the URL)" if response.status_code in (401, 403) else ""
            )
            raise PublishError(f"{what}: HTTP {response.status_code} {first}{hint}")

    def select(self, text: str) -> list[tuple[ox.NamedNode | ox.Literal | None, ...]]:
        headers = {"Accept": "application/sparql-results+json"}
        response = self.client.post(self.ep.query, data={"query": text}, headers=headers)
        self._check(response, "query")
        answer = ox.parse_query_results(response.content, format=ox.QueryResultsFormat.JSON)
        if isinstance(answer, ox.QueryBoolean):
            raise PublishError("query: the engine answered a boolean to a SELECT")
        width = len(answer.variables)
        return [tuple(s[i] for i in range(width)) for s in answer]

    def update(self, operations: Sequence[str]) -> None:
        if operations:
            response = self.client.post(self.ep.update, data={"update": " ;\n".join(operations)})
            self._check(response, "update")

    def load(self, graph: str, triples: Sequence[ox.Triple]) -> None:
        has_blank = any(
            isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
        )
        size = len(triples) if has_blank else CHUNK_TRIPLES  # blank nodes: one request keeps them one node
        for start in range(0, max(len(triples), 1), max(size, 1)):
            body = ox.serialize(triples[start : start + size], format=ox.RdfFormat.N_TRIPLES)
            method = "PUT" if start == 0 else "POST"
            response = self.client.request(
                method,
                self.ep.graph_store,
                params={"graph": graph},
                content=body,
                headers={"Content-Type": "text/turtle; charset=utf-8"},
            )
            self._check(response, f"loading <{graph}>")

    def counts(self, graphs: Mapping[str, int]) -> dict[str, int]:
        values = " ".join(_iri(g) for g in graphs)
        pattern = f"VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }}"
        rows = self.select(f"SELECT ?g (COUNT(*) AS ?n) WHERE {{ {pattern} }} GROUP BY ?g")
        found = {g.value: int(n.value) for g, n in rows if g is not None and n is not None}
        return {g: found.get(g, 0) for g in graphs}

    def registry(self, registry: str) -> tuple[str | None, tuple[str, ...]]:
        rows = self.select(f"SELECT ?p ?o WHERE {{ GRAPH {_iri(registry)} {{ {_iri(registry)} ?p ?o }} }}")
        version = next((o.value for p, o in rows if p and o and p.value == DCTERMS + "hasVersion"), None)
        parts = tuple(sorted(o.value for p, o in rows if p and o and p.value == DCTERMS + "hasPart"))
        return version, parts

    def restore(
        self, registry: str, version: str | None, graphs: Sequence[str], kept: Mapping[str, str]
    ) -> bool:
        """Copy every kept graph back (an empty one empties its graph) and the deployment graph."""
        ops = [f"COPY SILENT {_iri(k)} TO {_iri(g)}" for g, k in sorted(kept.items())]
        ops.append(f"DROP SILENT GRAPH {_iri(registry)}")
        if version is not None:
            ops.append(_registry_data(registry, version, graphs))
        try:
            self.update(ops)
        except (PublishError, httpx.HTTPError):
            return False
        return True

    def drop_quietly(self, graphs: Iterable[str]) -> tuple[str, ...]:
        listed = list(graphs)
        try:
            self.update([f"DROP SILENT GRAPH {_iri(g)}" for g in listed])
        except (PublishError, httpx.HTTPError) as exc:
            return (f"note: could not drop the work graphs ({_why(exc)}); they are invisible to queries",)
        return ()
