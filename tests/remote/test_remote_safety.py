"""The service's safety in front of Virtuoso: refused before sending, time limit, row cap, safe bindings."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from remote_support import BASE, ID, Counting

from ilo_kg.engine.contract import BindingError, EngineError, QueryTimeout, UnknownGraph
from ilo_kg.engine.remote import RemoteStore, _iri_text, term_text
from ilo_kg.safety import QueryRefused, QuerySyntaxError

XSD = "http://www.w3.org/2001/XMLSchema#"
REFUSED = {
    "update": "INSERT DATA { GRAPH <urn:x> { <urn:a> <urn:b> <urn:c> } }",
    "delete": "DELETE WHERE { ?s ?p ?o }",
    "drop": "DROP ALL",
    "load": "LOAD <http://example.org/data.ttl> INTO GRAPH <urn:x>",
    "load file": "LOAD <file:///etc/passwd>",
    "service": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
    "service variable": "SELECT * WHERE { SERVICE ?where { ?s ?p ?o } }",
    # Virtuoso would run these SQL built-ins from SPARQL text: network and file access
    "bif:http_get": 'SELECT (<bif:http_get>("http://127.0.0.1:9/") AS ?x) WHERE {}',
    "bif prefix": 'PREFIX bif: <bif:> SELECT ?s WHERE { ?s ?p ?o FILTER(bif:file_to_string("/etc/passwd")) }',
    "sql:": "SELECT (<sql:SOME_PROC>(1) AS ?x) WHERE {}",
    "Virtuoso pragma": 'DEFINE input:grab-all "yes" SELECT * WHERE { ?s ?p ?o }',
}


@pytest.fixture()
def counted(virtuoso, published) -> Iterator[tuple[RemoteStore, Counting]]:
    transport = Counting()
    store = RemoteStore(virtuoso.url, base_iri=BASE, timeout_s=2.0, max_rows=50, transport=transport)
    store.graphs()  # the one read of the deployment graph
    yield store, transport
    store.close()


@pytest.mark.parametrize("text", REFUSED.values(), ids=REFUSED.keys())
def test_refused_before_anything_is_sent(counted, text: str) -> None:
    store, transport = counted
    sent = len(transport.requests)
    with pytest.raises((QueryRefused, QuerySyntaxError)):
        store.query(text)
    assert len(transport.requests) == sent


def test_data_unchanged_after_refusals(kg, remote) -> None:
    for text in REFUSED.values():
        with pytest.raises((QueryRefused, QuerySyntaxError)):
            remote.query(text)
    assert remote.triple_count() == kg.triple_count()


def test_default_graph_is_the_union_of_the_dataset_graphs(kg, remote, virtuoso) -> None:
    # Virtuoso's own default graph holds its system graphs too; the store names the dataset's; the
    # default graph is a set (Virtuoso merges FROM <a> FROM <b> as a bag: the publish writes the
    # distinct union as a graph of its own)
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.query(count).rows == kg.query(count).rows
    in_graphs = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert remote.query(in_graphs).rows == kg.query(in_graphs).rows
    assert int(remote.query(count).rows[0][0].value) < int(remote.query(in_graphs).rows[0][0].value)
    graphs = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert sorted(str(r[0]) for r in remote.query(graphs).rows) == sorted(
        str(r[0]) for r in kg.query(graphs).rows
    )
    assert remote.graphs() == kg.graphs()
    assert remote.triple_count() == kg.triple_count()


@pytest.mark.parametrize(
    "text",
    [
        "SELECT * FROM <http://example.org/data.ttl> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <http://www.openlinksw.com/schemas/virtrdf#> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT * FROM <https://w3id.org/ilo-kg/graph/default> WHERE { GRAPH ?g { ?s ?p ?o } }",
    ],
)
def test_a_graph_the_dataset_does_not_hold_is_empty_and_never_sent(counted, text: str) -> None:
    # SPARQL 1.1 Protocol: an empty graph; the engine's own graphs (Virtuoso's system graphs) stay
    # out of reach and nothing is fetched: the graph is not named in what is sent
    store, transport = counted
    result = store.query(text)
    assert result.rows == ()
    sent = transport.requests[-1].content.decode()
    for name in ("example.org", "openlinksw", "graph%2Fdefault"):
        assert name not in sent


def test_relative_iris_resolve_against_the_base(remote) -> None:
    result = remote.query("CONSTRUCT { <s> <p> 1 } WHERE {}", base_iri=BASE + "sparql")
    assert [t.subject for t in result.triples] == [ox.NamedNode(BASE + "s")]


def test_staged_graphs_are_invisible(kg, remote, virtuoso) -> None:
    stray = BASE + "graph/source/zzz?ilo-kg-staged=test"
    update = f"INSERT DATA {{ GRAPH <{stray}> {{ <{ID}country/ZZZ> a <https://schema.org/Country> }} }}"
    auth = httpx.DigestAuth("dba", virtuoso.password)
    httpx.post(f"{virtuoso.http}/sparql-auth", data={"update": update}, auth=auth).raise_for_status()
    try:
        text = "SELECT (COUNT(?c) AS ?n) WHERE { ?c a <https://schema.org/Country> }"
        assert remote.query(text).rows == kg.query(text).rows
    finally:
        httpx.post(f"{virtuoso.http}/sparql-auth", data={"update": f"DROP SILENT GRAPH <{stray}>"}, auth=auth)


def test_from_without_from_named_reaches_no_other_graph(kg, remote) -> None:
    # Virtuoso alone: FROM without FROM NAMED lets GRAPH ?g range over every graph it holds
    text = f"SELECT DISTINCT ?g FROM <{BASE}graph/reference> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert remote.query(text).rows == kg.query(text).rows == ()
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{BASE}graph/reference> WHERE {{ ?s ?p ?o }}"
    assert remote.query(named).rows == kg.query(named).rows


@pytest.mark.parametrize(
    "text",
    [
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(1<2)#x> " {\n}',
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(1<2)#x> { }\n}",
        'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(1<2)#x> """\n} #"""',
    ],
)
def test_lexical_corners_are_answered_right_or_refused(kg, remote, text: str) -> None:
    # '<2)#x>' reads as an IRI to a tokeniser and as '<', ')' and a comment to the parser: the
    # rewrite is checked with a real parse, so the query is answered as on the embedded store, or refused
    # (here, or by Virtuoso, whose own lexer may read the IRI: then EngineError, never a wrong answer).
    try:
        got = remote.query(text)
    except (QueryRefused, QuerySyntaxError, EngineError):
        return
    assert got.rows == kg.query(text).rows


def test_protocol_dataset_and_unknown_graphs(kg, remote) -> None:
    reference = [BASE + "graph/reference"]
    text = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    assert remote.query(text, default_graphs=reference).rows == kg.query(text, default_graphs=reference).rows
    named = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    assert remote.query(named, named_graphs=reference).rows == kg.query(named, named_graphs=reference).rows
    own = f"SELECT (COUNT(*) AS ?n) FROM <{reference[0]}> WHERE {{ ?s ?p ?o }}"
    assert remote.query(own).rows == kg.query(own).rows
    # a graph the dataset does not hold is an empty graph; a name that is no IRI is refused
    assert (
        remote.query(text, default_graphs=["urn:nowhere"]).rows
        == kg.query(text, default_graphs=["urn:nowhere"]).rows
    )
    with pytest.raises(UnknownGraph):
        remote.query(text, default_graphs=["nowhere"])
    # the protocol's dataset replaces the query's whole
    assert remote.query(own, default_graphs=[]).rows == kg.query(own, default_graphs=[]).rows


def test_slow_query_hits_the_time_limit(remote) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        remote.query(slow, timeout_s=1.0)
    assert time.monotonic() - started < 3.0
    assert remote.query("ASK { ?s ?p ?o }").boolean is True  # the engine answers the next query


def test_row_cap_is_reported(kg, remote) -> None:
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    cut = remote.query(text, max_rows=7)
    assert cut.truncated and len(cut.rows) == 7
    assert cut.rows == kg.query(text, max_rows=7).rows
    own = remote.query(text + " LIMIT 3 OFFSET 2", max_rows=7)
    assert not own.truncated and own.rows == cut.rows[2:5]
    exact = remote.query(
        "SELECT ?c WHERE { ?c a <https://w3id.org/ilo-kg/ontology#MemberState> }", max_rows=51
    )
    assert len(exact.rows) == 51 and not exact.truncated
    graph = remote.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", max_rows=5)
    assert graph.kind == "construct" and graph.truncated and len(graph.triples) == 5


def test_construct_and_ask(kg, remote) -> None:
    text = f"CONSTRUCT {{ ?c ?p ?o }} WHERE {{ ?c ?p ?o FILTER(?c = <{ID}country/ALB>) }}"
    assert set(remote.query(text).triples) == set(kg.query(text).triples)
    short = "CONSTRUCT WHERE { ?country <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }"
    bound = {"country": ox.NamedNode(ID + "country/ALB")}
    assert set(remote.query(short, bindings=bound).triples) == set(kg.query(short, bindings=bound).triples)
    assert remote.query(f"ASK {{ <{ID}country/ALB> ?p ?o }}").boolean is True


HOSTILE = [
    'quote " inside',
    "single ' and triple ''' quotes",
    '"} } ; DROP ALL ; SELECT * { ?s ?p ?o #',
    "braces { } and > and < and # not a comment",
    "new\nline, carriage\rreturn, tab\t, form\ffeed, backspace\b",
    "backslash \\ and \\u0022 and \\U0001F600 written out",
    "control \x01 \x1f \x7f",
    "unicode é ✓ 😀 \u2028",
    "",
]


@pytest.mark.parametrize("value", HOSTILE)
def test_hostile_bound_values_come_back_unchanged(remote, value: str) -> None:
    for term in (
        ox.Literal(value),
        ox.Literal(value, language="en-GB"),
        ox.Literal(value, datatype=ox.NamedNode("https://w3id.org/ilo-kg/ontology#Code")),
    ):
        result = remote.query("SELECT ?x WHERE { }", bindings={"x": term})
        assert result.rows == ((term,),), term_text(term)
    none = remote.query(
        "SELECT ?name WHERE { ?p <https://schema.org/name> ?name }", bindings={"name": ox.Literal(value)}
    )
    assert none.rows == ()


def test_hostile_iris_are_refused_or_kept_whole(remote) -> None:
    odd = ox.NamedNode(ID + "country/ALB#frag?q='x'&y=(1)")
    assert remote.query("SELECT ?x WHERE { }", bindings={"x": odd}).rows == ((odd,),)
    alb = ox.NamedNode(ID + "country/ALB")
    assert remote.query(
        f"SELECT ?c WHERE {{ ?c ?p ?o FILTER(?c = <{alb.value}>) }} LIMIT 1", bindings={"c": alb}
    ).rows
    for bad in ("http://x/a> } ; DROP ALL #", "http://x/a b", 'http://x/"', "relative", "http://x/{"):
        with pytest.raises((BindingError, ValueError)):
            term_text(ox.NamedNode(bad))  # pyoxigraph refuses most of them already
        with pytest.raises(BindingError):
            _iri_text(bad)  # and so does the serialiser, whatever made the term


def test_bindings_that_cannot_be_sent(remote) -> None:
    with pytest.raises(BindingError):
        remote.query("SELECT ?x WHERE { }", bindings={"x": ox.BlankNode()})
    with pytest.raises(BindingError):
        remote.query("SELECT ?y WHERE { ?x ?p ?y }", bindings={"x": ox.NamedNode(ID + "country/ALB")})
    with pytest.raises(BindingError):
        remote.query("SELECT ?x WHERE { }", bindings={"x": "not a term"})  # type: ignore[dict-item]
