"""Through the real build: a country named as funder is its government, never a place the project serves."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import ID, ROOT, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

LISTING = """Overview of current projects

The ILO operates projects in Central and Eastern Europe focusing on international labour standards and jobs.

  1. Skills for jobs in Serbia

    1 March 2022 - 31 December 2024

    The project, funded by Norway, helps Serbian employers train young workers in Belgrade and Nis.

  2. Safer work in Moldova

    1 June 2021 - 31 December 2023

    The project is financed by the Government of Kuwait and works with the Chamber of Commerce of Moldova.
"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("funders")
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    (root / "data" / "sources").mkdir()
    (root / "data" / "sources" / "100_listing.txt").write_text(LISTING)
    build(Settings(root=root, output=root / "dist"))
    with OxigraphStore.open(Path(root / "dist" / "store"), workers=0) as store:
        yield store


def test_a_funding_country_is_its_government_not_a_place_served(kg) -> None:
    project = f"<{ID}project/skills-for-jobs-in-serbia>"
    funders = values(kg, f"SELECT ?f WHERE {{ {project} ilo:fundedBy ?f }}")
    countries = {c for (c,) in values(kg, f"SELECT ?c WHERE {{ {project} ilo:country ?c }}")}
    assert countries == {ID + "country/SRB"}
    assert funders == [(ID + "organization/government-of-norway",)]  # the curated government
    assert values(kg, f"SELECT ?c WHERE {{ <{funders[0][0]}> schema:areaServed ?c }}") == [
        (ID + "country/NOR",)
    ]


def test_a_government_outside_the_region_is_discovered_with_its_country_code(kg) -> None:
    project = f"<{ID}project/safer-work-in-moldova>"
    rows = values(
        kg,
        f"""SELECT ?f ?code ?d WHERE {{ {project} ilo:fundedBy ?f .
              ?f a ilo:Government ; schema:addressCountry ?code ; ilo:discovered ?d }}""",
    )
    assert rows == [(ID + "organization/government-of-kuwait", "KW", "true")]
    chamber = values(
        kg,
        "SELECT ?o WHERE { ?o schema:name ?n ; ilo:discovered true FILTER(STR(?n) = 'Chamber of Commerce of Moldova') }",
    )
    assert chamber == [(ID + "organization/chamber-of-commerce-of-moldova",)]
