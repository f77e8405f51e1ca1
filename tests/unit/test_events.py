"""Events read from records: each trigger word in its context, statements by speakers, no plan as a fact."""

from __future__ import annotations

from datetime import date

import pytest
from rdflib import RDF, XSD, Graph, Literal
from tests.conftest import ROOT

from ilo_kg.iris import ILO, SCHEMA, Minter
from ilo_kg.link import Gazetteer
from ilo_kg.mapping.page_events import event_date
from ilo_kg.mapping.pages import map_page
from ilo_kg.reference import load_reference
from ilo_kg.sources import extract_text
from ilo_kg.textfacts import (
    dated_occurrences,
    event_kinds,
    issue_month,
    relative_mentions,
    relative_when,
    reported_appointment,
    sentence_when,
)


@pytest.mark.parametrize(
    ("headline", "summary", "kinds"),
    [
        # a trigger that is part of something else reports no event of its kind
        (
            "Leaders' Day",
            "In the course of the event the Heads of State shared their views.",
            set(),
        ),
        (
            "Analysis of skills in the Kyrgyz Republic",
            "Now the stakeholders adjust the Technical and Vocational Education and Training (TVET) system.",
            set(),
        ),
        ("ROSTRUD and ILO present the Training Manual for employment services", "", {"Publication"}),
        ("Pilot on-the-job training launch in Moldova", "Jobseekers benefit.", {"Launch"}),
        (
            "ILO launches a Capacity Building Programme for Labour Inspection in Georgia",
            "The ILO has launched a comprehensive training programme to support the capacity building of the "
            "Labour Inspectorate in Georgia.",
            {"Launch"},
        ),
        ("Campaign reaches landmark target", "The ratifications have met an initial target.", set()),
        (
            "Webinar on employment",
            "ILO Moscow has launched a series of five webinars on the crisis response.",
            {"Launch"},
        ),
        (
            "Child Labour Conference in Arkhangelsk",
            "It was the most asked question during the conference and interviews in Arkhangelsk.",
            {"Meeting"},
        ),
        (
            "FNPR-ILO Arctic trade union school",
            "Murmansk hosted the first Arctic school for young unionists.",
            {"Training"},
        ),
        # a project named again is not launched again
        (
            "ILO Office in Turkey introduced to its stakeholders the project launched to improve livelihoods",
            "",
            set(),
        ),
        (
            "ILO Turkey Office launched a project to support the livelihoods of refugees",
            "",
            {"ProjectLaunch"},
        ),
        # a programme signed, in either spelling; a signature on something else is no programme signing
        (
            "Cooperation for the biennium",
            "The Centre and the Agency have signed a collaborative work program for the biennium.",
            {"ProgrammeSigning"},
        ),
        ("Petition", "Thousands signed a petition against child labour.", set()),
    ],
)
def test_a_trigger_word_reports_an_event_only_in_its_context(
    headline: str, summary: str, kinds: set[str]
) -> None:
    assert set(event_kinds(headline, summary)) == kinds


@pytest.mark.parametrize(
    ("headline", "summary", "kinds"),
    [
        ("ILO says progress on gender equality at work remains inadequate", "", {"Statement"}),
        ("Crisis demands human-centred recovery policies, says ILO Director-General", "", {"Statement"}),
        (
            "Cooperatives",
            "Numan Özcan, Director of the ILO Office for Turkey, stated that social partners were mobilized.",
            {"Statement"},
        ),
        (
            "Hearing on business and human rights",
            "Speaking at a European Parliament hearing, ILO Deputy Director-General Gilbert Houngbo stressed "
            "the importance of regulation.",
            {"Statement"},
        ),
        (
            "Recovery",
            "The ILO's Director-General told delegates at the opening sitting of the International Labour "
            "Conference that human-centred policies are key.",
            {"Statement"},
        ),
        ("ILO welcomes the seafarers' rights agreement", "", {"Statement"}),
        ("Mikhail Mishustin and Mikhail Shmakov Speak on Leaders' Day", "", {"Statement"}),
        # a report that says is a publication; a projection, a quotation, participants, a passive: no statement
        ("ILO report says sluggish jobs recovery is the result of inequality", "", {"Publication"}),
        (
            "Jobs in Europe",
            "ILO says over 2.1 million jobs could be created with the investment plan.",
            set(),
        ),
        ("Peer review", '"Azerbaijan will hold a peer review," Mikhail Pouchkin told journalists.', set()),
        ("Refugees", "UN Agencies and Partners Say Funding Shortage Leaves Refugees Without Support", set()),
        ("Reforms", "This was stated by the participants.", set()),
        ("Recovery", "The UN Country Team welcomed the Ministry representatives to its premises.", set()),
        ("Report", "A conference in Brussels has welcomed an ILO report on the harvest.", {"Meeting"}),
        # a call, a plan, an invitation, the future: no statement, no meeting
        ("ILO Director-General calls on ministers to align policies", "", set()),
        ("Invitation", "The Minister will speak at the conference in May.", set()),
    ],
)
def test_statements_need_a_speaker_who_said_it(headline: str, summary: str, kinds: set[str]) -> None:
    assert set(event_kinds(headline, summary)) == kinds


def test_a_meeting_stated_as_held_whatever_its_purpose() -> None:
    kinds = event_kinds(
        "UNCT joined forces with the Ministry on the earthquake recovery",
        "The UN Country Team met the Ministry representatives to discuss the recovery at the UNCT meeting held "
        "in Ankara on 6 July 2023.",
    )
    assert "Meeting" in kinds
    assert "Meeting" not in event_kinds(
        "Invitation", "Employers are invited to discuss it at the meeting held in May."
    )
    assert "Meeting" not in event_kinds("Plans", "The next meeting will be held in Baku.")


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("Markus Pilgrim was appointed as of 1 August, 2017.", date(2017, 8, 1)),
        ("In April 2018, the Government adopted a new strategy.", "2018-04"),
        ("the adoption of the June 2008 ILO Declaration", "2008-06"),
        ("The Office has worked in Moscow since 1959.", "1959"),
        ("The study was presented yesterday.", date(2019, 4, 30)),
        ("The strategy for Ukraine in 2024-2025 is ready.", None),  # a span dates nothing
        ("The ILO trained 40 inspectors.", None),
    ],
)
def test_an_event_is_dated_to_the_precision_its_sentence_gives(
    sentence: str, when: date | str | None
) -> None:
    assert sentence_when(sentence, date(2019, 5, 1)) == when


def test_a_dated_item_dates_its_events_and_never_in_the_future() -> None:
    published = date(2020, 5, 16)
    assert str(event_date("In April 2020, the RSPP conducted a survey.", published)) == "2020-04"
    assert str(event_date("The webinar took place.", published)) == "2020-05-16"
    assert event_date("The conference is held on 20 May.", published) is None  # after the item: a plan
    assert event_date("The new law takes effect in 2021.", published) is None


def test_a_newsletter_page_is_an_issue() -> None:
    assert issue_month("ILO Budapest Newsletter 2023 March") == "2023-03"
    assert issue_month("Newsletter of the ILO Office, June 2021") == "2021-06"
    assert issue_month("New issue of ILO-Moscow Newsletter released") is None
    assert issue_month("ILO Budapest news 2023 March") is None


def _page_graph(text: str, name: str) -> Graph:
    minter = Minter("https://w3id.org/ilo-kg/")
    gz = Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)
    graph = Graph()
    map_page(extract_text(text, name), gz, minter, graph, sha256="0" * 64, file_name=f"sources/{name}")
    return graph


def _events(graph: Graph) -> dict[str, str]:
    return {
        str(cls).rsplit("#", 1)[-1]: str(when)
        for ev, cls in graph.subject_objects(RDF.type)
        if str(cls).startswith(str(ILO)) and (ev, SCHEMA.startDate, None) in graph
        for when in graph.objects(ev, SCHEMA.startDate)
    }


OFFICE_PAGE = """ILO DWT and Country Office for Eastern Europe and Central Asia

The ILO Decent Work Technical Support Team and Country Office for Eastern Europe and Central Asia (formerly called \
the ILO Subregional Office for Eastern Europe and Central Asia; the new name designated in April 2010) has worked in \
Moscow since 1959. The Office coordinates ILO activities in ten countries: Azerbaijan, Armenia, Belarus, Georgia, \
Kazakhstan, Kyrgyzstan, Russian Federation, Tajikistan, Turkmenistan and Uzbekistan.
"""

NEWSLETTER = """ILO Budapest Newsletter 2023 March

This issue reports on the ILO response to the crisis in Ukraine after one year of war. The newsletter also \
introduces programme results and new projects. The ILO will launch a new project in Serbia next year and invites \
employers to a meeting in Belgrade.
"""


def test_an_office_page_states_its_renaming_and_its_start_in_its_city() -> None:
    graph = _page_graph(OFFICE_PAGE, "office.txt")
    events = _events(graph)
    assert events == {"Renaming": "2010-04", "Establishment": "1959"}
    for ev in graph.subjects(RDF.type, ILO.Establishment):
        (date_term,) = graph.objects(ev, SCHEMA.startDate)
        assert isinstance(date_term, Literal) and date_term.datatype == XSD.gYear
        assert (None, ILO.reports, ev) in graph  # reported by the source page
        assert "since 1959" in str(graph.value(ev, SCHEMA.description))


def test_a_newsletter_issue_is_a_publication_and_its_plans_are_no_events() -> None:
    events = _events(_page_graph(NEWSLETTER, "newsletter.txt"))
    assert events == {"Publication": "2023-03"}


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        (
            "In May 2004, ten countries became EU Members, joined by Bulgaria and Romania in January 2007.",
            [("Accession", "2004-05"), ("Accession", "2007-01")],
        ),
        (
            "The EU took part in the adoption of the June 2008 ILO Declaration, in the adoption of the Maritime "
            "Convention in February 2006 and in the adoption of the Global Jobs Pact in 2009.",
            [("Adoption", "2008-06"), ("Adoption", "2006-02"), ("Adoption", "2009")],
        ),
        ("Ukraine is a member state of the ILO since 1954.", [("Accession", "1954")]),
        ("Markus Pilgrim was appointed Director as of 1 August, 2017.", [("Appointment", date(2017, 8, 1))]),
        (
            "The E-MINDFUL project, which closed in December 2023, developed guidance.",
            [("Closure", "2023-12")],
        ),
        ("In April 2018, the Government adopted a new 5-year strategy.", [("Adoption", "2018-04")]),
        # no stated date, or a "who"-clause's date that is about something else: nothing
        ("The Governing Body has elected Gilbert F. Houngbo, who will take office in October 2022.", []),
        ("The Ministry adopted a new strategy and an action plan.", []),
        # plans, proposals, calls and denials: nothing
        ("The Parliament will adopt the law in 2025.", []),
        ("The Government plans to adopt the strategy in 2021.", []),
        ("The unions call for the adoption of the code in 2022.", []),
        ("The strategy was not adopted in 2019.", []),
    ],
)
def test_dated_occurrences(sentence: str, found: list[tuple[str, date | str]]) -> None:
    assert dated_occurrences(sentence) == found


ABOUT_PAGE = """About the ILO in Europe

In 2016, the ILO and Ukraine signed a four-year Decent Work Country Programme with the objective of creating jobs. \
Created in 1919, the ILO is part of the United Nations system since 1946. The ILO will open a new office in Kyiv \
in 2030 and invites the social partners to a conference. The ILO supported the employers in their work.
"""


def test_running_text_states_the_events_it_dates_and_no_plan() -> None:
    graph = _page_graph(ABOUT_PAGE, "about.txt")
    found = sorted(
        (str(cls).rsplit("#", 1)[-1], str(when))
        for ev, cls in graph.subject_objects(RDF.type)
        if str(cls).startswith(str(ILO))
        for when in graph.objects(ev, SCHEMA.startDate)
    )
    assert found == [("Accession", "1946"), ("Establishment", "1919"), ("ProgrammeSigning", "2016")]
    source = next(graph.subjects(RDF.type, ILO.SourcePage))
    assert len(list(graph.objects(source, ILO.reports))) == 3


@pytest.mark.parametrize(
    ("headline", "summary", "kinds"),
    [
        # a quotation's "will" is the speaker's, not the narrator's; an event word inside a quotation is not narrated
        (
            "Peer review",
            '"Azerbaijan will hold a peer review of the youth employment policy," the specialist told a conference '
            "on macroeconomic policy.",
            {"Meeting"},
        ),
        (
            "Quote",
            '"We have launched a new initiative for young workers today," the Minister stressed.',
            set(),
        ),
        # a publication cited as the source of a finding, whatever the finding denies
        (
            "Cotton harvest",
            "Forced labour was not used during the harvest, according to a new ILO report.",
            {"Publication"},
        ),
        (
            "Guide",
            "An ILO information guide on the Guidelines on cooperatives is now available in English.",
            {"Publication"},
        ),
        ("Jobs", "ILO projections highlight the danger of a labour market legacy.", {"Publication"}),
        ("Report", "A report to be released next week will assess the impact.", set()),
        # an agreement stated as in force, not one negotiated or hoped for
        ("Seafarers", "A new international agreement recognizes seafarers as key workers.", {"Agreement"}),
        (
            "Talks",
            "Employers and unions are negotiating towards a new collective agreement covering 20,000 workers.",
            set(),
        ),
        ("EESC", "ILO joins EESC Plenary debate on decent work.", {"Meeting"}),
    ],
)
def test_quotations_citations_and_agreements(headline: str, summary: str, kinds: set[str]) -> None:
    assert set(event_kinds(headline, summary)) == kinds


def test_events_dated_relatively_take_that_month_or_year() -> None:
    published = date(2014, 2, 26)
    assert relative_when("The first employment centre opened last month.", published) == "2014-01"
    assert relative_when("The law was adopted last year.", published) == "2013"
    assert relative_when("It opened earlier this month.", published) == "2014-02"
    assert relative_when("It opened last week.", published) is None
    assert relative_when("The centre opened in Tirana.", published) is None
    (launch,) = relative_mentions("The first modern employment centre opened last month to serve jobseekers.")
    assert launch.kind == "Launch"
    assert relative_mentions("A new centre will open next month.") == []
    assert relative_mentions("The centre was not opened last month.") == []


def test_surveys_and_days_observed_with_their_dates() -> None:
    assert dated_occurrences(
        "In April 2020, the RSPP conducted a country-wide survey among its members."
    ) == [("Survey", "2020-04")]
    assert dated_occurrences(
        "The World Day for Safety and Health at Work is celebrated on 28 April 2017."
    ) == [("Observance", date(2017, 4, 28))]
    assert dated_occurrences("The RSPP plans to conduct a survey in 2021.") == []
    assert dated_occurrences("The day will be celebrated on 28 April 2030.") == []


@pytest.mark.parametrize(
    ("sentence", "reported"),
    [
        (
            "The ILO Governing Body has elected Gilbert F. Houngbo as the Organization's 11th Director-General.",
            True,
        ),
        ("Markus Pilgrim retires after long and successful service at the ILO.", True),
        (
            "Markus Pilgrim appointed Director of the ILO Office",
            False,
        ),  # a headline's participle: another day
        ("The Board will elect a new Director-General in 2025.", False),
        ("The Minister has not been appointed yet.", False),
        ("He is expected to retire next year.", False),
    ],
)
def test_a_post_taken_or_left_as_the_item_reports_it(sentence: str, reported: bool) -> None:
    assert reported_appointment(sentence) is reported


def test_an_item_presenting_a_person_who_explains_is_an_interview() -> None:
    kinds = event_kinds(
        "Social protection for unions",
        "Ursula Kulke, Senior Social Protection Specialist, explains the objectives of this resource package.",
    )
    assert kinds == ["Interview"]
    assert event_kinds("Report", "The report explains the objectives of the package.") == []
    assert event_kinds("Plan", "The Minister explains how the plan will work.") == []
