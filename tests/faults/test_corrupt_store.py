"""A corrupted store: the service refuses to start with a one-line reason, and a store corrupted under a
running service costs the queries that read the damage (a 500 that says so), never the service."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import httpx
import pytest
from faults_support import CLI, ROOT, free_port, start_server


def corrupt(store: Path) -> None:
    """Overwrite a stretch in the middle of every table file (in place: open handles see it too)."""
    for table in sorted(store.glob("*.sst")):
        size = table.stat().st_size
        with table.open("r+b") as handle:
            handle.seek(size // 3)
            handle.write(os.urandom(max(1, min(4096, size // 3))))


def copy_release(published: Path, tmp_path: Path) -> Path:
    dist = tmp_path / "dist"
    shutil.copytree(published.resolve(), dist)
    return dist


def test_a_corrupted_store_is_refused_at_start_with_one_line(published: Path, tmp_path: Path) -> None:
    dist = copy_release(published, tmp_path)
    corrupt(dist / "store")
    done = subprocess.run(
        [*CLI, "serve", "--output", str(dist), "--port", str(free_port())],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("cannot serve: cannot open the store at"), done.stderr[-1000:]
    assert "Corruption" in last


@pytest.mark.server
def test_a_store_corrupted_while_served_costs_only_queries(published: Path, tmp_path: Path) -> None:
    dist = copy_release(published, tmp_path)
    live = start_server(dist, tmp_path / "serve.log", cache_mb="0", memory_quads="0")
    try:
        corrupt(dist / "store")
        statuses = set()
        for query in (
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
            "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s LIMIT 5",
        ):
            r = httpx.get(live.url + "/sparql", params={"query": query}, timeout=60)
            statuses.add(r.status_code)
            # an answer, an engine error that says so, or a limit: a corrupt length read as a huge
            # allocation meets the worker memory limit, a corrupt block can send a scan round for ever
            # (the time limit): never the service
            assert r.status_code in (200, 500, 503), r.text[:300]
            if r.status_code == 500:
                assert "the query engine failed" in r.text or "worker died" in r.text
            if r.status_code == 503:
                assert any(w in r.text for w in ("memory limit", "time limit", "busy")), r.text
        assert live.process.poll() is None
        assert httpx.get(live.url + "/status", timeout=10).status_code == 200
    finally:
        live.stop()
