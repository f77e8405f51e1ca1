"""The remote-engine path against a second real engine: the Oxigraph server (``oxigraph serve``).

The seed build is loaded with the real ``ilo-kg publish --to`` (Graph Store Protocol and SPARQL Update on
Oxigraph's ``/store`` and ``/update``); then the ``RemoteStore``, ``ilo-kg query`` and a real ``ilo-kg serve``
with ``ILO_KG_ENGINE`` pointing at Oxigraph's ``/query`` give the same answers as the embedded store: every
canned query with the parameters of the Virtuoso comparison, resource descriptions, ``COUNT(*)`` over the
default graph (the distinct triples), the dataset rules, the row cap and the time limit.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from oxigraph_server import OxigraphServer, start_oxigraph
from remote_support import BASE, ID, ROOT
from test_remote_answers import as_text, cases, order_keys
from test_remote_web import RESOURCES, statements
from tests.faults.faults_support import start_server

from ilo_kg.config import Settings
from ilo_kg.describe import describe
from ilo_kg.engine.contract import QueryTimeout
from ilo_kg.engine.remote import RemoteStore
from ilo_kg.queries import CannedQuery, load_catalogue


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    server = start_oxigraph(tmp_path_factory.mktemp("oxigraph"))
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def loaded(oxigraph: OxigraphServer, build_settings: Settings) -> str:
    """The build published into the Oxigraph server by the real command; its report."""
    done = cli("publish", "--to", oxigraph.publish_url, "--output", str(build_settings.dist))
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture()
def remote(oxigraph: OxigraphServer, loaded: str) -> Iterator[RemoteStore]:
    store = RemoteStore(oxigraph.url, base_iri=BASE, timeout_s=10.0, max_rows=10000)
    yield store
    store.close()


def test_publish_counts_every_graph_and_is_idempotent(oxigraph, loaded, build_settings, kg) -> None:
    assert "published: version" in loaded
    graphs = dict(
        (line.split()[1], int(line.split()[0])) for line in loaded.splitlines() if line.startswith("  ")
    )
    for graph in kg.graphs():
        here = kg.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}").rows[0][0]
        assert graphs[graph] == int(here.value), graph
    again = cli("publish", "--quiet", "--to", oxigraph.publish_url, "--output", str(build_settings.dist))
    assert again.returncode == 0, again.stderr
    assert "already published" in again.stdout


@pytest.mark.parametrize(("canned", "params"), cases())
def test_same_answers_as_the_embedded_store(kg, remote, canned: CannedQuery, params: dict[str, str]) -> None:
    bindings = canned.bind(params) or None
    here = kg.query(canned.text, bindings=bindings, max_rows=100000)
    there = remote.query(canned.text, bindings=bindings, max_rows=100000)
    assert (there.kind, there.variables, there.boolean) == (here.kind, here.variables, here.boolean)
    assert not there.truncated
    mine, theirs = as_text(here), as_text(there)
    missing = Counter(mine) - Counter(theirs)
    extra = Counter(theirs) - Counter(mine)
    assert not missing and not extra, (
        f"embedded only: {sorted(missing)}\nOxigraph server only: {sorted(extra)}"
    )
    keys = [here.variables.index(k) for k in order_keys(canned) if k in here.variables]
    if keys:
        assert [tuple(r[i] for i in keys) for r in theirs] == [tuple(r[i] for i in keys) for r in mine]


@pytest.mark.parametrize("path", RESOURCES)
def test_descriptions_agree(kg, remote, path: str) -> None:
    here, there = describe(kg, ID + path), describe(remote, ID + path)
    assert here is not None and there is not None
    for part in ("outgoing", "incoming", "fragments", "sources"):
        assert statements(getattr(there, part)) == statements(getattr(here, part)), part
    assert sorted(there.graphs) == sorted(here.graphs)
    assert set(there.triples) == set(here.triples)
    assert there.label == here.label


def test_dataset_rules_row_cap_and_time_limit(kg, remote) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.query(count).rows == kg.query(count).rows  # the default graph is a set
    named = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert remote.query(named).rows == kg.query(named).rows
    foreign = "SELECT * FROM <http://example.org/elsewhere> WHERE { ?s ?p ?o }"
    assert remote.query(foreign).rows == () == kg.query(foreign).rows
    reference = f"SELECT (COUNT(*) AS ?n) FROM <{BASE}graph/reference> WHERE {{ ?s ?p ?o }}"
    assert remote.query(reference).rows == kg.query(reference).rows
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    cut = remote.query(text, max_rows=7)
    assert cut.truncated and cut.rows == kg.query(text, max_rows=7).rows
    graph = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=5)
    assert graph.truncated and len(graph.triples) == 5
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        remote.query(slow, timeout_s=1.0)
    assert time.monotonic() - started < 3.0
    assert remote.query("ASK { ?s ?p ?o }").boolean is True


def test_cli_query_gives_the_embedded_answers(oxigraph, loaded, build_settings) -> None:
    out = str(build_settings.dist)
    texts = [
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> "
        "SELECT ?c WHERE { ?c a ilo:MemberState } ORDER BY ?c",
    ]
    for text in texts:
        here = cli("query", text, "--format", "csv", "--output", out)
        there = cli("query", text, "--format", "csv", "--output", out, env={"ILO_KG_ENGINE": oxigraph.url})
        assert there.returncode == 0 and here.returncode == 0, there.stderr
        assert there.stdout == here.stdout
    for name in ("ratifications", "office-coverage"):
        args = ("query", "--name", name, "--format", "csv", "--output", out)
        here = cli(*args)
        there = cli(*args, env={"ILO_KG_ENGINE": oxigraph.url})
        assert there.returncode == 0, there.stderr
        assert there.stdout == here.stdout and len(there.stdout.splitlines()) > 1
    update = cli(
        "query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--output", out, env={"ILO_KG_ENGINE": oxigraph.url}
    )
    assert update.returncode == 1


def test_serve_on_the_oxigraph_server(oxigraph, loaded, build_settings, kg, tmp_path: Path) -> None:
    catalogue = load_catalogue(ROOT / "queries")
    live = start_server(build_settings.dist, tmp_path / "serve.log", engine=oxigraph.url, cache_mb="0")
    try:
        with httpx.Client(base_url=live.url, timeout=60) as c:
            assert c.get("/status").json()["engine"] == oxigraph.url
            count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
            answer = c.get("/sparql", params={"query": count}, headers={"Accept": "application/json"})
            assert answer.status_code == 200, answer.text[:300]
            assert answer.json()["results"]["bindings"][0]["n"]["value"] == kg.query(count).rows[0][0].value
            for name in ("national-coordinators", "office-coverage"):
                canned = c.get(f"/queries/{name}", headers={"Accept": "application/sparql-results+json"})
                assert canned.status_code == 200, canned.text[:300]
                rows = canned.json()["results"]["bindings"]
                assert len(rows) == len(kg.query(catalogue.get(name).text).rows)
            page = c.get("/id/country/ALB", headers={"Accept": "text/html"})
            assert page.status_code == 200 and "Albania" in page.text
            turtle = c.get("/id/country/ALB", headers={"Accept": "text/turtle"})
            assert turtle.status_code == 200 and "Albania" in turtle.text
            assert c.post("/sparql", data={"update": "DROP ALL"}).status_code in (400, 403, 405)
            assert c.get("/sparql", params={"query": count}).status_code == 200  # nothing was dropped
    finally:
        live.stop()
