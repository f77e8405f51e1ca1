"""What a resource's RDF formats serve is read by lighter lookups than its page: the same triples, and
the engine's own way of reading them (CONSTRUCT, in a worker) gives them again, in the same order."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ilo_kg.describe import describe, described_triples
from ilo_kg.engine.oxigraph import OxigraphStore, describe_op, engine_described_triples, has_default_graph


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


@pytest.mark.parametrize("max_rows", [10_000, 3, 1])
def test_the_engine_reads_the_same_triples_in_the_same_order(kg: OxigraphStore, max_rows: int) -> None:
    local = kg._local
    assert isinstance(local, ox.Store) and has_default_graph(local)
    subjects = _subjects(kg)
    cut = 0
    for iri in subjects:
        generic = described_triples(kg, iri, max_rows=max_rows)
        assert engine_described_triples(local, iri, max_rows) == generic, iri
        cut += generic is not None and len(generic) > max_rows
    assert engine_described_triples(local, "https://example.org/nothing-said-here", max_rows) is None
    if max_rows < 10:
        assert cut > 0  # the cap cut outgoing and incoming triples apart: both ways kept the same ones


def test_a_store_without_its_own_default_graph_is_described_the_generic_way() -> None:
    """The engine's way reads the store's own default graph (a release's distinct union); a store that
    has none is read as the union of its named graphs, a triple stated twice seen once (DISTINCT)."""
    s, p = ox.NamedNode("https://example.org/s"), ox.NamedNode("https://example.org/p")
    store = ox.Store()
    for g in ("https://example.org/g1", "https://example.org/g2"):
        for k in range(3):
            store.add(ox.Quad(s, p, ox.Literal(str(k)), ox.NamedNode(g)))
    wrapped = OxigraphStore.from_pyoxigraph(store)
    assert not has_default_graph(store)
    body = describe_op(wrapped, s.value, 2, ("ntriples", (), None))
    assert body == b"".join(f'<{s.value}> <{p.value}> "{k}" .\n'.encode() for k in range(2))
