"""The query rewriting of RemoteStore, checked against Oxigraph without any remote engine.

A query with its bindings injected as VALUES must answer, on Oxigraph, exactly what the
same query answers with Oxigraph's own substitutions: that is the embedded store's meaning.
"""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from ilo_kg.engine.contract import BindingError
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.engine.remote import _rewrite, _shape, _values_block, term_text
from ilo_kg.safety import QueryRefused

EX = "urn:ex:"
DATA = f"""
<{EX}a> <{EX}p> 1 ; <{EX}label> "A}}{{"@en ; <{EX}q> <{EX}b> .
<{EX}b> <{EX}p> 5 ; <{EX}label> "B # not a comment" .
<{EX}c> <{EX}p> 9 .
"""


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    s.load(DATA.encode(), format=ox.RdfFormat.TURTLE, to_graph=ox.NamedNode(EX + "g"))
    return s


CASES = {
    "filter sees the bound value": (
        f"SELECT ?max ?x WHERE {{ ?x <{EX}p> ?v FILTER(?v <= ?max) }}",
        {"max": 5},
    ),
    "optional with a filter": (
        f"SELECT ?x ?max ?l WHERE {{ ?x <{EX}p> ?v OPTIONAL {{ ?x <{EX}label> ?l FILTER(?v < ?max) }} }}",
        {"max": 3},
    ),
    "braces in strings, IRIs and comments": (
        f'PREFIX e: <{EX}> # a {{ comment }}\nSELECT ?x ?l # {{\nWHERE {{ ?x e:label ?l FILTER(?l != "}}{{" && ?l != """{{ \'\'\' """) }}',
        {"x": EX + "b"},
    ),
    "EXISTS in the projection": (
        f"SELECT ?x (EXISTS {{ ?x <{EX}q> ?o }} AS ?linked) WHERE {{ ?x <{EX}p> ?v }}",
        {"x": EX + "a"},
    ),
    "a subquery as the whole WHERE": (
        "SELECT ?x ?n WHERE { SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?x }",
        {"x": EX + "a"},
    ),
    "trailing VALUES, LIMIT, OFFSET and comment": (
        f"SELECT ?x ?v WHERE {{ ?x <{EX}p> ?v }} ORDER BY ?v LIMIT 5 OFFSET 0 VALUES ?v {{ 1 5 9 }} # end",
        {"x": EX + "c"},
    ),
    "escaped local name": (f"PREFIX e: <{EX}> SELECT ?x WHERE {{ ?x e:p\\#x ?v }}", {"x": EX + "a"}),
    "ask": (f"ASK {{ ?x <{EX}p> 5 }}", {"x": EX + "b"}),
    "construct template": (f"CONSTRUCT {{ ?x <{EX}r> ?v }} WHERE {{ ?x <{EX}p> ?v }}", {"x": EX + "a"}),
    "construct where": (f"CONSTRUCT WHERE {{ ?x <{EX}p> ?v }}", {"x": EX + "b"}),
}


def term(value: object) -> ox.NamedNode | ox.Literal:
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))
    return ox.NamedNode(str(value))


def answer(result: object) -> object:
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        names = result.variables
        return sorted(tuple(str(s[v]) for v in names) for s in result)
    return sorted(str(t) for t in result)  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "values"), CASES.values(), ids=CASES.keys())
def test_values_injection_means_what_substitution_means(store: ox.Store, text: str, values: dict) -> None:
    bindings = {name: term(v) for name, v in values.items()}
    expected = OxigraphStore.from_pyoxigraph(store).query(text, bindings=bindings)
    rewritten = _rewrite(text, _shape(text), dataset=None, bindings=tuple(bindings.items()), limit=None)
    got = store.query(rewritten, use_default_graph_as_union=True)
    if expected.kind == "ask":
        assert bool(got) == expected.boolean
    elif expected.kind == "construct":
        assert answer(got) == sorted(str(t) for t in expected.triples)
    else:
        assert answer(got) == sorted(tuple(str(t) for t in row) for row in expected.rows), rewritten


@pytest.mark.parametrize(("text", "values"), CASES.values(), ids=CASES.keys())
def test_dataset_and_limit_injection(store: ox.Store, text: str, values: dict) -> None:
    shape = _shape(text)
    limit = 2 if shape.form == "SELECT" else None  # as RemoteStore: CONSTRUCT is cut while reading
    rewritten = _rewrite(text, shape, dataset=([EX + "g"], [EX + "g"]), bindings=(), limit=limit)
    got = store.query(rewritten)  # no union default graph: only the FROM clauses make data visible
    plain = store.query(text, use_default_graph_as_union=True)
    if shape.form == "SELECT":
        rows, full = answer(got), answer(plain)
        assert len(rows) == min(2, len(full)) and set(rows) <= set(full)  # type: ignore[arg-type]
    elif shape.form == "ASK":
        assert bool(got) == bool(plain)
    else:
        assert answer(got) == answer(plain)


def test_bind_of_a_bound_variable_sees_the_value(store: ox.Store) -> None:
    # Oxigraph's substitutions leave ?y unbound here; VALUES gives the SPARQL meaning (?y bound).
    # No canned query BINDs a parameter; docs/deployment.md notes the difference.
    text = "SELECT ?x ?y WHERE { BIND(?x AS ?y) }"
    bound = ox.NamedNode(EX + "c")
    rewritten = _rewrite(text, _shape(text), dataset=None, bindings=(("x", bound),), limit=None)
    assert [(s["x"], s["y"]) for s in store.query(rewritten)] == [(bound, bound)]


def test_the_text_own_dataset_is_replaced_when_the_protocol_names_one(store: ox.Store) -> None:
    text = f"SELECT (COUNT(*) AS ?n) FROM <{EX}nowhere> WHERE {{ ?s ?p ?o }}"
    rewritten = _rewrite(text, _shape(text), dataset=([EX + "g"], []), bindings=(), limit=None)
    assert "nowhere" not in rewritten
    assert [str(s["n"].value) for s in store.query(rewritten)] == ["6"]


HOSTILE = [
    'a"b',
    "'''",
    '"} } ; DROP ALL #',
    "x\ny\r\tz\b\f",
    "\\u0022 \\ \\\\",
    "\x01\x1f\x7f",
    "é ✓ 😀 \u2028\u2029",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_literals_read_back_exactly(store: ox.Store, value: str) -> None:
    for bound in (
        ox.Literal(value),
        ox.Literal(value, language="sr-Latn-RS"),
        ox.Literal(value, datatype=ox.NamedNode(EX + "T")),
    ):
        text = "SELECT ?x ?y WHERE { }"
        rewritten = _rewrite(
            text, _shape(text), dataset=None, bindings=(("x", bound), ("y", bound)), limit=None
        )
        rows = [(s["x"], s["y"]) for s in store.query(rewritten)]
        assert rows == [(bound, bound)], term_text(bound)


def test_what_cannot_be_bound_or_sent() -> None:
    with pytest.raises(BindingError):
        _values_block((("x", ox.BlankNode()),))
    with pytest.raises(BindingError):
        _values_block((("x y", ox.Literal("v")),))
    with pytest.raises(BindingError):
        term_text(ox.Literal("nul \x00 inside"))
    with pytest.raises(BindingError):
        _rewrite(
            "DESCRIBE <urn:x>",
            _shape("DESCRIBE <urn:x>"),
            dataset=None,
            bindings=(("x", ox.Literal("v")),),
            limit=None,
        )
    for update in (
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "LOAD <urn:x>",
        "CLEAR ALL",
        "PREFIX e: <urn:> DROP ALL",
    ):
        with pytest.raises(QueryRefused):
            _shape(update)
