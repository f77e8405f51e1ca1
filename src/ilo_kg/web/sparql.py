"""``/sparql``: the SPARQL 1.1 Protocol (query operation only) and the Service Description."""

from __future__ import annotations

from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ilo_kg.formats import (
    GRAPH_FORMATS,
    HTML,
    RESULT_FORMATS,
    Plan,
    UnknownFormat,
    choose,
    format_parameter,
    serialize_triples,
)
from ilo_kg.iris import Minter
from ilo_kg.web.problems import engine_problems
from ilo_kg.web.responses import (
    VARY,
    Problem,
    not_acceptable,
    not_modified,
    result_response,
    run_async,
)
from ilo_kg.web.state import AppState, get_state

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
FORMAT_PARAMS = ("format", "output", "results")
"""Where clients name the result format (Virtuoso's ``format``, Joseki's ``output``, ...); all are read."""

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _parse_form(raw: str, what: str) -> dict[str, list[str]]:
    try:
        return parse_qs(raw, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError:
        raise Problem(400, f"the {what} is not valid UTF-8 once percent-decoded") from None


async def _body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise Problem(413, f"the request body is larger than the limit of {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise Problem(413, f"the request body is larger than the limit of {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _utf8(data: bytes) -> str:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Problem(400, f"the request body is not valid UTF-8 (byte {exc.start})") from None


async def _request_params(request: Request, state: AppState) -> dict[str, list[str]]:
    """Protocol parameters of a GET or POST, the URL's and the body's merged."""
    try:
        query_string = request.scope["query_string"].decode()
    except UnicodeDecodeError:
        raise Problem(400, "the query string is not valid UTF-8") from None
    params = _parse_form(query_string, "query string")
    if request.method != "POST":
        return params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == SPARQL_UPDATE:
        raise Problem(403, f"{_READ_ONLY} ({SPARQL_UPDATE} requests are refused)")
    if media not in (FORM, SPARQL_QUERY):
        raise Problem(400, f"unsupported Content-Type {media or '(none)'!r}: send {FORM} or {SPARQL_QUERY}")
    body = _utf8(await _body(request, state.settings.max_body_bytes))
    if media == SPARQL_QUERY:
        if "query" in params:
            raise Problem(400, "two queries: one in the URL and one in the body")
        params["query"] = [body]
        return params
    for key, values in _parse_form(body, "form body").items():
        params.setdefault(key, []).extend(values)
    return params


async def sparql(request: Request) -> Response:
    """SPARQL 1.1 Protocol: ``query`` by GET, form POST or ``application/sparql-query`` POST.

    Without a query a GET returns the Service Description.  SELECT/ASK results come as
    SPARQL JSON, XML, CSV or TSV; CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD,
    RDF/XML, TriG, N-Quads or N3 (Turtle as ``text/n3``), by Accept or the ``format``,
    ``output`` and ``results`` parameters (repeated when they agree, short names or media
    types).  ``default-graph-uri`` / ``named-graph-uri`` replace the query's dataset; a
    graph the dataset does not hold is an empty graph.
    """
    state = get_state(request)
    params = await _request_params(request, state)
    if "update" in params:
        raise Problem(403, _READ_ONLY)
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Problem(400, "two queries in one request: send exactly one 'query' parameter")
    format_values = [v for name in FORMAT_PARAMS for v in params.get(name, [])]
    if not queries:
        if request.method == "GET" and set(params) <= set(FORMAT_PARAMS):
            return await _service_description(request, state, format_values)
        raise Problem(400, "no query: send the SPARQL query in the 'query' parameter")
    text = queries[0]
    if not text.strip():
        raise Problem(400, "the query is empty")
    # a dataset given in the protocol replaces the query's FROM / FROM NAMED whole (blank values, as
    # an empty form field sends them, name nothing)
    given = {k: [v for v in params.get(k, []) if v.strip()] for k in ("default-graph-uri", "named-graph-uri")}
    protocol_dataset = any(given.values())
    default_graphs = given["default-graph-uri"] if protocol_dataset else None
    named_graphs = given["named-graph-uri"] if protocol_dataset else None
    etag = state.etag(
        "sparql",
        text,
        repr(default_graphs),
        repr(named_graphs),
        request.headers.get("accept", ""),
        repr(format_values),
    )
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    base = endpoint_base(state)
    with engine_problems():  # the query service's check: the one place a text from outside is refused
        state.service.check(text, base_iri=base)
    try:
        plan = Plan.negotiate(request.headers.get("accept"), format_values)
    except UnknownFormat as exc:
        raise Problem(400, str(exc)) from None
    result = await run_async(
        state, text, default_graphs=default_graphs, named_graphs=named_graphs, plan=plan, base_iri=base
    )
    return result_response(state, result, plan, etag=etag)


def endpoint_base(state: AppState) -> str:
    """The IRI relative IRIs of a query are resolved against: the endpoint's own, ``<base>sparql``."""
    base: str | None = state._memo.get("endpoint-base")
    if base is None:
        base = state._memo["endpoint-base"] = str(Minter(state.base).sparql_endpoint)
    return base


# FastAPI's routes describe the operations in the OpenAPI document; the requests themselves are
# answered by :class:`ilo_kg.web.hot.HotRoutes`, in front of FastAPI's router, by the same function
router.add_api_route(
    "/sparql", sparql, methods=["GET"], operation_id="sparql_get", summary="SPARQL query (GET)"
)
router.add_api_route(
    "/sparql", sparql, methods=["POST"], operation_id="sparql_post", summary="SPARQL query (POST)"
)


async def _service_description(request: Request, state: AppState, format_values: list[str]) -> Response:
    candidates = (*GRAPH_FORMATS, HTML)
    try:
        wanted = format_parameter(format_values, candidates)
    except UnknownFormat as exc:
        raise Problem(400, str(exc)) from None
    fmt = choose(request.headers.get("accept"), wanted, candidates)
    if fmt is None:
        if choose(request.headers.get("accept"), None, RESULT_FORMATS) is not None:
            # a client asking for query results but sending no query
            raise Problem(400, "no query: send the SPARQL query in the 'query' parameter")
        raise not_acceptable(candidates)
    if fmt.kind == "page":
        return RedirectResponse("/query", status_code=303, headers=VARY)
    etag = state.etag("sd", fmt.name, str(request.base_url))
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    body = serialize_triples(
        service_description(state, str(request.url_for("sparql")), await graph_counts(state)),
        fmt,
        context=state.context() if fmt.context else None,
        prefixes={"sd": SD, "void": "http://rdfs.org/ns/void#"},
    )
    return Response(body, media_type=fmt.content_type, headers={**VARY, "ETag": etag})


_COUNTS = "SELECT ?g (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } } GROUP BY ?g"


async def graph_counts(state: AppState) -> dict[str | None, int]:
    """Triples in the default graph (key None) and in each named graph, counted once per release."""
    counts: dict[str | None, int] | None = state._memo.get("graph-counts")
    if counts is None:
        result = await run_async(state, _COUNTS)
        counts = {
            (None if g is None else g.value): int(n.value)
            for g, n in result.rows
            if isinstance(n, ox.Literal) and (g is None or isinstance(g, ox.NamedNode))
        }
        state._memo["graph-counts"] = counts
    return counts


def service_description(
    state: AppState, endpoint: str, counts: dict[str | None, int] | None = None
) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint, with the triples of every graph (``counts``)."""
    counts = counts or {}

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    def triples_of(node: ox.BlankNode, graph: str | None) -> list[ox.Triple]:
        if graph not in counts:
            return []
        number = ox.Literal(
            str(counts[graph]), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        )
        return [ox.Triple(node, ox.NamedNode("http://rdfs.org/ns/void#triples"), number)]

    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("BasicFederatedQuery"))
        if state.settings.service_allowlist
        else None,
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
        *triples_of(default, None),
    ]
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        if fmt.iri is not None:
            triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(fmt.iri)))
    for i, graph in enumerate(state.store.graphs()):
        named = ox.BlankNode(f"g{i}")
        content = ox.BlankNode(f"g{i}-graph")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(graph)),
            ox.Triple(named, sd("graph"), content),
            ox.Triple(content, RDF_TYPE, sd("Graph")),
            *triples_of(content, graph),
        ]
    return [t for t in triples if t is not None]
