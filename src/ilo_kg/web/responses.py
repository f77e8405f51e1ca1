"""Errors with bodies that say why, negotiation, validators and result responses."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from ilo_kg.formats import Format, UnknownFormat, choose, content_type, find, formats_for, serialize
from ilo_kg.safety import QueryError, QueryRefused, QuerySyntaxError
from ilo_kg.store import (
    BindingError,
    EngineBusy,
    MemoryLimit,
    QueryTimeout,
    Result,
    ResultKind,
    Term,
    UnknownGraph,
)
from ilo_kg.web.limits import ClientGone, TooManyQueries, guarded
from ilo_kg.web.state import AppState, get_state

VARY = {"Vary": "Accept"}


class Problem(Exception):
    """An HTTP error with a message for the body (rendered by the app's handler)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


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
    offered = ", ".join(f.media_type for f in candidates)
    return Problem(406, f"none of the media types in Accept can be produced here; available: {offered}")


def pick(
    request: Request, candidates: Sequence[Format], suffix: str | None = None, format_param: str | None = None
) -> Format:
    """The format by file suffix, else ``format=`` and Accept; Problem 406/400/404 otherwise."""
    if suffix is not None:
        fmt = find(suffix, candidates)
        if fmt is None or fmt.suffix != suffix.lstrip(".").lower():
            offered = ", ".join("." + f.suffix for f in candidates)
            raise Problem(404, f"no .{suffix.lstrip('.')} representation here; available: {offered}")
        return fmt
    try:
        wanted = format_param if format_param is not None else request.query_params.get("format")
        fmt = choose(request.headers.get("accept"), wanted, candidates)
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


@contextlib.contextmanager
def _engine_problems() -> Iterator[None]:
    """Engine errors (and the per-client limits) become Problems with readable bodies."""
    try:
        yield
    except TooManyQueries as exc:
        raise Problem(429, exc.message, {"Retry-After": str(exc.retry_after)}) from None
    except ClientGone as exc:
        raise Problem(499, str(exc)) from None
    except QuerySyntaxError as exc:
        raise Problem(400, str(exc)) from None
    except UnknownGraph as exc:
        raise Problem(400, str(exc)) from None
    except QueryRefused as exc:
        raise Problem(403, str(exc)) from None
    except BindingError as exc:
        raise Problem(400, str(exc)) from None
    except QueryTimeout as exc:
        raise Problem(503, str(exc), {"Retry-After": "5"}) from None
    except EngineBusy as exc:
        raise Problem(503, str(exc), {"Retry-After": "2"}) from None
    except MemoryLimit as exc:
        raise Problem(503, str(exc)) from None
    except QueryError as exc:
        raise Problem(500, f"the query engine failed: {exc}") from None


def run(
    state: AppState,
    text: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    base_iri: str | None = None,
) -> Result:
    """Run a query through the store from a thread (blocks)."""
    with _engine_problems():
        return state.store.query(
            text,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            timeout_s=state.settings.timeout_s,
            max_rows=state.settings.max_rows,
            base_iri=base_iri,
        )


async def run_async(
    state: AppState,
    text: str,
    *,
    bindings: Mapping[str, Term] | None = None,
    default_graphs: Sequence[str] | None = None,
    named_graphs: Sequence[str] | None = None,
    formats: Mapping[str, str] | None = None,
    base_iri: str | None = None,
) -> Result:
    """Run a query from the event loop: on the loop where the engine can (the worker pool), else a thread.

    ``formats`` (result kind to format name) lets the worker write the answer where it ran;
    ``base_iri`` resolves the relative IRIs of the text.
    """
    query_async = getattr(state.store, "query_async", None)
    if query_async is None:  # e.g. a remote engine: its blocking client in a thread
        with _engine_problems():
            return await guarded(
                state.limits,
                lambda: run_in_threadpool(
                    run,
                    state,
                    text,
                    bindings=bindings,
                    default_graphs=default_graphs,
                    named_graphs=named_graphs,
                    base_iri=base_iri,
                ),
            )
    with _engine_problems():
        result: Result = await guarded(
            state.limits,
            lambda: query_async(
                text,
                bindings=bindings,
                default_graphs=default_graphs,
                named_graphs=named_graphs,
                timeout_s=state.settings.timeout_s,
                max_rows=state.settings.max_rows,
                formats=formats,
                base_iri=base_iri,
            ),
        )
        return result


def written_formats(
    request: Request, kinds: Sequence[ResultKind], format_param: str | None
) -> dict[str, str]:
    """The formats the worker may write each kind of answer in (JSON-LD and pages are written here)."""
    wanted: dict[str, str] = {}
    for kind in kinds:
        try:
            fmt = choose(request.headers.get("accept"), format_param, formats_for(kind))
        except UnknownFormat:
            continue
        if fmt is not None and fmt.name != "jsonld":
            wanted[kind] = fmt.name
    return wanted


def truncation_headers(state: AppState, result: Result) -> dict[str, str]:
    if not result.truncated:
        return {}
    if result.cut_by == "bytes":
        return {"X-Result-Truncated": f"true; max-bytes={state.settings.max_result_bytes}"}
    return {"X-Result-Truncated": f"true; limit={state.settings.max_rows}"}


def truncation_marker(state: AppState, result: Result, fmt: Format) -> bytes:
    """The line that ends a cut body in the formats whose writers do not mark it themselves (SPARQL JSON
    and XML do): a ``#`` comment in CSV, TSV, Turtle, TriG, N-Triples and N-Quads, an XML comment in
    RDF/XML.  JSON-LD has no comment syntax: the ``X-Result-Truncated`` header is its only mark."""
    if not result.truncated:
        return b""
    if result.cut_by == "bytes":
        why = f"the result passed the result-size cap of {state.settings.max_result_bytes} bytes"
    else:
        why = f"the engine had more rows than the result-row cap of {state.settings.max_rows}"
    if fmt.name in ("csv",):
        return f"# truncated: {why}\r\n".encode()
    if fmt.name in ("tsv", "turtle", "trig", "ntriples", "nquads"):
        return f"# truncated: {why}\n".encode()
    if fmt.name == "rdfxml":
        return f"<!-- truncated: {why} -->\n".encode()
    return b""


def result_response(
    state: AppState,
    result: Result,
    fmt: Format,
    *,
    etag: str | None = None,
    context: dict[str, Any] | None = None,
) -> Response:
    """A query result in a results or graph format, with validators and the truncation header."""
    if fmt.name == "jsonld" and context is None:
        context = state.context()
    if result.body is not None and result.body_format == fmt.name:
        body = result.body
    elif result.body is not None:
        raise Problem(500, f"the answer was written as {result.body_format}, not {fmt.name}")
    else:
        body = serialize(result, fmt, context=context)
    marker = truncation_marker(state, result, fmt)
    if marker:
        body = body + marker if body.endswith(b"\n") else body + b"\n" + marker
    headers = {**VARY, **truncation_headers(state, result)}
    if etag is not None:
        headers["ETag"] = etag
    return Response(body, media_type=content_type(fmt), headers=headers)


def html(state: AppState, request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    headers = dict(VARY)
    etag = context.pop("etag", None)
    if etag:
        headers["ETag"] = etag
    response: HTMLResponse = state.templates.TemplateResponse(
        request, template, {"version": state.version, **context}, status_code=status, headers=headers
    )
    return response
