"""The base IRI has one owner: normalised once in Settings, every IRI minted by iris.Minter (issue 11).

A build and a real uvicorn server with ``base_iri=https://example.org/kg`` (no trailing slash).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from live_server import running
from rdflib import Graph, Literal, Namespace
from tests.conftest import ROOT

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.iris import Minter

BASE = "https://example.org/kg"
VOID = Namespace("http://rdfs.org/ns/void#")


def test_settings_and_the_minter_normalise_the_base() -> None:
    assert Settings(base_iri=BASE).base_iri == BASE + "/"
    assert Settings.from_env({"ILO_KG_BASE_IRI": BASE}).base_iri == BASE + "/"
    minter = Minter(BASE)
    assert str(minter.id("country", "HUN")) == BASE + "/id/country/HUN"
    assert str(minter.source_graph("x")) == BASE + "/graph/source/x"
    assert minter.id_space == BASE + "/id/" and minter.graph_space == BASE + "/graph/"
    with pytest.raises(ValueError, match="absolute"):
        Settings(base_iri="example.org/kg")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Settings]]:
    settings = Settings(
        root=ROOT, output=tmp_path_factory.mktemp("kg-base") / "dist", base_iri=BASE, workers=1
    )
    build(settings)
    with running(settings) as url:
        yield url, settings


def test_graph_iris_and_id_routes_under_a_base_without_slash(served: tuple[str, Settings]) -> None:
    url, settings = served
    with httpx.Client(base_url=url, timeout=30) as client:
        graphs = client.get("/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
        names = [b["g"]["value"] for b in graphs.json()["results"]["bindings"]]
        assert names and all(n.startswith(BASE + "/graph/") for n in names), names
        assert BASE + "/graph/inferred" in names and BASE + "/graph/reference" in names
        r = client.get("/id/country/HUN", headers={"Accept": "text/turtle"})
        assert r.status_code == 200, r.text
        described = Graph().parse(data=r.text, format="turtle")
        assert (None, None, Literal("Hungary", lang="en")) in described
        assert all(str(s).startswith(BASE + "/id/") for s in described.subjects() if "example.org" in str(s))
        page = client.get("/id/country/HUN", headers={"Accept": "text/html"})
        assert page.status_code == 200 and 'href="/id/office/' in page.text
        subjects = client.get(
            "/sparql",
            params={
                "query": f'SELECT (COUNT(*) AS ?n) WHERE {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{BASE}id")) }}'
            },
        )
        assert subjects.json()["results"]["bindings"][0]["n"]["value"] == "0"  # no "…/kgid/…"
    void = Graph().parse(settings.dist / "void.ttl")
    assert [str(o) for o in void.objects(None, VOID.uriSpace)] == [BASE + "/id/"]


def test_no_module_builds_id_or_graph_iris_by_hand() -> None:
    """``id/`` and ``graph/`` are written in iris.py only: every other module asks the Minter."""
    import re

    hand_built = re.compile(r"""["'}](id|graph)/""")  # base + "id/", f"{base}graph/..."
    found = [
        f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
        for path in sorted((ROOT / "src" / "ilo_kg").rglob("*.py"))
        if path.name != "iris.py"
        for n, line in enumerate(path.read_text().splitlines(), 1)
        if hand_built.search(line) and "``" not in line  # (docstrings may name the pattern)
    ]
    assert not found, "\n".join(found)
