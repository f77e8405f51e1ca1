"""What a resource's RDF formats serve is read by lighter lookups than its page: the same triples, and
the engine's own way of reading them (CONSTRUCT, in a worker) gives them again, in the same order."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ilo_kg.describe import describe, described_triples
from ilo_kg.engine.oxigraph import (
    OxigraphStore,
    Unbounded,
    _in_engine_order,
    describe_op,
    engine_described_triples,
    has_default_graph,
)


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
    cut = within = 0
    for iri in subjects:
        generic = described_triples(kg, iri, max_rows=max_rows)
        assert engine_described_triples(local, iri, max_rows) == generic, iri
        cut += generic is not None and len(generic) > max_rows
        try:  # within a budget (the service process): the order told without the engine where it can be
            budgeted = engine_described_triples(local, iri, max_rows, budget=1024)
        except Unbounded:
            continue
        assert budgeted == generic, iri
        within += 1
    assert engine_described_triples(local, "https://example.org/nothing-said-here", max_rows) is None
    assert within > len(subjects) // 2
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


EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"


def _awkward_store() -> ox.Store:
    """One resource whose predicates hold terms of every kind, alone or side by side, in both directions."""
    r = ox.NamedNode(EX + "r")
    strings = [
        "z",
        "é",
        "\uff5e",
        "\U0001f600",
        "",
        "Z",
        "a b",
        "a",
        "ab",
    ]  # code point order is not UTF-16's
    objects: list[tuple[str, ox.NamedNode | ox.BlankNode | ox.Literal]] = [
        *[("strings", ox.Literal(v)) for v in strings],
        *[("mixed", t) for t in (ox.Literal("x"), ox.NamedNode(EX + "b"), ox.NamedNode(EX + "a"))],
        ("mixed", ox.Literal("w", datatype=ox.NamedNode(XSD + "string"))),
        *[("iris", ox.NamedNode(EX + v)) for v in ("é", "z", "A", "a/b", "a#b")],
        *[("langs", ox.Literal(v, language=lang)) for v, lang in (("b", "en"), ("a", "hu"), ("a", "en"))],
        *[("numbers", ox.Literal(v, datatype=ox.NamedNode(XSD + "integer"))) for v in ("10", "9", "010")],
        *[("bnodes", ox.BlankNode(v)) for v in ("b2", "b1")],
        ("lone-number", ox.Literal("3.5", datatype=ox.NamedNode(XSD + "decimal"))),
        ("lone-lang", ox.Literal("x", language="de")),
        ("lone-bnode", ox.BlankNode("b3")),
        ("a-number-among-strings", ox.Literal("1", datatype=ox.NamedNode(XSD + "integer"))),
        ("a-number-among-strings", ox.Literal("1")),
    ]
    store = ox.Store()
    store.extend(ox.Quad(r, ox.NamedNode(EX + p), o) for p, o in objects)
    subjects = [ox.NamedNode(EX + v) for v in ("s2", "s1", "é")] + [ox.BlankNode("i1")]
    store.extend(ox.Quad(s, ox.NamedNode(EX + "in-iris"), r) for s in subjects[:3])
    store.extend(ox.Quad(s, ox.NamedNode(EX + "in-mixed"), r) for s in subjects)
    store.extend(ox.Quad(subjects[3], ox.NamedNode(EX + "in-lone"), r) for _ in range(1))
    return store


@pytest.mark.parametrize("max_rows", [10_000, 5])
def test_the_order_told_without_the_engine_is_the_engine_s(max_rows: int) -> None:
    store = _awkward_store()
    r = ox.NamedNode(EX + "r")
    assert engine_described_triples(store, r.value, max_rows, budget=1024) == engine_described_triples(
        store, r.value, max_rows
    )
    # each predicate alone: told here, or left to the engine when the engine's order is not plain
    told = {}
    for quad in store.quads_for_pattern(r, None, None, None):
        group = [q for q in store.quads_for_pattern(r, quad.predicate, None, None)]
        ordered = _in_engine_order(group, outgoing=True)
        told[quad.predicate.value[len(EX) :]] = ordered is not None
        if ordered is not None:
            engine = store.query(
                f"CONSTRUCT {{ <{r.value}> <{quad.predicate.value}> ?o }} WHERE "
                f"{{ <{r.value}> <{quad.predicate.value}> ?o }} ORDER BY ?o"
            )
            assert ordered == list(engine), quad.predicate.value
    assert told == {
        "strings": True,
        "mixed": True,
        "iris": True,
        "langs": False,
        "numbers": False,
        "bnodes": False,
        "lone-number": True,
        "lone-lang": True,
        "lone-bnode": True,
        "a-number-among-strings": False,
    }
    incoming = list(store.quads_for_pattern(None, None, r, None))
    assert _in_engine_order(incoming, outgoing=False) is None  # two subjects, one a blank node, share one
    iris = [q for q in incoming if q.predicate.value.endswith("in-iris")]
    ordered = _in_engine_order(iris, outgoing=False)
    assert ordered is not None and [t.subject.value[len(EX) :] for t in ordered] == ["s1", "s2", "é"]
