"""Newsletter issues: unnumbered headlines over summaries, dated by the issue's month, through the real build."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tests.conftest import ID, project_root, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.records import PageKind
from ilo_kg.sources import extract_text
from ilo_kg.sources.newsletter import issue_month

ISSUE = """Skopje Office Newsletter 2019 October

This issue reports on programme results and new projects in the region, and features fresh publications.

Read the full issue online

NOTE FROM THE EDITOR

The office had a busy autumn with two new projects and a new partner in the region. The office started another project on activating women for the labour market in Montenegro with support of the EU.


Georgia and the ILO look back on ten years of labour inspection reform
The ILO and the State Labour Inspectorate of Georgia came through with a new inspection manual in Tbilisi.

Employers in Moldova survey their members on skills needs

With ILO support, the National Confederation of Employers of Moldova surveyed 300 companies. A workshop on 14 October presented the results in Chisinau.

The ILO and the Albanian Chamber of Crafts join forces for young apprentices

World Employment and Social Outlook: Trends 2019

Skills for a greener economy: a guide for trainers (with country examples)

NEW RESULTS

Belgian government and ILO to promote youth employment in Katanga
The partners will present a joint programme in Lubumbashi.

A study tour for Serbian inspectors
Inspectors from Serbia visited Denmark and met the Danish Working Environment Authority in Copenha
"""


@pytest.mark.parametrize(
    ("title", "month"),
    [
        ("ILO Budapest Newsletter 2023 March", date(2023, 3, 1)),
        ("Newsletter of the ILO Office, September 2021", date(2021, 9, 1)),
        ("ILO Newsletter no. 4, June 2018", date(2018, 6, 1)),
        ("News room", None),
        ("ILO Budapest Newsletter", None),  # no issue month
        ("March 2023 press releases", None),  # a month, but no newsletter
    ],
)
def test_the_issue_month_from_the_title(title: str, month: date | None) -> None:
    assert issue_month(title) == month


def test_headlines_over_summaries_are_the_issues_news() -> None:
    page = extract_text(ISSUE, "issue.txt")
    assert page.kind is PageKind.NEWSLETTER
    headlines = [n.headline for n in page.news]
    assert headlines == [
        "Georgia and the ILO look back on ten years of labour inspection reform",
        "Employers in Moldova survey their members on skills needs",
        "The ILO and the Albanian Chamber of Crafts join forces for young apprentices",
        "Belgian government and ILO to promote youth employment in Katanga",
        "A study tour for Serbian inspectors",
    ]
    assert {(n.published, n.precision) for n in page.news} == {(date(2019, 10, 1), "month")}
    assert page.news[1].summary.startswith("With ILO support")
    assert page.news[2].summary == ""  # a headline in a run, read as a sentence ("join forces")
    assert page.news[-1].truncated  # cut off with the page
    # the introduction, the editor's note and a linked resource's title stay the page's own text (no
    # item's summary is read twice); calls to action and section headings in capitals are not news
    texts = [p.text[:20] for p in page.paragraphs]
    assert texts == ["This issue reports o", "The office had a bus", "Skills for a greener"]


def test_a_page_with_dated_items_is_no_newsletter() -> None:
    listing = """Newsletter archive 2019 October

  1. Georgia reforms labour inspection

    12 October 2019

    The ILO and Georgia presented a manual.
"""
    assert extract_text(listing, "listing.txt").kind is PageKind.NEWS_LISTING


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("newsletter")
    project_root(root, {"100_issue.txt": ISSUE})
    build(Settings(root=root, output=root / "dist"))
    with OxigraphStore.open(Path(root / "dist" / "store"), workers=0) as store:
        yield store


def test_an_item_dated_by_month_is_a_year_and_month(kg) -> None:
    rows = values(
        kg,
        """SELECT ?n ?d (DATATYPE(?d) AS ?t) WHERE { ?n a ilo:NewsItem ; schema:datePublished ?d ;
             schema:headline ?h FILTER(STRSTARTS(STR(?h), "Employers in Moldova")) }""",
    )
    assert rows == [
        (
            ID + "news/2019-10-employers-in-moldova-survey-their-members-on-skills-needs",
            "2019-10",
            "http://www.w3.org/2001/XMLSchema#gYearMonth",
        )
    ]


def test_a_month_dates_no_event_to_an_invented_day(kg) -> None:
    days = values(kg, "SELECT DISTINCT ?d WHERE { ?e a/rdfs:subClassOf* ilo:Event ; schema:startDate ?d }")
    # the workshop's sentence gives its day, the issue is a publication of its month; "Inspectors ...
    # visited Denmark and met ..." gives none: that meeting has no date at all, never an invented day
    assert sorted(days) == [("2019-10",), ("2019-10-14",)]
    undated = values(
        kg,
        """SELECT DISTINCT ?e WHERE { ?e a/rdfs:subClassOf* ilo:Event ; schema:name ?l
             FILTER NOT EXISTS { ?e schema:startDate ?d } FILTER(CONTAINS(?l, "Serbian inspectors")) }""",
    )
    assert undated == [(ID + "event/2019-10-meeting-srb-dnk-a-study-tour-for-serbian-inspectors",)]


def test_partners_of_newsletter_items_are_stated_not_planned(kg) -> None:
    rows = values(
        kg,
        """SELECT ?h ?name WHERE { ?n a ilo:NewsItem ; schema:headline ?h ; ilo:partner ?o .
             ?o skos:prefLabel ?name } ORDER BY ?h""",
    )
    partners = {(h.split()[0], name) for h, name in rows}
    assert ("Georgia", "State Labour Inspectorate of Georgia") in partners
    assert not any(h == "Belgian" for h, _ in partners)  # "to promote": a plan


def test_a_project_of_the_running_text_with_its_funder(kg) -> None:
    rows = values(
        kg,
        """SELECT ?p ?f WHERE { ?p a ilo:Project ; ilo:fundedBy ?f }""",
    )
    assert rows == [
        (
            ID + "project/project-on-activating-women-for-the-labour-market-in-montenegro",
            ID + "organization/european-union",
        )
    ]
