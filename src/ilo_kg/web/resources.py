"""Linked data: ``/id/{kind}/{key}`` by content negotiation, ``/ontology``, ``/shapes``, the context."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ilo_kg.describe import Description, ontology_doc, text_of
from ilo_kg.formats import GRAPH_FORMATS, HTML, Format, serialize_quads, serialize_triples
from ilo_kg.iris import KINDS, ONTOLOGY_IRI, PREFIXES, Minter
from ilo_kg.web.limits import guarded
from ilo_kg.web.problems import engine_problems
from ilo_kg.web.resource_page import resource_page, similar
from ilo_kg.web.responses import VARY, Problem, html, not_modified, pick
from ilo_kg.web.state import AppState, get_state

router = APIRouter(tags=["Linked data"])

PAGE_FORMATS: tuple[Format, ...] = (*GRAPH_FORMATS, HTML)
_SUFFIXES = {f.suffix for f in PAGE_FORMATS}


def _split(key: str) -> tuple[str, str | None]:
    stem, dot, suffix = key.rpartition(".")
    if dot and suffix.lower() in _SUFFIXES and stem:
        return stem, suffix.lower()
    return key, None


async def _describe(state: AppState, iri: str, fmt: Format | None = None) -> Description | bytes | None:
    """The description, as one operation of the engine (one worker does all its lookups).

    For a graph format the engine writes it (JSON-LD compacted with the published context): the
    answer is then the bytes.
    """
    timeout_s, max_rows = state.settings.timeout_s, state.settings.max_rows
    written = fmt is not None and fmt.kind == "graph"
    store = state.store
    with engine_problems():
        found: Description | bytes | None = await guarded(
            state.limits,
            lambda: store.describe_async(
                iri,
                timeout_s=timeout_s,
                max_rows=max_rows,
                format_name=fmt.name if written else None,  # type: ignore[union-attr]
                prefixes=PREFIXES if written else None,
                context=state.context() if written and fmt.context else None,  # type: ignore[union-attr]
            ),
        )
        return found


def _alternates(path: str) -> dict[str, str]:
    links = [f'<{path}.{f.suffix}>; rel="alternate"; type="{f.media_type}"' for f in PAGE_FORMATS]
    return {"Link": ", ".join(links)}


@router.get("/id/{kind}/{key}", summary="A resource of the graph, by content negotiation")
async def resource(request: Request, kind: str, key: str) -> Response:
    """HTML, Turtle, JSON-LD (compacted with the published context), N-Triples, RDF/XML, TriG, N-Quads."""
    state = get_state(request)
    key, suffix = _split(key)
    fmt = pick(request, PAGE_FORMATS, suffix)
    iri = Minter(state.base).id_path(kind, key)
    path = f"/id/{kind}/{key}"
    etag = state.etag("id", iri, fmt.name)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    if kind not in KINDS:
        raise Problem(404, f"unknown kind {kind!r} in <{iri}>; resource kinds are: {', '.join(KINDS)}")
    try:
        ox.NamedNode(iri)
    except ValueError:
        raise Problem(
            400,
            f"{key!r} is not a resource key: an IRI cannot hold spaces, quotes, angle brackets, "
            "braces, control characters or a backslash",
        ) from None
    found = await _describe(state, iri, fmt)
    if found is None:
        if fmt.kind == "page":
            hits = await similar(request, kind, key)
            return html(state, request, "not_found.html", status=404, iri=iri, kind=kind, key=key, hits=hits)
        raise Problem(
            404,
            f"no resource <{iri}> in this dataset (kind {kind!r} exists; check the key, "
            f"or list the {kind} resources with SPARQL at /sparql)",
        )
    headers = {**VARY, "ETag": etag, "Content-Location": f"{path}.{fmt.suffix}", **_alternates(path)}
    if fmt.dataset:  # TriG, N-Quads: each triple of the description in the graphs that state it
        described = found.triples if isinstance(found, Description) else _triples(found, fmt)
        body = serialize_quads(await _quads(state, iri, described), fmt, prefixes=PREFIXES)
        return Response(body, media_type=fmt.content_type, headers=headers)
    if isinstance(found, bytes):  # written by the worker
        return Response(found, media_type=fmt.content_type, headers=headers)
    if fmt.kind == "page":
        page = await resource_page(request, state, found, kind)
        response = html(state, request, "resource.html", d=found, path=path, formats=GRAPH_FORMATS, **page)
        response.headers.update(headers)
        return response
    context = state.context() if fmt.name == "jsonld" else None
    body = serialize_triples(found.triples, fmt, context=context, prefixes=PREFIXES)
    return Response(body, media_type=fmt.content_type, headers=headers)


_IN_GRAPHS_OUT = "SELECT ?r ?g ?p ?o WHERE { GRAPH ?g { ?r ?p ?o } }"
_IN_GRAPHS_IN = "SELECT ?r ?g ?s ?p WHERE { GRAPH ?g { ?s ?p ?r } }"


def _triples(written: bytes, fmt: Format) -> list[ox.Triple]:
    return [q.triple for q in ox.parse(written, format=fmt.rdf_format)]


async def _quads(
    state: AppState, iri: str, described: tuple[ox.Triple, ...] | list[ox.Triple]
) -> list[ox.Quad]:
    """The described triples with the named graphs each is stated in (the resource bound as a term)."""
    from ilo_kg.web.responses import run_async

    wanted = set(described)
    node = ox.NamedNode(iri)
    fragments = {
        t.subject
        for t in described
        if isinstance(t.subject, ox.NamedNode) and t.subject.value.startswith(iri + "#")
    }
    quads: list[ox.Quad] = []
    for subject in [node, *sorted(fragments, key=str)]:
        rows = (await run_async(state, _IN_GRAPHS_OUT, bindings={"r": subject})).rows
        quads += [ox.Quad(subject, p, o, g) for _r, g, p, o in rows]  # type: ignore[arg-type]
    rows = (await run_async(state, _IN_GRAPHS_IN, bindings={"r": node})).rows
    quads += [ox.Quad(s, p, node, g) for _r, g, s, p in rows]  # type: ignore[arg-type]
    kept = dict.fromkeys(q for q in quads if q.triple in wanted)
    return sorted(kept, key=lambda q: (str(q.graph_name), str(q.subject), str(q.predicate), str(q.object)))


def _published(state: AppState, name: str) -> Path:
    path = state.release / name  # the release the service opened, never through the dist link
    if not path.is_file():
        raise Problem(404, f"{name} is not published in this deployment (run the build)")
    return path


def _rdf_file(request: Request, state: AppState, name: str, suffix: str | None) -> tuple[Format, Path, str]:
    fmt = pick(request, (*[f for f in GRAPH_FORMATS if not f.dataset], HTML), suffix)
    path = _published(state, name)
    return fmt, path, state.etag("file", name, fmt.name)


def _convert(state: AppState, path: Path, fmt: Format) -> Response:
    data = path.read_bytes()
    if fmt.name != "turtle":
        triples = [q.triple for q in ox.parse(data, format=ox.RdfFormat.TURTLE)]
        data = serialize_triples(
            triples, fmt, context=state.context() if fmt.context else None, prefixes=PREFIXES
        )
    return Response(data, media_type=fmt.content_type, headers=VARY)


def _ontology(request: Request, suffix: str | None) -> Response:
    state = get_state(request)
    fmt, path, etag = _rdf_file(request, state, "ontology.ttl", suffix)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    if fmt.kind == "page":
        graph = ox.Store()
        graph.load(path.read_bytes(), format=ox.RdfFormat.TURTLE)
        classes, properties = ontology_doc(graph, ONTOLOGY_IRI + "#")
        meta = {
            q.predicate.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]: text_of(q.object)
            for q in graph.quads_for_pattern(ox.NamedNode(ONTOLOGY_IRI), None, None)
        }
        return html(
            state, request, "ontology.html", classes=classes, properties=properties, meta=meta, etag=etag
        )
    response = _convert(state, path, fmt)
    response.headers["ETag"] = etag
    return response


@router.get("/ontology", summary="The ontology: HTML documentation, Turtle, JSON-LD")
def ontology(request: Request) -> Response:
    return _ontology(request, None)


@router.get("/ontology.{suffix}", include_in_schema=False)
def ontology_suffix(request: Request, suffix: str) -> Response:
    return _ontology(request, suffix)


def _shapes(request: Request, suffix: str | None) -> Response:
    state = get_state(request)
    fmt, path, etag = _rdf_file(request, state, "shapes.ttl", suffix)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    if fmt.kind == "page":
        return html(
            state,
            request,
            "text.html",
            title="SHACL shapes",
            text=path.read_text(),
            links=[("Turtle", "/shapes.ttl"), ("JSON-LD", "/shapes.jsonld")],
            etag=etag,
        )
    response = _convert(state, path, fmt)
    response.headers["ETag"] = etag
    return response


@router.get("/shapes", summary="The SHACL shapes the data is validated with")
def shapes(request: Request) -> Response:
    return _shapes(request, None)


@router.get("/shapes.{suffix}", include_in_schema=False)
def shapes_suffix(request: Request, suffix: str) -> Response:
    return _shapes(request, suffix)


@router.get("/context.jsonld", summary="The published JSON-LD context")
def context(request: Request) -> Response:
    state = get_state(request)
    path = _published(state, "context.jsonld")
    etag = state.etag("file", "context.jsonld")
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    return Response(path.read_bytes(), media_type="application/ld+json", headers={"ETag": etag})
