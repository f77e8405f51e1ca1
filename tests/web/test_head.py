"""HEAD is answered like GET, without a body, on pages, resources, results and dumps."""

from __future__ import annotations

import httpx
import pytest


@pytest.mark.parametrize(
    "path", ["/", "/sparql", "/queries", "/data/", "/ontology", "/.well-known/void", "/context.jsonld"]
)
def test_head_matches_get(live, path: str) -> None:
    server_url = live.url
    get = httpx.get(server_url + path, headers={"Accept": "text/turtle, text/html;q=0.9, */*;q=0.1"})
    head = httpx.head(server_url + path, headers={"Accept": "text/turtle, text/html;q=0.9, */*;q=0.1"})
    assert head.status_code == get.status_code
    assert head.content == b""
    assert head.headers.get("content-type") == get.headers.get("content-type")
    assert head.headers.get("etag") == get.headers.get("etag")
