"""Sources that disagree over time: no page refused, each statement kept as a claim, the newest plain."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tests.conftest import ROOT, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

OLD = """What's new

  1. MEET THE SPECIALIST: Jane Roe, Skills

    03 May 2019

    Jane Roe, Skills Specialist of the ILO Office for Central and Eastern Europe explains how she helps
    governments develop vocational training. Skills matter.
"""
NEW = """What's new

  1. MEET THE SPECIALIST: Jane Roe, Skills

    10 June 2023

    Jane Roe, Senior Skills Specialist of the ILO Office for Central and Eastern Europe explains what changed
    in vocational training since 2019. Skills matter more than ever.
"""
JANE = "<https://w3id.org/ilo-kg/id/person/jane-roe>"


@pytest.fixture(scope="module")
def disagreeing(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("claims")
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    sources = root / "data" / "sources"
    sources.mkdir()
    (sources / "100_new.txt").write_text(NEW)
    (sources / "050_old.txt").write_text(OLD)
    out = root / "dist"
    build(Settings(root=root, output=out))
    return root, out


def test_the_plain_title_is_the_newest_and_both_are_kept_as_claims(disagreeing: tuple[Path, Path]) -> None:
    _, out = disagreeing
    with OxigraphStore.open(out / "store", workers=0) as kg:
        titles = values(kg, f"SELECT ?t WHERE {{ {JANE} schema:jobTitle ?t }}")
        assert titles == [("Senior Skills Specialist",)]
        claims = sorted(
            values(
                kg,
                f"""SELECT ?v ?on ?src WHERE {{ ?c a ilo:Claim ; ilo:claimSubject {JANE} ;
                    ilo:claimProperty schema:jobTitle ; ilo:claimValue ?v ; ilo:statedOn ?on ; dcterms:source ?src }}""",
            )
        )
        assert [(v, on) for v, on, _ in claims] == [
            ("Senior Skills Specialist", "2023-06-10"),
            ("Skills Specialist", "2019-05-03"),
        ]
        # each claim sits in the graph of the page that states it
        graphs = values(
            kg,
            f"SELECT ?g ?v WHERE {{ GRAPH ?g {{ ?c ilo:claimSubject {JANE} ; ilo:claimValue ?v }} }} ORDER BY ?v",
        )
        assert [g.rsplit("/", 1)[-1] for g, _ in graphs] == ["100-new", "050-old"]


def test_stats_lists_where_sources_disagree(disagreeing: tuple[Path, Path]) -> None:
    root, _ = disagreeing
    done = subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", "--root", str(root), "stats"],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "where sources disagree: 1" in done.stdout
    assert "050-old (2019-05-03): Skills Specialist" in done.stdout
    assert "100-new (2023-06-10): Senior Skills Specialist  <- current" in done.stdout
