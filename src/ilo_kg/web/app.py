"""``create_app(settings, store, catalogue)``: routers, static files, CORS and error handlers."""

from __future__ import annotations

import inspect
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp

from ilo_kg.config import Settings
from ilo_kg.engine.contract import Store
from ilo_kg.queries import Catalogue
from ilo_kg.web import browse, docs, dumps, pages, resources, search, sparql, status
from ilo_kg.web.cache import ResponseCache
from ilo_kg.web.cors import OpenCors
from ilo_kg.web.head import HeadAsGet
from ilo_kg.web.hot import HotRoutes
from ilo_kg.web.ledger import Ledger
from ilo_kg.web.limits import ClientContext, ClientLimits
from ilo_kg.web.queries import build_router
from ilo_kg.web.release_switch import PinRelease, ReleaseSwitch
from ilo_kg.web.responses import Problem, error_response
from ilo_kg.web.state import STATIC, AppState

EXPOSED = ["ETag", "X-Cache", "X-Result-Truncated", "Content-Location", "Link", "Retry-After"]


_NO_TELEMETRY: dict[str, Any] = (
    {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters
    else {}
)
"""The service sets up no OpenTelemetry: FastAPI's own (0.165 on) would ask the global providers on every
request whether one was set up."""


def create_app(
    settings: Settings, store: Store, catalogue: Catalogue, *, ledger: Ledger | None = None
) -> FastAPI:
    """The service around a store and a catalogue; nothing is opened or read at import time.

    ``ledger``: the per-client accounts, when several service processes share them (else this app's own)."""
    state = AppState.load(settings, store, catalogue)
    app = FastAPI(
        **_NO_TELEMETRY,
        title="ilo-kg",
        version=state.version,
        docs_url=None,  # served by ilo_kg.web.docs from the package's own Swagger UI files
        redoc_url=None,
        description=(
            "A linked-data knowledge graph of the ILO's Europe and Central Asia region: "
            "a read-only SPARQL 1.1 endpoint, canned queries (one operation each), "
            "dereferenceable resource IRIs and downloadable dumps."
        ),
    )
    app.state.kg = state
    state.limits = ClientLimits.from_settings(settings, ledger)
    # a gone client's query keeps its worker no longer once another query waits for one (on the
    # release current now: the limits outlive a release switch)
    state.limits.contended = lambda: app.state.kg.store.waiting() > 0

    def switched(fresh: AppState) -> None:
        app.state.kg = fresh
        app.version = fresh.version
        app.openapi_schema = None
        if fresh.cache is not None:
            fresh.cache.clear()  # the old release's answers can no longer be asked for

    # every request runs on the release current when it arrived (``ReleaseSwitch.follow``: a new
    # release published into the output replaces it between requests)
    app.state.releases = switch = ReleaseSwitch(state, switched)
    # HEAD, CORS, the release pin and the response cache wrap the whole stack (outside FastAPI's own
    # middleware), so that a cache hit costs only these layers: a release never changes, neither do
    # its answers
    cache = ResponseCache
    inner_stack = app.build_middleware_stack

    def build_middleware_stack() -> ASGIApp:
        stack = cache(
            ClientContext(HotRoutes(inner_stack(), app.router, frozenset(q.name for q in catalogue))),
            version=state.version,
            max_bytes=settings.cache_mb * 1024 * 1024,
            owner=state,
        )
        cors = OpenCors(
            PinRelease(stack, switch),
            allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
            expose_headers=EXPOSED,
            max_age=3600,
        )
        return HeadAsGet(cors)

    app.build_middleware_stack = build_middleware_stack  # type: ignore[method-assign]
    # routes are matched in this order, one by one: the resource IRIs (the linked-data clients' traffic)
    # come before the canned queries' many routes
    app.include_router(pages.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(browse.router)
    app.include_router(build_router(catalogue))
    app.include_router(search.router)
    app.include_router(docs.router)
    app.include_router(dumps.router)
    app.include_router(status.router)
    app.mount("/static", StaticFiles(directory=str(STATIC)), name="static")

    @app.exception_handler(Problem)
    async def problem(request: Request, exc: Problem) -> Response:
        return error_response(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        message = str(exc.detail)
        if exc.status_code == 404:
            message = f"no such page {request.url.path!r}; start at / (home), /sparql, /queries, /data/"
        elif exc.status_code == 405:
            message = f"method {request.method} is not allowed on {request.url.path}"
        return error_response(request, exc.status_code, message, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        return error_response(request, 400, f"bad request: {details}")

    return app
