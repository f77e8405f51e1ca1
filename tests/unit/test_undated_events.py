"""Events a page states as done without a date of their own: recorded undated, reported by their item."""

from __future__ import annotations

import pytest
from rdflib import RDF, Graph, URIRef
from tests.conftest import ROOT

from ilo_kg.iris import DEFAULT_BASE_IRI, ILO, SCHEMA, Minter
from ilo_kg.link import Gazetteer
from ilo_kg.mapping import map_reference
from ilo_kg.mapping.page_events import states_no_time, told_as_done
from ilo_kg.mapping.pages import map_page
from ilo_kg.reference import load_reference
from ilo_kg.sources import extract_text
from ilo_kg.validate import load_shapes, validate

ISSUE = """Skopje Office Newsletter 2019 October

This issue reports on programme results and new projects in the region, and features fresh publications.

Read the full issue online

NOTE FROM THE EDITOR

The office had a busy autumn with two new projects and a new partner in the region. The office signed an \
agreement with the Organization for Security and Cooperation in Europe on labour migration. The ILO organizes \
trainings for labour inspectors. The ILO will sign an agreement with Armenia. “We met the employers of Kosovo,” \
said the director. After three years, staff of the office gathered for a workshop in Budapest.


Serbia and the ILO launched a project on youth employment
The ILO and the Government of Serbia launched a new project that helps young people find their first job.

Vocational training and education in Albania during the pandemic
Interview with the director of a vocational school in Albania about distance learning.

The ILO will launch a project on wages in Montenegro next year
The project will start in 2020 with the support of the EU.

Unions call for a conference on decent work in Moldova
The unions call on the Government to hold a national conference.

Bulgaria ratified the Minimum Wage Fixing Convention
Bulgaria ratified Convention No. 131 and joined the countries that fix minimum wages.

Employers invited to a meeting on skills in Georgia
Employers of Georgia are invited to a meeting on skills needs.
"""


def _graph() -> Graph:
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)
    graph = Graph()
    page = extract_text(ISSUE, "issue.txt")
    map_page(page, gz, minter, graph, sha256="0" * 64, file_name="sources/issue.txt")
    return graph


def _events(graph: Graph) -> dict[str, tuple[str | None, set[str]]]:
    """Event class -> (its date or None, the countries it is in)."""
    out = {}
    for ev, cls in graph.subject_objects(RDF.type):
        if isinstance(ev, URIRef) and "/event/" in str(ev) and str(cls).startswith(str(ILO)):
            when = graph.value(ev, SCHEMA.startDate)
            countries = {str(c).rsplit("/", 1)[-1] for c in graph.objects(ev, ILO.inCountry)}
            out[str(cls).rsplit("#", 1)[-1]] = (None if when is None else str(when), countries)
    return out


def test_a_newsletter_item_states_an_undated_event_its_item_reports() -> None:
    graph = _graph()
    events = _events(graph)
    assert events.pop("Publication") == ("2019-10", set())  # the issue itself
    # the interview is the item's own text; the training a headline names as a subject, the plan, the call,
    # the invitation and a ratification without its date are no events
    # the running text's signing, told as done with no time, is reported by the page; its present ("the ILO
    # organizes trainings"), plan ("will sign"), quotation and "after three years" state none
    assert events == {
        "ProjectLaunch": (None, {"SRB"}),
        "Interview": (None, {"ALB"}),
        "ProgrammeSigning": (None, set()),
    }
    (signing,) = graph.subjects(RDF.type, ILO.ProgrammeSigning)
    assert {(r, RDF.type, ILO.SourcePage) in graph for r in graph.subjects(ILO.reports, signing)} == {True}
    (launch,) = graph.subjects(RDF.type, ILO.ProjectLaunch)
    reporters = set(graph.subjects(ILO.reports, launch))
    assert reporters and all((r, RDF.type, ILO.NewsItem) in graph for r in reporters)


def test_undated_events_conform_to_the_shapes() -> None:
    graph = _graph() + map_reference(load_reference(ROOT / "data" / "reference"), Minter(DEFAULT_BASE_IRI))
    shapes = load_shapes(ROOT / "shapes")
    ontology = Graph().parse(ROOT / "ontology" / "ilo-kg.ttl")
    report = validate(graph, shapes, ontology)
    assert not [v for v in report.violations if "/event/" in v.focus], report.text()


@pytest.mark.parametrize(
    ("sentence", "no_time"),
    [
        ("The ILO and the Government of Serbia launched a new project.", True),
        ("Interview with the director of a vocational school.", True),
        ("A workshop on 14 October presented the results.", False),
        ("The conference took place in 2019.", False),
        ("The project starts next year.", False),
        ("The meeting is held on Monday.", False),
        ("The office will open soon.", False),
        ("The strategy was adopted last month.", False),
        ("In May the Government adopted the strategy.", False),
        ("The Ministry may adopt the strategy.", True),  # a modal, not a month (a plan is refused elsewhere)
    ],
)
def test_states_no_time(sentence: str, no_time: bool) -> None:
    assert states_no_time(sentence) is no_time


@pytest.mark.parametrize(
    ("sentence", "done"),
    [
        ("The ILO trained 40 inspectors.", True),
        ("A training was held for labour inspectors.", True),
        ("The Ministry has signed the agreement.", True),
        ("Vocational training and education in Ukraine during times of war", False),
        ("The ILO organizes trainings for inspectors.", False),
        ("Training needs of employers", False),
    ],
)
def test_told_as_done(sentence: str, done: bool) -> None:
    assert told_as_done(sentence) is done


TWO_ITEMS = """Tbilisi Office Newsletter 2020 May

This issue reports on programme results and new projects in the region, and features fresh publications.

A guide for labour inspectors in Georgia
The ILO and the State Labour Inspectorate of Georgia published a guide for inspectors.

A study of informal work in Georgia
The ILO published a study of informal work in Georgia.
"""


def test_two_undated_items_report_two_events() -> None:
    """With no day to tell them apart, each item's undated event is its own (never one merged event)."""
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)
    graph = Graph()
    map_page(
        extract_text(TWO_ITEMS, "two.txt"), gz, minter, graph, sha256="0" * 64, file_name="sources/two.txt"
    )
    undated = [
        ev for ev in graph.subjects(RDF.type, ILO.Publication) if (ev, SCHEMA.startDate, None) not in graph
    ]
    assert len(undated) == 2
    assert all(len(set(graph.subjects(ILO.reports, ev))) == 1 for ev in undated)


TEASERS = """ILO Office in Utopia

  • Unionists from many countries visited the Office

    A delegation of 27 unionists from 26 countries visited the ILO Office in Turkey on 18 April 2017.

  • World Day for Safety and Health at Work 2017

    The World Day for Safety and Health at Work is celebrated on 28 April 2017 in every country.

  • A conference on skills in Georgia

    The ILO will hold a conference on skills in Tbilisi on 3 May 2017.

  • A training programme in Ankara

    Trade unionists attended a training programme in Ankara that started on April 1st.
"""


def test_an_undated_item_dates_an_event_by_its_sentence_s_own_full_date() -> None:
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)
    graph = Graph()
    page = extract_text(TEASERS, "teasers.txt")
    assert [n.published for n in page.news] == [None, None, None, None]
    map_page(page, gz, minter, graph, sha256="0" * 64, file_name="sources/teasers.txt")
    dated = sorted(
        (str(graph.value(e, SCHEMA.name)), str(d))
        for e, d in graph.subject_objects(SCHEMA.startDate)
        if (None, ILO.reports, e) in graph
    )
    # told as done with a day and a year: dated by it; the present, the future and a day without its
    # year give no date (the present tense and the future no event at all)
    assert dated == [("Meeting: Unionists from many countries visited the Office", "2017-04-18")]
