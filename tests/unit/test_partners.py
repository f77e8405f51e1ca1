"""Partners: an organization said to work with the ILO, as done, in the sentence shapes the pages use."""

from __future__ import annotations

import pytest

from ilo_kg.records import NewsItem
from ilo_kg.textfacts import (
    acronyms_with_ilo,
    acting_with_ilo,
    acts_for_the_ilo,
    headline_project,
    joined_names,
    names_projects,
    partnership_stated,
    project_names,
)


def _at(sentence: str, name: str) -> tuple[int, int]:
    start = sentence.index(name)
    return start, start + len(name)


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("News. ILO, EU and Tunisia sign ambitious programme on employment creation", "EU"),
        ("ILO, IOM help pave road for post-war labour market in Ukraine", "IOM"),
        ("FNPR-ILO Arctic trade union school", "FNPR"),
        ("ILO/EBRD assessment report says COVID-19 threatens 245,000 jobs", "EBRD"),
        (
            "a conference jointly organized by the Government of Flanders, the International Labour "
            "Organization (ILO) and the Social and Economic Council of Flanders",
            "Social and Economic Council of Flanders",
        ),
        ("Towards a green economy: Flanders, ILO and SERV stress the importance of green jobs", "Flanders"),
        (
            "The ILO and the State Labour Inspectorate of Ukraine came through with a campaign",
            "State Labour Inspectorate of Ukraine",
        ),
        ("ILO and ELA joined forces to reduce the risks of undeclared work", "ELA"),
        (
            "The ILO, together with the Ministry of Education, organized a campaign in schools",
            "Ministry of Education",
        ),
        # the ILO's support of what the organization does
        (
            "With ILO support, the Organization of Employers of Macedonia conducted a survey",
            "Organization of Employers of Macedonia",
        ),
        (
            "The ILO supported the Montenegrin Employers Federation to conduct a second survey",
            "Montenegrin Employers Federation",
        ),
        (
            "With ILO assistance, the Federation of Employers of Ukraine supports members",
            "Federation of Employers of Ukraine",
        ),
        (
            "Through collaborative work with the ILO Office for Turkey, Konya Chamber of Furniture Manufacturers "
            "earned ISO certification",
            "Konya Chamber of Furniture Manufacturers",
        ),
    ],
)
def test_a_partnership_stated_as_done(sentence: str, name: str) -> None:
    assert partnership_stated(sentence, *_at(sentence, name))


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        # a body the item is only about, or where something happened
        (
            "Presidential National Council for Professional Qualifications holds its regular meeting",
            "Council",
        ),
        ("A meeting of the Interdepartmental Commission for Safety and Health", "Interdepartmental"),
        ("Kazakhstan: Combating Child Labour Discussed at Ministry of Labour", "Ministry of Labour"),
        ("Roundtable on Compliance with Labour Standards by EU and EAEU Member-States", "EAEU"),
        ("In an address to the Committee on International Trade, the ILO welcomed the progress", "Committee"),
        ("According to the ILO, the European Commission plans new rules", "European Commission"),
        # plans, future, denials
        ("Belgian government and ILO to promote youth employment in Katanga", "Belgian government"),
        (
            "In close coordination with the Ukrainian Ministry of Education, the ILO will develop e-Learning",
            "Ukrainian Ministry",
        ),
        ("The ILO and UNICEF will sign an agreement next month", "UNICEF"),
        ("In cooperation with the ILO, the Ministry of Labour will draft a law", "Ministry of Labour"),
        ("The ILO and UNICEF have not signed the agreement", "UNICEF"),
        ("The ILO calls on the Ministry of Labour and the ILO partners to act", "Ministry of Labour"),
        ("With ILO support, the Ministry will draft a new law", "Ministry"),
        ("The ILO will support the Employers Federation to conduct a survey", "Employers Federation"),
    ],
)
def test_no_partnership_in_a_topic_a_place_a_plan_or_a_denial(sentence: str, name: str) -> None:
    assert not partnership_stated(sentence, *_at(sentence, name))


def test_part_of_a_longer_name_is_not_the_body() -> None:
    sentence = "The ILO and EU Regional Trust Fund officials met in Ankara"
    assert not partnership_stated(sentence, sentence.index("EU"), sentence.index("EU") + 2)
    sentence = "The ILO and the EU met in Ankara"
    assert partnership_stated(sentence, sentence.index("EU"), sentence.index("EU") + 2)


def test_the_ilo_opening_a_list_is_not_any_comma() -> None:
    sentence = "The report, by the ILO, UNICEF and others, is out"
    assert not acting_with_ilo(sentence, *_at(sentence, "UNICEF"))
    sentence = "The ILO, UNICEF and UNHCR signed a joint statement"
    assert acting_with_ilo(sentence, *_at(sentence, "UNICEF"))


def test_a_project_named_by_its_title_case_words() -> None:
    text = (
        "The ILO presented results of a three-year Human Resources Development project for Albania "
        "on 15 January 2015 in Tirana."
    )
    assert project_names(text) == ["Human Resources Development project for Albania"]
    assert project_names("The new project was presented in Tirana by the Minister.") == []
    assert project_names("The ILO project in Serbia ended.") == []


def test_a_name_joined_to_a_partners_is_one_too() -> None:
    sentence = "With ILO support, the Chamber of Crafts and the Business Confederation conducted a survey"
    first_end = sentence.index(" and the Business")
    assert joined_names(sentence, first_end, sentence.index("Business"))
    assert not joined_names(sentence, first_end, sentence.index("survey"))


def test_agencies_that_run_a_project_are_not_its_name() -> None:
    assert project_names("An ILO-UNDP project helped them address that challenge.") == []
    assert project_names("The E-MINDFUL project closed in December.") == ["E-MINDFUL"]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "The Government and the ILO launched a project entitled “Promoting Social Dialogue in Georgia”.",
            ["Promoting Social Dialogue in Georgia"],
        ),
        (
            "Infrastructure built through “Opportunities for Lives Project” brought",
            ["Opportunities for Lives Project"],
        ),
        (
            "ILO launches a Capacity Building Programme for Labour Inspection in Georgia",
            ["Capacity Building Programme for Labour Inspection in Georgia"],
        ),
        (
            "ILO launches single biggest project in South-Eastern Europe to promote jobs in Ukraine, "
            "funded by Denmark",
            ["single biggest project in South-Eastern Europe to promote jobs in Ukraine"],
        ),
        # a description alone, with no funder or partner to point at it, is no resource
        ("ILO launches single biggest project in South-Eastern Europe to promote jobs in Ukraine", []),
        ("The ILO started a project to adapt the manual for use in Asia jointly with local specialists.", []),
        (
            "The office started another project on activating women for the labour market in Montenegro "
            "with support of the EU.",
            ["project on activating women for the labour market in Montenegro"],
        ),
        (
            "The EU and Sweden pooled resources to support a large employment creation program in Bosnia.",
            ["employment creation program in Bosnia"],
        ),
        # no project: a plan, a launch with no purpose, a country programme, an amount's currency
        ("The ILO will launch a project to support refugees in Turkey.", []),
        ("The ILO launched a pilot project in Montenegro on the 1st of October 2014.", []),
        ("The Government signed the Decent Work Country Programme for Georgia.", []),
        ("The newsletter presents an EU-funded 5-million EUR project in Bosnia.", []),
        ("The EU and Sweden want to pool resources to support a new program in Serbia.", []),
    ],
)
def test_projects_named_or_described_by_their_purpose(text: str, names: list[str]) -> None:
    assert project_names(text) == names


@pytest.mark.parametrize(
    ("sentence", "found"),
    [
        ("IMM and ILO shoulder to shoulder for decent work for all", ["IMM"]),
        ("ROSTRUD and ILO present the Training Manual", ["ROSTRUD"]),
        ("FNPR-ILO Arctic trade union school", ["FNPR"]),
        ("The ILO and UNICEF signed a joint statement", ["UNICEF"]),
        ("VIDEO and ILO news", []),  # a caption word, not a body
        ("Ukraine and ILO sign a cooperation agreement", []),  # no acronym
    ],
)
def test_acronyms_joined_to_the_ilo(sentence: str, found: list[str]) -> None:
    assert [acr for _, _, acr in acronyms_with_ilo(sentence)] == found


MURMANSK = "Murmansk Region Trade Union Council"


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        (
            "The event was organized with support of the ILO Moscow Office and at the initiative of the "
            f"{MURMANSK} and focused on youth employment.",
            True,
        ),
        (f"The school was set up at the initiative of the {MURMANSK} with the support of the ILO.", True),
        (f"The school was set up at the initiative of the {MURMANSK}.", False),  # no ILO backing it
        (f"The event was organized with support of the EU and at the initiative of the {MURMANSK}.", False),
        (
            f"The event will be organized with support of the ILO and at the initiative of the {MURMANSK}.",
            False,
        ),
        (f"With support of the ILO, the minister met the {MURMANSK}.", False),  # no initiative of theirs
    ],
)
def test_an_initiative_the_ilo_backs(sentence: str, stated: bool) -> None:
    assert partnership_stated(sentence, *_at(sentence, MURMANSK)) is stated


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Yegin: The Project ‘Improving Social Dialogue In Working Life” Will Add Depth To The System.",
            ["Improving Social Dialogue In Working Life"],
        ),
        ("The project \"Decent Work for Youth' was launched.", ["Decent Work for Youth"]),
        # a pair's apostrophe is no closing quote
        ('The project "Protecting Workers\' Rights" started.', ["Protecting Workers' Rights"]),
        # no name: a possessive, a quotation, words in lower case
        ('The project\'s results were good, "said" the minister.', []),
        ("The project ‘improving dialogue” was here.", []),
    ],
)
def test_a_project_named_between_quotes_that_do_not_pair(text: str, names: list[str]) -> None:
    assert project_names(text) == names


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "ILO’s International Programme on the Elimination of Child Labour (IPEC) was created in 1992.",
            ["International Programme on the Elimination of Child Labour"],
        ),
        ("The ILO’s Refugee Response Programme supports refugees.", ["Refugee Response Programme"]),
        ("The ILO’s Programme and Budget was adopted.", []),  # a document, no name
        ("The ILO’s Decent Work Country Programme for Serbia was signed.", []),  # a country programme
        ("The ILO’s programme on jobs is big.", []),  # no name in capitals
        ("The ILO’s Project Manager said so.", []),  # a post, not a project
    ],
)
def test_the_ilos_own_programme_by_its_name(text: str, names: list[str]) -> None:
    assert project_names(text) == names


WBI = "Wallonie-Bruxelles International"


@pytest.mark.parametrize(
    ("sentence", "stated"),
    [
        (f"{WBI} (WBI) and the International Training Centre of the ILO have signed a work program.", True),
        (f"{WBI} and the ITC-ILO signed a work program.", True),
        (f"{WBI} (WBI) and the International Training Centre of the ILO will sign a work program.", False),
        (f"{WBI} and the International Training Centre of Turin signed a work program.", False),
    ],
)
def test_a_partner_of_the_ilos_training_centre(sentence: str, stated: bool) -> None:
    assert partnership_stated(sentence, *_at(sentence, WBI)) is stated


def test_the_ilos_own_centre_is_no_partner() -> None:
    assert acts_for_the_ilo("the International Training Centre of the ILO")
    assert acts_for_the_ilo("ITC-ILO") and acts_for_the_ilo("ILO")
    assert not acts_for_the_ilo("International Training Centre of Turin")
    assert not acts_for_the_ilo("Wallonie-Bruxelles International")


@pytest.mark.parametrize(
    ("sentence", "name", "stated"),
    [
        ("ILO joins EESC Plenary debate on achieving decent work worldwide", "EESC", True),
        ("The ILO joined the OSCE conference on migration in Vienna.", "OSCE", True),
        ("ILO joins EESC in calling for action", "EESC", False),  # no event of theirs
        ("ILO will join EESC Plenary debate", "EESC", False),  # future
        ("ILO to join EESC Plenary debate", "EESC", False),  # a plan
        ("ILO has not joined the OSCE conference.", "OSCE", False),  # a denial
        ("ILO joins EU Regional Trust Fund", "EU", False),  # a longer name
    ],
)
def test_the_body_whose_event_the_ilo_joins(sentence: str, name: str, stated: bool) -> None:
    assert partnership_stated(sentence, *_at(sentence, name)) is stated


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "Meetings were held in the context of “An Integrated Model for the Elimination of Worst Forms of Child "
            "Labour in Hazelnut Harvesting in Turkey”",
            [
                "An Integrated Model for the Elimination of Worst Forms of Child Labour in Hazelnut Harvesting in Turkey"
            ],
        ),
        (
            "Training was held within the framework of the “Decent Work for Youth in Albania” initiative.",
            ["Decent Work for Youth in Albania"],
        ),
        ("It was said in the context of “the crisis we all live in”.", []),  # no title in capitals
        ("It was held in the context of “Jobs Now”.", []),  # too short to be a title
        (
            "Meetings were held in the spirit of “An Integrated Model for the Elimination of Child Labour”.",
            [],
        ),
    ],
)
def test_a_title_that_frames_the_work(text: str, names: list[str]) -> None:
    assert project_names(text) == names


@pytest.mark.parametrize(
    ("headline", "name"),
    [
        (
            "ILO launches single biggest project in South-Eastern Europe to promote jobs in Ukraine",
            "single biggest project in South-Eastern Europe to promote jobs in Ukraine",
        ),
        (
            "ILO Ankara Office has launched a project to enhance women employment in Turkey",
            "project to enhance women employment in Turkey",
        ),
        ("ILO to launch a project to promote jobs in Ukraine", None),  # a plan
        ("ILO will launch a project to promote jobs", None),  # future
        ("ILO launches report on jobs in Ukraine", None),  # no project
        ("EU launches project to promote jobs in Ukraine", None),  # not the ILO's launch
        ("ILO launched a new project", None),  # no purpose that names it
    ],
)
def test_a_project_the_headline_reports_the_ilo_launching(headline: str, name: str | None) -> None:
    assert headline_project(headline) == name


def test_a_page_that_names_a_project_gets_no_second_one_from_a_headline() -> None:
    named = NewsItem(
        1, "Stakeholders meet", None, 'The office introduced the project "ILO Response to Influx".', 3
    )
    launched = NewsItem(
        2, "ILO Turkey Office launched a project to support the livelihoods of refugees", None, "", 9
    )
    assert names_projects([named, launched])
    assert not names_projects([launched])
