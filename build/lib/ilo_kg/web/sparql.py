"""``/sparql``: the SPARQL 1.1 Protocol (query operation only) and the Service Description."""

from __future__ import annotations

from urllib.parse import parse_qs

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from ilo_kg.formats import GRAPH_FORMATS, HTML, RESULT_FORMATS, choose, formats_for, serialize_triples
from ilo_kg.safety import QueryRefused, QuerySyntaxError, check_query
from ilo_kg.web.responses import (
    VARY,
    Problem,
    not_acceptable,
    not_modified,
    pick,
    result_response,
    run_async,
    written_formats,
)
from ilo_kg.web.state import AppState, get_state

router = APIRouter(tags=["SPARQL"])

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
SPARQL_UPDATE = "application/sparql-update"
_READ_ONLY = "SPARQL Update is not allowed: this endpoint is read-only"
_PARAMS = {
    "query",
    "default-graph-uri",
    "named-graph-uri",
    "format",
    "update",
    "using-graph-uri",
    "using-named-graph-uri",
}

SD = "http://www.w3.org/ns/sparql-service-description#"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_W3C_FORMATS = {
    "json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "tsv": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "turtle": "http://www.w3.org/ns/formats/Turtle",
    "ntriples": "http://www.w3.org/ns/formats/N-Triples",
    "jsonld": "http://www.w3.org/ns/formats/JSON-LD",
    "rdfxml": "http://www.w3.org/ns/formats/RDF_XML",
    "trig": "http://www.w3.org/ns/formats/TriG",
    "nquads": "http://www.w3.org/ns/formats/N-Quads",
}


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
    params = _parse_form(request.url.query, "query string")
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
    RDF/XML, TriG or N-Quads, by Accept or ``format=``.
    """
    state = get_state(request)
    params = await _request_params(request, state)
    if "update" in params:
        raise Problem(403, _READ_ONLY)
    queries = params.get("query", [])
    if len(queries) > 1:
        raise Problem(400, "two queries in one request: send exactly one 'query' parameter")
    if len(params.get("format", [])) > 1:
        raise Problem(400, "'format' given more than once")
    if not queries:
        if request.method == "GET" and set(params) <= {"format"}:
            return _service_description(request, state)
        raise Problem(400, "no query: send the SPARQL query in the 'query' parameter")
    text = queries[0]
    if not text.strip():
        raise Problem(400, "the query is empty")
    default_graphs = params.get("default-graph-uri") or None
    named_graphs = params.get("named-graph-uri") or None
    etag = state.etag(
        "sparql",
        text,
        repr(default_graphs),
        repr(named_graphs),
        request.headers.get("accept", ""),
        repr(params.get("format")),
    )
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    try:
        check_query(
            text, known_graphs=state.store.graphs(), service_allowlist=state.settings.service_allowlist
        )
    except QuerySyntaxError as exc:
        raise Problem(400, str(exc)) from None
    except QueryRefused as exc:
        raise Problem(403, str(exc)) from None
    formats = params.get("format") or []
    format_param = formats[0] if formats else None
    result = await run_async(
        state,
        text,
        default_graphs=default_graphs,
        named_graphs=named_graphs,
        formats=written_formats(request, ("select", "ask", "construct"), format_param),
    )
    fmt = pick(request, formats_for(result.kind), format_param=format_param)
    return result_response(state, result, fmt, etag=etag)


router.add_api_route(
    "/sparql", sparql, methods=["GET"], operation_id="sparql_get", summary="SPARQL query (GET)"
)
router.add_api_route(
    "/sparql", sparql, methods=["POST"], operation_id="sparql_post", summary="SPARQL query (POST)"
)


def _service_description(request: Request, state: AppState) -> Response:
    candidates = (*GRAPH_FORMATS, HTML)
    fmt = choose(request.headers.get("accept"), request.query_params.get("format"), candidates)
    if fmt is None:
        raise not_acceptable(candidates)
    if fmt.kind == "page":
        return RedirectResponse("/query", status_code=303, headers=VARY)
    etag = state.etag("sd", fmt.name, str(request.base_url))
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    body = serialize_triples(
        service_description(state, str(request.url_for("sparql"))),
        fmt,
        context=state.context() if fmt.name == "jsonld" else None,
        prefixes={"sd": SD, "void": "http://rdfs.org/ns/void#"},
    )
    from ilo_kg.formats import content_type

    return Response(body, media_type=content_type(fmt), headers={**VARY, "ETag": etag})


def service_description(state: AppState, endpoint: str) -> list[ox.Triple]:
    """The SPARQL 1.1 Service Description of this endpoint."""

    def sd(name: str) -> ox.NamedNode:
        return ox.NamedNode(SD + name)

    service = ox.BlankNode("service")
    dataset = ox.BlankNode("dataset")
    default = ox.BlankNode("default")
    triples = [
        ox.Triple(service, RDF_TYPE, sd("Service")),
        ox.Triple(service, sd("endpoint"), ox.NamedNode(endpoint)),
        ox.Triple(service, sd("supportedLanguage"), sd("SPARQL11Query")),
        ox.Triple(service, sd("feature"), sd("UnionDefaultGraph")),
        ox.Triple(service, sd("feature"), sd("BasicFederatedQuery"))
        if state.settings.service_allowlist
        else None,
        ox.Triple(service, sd("defaultDataset"), dataset),
        ox.Triple(dataset, RDF_TYPE, sd("Dataset")),
        ox.Triple(dataset, sd("defaultGraph"), default),
        ox.Triple(default, RDF_TYPE, sd("Graph")),
        ox.Triple(
            dataset,
            ox.NamedNode("http://rdfs.org/ns/void#triples"),
            ox.Literal(
                str(state.store.triple_count()),
                datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"),
            ),
        ),
    ]
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        triples.append(ox.Triple(service, sd("resultFormat"), ox.NamedNode(_W3C_FORMATS[fmt.name])))
    for i, graph in enumerate(state.store.graphs()):
        named = ox.BlankNode(f"g{i}")
        triples += [
            ox.Triple(dataset, sd("namedGraph"), named),
            ox.Triple(named, RDF_TYPE, sd("NamedGraph")),
            ox.Triple(named, sd("name"), ox.NamedNode(graph)),
        ]
    return [t for t in triples if t is not None]
