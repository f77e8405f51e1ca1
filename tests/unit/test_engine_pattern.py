"""A lookup read from the store's index is written byte for byte as the engine writes it, or left to it."""

from __future__ import annotations

import itertools

import pyoxigraph as ox
import pytest
from engine_support import engine_request

from ilo_kg.engine.contract import Result
from ilo_kg.engine.oxigraph import Request, execute, execute_inline
from ilo_kg.engine.pattern import write_lookup
from ilo_kg.safety import lookup

EX = "https://example.org/"
XSD = "http://www.w3.org/2001/XMLSchema#"

AWKWARD = [
    ox.Literal("plain"),
    ox.Literal(""),
    ox.Literal('quote " backslash \\ slash / tab \t newline \n return \r'),
    ox.Literal("controls \x00 \x01 \x08 \x0b \x0c \x1f \x7f"),
    ox.Literal("non-ASCII: é ß 中文 😀, separators \u2028 \u2029, BOM \ufeff"),
    ox.Literal("</script><!-- & ' <tag>"),
    ox.Literal("Hungary", language="en"),
    ox.Literal("Magyarország", language="hu-HU"),
    ox.Literal("42", datatype=ox.NamedNode(XSD + "integer")),
    ox.Literal("2026-12-03", datatype=ox.NamedNode(XSD + "date")),
    ox.Literal("odd", datatype=ox.NamedNode(EX + "type?with=query&and#fragment")),
    ox.NamedNode(EX + "thing/é?x=1&y=%20"),
    ox.NamedNode("urn:isbn:0451450523"),
    ox.BlankNode("b1"),
    ox.BlankNode(),
]


def _store() -> ox.Store:
    store = ox.Store()
    s = ox.NamedNode(EX + "s")
    quads = [
        ox.Quad(s, ox.NamedNode(f"{EX}p{i % 4}"), o, ox.NamedNode(EX + "g")) for i, o in enumerate(AWKWARD)
    ]
    quads.append(ox.Quad(ox.BlankNode("b1"), ox.NamedNode(EX + "p0"), s, ox.NamedNode(EX + "g")))
    quads.append(
        ox.Quad(
            s,
            ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            ox.NamedNode(EX + "Thing"),
            ox.NamedNode(EX + "g"),
        )
    )
    quads += [
        ox.Quad(ox.NamedNode(f"{EX}n{i}"), ox.NamedNode(EX + "p0"), s, ox.NamedNode(EX + "h"))
        for i in range(30)
    ]
    store.extend(quads)
    store.extend(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object) for q in quads))  # own default graph
    return store


STORE = _store()
TEXTS = [
    f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }}",
    f"SELECT ?o ?p WHERE {{ <{EX}s> ?p ?o }}",
    f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}",
    f"SELECT * WHERE {{ <{EX}s> ?p ?o }}",
    f"SELECT ?s ?p WHERE {{ ?s ?p <{EX}s> }}",
    "SELECT * { ?s ?p ?o }",
    "SELECT ?o ?s ?p { ?s ?p ?o . }",
    f"SELECT ?z ?o WHERE {{ <{EX}s> ?p ?o }}",
    f"PREFIX ex: <{EX}> SELECT ?o WHERE {{ ex:s ex:p1 ?o }}",
    f"PREFIX ex: <{EX}> SELECT ?t WHERE {{ ex:s a ?t }}",
    f"PREFIX : <{EX}> select $s where {{ $s :p0 :s }} limit 7",
    f"SELECT * WHERE {{ <{EX}s> <{EX}p0> <{EX}nothing> }}",
    f"SELECT * WHERE {{ <{EX}s> a <{EX}Thing> }}",
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 0",
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 3",
]


def _request(text: str, max_rows: int = 100, max_bytes: int = 0) -> Request:
    return engine_request(text, "json", max_rows, max_bytes)


def _engine(text: str, max_rows: int = 100) -> Result:
    """What the engine writes (``execute``: the index is read only by ``execute_inline``)."""
    assert lookup(text) is not None
    return execute(STORE, _request(text, max_rows), own_default=True)


@pytest.mark.parametrize("text", TEXTS)
def test_the_index_writes_what_the_engine_writes(text: str) -> None:
    found = lookup(text)
    assert found is not None
    body = write_lookup(STORE, found, 100, 1 << 20)
    assert body is not None, text
    engine = _engine(text)
    assert body == engine.body, text
    inline = execute_inline(STORE, _request(text), own_default=True)
    assert inline is not None and inline.body == body and inline.variables == engine.variables


def test_it_is_read_from_the_index_not_the_engine(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_engine(*args: object, **kwargs: object) -> None:
        raise AssertionError("the engine was asked")

    monkeypatch.setattr("ilo_kg.engine.oxigraph._execute", no_engine)
    assert execute_inline(STORE, _request(TEXTS[0]), own_default=True) is not None


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?x WHERE { ?x ?p ?x }",  # a variable twice: the engine joins the places
        "SELECT * WHERE { ?s ?p ?s }",
    ],
)
def test_a_repeated_variable_is_the_engine_s(text: str) -> None:
    found = lookup(text)
    assert found is not None
    assert write_lookup(STORE, found, 100, 1 << 20) is None
    inline = execute_inline(STORE, _request(text), own_default=True)
    assert inline is not None and inline.body == _engine(text).body


def test_a_literal_with_a_direction_is_the_engine_s() -> None:
    store = ox.Store()
    s = ox.NamedNode(EX + "s")
    store.add(
        ox.Quad(s, ox.NamedNode(EX + "p"), ox.Literal("مرحبا", language="ar", direction=ox.BaseDirection.RTL))
    )
    found = lookup(f"SELECT ?o WHERE {{ <{EX}s> ?p ?o }}")
    assert found is not None
    assert write_lookup(store, found, 100, 1 << 20) is None


def test_the_row_cap_and_the_byte_limit_leave_it_to_the_engine() -> None:
    text = f"SELECT ?s WHERE {{ ?s ?p <{EX}s> }}"  # 31 rows
    found = lookup(text)
    assert found is not None
    assert write_lookup(STORE, found, 30, 1 << 20) is None
    whole = write_lookup(STORE, found, 31, 1 << 20)
    assert whole is not None and whole == _engine(text).body
    assert write_lookup(STORE, found, 31, len(whole)) == whole
    assert write_lookup(STORE, found, 31, len(whole) - 1) is None
    non_ascii = f"SELECT ?o WHERE {{ <{EX}s> <{EX}p0> ?o }}"  # bytes, not characters, are counted
    found = lookup(non_ascii)
    assert found is not None
    body = write_lookup(STORE, found, 100, 1 << 20)
    assert body is not None and len(body) > len(body.decode())
    assert write_lookup(STORE, found, 100, len(body) - 1) is None
    # through execute_inline: past the cap the answer comes cut by the engine (a worker, in the service)
    assert execute_inline(STORE, _request(text, max_rows=30), own_default=True) is None


def test_a_store_without_its_own_default_graph_or_a_dataset_is_the_engine_s() -> None:
    bag = ox.Store()
    bag.extend(q for q in STORE if not isinstance(q.graph_name, ox.DefaultGraph))
    text = TEXTS[0]
    ours = execute_inline(bag, _request(text), own_default=False)
    union = execute(bag, _request(text), own_default=False)
    assert ours is not None and ours.body == union.body
    dataset = Request(**{**_request(text).__dict__, "default_graphs": (EX + "h",)})
    answered = execute_inline(STORE, dataset, own_default=True)
    assert answered is not None and b'"bindings":[]' in (answered.body or b"")


def test_every_awkward_term_on_either_side_of_the_pattern() -> None:
    """Each term as the object read, and each IRI as the subject asked: the same bytes either way."""
    asked = 0
    for term in itertools.chain(AWKWARD, [ox.NamedNode(EX + "s")]):
        if not isinstance(term, ox.NamedNode):
            continue
        text = f"SELECT ?p ?o WHERE {{ <{term.value}> ?p ?o }}"
        found = lookup(text)
        if found is None:  # an IRI the recogniser does not take (é): the parser and the engine get it
            continue
        assert write_lookup(STORE, found, 100, 1 << 20) == _engine(text).body
        asked += 1
    assert asked >= 2  # urn:isbn:… and the subject itself


def test_a_failing_store_is_an_engine_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from ilo_kg.engine.contract import EngineError

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("IO error: the store's files are gone")

    monkeypatch.setattr("ilo_kg.engine.oxigraph.write_lookup", broken)
    with pytest.raises(EngineError, match="files are gone"):
        execute_inline(STORE, _request(TEXTS[0]), own_default=True)


def test_the_memo_of_written_terms_never_answers_for_another_term(monkeypatch: pytest.MonkeyPatch) -> None:
    """Terms that look alike (an IRI and a string of the same text, one number written two ways, a string
    with and without a language) each keep their own writing, through the memo and after it is emptied."""
    from ilo_kg.engine import pattern

    decimal = ox.NamedNode(XSD + "decimal")
    alike = [
        ox.NamedNode(EX + "x"),
        ox.Literal(EX + "x"),
        ox.Literal("1", datatype=decimal),
        ox.Literal("1.0", datatype=decimal),
        ox.Literal("a"),
        ox.Literal("a", language="en"),
        ox.Literal("x" * 400),  # longer than the memo keeps
    ]
    store = ox.Store()
    s = ox.NamedNode(EX + "s")
    store.extend(ox.Quad(s, ox.NamedNode(f"{EX}p{i}"), o) for i, o in enumerate(alike))
    text = f"SELECT ?p ?o WHERE {{ <{EX}s> ?p ?o }}"
    found = lookup(text)
    assert found is not None
    expected = execute(store, _request(text), own_default=True).body
    monkeypatch.setattr(pattern, "_MEMO_TERMS", 5)
    for _ in range(3):  # first writing, from the memo, and once the memo was emptied on the way
        assert write_lookup(store, found, 100, 1 << 20) == expected
        assert 0 < len(pattern._written) <= 5
        assert all(len(w) <= pattern._MEMO_TERM_CHARS for w in pattern._written.values())
