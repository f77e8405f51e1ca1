"""The facts stage on its own: sentences in, records out (figures, people, events, dates, language)."""

from __future__ import annotations

from datetime import date

import pytest

from ilo_kg.sources.common import language_of
from ilo_kg.textfacts import event_mentions, is_person_name, people_in, quantities, sentence_date


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fifteen judges came together on April 5 in Moscow.", [(15, "judges", None)]),
        ("RSPP Polls More Than 900 Russian Companies", [(900, "Russian Companies", "more than")]),
        ("The plan meets the needs of 3.9 million refugees who have fled.", [(3900000, "refugees", None)]),
        ("Nearly 5 million jobs have been lost in Ukraine.", [(5000000, "jobs", "nearly")]),
        ("The ILO estimates that 30 per cent of jobs have been lost.", [(30, "per cent of jobs", None)]),
        ("It is a three-year Human Resources Development project.", [(3, "years", None)]),
        ("Trade unions provided 10,000 bednights.", [(10000, "bednights", None)]),
        (
            "A delegation of 27 unionists from 26 countries visited.",
            [(27, "unionists", None), (26, "countries", None)],
        ),
    ],
)
def test_figures_in_words_or_digits(text: str, expected: list[tuple[int, str, str | None]]) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Convention No. 190 was ratified in 2021 by one of the countries.",
        "On 12 May 2020 SDG 8 and the 10th edition were discussed.",
        "Over 2.1 million jobs could be created with the investment plan.",
        "Unemployment will rise over the next five years.",
        "Child labour rose for the first time in two decades.",
    ],
)
def test_no_figure_in_dates_identifiers_plans_or_spans_of_time(text: str) -> None:
    assert quantities(text) == []


@pytest.mark.parametrize(
    ("headline", "summary", "expected"),
    [
        (
            "Interview with Antonio Graziosi, Director of ILO Budapest stepping down",
            "We interviewed Antonio on the occasion of his retirement.",
            [("Antonio Graziosi", "Director of ILO Budapest", True)],
        ),
        (
            "Round table in Dushanbe",
            "This statement was made by Valentin Mocanu, ILO Moscow Senior Specialist on Labour Inspection, "
            "at the opening of a national round table.",
            [("Valentin Mocanu", "ILO Moscow Senior Specialist on Labour Inspection", True)],
        ),
        (
            "How does the UN support refugees? Interview with Simon Springett, UN Resident Coordinator",
            "ILO interviewed him.",
            [("Simon Springett", "UN Resident Coordinator", False)],
        ),
        (
            "New director",
            "Markus Pilgrim was appointed Director of the ILO Office for Central and Eastern Europe as of 1 August.",
            [("Markus Pilgrim", "Director of the ILO Office for Central and Eastern Europe", True)],
        ),
        (
            "Minister meets ILO",
            "The Minister of Labour Maxim Topilin met the delegation. Gilbert Houngbo, ILO Deputy Director-General, "
            "told the European Parliament that jobs matter.",
            [
                ("Gilbert Houngbo", "Deputy Director-General", True),
                ("Maxim Topilin", "Minister of Labour", False),
            ],
        ),
        ("On Tuesday, unions met", "On Tuesday, the Local Employment Partnership Gradiška opened.", []),
        (
            "Markus Pilgrim appointed Director of ILO Decent Work Technical Support Team/Country Office-Budapest",
            "It was great to meet, says Markus Pilgrim, Director, ILO Office for Central and Eastern Europe.",
            [
                (
                    "Markus Pilgrim",
                    "Director of ILO Decent Work Technical Support Team/Country Office-Budapest",
                    True,
                )
            ],
        ),
        (
            "Mikhail Mishustin and Mikhail Shmakov Speak on Leaders' Day at ILO Global Summit",
            "In the course of the event mediated by Guy Ryder, ILO Director-General, the Heads of State spoke.",
            [
                ("Guy Ryder", "ILO Director-General", True),
                ("Mikhail Mishustin", None, False),
                ("Mikhail Shmakov", None, False),
            ],
        ),
    ],
)
def test_people_in_the_sentence_shapes_the_pages_use(
    headline: str, summary: str, expected: list[tuple[str, str | None, bool]]
) -> None:
    found = sorted((p.name, p.title or "", p.ilo_staff) for p in people_in(headline, summary))
    assert found == sorted((n, t or "", s) for n, t, s in expected)


def test_events_are_dated_by_their_sentence_and_never_in_the_future() -> None:
    published = date(2019, 4, 12)
    (meeting,) = event_mentions(
        "Round table in Dushanbe", "The ILO opened a national tripartite round table in Dushanbe on 9 April."
    )
    assert meeting.kind == "Meeting"
    assert sentence_date(meeting.sentence, published) == date(2019, 4, 9)
    assert sentence_date("The report was presented yesterday.", published) == date(2019, 4, 11)
    assert sentence_date("Held on 20 December.", date(2020, 1, 10)) == date(2019, 12, 20)  # last year's
    assert (
        event_mentions("Webcast", "A global webcast covering 24 offices will showcase the ILO's work.") == []
    )
    assert event_mentions("Centre", "The first employment centre opened last month.") == []
    assert event_mentions("Call for Proposals: OSH profile", "Proposals are welcome.") == []


def test_publications_and_launches() -> None:
    kinds = {
        e.kind for e in event_mentions("New ILO report identifies 7 major risks", "The report finds gaps.")
    }
    assert kinds == {"Publication"}
    kinds = {e.kind for e in event_mentions("ILO Moscow has launched a series of five webinars", "")}
    assert kinds == {"Launch"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("The ILO and the Government of Ukraine signed a programme for the country.", "en"),
        ("Le Bureau de l'OIT pour la France est situé à Paris et les experts sont dans le monde.", "fr"),
        (
            "Die Vertretung der IAO in Deutschland ist für die Zusammenarbeit mit der Regierung zuständig.",
            "de",
        ),
        ("L'Ufficio dell'OIL per l'Italia e San Marino è stato aperto a Roma nel 1920 con la sede.", "it"),
    ],
)
def test_the_language_of_a_page(text: str, language: str) -> None:
    assert language_of(text) == language


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        # a courtesy title names a person (the title of the office is not stated)
        ("Ms Zorica Sredanović prepared an interview for a newspaper.", [("Zorica Sredanović", None)]),
        ("At a hearing, Mr Raymond Torres discussed re-shoring.", [("Raymond Torres", None)]),
        # "Name, Title, who ...", "Name, a chef from X who ...", "and Name, who ..."
        (
            "Read the testimonials of Ivanna Khrapko, Ukrainian trade unionist, who launched an initiative; "
            "Oleksii Aleksandrov, a chef from Kherson who helped, and Ella Albanska, who sewed.",
            [
                ("Ivanna Khrapko", "Ukrainian trade unionist"),
                ("Oleksii Aleksandrov", "a chef from Kherson"),
                ("Ella Albanska", None),
            ],
        ),
        # "We asked Name, Title about what ..."
        (
            "We asked Predrag Mitrovic, President of the Montenegrin Employers Federation about what they did.",
            [("Predrag Mitrovic", "President of the Montenegrin Employers Federation")],
        ),
        # a quote, then "Name, Title, told ..."
        (
            '"Azerbaijan will hold a peer review," Mikhail Pouchkin, Chief Technical Adviser of the ILO project, '
            "told a conference.",
            [("Mikhail Pouchkin", "Chief Technical Adviser of the ILO project")],
        ),
        # "elected Name as Title" with an initial that does not end the sentence
        (
            "The Governing Body has elected Gilbert F. Houngbo as the Organization's 11th Director-General.",
            [("Gilbert F. Houngbo", "Organization's 11th Director-General")],
        ),
        # a deputy is not the Director-General
        (
            "ILO Deputy Director-General Gilbert Houngbo stressed the importance of regulation.",
            [("Gilbert Houngbo", "ILO Deputy Director-General")],
        ),
    ],
)
def test_people_in_more_sentence_shapes(summary: str, expected: list[tuple[str, str | None]]) -> None:
    assert sorted((p.name, p.title) for p in people_in("", summary)) == sorted(expected)


@pytest.mark.parametrize(
    "summary",
    [
        "Social partners, employers and workers, who met in Kyiv, agreed.",  # no name
        "The Ministry of Labour, which organised the event, thanked donors.",  # an organization
        "Mr Director said nothing.",  # a courtesy title before a word that is no name
        "On Monday, the Trade Union Confederation, who represents workers, spoke.",  # institution words
    ],
)
def test_phrases_that_are_not_people(summary: str) -> None:
    assert people_in("", summary) == []


def test_a_post_denied_or_planned_is_no_title() -> None:
    for summary in (
        "The Council has not elected Anna Smith as President.",
        "The Board will appoint Anna Smith as Director next year.",
        "Anna Smith is expected to be named Director.",
    ):
        assert all(p.title is None for p in people_in("", summary)), summary


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The campaigns reached out to an estimated 400,000 persons.", [(400000, "persons", "an estimated")]),
        ("The program takes an approach based on three pillars.", [(3, "pillars", None)]),
        ("In May 2004, ten countries became EU Members.", [(10, "countries", None)]),  # "May" is a month
        ("Child labour rises to 160 million", [(160000000, "Child labour", None)]),
        (
            "Around one million Syrian refugees are estimated to be working in Turkey.",
            [(1000000, "Syrian refugees", "around")],
        ),
        ("Children enter child labour as early as 10 years old.", [(10, "years of age", None)]),
        ("It is a 3 year project funded by the EU.", [(3, "years", None)]),
    ],
)
def test_more_figures(text: str, expected: list[tuple[int, str, str | None]]) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "One hour against child labour at schools in Kosovo",  # a title, not a count of hours
        "The ILO plans to train 50 judges.",  # a plan
        "Unemployment may rise to 5 million.",  # a possibility
        "The meeting was held on 5 May in Kyiv.",  # a date
        "Ten new jobs will be created by 2025.",  # future
        "The number of refugees is expected to rise to 2 million.",  # an expectation
    ],
)
def test_no_figure_of_record(text: str) -> None:
    assert quantities(text) == []


def test_counts_in_compounds_and_shared_nouns() -> None:
    found = quantities("Ukraine has ratified the eight fundamental and four priority Conventions.")
    assert [(q.value, q.unit) for q in found] == [(8, "fundamental Conventions"), (4, "priority Conventions")]
    assert [(q.value, q.unit) for q in quantities("ILO releases 93 country survey on migration")] == [
        (93, "countries")
    ]
    assert quantities("The eight young and ambitious people met.") == []  # no count after "and"


@pytest.mark.parametrize(
    ("summary", "expected"),
    [
        (
            "The specialists met the newly appointed Minister of Labour and Social Development of the Kyrgyz "
            "Republic, Aliza Soltonbekova.",
            [("Aliza Soltonbekova", "Minister of Labour and Social Development of the Kyrgyz Republic")],
        ),
        (
            "ILO Moscow Director, Olga Koulaeva, described the situation.",
            [("Olga Koulaeva", "ILO Moscow Director")],
        ),
        (
            "Deputy Chairman of the Cabinet of Ministers of Kyrgyzstan, Edil Baisalov, met the press.",
            [("Edil Baisalov", "Deputy Chairman of the Cabinet of Ministers of Kyrgyzstan")],
        ),
        (
            "He met with Director-General of the International Labor Organization (ILO) Gilbert Houngbo in Geneva.",
            [("Gilbert Houngbo", "Director-General of the International Labor Organization (ILO)")],
        ),
    ],
)
def test_a_title_before_the_name(summary: str, expected: list[tuple[str, str | None]]) -> None:
    assert sorted((p.name, p.title) for p in people_in("", summary)) == sorted(expected)


def test_no_person_from_a_title_before_words_that_are_no_name() -> None:
    assert (
        people_in("", "The Minister of Labour, Employment and Social Affairs, the ILO and employers met.")
        == []
    )
    assert people_in("", "The Director of the Office, Budapest Team, said so.") == []


def test_quarters_and_trillions() -> None:
    found = quantities("Income loss for three quarters of this year equals to 3.5 trillion dollars.")
    assert [(q.value, q.unit) for q in found] == [(3500000000000, "dollars")]


def test_a_count_ends_before_its_verb() -> None:
    found = quantities(
        "A new collective agreement covering 23,000 workers provides for a 5 per cent increase."
    )
    assert [(q.value, q.unit) for q in found] == [(23000, "workers"), (5, "per cent")]
    assert [(q.value, q.unit) for q in quantities("The ILO trained 80 labour inspectors for a week.")] == [
        (80, "labour inspectors")
    ]


def test_a_list_of_names_with_their_posts() -> None:
    summary = (
        "The participants included Erhan Batur, Deputy Undersecretary of the Ministry of Labour and Social "
        "Security, Yusuf Büyük, Deputy Undersecretary of the Ministry of National Education, Nurcan Önder, General "
        "Director of Labour from the Ministry of Labour and Social Security and top level representatives."
    )
    assert sorted((p.name, p.title) for p in people_in("", summary)) == [
        ("Erhan Batur", "Deputy Undersecretary of the Ministry of Labour and Social Security"),
        ("Nurcan Önder", "General Director of Labour from the Ministry of Labour and Social Security"),
        ("Yusuf Büyük", "Deputy Undersecretary of the Ministry of National Education"),
    ]
    summary = (
        "Signed by Mr. Numan Özcan, Director of the ILO Office for Turkey, and Mr. Cafer Uzunkaya, General "
        "Director of ISKUR, the protocol is valid for two years."
    )
    assert sorted((p.name, p.title) for p in people_in("", summary)) == [
        ("Cafer Uzunkaya", "General Director of ISKUR"),
        ("Numan Özcan", "Director of the ILO Office for Turkey"),
    ]


@pytest.mark.parametrize(
    "summary",
    [
        "Delegates came from Sierra Leone, Member of the Governing Body, and from Chile.",  # a country
        "The event took place in North Macedonia, Head of the list of reformers.",  # a country
        "Employers and Workers, Members of the Council, met.",  # no name
    ],
)
def test_no_person_from_a_post_after_a_place(summary: str) -> None:
    assert people_in("", summary) == []


def test_countries_side_by_side_are_no_person() -> None:
    assert not is_person_name("Bulgaria Romania")
    assert not is_person_name("Sierra Leone")
    assert is_person_name("Georgia Smith") and is_person_name("Olga Koulaeva")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It faces the challenge of integrating more than 3.5 million Syrian refugees, including 2.1 million of "
            "working age.",
            [(3500000, "Syrian refugees", "more than"), (2100000, "Syrian refugees of working age", None)],
        ),
        (
            "The ILO has been implementing seven projects, out of which four are still on-going.",
            [(7, "projects", None), (4, "projects still on-going", None)],
        ),
        (
            "The ILO trained 300 inspectors, of whom 40 were certified.",
            [(300, "inspectors", None), (40, "inspectors certified", None)],
        ),
    ],
)
def test_a_part_counts_the_noun_of_the_figure_before_it(
    text: str, expected: list[tuple[int, str, str | None]]
) -> None:
    assert [(q.value, q.unit, q.qualifier) for q in quantities(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The ILO trained 300 inspectors, including 40 of them.",  # a pronoun says nothing of the part
        "The ILO trained 300 inspectors, of whom 40 were women.",  # a noun of its own: not read as a state
        "The ILO trained 300 inspectors, including 40 in Serbia.",  # a place, no words of the part
        "The ILO trained 300 inspectors. Of which 40 are still active.",  # no figure before in the sentence
    ],
)
def test_no_part_without_its_own_words_or_a_figure_before(text: str) -> None:
    assert [(q.value, q.unit) for q in quantities(text)] == [(300, "inspectors")]


def test_no_part_of_a_planned_figure() -> None:
    assert quantities("The ILO will train 300 inspectors, including 40 of the senior staff.") == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The vast majority come from Syria, while 400,000 are Afghanis, Iranians and Iraqis.",
            [(400000, "Afghanis, Iranians and Iraqis")],
        ),
        ("Of the arrivals, 2 million were Ukrainians.", [(2000000, "Ukrainians")]),
        ("In 2020 were Ukrainians.", []),  # a year
        ("Some 300 are Members of the union.", []),  # not a people: the phrase goes on
        ("400,000 will be Syrians.", []),  # what will be is no figure
        ("Around 5,000 are not Syrians.", []),  # a denial names no group
    ],
)
def test_a_number_that_is_a_people(text: str, expected: list[tuple[int, str]]) -> None:
    assert [(q.value, q.unit) for q in quantities(text)] == expected
