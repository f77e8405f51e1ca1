"""The media-type table, content negotiation and the result serialisers."""

from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
import rdflib

from ilo_kg.engine.contract import Result
from ilo_kg.formats import (
    FORMATS,
    GRAPH_FORMATS,
    RESULT_FORMATS,
    Format,
    NotAcceptable,
    Plan,
    UnknownFormat,
    choose,
    find,
    formats_for,
    negotiate,
    serialize,
)

XSD = "http://www.w3.org/2001/XMLSchema#"
EX = "https://w3id.org/ilo-kg/id/"


def fmt(name: str) -> Format:
    found = find(name)
    assert found is not None
    return found


# --- the table -------------------------------------------------------------------------------


def test_table_is_unique_by_name_suffix_and_media_type() -> None:
    assert len({f.name for f in FORMATS}) == len(FORMATS)
    assert len({f.suffix for f in FORMATS}) == len(FORMATS)
    assert len({f.media_type for f in FORMATS}) == len(FORMATS)


@pytest.mark.parametrize(
    ("token", "name"),
    [
        ("json", "json"),
        ("ttl", "turtle"),
        ("text/turtle", "turtle"),
        ("nt", "ntriples"),
        (".jsonld", "jsonld"),
        ("rdf", "rdfxml"),
        ("trig", "trig"),
        ("nq", "nquads"),
        ("html", "html"),
        ("text/csv", "csv"),
    ],
)
def test_find_by_name_suffix_or_media_type(token: str, name: str) -> None:
    assert fmt(token).name == name


def test_graph_formats_map_to_oxigraph() -> None:
    for f in GRAPH_FORMATS:
        assert f.rdf_format.media_type == (f.written_as or f.media_type)


# --- negotiation ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (None, "json"),
        ("", "json"),
        ("*/*", "json"),
        ("text/csv", "csv"),
        ("application/json", "json"),
        ("text/*", "csv"),  # first text/* format in table order
        ("text/csv;q=0.5, text/tab-separated-values", "tsv"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.5", "csv"),  # tie -> table order
        ("application/sparql-results+xml;charset=utf-8", "xml"),
        ("*/*;q=0.1, text/csv;q=0.9", "csv"),
        ("*/*, application/sparql-results+json;q=0", "xml"),  # q=0 excludes
        ("text/*;q=0.9, text/csv;q=0", "tsv"),
        ("TEXT/CSV", "csv"),
        ("garbage, text/csv", "csv"),
    ],
)
def test_negotiate_results(accept: str | None, expected: str) -> None:
    chosen = negotiate(accept, RESULT_FORMATS)
    assert chosen is not None and chosen.name == expected


@pytest.mark.parametrize("accept", ["image/png", "text/turtle", "application/json;q=0", "*/*;q=0"])
def test_negotiate_nothing_acceptable_is_none(accept: str) -> None:
    candidates = RESULT_FORMATS if accept != "application/json;q=0" else RESULT_FORMATS[:1]
    assert negotiate(accept, candidates) is None


def test_browser_accept_gets_html_and_wildcard_never_does() -> None:
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert negotiate(browser, formats_for("select", html=True)).name == "html"  # type: ignore[union-attr]
    assert negotiate("*/*", formats_for("construct", html=True)).name == "turtle"  # type: ignore[union-attr]
    assert negotiate("application/json", formats_for("construct")).name == "jsonld"  # type: ignore[union-attr]


def test_format_override_wins_over_absent_or_wildcard_accept() -> None:
    assert choose(None, "csv", RESULT_FORMATS).name == "csv"  # type: ignore[union-attr]
    assert choose("*/*", "tsv", RESULT_FORMATS).name == "tsv"  # type: ignore[union-attr]
    assert choose("text/*;q=0.5, */*;q=0.1", "json", RESULT_FORMATS).name == "json"  # type: ignore[union-attr]


def test_format_override_wins_over_unsatisfiable_accept() -> None:
    assert choose("image/png", "csv", RESULT_FORMATS).name == "csv"  # type: ignore[union-attr]


def test_explicit_satisfiable_accept_outranks_format_override() -> None:
    assert choose("text/csv", "json", RESULT_FORMATS).name == "csv"  # type: ignore[union-attr]
    assert choose("image/png, text/tab-separated-values;q=0.2", "json", RESULT_FORMATS).name == "tsv"  # type: ignore[union-attr]


def test_unknown_format_override_names_what_is_offered() -> None:
    with pytest.raises(UnknownFormat, match="json, xml, csv, tsv"):
        choose(None, "yaml", RESULT_FORMATS)
    with pytest.raises(UnknownFormat):
        choose(None, "turtle", RESULT_FORMATS)  # a graph format for a SELECT


# --- serialisers -------------------------------------------------------------------------------

ROWS = Result(
    kind="select",
    variables=("s", "label", "n", "b"),
    rows=(
        (
            ox.NamedNode(EX + "project/a"),
            ox.Literal('Say "hi", then\ttab\nnew', language="en"),
            ox.Literal("3", datatype=ox.NamedNode(XSD + "integer")),
            ox.BlankNode("b0"),
        ),
        (ox.NamedNode(EX + "project/b?x=1&y=2"), ox.Literal("plain"), None, None),
    ),
)


def oxigraph_reference(result: Result, name: str, fmt_: ox.QueryResultsFormat) -> list[dict[str, object]]:
    """Parse our bytes back with Oxigraph's W3C parser: proves the output reads per the spec."""
    parsed = ox.parse_query_results(serialize(result, fmt(name)), format=fmt_)
    assert isinstance(parsed, ox.QuerySolutions)
    return [{v.value: s[v] for v in parsed.variables} for s in parsed]


def expected_rows() -> list[dict[str, object]]:
    return [{v: t for v, t in zip(ROWS.variables, row, strict=True)} for row in ROWS.rows]


@pytest.mark.parametrize("name", ["json", "xml", "tsv"])
def test_result_formats_round_trip_through_oxigraph(name: str) -> None:
    fmt_ = {
        "json": ox.QueryResultsFormat.JSON,
        "xml": ox.QueryResultsFormat.XML,
        "tsv": ox.QueryResultsFormat.TSV,
    }[name]
    assert oxigraph_reference(ROWS, name, fmt_) == expected_rows()


def test_json_follows_the_spec() -> None:
    doc = json.loads(serialize(ROWS, fmt("json")))
    assert doc["head"] == {"vars": ["s", "label", "n", "b"]}
    first, second = doc["results"]["bindings"]
    assert first["label"] == {"type": "literal", "value": 'Say "hi", then\ttab\nnew', "xml:lang": "en"}
    assert first["n"] == {"type": "literal", "value": "3", "datatype": XSD + "integer"}
    assert first["b"] == {"type": "bnode", "value": "b0"}
    assert second == {
        "s": {"type": "uri", "value": EX + "project/b?x=1&y=2"},
        "label": {"type": "literal", "value": "plain"},
    }
    assert "truncated" not in doc


def test_csv_uses_plain_lexical_values_and_crlf() -> None:
    body = serialize(ROWS, fmt("csv")).decode()
    assert body.startswith("s,label,n,b\r\n")
    rows = list(csv.reader(io.StringIO(body, newline="")))
    assert rows[1] == [EX + "project/a", 'Say "hi", then\ttab\nnew', "3", "_:b0"]
    assert rows[2] == [EX + "project/b?x=1&y=2", "plain", "", ""]


def test_tsv_uses_ntriples_terms() -> None:
    lines = serialize(ROWS, fmt("tsv")).decode().split("\n")
    assert lines[0] == "?s\t?label\t?n\t?b"
    assert lines[1].split("\t") == [
        f"<{EX}project/a>",
        '"Say \\"hi\\", then\\ttab\\nnew"@en',
        f'"3"^^<{XSD}integer>',
        "_:b0",
    ]
    assert lines[2].split("\t") == [f"<{EX}project/b?x=1&y=2>", '"plain"', "", ""]


@pytest.mark.parametrize(("value", "text"), [(True, "true"), (False, "false")])
def test_ask_results(value: bool, text: str) -> None:
    ask = Result(kind="ask", boolean=value)
    assert json.loads(serialize(ask, fmt("json"))) == {"head": {}, "boolean": value}
    parsed = ox.parse_query_results(serialize(ask, fmt("xml")), format=ox.QueryResultsFormat.XML)
    assert bool(parsed) is value
    assert serialize(ask, fmt("csv")).decode().splitlines()[1] == text


def test_truncation_is_said_in_json_and_xml_bodies() -> None:
    cut = Result(kind="select", variables=("s",), rows=((ox.NamedNode(EX + "x"),),), truncated=True)
    assert json.loads(serialize(cut, fmt("json")))["truncated"] is True
    xml = serialize(cut, fmt("xml"))
    assert b"truncated" in xml
    assert len(list(ox.parse_query_results(xml, format=ox.QueryResultsFormat.XML))) == 1  # still valid


TRIPLES = Result(
    kind="construct",
    triples=(
        ox.Triple(
            ox.NamedNode(EX + "project/a"),
            ox.NamedNode("https://schema.org/name"),
            ox.Literal("A", language="en"),
        ),
        ox.Triple(
            ox.NamedNode(EX + "project/a"),
            ox.NamedNode("https://schema.org/funder"),
            ox.NamedNode(EX + "organization/eu"),
        ),
    ),
)


@pytest.mark.parametrize("name", ["turtle", "ntriples", "rdfxml", "trig", "nquads", "jsonld"])
def test_graph_formats_round_trip(name: str) -> None:
    f = fmt(name)
    body = serialize(TRIPLES, f)
    back = {q.triple for q in ox.parse(body, format=f.rdf_format)}
    assert back == set(TRIPLES.triples)


def test_jsonld_is_compacted_with_the_given_context() -> None:
    context = {"schema": "https://schema.org/", "name": {"@id": "schema:name", "@language": "en"}}
    doc = json.loads(serialize(TRIPLES, fmt("jsonld"), context=context))
    assert doc["@context"] == context
    assert "name" in json.dumps(doc) and "https://schema.org/name" not in json.dumps(doc)
    graph = rdflib.Graph().parse(data=json.dumps(doc), format="json-ld")
    assert len(graph) == 2


def test_kind_and_format_must_agree() -> None:
    with pytest.raises(ValueError, match="graph result"):
        serialize(TRIPLES, fmt("csv"))
    with pytest.raises(ValueError, match="SELECT"):
        serialize(ROWS, fmt("turtle"))
    with pytest.raises(ValueError, match="page format"):
        serialize(ROWS, fmt("html"))


# --- the row's columns and the plan ------------------------------------------------------------


def test_every_result_and_graph_row_carries_its_writer_and_w3c_iri() -> None:
    for row in (*RESULT_FORMATS, *GRAPH_FORMATS):
        assert row.iri is not None and row.iri.startswith("http://www.w3.org/ns/formats/"), row.name
        assert (row.write_results is not None) == (row.kind == "results"), row.name
        assert (row.write_graph is not None) == (row.kind == "graph"), row.name
    assert len({row.iri for row in (*RESULT_FORMATS, *GRAPH_FORMATS)}) == len(RESULT_FORMATS) + len(
        GRAPH_FORMATS
    )


@pytest.mark.parametrize(
    ("name", "header"),
    [
        ("json", "application/sparql-results+json"),
        ("csv", "text/csv; charset=utf-8"),
        ("turtle", "text/turtle; charset=utf-8"),
        ("ntriples", "application/n-triples; charset=utf-8"),
        ("trig", "application/trig; charset=utf-8"),
        ("nquads", "application/n-quads"),
        ("jsonld", "application/ld+json"),
        ("html", "text/html; charset=utf-8"),
    ],
)
def test_the_charset_column_makes_the_content_type(name: str, header: str) -> None:
    assert fmt(name).content_type == header


def test_only_json_ld_takes_the_published_context() -> None:
    assert [row.name for row in FORMATS if row.context] == ["jsonld"]


def test_a_plan_gives_each_kind_its_format_and_the_engine_what_it_may_write() -> None:
    plan = Plan.negotiate("application/ld+json, application/sparql-results+xml;q=0.9")
    assert plan.format_for("select").name == "xml"
    assert plan.format_for("ask").name == "xml"
    assert plan.format_for("construct").name == "jsonld"
    # JSON-LD is compacted with the published context, which the web process holds: never the engine's
    assert plan.engine_formats() == {"select": "xml", "ask": "xml"}


def test_a_plan_with_nothing_acceptable_for_a_kind_is_a_406_for_that_kind_only() -> None:
    plan = Plan.negotiate("text/turtle")
    assert plan.format_for("construct").name == "turtle"
    with pytest.raises(NotAcceptable, match="available: application/sparql-results"):
        plan.format_for("select")
    assert plan.engine_formats() == {"construct": "turtle"}


def test_a_plan_reads_the_format_parameters_of_standard_clients() -> None:
    plan = Plan.negotiate("*/*", ["rdf+xml", "application/rdf+xml"])
    assert plan.format_for("construct").name == "rdfxml"
    assert plan.format_for("select").name == "json"  # RDF/XML names no result format: Accept decides
    with pytest.raises(UnknownFormat, match="different formats"):
        Plan.negotiate(None, ["csv", "tsv"])
    with pytest.raises(UnknownFormat, match="unknown format"):
        Plan.negotiate(None, ["yaml"])
