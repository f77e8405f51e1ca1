"""The home page (counts by class, sources, version, links) and the query page."""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ilo_kg.describe import text_of
from ilo_kg.iris import ONTOLOGY_IRI, PREFIXES
from ilo_kg.web.queries import describe_query
from ilo_kg.web.responses import Problem, html, not_modified, run
from ilo_kg.web.state import AppState, get_state

router = APIRouter(include_in_schema=False)

# Constants only (no request value is ever part of these texts).
_CLASS_COUNTS = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?class), "{ONTOLOGY_IRI}#"))
  OPTIONAL {{ ?class rdfs:label|skos:prefLabel ?l }}
}} GROUP BY ?class ORDER BY DESC(?n) ?class"""

_SOURCES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?thing) AS ?n) WHERE {
  ?thing dcterms:source|prov:wasDerivedFrom ?source .
  OPTIONAL { ?source rdfs:label|skos:prefLabel|dcterms:title ?l }
} GROUP BY ?source ORDER BY ?source"""


def _summary(state: AppState) -> dict[str, Any]:
    classes = run(state, _CLASS_COUNTS).rows
    sources = run(state, _SOURCES).rows
    return {
        "classes": [(c, int(text_of(n) or 0), text_of(lab) or None) for c, n, lab in classes],
        "sources": [(s, text_of(lab) or None, int(text_of(n) or 0)) for s, lab, n in sources],
        "triples": state.store.triple_count(),
        "graphs": state.store.graphs(),
    }


@router.get("/")
async def home(request: Request) -> Response:
    state = get_state(request)
    etag = state.etag("home")
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    summary: dict[str, Any]
    try:
        summary = await run_in_threadpool(_summary, state)
    except Problem as exc:
        summary = {
            "classes": [],
            "sources": [],
            "triples": None,
            "graphs": (),
            "error": exc.message,
        }
    return html(state, request, "home.html", queries=list(state.catalogue), etag=etag, **summary)


def default_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


@router.get("/query")
def query_page(request: Request) -> Response:
    state = get_state(request)
    start = default_prefixes() + "\nSELECT ?s ?p ?o WHERE {\n  ?s ?p ?o\n} LIMIT 10\n"
    examples = []
    for q in state.catalogue:
        entry = describe_query(q)
        entry["example_url"] = q.example_values()
        examples.append(entry)
    return html(
        state,
        request,
        "query.html",
        start=start,
        examples_json=json.dumps(examples, ensure_ascii=False).replace("</", "<\\/"),
        examples=examples,
    )
