"""A response cache in front of the routes: a release is immutable, so are its answers.

Every GET answer of this service is a function of the published release and of the request's
path, query string, ``Accept`` and ``Host``; a release never changes once published (a new one is a
new version, and the version is part of every key and every ETag).  The version of a request is the
release it was pinned to (:mod:`ilo_kg.web.release_switch`): when the service moves to a new release,
its answers get keys of their own, and an answer of the old release finishing meanwhile is kept only
under the old version's key, never replayed for a request of the new one.  So a full response can be kept
and replayed for the next identical request without running the query again.

What is kept: a ``200`` with an ``ETag``, sent as one body message, no larger than the entry
limit, and not marked ``Cache-Control: no-store`` or ``private``.  Errors, time-limit answers,
file downloads (streamed) and anything without a validator pass through untouched.  A request with
``Cache-Control: no-cache`` skips the lookup (and refreshes the entry), ``no-store`` bypasses the
cache entirely.  A hit answers ``If-None-Match`` with a 304 like the route would.  Entries are
evicted least-recently-used beyond the memory budget.  Hits and misses are counted and shown by
the ``X-Cache`` response header.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ilo_kg.web.state import VERSION_KEY

_ACCEPT = b"accept"
_HOST = b"host"
_INM = b"if-none-match"
_CC = b"cache-control"
_ETAG = b"etag"
_LENGTH = b"content-length"
_VARY_ACCEPT = (b"vary", b"Accept")
_MISS = (b"x-cache", b"miss")


_Entry = tuple[int, tuple[tuple[bytes, bytes], ...], bytes, bytes, int]
"""A kept answer: its status, headers, body, ETag, and the bytes it holds (the body, the headers and about
200 of bookkeeping).  A plain tuple of bytes and ints, which the garbage collector stops tracking (it
keeps tracking a NamedTuple's instances, and a full cache's entries would lengthen every full
collection)."""


class ResponseCache:
    """ASGI middleware keeping whole responses per (version, host, path, query, Accept), LRU by bytes.

    ``version`` is the release's when a request carries none (one pinned by the release switch)."""

    def __init__(
        self,
        app: ASGIApp,
        *,
        version: str,
        max_bytes: int,
        max_entry_bytes: int | None = None,
        owner: Any = None,
    ) -> None:
        self.app = app
        self.version = version
        self.max_bytes = max(0, max_bytes)
        default_entry = max(self.max_bytes // 16, 1)
        self.max_entry_bytes = max_entry_bytes if max_entry_bytes is not None else default_entry
        self._entries: OrderedDict[tuple[bytes, ...], _Entry] = OrderedDict()
        self._seen: OrderedDict[int, None] = OrderedDict()
        """Hashes of keys answered once while the cache was full (the doorkeeper), newest last."""
        self.size = 0
        self.refused = 0
        self.hits = 0
        self.misses = 0
        if owner is not None:
            owner.cache = self  # the app's state keeps a handle (statistics, tests)

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET" or self.max_bytes == 0:
            await self.app(scope, receive, send)
            return
        accept = host = inm = control = b""
        for name, value in scope["headers"]:
            if name == _ACCEPT:
                accept = value
            elif name == _HOST:
                host = value
            elif name == _INM:
                inm = value
            elif name == _CC:
                control = value.lower()
        if b"no-store" in control:
            await self.app(scope, receive, send)
            return
        scheme = scope.get("scheme", "http").encode()
        version = str(scope.get(VERSION_KEY, self.version)).encode()
        key = (version, scheme, host, scope["path"].encode(), scope["query_string"], accept)
        if b"no-cache" not in control:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self.hits += 1
                await self._replay(entry, inm, send)
                return
        self.misses += 1
        await self._fill(key, scope, receive, send)

    async def _replay(self, entry: _Entry, inm: bytes, send: Send) -> None:
        status, kept, body, etag, _size = entry
        if inm and _matches(inm, etag):
            headers = [(_ETAG, etag), _VARY_ACCEPT, (b"x-cache", b"hit")]
            await send({"type": "http.response.start", "status": 304, "headers": headers})
            await send({"type": "http.response.body", "body": b"", "more_body": False})
            return
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [*kept, (b"x-cache", b"hit")],
            }
        )
        await send({"type": "http.response.body", "body": body, "more_body": False})

    async def _fill(self, key: tuple[bytes, ...], scope: Scope, receive: Receive, send: Send) -> None:
        kept: list[tuple[bytes, bytes]] | None = None  # the headers of a 200 being answered

        async def capture(message: Message) -> None:
            nonlocal kept
            kind = message["type"]
            if kind == "http.response.start":
                headers = message.get("headers", [])
                kept = headers if message["status"] == 200 else None
                message["headers"] = [*headers, _MISS]
            elif kind == "http.response.body" and kept is not None:
                if not message.get("more_body", False):
                    self._keep(key, kept, message.get("body", b""))
                kept = None  # a streamed body (several messages) is never kept
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: tuple[bytes, ...], raw: list[tuple[bytes, bytes]], body: bytes) -> None:
        # full even for the body alone: a key met once is refused before its headers are read (most
        # such answers are never asked again), one met before is admitted
        seen = False
        if self.size + len(body) + 200 > self.max_bytes and key not in self._entries:
            seen = self._second_sight(key)
            if not seen:
                self.refused += 1
                return
        kept: list[tuple[bytes, bytes]] = []
        etag = None
        size = len(body) + 200
        for raw_name, raw_value in raw:
            name, value = bytes(raw_name).lower(), bytes(raw_value)
            size += len(name) + len(value)
            if name == _ETAG:
                etag = value
            elif _refuses(name, value, body):
                return
            kept.append((name, value))
        headers = tuple(kept)
        if etag is None or not etag.startswith(b'"' + key[0] + b"-"):
            return  # only representations whose validator names this release
        if size > self.max_entry_bytes:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self.size -= old[4]
        elif self.size + size > self.max_bytes and not seen and not self._second_sight(key):
            self.refused += 1
            return
        self._entries[key] = (200, headers, body, etag, size)
        self.size += size
        while self.size > self.max_bytes and self._entries:
            _, evicted = self._entries.popitem(last=False)
            self.size -= evicted[4]

    def _second_sight(self, key: tuple[bytes, ...]) -> bool:
        """True when ``key`` was seen before (it is then admitted); else it is remembered for next time."""
        digest = hash(key)
        if digest in self._seen:
            del self._seen[digest]
            return True
        self._seen[digest] = None
        while len(self._seen) > _DOORKEEPER:
            self._seen.popitem(last=False)
        return False


_DOORKEEPER = 16384
"""Keys remembered by the doorkeeper (a few hundred KiB at most)."""


def _refuses(name: bytes, value: bytes, body: bytes) -> bool:
    """A response header that keeps the response out of the cache: ``no-store`` or ``private``, or a
    ``Content-Length`` the body does not have."""
    if name == _CC:
        return b"no-store" in value.lower() or b"private" in value.lower()
    return name == _LENGTH and value != str(len(body)).encode()


def _matches(header: bytes, etag: bytes) -> bool:
    for tag in header.split(b","):
        tag = tag.strip()
        if tag.startswith(b"W/"):
            tag = tag[2:]
        if tag == b"*" or tag == etag:
            return True
    return False
