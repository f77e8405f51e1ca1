"""The response cache: replayed answers are the route's answers, and only those that may be kept are."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from ilo_kg.web.cache import ResponseCache
from ilo_kg.web.state import VERSION_KEY

ASK = "ASK { ?s a <https://schema.org/Project> }"
JSON = "application/sparql-results+json"


def _get(client: httpx.Client, query: str, **headers: str) -> httpx.Response:
    return client.get("/sparql", params={"query": query}, headers={"Accept": JSON, **headers})


def test_a_repeated_query_is_replayed_with_the_same_body_and_validator(client: httpx.Client) -> None:
    query = "SELECT ?p WHERE { ?p a <https://schema.org/Project> } ORDER BY ?p # cache-1"
    first = _get(client, query)
    second = _get(client, query)
    assert first.status_code == second.status_code == 200
    assert first.headers["x-cache"] == "miss" and second.headers["x-cache"] == "hit"
    assert second.content == first.content
    for name in ("etag", "content-type", "vary", "content-length"):
        assert second.headers[name] == first.headers[name], name


def test_the_accept_header_and_the_query_string_are_part_of_the_key(client: httpx.Client) -> None:
    query = ASK + " # cache-2"
    as_json = _get(client, query)
    as_xml = client.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+xml"}
    )
    assert as_json.headers["x-cache"] == "miss" and as_xml.headers["x-cache"] == "miss"
    assert as_xml.headers["content-type"].startswith("application/sparql-results+xml")
    assert as_json.json()["boolean"] is True
    other = _get(client, ASK + " # cache-2b")
    assert other.headers["x-cache"] == "miss"


def test_a_hit_answers_if_none_match_with_304(client: httpx.Client) -> None:
    query = ASK + " # cache-3"
    etag = _get(client, query).headers["etag"]
    again = _get(client, query, **{"If-None-Match": etag})
    assert again.status_code == 304 and again.headers["etag"] == etag and again.content == b""
    assert again.headers["x-cache"] == "hit"
    other = _get(client, query, **{"If-None-Match": '"another"'})
    assert other.status_code == 200 and other.headers["x-cache"] == "hit"


def test_no_cache_skips_the_lookup_and_no_store_bypasses(client: httpx.Client) -> None:
    query = ASK + " # cache-4"
    _get(client, query)
    assert _get(client, query, **{"Cache-Control": "no-cache"}).headers["x-cache"] == "miss"
    assert _get(client, query).headers["x-cache"] == "hit"
    fresh = ASK + " # cache-4b"
    bypass = _get(client, fresh, **{"Cache-Control": "no-store"})
    assert bypass.status_code == 200 and "x-cache" not in bypass.headers
    assert _get(client, fresh).headers["x-cache"] == "miss"


def test_errors_are_never_replayed(client: httpx.Client) -> None:
    bad = "SELECT ?x WHERE { ?x ?y } # cache-5"
    for _ in range(2):
        r = _get(client, bad)
        assert r.status_code == 400 and r.headers["x-cache"] == "miss"


@pytest.mark.parametrize(
    ("path", "accept"),
    [
        ("/id/person/anna-kovacs", "text/turtle"),
        ("/id/person/anna-kovacs", "text/html"),
        ("/id/country/HUN.jsonld", "*/*"),
        ("/queries/active-projects.csv?on=2021-01-01", "*/*"),
    ],
)
def test_resource_pages_and_canned_queries_are_cached_too(
    client: httpx.Client, path: str, accept: str
) -> None:
    first = client.get(path, headers={"Accept": accept})
    again = client.get(path, headers={"Accept": accept})
    assert first.status_code == 200, first.text
    assert first.headers["x-cache"] in ("miss", "hit") and again.headers["x-cache"] == "hit"
    assert again.content == first.content and again.headers["etag"] == first.headers["etag"]


# --- the middleware alone, around a stub app that counts its calls ------------------------------


class _App:
    def __init__(self, version: str = "v1") -> None:
        self.calls = 0
        self.version = version
        self.status = 200
        self.streamed = False
        self.extra: list[tuple[bytes, bytes]] = []

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        body = (scope["path"] + "?" + scope["query_string"].decode()).encode() * 10
        headers = [(b"content-type", b"text/plain"), (b"etag", f'"{self.version}-x"'.encode()), *self.extra]
        if not self.streamed:
            headers.append((b"content-length", str(len(body)).encode()))
        await send({"type": "http.response.start", "status": self.status, "headers": headers})
        if self.streamed:
            await send({"type": "http.response.body", "body": body, "more_body": True})
        await send({"type": "http.response.body", "body": b"" if self.streamed else body, "more_body": False})


def _call(
    cache: ResponseCache, path: str, query: str = "", method: str = "GET", pinned: str | None = None
) -> list[dict[str, Any]]:
    scope: dict[str, Any] = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": [(b"host", b"example.org"), (b"accept", b"*/*")],
        "scheme": "http",
    }
    if pinned is not None:  # the release the request was pinned to (ilo_kg.web.release_switch)
        scope[VERSION_KEY] = pinned
    sent: list[dict[str, Any]] = []

    async def receive() -> dict[str, Any]:
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    asyncio.run(cache(scope, receive, send))
    return sent


def test_least_recently_used_entries_go_first_within_the_budget() -> None:
    app = _App()
    cache = ResponseCache(app, version="v1", max_bytes=700, max_entry_bytes=700)
    for path in ("/a", "/b", "/c"):
        _call(cache, path)
    assert app.calls == 3 and cache.size <= 700
    assert len(cache) == 2  # the budget holds two entries of about 300 bytes: /a and /b
    _call(cache, "/c")
    assert app.calls == 4  # a full cache admits /c on second sight only: now
    _call(cache, "/c")
    assert app.calls == 4  # kept
    _call(cache, "/b")
    assert app.calls == 4  # /b is still there
    _call(cache, "/a")
    assert app.calls == 5  # the least recently used, /a, made room for /c


def test_kept_entries_leave_the_garbage_collector_s_sight() -> None:
    """A full cache holds tens of thousands of entries: tracked, each would lengthen every full
    collection; a tuple of bytes and ints is untracked by a collection that finds its parts untracked
    (an entry holds tuples of tuples: three collections untrack every level)."""
    import gc

    cache = ResponseCache(_App(), version="v1", max_bytes=1 << 20)
    for k in range(50):
        _call(cache, f"/kept-{k}")
    assert len(cache) == 50
    for _ in range(3):
        gc.collect()
    assert not any(gc.is_tracked(entry) for entry in cache._entries.values())
    assert not any(gc.is_tracked(key) for key in cache._entries)


def test_unique_requests_do_not_flush_the_popular_entries() -> None:
    app = _App()
    cache = ResponseCache(app, version="v1", max_bytes=700, max_entry_bytes=700)
    _call(cache, "/popular")
    _call(cache, "/other")
    for k in range(200):  # a scan: every path once
        _call(cache, f"/unique-{k}")
    assert cache.refused == 200
    calls = app.calls
    _call(cache, "/popular")
    _call(cache, "/other")
    assert app.calls == calls  # both still answered from the cache


@pytest.mark.parametrize(
    "change",
    ["status", "streamed", "no-store", "private", "other-version", "too-large", "post"],
)
def test_what_must_not_be_kept_is_not(change: str) -> None:
    app = _App(version="v0" if change == "other-version" else "v1")
    cache = ResponseCache(
        app, version="v1", max_bytes=100_000, max_entry_bytes=50 if change == "too-large" else None
    )
    method = "POST" if change == "post" else "GET"
    if change == "status":
        app.status = 404
    elif change == "streamed":
        app.streamed = True
    elif change in ("no-store", "private"):
        app.extra = [(b"cache-control", change.encode())]
    first = _call(cache, "/x", "q=1", method)
    second = _call(cache, "/x", "q=1", method)
    assert app.calls == 2 and len(cache) == 0
    assert b"".join(m.get("body", b"") for m in first) == b"".join(m.get("body", b"") for m in second)


def test_entries_are_keyed_by_the_release_each_request_was_pinned_to() -> None:
    app = _App(version="v1")
    cache = ResponseCache(app, version="v1", max_bytes=100_000)
    _call(cache, "/x", "q=1", pinned="v1")
    assert len(cache) == 1
    app.version = "v2"  # the service moved to a new release
    sent = _call(cache, "/x", "q=1", pinned="v2")
    assert app.calls == 2, "an answer of v1 was replayed for a request pinned to v2"
    assert dict(sent[0]["headers"])[b"etag"] == b'"v2-x"'
    _call(cache, "/x", "q=1", pinned="v2")
    assert app.calls == 2 and len(cache) == 2
    app.version = "v1"  # an answer of the old release finishing late is not kept under the new version
    _call(cache, "/y", pinned="v2")
    _call(cache, "/y", pinned="v2")
    assert app.calls == 4


def test_a_zero_budget_turns_the_cache_off() -> None:
    app = _App()
    cache = ResponseCache(app, version="v1", max_bytes=0)
    _call(cache, "/x")
    sent = _call(cache, "/x")
    assert app.calls == 2 and all(b"x-cache" not in dict(m.get("headers", [])) for m in sent)


def test_status_shows_the_workers_and_the_cache(client: httpx.Client, live: object) -> None:
    query = ASK + " # cache-status"
    _get(client, query)
    _get(client, query)
    doc = client.get("/status").json()
    assert client.get("/status").headers["cache-control"] == "no-store"
    assert doc["quads"] > 0 and doc["version"]
    assert len(doc["workers"]) == 2 and sum(doc["worker_modes"].values()) == 2
    cache = doc["cache"]
    assert cache["hits"] >= 1 and cache["misses"] >= 1 and 0 < cache["bytes"] <= cache["budget_bytes"]
