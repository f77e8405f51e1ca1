"""Extractors: every item of the five seed pages and of the fixture pages, checked exactly."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from ilo_kg.records import (
    CoordinatorStatement,
    CoverageStatement,
    NewsItem,
    OfficeIdentity,
    OfficeNetworkStatement,
    Page,
    PageKind,
    ProjectItem,
)
from ilo_kg.sources import PageError, detect_kind, extract, extract_text
from ilo_kg.sources.common import parse_date, parse_range, split_list

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "data" / "sources"
PAGES = ROOT / "tests" / "fixtures" / "pages"

MOSCOW_10 = (
    "Azerbaijan", "Armenia", "Belarus", "Georgia", "Kazakhstan", "Kyrgyzstan", "Russian Federation",
    "Tajikistan", "Turkmenistan", "Uzbekistan",
)  # fmt: skip
BUDAPEST_17 = (
    "Albania", "Bosnia and Herzegovina", "Bulgaria", "Croatia", "Czechia", "Estonia", "Hungary", "Latvia",
    "Lithuania", "Moldova", "Montenegro", "North Macedonia", "Poland", "Romania", "Serbia", "Slovakia",
    "Ukraine",
)  # fmt: skip
COORDINATORS_12 = (
    "Albania", "Armenia", "Azerbaijan", "Bosnia and Herzegovina", "Kazakhstan", "Kyrgyzstan", "Moldova",
    "North Macedonia", "Serbia", "Tajikistan", "Ukraine", "Uzbekistan",
)  # fmt: skip


def seed(prefix: str) -> Page:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return extract(path)


def page(name: str) -> Page:
    return extract(PAGES / name)


def news_fields(p: Page) -> list[tuple[object, ...]]:
    return [(n.number, n.line, n.published, n.group, n.credit, n.category, n.headline) for n in p.news]


# --- common helpers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1 March 2022", date(2022, 3, 1)),
        ("03 August 2021", date(2021, 8, 3)),
        ("3 August 2021", date(2021, 8, 3)),
        ("March 5, 2022", date(2022, 3, 5)),
        ("  29 February 2024 ", date(2024, 2, 29)),
        ("November 2021", None),
        ("31 February 2022", None),
        ("The project started on 1 March 2022", None),
    ],
)
def test_parse_date(text: str, expected: date | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "1 March 2022 - 31 December 2023",
        "1 March 2022 – 31 December 2023",
        "1 March 2022 — 31 December 2023",
        "1 March 2022—31 December 2023",
        "1 March 2022 to 31 December 2023",
        "01 March 2022 until 31 December 2023",
    ],
)
def test_parse_range_dashes(text: str) -> None:
    assert parse_range(text) == (date(2022, 3, 1), date(2023, 12, 31))


def test_parse_range_start_without_year_takes_end_year() -> None:
    assert parse_range("1 March – 31 December 2023") == (date(2023, 3, 1), date(2023, 12, 31))
    assert parse_range("1 March 2022") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A, B and C", ["A", "B", "C"]),
        ("A, B, and C.", ["A", "B", "C"]),
        ("Albania, Bosnia and Herzegovina and Serbia", ["Albania", "Bosnia and Herzegovina", "Serbia"]),
        ("Serbia and Bosnia and Herzegovina", ["Serbia", "Bosnia and Herzegovina"]),
        ("Serbia, and Kosovo*", ["Serbia", "Kosovo"]),
        ("Paris and Rome (also covering San Marino)", ["Paris", "Rome (also covering San Marino)"]),
    ],
)
def test_split_list(text: str, expected: list[str]) -> None:
    assert split_list(text) == expected


# --- seed 000: project listing ------------------------------------------------------------------


def test_seed_000_projects() -> None:
    p = seed("000")
    assert p.kind is PageKind.PROJECT_LISTING
    assert p.source_id == "000-cbae26d3a4f12fc4"
    assert p.title == "Overview of current projects"
    assert [(x.line, x.text[:40]) for x in p.paragraphs] == [(3, "The ILO operates a wide range of program")]
    got = [(x.number, x.line, x.start, x.end, x.title, x.truncated) for x in p.projects]
    assert got == [
        (1, 5, date(2022, 3, 1), date(2023, 12, 31),
         "Businesses contribute to Sustainable Development Goals in Albania", False),
        (2, 11, date(2021, 6, 1), date(2023, 12, 31),
         "E-MINDFUL: Enhancing European Migration Narrative to Develop Further Union’s Long-term "
         "actions", False),
        (3, 17, date(2021, 1, 1), date(2023, 12, 31), "Local Employment Partnerships 2", False),
        (4, 23, date(2019, 10, 1), date(2023, 9, 30),
         "MAP16 in Kosovo: Measurement, awareness-raising and policy engagement to accelerate action against "
         "child labour and forced labour", False),
        (5, 29, date(2019, 11, 1), date(2023, 9, 30), "Employment and Social Affairs Platform", False),
        (6, 35, date(2020, 3, 16), date(2023, 9, 23),
         "Improving compliance with key International Labour Standards in Ukraine", False),
        (7, 41, date(2019, 9, 1), date(2023, 8, 31),
         "Access to Justice in Labour Disputes through Mediation and Conciliation in Albania", False),
    ]  # fmt: skip
    assert p.projects[0].description.startswith("The new project implemented by multiple UN agencies")
    assert p.projects[0].description.endswith("the EU Green Agenda.")
    assert "Kosovo* by supporting" in p.projects[3].description
    assert p.projects[4].description.endswith("start working on combating undeclared work.")
    assert p.projects[6].description.endswith("amicable settlements of labour disputes.")
    assert all(x.description and "\n" not in x.description for x in p.projects)
    assert p.news == () and p.warnings == ()


# --- seed 001: news by month --------------------------------------------------------------------


def test_seed_001_news_by_month() -> None:
    p = seed("001")
    assert p.kind is PageKind.NEWS_LISTING
    assert p.title == ""
    assert len(p.news) == 10
    assert news_fields(p) == [
        (1, 3, date(2021, 11, 11), "November 2021", None, None,
         "MEET THE PROJECT MANAGER: Amra Seleskovic, Technical Officer on Strategies for Local Employment "
         "Development"),
        (1, 11, date(2021, 9, 15), "September 2021", None, None,
         "MEET THE DIRECTOR: What has been the impact of the pandemic in the region?"),
        (1, 19, date(2021, 8, 16), "August 2021", None, None,
         "MEET THE SPECIALISTS: Alessandra Molz, Skills"),
        (2, 25, date(2021, 8, 3), "August 2021", None, None,
         "Albanian judges use International Labour Standards in court decisions"),
        (3, 31, date(2021, 8, 3), "August 2021", "ILO 2021", None,
         "Meet the Specialists: Kenichi Hirose, Social protection"),
        (1, 41, date(2021, 7, 16), "July 2021", None, None,
         "Meet the Specialists: Iulia Drumea, Employers' organizations"),
        (1, 49, date(2021, 6, 14), "June 2021", None, None,
         "Meet the Specialists: Daniela Zampini, Employment creation"),
        (2, 55, date(2021, 6, 14), "June 2021", None, None,
         "Meet the Specialists: Magnus Berge, Workers organizations"),
        (1, 63, date(2021, 5, 6), "May 2021", None, None,
         "EU4Business ILO project supported start-ups in Bosnia and Herzegovina: Stories of beneficiaries"),
        (2, 69, date(2021, 5, 5), "May 2021", None, None,
         "ILO provides cash transfers for female textile workers dismissed because of the COVID-19 pandemic "
         "in Albania"),
    ]  # fmt: skip
    assert p.news[0].summary.startswith("In this video, Amra Seleskovic")
    assert p.news[0].summary.endswith("600 new jobs will be created.")
    assert p.news[3].summary.endswith("funded by the Government of Sweden.")
    assert p.news[4].summary.startswith("Ken Hirose, Senior Technical Specialist")
    assert p.news[7].summary.endswith("based on International Labour Standards.")
    assert p.news[9].summary.startswith("Through the “Empowering Women Against COVID-19” project")
    assert not any(n.truncated for n in p.news)
    assert p.warnings == ()


# --- seed 002: What's new -----------------------------------------------------------------------


def test_seed_002_whats_new() -> None:
    p = seed("002")
    assert p.kind is PageKind.NEWS_LISTING
    assert p.title == "What's new"
    assert news_fields(p) == [
        (1, 3, date(2024, 4, 11), None, "ILO 2024", "Employment creation in Moldova",
         "ILO Director-General launches new EU-backed project to strengthen labour market institutions in "
         "the Republic of Moldova, during first joint ILO-European Commission visit to the country"),
        (2, 13, date(2024, 4, 10), None, None, "Occupational Safety and Health",
         "Bulgaria renews its commitment to the promotion of occupational safety and health"),
        (3, 21, date(2024, 3, 22), None, "iStock 2024", "Labour inspection",
         "How digitalization, paired with artificial intelligence, helps labour inspectorates address "
         "undeclared work in Albania"),
        (4, 31, date(2024, 3, 12), None, None, "Video",
         "Meet the Technical Specialist: Magnus Berge, Workers' organisations"),
        (5, 39, date(2024, 3, 8), None, None, "SCORE training",
         "Step by step: Albanian textile and footwear factories improve productivity and working conditions"),
        (6, 47, date(2024, 2, 29), None, None, "Video",
         "Voices of beneficiaries: Local Employment Partnership Gradiška, Bosnia and Herzegovina"),
        (7, 55, date(2024, 2, 26), None, None, "Video",
         "Meet the ILO Specialist: Maria José Chamorro, Gender equality"),
        (8, 63, date(2024, 2, 22), None, "ILO 2024", None,
         "ILO and the Government of Ukraine working towards recovery and decent work in the war-torn "
         "country"),
        (9, 72, date(2024, 2, 15), None, None, "Maritime Labour Convention",
         "Georgia joins efforts to protect seafarers’ rights by ratifying the Maritime Labour Convention"),
        (10, 80, date(2024, 2, 2), None, "AFP/Europress 2024", None,
         "Shaping migration narratives: Insights from the ILO/OSCE E-MINDFUL project"),
    ]  # fmt: skip
    assert p.news[1].summary == "Bulgaria ratifies the two fundamental Conventions Nos. 155 and 187."
    assert p.news[8].summary == (
        "Georgia is the 105th Member State of the ILO to have ratified the Convention."
    )
    assert p.news[9].summary.startswith("The E-MINDFUL project, which closed in December 2023")
    assert not any(n.truncated for n in p.news)
    assert p.warnings == ()


# --- seed 003: regional About us -----------------------------------------------------------------


def test_seed_003_about_page() -> None:
    p = seed("003")
    assert p.kind is PageKind.ABOUT_PAGE
    assert p.title == "About us"
    assert p.coverage == (
        CoverageStatement("ILO DWT/CO in Moscow", "Moscow", MOSCOW_10, 5),
        CoverageStatement("ILO DWT/CO in Budapest", "Budapest", BUDAPEST_17, 6, also=("Kosovo",)),
    )
    assert p.network == (
        OfficeNetworkStatement("Brussels", 12, "liaison", ("Benelux countries",),
                               liaison=("European Union Institutions",)),
        OfficeNetworkStatement("Ankara", 12),
        OfficeNetworkStatement("Berlin", 12),
        OfficeNetworkStatement("Lisbon", 12),
        OfficeNetworkStatement("Madrid", 12),
        OfficeNetworkStatement("Paris", 12),
        OfficeNetworkStatement("Rome", 12, covers=("San Marino",)),
        OfficeNetworkStatement("Geneva", 12, fallback=True, office="Regional Office"),
    )  # fmt: skip
    assert p.coordinators == (CoordinatorStatement(COORDINATORS_12, 16),)
    assert p.identity == (OfficeIdentity("ILO Regional Office", 4, city="Geneva", country_count=51),)
    assert [(x.line, x.section) for x in p.paragraphs] == [
        (3, None), (4, None), (5, None), (6, None), (8, None),
        (12, "ILO country Offices"), (16, "National coordinators"),
        (20, "Priorities for the European and Central Asian Region"),
    ]  # fmt: skip
    assert p.paragraphs[2].text.startswith("Under the responsibility of the ILO DWT/CO in Moscow")
    assert p.news == () and p.projects == () and p.warnings == ()


# --- seed 004: Moscow office page ---------------------------------------------------------------


def test_seed_004_office_page() -> None:
    p = seed("004")
    assert p.kind is PageKind.OFFICE_PAGE
    assert p.title == "ILO DWT and Country Office for Eastern Europe and Central Asia"
    name = "ILO Decent Work Technical Support Team and Country Office for Eastern Europe and Central Asia"
    assert p.identity == (
        OfficeIdentity(
            name, 3, former_names=("ILO Subregional Office for Eastern Europe and Central Asia",),
            renamed="April 2010", city="Moscow", since_year=1959, country_count=10,
        ),
    )  # fmt: skip
    assert p.coverage == (CoverageStatement(name, "Moscow", MOSCOW_10, 3, stated_count=10),)
    assert news_fields(p) == [
        (1, 7, date(2020, 9, 15), None, None, None,
         "ILO and Republic of Tajikistan Signed Decent Work Country Programme for 2020-2024"),
        (2, 13, date(2020, 9, 10), None, "G20 2020", None,
         "ILO welcomes G20 commitment to inclusive, employment-focused recovery from COVID-19 crisis"),
        (3, 21, date(2020, 9, 9), None, "Natallia Rak 2020", None,
         "ILO calls on Belarus President to respect workers’ rights and freedoms amid protests"),
        (4, 29, date(2020, 9, 9), None, "dpu-ucl 2020", None,
         "New Climate Action for Jobs Board calls for a sustainable recovery from the COVID-19 crisis"),
        (5, 37, date(2020, 8, 27), None, None, None,
         "Analysis of the short-term demand for the skilled labor force in Djalal-Abad oblast of the Kyrgyz "
         "Republic"),
    ]  # fmt: skip
    assert p.news[0].summary.endswith("signed a Decent Work Country Programme (DWCP) for 2020-2024")
    assert p.news[4].summary.endswith("in the Chuy and Jalal-Abad oblasts.")
    assert [x.line for x in p.paragraphs] == [3]
    assert p.network == () and p.coordinators == () and p.warnings == ()


def test_seed_kinds_detected_from_text() -> None:
    kinds = [detect_kind(f.read_text("utf-8"), str(f)) for f in sorted(SEEDS.glob("00[0-4]_*.txt"))]
    assert kinds == [
        PageKind.PROJECT_LISTING, PageKind.NEWS_LISTING, PageKind.NEWS_LISTING,
        PageKind.ABOUT_PAGE, PageKind.OFFICE_PAGE,
    ]  # fmt: skip


# --- fixture pages: other pages of the same kinds -------------------------------------------------


def test_fixture_project_listing_dashes_skips_and_truncation() -> None:
    p = page("projects_2019_listing.txt")
    assert p.kind is PageKind.PROJECT_LISTING
    assert p.source_id == "projects-2019-listing"
    assert [(x.line, x.text) for x in p.paragraphs] == [
        (3, "The ILO runs projects in the Western Balkans and Eastern Europe."),
        (6, "The projects below support the Decent Work Country Programmes."),
    ]
    assert p.projects == (
        ProjectItem(1, "Strengthening labour inspection in Serbia", date(2019, 3, 1), date(2021, 2, 28),
                    "The project helps the Labour Inspectorate of Serbia to plan inspections on the basis of "
                    "risk.", 8),
        ProjectItem(2, "Youth employment in Kosovo*: “Skills for jobs”", date(2018, 1, 5),
                    date(2020, 12, 31),
                    "The project improves the employability of young women and men in Kosovo* through "
                    "on-the-job training.", 16),
        ProjectItem(4, "Social dialogue in North Macedonia and Montenegro", date(2019, 6, 15),
                    date(2022, 6, 14),
                    "The project strengthens the economic and social councils. It also trains mediators.",
                    22),
        ProjectItem(5, "Green jobs for Albania", date(2020, 7, 1), date(2023, 6, 30),
                    "The project assists employers in Albania to", 30, truncated=True),
    )  # fmt: skip
    assert [(w.line, w.message) for w in p.warnings] == [
        (22, "numbering skips from 2 to 4"),
        (30, "project 5 is cut off (last item ends mid-sentence)"),
    ]
    assert all(w.path.endswith("projects_2019_listing.txt") for w in p.warnings)


def test_fixture_project_cut_before_dates_is_dropped() -> None:
    text = (
        "Overview of current projects\n\n  1. A project\n\n    1 May 2020 - 1 May 2021\n\n    Done.\n\n"
        "  2. Cut"
    )
    p = extract_text(text, "cut.txt")
    assert [x.title for x in p.projects] == ["A project"]
    assert [str(w) for w in p.warnings] == ["cut.txt:9: project 2 cut off before its dates; dropped"]


def test_fixture_news_by_month_credits_countries_quotes() -> None:
    p = page("news_2022_by_month.txt")
    assert p.kind is PageKind.NEWS_LISTING
    assert p.news == (
        NewsItem(1, "Serbia’s new Law on Agency Employment enters into force", date(2022, 3, 1),
                 "The ILO supported the drafting of the law, which protects the rights of workers hired "
                 "through “temporary work agencies”.", 3, category="Serbia", credit="ILO 2022",
                 group="March 2022"),
        NewsItem(1, "Labour inspectors in Kosovo* trained on occupational safety and health",
                 date(2022, 2, 24),
                 "Thirty labour inspectors completed a five-day course organized by the ILO.", 16,
                 category="Kosovo*", group="February 2022"),
        NewsItem(2, "ILO and EU launch a new phase of the Employment and Social Affairs Platform",
                 date(2022, 2, 7),
                 "The regional project will work in six Western Balkan economies until 2025.",
                 24, credit="Marko Petrović 2022", group="February 2022"),
        NewsItem(1, "North Macedonia ratifies the Violence and Harassment Convention", date(2022, 1, 13),
                 "North Macedonia became the 11th country to ratify Convention No. 190.", 34,
                 group="January 2022"),
    )  # fmt: skip
    assert p.warnings == ()


def test_fixture_whats_new_blank_category_and_truncated_last() -> None:
    p = page("whats_new_2023.txt")
    assert p.kind is PageKind.NEWS_LISTING
    assert p.title == "What’s new"
    assert p.news == (
        NewsItem(1, "Local Employment Partnerships create 600 jobs in Bosnia and Herzegovina",
                 date(2023, 12, 14),
                 "The EU-funded project closed its second phase with 600 new jobs.", 3,
                 category="Bosnia and Herzegovina", credit="ILO 2023"),
        NewsItem(2, "Meet the Specialist: Jane Doe, Social protection", date(2023, 12, 5),
                 "Jane Doe explains how she supports social protection reform in the sub-region.", 13,
                 category="Video"),
        NewsItem(3, "Moldova’s social partners sign a new collective agreement", date(2023, 11, 20),
                 "The agreement covers workers in the construction sector.", 22, credit="ILO 2023"),
        NewsItem(5, "Albania adopts a list of hazardous work for children", date(2023, 11, 2),
                 "The Council of Ministers adopted the list with ILO support, and the", 31,
                 category="Child labour", truncated=True),
    )  # fmt: skip
    assert [(w.line, w.message) for w in p.warnings] == [
        (31, "numbering skips from 3 to 5"),
        (31, "news item 5 is cut off (last item ends mid-sentence)"),
    ]


def test_fixture_office_home_page_former_name_and_kosovo() -> None:
    p = page("office_budapest_home.txt")
    assert p.kind is PageKind.OFFICE_PAGE
    assert p.title == "ILO DWT/CO Budapest"
    name = "ILO Decent Work Technical Support Team and Country Office for Central and Eastern Europe"
    assert p.identity == (
        OfficeIdentity(name, 3, former_names=("ILO Subregional Office for Central and Eastern Europe",),
                       renamed="April 2010", city="Budapest", country_count=18),
    )  # fmt: skip
    countries = ("Albania", "Bosnia and Herzegovina", "Montenegro", "North Macedonia", "Serbia", "Ukraine")
    assert p.coverage == (CoverageStatement(name, "Budapest", countries, 4, also=("Kosovo",)),)
    assert p.news == (
        NewsItem(1, "Montenegro’s Social Council holds its first tripartite meeting on wages",
                 date(2019, 10, 9),
                 "The Council agreed to review the minimum wage every year.", 8, category="Montenegro",
                 credit="ILO 2019"),
    )  # fmt: skip
    assert [(w.line, w.message) for w in p.warnings] == [
        (18, "news item 2 has no date (last item cut off); dropped")
    ]


def test_fixture_country_office_about_page() -> None:
    p = page("office_turkiye_about.txt")
    assert p.kind is PageKind.ABOUT_PAGE
    assert p.title == "About the ILO Office for Türkiye"
    assert p.identity == (
        OfficeIdentity("ILO Office for Türkiye", 3, former_names=("ILO Office in Ankara",), city="Ankara",
                       since_year=1976),
    )  # fmt: skip
    assert p.coverage == (CoverageStatement("ILO Office for Türkiye", "Ankara", ("Türkiye",), 4),)
    assert p.network == (
        OfficeNetworkStatement("Berlin", 6),
        OfficeNetworkStatement("Paris", 6),
        OfficeNetworkStatement("Rome", 6, covers=("San Marino", "the Holy See")),
        OfficeNetworkStatement("Geneva", 6, fallback=True,
                               office="ILO Regional Office for Europe and Central Asia"),
    )  # fmt: skip
    assert p.coordinators == (CoordinatorStatement(("Georgia", "Kyrgyzstan", "Moldova"), 10),)
    assert p.paragraphs[-1].section == "National coordinators"
    assert p.warnings == ()


def test_explicit_kind_is_used() -> None:
    p = extract(PAGES / "whats_new_2023.txt", PageKind.NEWS_LISTING)
    assert p.kind is PageKind.NEWS_LISTING and len(p.news) == 4


# --- bad input -------------------------------------------------------------------------------------


def test_page_of_no_known_kind_raises_naming_file() -> None:
    with pytest.raises(PageError, match=r"not_a_page\.txt:1: fits no known page kind"):
        extract(PAGES / "not_a_page.txt")


def test_non_utf8_file_raises_naming_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("What's new\n\n  1. Caf\xe9 news\n".encode("latin-1"))
    with pytest.raises(PageError, match=r"latin1\.txt:3: not UTF-8"):
        extract(bad)


@pytest.mark.parametrize("content", ["", "\n\n   \n"])
def test_empty_file_raises_naming_file(tmp_path: Path, content: str) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text(content, encoding="utf-8")
    with pytest.raises(PageError, match=r"empty\.txt: empty file"):
        extract(empty)


def test_missing_file_raises_page_error(tmp_path: Path) -> None:
    with pytest.raises(PageError, match=r"missing\.txt: cannot read"):
        extract(tmp_path / "missing.txt")


def test_page_error_is_value_error() -> None:
    assert issubclass(PageError, ValueError)
    with pytest.raises(ValueError, match=r"x\.txt: empty page"):
        detect_kind("  ", "x.txt")


def test_items_without_indentation_or_blank_lines() -> None:
    text = (
        "What's new\n\n1. Video\nSome headline here\n3 May 2024\nSummary.\n"
        "2. © ILO 2024\nAnother headline\n4 May 2024\nSummary two.\n"
    )
    p = extract_text(text, "flat.txt")
    assert p.kind is PageKind.NEWS_LISTING
    assert p.news == (
        NewsItem(1, "Some headline here", date(2024, 5, 3), "Summary.", 3, category="Video"),
        NewsItem(2, "Another headline", date(2024, 5, 4), "Summary two.", 7, credit="ILO 2024"),
    )
