"""Through the real build: a government named by its country's adjective ("the Belgian government") is a
news item's partner where the sentence says it works with the ILO, as done."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import project_root, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

LISTING = """News

April 2014

  1. ILO and Belgium reiterated commitment to decent work

    10 April 2014

    At a consultation in Brussels, the ILO and the Belgian government and social partners underlined the role of decent work.

  2. Belgian government and ILO to promote youth employment in Katanga

    8 April 2014

    A new programme was presented in Kinshasa.

  3. Report on the labour market of Serbia

    5 April 2014

    The ILO presented a report that the Serbian government had requested.
"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("news-partners")
    project_root(root, {"100_news.txt": LISTING})
    build(Settings(root=root, output=root / "dist"))
    with OxigraphStore.open(Path(root / "dist" / "store"), workers=0) as store:
        yield store


def _partners(kg, headline_start: str) -> list[tuple[str]]:
    return values(
        kg,
        f"""SELECT DISTINCT ?o WHERE {{ ?n a ilo:NewsItem ; schema:headline ?h ; ilo:partner ?o
              FILTER(STRSTARTS(STR(?h), "{headline_start}")) }}""",
    )


def test_a_government_named_by_its_adjective_is_a_partner(kg) -> None:
    partners = _partners(kg, "ILO and Belgium")
    assert len(partners) == 1
    assert values(
        kg, f"SELECT ?c WHERE {{ <{partners[0][0]}> a ilo:Government ; schema:areaServed ?c }}"
    ) == [("https://w3id.org/ilo-kg/id/country/BEL",)]


def test_no_partner_in_a_plan_or_a_mention(kg) -> None:
    assert _partners(kg, "Belgian government and ILO") == []  # "... and ILO to promote": a plan
    assert _partners(kg, "Report on the labour market") == []  # the government only named
