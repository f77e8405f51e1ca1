"""An event the page places only by a city of the region is in that city's country (data/reference/cities.csv)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import RDF, Graph
from tests.conftest import ROOT

from ilo_kg.iris import ILO, Minter
from ilo_kg.link import Gazetteer
from ilo_kg.mapping.pages import map_page
from ilo_kg.reference import ReferenceError, load_cities, load_reference
from ilo_kg.sources import extract_text

MINTER = Minter("https://w3id.org/ilo-kg/")
COUNTRY = "https://w3id.org/ilo-kg/id/country/"


def _gazetteer() -> Gazetteer:
    return Gazetteer.from_reference(load_reference(ROOT / "data" / "reference"), MINTER)


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Interagency Training Workshop on HIV Prevention in Volgograd", ["RUS"]),
        ("Training sessions in Mersin and Adana informed seasonal agricultural workers", ["TUR"]),
        ("23-24 November 2023, TASHKENT – The ILO staff gathered here", ["UZB"]),
        ("A conference in Tbilisi, then a training in Baku", ["GEO", "AZE"]),
        # a bare name is a person or stands for a body; a city outside the table places nothing
        ("Sofia Petrova presented the report", []),
        ("Brussels decided to fund the project", []),
        ("The workshop was held in Springfield", []),
        ("Participants from Moscow State University", []),
        ("in Saint Petersburgers' homes", []),
    ],
)
def test_city_countries(text: str, codes: list[str]) -> None:
    assert [str(e.iri).removeprefix(COUNTRY) for e in _gazetteer().city_countries(text)] == codes


def test_every_city_names_a_country_of_the_region() -> None:
    ref = load_reference(ROOT / "data" / "reference")
    codes = {c.alpha3 for c in ref.countries}
    assert ref.cities and all(c.alpha3 in codes and c.source_note for c in ref.cities)


@pytest.mark.parametrize(
    ("row", "error"),
    [
        ("Moscow,RU,capital,capital", "iso_alpha3"),
        ("Moscow,RUS,town,capital", "kind"),
        ("moscow,RUS,capital,capital", "name"),
        ("Moscow,RUS,capital,", "source_note"),
    ],
)
def test_bad_city_rows_are_refused(tmp_path: Path, row: str, error: str) -> None:
    path = tmp_path / "cities.csv"
    path.write_text(f"name,iso_alpha3,kind,source_note\n{row}\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match=error):
        load_cities(path)


def test_a_duplicate_city_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cities.csv"
    path.write_text("name,iso_alpha3,kind,source_note\nOsh,KGZ,city,a\nOsh,KGZ,city,b\n", encoding="utf-8")
    with pytest.raises(ReferenceError, match="duplicate"):
        load_cities(path)


NEWS = """News

March 2019

  1. Interagency Training Workshop on HIV Prevention in Volgograd

    23 March 2019

    The workshop gathered specialists of the region to share their practice in prevention at work.

  2. Seminar on labour statistics for experts from Armenia

    12 March 2019

    A seminar was held in Moscow for statisticians who compile the labour force survey.
"""


def test_an_event_placed_only_by_its_city_is_in_its_country() -> None:
    graph = Graph()
    gz = _gazetteer()
    map_page(extract_text(NEWS, "news.txt"), gz, MINTER, graph, sha256="0" * 64, file_name="sources/news.txt")
    places = {
        str(graph.value(ev, ILO.inCountry)).removeprefix(COUNTRY): str(cls).rsplit("#", 1)[-1]
        for ev, cls in graph.subject_objects(RDF.type)
        if (None, ILO.reports, ev) in graph and str(cls).startswith(str(ILO))
    }
    assert places.get("RUS") == "Training"
    # a country the headline names wins over the city the sentence places the meeting in
    assert "ARM" in places
