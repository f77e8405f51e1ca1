"""Clients no one here wrote, with their defaults, against the live server (issue 11, correctness).

SPARQLWrapper (every query form and return format, GET and POST), rdflib's SPARQLStore, curl and
httpx; the default graph is a set; the SPARQL 1.1 Protocol's dataset rules; the Service Description.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import warnings
import xml.dom.minidom

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POSTDIRECTLY, RDFXML, TSV, TURTLE, XML, SPARQLWrapper
from web_support import Live

ID = "https://w3id.org/ilo-kg/id/"
G_ABOUT = "https://w3id.org/ilo-kg/graph/source/about"
G_NEWS = "https://w3id.org/ilo-kg/graph/source/news"
HUN = ID + "country/HUN"
SKOS = "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
QUERIES = {
    "SELECT": SKOS + 'SELECT ?l WHERE { ?s skos:prefLabel ?l FILTER(?l = "Hungary"@en) }',
    "ASK": f"ASK {{ <{HUN}> ?p ?o }}",
    "CONSTRUCT": f"CONSTRUCT {{ <{HUN}> ?p ?o }} WHERE {{ <{HUN}> ?p ?o }}",
    "DESCRIBE": f"DESCRIBE <{HUN}>",
}
RETURN_FORMATS = [None, XML, JSON, CSV, TSV, TURTLE, N3, RDFXML, JSONLD]
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _text(converted: object) -> str:
    """What a converted SPARQLWrapper answer says, as text (whatever the type it was converted to)."""
    if isinstance(converted, bytes):
        return converted.decode()
    if isinstance(converted, xml.dom.minidom.Document):
        return converted.toxml()
    if isinstance(converted, rdflib.Graph):
        return converted.serialize(format="nt")
    return json.dumps(converted)


def _distinct_triples(live: Live) -> int:
    return sum(1 for line in (live.settings.dist / "ilo-kg.nt").read_text().splitlines() if line.strip())


def _count(client: httpx.Client, query: str = COUNT, **params: object) -> int:
    r = client.get("/sparql", params={"query": query, **params})
    assert r.status_code == 200, r.text
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


# --- the default graph is a set -----------------------------------------------------------------


def test_count_of_the_default_graph_is_the_distinct_triples(client: httpx.Client, live: Live) -> None:
    assert _count(client) == _distinct_triples(live)
    # the fixture states `country:HUN a schema:Country` in two source graphs: once in the default graph
    graphs = client.get(
        "/sparql",
        params={"query": f"SELECT ?g WHERE {{ GRAPH ?g {{ <{HUN}> a <https://schema.org/Country> }} }}"},
    )
    assert sorted(b["g"]["value"] for b in graphs.json()["results"]["bindings"]) == [G_ABOUT, G_NEWS]
    rows = client.get("/sparql", params={"query": "SELECT ?c WHERE { ?c a <https://schema.org/Country> }"})
    assert sorted(b["c"]["value"] for b in rows.json()["results"]["bindings"]) == [HUN, ID + "country/POL"]
    # the named graphs are unchanged: each counts its own triples
    per_graph = _count(client, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert per_graph == _distinct_triples(live) + 1


# --- SPARQLWrapper with its defaults: every form, every return format, GET and POST ---------------


@pytest.mark.parametrize("method", ["GET", "POST", "POST-direct"])
@pytest.mark.parametrize("form", sorted(QUERIES))
@pytest.mark.parametrize("fmt", RETURN_FORMATS, ids=lambda f: f or "default")
def test_sparqlwrapper_defaults(live: Live, form: str, fmt: str | None, method: str) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setQuery(QUERIES[form])
    sw.setMethod(method.split("-")[0])
    if method == "POST-direct":  # the query as an application/sparql-query body, the rest in the URL
        sw.setRequestMethod(POSTDIRECTLY)
    if fmt is not None:
        sw.setReturnFormat(fmt)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # SPARQLWrapper's own note on odd pairs (CSV graphs)
        result = sw.query()
        assert result.response.status == 200
        converted = result.convert()
    said = _text(converted)
    if form == "ASK":
        assert "true" in said.lower()
    else:
        assert "Hungary" in said
    content_type = result.info()["content-type"]
    if form in ("CONSTRUCT", "DESCRIBE") and fmt in (None, XML, RDFXML):
        assert content_type.startswith("application/rdf+xml")
        assert isinstance(converted, rdflib.Graph)
    if form in ("CONSTRUCT", "DESCRIBE") and fmt == JSONLD:
        assert content_type.startswith("application/ld+json")
    if form in ("SELECT", "ASK") and fmt in (None, XML):
        assert content_type.startswith("application/sparql-results+xml")
    if form == "SELECT" and fmt == TSV:
        assert content_type.startswith("text/tab-separated-values")


# --- format / output / results parameters, short names, N3, Accept as the fallback -----------------


@pytest.mark.parametrize(
    ("form", "params", "media"),
    [
        ("CONSTRUCT", [("format", "xml")], "application/rdf+xml"),
        ("CONSTRUCT", [("format", "rdf+xml"), ("format", "application/rdf+xml")], "application/rdf+xml"),
        ("CONSTRUCT", [("format", "json-ld"), ("output", "application/ld+json")], "application/ld+json"),
        ("CONSTRUCT", [("output", "turtle"), ("results", "turtle")], "text/turtle"),
        ("CONSTRUCT", [("format", "n3")], "text/n3"),
        ("CONSTRUCT", [("format", "nt")], "application/n-triples"),
        ("CONSTRUCT", [("format", "json")], "application/ld+json"),
        ("CONSTRUCT", [("format", "csv")], "text/turtle"),  # a results format for a graph: Accept decides
        (
            "SELECT",
            [("format", "xml"), ("output", "xml"), ("results", "xml")],
            "application/sparql-results+xml",
        ),
        ("SELECT", [("format", "tsv"), ("format", "text/tab-separated-values")], "text/tab-separated-values"),
        ("SELECT", [("output", "csv")], "text/csv"),
        ("SELECT", [("results", "json")], "application/sparql-results+json"),
        ("SELECT", [("format", "turtle")], "application/sparql-results+json"),
    ],
)
def test_format_parameters_that_agree(
    client: httpx.Client, form: str, params: list[tuple[str, str]], media: str
) -> None:
    r = client.get("/sparql", params=[("query", QUERIES[form]), *params])
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    if media == "text/n3":  # Turtle is N3: any N3 reader takes it
        triples = list(ox.parse(r.content, format=ox.RdfFormat.N3))
        assert any(t.object == ox.Literal("Hungary", language="en") for t in triples)


def test_format_parameters_that_disagree_or_name_nothing(client: httpx.Client) -> None:
    r = client.get("/sparql", params=[("query", QUERIES["SELECT"]), ("format", "csv"), ("output", "json")])
    assert r.status_code == 400
    assert "different formats" in r.text
    r = client.get("/sparql", params=[("query", QUERIES["SELECT"]), ("results", "nonsense")])
    assert r.status_code == 400
    assert "nonsense" in r.text


def test_n3_by_accept(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": QUERIES["CONSTRUCT"]}, headers={"Accept": "text/n3"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/n3")
    r = client.get("/sparql", params={"query": QUERIES["CONSTRUCT"]}, headers={"Accept": "text/rdf+n3"})
    assert r.headers["content-type"].startswith("text/n3")
    r = client.get("/id/country/HUN.n3")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/n3")


# --- SPARQL 1.1 Protocol: datasets, relative IRIs, no query ----------------------------------------


def test_protocol_dataset_overrides_the_querys(client: httpx.Client) -> None:
    news = "SELECT (COUNT(*) AS ?n) FROM <%s> WHERE { ?s a <https://w3id.org/ilo-kg/ontology#NewsItem> }"
    assert _count(client, news % G_NEWS) == 400
    assert _count(client, news % G_NEWS, **{"default-graph-uri": G_ABOUT}) == 0
    assert _count(client, news % G_NEWS, **{"default-graph-uri": ""}) == 400  # an empty form field
    # the protocol's dataset replaces the query's whole: no named graph given, none to range over
    named = f"SELECT (COUNT(*) AS ?n) FROM NAMED <{G_NEWS}> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
    assert _count(client, named) > 0
    assert _count(client, named, **{"default-graph-uri": G_ABOUT}) == 0


@pytest.mark.parametrize("where", ["FROM", "FROM NAMED", "default-graph-uri", "named-graph-uri"])
def test_a_graph_the_dataset_does_not_hold_is_empty(client: httpx.Client, where: str) -> None:
    missing = "https://w3id.org/ilo-kg/graph/no-such-graph"
    if where.startswith("FROM"):
        r = client.get(
            "/sparql",
            params={
                "query": f"ASK {where} <{missing}> {{ {{ ?s ?p ?o }} UNION {{ GRAPH ?g {{ ?s ?p ?o }} }} }}"
            },
        )
    else:
        r = client.get(
            "/sparql",
            params={"query": "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }", where: missing},
        )
    assert r.status_code == 200, r.text
    assert r.json()["boolean"] is False


def test_construct_with_relative_iris_resolves_against_the_endpoint(client: httpx.Client) -> None:
    r = client.get(
        "/sparql",
        params={"query": "CONSTRUCT { <s> <p> 1 } WHERE {}"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.status_code == 200, r.text
    assert r.text.strip() == (
        '<https://w3id.org/ilo-kg/s> <https://w3id.org/ilo-kg/p> "1"^^<http://www.w3.org/2001/XMLSchema#integer> .'
    )
    r = client.get(
        "/sparql", params={"query": "BASE <http://example.org/x/> CONSTRUCT { <s> <p> 1 } WHERE {}"}
    )
    assert "http://example.org/x/s" in r.text


@pytest.mark.parametrize(
    "accept", ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]
)
def test_asking_for_results_without_a_query_is_400(client: httpx.Client, accept: str) -> None:
    r = client.get("/sparql", headers={"Accept": accept})
    assert r.status_code == 400
    assert "no query" in r.text


# --- rdflib's SPARQLStore -------------------------------------------------------------------------


def test_rdflib_sparqlstore(live: Live) -> None:
    store = SPARQLStore(live.url + "/sparql")
    graph = rdflib.Graph(store=store)
    assert len(graph) == _distinct_triples(live)
    hungary = rdflib.URIRef(HUN)
    assert (hungary, rdflib.RDF.type, rdflib.URIRef("https://schema.org/Country")) in graph
    labels = [row.l for row in graph.query(QUERIES["SELECT"])]  # type: ignore[union-attr]
    assert labels == [rdflib.Literal("Hungary", lang="en")]
    assert bool(graph.query(QUERIES["ASK"]).askAnswer) is True
    built = graph.query(QUERIES["CONSTRUCT"]).graph
    assert built is not None and (hungary, None, rdflib.Literal("Hungary", lang="en")) in built
    # a graph of the store is queried through default-graph-uri
    news = rdflib.Graph(store=store, identifier=rdflib.URIRef(G_NEWS))
    in_news = _count(
        httpx.Client(base_url=live.url), f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{G_NEWS}> {{ ?s ?p ?o }} }}"
    )
    assert len(news) == in_news


# --- curl -----------------------------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
def test_curl(live: Live) -> None:
    def curl(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["curl", "-s", "-w", "\n%{http_code} %{content_type}", *args],
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )

    url = live.url + "/sparql"
    got = curl("-G", url, "--data-urlencode", f"query={COUNT}").stdout
    body, status = got.rsplit("\n", 1)
    assert status.startswith("200 application/sparql-results+json")
    assert int(json.loads(body)["results"]["bindings"][0]["n"]["value"]) == _distinct_triples(live)
    got = curl("-H", "Accept: text/csv", url, "--data-urlencode", f"query={QUERIES['SELECT']}").stdout
    assert got.splitlines()[:2] == ["l", "Hungary"] and got.endswith("200 text/csv; charset=utf-8")
    got = curl(
        "-H", "Content-Type: application/sparql-query", "--data-binary", QUERIES["CONSTRUCT"], url
    ).stdout
    assert "Hungary" in got and got.endswith("200 text/turtle; charset=utf-8")
    got = curl("-G", url, "--data-urlencode", f"query={QUERIES['CONSTRUCT']}", "-d", "format=rdf+xml").stdout
    assert got.endswith("200 application/rdf+xml")
    got = curl("-H", "Accept: application/sparql-results+json", url).stdout
    assert got.rsplit("\n", 1)[1].startswith("400") and "no query" in got


# --- the Service Description counts every graph ----------------------------------------------------


def test_service_description_counts_every_graph(client: httpx.Client, live: Live) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    sd = rdflib.Graph().parse(data=r.text, format="turtle")
    ns = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    triples = rdflib.URIRef("http://rdfs.org/ns/void#triples")
    (default,) = sd.objects(None, ns.defaultGraph)
    assert int(sd.value(default, triples)) == _distinct_triples(live)
    counts = {}
    for named in sd.objects(predicate=ns.namedGraph):
        content = sd.value(named, ns.graph)
        counts[str(sd.value(named, ns.name))] = int(sd.value(content, triples))
    for graph in (G_ABOUT, G_NEWS):
        assert counts[graph] == _count(
            client, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
        )
    assert (None, ns.feature, ns.UnionDefaultGraph) not in sd


def test_an_undeclared_prefix_is_named_in_one_line(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE { ?s a foo:Bar }"})
    assert r.status_code == 400
    assert "undeclared prefix 'foo:'" in r.text and "line 1" in r.text
    assert len(r.text.strip().splitlines()) == 1 and "\\u{" not in r.text
