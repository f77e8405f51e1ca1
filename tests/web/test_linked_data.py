"""Resource IRIs, ontology, shapes, context, dumps, VoID/DCAT, home and query pages."""

from __future__ import annotations

import hashlib
import json
import re
from urllib.parse import urljoin

import httpx
import pyoxigraph as ox
import pytest
from fixture_kg import VERSION

HUN = "https://w3id.org/ilo-kg/id/country/HUN"
ANNA = "https://w3id.org/ilo-kg/id/person/anna-kovacs"

GRAPH_TYPES = [
    ("text/turtle", "ttl", ox.RdfFormat.TURTLE),
    ("application/ld+json", "jsonld", ox.RdfFormat.JSON_LD),
    ("application/n-triples", "nt", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", "rdf", ox.RdfFormat.RDF_XML),
]


@pytest.mark.parametrize(("media", "suffix", "fmt"), GRAPH_TYPES)
def test_resource_by_accept_and_suffix(
    client: httpx.Client, media: str, suffix: str, fmt: ox.RdfFormat
) -> None:
    for r in (
        client.get("/id/country/HUN", headers={"Accept": media}),
        client.get(f"/id/country/HUN.{suffix}"),
    ):
        assert r.status_code == 200, r.text
        assert r.headers["content-type"].startswith(media)
        assert "Accept" in r.headers["vary"]
        triples = list(ox.parse(r.content, format=fmt))
        subjects = {t.subject.value for t in triples}
        assert HUN in subjects  # the configured base IRI, not this host's address
        labels = {
            t.object.value
            for t in triples
            if t.subject.value == HUN and t.predicate.value.endswith("prefLabel")
        }
        assert labels == {"Hungary"}


def test_jsonld_is_compacted_with_the_published_context(client: httpx.Client) -> None:
    doc = client.get("/id/country/HUN.jsonld").json()
    assert doc["@context"]["skos"] == "http://www.w3.org/2004/02/skos/core#"
    assert "skos:prefLabel" in json.dumps(doc)


def test_resource_html_page(client: httpx.Client) -> None:
    r = client.get("/id/person/anna-kovacs", headers={"Accept": "text/html,*/*;q=0.8"})
    assert r.status_code == 200
    page = r.text
    assert "<h1>Anna Kovács</h1>" in page
    assert "schema:Person" in page  # types
    assert "Employment specialist" in page  # the #membership fragment
    assert 'href="/id/office/budapest"' in page and "ILO Office Budapest" in page  # a labelled local link
    assert "About us (regional office)" in page  # sources
    for suffix in ("ttl", "jsonld", "nt", "rdf"):
        assert f'href="/id/person/anna-kovacs.{suffix}"' in page
    r = client.get("/id/office/budapest.html")
    assert "Linked from" in r.text and 'href="/id/person/anna-kovacs#membership-1"' in r.text  # incoming
    r = client.get("/id/country/HUN.html")  # 200 news items link to it: more than the row cap
    assert "more statements than the row limit" in r.text


def test_fragments_are_served_with_their_document(client: httpx.Client) -> None:
    r = client.get("/id/person/anna-kovacs.nt")
    triples = list(ox.parse(r.content, format=ox.RdfFormat.N_TRIPLES))
    assert any(t.subject.value == ANNA + "#membership-1" for t in triples)


def test_default_for_any_client_is_turtle(client: httpx.Client) -> None:
    r = client.get("/id/country/HUN", headers={"Accept": "*/*"})
    assert r.headers["content-type"].startswith("text/turtle")
    assert r.headers["content-location"] == "/id/country/HUN.ttl"
    assert 'rel="alternate"' in r.headers["link"]


def test_unknown_resources_are_404_with_help(client: httpx.Client) -> None:
    r = client.get("/id/country/XXX", headers={"Accept": "text/html"})
    assert r.status_code == 404
    assert "https://w3id.org/ilo-kg/id/country/XXX" in r.text and "ISO 3166-1 alpha-3" in r.text
    r = client.get("/id/country/XXX.ttl")
    assert r.status_code == 404
    assert "no resource" in r.text
    r = client.get("/id/planet/mars")
    assert r.status_code == 404
    assert "office" in r.text and "country" in r.text
    assert client.get("/id/country/HUN", headers={"Accept": "image/png"}).status_code == 406


def test_resource_etag(client: httpx.Client) -> None:
    r = client.get("/id/country/HUN.ttl")
    assert client.get("/id/country/HUN.ttl", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    assert client.get("/id/country/HUN.nt").headers["etag"] != r.headers["etag"]


def test_ontology(client: httpx.Client) -> None:
    r = client.get("/ontology", headers={"Accept": "text/html"})
    page = r.text
    assert "Office" in page and "An ILO office." in page
    assert "subclass of" in page and "org:OrganizationalUnit" in page
    assert "equivalent to" in page and "schema:Project" in page
    assert "inverse of" in page and "subproperty of" in page
    assert 'id="fundedBy"' in page
    ttl = client.get("/ontology", headers={"Accept": "text/turtle"})
    assert ttl.headers["content-type"].startswith("text/turtle")
    assert list(ox.parse(ttl.content, format=ox.RdfFormat.TURTLE))
    jsonld = client.get("/ontology", headers={"Accept": "application/ld+json"})
    assert jsonld.headers["content-type"].startswith("application/ld+json")
    assert list(ox.parse(jsonld.content, format=ox.RdfFormat.JSON_LD))
    assert client.get("/ontology.ttl").status_code == 200


def test_shapes_and_context(client: httpx.Client) -> None:
    r = client.get("/shapes")
    assert r.headers["content-type"].startswith("text/turtle")
    assert "sh:NodeShape" in r.text
    assert "NodeShape" in client.get("/shapes", headers={"Accept": "text/html"}).text
    r = client.get("/context.jsonld")
    assert r.headers["content-type"].startswith("application/ld+json")
    assert "@context" in r.json()


def test_data_listing_and_files(client: httpx.Client) -> None:
    listing = client.get("/data/").json()
    assert listing["version"] == VERSION
    names = {f["name"] for f in listing["files"]}
    assert {"ilo-kg.trig", "ilo-kg.nq", "ilo-kg.nt", "void.ttl", "context.jsonld"} <= names
    for entry in listing["files"]:
        r = client.get(entry["url"])
        assert r.status_code == 200
        assert len(r.content) == entry["bytes"]
        assert hashlib.sha256(r.content).hexdigest() == entry["sha256"]
        assert client.get(entry["url"], headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    nt = client.get("/data/ilo-kg.nt")
    assert nt.headers["content-type"].startswith("application/n-triples")
    page = client.get("/data/", headers={"Accept": "text/html"}).text
    assert VERSION in page and "ilo-kg.trig" in page
    assert client.get("/data/../../etc/passwd").status_code == 404
    assert client.get("/data/store").status_code == 404


def test_void_and_dcat(client: httpx.Client) -> None:
    for path, kind in (
        ("/.well-known/void", "http://rdfs.org/ns/void#Dataset"),
        ("/dcat", "http://www.w3.org/ns/dcat#Dataset"),
    ):
        r = client.get(path)
        assert r.status_code == 200
        triples = list(ox.parse(r.content, format=ox.RdfFormat.TURTLE))
        assert any(t.object.value == kind for t in triples)
        assert r.headers["etag"]
    r = client.get("/.well-known/void", headers={"Accept": "application/n-triples"})
    assert r.headers["content-type"].startswith("application/n-triples")


def test_home_page(client: httpx.Client) -> None:
    r = client.get("/", headers={"Accept": "text/html"})
    page = r.text
    assert VERSION in page
    assert "News item" in page and "400" in page  # counts by class
    assert "Overview of current projects" in page  # sources
    for link in ("/query", "/sparql", "/queries", "/ontology", "/data/", "/.well-known/void", "/docs"):
        assert f'href="{link}"' in page
    assert client.get("/", headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_query_page(client: httpx.Client) -> None:
    r = client.get("/query")
    page = r.text
    assert "schema:Project" in page  # the starting query; its PREFIX lines are added when it runs
    assert "Projects by funder" in page
    assert '<script type="module" src="/static/js/query.js">' in page
    data = json.loads(page.split('<script id="page-data" type="application/json">')[1].split("</script>")[0])
    assert data["prefixes"]["schema"] == "https://schema.org/"
    assert data["prefixes"]["country"] == "https://w3id.org/ilo-kg/id/country/"
    assert "HUN" in data["countries"]
    assert {"iri": "https://schema.org/funder", "kind": "property", "label": ""} in data["vocabulary"]
    # every asset the page names, and every module its scripts import, is served by this host
    assets = set(re.findall(r'(?:src|href)="(/static/[^"]+)"', page))
    queue = [a for a in assets if a.endswith(".js")]
    while queue:
        script = queue.pop()
        source = client.get(script).text
        found = {urljoin(script, m) for m in re.findall(r'from "(\.?\.?/[^"]+)"', source)}
        found |= {urljoin(script, m) for m in re.findall(r'import\("(/[^"]+)"\)', source)}
        found |= {m for m in re.findall(r'"(/static/[^"]+)"', source)}
        queue += [f for f in found - assets if f.endswith(".js") and "/vendor/" not in f]
        assets |= found
    assert "/static/vendor/codemirror.js" in assets and "/static/vendor/timeline.js" in assets
    for asset in sorted(assets):
        assert client.get(asset).status_code == 200, asset


def test_unknown_path_is_a_helpful_404(client: httpx.Client) -> None:
    r = client.get("/nothing-here")
    assert r.status_code == 404
    assert "/sparql" in r.text
