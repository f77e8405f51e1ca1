"""Shared fixtures: one build of the real seeds per test session."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.build import BuildResult, build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/ilo-kg/"
ID = BASE + "id/"


SEEDS = (
    "000_cbae26d3a4f12fc4.txt",
    "001_56dd893112fcfc2b.txt",
    "002_fa1cc9c2620c801f.txt",
    "003_c545ded7762d5d2c.txt",
    "004_38662e3b12563805.txt",
)
"""The five original pages: the competency questions are asked of the graph built from them alone."""


def project_root(folder: Path, pages: dict[str, str] | None = None) -> Path:
    """A project folder holding this project's ontology, shapes, queries and reference data, and ``pages``
    (file name -> text) as its source pages."""
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, folder / part)
    shutil.copytree(ROOT / "data" / "reference", folder / "data" / "reference")
    (folder / "data" / "sources").mkdir()
    for name, text in (pages or {}).items():
        (folder / "data" / "sources" / name).write_text(text)
    return folder


def seed_root(folder: Path) -> Path:
    """A project folder holding this project's ontology, shapes, queries, reference data and the five seeds."""
    project_root(folder)
    for name in SEEDS:
        shutil.copy2(ROOT / "data" / "sources" / name, folder / "data" / "sources" / name)
    return folder


@pytest.fixture(scope="session")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project folder whose sources are the five seed pages."""
    return seed_root(tmp_path_factory.mktemp("seeds"))


@pytest.fixture(scope="session")
def built(seeds: Path) -> BuildResult:
    """The graph of the five seed pages (the whole corpus is built by the tests that say so)."""
    return build(Settings(root=seeds, output=seeds / "dist"))


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
