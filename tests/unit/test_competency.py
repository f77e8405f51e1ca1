"""Each competency question (design section 5) is a canned query; its exact answer on the seeds."""

from __future__ import annotations

import pytest
from tests.conftest import ID, ROOT

from ilo_kg.queries import load_catalogue

CATALOGUE = load_catalogue(ROOT / "queries")


def run(kg, name: str, **params: str) -> list[tuple[str | None, ...]]:
    canned = CATALOGUE.get(name)
    result = kg.query(canned.text, bindings=canned.bind(params) or None, max_rows=100000)
    return [tuple(None if v is None else v.value for v in row) for row in result.rows]


def column(rows, index: int) -> list[str | None]:
    return [r[index] for r in rows]


def test_every_canned_query_runs_with_its_examples(kg):
    assert len(CATALOGUE) >= 10
    for canned in CATALOGUE:
        result = kg.query(canned.text, bindings=canned.bind(canned.example_values()) or None)
        assert result.kind == canned.kind
        assert result.rows or result.boolean is not None, canned.name


def test_q1_office_coverage(kg):
    rows = run(kg, "office-coverage")
    by_office: dict[str, set[str]] = {}
    for office, _label, _country, _clabel, alpha3 in rows:
        by_office.setdefault(office.rsplit("/", 1)[-1], set()).add(alpha3)
    assert by_office["dwt-co-moscow"] == {
        "AZE",
        "ARM",
        "BLR",
        "GEO",
        "KAZ",
        "KGZ",
        "RUS",
        "TJK",
        "TKM",
        "UZB",
    }
    assert by_office["dwt-co-budapest"] == {
        "ALB",
        "BIH",
        "BGR",
        "HRV",
        "CZE",
        "EST",
        "HUN",
        "LVA",
        "LTU",
        "MDA",
        "MNE",
        "MKD",
        "POL",
        "ROU",
        "SRB",
        "SVK",
        "UKR",
        "XKX",
    }
    assert by_office["ilo-office-in-brussels"] == {"BEL", "NLD", "LUX"}
    assert by_office["ilo-office-in-rome"] == {"ITA", "SMR"}
    assert by_office["ilo-office-in-ankara"] == {"TUR"}
    assert by_office["regional-office-for-europe-and-central-asia"] == {
        "AUT",
        "CHE",
        "CYP",
        "DNK",
        "FIN",
        "GBR",
        "GRC",
        "IRL",
        "ISL",
        "ISR",
        "MLT",
        "NOR",
        "SVN",
        "SWE",
    }
    covered = set().union(*by_office.values())
    assert len(covered) == 52
    assert run(kg, "member-state-count") == [("51", "52")]


def test_q2_projects_active_on_a_date(kg):
    rows = run(kg, "projects-active-on", date="2022-06-01")
    names = column(rows, 2)
    assert len(names) == 7
    rows = run(kg, "projects-active-on", date="2023-10-15")
    assert {r[2] for r in rows} == {
        "Businesses contribute to Sustainable Development Goals in Albania",
        "E-MINDFUL: Enhancing European Migration Narrative to Develop Further Union’s Long-term actions",
        "Local Employment Partnerships 2",
    }
    lep = next(r for r in rows if r[2] == "Local Employment Partnerships 2")
    assert lep[3:] == ("2021-01-01", "2023-12-31", "Bosnia and Herzegovina", "European Union")
    assert run(kg, "projects-active-on", date="2019-01-01") == []


def test_q3_projects_by_funder(kg):
    eu = {
        r[1].rsplit("/", 1)[-1]
        for r in run(kg, "projects-by-funder", funder=ID + "organization/european-union")
    }
    assert eu == {
        "employment-and-social-affairs-platform",
        "local-employment-partnerships-2",
        "eu4business",
        "project-to-strengthen-labour-market-institutions-in-the-republic-of-moldova",
    }
    sweden = {r[2] for r in run(kg, "projects-by-funder", funder="government-of-sweden")}
    assert sweden == {
        "Access to Justice in Labour Disputes through Mediation and Conciliation in Albania",
        "Empowering Women Against COVID-19",
    }


def test_q4_office_staff_with_dated_titles(kg):
    rows = run(kg, "office-staff", office=ID + "office/dwt-co-budapest")
    got = {(r[2], r[3], r[4]) for r in rows}
    assert got == {
        ("Alessandra Molz", "Skills Specialist", "2021-08-16"),
        ("Amra Seleskovic", "Technical Officer on Strategies for Local Employment Development", "2021-11-11"),
        ("Daniela Zampini", "Employment Specialist", "2021-06-14"),
        ("Iulia Drumea", "Employers' Organizations Specialist", "2021-07-16"),
        (
            "Kenichi Hirose",
            "Senior Technical Specialist for Social protection, Occupational Safety and Health, and Labour inspection",
            "2021-08-03",
        ),
        ("Magnus Berge", "Senior Specialist for Workers' Organizations", "2021-06-14"),
        ("Magnus Berge", "Technical Specialist", "2024-03-12"),
        ("Maria José Chamorro", "Gender Specialist", "2024-02-26"),
        ("Markus Pilgrim", "Director", "2021-09-15"),
    }
    themes: dict[str, set[str]] = {}
    for r in rows:
        themes.setdefault(r[2], set()).add(r[6])
    assert themes["Alessandra Molz"] == {"Skills and employability"}
    assert {"Social protection", "Labour inspection", "Occupational safety and health"} <= themes[
        "Kenichi Hirose"
    ]


def test_q5_ratifications(kg):
    assert run(kg, "ratifications") == [
        (ID + "country/GEO", "Georgia", ID + "convention/MLC2006", "MLC, 2006", "2024-02-15", "105"),
        (ID + "country/BGR", "Bulgaria", ID + "convention/C155", "C155", "2024-04-10", None),
        (ID + "country/BGR", "Bulgaria", ID + "convention/C187", "C187", "2024-04-10", None),
    ]


def test_q6_what_happened_in_a_country(kg):
    rows = run(kg, "country-timeline", country=ID + "country/BGR")
    assert [(r[1], r[2]) for r in rows] == [
        ("2024-04-10", "event"),
        ("2024-04-10", "event"),
        ("2024-04-10", "news"),
    ]
    dates = column(run(kg, "country-timeline", country=ID + "country/ALB"), 1)
    assert dates == sorted(dates) and len(dates) >= 5
    tjk = run(kg, "country-timeline", country=ID + "country/TJK")
    assert {r[2] for r in tjk} == {"news", "event"}
    assert {r[1] for r in tjk} == {"2020-09-15"}


def test_q7_national_coordinators(kg):
    assert {r[0].rsplit("/", 1)[-1] for r in run(kg, "national-coordinators")} == {
        "ALB",
        "ARM",
        "AZE",
        "BIH",
        "KAZ",
        "KGZ",
        "MDA",
        "MKD",
        "SRB",
        "TJK",
        "UKR",
        "UZB",
    }


@pytest.mark.parametrize(
    ("country", "office"),
    [
        ("MDA", "dwt-co-budapest"),
        ("KGZ", "dwt-co-moscow"),
        ("XKX", "dwt-co-budapest"),
        ("LUX", "ilo-office-in-brussels"),
        ("SMR", "ilo-office-in-rome"),
        ("NOR", "regional-office-for-europe-and-central-asia"),
    ],
)
def test_q8_office_for_country(kg, country, office):
    rows = run(kg, "office-for-country", country=ID + "country/" + country)
    assert [r[1] for r in rows] == [ID + "office/" + office]


def test_q9_projects_by_theme(kg):
    child = {r[2] for r in run(kg, "projects-by-theme", theme=ID + "theme/child-labour")}
    assert child == {
        "MAP16 in Kosovo: Measurement, awareness-raising and policy engagement to accelerate action against child "
        "labour and forced labour"
    }
    migration = {r[1].rsplit("/", 1)[-1] for r in run(kg, "projects-by-theme", theme="labour-migration")}
    assert (
        "e-mindful-enhancing-european-migration-narrative-to-develop-further-unions-long-term-actions"
        in migration
    )
    ils = {
        r[1].rsplit("/", 1)[-1] for r in run(kg, "projects-by-theme", theme="international-labour-standards")
    }
    assert "improving-compliance-with-key-international-labour-standards-in-ukraine" in ils
    assert (
        "map16-in-kosovo-measurement-awareness-raising-and-policy-engagement-to-accelerate-action-against-child-labour-and-forced-labour"
        in ils
    )  # narrower themes count


def test_q10_project_profile(kg):
    rows = run(kg, "project-profile", project=ID + "project/local-employment-partnerships-2")
    facts = {(r[1], r[3]) for r in rows}
    assert ("funder", "European Union") in facts
    assert ("country", "Bosnia and Herzegovina") in facts
    assert ("staff", "Amra Seleskovic") in facts
    assert ("planned beneficiaries", "1600") in facts
    assert ("planned jobs", "600") in facts
    assert ("implemented by", "International Labour Organization") in facts
    news = {v for f, v in facts if f == "news"}
    assert len(news) >= 2
