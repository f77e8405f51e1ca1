"""Item 1 of the hardening issue: deeply nested query text is refused before any recursive parse."""

from __future__ import annotations

import subprocess

import httpx
import pytest
from faults_support import CLI, ROOT, Server

from ilo_kg.safety import MAX_NESTING

DEEP = {
    "braces": "SELECT * WHERE " + "{" * 2500 + "}" * 2500,
    "parentheses": "SELECT * WHERE { FILTER(" + "(" * 5000 + "1" + ")" * 5000 + ") }",
    "collections": "SELECT * WHERE { ?s <urn:p> (" + "(" * 3000 + ")" * 3000 + ") }",
    "blank nodes": "SELECT * WHERE { ?s <urn:p> " + "[ <urn:q> " * 3000 + "]" * 3000 + " }",
}


def assert_alive(server: Server) -> None:
    r = httpx.get(server.url + "/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
    assert r.status_code == 200 and r.json()["boolean"] is True
    assert server.process.poll() is None


@pytest.mark.server
@pytest.mark.parametrize("shape", sorted(DEEP))
def test_deep_nesting_is_a_400_and_the_server_lives(server: Server, shape: str) -> None:
    text = DEEP[shape]
    for send in (
        lambda: httpx.get(server.url + "/sparql", params={"query": text}, timeout=30),
        lambda: httpx.post(server.url + "/sparql", data={"query": text}, timeout=30),
        lambda: httpx.post(
            server.url + "/sparql",
            content=text.encode(),
            headers={"Content-Type": "application/sparql-query"},
            timeout=30,
        ),
    ):
        r = send()
        assert r.status_code == 400, r.text[:300]
        assert "levels deep" in r.text and f"limit of {MAX_NESTING}" in r.text
        assert "line 1, column" in r.text
        assert_alive(server)


@pytest.mark.server
def test_nesting_at_the_limit_still_runs(server: Server) -> None:
    text = "SELECT * WHERE " + "{" * MAX_NESTING + "}" * MAX_NESTING
    r = httpx.get(server.url + "/sparql", params={"query": text}, timeout=30)
    assert r.status_code == 200, r.text[:300]


@pytest.mark.parametrize("shape", ["braces", "parentheses"])
def test_the_command_line_refuses_deep_nesting(published, shape: str) -> None:
    done = subprocess.run(
        [*CLI, "query", DEEP[shape], "--output", str(published)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode not in (0, -11, 139), done.stderr[-500:]
    assert "levels deep" in done.stderr
    assert "Traceback" not in done.stderr
