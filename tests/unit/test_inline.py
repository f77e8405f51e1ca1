"""Canned-query parameters written into the text as constants: same answers as substitutions, no leaks."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.engine.contract import Result
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.queries import load_catalogue, parse_query_text
from ilo_kg.sparql_text import inline_constants

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(ROOT / "queries")
FIXTURES = load_catalogue(ROOT / "tests" / "fixtures" / "queries")
EX = "https://w3id.org/ilo-kg/id/"


def _same(a: Result, b: Result) -> None:
    assert a.kind == b.kind and a.variables == b.variables
    assert a.boolean == b.boolean and a.rows == b.rows and a.triples == b.triples


@pytest.mark.parametrize("name", [q.name for q in CATALOGUE if q.params])
def test_every_canned_query_answers_the_same_with_constants(kg: OxigraphStore, name: str) -> None:
    query = CATALOGUE.get(name)
    bindings = query.bind(query.example_values())
    text, remaining = query.prepared(bindings)
    assert remaining == {} and text != query.text  # written in, not substituted
    written = kg.query(text)
    assert written.rows or written.boolean is not None, f"{name}: no rows for its examples"
    _same(written, kg.query(query.text, bindings=bindings))


@pytest.mark.parametrize(
    "value",
    [
        "budapest",
        'x" } UNION { ?resource ?p ?label } #',
        "x' . ?s ?p ?o . FILTER('1",
        "\\u0022 } { ?s ?p ?o } #",
        "line\nbreak\r\ttab",
        "<http://evil> } ; DROP ALL #",
        "",
    ],
)
def test_hostile_string_values_stay_one_literal(value: str) -> None:
    # a resource whose label holds the value: the query must find it, and read the value back whole
    raw = ox.Store()
    thing = ox.NamedNode(EX + "thing/t")
    raw.add(
        ox.Quad(
            thing, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(EX + "T")
        )
    )
    raw.add(
        ox.Quad(
            thing, ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"), ox.Literal(f"<{value}>")
        )
    )
    store = OxigraphStore.from_pyoxigraph(raw)
    query = FIXTURES.get("label-search")
    bindings = query.bind({"text": value})
    text, remaining = query.prepared(bindings)
    assert remaining == {}
    written = store.query(text)
    _same(written, store.query(query.text, bindings=bindings))
    assert [row[0] for row in written.rows] == [ox.Literal(value)]
    assert [row[2] for row in written.rows] == [thing]


@pytest.mark.parametrize(
    "text",
    [
        # the name is another (local) variable inside a subquery
        "SELECT ?c ?n WHERE { ?x ?p ?c . { SELECT ?c (COUNT(*) AS ?n) WHERE { ?c ?q ?z } GROUP BY ?c } }",
        # the WHERE group is a lone subquery
        "SELECT ?c WHERE { SELECT ?c WHERE { ?c ?p ?o } }",
        # no WHERE group at all
        "DESCRIBE ?c",
    ],
)
def test_what_cannot_be_written_in_is_left_to_substitution(text: str) -> None:
    assert inline_constants(text, (("c", ox.NamedNode(EX + "c")),)) is None
    query = parse_query_text("probe", "#+ title: Probe\n#+ params:\n#+   c: {type: iri}\n" + text)
    bindings = {"c": ox.NamedNode(EX + "c")}
    assert query.prepared(bindings) == (query.text, bindings)


def test_a_subquery_that_does_not_use_the_name_keeps_the_constant_outside() -> None:
    text = (
        "SELECT ?c ?n WHERE { ?c ?p ?o . OPTIONAL { SELECT ?o (COUNT(*) AS ?n) WHERE { ?o ?q ?z } GROUP BY ?o } "
        'FILTER(?c != "?c") } ORDER BY ?c'
    )
    out = inline_constants(text, (("c", ox.NamedNode(EX + "c")),))
    assert out is not None
    head, _, rest = out.partition("WHERE {")
    assert head == "SELECT ?c ?n " and rest.startswith(f" BIND(<{EX}c> AS ?c) <{EX}c> ?p ?o")
    assert '"?c"' in out and out.endswith("ORDER BY ?c")  # strings and the solution modifiers untouched
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(EX + "c"), ox.NamedNode(EX + "p"), ox.NamedNode(EX + "o")))
    assert [s["c"] for s in store.query(out)] == [ox.NamedNode(EX + "c")]
