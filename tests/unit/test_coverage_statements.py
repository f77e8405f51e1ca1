"""Office coverage stated in the shapes the pages use, as records (page text -> coverage statements)."""

from __future__ import annotations

from ilo_kg.records import CoverageStatement, Paragraph
from ilo_kg.sources import extract_text
from ilo_kg.sources.offices import extract_statements


def coverage(text: str) -> list[CoverageStatement]:
    return list(extract_text(text, "test.txt").coverage)


def test_a_served_range_and_a_focus_name_countries_in_passing() -> None:
    page = (
        "Countries covered\n\nDWT/CO-Budapest serves 18 countries in Central and Eastern Europe from the Baltic "
        "States to Albania, from the Czech Republic to Ukraine.\n"
    )
    (counted,) = coverage(page)
    assert (counted.office, counted.stated_count, counted.countries) == ("DWT/CO-Budapest", 18, ())
    assert counted.in_passing == ("Albania", "Czech Republic", "Ukraine")  # the Baltic States: no country
    page = (
        "Team retreat\n\nThe ILO Office for Central and Eastern Europe covers 18 countries with a focus on the "
        "Western Balkans, the Republic of Moldova and Ukraine. The team has 74 staff.\n"
    )
    (focus,) = coverage(page)
    assert focus.in_passing == ("the Republic of Moldova", "Ukraine")


def test_represented_represents_and_serviced_by() -> None:
    page = (
        "In Belgium, the ILO is represented by the ILO Office in Brussels. It has contacts with:\n\nUnions\n"
    )
    (st,) = coverage(page)
    assert (st.office, st.countries) == ("ILO Office in Brussels", ("Belgium",))
    page = (
        "About\n\nThe ILO Office for the European Union and the Benelux countries represents the International "
        "Labour Organization on the one hand to the Benelux countries (Belgium, the Netherlands and "
        "Luxembourg) and on the other hand to the institutions of the European Union.\n"
    )
    (st,) = coverage(page)
    assert st.countries == ("Belgium", "the Netherlands", "Luxembourg")
    page = (
        "About us\n\nThe United Kingdom and Ireland are serviced by a Liaison officer located in the Regional "
        "Office for Europe and Central Asia.\n"
    )
    (st,) = coverage(page)
    assert (st.office, st.countries) == (
        "Regional Office for Europe and Central Asia",
        ("The United Kingdom", "Ireland"),
    )


def test_an_office_for_a_group_and_a_parenthesis_cleaned() -> None:
    page = extract_text(
        "About us\n\nThe ILO has an Office in Brussels for the European Union and the Benelux countries and a "
        "network of Offices in Ankara and Rome (also covering San Marino and the relations with the Holy See, "
        "which has an Observer's status).\n",
        "test.txt",
    )
    by_city = {n.city: n for n in page.network}
    assert by_city["Brussels"].covers == ("Benelux countries",)
    assert by_city["Brussels"].liaison == ("European Union",)
    assert by_city["Rome"].covers == ("San Marino", "the Holy See")


def test_no_coverage_from_other_sentences() -> None:
    for text in (
        "All other countries are serviced by the Regional Office in Geneva.",  # the fallback office
        "The ILO hopes to serve 18 countries from Albania to Ukraine.",  # a hope
        "In Belgium, the minister is represented by her deputy.",  # not the ILO
        "The project serves young people from Albania to Ukraine.",  # no countries served
        "The Office represents the ILO at the meeting (in Brussels).",  # no group of countries
        "The Regional Office covers 51 countries from Lisbon to Vladivostok.",  # cities, not countries
    ):
        found = extract_statements([Paragraph(text, 3)], "News").coverage
        assert [st for st in found if st.countries or st.in_passing] == [], text
