"""Undated teasers of home and country pages: news items with no date, never an invented one."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import ID, project_root, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.sources import extract_text
from ilo_kg.textfacts import programme_title

BULLETED = """ILO Office in Armenia

  • Our thoughts are with the victims of the Yerevan floods

    The ILO is deeply saddened by the floods that claimed many lives in the region. The Government of \
Armenia and the ILO opened a relief centre in Yerevan. ARMSTAT and ILO published a survey of the damage.

  • Employment and Gender Equality

    Investment in child-care centres would boost employment in Armenia

    Public spending on early childhood care creates jobs for women, according to a new report.

  • Unionists from all over the world visited the ILO Office in Armenia

    A delegation of 27 unionists from 26 countries visited the Office, organized by the ILO and UNICEF.
"""

NUMBERED = """Belgium

In Belgium, the ILO is represented by the ILO Office in Brussels.

  1. ILO and Belgium reiterated commitment to promoting decent work

    At a consultation in Brussels, the ILO and the social partners underlined the role of decent work.

  2. Belgian government and ILO to promote youth employment in Katanga

  3. ILO-Belgium partnership on reinforcing social dialogue in the Maghreb

    The ILO Office and tripartite delegations launched a partnership on social dialogue.
"""


def test_bulleted_teasers_with_their_categories() -> None:
    page = extract_text(BULLETED, "home.txt")
    assert [(n.category, n.headline, n.published) for n in page.news] == [
        (None, "Our thoughts are with the victims of the Yerevan floods", None),
        (
            "Employment and Gender Equality",
            "Investment in child-care centres would boost employment in Armenia",
            None,
        ),
        (None, "Unionists from all over the world visited the ILO Office in Armenia", None),
    ]
    assert page.news[1].summary.startswith("Public spending")
    assert page.paragraphs == ()  # every paragraph is a teaser's text


def test_numbered_teasers_without_dates() -> None:
    page = extract_text(NUMBERED, "belgium.txt")
    assert [n.headline for n in page.news] == [
        "ILO and Belgium reiterated commitment to promoting decent work",
        "Belgian government and ILO to promote youth employment in Katanga",
        "ILO-Belgium partnership on reinforcing social dialogue in the Maghreb",
    ]
    assert all(n.published is None for n in page.news)


@pytest.mark.parametrize(
    "text",
    [
        # a plain bulleted list: one line an entry, no summary
        "Priorities\n\n  • Communication and visibility\n  • Representation and partnerships\n"
        "  • Resource mobilization\n\nThe office works on these priorities with the social partners in Lisbon.\n",
        # an address block and a link: numbered, but no entry has a summary ending a sentence
        "Contact us\n\nThe office is open on weekdays from nine to five for all visitors and partners.\n\n"
        "  1. ILO Office for the European Union and the Benelux countries\n    Rue Aime Smekens 40\n"
        "    B-1030 BRUSSELS\n    Tel. : + 32 (0)2 736 59 42\n\n  2. How to reach the ILO-Brussels Office\n",
        # one entry is a sentence, not a headline: the list is something else
        "Our work\n\nThe office works with the social partners of the region on many subjects every year.\n\n"
        "  1. Employment policy and labour markets\n\n    The office advises governments.\n\n"
        "  2. The office also supports the social partners in the region.\n\n    It trains them.\n",
    ],
)
def test_no_teasers_in_lists_that_are_not_news(text: str) -> None:
    text += (
        "\nThe office serves the constituents of the country and works with the government, the employers "
        "and the workers on the priorities of the Decent Work Country Programme and on labour standards.\n"
    )
    assert extract_text(text, "page.txt").news == ()


PROGRAMME = """ILO's Refugee Response Programme

Turkey hosts the largest number of refugees in the world, and the ILO supports their access to decent work.

Within the scope of this strategy, the ILO has been implementing seven projects. Two are funded by \
Norway, and two by the Government of Kuwait. A new phase will be funded by Japan.
"""


@pytest.mark.parametrize(
    ("title", "programme"),
    [
        ("ILO's Refugee Response", True),
        ("ILO’s Refugee Response Programme", True),
        ("More and Better Jobs for Women Programme", True),
        ("Decent Work Country Programme", False),
        ("Policy areas", False),
        ("About the ILO in Ukraine", False),
    ],
)
def test_a_title_that_names_a_programme(title: str, programme: bool) -> None:
    assert programme_title(title) is programme


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("teasers")
    project_root(root, {"100_home.txt": BULLETED})
    (root / "data" / "sources" / "101_programme.txt").write_text(PROGRAMME)
    build(Settings(root=root, output=root / "dist"))  # the shapes accept a news item with no date
    with OxigraphStore.open(Path(root / "dist" / "store"), workers=0) as store:
        yield store


def test_an_undated_teaser_has_no_date_and_reports_only_undated_events(kg) -> None:
    rows = values(
        kg, "SELECT ?n WHERE { ?n a ilo:NewsItem FILTER NOT EXISTS { ?n schema:datePublished ?d } }"
    )
    assert (ID + "news/unionists-from-all-over-the-world-visited-the-ilo",) in rows
    assert len(rows) == 3
    # what an undated teaser states as done has no date: the item reporting it is all that bounds it
    reported = values(
        kg,
        """SELECT ?h ?e ?d WHERE { ?n schema:headline ?h ; ilo:reports ?e
             FILTER NOT EXISTS { ?n schema:datePublished ?p } OPTIONAL { ?e schema:startDate ?d } }
           ORDER BY ?e""",
    )
    assert [(h.split()[0], e.rsplit("/", 1)[-1], d) for h, e, d in reported] == [
        ("Our", "undated-launch-arm-our-thoughts-are-with-the-victims", None),  # "opened a relief centre"
        ("Unionists", "undated-meeting-arm-unionists-from-all-over-the-world", None),  # "visited the Office"
        ("Investment", "undated-publication-arm-investment-in-child-care-centres-would-boost", None),
        ("Our", "undated-publication-our-thoughts-are-with-the-victims", None),  # "published a survey"
    ]
    partners = values(kg, "SELECT ?o WHERE { ?n a ilo:NewsItem ; ilo:partner ?o } ORDER BY ?o")
    # "the Government of Armenia and the ILO": the country's government, never the country
    assert partners == [
        (ID + "organization/armstat",),  # an acronym joined to the ILO's: a body, discovered
        (ID + "organization/government-of-armenia",),
        (ID + "organization/unicef",),
    ]
    assert values(kg, f"SELECT ?d WHERE {{ <{ID}organization/armstat> ilo:discovered ?d }}") == [("true",)]


def test_the_funders_of_a_programme_page_are_the_programme_s(kg) -> None:
    rows = values(kg, "SELECT ?p ?f WHERE { ?p ilo:fundedBy ?f } ORDER BY ?f")
    programme = ID + "project/ilo-s-refugee-response-programme"
    assert rows == [
        (programme, ID + "organization/government-of-kuwait"),
        (programme, ID + "organization/government-of-norway"),
    ]  # "will be funded by Japan": a plan, no funder


STACKED = """The ILO Office for the European Union

  1. European Parliament hearing

    Corporate responsibility complements labour standards

    24 September 2014

    Speaking at a European Parliament hearing, the Deputy Director-General stressed regulation.

Sustainability Compact for Bangladesh
ILO Deputy Director-General calls for further improvements in textile factories.
© Thierry Roge 2014
Street interviews with Brussels youth
The ILO-Brussels interviewed Brussels youth about their jobs and studies.
Green economy
ILO Director-General calls on EU ministers to align policies for sustainable development.
"""


def test_a_run_of_line_by_line_teasers_beside_dated_items() -> None:
    page = extract_text(STACKED, "home.txt")
    assert [(n.headline, n.published is None, n.credit) for n in page.news] == [
        ("Corporate responsibility complements labour standards", False, None),
        ("Sustainability Compact for Bangladesh", True, "Thierry Roge 2014"),
        ("Street interviews with Brussels youth", True, None),
        ("Green economy", True, None),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # two headline-summary pairs only: could be two sections
        STACKED.rsplit("Green economy", 1)[0],
        # a blank line between each heading and its text: sections of an about page
        "About us\n\nOur mandate\n\nThe office promotes decent work in the region and beyond.\n\n"
        "Our partners\n\nThe office works with governments, employers and workers.\n\n"
        "Our projects\n\nThe office runs projects in many countries of the region every year.\n",
    ],
)
def test_no_line_by_line_teasers_in_short_runs_or_sections(text: str) -> None:
    text += (
        "\nThe office serves the constituents of the country and works with the government, the employers "
        "and the workers on the priorities of the Decent Work Country Programme and on labour standards.\n"
    )
    assert all(n.published is not None for n in extract_text(text, "page.txt").news)
