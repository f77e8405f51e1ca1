"""What a resource's RDF formats serve is read by lighter lookups than its page: the same triples."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ilo_kg.describe import describe, described_triples
from ilo_kg.engine.oxigraph import OxigraphStore


def _subjects(kg: OxigraphStore) -> list[str]:
    rows = kg.query(
        "SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) } ORDER BY ?s", max_rows=100_000
    ).rows
    return [row[0].value for row in rows if isinstance(row[0], ox.NamedNode)]


@pytest.mark.parametrize("max_rows", [10_000, 3])
def test_the_triples_of_every_description_in_the_same_order(kg: OxigraphStore, max_rows: int) -> None:
    subjects = _subjects(kg)
    assert len(subjects) > 100
    with_fragments = 0
    for iri in subjects:
        page = describe(kg, iri, max_rows=max_rows)
        assert page is not None
        assert described_triples(kg, iri, max_rows=max_rows) == page.triples, iri
        with_fragments += any(t.subject.value.startswith(iri + "#") for t in page.triples)
    assert with_fragments > 0  # fragments were read too


def test_nothing_said_is_none(kg: OxigraphStore) -> None:
    assert described_triples(kg, "https://example.org/nothing-said-here") is None
    assert describe(kg, "https://example.org/nothing-said-here") is None
