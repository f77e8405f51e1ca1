"""``/search?q=``: resources by label and alternative label (prefix and typo tolerant), HTML or JSON."""

from __future__ import annotations

import json
from functools import partial

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from ilo_kg.iris import KINDS
from ilo_kg.web.labels import LabelIndex, index_of
from ilo_kg.web.problems import engine_problems
from ilo_kg.web.responses import VARY, Problem, html, wants_html
from ilo_kg.web.state import get_state

router = APIRouter(tags=["Search"])

MAX_LIMIT = 100


def empty_index(base: str) -> LabelIndex:
    return LabelIndex(base, {}, {}, [], {})


async def label_index_or_empty(request: Request) -> LabelIndex:
    """The label index, or an empty one when the engine cannot give it now (pages still render)."""
    try:
        return await label_index(request)
    except Problem:
        return empty_index(get_state(request).base)


async def label_index(request: Request) -> LabelIndex:
    """The release's label index, read on first use (in a thread) and kept with that release."""
    state = get_state(request)
    holder: dict[str, object] = state.labels
    found = holder.get("labels")
    if isinstance(found, LabelIndex):
        return found
    with engine_problems("the label index could not be read"):
        return await run_in_threadpool(
            partial(index_of, holder, state.store, state.base, state.settings.timeout_s * 3)
        )


@router.post("/labels", summary="Preferred labels of resources of the dataset")
async def labels(request: Request) -> Response:
    """A JSON array of IRIs in, ``{iri: preferred label}`` out (IRIs without a label are left out)."""
    try:
        iris = await request.json()
    except ValueError:
        raise Problem(400, "expected a JSON array of IRIs") from None
    if not isinstance(iris, list) or not all(isinstance(i, str) for i in iris):
        raise Problem(400, "expected a JSON array of IRIs (strings)")
    if len(iris) > 5000:
        raise Problem(413, f"at most 5000 IRIs at once, got {len(iris)}")
    index = await label_index(request)
    found = {iri: label for iri in iris if (label := index.label(iri)) is not None}
    return Response(json.dumps(found, ensure_ascii=False), media_type="application/json")


@router.get("/search", summary="Find resources by name (labels and alternative labels)")
async def search(
    request: Request,
    q: str = Query("", description="Words of a name; the last may be a prefix; typos are tolerated."),
    kind: str | None = Query(None, description="Only resources of this kind (country, project, ...)."),
    limit: int = Query(20, ge=1, le=MAX_LIMIT, description="At most this many results."),
    format: str | None = Query(None, description="json or html (else by Accept)."),
) -> Response:
    """Best matches first; each with its IRI, preferred label, kind, the label that matched and its page."""
    state = get_state(request)
    if kind is not None and kind not in KINDS:
        raise Problem(400, f"unknown kind {kind!r}; kinds are: {', '.join(KINDS)}")
    if format not in (None, "json", "html"):
        raise Problem(400, f"unknown format {format!r}; /search offers: json, html")
    index = await label_index(request)
    hits = index.search(q, kind=kind, limit=limit) if len(q) <= 200 else []
    if format == "html" or (format is None and wants_html(request)):
        return html(
            state,
            request,
            "search.html",
            q=q,
            kind=kind,
            hits=hits,
            kinds=index.kinds(),
            local=state.local,
        )
    body = {
        "query": q,
        "kind": kind,
        "results": [h.as_json(state.local(h.entry.iri)) for h in hits],
    }
    return Response(json.dumps(body, ensure_ascii=False), media_type="application/json", headers=VARY)
