"""Item 4: the result-size cap and the worker memory limit.

A 600-byte query that doubles a string 25 times (``BIND(CONCAT(?v, ?v))``) once returned 256 MiB at
1.9 GB of memory; now its result is cut at ``max_result_bytes`` (reported like the row cap) or its worker
passes ``worker_memory_mb`` and is replaced (503), and the service goes on answering.
"""

from __future__ import annotations

import pytest
from faults_support import start_server


def doubling(levels: int, select: str = "*") -> str:
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(levels))
    return f'SELECT {select} WHERE {{ BIND("ab" AS ?v0) {binds} }}'


@pytest.mark.server
def test_twenty_five_doublings_are_harmless_with_the_default_limits(published, tmp_path) -> None:
    live = start_server(published, tmp_path / "serve.log", timeout_s="20", cache_mb="0")
    try:
        text = doubling(25)
        assert len(text) < 1000
        with live.client() as c:
            r = c.get(
                "/sparql", params={"query": text}, headers={"Accept": "application/sparql-results+json"}
            )
            assert r.status_code in (200, 503), r.text[:300]
            if r.status_code == 200:  # cut by the result-size cap, and says so
                assert r.headers["x-result-truncated"] == "true; max-bytes=50000000"
                assert r.json()["truncated"] is True
                assert len(r.content) < 50_000_000
            else:  # or stopped by the memory limit
                assert "memory limit" in r.text
        live.assert_healthy()
    finally:
        live.stop()


@pytest.mark.server
def test_a_query_past_the_worker_memory_limit_is_stopped(published, tmp_path) -> None:
    live = start_server(
        published,
        tmp_path / "serve.log",
        timeout_s="30",
        cache_mb="0",
        worker_memory_mb="300",
        max_result_bytes="2000000000",
    )
    try:
        before = set(live.wait_for_workers())
        with live.client() as c:
            r = c.get(
                "/sparql", params={"query": doubling(29, "?v29")}, headers={"Accept": "application/json"}
            )
        assert r.status_code == 503, r.text[:300]
        assert "worker memory limit of 300 MiB" in r.text
        live.assert_healthy()
        assert set(live.wait_for_workers()) != before  # the worker that passed the limit was replaced
        assert "passed the limit of 300 MiB" in live.log.read_text()
    finally:
        live.stop()


@pytest.mark.server
def test_the_result_size_cap_cuts_and_reports(published, tmp_path) -> None:
    live = start_server(published, tmp_path / "serve.log", cache_mb="0", max_result_bytes="20000")
    try:
        query = {"query": "SELECT * WHERE { ?s ?p ?o }"}
        with live.client() as c:
            r = c.get("/sparql", params=query, headers={"Accept": "application/sparql-results+json"})
            assert r.status_code == 200
            assert r.headers["x-result-truncated"] == "true; max-bytes=20000"
            doc = r.json()
            assert doc["truncated"] is True and 0 < len(doc["results"]["bindings"]) < 1000
            csv = c.get("/sparql", params=query, headers={"Accept": "text/csv"})
            last = csv.text.rstrip("\r\n").rsplit("\r\n", 1)[-1]
            assert last == "# truncated: the result passed the result-size cap of 20000 bytes"
    finally:
        live.stop()
