"""The registry of page kinds: every kind is one row; a page with running text is never refused."""

from __future__ import annotations

from ilo_kg.records import PageKind
from ilo_kg.sources import detect_kind, extract_text
from ilo_kg.sources.kinds import BY_KIND, KINDS

NEWSLETTER = """ILO Budapest Newsletter 2023 March

This issue, among others, reports on the ILO response to the crisis in Ukraine caused by the aggression
of the Russian Federation, after one year of war. The newsletter also introduces programme results and new
projects, including an EU- and SIDA-funded project in Bosnia and Herzegovina, and new collaborations.

The EU and Sweden pooled resources to support a large employment creation program in Bosnia and Herzegovina.
"""

SERVES = (
    "ILO Office for Central and Eastern Europe\n\n"
    "The ILO Decent Work Technical Support Team and Country Office for Central and Eastern Europe, located in "
    "Budapest, Hungary, serves 20 countries and territories in Central and Eastern Europe from the Baltic States "
    "to Albania, and from Czechia to Georgia. The list of countries includes Albania, Bosnia and Herzegovina, "
    "Bulgaria, Croatia, Czechia, Estonia, Georgia, Hungary, Kosovo*, Latvia, Lithuania, the Republic of North "
    "Macedonia, Moldova, Montenegro, Poland, Romania, Serbia, Slovakia, Slovenia and Ukraine.\n"
)


def test_every_kind_is_one_row() -> None:
    assert {k.kind for k in KINDS} == set(PageKind)
    assert set(BY_KIND) == set(PageKind)
    assert all(k.description for k in KINDS)


def test_running_text_is_an_article_not_a_refusal() -> None:
    assert detect_kind(NEWSLETTER, "newsletter.txt") is PageKind.ARTICLE
    page = extract_text(NEWSLETTER, "newsletter.txt")
    assert page.kind is PageKind.ARTICLE and page.title == "ILO Budapest Newsletter 2023 March"
    assert len(page.paragraphs) == 2


def test_a_kind_given_wins_over_detection() -> None:
    page = extract_text(NEWSLETTER, "newsletter.txt", PageKind.NEWS_LISTING)
    assert page.kind is PageKind.NEWS_LISTING


def test_an_office_that_serves_a_list_of_countries_is_read() -> None:
    page = extract_text(SERVES, "office.txt")
    assert page.kind is PageKind.OFFICE_PAGE
    (coverage,) = page.coverage
    assert coverage.stated_count == 20 and coverage.city == "Budapest"
    assert coverage.office.startswith("ILO Decent Work Technical Support Team and Country Office")
    assert len(coverage.countries) == 20
    assert coverage.countries[0] == "Albania" and coverage.countries[-1] == "Ukraine"


def test_coverage_in_the_other_sentence_shapes_of_about_pages() -> None:
    text = (
        "About the office\n\n"
        "The ILO Decent Work Technical Support Team and Country Office for Eastern Europe and Central Asia has "
        "worked in Moscow since 1959. The Office coordinates ILO activities in ten countries – Azerbaijan, "
        "Armenia, Belarus, Georgia, Kazakhstan, Kyrgyzstan, Russian Federation, Tajikistan, Turkmenistan and "
        "Uzbekistan.\n\n"
        "Under the direct responsibility of the Regional Office are the Western-European countries, including "
        "Cyprus, Malta, Israel and Turkey.\n\n"
        "DWT/CO-Budapest serves 18 countries in Central and Eastern Europe. It is also responsible for "
        "coordinating ILO activities in Kosovo as defined by the UN Security Council Resolution 1244.\n"
    )
    page = extract_text(text, "about.txt")
    by_office = {c.office: c for c in page.coverage}
    assert len(by_office["Regional Office"].countries) == 4
    moscow = next(c for c in page.coverage if len(c.countries) == 10)
    assert moscow.countries[0] == "Azerbaijan" and moscow.countries[-1] == "Uzbekistan"
    assert by_office["DWT/CO-Budapest"].stated_count == 18
    assert by_office["DWT/CO-Budapest"].also == ("Kosovo",)
