"""Every refusal of the query checks, and what must pass."""

from __future__ import annotations

import pytest

from ilo_kg.safety import CheckedQuery, QueryRefused, QuerySyntaxError, check_query, query_dataset

G = "https://w3id.org/ilo-kg/graph/"
KNOWN = {G + "reference", G + "ontology", G + "inferred"}
SVC = "https://query.wikidata.org/sparql"


def check(text: str, allow: tuple[str, ...] = ()) -> CheckedQuery:
    return check_query(text, known_graphs=KNOWN, service_allowlist=allow)


@pytest.mark.parametrize(
    ("text", "operation"),
    [
        ("INSERT DATA { <http://a> <http://b> <http://c> }", "INSERT DATA"),
        ("DELETE DATA { <http://a> <http://b> <http://c> }", "DELETE DATA"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "DELETE/INSERT"),
        ("LOAD <http://example.org/data.ttl>", "LOAD"),
        ("CLEAR ALL", "CLEAR"),
        ("CREATE GRAPH <http://g>", "CREATE"),
        ("DROP GRAPH <http://g>", "DROP"),
        ("COPY DEFAULT TO <http://g>", "COPY"),
        ("MOVE DEFAULT TO <http://g>", "MOVE"),
        ("ADD DEFAULT TO <http://g>", "ADD"),
        ("PREFIX ex: <http://ex/>\nLOAD <http://x> ; DROP ALL", "LOAD, DROP"),
    ],
)
def test_updates_are_refused(text: str, operation: str) -> None:
    with pytest.raises(QueryRefused, match="SPARQL Update is not allowed") as info:
        check(text)
    assert operation in str(info.value)
    assert "read-only" in str(info.value)


def test_service_is_refused_naming_the_endpoint() -> None:
    with pytest.raises(QueryRefused, match=r"SERVICE <http://evil.example/sparql> is not allowed"):
        check("SELECT * { SERVICE <http://evil.example/sparql> { ?s ?p ?o } }")


def test_service_is_found_anywhere_in_the_tree() -> None:
    nested = """PREFIX e: <http://e/>
    SELECT ?x { { SELECT ?x { ?x e:p ?y FILTER EXISTS { SERVICE SILENT e:svc { ?x ?q ?r } } } } }"""
    with pytest.raises(QueryRefused, match=r"SERVICE <http://e/svc>"):
        check(nested)
    with pytest.raises(QueryRefused, match="variable endpoint"):
        check("SELECT * { VALUES ?e { <http://a> } SERVICE ?e { ?s ?p ?o } }")


def test_allowlisted_service_passes() -> None:
    checked = check(f"SELECT * {{ SERVICE <{SVC}> {{ ?s ?p ?o }} }}", allow=(SVC,))
    assert checked.services == (SVC,)
    with pytest.raises(QueryRefused):
        check(f"SELECT * {{ SERVICE <{SVC}/other> {{ ?s ?p ?o }} }}", allow=(SVC,))


def test_service_as_a_word_in_literals_comments_and_names_passes() -> None:
    text = """PREFIX ex: <http://example.org/SERVICE#>
    # SERVICE <http://evil> { } in a comment
    SELECT ?service WHERE { ?service ex:SERVICE "SERVICE <http://evil> { ?s ?p ?o }" . }"""
    assert check(text).services == ()
    assert check('SELECT * { ?s ?p "FROM <file:///etc/passwd>" }').dataset is None


def test_unicode_escaped_keyword_never_passes() -> None:
    # SPARQL 1.1 allows code-point escapes anywhere; whichever parser objects, it does not run.
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        check("SELECT * { \\u0053ERVICE <http://evil> { ?s ?p ?o } }")


@pytest.mark.parametrize(
    ("text", "iri"),
    [
        ("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }", "file:///etc/passwd"),
        (
            "SELECT * FROM NAMED <http://example.org/remote.ttl> { GRAPH ?g { ?s ?p ?o } }",
            "http://example.org/remote.ttl",
        ),
        ("PREFIX g: <https://w3id.org/ilo-kg/graph/> SELECT * FROM g:nope { ?s ?p ?o }", G + "nope"),
        ("BASE <file:///etc/> SELECT * FROM <passwd> { ?s ?p ?o }", "file:///etc/passwd"),
        ("ASK FROM <http://localhost:8080/admin> { ?s ?p ?o }", "http://localhost:8080/admin"),
    ],
)
def test_from_unknown_graph_is_an_empty_graph_not_a_refusal(text: str, iri: str) -> None:
    # SPARQL 1.1 Protocol: a graph the dataset does not hold is an empty graph (the engine never fetches)
    checked = check(text)
    assert checked.dataset is not None
    assert iri in (*checked.dataset.default, *checked.dataset.named)


def test_from_known_graph_passes_and_is_reported() -> None:
    text = f"PREFIX g: <{G}> SELECT * FROM g:reference FROM NAMED <{G}inferred> {{ ?s ?p ?o }}"
    checked = check(text)
    assert checked.dataset is not None
    assert checked.dataset.default == (G + "reference",)
    assert checked.dataset.named == (G + "inferred",)
    assert query_dataset(text) == checked.dataset
    assert query_dataset("SELECT * { ?s ?p ?o }") is None


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("SELEC * { ?s ?p ?o }", 1, 1),
        ("SELECT * { ?s ?p ?o ", 1, 21),
        ("PREFIX ex: <http://ex/>\nSELECT * WHERE {\n  ?s ex:p ?o .\n  FILTER(?o = )\n}", 4, 3),
    ],
)
def test_malformed_queries_carry_message_and_position(text: str, line: int, column: int) -> None:
    with pytest.raises(QuerySyntaxError) as info:
        check(text)
    err = info.value
    assert (err.line, err.column) == (line, column)
    assert err.message
    assert f"line {line}, column {column}" in str(err)


def test_typical_queries_pass() -> None:
    for text in [
        "SELECT * { ?s ?p ?o } LIMIT 10",
        "ASK { ?s a <https://schema.org/Project> }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "DESCRIBE <https://w3id.org/ilo-kg/id/country/ALB>",
        "PREFIX schema: <https://schema.org/> SELECT (COUNT(?p) AS ?n) { ?p a schema:Project } GROUP BY ?p",
    ]:
        assert check(text).text == text
