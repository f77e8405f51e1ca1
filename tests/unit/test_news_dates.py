"""News dates to the precision the page gives: a date line cut off with the page keeps its month heading."""

from __future__ import annotations

from datetime import date

import pytest

from ilo_kg.sources import extract_text
from ilo_kg.sources.news import cut_date_month

LISTING = """News

March 2022

  1. Chamber earns safety certification

    21 March 2022

    Through collaborative work with the ILO Office for Turkey, the Chamber earned an ISO certification.

  2. Social Procurement Guide is now one click away!

    15 Ma
"""


@pytest.mark.parametrize(
    ("text", "group", "month"),
    [
        ("15 Ma", "March 2022", date(2022, 3, 1)),
        ("12", "June 2015", date(2015, 6, 1)),
        ("3 Sept", "September 2019", date(2019, 9, 1)),
        ("15 Ma", "June 2022", None),  # the cut text disagrees with the heading
        ("15 Ma", None, None),  # no month heading: no date
        ("15 Ma", "Press releases", None),
        ("Applicati", "March 2022", None),  # not a date at all
        ("150 workers", "March 2022", None),
    ],
)
def test_a_cut_date_takes_the_month_of_its_heading(text: str, group: str | None, month: date | None) -> None:
    assert cut_date_month(text, group) == month


def test_the_last_item_of_a_cut_listing_is_dated_by_its_month() -> None:
    page = extract_text(LISTING, "listing.txt")
    first, last = page.news
    assert (first.published, first.precision) == (date(2022, 3, 21), "day")
    assert (last.headline, last.published, last.precision) == (
        "Social Procurement Guide is now one click away!",
        date(2022, 3, 1),
        "month",
    )
    assert any("date cut off" in w.message for w in page.warnings)


def test_only_the_last_item_is_taken_as_cut() -> None:
    listing = LISTING.replace("15 Ma\n", "15 Ma\n\n  3. Another item\n\n    14 March 2022\n\n    Text.\n")
    page = extract_text(listing, "listing.txt")
    assert [n.headline for n in page.news] == ["Chamber earns safety certification", "Another item"]


def test_an_item_dated_by_a_span_of_days_takes_its_first_day() -> None:
    listing = LISTING.replace("21 March 2022", "3 - 4 March 2022")
    assert extract_text(listing, "listing.txt").news[0].published == date(2022, 3, 3)
    listing = LISTING.replace("21 March 2022", "3 - 4 Marchember 2022")  # no month: no date, item dropped
    assert [n.headline for n in extract_text(listing, "listing.txt").news] == [
        "Social Procurement Guide is now one click away!"
    ]
