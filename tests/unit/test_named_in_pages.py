"""Page text -> records -> the page's graph: governments named by their country, coverage in passing."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from tests.conftest import ROOT

from ilo_kg.iris import ILO, SKOS, Minter
from ilo_kg.link import Gazetteer, learn_pages
from ilo_kg.mapping.pages import map_page
from ilo_kg.reference import load_reference
from ilo_kg.sources import extract_text
from ilo_kg.textfacts import government_names

BASE = "https://w3id.org/ilo-kg/"
ID = BASE + "id/"


def mapped(text: str) -> Graph:
    minter = Minter(BASE)
    gz = Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)
    page = extract_text(text, "100_test.txt")
    learn_pages(gz, [page])
    graph = Graph()
    map_page(page, gz, minter, graph, sha256="0" * 64, file_name="sources/100_test.txt")
    return graph


def labels(graph: Graph, iri: str) -> set[str]:
    return {str(o) for o in graph.objects(URIRef(iri), SKOS.prefLabel)} | {
        str(o) for o in graph.objects(URIRef(iri), SKOS.altLabel)
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Government of Serbia and the ILO met.", [("Government of Serbia", "Serbia")]),
        (
            "In April 2018, the Macedonian Government adopted a strategy.",
            [("Macedonian Government", "Macedonian")],
        ),
        ("the UK Government for Montenegro", [("UK Government", "UK")]),
        ("A Government of national unity was formed.", []),  # no country
        ("The government decided to extend the scheme.", []),  # which government, the text does not say
    ],
)
def test_government_names(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(g.surface, g.country) for g in government_names(text)] == expected


def test_a_government_named_by_its_country_is_that_government() -> None:
    graph = mapped(
        "Title of the page\n\nThe report published this spring found that the Uzbek government reformed the way "
        "the cotton sector recruits its pickers. The Government of Bangladesh and the Belgian government joined "
        "the compact on factory safety. The Heads of State and Government met in Brussels.\n"
    )
    uzbek = ID + "organization/government-of-uzbekistan"
    assert "Uzbek government" in labels(graph, uzbek) and (URIRef(uzbek), ILO.discovered, None) in graph
    assert "Government of Bangladesh" in labels(graph, ID + "organization/government-of-bangladesh")
    assert "Belgian government" in labels(graph, ID + "organization/government-of-belgium")
    governments = {str(o) for o in graph.objects(None, ILO.mentions) if "government" in str(o)}
    assert governments == {
        uzbek,
        ID + "organization/government-of-bangladesh",
        ID + "organization/government-of-belgium",
    }


def test_countries_named_in_passing_are_covered_and_cities_are_not() -> None:
    graph = mapped(
        "Countries covered\n\nDWT/CO-Budapest serves 18 countries in Central and Eastern Europe from the Baltic "
        "States to Albania, from the Czech Republic to Ukraine. ILO National Coordinators work in Albania, "
        "Serbia and Ukraine.\n"
    )
    office = URIRef(ID + "office/dwt-co-budapest")
    covered = {str(o).rsplit("/", 1)[-1] for o in graph.objects(office, ILO.covers)}
    assert covered == {"ALB", "CZE", "UKR", "SRB"}  # the range's ends and the coordinators' countries
    assert {int(o) for o in graph.objects(office, ILO.countryCount)} == {18}
    graph = mapped(
        "About us\n\nThe ILO Regional Office covers 51 countries from Lisbon to Vladivostok. ILO National "
        "Coordinators work in Albania and Serbia.\n"
    )
    assert not list(graph.objects(None, ILO.covers))  # cities, and no count of the coordinators' office


def test_a_joint_name_and_look_alike_letters_name_the_bodies_in_them() -> None:
    graph = mapped(
        "News of the office\n\nMany young Albanian workers are returning home after losing their jobs abroad. "
        "An ILO-UNDP project helped them find work at home in the towns of the north. The Statе Duma recommends "
        "to ratify the Convention No. 181 on private employment agencies, which the government submitted last "
        "year.\n"
    )
    mentioned = {str(o) for o in graph.objects(None, ILO.mentions)}
    assert ID + "organization/undp" in mentioned  # "ILO-UNDP"
    assert ID + "organization/state-duma" in mentioned  # "Statе" typed with a Cyrillic "е"


def test_words_in_one_script_are_not_read_as_another() -> None:
    graph = mapped(
        "News of the office\n\nThe report was published in Russian as «Государственная Дума» and discussed by "
        "employers and workers of the region at a meeting in Moscow with many participants and guests from the "
        "ministries, the trade unions and the employers' organizations of the countries of the region.\n"
    )
    assert ID + "organization/state-duma" not in {str(o) for o in graph.objects(None, ILO.mentions)}


def test_no_second_resource_for_a_body_the_text_names_otherwise() -> None:
    graph = mapped(
        "News of the office\n\nILO and ELA joined forces against undeclared work. The workshop organised by the "
        "International Labour Organization (ILO) and the European Labour Authority (ELA) gave recommendations. "
        "The New Climate Action for Jobs Board calls for a recovery. ILO CEE signed an agreement with the "
        "Organization for Security and Cooperation in Europe (OSCE) on labour migration.\n"
    )
    discovered = {str(s) for s in graph.subjects(ILO.discovered, None)}
    assert discovered == set()  # not "ELA", "Jobs Board" nor "Organization for Security and Cooperation"
    assert "ELA" in labels(graph, ID + "organization/european-labour-authority")  # spelled out by the page
