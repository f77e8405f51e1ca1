"""The service's hot routes answered before FastAPI's router: ``/sparql``, the resource IRIs and the
canned queries.

A point lookup or a resource description costs the engine less than routing the request through FastAPI
(matching the routes one by one, solving the endpoint's dependencies, its exception middleware), and a
canned query's routing cost its service process as much as the rest of its request.  So ``GET``/``POST
/sparql``, ``GET /id/{kind}/{key}`` and ``GET /queries/{name}`` (with or without a file suffix) are
answered here by the very functions the declared routes run (:func:`ilo_kg.web.sparql.sparql`,
:func:`ilo_kg.web.resources.resource`, :func:`ilo_kg.web.queries.run_canned`; the routes stay declared
for the OpenAPI document), their errors by the same handler (:func:`~ilo_kg.web.responses.error_response`);
every other request goes on to FastAPI.  It sits inside HEAD-as-GET, CORS, the release pin, the response
cache and the client context, so those apply as to every route.  A change to what these routes answer
goes in their functions: both ways run them.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from starlette.responses import Response
from starlette.types import ASGIApp, Receive, Scope, Send

from ilo_kg.web.queries import run_canned
from ilo_kg.web.resources import resource
from ilo_kg.web.responses import Problem, error_response
from ilo_kg.web.sparql import sparql

__all__ = ["HotRoutes"]

_RESOURCE = re.compile(r"/id/([^/]+)/([^/]+)")
"""The resource route's path, as Starlette matches ``/id/{kind}/{key}`` (each parameter ``[^/]+``)."""


class HotRoutes:
    """ASGI: ``/sparql`` (GET, POST) and ``/id/{kind}/{key}`` (GET) answered straight; anything else
    passed on to ``app`` (FastAPI's router)."""

    def __init__(self, app: ASGIApp, router: Any, canned: frozenset[str] = frozenset()) -> None:
        self.app = app
        self.router = router
        self.canned = canned
        """The canned queries FastAPI has a route of its own for (``/queries/{name}``)."""

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            path, method = scope["path"], scope["method"]
            if path == "/sparql" and method in ("GET", "POST"):
                await self._answer(scope, receive, send, lambda request: sparql(request))
                return
            if method == "GET" and path.startswith("/id/"):
                found = _RESOURCE.fullmatch(path)
                if found is not None:
                    kind, key = found.groups()
                    await self._answer(scope, receive, send, lambda request: resource(request, kind, key))
                    return
            if method == "GET" and path.startswith("/queries/"):
                filename = path[9:]
                if filename and "/" not in filename:
                    await self._answer(scope, receive, send, lambda request: self._canned(request, filename))
                    return
        await self.app(scope, receive, send)

    async def _canned(self, request: Request, filename: str) -> Response:
        """As FastAPI routes ``/queries/{filename}``: a query's own route first, then the one taking a
        file suffix (``web/queries.py``, ``build_router``)."""
        if filename in self.canned:
            return await run_canned(request, filename)
        name, dot, suffix = filename.rpartition(".")
        if not dot:
            return await run_canned(request, filename)
        return await run_canned(request, name, suffix)

    async def _answer(self, scope: Scope, receive: Receive, send: Send, route: Any) -> None:
        scope.setdefault("router", self.router)  # for url_for, as FastAPI's router sets it
        request = Request(scope, receive)
        try:
            response: Response = await route(request)
        except Problem as exc:
            response = error_response(request, exc.status, exc.message, exc.headers)
        await response(scope, receive, send)
