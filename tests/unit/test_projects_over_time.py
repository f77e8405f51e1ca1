"""A project listed again with the same title but other dates is another resource, never a merge."""

from __future__ import annotations

from datetime import date

from tests.conftest import ROOT

from ilo_kg.iris import Minter
from ilo_kg.link import Gazetteer
from ilo_kg.reference import load_reference

TITLE = "Local Employment Partnerships in Bosnia and Herzegovina"


def gazetteer() -> Gazetteer:
    minter = Minter("https://w3id.org/ilo-kg/")
    return Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), minter)


def test_same_title_other_dates_is_another_project() -> None:
    gz = gazetteer()
    first = gz.listed_project(TITLE, date(2016, 1, 1), date(2019, 12, 31))
    again = gz.listed_project(TITLE, date(2016, 1, 1), date(2019, 12, 31))
    later = gz.listed_project(TITLE, date(2021, 1, 1), date(2023, 12, 31))
    assert again == first
    assert later.iri != first.iri and later.iri.endswith("-2021")
    assert later.label == TITLE
    # the later listing, asked again, is the same later resource
    assert gz.listed_project(TITLE, date(2021, 1, 1), date(2023, 12, 31)) == later


def test_a_similar_title_with_the_same_start_is_the_same_project() -> None:
    gz = gazetteer()
    first = gz.listed_project(TITLE, date(2016, 1, 1), date(2019, 12, 31))
    variant = gz.listed_project(TITLE + " (LEP)", date(2016, 1, 1), None)
    assert variant == first
