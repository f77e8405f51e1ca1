"""Canned queries over HTTP: listing, formats, pages, parameter errors, injection, OpenAPI."""

from __future__ import annotations

import csv
import io
from urllib.parse import parse_qs, urlparse

import httpx
import pyoxigraph as ox
import pytest
from web_support import FIXTURE_QUERIES

from ilo_kg.queries import load_catalogue

EU = "https://w3id.org/ilo-kg/id/organization/european-union"


def projects(r: httpx.Response) -> list[str]:
    assert r.status_code == 200, r.text
    return [b["project"]["value"].rsplit("/", 1)[-1] for b in r.json()["results"]["bindings"]]


def test_listing_json_and_html(client: httpx.Client) -> None:
    r = client.get("/queries")
    assert r.headers["content-type"].startswith("application/json")
    names = [q["name"] for q in r.json()["queries"]]
    assert names == [q.name for q in load_catalogue(FIXTURE_QUERIES)]
    funder = next(q for q in r.json()["queries"] if q["name"] == "projects-by-funder")
    assert funder["params"][0] == {
        "name": "funder",
        "type": "iri",
        "description": "The funding organisation",
        "required": True,
        "namespace": "https://w3id.org/ilo-kg/id/organization/",
        "example": EU,
    }
    r = client.get("/queries", headers={"Accept": "text/html"})
    assert r.headers["content-type"].startswith("text/html")
    assert 'href="/queries/projects-by-funder"' in r.text


def test_run_with_iri_and_bare_key(client: httpx.Client) -> None:
    assert projects(client.get("/queries/projects-by-funder", params={"funder": EU})) == [
        "safe-work",
        "skills-for-jobs",
    ]
    assert projects(client.get("/queries/projects-by-funder", params={"funder": "european-union"})) == [
        "safe-work",
        "skills-for-jobs",
    ]


def test_typed_date_and_integer_parameters(client: httpx.Client) -> None:
    assert projects(client.get("/queries/active-projects")) == ["skills-for-jobs"]  # default date
    assert projects(client.get("/queries/active-projects", params={"on": "2022-06-01"})) == [
        "safe-work",
        "skills-for-jobs",
    ]
    r = client.get("/queries/active-projects", params={"on": "2022-06-01", "min_countries": "2"})
    assert projects(r) == ["skills-for-jobs"]
    assert projects(client.get("/queries/active-projects", params={"on": "1999-01-01"})) == []


@pytest.mark.parametrize(
    ("suffix", "media"),
    [
        ("json", "application/sparql-results+json"),
        ("csv", "text/csv"),
        ("tsv", "text/tab-separated-values"),
        ("srx", "application/sparql-results+xml"),
    ],
)
def test_select_by_suffix(client: httpx.Client, suffix: str, media: str) -> None:
    r = client.get(f"/queries/projects-by-funder.{suffix}", params={"funder": EU})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith(media)
    assert "skills-for-jobs" in r.text


def test_select_by_accept(client: httpx.Client) -> None:
    r = client.get("/queries/projects-by-funder", params={"funder": EU}, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(r.text)))
    assert [row["project"].rsplit("/", 1)[-1] for row in rows] == ["safe-work", "skills-for-jobs"]
    r = client.get("/queries/projects-by-funder.ttl", params={"funder": EU})
    assert r.status_code == 404
    assert ".csv" in r.text


@pytest.mark.parametrize(("suffix", "fmt"), [("ttl", ox.RdfFormat.TURTLE), ("jsonld", ox.RdfFormat.JSON_LD)])
def test_construct_by_suffix(client: httpx.Client, suffix: str, fmt: ox.RdfFormat) -> None:
    r = client.get(f"/queries/country-graph.{suffix}", params={"country": "HUN"})
    assert r.status_code == 200, r.text
    triples = list(ox.parse(r.content, format=fmt))
    assert {t.subject.value for t in triples} == {"https://w3id.org/ilo-kg/id/country/HUN"}
    assert r.headers["etag"]


def test_html_page_has_form_sparql_and_open_link(client: httpx.Client) -> None:
    r = client.get("/queries/projects-by-funder", headers={"Accept": "text/html"})
    assert r.status_code == 200
    page = r.text
    assert '<form method="get" action="/queries/projects-by-funder"' in page
    assert 'name="funder"' in page
    assert "schema:funder ?funder" in page
    links = [
        part.split('"')[0].replace("&amp;", "&")
        for part in page.split('href="')
        if part.startswith("/query?")
    ]
    texts = [parse_qs(urlparse(link).query).get("query", [None])[0] for link in links]
    assert load_catalogue(FIXTURE_QUERIES).get("projects-by-funder").text in texts
    # and the query page with the canned query and its parameters, to run and view
    assert {"example": ["projects-by-funder"]} in [parse_qs(urlparse(link).query) for link in links]
    r = client.get("/queries/projects-by-funder.html", params={"funder": "european-union"})
    assert "Skills for jobs" in r.text and "/id/project/skills-for-jobs" in r.text


@pytest.mark.parametrize(
    ("query", "params", "needle"),
    [
        ("projects-by-funder", {}, "'funder': required"),
        ("projects-by-funder", {"funder": "https://example.org/x"}, "namespace"),
        ("projects-by-funder", {"funder": "not an iri"}, "'funder'"),
        ("projects-by-funder", {"funder": EU, "colour": "red"}, "'colour': unknown parameter"),
        ("projects-by-funder", {"funder": [EU, EU]}, "more than once"),
        ("active-projects", {"on": "yesterday"}, "YYYY-MM-DD"),
        ("active-projects", {"on": "2021-02-30"}, "'on'"),
        ("active-projects", {"min_countries": "two"}, "integer"),
        ("label-search", {"text": "x", "kind": "Planet"}, "one of Project, Office, Country"),
    ],
)
def test_parameter_errors_are_400_naming_the_parameter(
    client: httpx.Client, query: str, params: dict[str, object], needle: str
) -> None:
    r = client.get(f"/queries/{query}", params=params)  # type: ignore[arg-type]
    assert r.status_code == 400, r.text
    assert needle in r.text
    r = client.get(f"/queries/{query}", params=params, headers={"Accept": "text/html"})  # type: ignore[arg-type]
    assert r.status_code == (400 if params else 200)  # an empty form is not an error
    assert "<form" in r.text


def test_unknown_query_is_404(client: httpx.Client) -> None:
    r = client.get("/queries/no-such-query")
    assert r.status_code == 404
    assert "projects-by-funder" in r.text
    assert client.get("/queries/no-such-query.csv").status_code == 404


@pytest.mark.parametrize(
    "evil",
    [
        '"} UNION { ?resource ?p ?label } #',
        'budapest") || true || ("',
        "x' } ; DROP ALL ; { '",
        '>" } } SELECT * WHERE { ?s ?p ?o } #',
        '\\" ) ) } # {{ }} <> \n ?resource ?p ?label',
    ],
)
def test_injection_cannot_change_the_query(client: httpx.Client, evil: str) -> None:
    r = client.get("/queries/label-search", params={"text": evil})
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"] == []
    r = client.get("/queries/label-search", params={"text": 'quoted"', "kind": "Project"})
    bindings = r.json()["results"]["bindings"]
    assert [b["resource"]["value"].rsplit("/", 1)[-1] for b in bindings] == ["safe-work"]


def test_injection_through_iri_and_enum(client: httpx.Client) -> None:
    for evil in ("european-union> } UNION { ?project ?p ?name", "european-union>#", 'x"{}'):
        r = client.get("/queries/projects-by-funder", params={"funder": evil})
        assert r.status_code == 400, r.text
    r = client.get("/queries/label-search", params={"text": "", "kind": "Project> . ?x ?y ?z #"})
    assert r.status_code == 400


def test_enum_is_bound_as_an_iri(client: httpx.Client) -> None:
    r = client.get("/queries/label-search", params={"text": "budapest", "kind": "Office"})
    assert [b["label"]["value"] for b in r.json()["results"]["bindings"]] == ["ILO Office Budapest"]
    r = client.get("/queries/label-search", params={"text": "budapest", "kind": "Project"})
    assert r.json()["results"]["bindings"] == []


def test_openapi_has_one_typed_operation_per_query(client: httpx.Client) -> None:
    doc = client.get("/openapi.json").json()
    for query in load_catalogue(FIXTURE_QUERIES):
        op = doc["paths"][f"/queries/{query.name}"]["get"]
        assert op["summary"] == query.title
        params = {p["name"]: p for p in op["parameters"]}
        assert set(params) == {p.name for p in query.params} | {"format"}
    active = {p["name"]: p for p in doc["paths"]["/queries/active-projects"]["get"]["parameters"]}
    assert active["on"]["schema"] == {"type": "string", "format": "date", "default": "2021-06-01"}
    assert active["min_countries"]["schema"]["type"] == "integer"
    funder = doc["paths"]["/queries/projects-by-funder"]["get"]["parameters"][0]
    assert funder["required"] is True
    assert funder["schema"]["pattern"].startswith("^https://w3id\\.org/ilo\\-kg/id/organization/")
    kind = {p["name"]: p for p in doc["paths"]["/queries/label-search"]["get"]["parameters"]}["kind"]
    assert kind["schema"]["enum"] == ["Project", "Office", "Country"]
    content = doc["paths"]["/queries/country-graph"]["get"]["responses"]["200"]["content"]
    assert "text/turtle" in content
    assert client.get("/docs").status_code == 200


def test_the_routes_answer_as_fastapi_declares_them(client: httpx.Client) -> None:
    """``/queries/{name}`` is answered before FastAPI's router (web/hot.py) by the routes' own function:
    a query's name, a name with a suffix, an unknown name and a path FastAPI has no route for."""
    params = {"funder": "european-union"}
    plain = client.get("/queries/projects-by-funder", params=params, headers={"Accept": "text/csv"})
    suffixed = client.get("/queries/projects-by-funder.csv", params=params)
    assert plain.status_code == suffixed.status_code == 200
    assert plain.text == suffixed.text and "skills-for-jobs" in plain.text
    head = client.head("/queries/projects-by-funder.csv", params=params)
    assert head.status_code == 200 and head.content == b""
    assert head.headers["etag"] == suffixed.headers["etag"]
    assert client.get("/queries/projects-by-funder.nope", params=params).status_code == 404
    nested = client.get("/queries/projects-by-funder/more")
    assert nested.status_code == 404 and "no such page" in nested.text
    assert client.post("/queries/projects-by-funder").status_code == 405
