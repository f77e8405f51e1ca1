"""Shared fixtures: one build of the real seeds per test session."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.build import BuildResult, build
from ilo_kg.config import Settings
from ilo_kg.store import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/ilo-kg/"
ID = BASE + "id/"


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    out = tmp_path_factory.mktemp("kg") / "dist"
    return build(Settings(root=ROOT, output=out))


@pytest.fixture(scope="session")
def kg(built: BuildResult) -> Iterator[OxigraphStore]:
    store = OxigraphStore.open(built.published.folder / "store", workers=0)
    yield store
    store.close()


def iri(path: str) -> ox.NamedNode:
    return ox.NamedNode(ID + path)


def values(
    store: OxigraphStore, query: str, **bindings: ox.NamedNode | ox.Literal
) -> list[tuple[str | None, ...]]:
    """Rows of a SELECT as tuples of plain values (IRIs and lexical forms)."""
    prefixes = (
        "PREFIX schema: <https://schema.org/> PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
        "PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> PREFIX prov: <http://www.w3.org/ns/prov#> "
        "PREFIX owl: <http://www.w3.org/2002/07/owl#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
        "PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> "
    )
    result = store.query(prefixes + query, bindings=bindings or None, max_rows=100000)
    if result.kind == "ask":
        return [(str(result.boolean),)]
    return [tuple(None if v is None else v.value for v in row) for row in result.rows]
