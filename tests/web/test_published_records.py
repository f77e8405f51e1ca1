"""What the README promises is published (issue 11): the manifest, a DCAT record that is DCAT, a
Service Description with per-graph counts, resources in TriG/N-Quads with their graph names.

Against a real uvicorn server on the seed build (built once per session by tests/conftest.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
import rdflib
from live_server import running
from tests.conftest import ROOT

from ilo_kg.build import BuildResult
from ilo_kg.config import Settings

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SD = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
BASE = "https://w3id.org/ilo-kg/"


@pytest.fixture(scope="module")
def client(built: BuildResult) -> Iterator[httpx.Client]:
    settings = Settings(root=ROOT, output=built.published.folder, workers=1)
    with running(settings) as url, httpx.Client(base_url=url, timeout=60) as c:
        yield c


def test_the_manifest_is_served_and_listed(client: httpx.Client, built: BuildResult) -> None:
    r = client.get("/data/manifest.json")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("application/json")
    manifest = r.json()
    assert manifest["version"] == built.published.version
    assert r.content == (built.published.folder / "manifest.json").read_bytes()
    listed = {f["name"]: f for f in client.get("/data/").json()["files"]}
    assert listed["manifest.json"]["bytes"] == len(r.content)
    assert client.get("/data/manifest.json", headers={"If-None-Match": r.headers["etag"]}).status_code == 304


def test_dcat_serves_the_dcat_record_not_the_void_file(client: httpx.Client) -> None:
    r = client.get("/dcat", headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    record = rdflib.Graph().parse(data=r.text, format="turtle")
    dataset = rdflib.URIRef(BASE + "dataset")
    assert (dataset, rdflib.RDF.type, DCAT.Dataset) in record
    distributions = set(record.objects(dataset, DCAT.distribution))
    assert distributions and all(record.value(d, DCAT.downloadURL) is not None for d in distributions)
    assert any(str(record.value(d, DCAT.mediaType)) == "application/n-triples" for d in distributions)
    service = record.value(dataset, DCAT.accessService)
    assert service is not None and str(record.value(service, DCAT.endpointURL)) == BASE + "sparql"
    # VoID's counts and partitions are the VoID description's, linked from here
    assert not [t for t in record if str(t[1]).startswith(str(VOID))]
    assert "/.well-known/void" in r.headers["link"]
    void = rdflib.Graph().parse(data=client.get("/.well-known/void").text, format="turtle")
    assert (dataset, VOID.triples, None) in void and len(void) > len(record)
    assert client.get("/dcat", headers={"Accept": "application/ld+json"}).status_code == 200


def test_the_service_description_counts_each_graph(client: httpx.Client, built: BuildResult) -> None:
    sd = rdflib.Graph().parse(
        data=client.get("/sparql", headers={"Accept": "text/turtle"}).text, format="turtle"
    )
    manifest = json.loads((built.published.folder / "manifest.json").read_text())
    counted = {
        str(sd.value(n, SD.name)): int(sd.value(sd.value(n, SD.graph), VOID.triples))
        for n in sd.objects(None, SD.namedGraph)
    }
    assert {g: counted[g] for g in manifest["graphs"]} == manifest["graphs"]
    (default,) = sd.objects(None, SD.defaultGraph)
    lines = (built.published.folder / "ilo-kg.nt").read_bytes().count(b"\n")
    assert int(sd.value(default, VOID.triples)) == lines


@pytest.mark.parametrize(("suffix", "fmt"), [("trig", ox.RdfFormat.TRIG), ("nq", ox.RdfFormat.N_QUADS)])
def test_a_resource_in_a_dataset_format_carries_its_graph_names(
    client: httpx.Client, suffix: str, fmt: ox.RdfFormat
) -> None:
    r = client.get(f"/id/country/HUN.{suffix}")
    assert r.status_code == 200, r.text
    quads = list(ox.parse(r.content, format=fmt))
    graphs = {q.graph_name.value for q in quads if isinstance(q.graph_name, ox.NamedNode)}
    assert not [q for q in quads if isinstance(q.graph_name, ox.DefaultGraph)]
    assert BASE + "graph/reference" in graphs and BASE + "graph/inferred" in graphs
    # the same triples as the Turtle description, each in the graphs that state it
    turtle = {
        q.triple for q in ox.parse(client.get("/id/country/HUN.ttl").content, format=ox.RdfFormat.TURTLE)
    }
    assert {q.triple for q in quads} == turtle
