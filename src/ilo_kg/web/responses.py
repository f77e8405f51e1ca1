"""Errors with bodies that say why, negotiation, validators and result responses.

:class:`Problem` and what each engine error becomes live in :mod:`ilo_kg.web.problems`; queries run
through the query service (:mod:`ilo_kg.engine.service`).
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from ilo_kg.engine.contract import (
    Result,
    Term,
)
from ilo_kg.formats import Format, NotAcceptable, Plan, UnknownFormat, choose, find
from ilo_kg.web.limits import guarded
from ilo_kg.web.problems import Problem, engine_problems
from ilo_kg.web.state import AppState, get_state

VARY = {"Vary": "Accept"}


def wants_html(request: Request) -> bool:
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "application/xhtml+xml" in accept


def error_response(
    request: Request, status: int, message: str, headers: Mapping[str, str] | None = None
) -> Response:
    """HTML for browsers, JSON for JSON clients, plain text otherwise."""
    hdrs = {**VARY, **dict(headers or {})}
    accept = request.headers.get("accept", "")
    if wants_html(request):
        state: AppState = get_state(request)
        return state.templates.TemplateResponse(
            request, "error.html", {"status": status, "message": message}, status_code=status, headers=hdrs
        )
    if "json" in accept:
        body = json.dumps({"status": status, "error": message}, ensure_ascii=False)
        return Response(body, status_code=status, media_type="application/json", headers=hdrs)
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=hdrs)


def not_acceptable(candidates: Sequence[Format]) -> Problem:
    return Problem(406, str(NotAcceptable(candidates)))


def pick(request: Request, candidates: Sequence[Format], suffix: str | None = None) -> Format:
    """The format by file suffix, else ``format=`` and Accept; Problem 406/400/404 otherwise."""
    if suffix is not None:
        fmt = find(suffix, candidates)
        if fmt is None or fmt.suffix != suffix.lstrip(".").lower():
            offered = ", ".join("." + f.suffix for f in candidates)
            raise Problem(404, f"no .{suffix.lstrip('.')} representation here; available: {offered}")
        return fmt
    try:
        fmt = choose(request.headers.get("accept"), request.query_params.get("format"), candidates)
    except UnknownFormat as exc:
        raise Problem(400, str(exc)) from None
    if fmt is None:
        raise not_acceptable(candidates)
    return fmt


def not_modified(request: Request, etag: str) -> Response | None:
    """A 304 when If-None-Match names this representation's validator."""
    header = request.headers.get("if-none-match")
    if header is None:
        return None
    tags = {t.strip().removeprefix("W/") for t in header.split(",")}
    if "*" in tags or etag in tags:
        return Response(status_code=304, headers={"ETag": etag, **VARY})
    return None


def run(
    state: AppState,
    text: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    base_iri: str | None = None,
) -> Result:
    """Run one of the service's own queries from a thread (blocks); errors become Problems."""
    service = state.service
    with engine_problems():
        return service.run(
            service.prepare(
                text,
                bindings=bindings,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                base_iri=base_iri,
                check=False,
            )
        )


async def run_async(
    state: AppState,
    text: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    plan: Plan | None = None,
    base_iri: str | None = None,
) -> Result:
    """Run a query from the event loop, within the client's limits; errors become Problems.

    A text from outside is checked first (``state.service.check``, as ``/sparql`` does); the
    service's own texts and the canned catalogue's (checked when it is loaded) are not.
    ``plan`` lets the engine write the answer where it runs; ``base_iri`` resolves the relative IRIs.
    """
    service = state.service
    with engine_problems():
        prepared = service.prepare(
            text,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
            plan=plan,
            check=False,
        )
        return await guarded(state.limits, lambda: service.run_async(prepared))


def truncation_headers(state: AppState, result: Result) -> dict[str, str]:
    if not result.truncated:
        return {}
    if result.cut_by == "bytes":
        return {"X-Result-Truncated": f"true; max-bytes={state.settings.max_result_bytes}"}
    return {"X-Result-Truncated": f"true; limit={state.settings.max_rows}"}


def result_response(
    state: AppState,
    result: Result,
    plan: Plan | Format,
    *,
    etag: str | None = None,
    context: dict[str, Any] | None = None,
) -> Response:
    """A query result in the planned format, with validators and the truncation header.

    ``plan`` is the request's negotiated plan (the answer's kind picks its format; 406 when none is
    acceptable for it) or the one format of a request whose kind was known."""
    try:
        fmt = plan if isinstance(plan, Format) else plan.format_for(result.kind)
    except NotAcceptable as exc:
        raise Problem(406, str(exc)) from None
    if fmt.context and context is None:
        context = state.context()
    with engine_problems():
        body = state.service.write(result, fmt, context=context)
    headers = {**VARY, **truncation_headers(state, result)}
    if etag is not None:
        headers["ETag"] = etag
    return Response(body, media_type=fmt.content_type, headers=headers)


def html(state: AppState, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    headers = dict(VARY)
    etag = context.pop("etag", None)
    if etag:
        headers["ETag"] = etag
    response: HTMLResponse = state.templates.TemplateResponse(
        request, template, {"version": state.version, **context}, status_code=status, headers=headers
    )
    return response
