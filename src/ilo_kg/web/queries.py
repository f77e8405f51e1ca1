"""``/queries``: the canned-query catalogue, one OpenAPI operation per query."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import Response

from ilo_kg.engine.contract import Result
from ilo_kg.formats import Plan, formats_for
from ilo_kg.queries import CannedQuery, Catalogue, ParameterError, UnknownQuery
from ilo_kg.web.pickers import display_value, kind_of, resolve_names
from ilo_kg.web.responses import (
    VARY,
    Problem,
    html,
    not_modified,
    pick,
    result_response,
    run_async,
    wants_html,
)
from ilo_kg.web.search import label_index_or_empty
from ilo_kg.web.state import AppState, get_state


def describe_query(query: CannedQuery) -> dict[str, Any]:
    """The JSON listing entry of a query."""
    return {
        "name": query.name,
        "title": query.title,
        "description": query.description,
        "kind": query.kind,
        "url": f"/queries/{query.name}",
        "formats": [f.suffix for f in formats_for(query.kind)],
        "params": [
            {
                "name": p.name,
                "type": p.type,
                "description": p.description,
                "required": p.required,
                **({"namespace": p.namespace} if p.namespace else {}),
                **({"values": list(p.values)} if p.values else {}),
                **({"default": p.default} if p.default is not None else {}),
                **({"example": p.example} if p.example is not None else {}),
            }
            for p in query.params
        ],
        "sparql": query.text,
    }


def _values(request: Request) -> dict[str, list[str]]:
    values: dict[str, list[str]] = {}
    for key, value in request.query_params.multi_items():
        if key != "format":
            values.setdefault(key, []).append(value)
    return values


async def _execute(
    state: AppState, query: CannedQuery, values: dict[str, list[str]], plan: Plan | None = None
) -> Result:
    try:
        bindings = query.bind(values)
    except ParameterError as exc:
        raise Problem(400, str(exc)) from None
    text, remaining = query.prepared(bindings)
    # the catalogue's texts were checked when it was loaded: only the bound values are new here
    return await run_async(state, text, bindings=remaining, plan=plan)


async def run_canned(request: Request, name: str, suffix: str | None = None) -> Response:
    state = get_state(request)
    try:
        query = state.catalogue.get(name)
    except UnknownQuery as exc:
        raise Problem(404, str(exc)) from None
    fmt = pick(request, formats_for(query.kind, html=True), suffix)
    values = _values(request)
    if fmt.kind == "page":
        return await _page(request, state, query, values)
    values = await resolve_names(request, query, values)
    etag = state.etag("canned", query.name, fmt.name, urlencode(sorted(request.query_params.multi_items())))
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    result = await _execute(state, query, values, Plan.single(query.kind, fmt))
    return result_response(state, result, fmt, etag=etag)


async def _page(
    request: Request, state: AppState, query: CannedQuery, values: dict[str, list[str]]
) -> Response:
    """The query's page: its form, its SPARQL, and its results when the form was sent."""
    result: Result | None = None
    error: str | None = None
    status = 200
    submitted = bool(values) or all(not p.required for p in query.params)
    if submitted:
        try:
            result = await _execute(state, query, await resolve_names(request, query, values))
        except Problem as exc:
            error, status = exc.message, exc.status
    current = {k: v[0] for k, v in values.items() if v}
    pickers = await _pickers(request, state, query, current)
    index = await label_index_or_empty(request) if result is not None else None

    def label_of(term: object) -> str | None:
        """The preferred label of a resource of the dataset in the results (None for anything else)."""
        return index.label(term.value) if index is not None and isinstance(term, ox.NamedNode) else None

    params = urlencode(sorted(request.query_params.multi_items()))
    return html(
        state,
        request,
        "canned.html",
        status=status,
        query=query,
        result=result,
        error=error,
        current=current,
        params=params,
        formats=formats_for(query.kind),
        open_link="/query?" + urlencode({"query": query.text}),
        workbench_link="/query?" + urlencode({"example": query.name, **current}),
        pickers=pickers,
        label_of=label_of,
    )


async def _pickers(
    request: Request, state: AppState, query: CannedQuery, current: dict[str, str]
) -> dict[str, dict[str, str]]:
    """For each resource parameter: its kind and the value the form shows (a name rather than an IRI)."""
    kinds = {p.name: kind for p in query.params if (kind := kind_of(p, state.base))}
    if not kinds:
        return {}
    index = await label_index_or_empty(request)
    out: dict[str, dict[str, str]] = {}
    for p in query.params:
        if p.name in kinds:
            raw = current.get(p.name) or p.default or p.example or ""
            shown = display_value(index, p, kinds[p.name], raw) if raw else ""
            out[p.name] = {"kind": kinds[p.name], "value": shown}
    return out


def _parameters(query: CannedQuery) -> list[dict[str, Any]]:
    params: list[dict[str, Any]] = []
    for p in query.params:
        entry: dict[str, Any] = {
            "name": p.name,
            "in": "query",
            "required": p.required,
            "description": p.description or f"{p.expected()[0].upper()}{p.expected()[1:]}.",
            "schema": p.schema(),
        }
        if p.example is not None:
            entry["example"] = int(p.example) if p.type == "integer" else p.example
        params.append(entry)
    names = [f.name for f in formats_for(query.kind)]
    params.append(
        {
            "name": "format",
            "in": "query",
            "required": False,
            "description": "Result format (an explicit, satisfiable Accept header wins).",
            "schema": {"type": "string", "enum": names},
        }
    )
    return params


def _openapi(query: CannedQuery) -> dict[str, Any]:
    content: dict[str, Any] = {f.media_type: {} for f in formats_for(query.kind, html=True)}
    return {
        "parameters": _parameters(query),
        "responses": {
            "200": {"description": "The query's results", "content": content},
            "400": {"description": "A parameter is missing, unknown or of the wrong type"},
            "406": {"description": "No acceptable format"},
            "503": {"description": "The query passed its time limit"},
        },
    }


def _endpoint(name: str) -> Callable[[Request], Any]:
    async def endpoint(request: Request) -> Response:
        return await run_canned(request, name)

    endpoint.__name__ = f"query_{name.replace('-', '_')}"
    return endpoint


def build_router(catalogue: Catalogue) -> APIRouter:
    """Routes for the listing and for every query of the catalogue (generated at app creation)."""
    router = APIRouter()

    @router.get("/queries", tags=["Canned queries"], summary="The canned-query catalogue")
    def listing(request: Request) -> Response:
        state = get_state(request)
        fmt = request.query_params.get("format")
        if (fmt is None and wants_html(request)) or fmt == "html":
            return html(state, request, "queries.html", queries=list(state.catalogue))
        if fmt not in (None, "json"):
            raise Problem(400, f"unknown format {fmt!r}; /queries offers: json, html")
        etag = state.etag("queries", "json")
        cached = not_modified(request, etag)
        if cached is not None:
            return cached
        body = json.dumps({"queries": [describe_query(q) for q in state.catalogue]}, ensure_ascii=False)
        return Response(body, media_type="application/json", headers={**VARY, "ETag": etag})

    for query in catalogue:
        router.add_api_route(
            f"/queries/{query.name}",
            _endpoint(query.name),
            methods=["GET"],
            tags=["Canned queries"],
            summary=query.title,
            description=query.description or query.title,
            operation_id=f"query_{query.name.replace('-', '_')}",
            openapi_extra=_openapi(query),
            response_class=Response,
        )

    @router.get("/queries/{filename}", include_in_schema=False)
    async def by_suffix(request: Request, filename: str) -> Response:
        name, dot, suffix = filename.rpartition(".")
        if not dot:
            return await run_canned(request, filename)
        return await run_canned(request, name, suffix)

    return router
