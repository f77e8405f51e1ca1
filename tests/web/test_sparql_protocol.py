"""The SPARQL 1.1 Protocol at /sparql, against the live server."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pyoxigraph as ox
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from web_support import MAX_BODY, MAX_ROWS, Live

SELECT = (
    "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> "
    'SELECT ?l WHERE { ?s skos:prefLabel ?l FILTER(?l = "Hungary"@en) }'
)
NEWS = "<https://w3id.org/ilo-kg/ontology#NewsItem>"
ASK = "ASK { <https://w3id.org/ilo-kg/id/country/HUN> ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { BIND(<https://w3id.org/ilo-kg/id/country/HUN> AS ?s) ?s ?p ?o }"
G_ABOUT = "https://w3id.org/ilo-kg/graph/source/about"
G_NEWS = "https://w3id.org/ilo-kg/graph/source/news"


def labels(response: httpx.Response) -> list[str]:
    data = response.json()
    return [b["l"]["value"] for b in data["results"]["bindings"]]


def test_get_post_form_and_direct_post_agree(client: httpx.Client) -> None:
    got = client.get("/sparql", params={"query": SELECT})
    form = client.post("/sparql", data={"query": SELECT})
    direct = client.post(
        "/sparql", content=SELECT.encode(), headers={"Content-Type": "application/sparql-query"}
    )
    for r in (got, form, direct):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith("application/sparql-results+json")
        assert labels(r) == ["Hungary"]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_select_in_every_result_format(client: httpx.Client, accept: str, media: str) -> None:
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media)
    assert "Accept" in r.headers["vary"]
    if media.endswith("xml"):
        root = ET.fromstring(r.content)
        assert root.find(".//{http://www.w3.org/2005/sparql-results#}literal").text == "Hungary"
    elif media == "text/csv":
        assert list(csv.reader(io.StringIO(r.text))) == [["l"], ["Hungary"]]
    elif media.startswith("text/tab"):
        assert r.text.splitlines() == ["?l", '"Hungary"@en']


def test_ask(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": ASK})
    assert r.json()["boolean"] is True
    r = client.get("/sparql", params={"query": ASK}, headers={"Accept": "application/sparql-results+xml"})
    assert "<boolean>true</boolean>" in r.text


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
        ("application/rdf+xml", ox.RdfFormat.RDF_XML),
        ("application/trig", ox.RdfFormat.TRIG),
        ("application/n-quads", ox.RdfFormat.N_QUADS),
        ("application/ld+json", ox.RdfFormat.JSON_LD),
    ],
)
def test_construct_in_every_graph_format(client: httpx.Client, accept: str, fmt: ox.RdfFormat) -> None:
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(accept)
    quads = list(ox.parse(r.content, format=fmt))
    labels = {q.object.value for q in quads if q.predicate.value.endswith("prefLabel")}
    assert labels == {"Hungary"}


def test_describe(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "DESCRIBE <https://w3id.org/ilo-kg/id/country/POL>"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    assert "Poland" in r.text


def test_negotiation_q_values_and_wildcards(client: httpx.Client) -> None:
    def media(accept: str, query: str = SELECT) -> str:
        r = client.get("/sparql", params={"query": query}, headers={"Accept": accept})
        assert r.status_code == 200, (accept, r.text)
        return r.headers["content-type"].split(";")[0]

    assert media("text/csv;q=0.5, application/sparql-results+xml;q=0.9") == "application/sparql-results+xml"
    assert media("text/*") == "text/csv"
    assert media("*/*") == "application/sparql-results+json"
    assert media("*/*;q=0.1, text/tab-separated-values") == "text/tab-separated-values"
    assert media("application/sparql-results+json;q=0, */*;q=0.5") == "application/sparql-results+xml"
    assert media("text/html, */*;q=0.1", CONSTRUCT) == "text/turtle"


def test_406_lists_what_can_be_produced(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "image/png"})
    assert r.status_code == 406
    for media in ("application/sparql-results+json", "text/csv", "text/tab-separated-values"):
        assert media in r.text
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406
    assert "text/turtle" in r.text


def test_format_parameter_never_outranks_explicit_accept(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SELECT, "format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get("/sparql", params={"query": SELECT, "format": "csv"}, headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.get(
        "/sparql",
        params={"query": SELECT, "format": "csv"},
        headers={"Accept": "application/sparql-results+xml"},
    )
    assert r.headers["content-type"].startswith("application/sparql-results+xml")
    r = client.get("/sparql", params={"query": SELECT, "format": "csv"}, headers={"Accept": "image/png"})
    assert r.headers["content-type"].startswith("text/csv")
    r = client.post("/sparql", data={"query": SELECT, "format": "tsv"})
    assert r.headers["content-type"].startswith("text/tab-separated-values")
    r = client.get("/sparql", params={"query": SELECT, "format": "nonsense"})
    assert r.status_code == 400
    assert "nonsense" in r.text


def test_malformed_query_gets_parser_message_and_position(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT ?s WHERE {\n  ?s ?p \n"})
    assert r.status_code == 400
    assert "syntax error" in r.text.lower()
    assert "line" in r.text and "column" in r.text


@pytest.mark.parametrize(
    ("kwargs", "needle"),
    [
        ({"method": "GET", "url": "/sparql", "params": {"default-graph-uri": G_ABOUT}}, "no query"),
        ({"method": "GET", "url": "/sparql?query=ASK{}&query=ASK{}"}, "two queries"),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"query=ASK{}",
                "headers": {"Content-Type": "text/plain"},
            },
            "Content-Type",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"ASK { ?s ?p \xff\xfe }",
                "headers": {"Content-Type": "application/sparql-query"},
            },
            "UTF-8",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"query=ASK%7B%FF%7D",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            "UTF-8",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql?query=ASK{}",
                "content": b"ASK {}",
                "headers": {"Content-Type": "application/sparql-query"},
            },
            "two queries",
        ),
        (
            {
                "method": "POST",
                "url": "/sparql",
                "content": b"",
                "headers": {"Content-Type": "application/x-www-form-urlencoded"},
            },
            "no query",
        ),
    ],
)
def test_bad_requests_get_400_saying_why(
    client: httpx.Client, kwargs: dict[str, object], needle: str
) -> None:
    r = client.request(**kwargs)  # type: ignore[arg-type]
    assert r.status_code == 400, r.text
    assert needle.lower() in r.text.lower()


def test_wrong_method_is_405(client: httpx.Client) -> None:
    for method in ("PUT", "DELETE", "PATCH"):
        r = client.request(method, "/sparql", params={"query": ASK})
        assert r.status_code == 405
        assert "GET" in r.headers.get("allow", "")


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    big = "ASK {}" + " " * (MAX_BODY + 10)
    r = client.post("/sparql", content=big.encode(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413
    assert str(MAX_BODY) in r.text

    def chunks():  # no Content-Length: the limit holds while reading
        for _ in range(MAX_BODY // 1000 + 5):
            yield b" " * 1000

    r = client.post("/sparql", content=chunks(), headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_default_and_named_graph_uri(client: httpx.Client) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/ilo-kg/ontology#NewsItem> }"

    def n(params: dict[str, object]) -> int:
        r = client.get("/sparql", params={"query": count, **params})
        assert r.status_code == 200, r.text
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    assert n({}) == 400
    assert n({"default-graph-uri": G_ABOUT}) == 0
    assert n({"default-graph-uri": [G_ABOUT, G_NEWS]}) == 400
    named = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"
    r = client.get("/sparql", params={"query": named, "named-graph-uri": G_NEWS})
    assert [b["g"]["value"] for b in r.json()["results"]["bindings"]] == [G_NEWS]
    # a graph the dataset does not hold is an empty graph (SPARQL 1.1 Protocol); nothing is fetched
    r = client.get("/sparql", params={"query": named, "named-graph-uri": "file:///etc/passwd"})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"] == []
    r = client.get("/sparql", params={"query": count, "default-graph-uri": "file:///etc/passwd"})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"
    r = client.get("/sparql", params={"query": named, "named-graph-uri": "not an IRI"})
    assert r.status_code == 400


def test_from_this_datasets_graphs_is_allowed(client: httpx.Client) -> None:
    q = f"SELECT (COUNT(*) AS ?n) FROM <{G_ABOUT}> WHERE {{ ?s a {NEWS} }}"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "0"


def test_service_description(client: httpx.Client) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/turtle")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
    preds = {t.predicate.value.rsplit("#", 1)[-1] for t in triples}
    assert {"endpoint", "supportedLanguage", "resultFormat", "defaultDataset", "namedGraph"} <= preds
    names = {t.object.value for t in triples if t.predicate.value.endswith("#name")}
    assert G_ABOUT in names
    r = client.get("/sparql", headers={"Accept": "application/ld+json"})
    assert r.headers["content-type"].startswith("application/ld+json")
    json.loads(r.text)
    r = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/query"


def test_row_cap_is_reported_in_header_and_body(client: httpx.Client) -> None:
    q = "SELECT ?s WHERE { ?s a <https://w3id.org/ilo-kg/ontology#NewsItem> }"
    r = client.get("/sparql", params={"query": q})
    assert r.headers["x-result-truncated"] == f"true; limit={MAX_ROWS}"
    assert r.json()["truncated"] is True
    assert len(r.json()["results"]["bindings"]) == MAX_ROWS
    r = client.get("/sparql", params={"query": q}, headers={"Accept": "application/sparql-results+xml"})
    assert "truncated" in r.text
    r = client.get("/sparql", params={"query": SELECT})
    assert "x-result-truncated" not in r.headers


def test_cors_for_reads(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": ASK}, headers={"Origin": "https://example.org"})
    assert r.headers["access-control-allow-origin"] == "*"
    assert "X-Result-Truncated" in r.headers["access-control-expose-headers"]
    r = client.options(
        "/sparql",
        headers={
            "Origin": "https://example.org",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert r.status_code == 200
    assert "POST" in r.headers["access-control-allow-methods"]
    assert r.headers["access-control-allow-headers"] == "content-type"
    assert r.headers["access-control-max-age"] == "3600"


@pytest.mark.parametrize(
    "path",
    [
        "/sparql?query=ASK%20%7B%7D",
        "/id/country/HUN",
        "/id/country/HUN.ttl",
        "/queries",
        "/no-such-page",
        "/sparql?query=nonsense",
    ],
)
def test_every_answer_may_be_read_by_any_page_whatever_its_origin(client: httpx.Client, path: str) -> None:
    """The same CORS headers with and without an Origin (so no Vary: Origin), errors included."""
    answers = [client.get(path), client.get(path, headers={"Origin": "https://example.org"})]
    answers.append(client.get(path))  # the second time the response cache may answer: the same headers
    for r in answers:
        assert r.headers["access-control-allow-origin"] == "*", (path, r.status_code)
        exposed = {h.strip() for h in r.headers["access-control-expose-headers"].split(",")}
        assert {"ETag", "X-Cache", "X-Result-Truncated", "Retry-After"} <= exposed
        assert "origin" not in r.headers.get("vary", "").lower()


def test_a_preflight_for_a_method_this_service_refuses(client: httpx.Client) -> None:
    r = client.options(
        "/sparql", headers={"Origin": "https://example.org", "Access-Control-Request-Method": "DELETE"}
    )
    assert r.status_code == 400
    assert "DELETE" in r.text and "POST" in r.text
    # OPTIONS without CORS headers is not a preflight: the routes answer it
    assert client.options("/sparql").status_code == 405


def test_etag_and_304(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": SELECT})
    etag = r.headers["etag"]
    assert "0.0.test+fixture" in etag
    again = client.get("/sparql", params={"query": SELECT}, headers={"If-None-Match": etag})
    assert again.status_code == 304
    other = client.get("/sparql", params={"query": SELECT}, headers={"Accept": "text/csv"})
    assert other.headers["etag"] != etag


@pytest.mark.parametrize("fmt", [JSON, XML, CSV])
def test_sparqlwrapper_select(live: Live, fmt: str) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setQuery(SELECT)
    sw.setReturnFormat(fmt)
    result = sw.query()
    assert result.response.status == 200
    converted = result.convert()
    if fmt == JSON:
        assert converted["results"]["bindings"][0]["l"]["value"] == "Hungary"
    elif fmt == CSV:
        assert b"Hungary" in converted
    else:
        assert "Hungary" in converted.toxml()


def test_sparqlwrapper_post_and_construct(live: Live) -> None:
    sw = SPARQLWrapper(live.url + "/sparql")
    sw.setMethod("POST")
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(TURTLE)
    body = sw.query().convert()
    assert b"Hungary" in body
