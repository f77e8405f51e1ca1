"""Organizations beyond the curated list: names that read as organizations, as a stage of their own."""

from __future__ import annotations

import pytest

from ilo_kg.textfacts import coordinated_acronyms, organization_names


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The ILO and the Albanian School of Magistrates trained judges.",
            [("Albanian School of Magistrates", None)],
        ),
        (
            "The Swiss State Secretariat for Economic Affairs (SECO) supports Moldova.",
            [("Swiss State Secretariat for Economic Affairs", "SECO")],
        ),
        (
            "The Federation of Employers of Ukraine and the Federation of Trade Unions of Ukraine signed.",
            [("Federation of Employers of Ukraine", None), ("Federation of Trade Unions of Ukraine", None)],
        ),
        (
            "In Serbia, the Ministry of Labour, Employment, Veteran and Social Affairs opened a centre.",
            [("Ministry of Labour, Employment, Veteran and Social Affairs", None)],
        ),
        ("This Council met in Kyiv.", []),
        (
            "The United Nations Development Programme helped.",
            [("United Nations Development Programme", None)],
        ),
        ("Eastern Europe. Employers met in Vienna.", []),
        ("The ILO Office for Central and Eastern Europe published a study.", []),
    ],
)
def test_names_that_read_as_organizations(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert [(f.name, f.acronym) for f in organization_names(text)] == expected


def test_a_ministry_is_a_government_body() -> None:
    (found,) = organization_names("The State Labour Inspectorate of Ukraine ran a campaign.")
    assert found.kind == "government"
    (other,) = organization_names("The Chamber of Commerce of Serbia joined.")
    assert other.kind == "other"


def test_an_acronym_that_does_not_read_from_the_name_is_not_taken() -> None:
    (found,) = organization_names("The German Agency for International Cooperation (GIZ) joined.")
    assert found.acronym is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Two are funded by the EU Regional Trust Fund in Response to the Syrian Conflict.",
            ["EU Regional Trust Fund in Response to the Syrian Conflict"],
        ),
        (
            "The Delegation of the European Union to Albania and the ILO signed.",
            ["Delegation of the European Union to Albania"],
        ),
        (
            "The Coordination Council to Combat the Worst Forms of Child Labour met.",
            ["Coordination Council to Combat the Worst Forms of Child Labour"],
        ),
        (
            "Partners are the General Directorate of International Labour Force and the Labour Inspection of "
            "Montenegro.",
            ["General Directorate of International Labour Force", "Labour Inspection of Montenegro"],
        ),
        (
            "The UN's Intergovernmental Panel on Climate Change reported.",
            ["Intergovernmental Panel on Climate Change"],
        ),
        ("It brought together the European Youth Forum and employers.", ["European Youth Forum"]),
    ],
)
def test_more_shapes_of_organization_names(text: str, expected: list[str]) -> None:
    assert [f.name for f in organization_names(text)] == expected


@pytest.mark.parametrize(
    "text",
    [
        "The reform follows the EU Association agreement from 2014.",  # a name that qualifies a noun
        "The ILO's Bureau for Workers' Activities (ACTRAV) launched a package.",  # the ILO's own body
        "The outcomes will feed into the ILO Global Youth Employment Forum in May.",  # the ILO's own event
        "Ministry to Sign Deal",  # a headline's verb after "to"
        "The International Labour Conference adopted it.",  # the ILO's own body
    ],
)
def test_phrases_that_name_no_organization(text: str) -> None:
    assert organization_names(text) == []


def _acronyms(text: str) -> list[str]:
    spans = [(f.start, f.end) for f in organization_names(text)]
    return [a for a, _, _ in coordinated_acronyms(text, spans)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ROSTRUD and ILO present the Training Manual", ["ROSTRUD"]),
        ("IMM and ILO shoulder to shoulder for decent work", ["IMM"]),
        (
            "The TODAİE (Public Administration Institute for Turkey and Middle East), MEMUR-SEN and SESRİC are "
            "conducting a programme.",
            ["TODAİE", "MEMUR-SEN", "SESRİC"],
        ),
        ("The ILO, UNDP and the Chamber of Commerce of Serbia signed.", ["UNDP"]),
    ],
)
def test_acronyms_named_with_the_ilo_or_an_organization(text: str, expected: list[str]) -> None:
    assert _acronyms(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "COVID and the ILO",  # a disease
        "The ILO and OSH experts met.",  # a topic
        "The South-eastern Anatolia Project Regional Development Administration (GAP RDA) joined.",  # its own
        "NEW REPORT: unemployment rises",  # capitals of a headline, next to no organization
        "ILO support to SMEs and TVET",  # topics
    ],
)
def test_capitals_that_name_no_organization(text: str) -> None:
    assert _acronyms(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("She gave an interview to Pobjeda, a Montenegrin newspaper.", ["Pobjeda"]),
        ("Then Acme Textiles, a clothing company in Tirana, hired 20 people.", ["Acme Textiles"]),
        ("Anna Petrova, a company director, spoke.", []),  # a person's job, not a body
        ("Anna Smith, a member of a trade union, spoke.", []),  # she belongs to one
        ("Ivanna Khrapko, a trade unionist, spoke.", []),
        ("The project visited Kherson, a city in the south.", []),  # no kind of body
        ("The ILO, a UN agency, said so.", []),  # the ILO itself
    ],
)
def test_a_name_said_to_be_a_kind_of_body(text: str, expected: list[str]) -> None:
    assert [f.name for f in organization_names(text)] == expected


def test_a_generic_body_named_with_its_remit() -> None:
    text = (
        "On 12 March the National Tripartite Commission for social partnership and regulation of social and "
        "industrial relations chaired by the Deputy Prime Minister met."
    )
    assert [f.name for f in organization_names(text)] == [
        "National Tripartite Commission for social partnership and regulation of social and industrial relations"
    ]
    assert organization_names("A Technical Committee on statistics was set up.") == []  # not a particular one
    assert organization_names("The National Council met.") == []  # no remit: which council?


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Wallonie-Bruxelles International (WBI) and the International Training Centre of the ILO signed.",
            [("Wallonie-Bruxelles International", "WBI")],
        ),
        ("Wallonie-Bruxelles International signed a programme.", []),  # no acronym: no body said
        ("He studied Occupational Safety and Health (OSH) at home.", []),  # a topic
        ("The International (TI) was sung.", []),  # one word is no name
    ],
)
def test_a_name_ending_in_international_with_its_acronym(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(o.name, o.acronym) for o in organization_names(text)] == expected
