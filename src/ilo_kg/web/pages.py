"""The home page (counts by class, sources, version, links) and the query page."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ilo_kg.describe import label_query, text_of
from ilo_kg.iris import KINDS, PREFIXES, Minter
from ilo_kg.summary import CLASS_COUNTS, SOURCES
from ilo_kg.web.queries import describe_query
from ilo_kg.web.responses import Problem, html, not_modified, run
from ilo_kg.web.search import label_index_or_empty
from ilo_kg.web.state import AppState, get_state

router = APIRouter(include_in_schema=False)


def _summary(state: AppState) -> dict[str, Any]:
    """The counts the build wrote into the manifest; counted live only for a release without them."""
    summary = state.manifest.get("summary")
    classes: list[tuple[Any, int, str | None]]
    sources: list[tuple[Any, str | None, int]]
    if isinstance(summary, dict):
        classes = [(ox.NamedNode(c), n, label) for c, n, label in summary["classes"]]
        sources = [(ox.NamedNode(src), label, n) for src, label, n in summary["sources"]]
        quads = summary.get("quads")
    else:
        rows = run(state, CLASS_COUNTS).rows
        classes = [(c, int(text_of(n) or 0), text_of(lab) or None) for c, n, lab in rows]
        rows = run(state, SOURCES).rows
        sources = [(src, text_of(lab) or None, int(text_of(n) or 0)) for src, lab, n in rows]
        quads = state.store.triple_count()
    return {"classes": classes, "sources": sources, "triples": quads, "graphs": state.store.graphs()}


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
    kinds = (await label_index_or_empty(request)).kinds()
    return html(
        state,
        request,
        "home.html",
        queries=list(state.catalogue),
        etag=etag,
        kinds=kinds,
        instances=instances_link,
        **summary,
    )


def instances_link(cls: ox.NamedNode) -> str:
    """The query page listing the instances of a class, with their labels."""
    text = (
        "SELECT ?item ?label WHERE {\n"
        f"  ?item a <{cls.value}> .\n"
        "  OPTIONAL { ?item skos:prefLabel ?label }\n"
        "} ORDER BY ?label\n"
    )
    return "/query?" + urlencode({"query": text})


def default_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in sorted(PREFIXES.items()))


START = """#defaultView:Table
SELECT ?project ?name ?start ?end WHERE {
  ?project a schema:Project ; skos:prefLabel ?name .
  OPTIONAL { ?project schema:startDate ?start }
  OPTIONAL { ?project schema:endDate ?end }
} ORDER BY ?start ?name
"""

_VOCABULARY = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?t ?kind (SAMPLE(?t_l) AS ?label) WHERE {{
  {{ SELECT DISTINCT ?t ?kind WHERE {{
    {{ [] ?t [] BIND("property" AS ?kind) }} UNION {{ [] a ?t BIND("class" AS ?kind) }}
  }} }}
  {label_query("t")}
}} GROUP BY ?t ?kind ORDER BY ?t"""


def vocabulary(state: AppState, holder: dict[str, object]) -> list[dict[str, str]]:
    """The classes and properties the graph uses, with their labels (for the editor's completion)."""
    found = holder.get("vocabulary")
    if isinstance(found, list):
        return found
    rows = run(state, _VOCABULARY).rows
    terms = [
        {"iri": text_of(t), "kind": text_of(k), "label": text_of(lab)}
        for t, k, lab in rows
        if isinstance(t, ox.NamedNode)
    ]
    holder["vocabulary"] = terms
    return terms


def page_prefixes(state: AppState) -> dict[str, str]:
    """The prefixes the query page knows: the dataset's vocabularies and one per kind of resource."""
    kinds = {kind: Minter(state.base).id_path(kind, "") for kind in KINDS}
    return {**kinds, **PREFIXES}


@router.get("/query")
async def query_page(request: Request) -> Response:
    state = get_state(request)
    index = await label_index_or_empty(request)
    examples = []
    for q in state.catalogue:
        entry = describe_query(q)
        entry["example_url"] = q.example_values()
        for param in entry["params"]:  # the names of the resources given as examples or defaults
            values = [param.get("example"), param.get("default")]
            names = {v: label for v in values if v and (label := index.label(v))}
            if names:
                param["labels"] = names
        examples.append(entry)
    try:
        terms = await run_in_threadpool(vocabulary, state, state.labels)
    except Problem:
        terms = []
    data = {
        "examples": examples,
        "prefixes": page_prefixes(state),
        "base": state.base,
        "kinds": list(KINDS),
        "countries": [e.key for e in index.by_kind.get("country", [])],
        "vocabulary": terms,
    }
    return html(
        state,
        request,
        "query.html",
        start=request.query_params.get("query") or START,
        page_json=json.dumps(data, ensure_ascii=False).replace("</", "<\\/"),
        examples=examples,
    )
