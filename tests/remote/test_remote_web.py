"""Linked-data descriptions, canned queries, SPARQL and dumps through the service over Virtuoso."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from remote_support import ID, ROOT

from ilo_kg.describe import describe
from ilo_kg.queries import load_catalogue
from ilo_kg.web.app import create_app

RESOURCES = [
    "country/ALB",
    "country/XKX",
    "office/dwt-co-budapest",
    "project/local-employment-partnerships-2",
    "organization/european-union",
    "theme/child-labour",
    "convention/C155",
]


def statements(items) -> set[tuple[str, str, str]]:
    return {(str(s.subject), s.predicate, str(s.value)) for s in items}


@pytest.mark.parametrize("path", RESOURCES)
def test_descriptions_agree(kg, remote, path: str) -> None:
    here, there = describe(kg, ID + path), describe(remote, ID + path)
    assert here is not None and there is not None
    assert statements(there.outgoing) == statements(here.outgoing)
    assert statements(there.incoming) == statements(here.incoming)
    assert statements(there.fragments) == statements(here.fragments)
    assert statements(there.sources) == statements(here.sources)
    assert sorted(there.graphs) == sorted(here.graphs)
    assert set(there.triples) == set(here.triples)
    assert there.label == here.label
    assert describe(remote, ID + "country/NOPE") is None


@pytest.fixture()
def web(remote, build_settings) -> Iterator[TestClient]:
    app = create_app(build_settings.with_(engine=remote.url), remote, load_catalogue(ROOT / "queries"))
    with TestClient(app) as client:
        yield client


def test_the_service_runs_on_the_remote_store(web, kg) -> None:
    page = web.get("/id/country/ALB", headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Albania" in page.text
    turtle = web.get("/id/country/ALB", headers={"Accept": "text/turtle"})
    assert turtle.status_code == 200 and "Albania" in turtle.text
    canned = web.get("/queries/national-coordinators", headers={"Accept": "application/sparql-results+json"})
    assert canned.status_code == 200
    assert len(canned.json()["results"]["bindings"]) == len(
        kg.query(load_catalogue(ROOT / "queries").get("national-coordinators").text).rows
    )
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    answer = web.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    assert answer.status_code == 200
    assert answer.json()["results"]["bindings"][0]["n"]["value"] == kg.query(query).rows[0][0].value
    refused = web.get("/sparql", params={"query": 'SELECT (<bif:http_get>("http://127.0.0.1:9/") AS ?x) {}'})
    assert refused.status_code in (400, 403)
    update = web.post("/sparql", data={"update": "DROP ALL"})
    assert update.status_code in (400, 403, 405)
    assert web.get("/data/ilo-kg.nq").status_code == 200
