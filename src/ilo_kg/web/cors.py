"""CORS for a public, read-only service that takes no credentials: any web page may read any answer.

Every response says so whatever the request's ``Origin`` (``Access-Control-Allow-Origin: *`` and the
headers a script may read), so an answer never varies by origin and a shared cache may keep one copy
for every page (no ``Vary: Origin``).  A preflight (``OPTIONS`` with ``Origin`` and
``Access-Control-Request-Method``) is answered here: 200 with the methods and the requested headers
allowed, or 400 naming the method that is not.  Fetch Standard, section 3.2 (CORS protocol).

Starlette's ``CORSMiddleware`` reads the request's headers into a mapping and rewrites the response's
through another on every request, to say what this service always says the same way: a tenth of a
point lookup's own CPU.  This adds two fixed header lines.
"""

from __future__ import annotations

from collections.abc import Iterable

from starlette.types import ASGIApp, Message, Receive, Scope, Send

__all__ = ["OpenCors"]


class OpenCors:
    """ASGI middleware: CORS for every origin, the methods ``allow_methods``, any request header."""

    def __init__(
        self, app: ASGIApp, *, allow_methods: Iterable[str], expose_headers: Iterable[str], max_age: int
    ) -> None:
        self.app = app
        self.allow_methods = tuple(m.upper() for m in allow_methods)
        self.always: tuple[tuple[bytes, bytes], ...] = (
            (b"access-control-allow-origin", b"*"),
            (b"access-control-expose-headers", ", ".join(expose_headers).encode("latin-1")),
        )
        self.preflight: tuple[tuple[bytes, bytes], ...] = (
            *self.always,
            (b"access-control-allow-methods", ", ".join(self.allow_methods).encode("latin-1")),
            (b"access-control-max-age", str(max_age).encode("latin-1")),
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] == "OPTIONS":
            origin = method = requested = None
            for name, value in scope["headers"]:
                if name == b"origin":
                    origin = value
                elif name == b"access-control-request-method":
                    method = value
                elif name == b"access-control-request-headers":
                    requested = value
            if origin is not None and method is not None:
                await self._preflight(method, requested, send)
                return
        always = self.always

        async def send_open(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *always]
            await send(message)

        await self.app(scope, receive, send_open)

    async def _preflight(self, method: bytes, requested: bytes | None, send: Send) -> None:
        headers = list(self.preflight)
        if requested is not None:
            headers.append((b"access-control-allow-headers", requested))  # any header is allowed
        asked = method.decode("latin-1").strip().upper()
        if asked in self.allow_methods:
            status, body = 200, b"OK"
        else:
            allowed = ", ".join(self.allow_methods)
            status, body = 400, f"Disallowed CORS method {asked!r}: allowed are {allowed}".encode()
        headers += [(b"content-type", b"text/plain; charset=utf-8"), (b"content-length", b"%d" % len(body))]
        await send({"type": "http.response.start", "status": status, "headers": headers})
        await send({"type": "http.response.body", "body": body, "more_body": False})
