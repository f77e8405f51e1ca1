"""Search by name, the lists per kind, labels, names in canned parameters, resource pages and /docs."""

from __future__ import annotations

import re

import httpx
import pyoxigraph as ox
import pytest

from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.web.labels import Ambiguous, build_index, distance, fold

HTML = {"Accept": "text/html"}
ID = "https://w3id.org/ilo-kg/id/"


def test_fold_and_distance() -> None:
    assert fold("Türkiye") == "turkiye"
    assert distance("labor", "labour", 2) == 1
    assert distance("chlid", "child", 2) == 1  # a transposition counts one
    assert distance("budapest", "moscow", 2) == 3  # past the limit: limit + 1


def _index(turtle: str) -> object:
    store = ox.Store()
    store.load(
        (
            "@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix c: <"
            + ID
            + "country/> .\n"
            + turtle
        ),
        format=ox.RdfFormat.TURTLE,
    )
    return build_index(OxigraphStore.from_pyoxigraph(store), "https://w3id.org/ilo-kg/")


def test_index_resolves_names_keys_and_refuses_ambiguity() -> None:
    index = _index(
        'c:MKD skos:prefLabel "North Macedonia"@en ; skos:altLabel "Macedonia"@en .\n'
        'c:MDA skos:prefLabel "Republic of Moldova"@en ; skos:altLabel "Moldova"@en .\n'
        'c:KOR skos:prefLabel "Republic of Korea"@en .\n'
        'c:DEU skos:prefLabel "Germany"@en ; skos:prefLabel "Deutschland"@de .\n'
    )
    assert index.resolve("macedonia", "country").key == "MKD"  # type: ignore[attr-defined]
    assert index.resolve("MDA", "country").key == "MDA"  # type: ignore[attr-defined]
    assert index.resolve("moldova", "country").key == "MDA"  # type: ignore[attr-defined]
    assert index.resolve("Atlantis", "country") is None  # type: ignore[attr-defined]
    assert index.resolve("Germny", "country") is None  # type: ignore[attr-defined]  # no typos in a parameter
    assert index.resolve('Germany"}', "country") is None  # type: ignore[attr-defined]  # not a name
    with pytest.raises(Ambiguous) as raised:
        index.resolve("Republic", "country")  # type: ignore[attr-defined]
    assert {e.key for e in raised.value.candidates} == {"MDA", "KOR"}
    assert index.label(ID + "country/DEU") == "Germany"  # type: ignore[attr-defined]  # English only
    hits = index.search("germny")  # type: ignore[attr-defined]
    assert [h.entry.key for h in hits] == ["DEU"]


def test_search_json(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "hungry"})  # a typo
    assert r.status_code == 200
    first = r.json()["results"][0]
    assert first["iri"] == ID + "country/HUN"
    assert first["label"] == "Hungary" and first["path"] == "/id/country/HUN"
    r = client.get("/search", params={"q": "dwt/co buda"})  # an alternative label, and a prefix
    first = r.json()["results"][0]
    assert first["label"] == "ILO Office Budapest" and first["matched"] == "DWT/CO Budapest"
    r = client.get("/search", params={"q": "skils jobs", "kind": "project"})
    assert [h["key"] for h in r.json()["results"]] == ["skills-for-jobs"]
    assert r.json()["results"][0]["dates"] == {"start": "2020-01-01", "end": "2023-12-31"}
    assert client.get("/search", params={"q": "zzzzqqq"}).json()["results"] == []
    assert client.get("/search", params={"q": "x", "kind": "planet"}).status_code == 400


def test_search_html(client: httpx.Client) -> None:
    r = client.get("/search", params={"q": "poland"}, headers=HTML)
    assert r.status_code == 200
    assert '<a href="/id/country/POL">Poland</a>' in r.text
    assert 'href="/id/news/"' in r.text  # the lists per kind


def test_labels(client: httpx.Client) -> None:
    iris = [ID + "country/HUN", ID + "organization/european-union", "https://example.org/x"]
    r = client.post("/labels", json=iris)
    assert r.json() == {ID + "country/HUN": "Hungary", ID + "organization/european-union": "European Union"}
    assert client.post("/labels", content=b"not json").status_code == 400
    assert client.post("/labels", json={"a": 1}).status_code == 400


def test_list_per_kind(client: httpx.Client) -> None:
    r = client.get("/id/news/", params={"size": 25, "page": 2, "sort": "label", "order": "desc"})
    body = r.json()
    assert body["total"] == 400 and body["pages"] == 16 and len(body["items"]) == 25
    assert body["items"][0]["label"] == "News 374"  # descending, numbers compared as numbers
    r = client.get("/id/project/", params={"sort": "start", "order": "desc"})
    assert [i["key"] for i in r.json()["items"]] == ["safe-work", "skills-for-jobs"]
    assert r.json()["items"][0]["start"] == "2022-01-01"
    html = client.get("/id/country/", headers=HTML)
    assert html.status_code == 200
    assert re.search(r'<a href="/id/country/HUN">Hungary</a>', html.text)
    assert client.get("/id/country", follow_redirects=False).headers["location"] == "/id/country/"
    assert client.get("/id/planet/").status_code == 404
    assert client.get("/id/news/", params={"size": 7}).status_code == 400
    assert client.get("/id/news/", params={"page": 99}).status_code == 404
    assert client.get("/id/country/", params={"sort": "start"}).status_code == 400


def test_home_links_the_lists(client: httpx.Client) -> None:
    page = client.get("/", headers=HTML).text
    assert 'href="/id/project/"' in page and 'href="/id/country/"' in page
    assert "/query?query=SELECT" in page  # class counts list their instances


@pytest.mark.parametrize(
    ("value", "status", "needle"),
    [
        ("Hungary", 200, ID + "country/HUN"),
        ("hun", 200, ID + "country/HUN"),
        ("POL", 200, ID + "country/POL"),
        ("Atlantis", 400, "parameter 'country': unknown country 'Atlantis'"),
        (ID + "country/ATL", 400, "unknown country <" + ID + "country/ATL>"),
        ("https://example.org/x", 400, "namespace"),
    ],
)
def test_canned_parameters_by_name(client: httpx.Client, value: str, status: int, needle: str) -> None:
    r = client.get("/queries/country-graph.nt", params={"country": value})
    assert r.status_code == status, r.text
    assert needle in r.text


def test_canned_form_shows_a_name_and_a_picker(client: httpx.Client) -> None:
    page = client.get("/queries/country-graph", headers=HTML).text
    assert 'class="picker" data-kind="country"' in page
    assert 'value="Hungary"' in page  # the example IRI shown by its name
    page = client.get("/queries/country-graph", params={"country": "Atlantis"}, headers=HTML)
    assert page.status_code == 400 and "unknown country &#39;Atlantis&#39;" in page.text
    page = client.get("/queries/projects-by-funder", params={"funder": "European Union"}, headers=HTML)
    assert page.status_code == 200
    assert (
        '<a href="/id/organization/european-union" title="https://w3id.org/ilo-kg/id/organization/european-union">European Union</a>'
        in page.text
    )


def test_resource_page_groups_values_and_links_once(client: httpx.Client) -> None:
    page = client.get("/id/country/HUN", headers=HTML).text
    assert 'id="summary"' in page and "ILO Office Budapest" in page
    incoming = page.split("<h2>Linked from</h2>")[1].split("<h2>Sources</h2>")[0]
    links = re.findall(r'<a href="(/id/[^"]+)"', incoming)
    assert len(links) == len(set(links))  # each resource once
    project = client.get("/id/project/skills-for-jobs", headers=HTML).text
    row = project.split("schema:areaServed</a></th>")[1].split("</tr>")[0]
    assert row.count("<li>") == 2  # both countries in one row, by their names
    assert ">Hungary</a>" in row and ">Poland</a>" in row


def test_docs_use_the_packaged_swagger_ui(client: httpx.Client) -> None:
    page = client.get("/docs").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in urls
    assert all(u.startswith("/") for u in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_unknown_resource_page_suggests_similar_names(client: httpx.Client) -> None:
    r = client.get("/id/country/hungary", headers=HTML)
    assert r.status_code == 404
    assert '<a href="/id/country/HUN">Hungary</a>' in r.text
    assert 'href="/id/country/"' in r.text
