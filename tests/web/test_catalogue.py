"""The canned-query catalogue (pure core): headers, typed binding, clear errors."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from web_support import FIXTURE_QUERIES

from ilo_kg.queries import CatalogueError, ParameterError, UnknownQuery, load_catalogue, parse_query_text

XSD = "http://www.w3.org/2001/XMLSchema#"


def test_fixture_catalogue_loads() -> None:
    catalogue = load_catalogue(FIXTURE_QUERIES)
    assert [q.name for q in catalogue] == [
        "active-projects",
        "country-graph",
        "label-search",
        "projects-by-funder",
    ]
    assert catalogue.get("country-graph").kind == "construct"
    with pytest.raises(UnknownQuery, match="known: active-projects"):
        catalogue.get("nope")
    assert len(load_catalogue(Path("/nonexistent"))) == 0


def test_terms_are_typed() -> None:
    q = load_catalogue(FIXTURE_QUERIES).get("active-projects")
    b = q.bind({"on": "2020-02-29", "min_countries": "+3"})
    assert b["on"] == ox.Literal("2020-02-29", datatype=ox.NamedNode(XSD + "date"))
    assert b["min_countries"] == ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))
    assert q.bind({})["on"].value == "2021-06-01"  # the default


@pytest.mark.parametrize(
    ("header", "needle"),
    [
        ("#+ title: [unclosed", "not valid YAML"),
        ("#+ description: no title", "needs a 'title'"),
        ("#+ title: T\n#+ params: {x: {type: float}}", "type must be one of"),
        ("#+ title: T\n#+ params: {x: {type: enum}}", "non-empty 'values'"),
        ("#+ title: T\n#+ params: {unused: {type: string}}", r"not used as \?unused"),
        ("#+ title: T\n#+ params: {x: {type: integer, default: abc}}", "default"),
        ("#+ title: T\n#+ colour: red", "unknown header key"),
        ("#+ title: T\n#+ params: {format: {type: string}}", "reserved"),
    ],
)
def test_bad_headers_name_the_file(header: str, needle: str) -> None:
    with pytest.raises(CatalogueError, match=needle) as info:
        parse_query_text("bad", header + "\nSELECT ?x WHERE { ?s ?p ?x }", path=Path("queries/bad.rq"))
    assert "queries/bad.rq" in str(info.value)


def test_bad_sparql_and_updates_name_the_file() -> None:
    with pytest.raises(CatalogueError, match=r"bad\.rq.*syntax error"):
        parse_query_text("bad", "#+ title: T\nSELECT ?x WHERE {", path=Path("bad.rq"))
    with pytest.raises(CatalogueError, match="Update"):
        parse_query_text("bad", "#+ title: T\nINSERT DATA { <urn:a> <urn:b> <urn:c> }", path=Path("bad.rq"))


def test_parameter_errors() -> None:
    q = load_catalogue(FIXTURE_QUERIES).get("projects-by-funder")
    with pytest.raises(ParameterError) as info:
        q.bind({"funder": "https://evil.example/x"})
    assert info.value.name == "funder"
    with pytest.raises(ParameterError, match="required"):
        q.bind({})
    with pytest.raises(ParameterError, match="unknown parameter"):
        q.bind({"funder": "european-union", "x": "1"})
