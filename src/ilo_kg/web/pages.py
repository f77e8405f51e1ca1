"""The home page (counts by class, sources, version, links) and the query page."""

from __future__ import annotations

import json
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ilo_kg.describe import text_of
from ilo_kg.iris import PREFIXES
from ilo_kg.summary import CLASS_COUNTS, SOURCES
from ilo_kg.web.queries import describe_query
from ilo_kg.web.responses import Problem, html, not_modified, run
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
