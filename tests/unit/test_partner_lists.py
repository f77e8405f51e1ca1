"""Partners named as the members of a group the ILO works with ("... with a wide range of public
institutions. These institutions are mainly A, B, C"), and the programme a page's subtitle names."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests.conftest import ROOT, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.sources import extract_text
from ilo_kg.textfacts import listed_partners

WORKS = (
    "The ILO Office for Turkey is working in close coordination and collaboration with a wide range of public "
    "institutions at central and local levels."
)
NAMED = "These institutions are mainly Ministry of National Education, Turkish Employment Agency and others."


def test_the_members_of_the_group_the_ilo_works_with_are_listed() -> None:
    start = listed_partners(WORKS, NAMED)
    assert start is not None and NAMED[start:].startswith("Ministry of National Education")
    previous = "The ILO has cooperated with several national agencies since 2015."
    sentence = "These agencies include: the State Employment Service and the Labour Inspectorate."
    start = listed_partners(previous, sentence)
    assert start is not None and sentence[start:].startswith("the State Employment Service")


@pytest.mark.parametrize(
    ("previous", "sentence"),
    [
        # planned, denied or possible work is no partnership
        (WORKS.replace("is working", "will work"), NAMED),
        (WORKS.replace("is working", "plans to work"), NAMED),
        (WORKS.replace("is working", "is not working"), NAMED),
        (WORKS.replace("is working", "could work"), NAMED),
        # another group than the one the ILO works with
        (WORKS, NAMED.replace("These institutions", "These agencies")),
        # the sentence before says nothing of the ILO working with a group
        ("Turkey hosts many public institutions at central and local levels.", NAMED),
        ("The Government is working with a wide range of public institutions.", NAMED),
        # a list that does not open the sentence
        (WORKS, "The ILO thanks the institutions, mainly Ministry of National Education."),
        # no sentence before
        ("", NAMED),
    ],
)
def test_no_list_of_partners(previous: str, sentence: str) -> None:
    assert listed_partners(previous, sentence) is None


PAGE = """Syrian Refugees

ILO's Response to the Refugee Crisis

Background

The refugee crisis remains one of the largest and most complex humanitarian emergencies of modern times, and the ILO is playing a role in the livelihoods cluster of the response coordinated by UN agencies.

{works} {named}
"""


def test_a_subtitle_is_the_heading_right_under_the_title() -> None:
    page = extract_text(PAGE.format(works=WORKS, named=NAMED), "x.txt")
    assert (page.title, page.subtitle) == ("Syrian Refugees", "ILO's Response to the Refugee Crisis")
    plain = PAGE.replace("ILO's Response to the Refugee Crisis\n\n", "")
    page = extract_text(plain.format(works=WORKS, named=NAMED), "x.txt")
    assert page.subtitle == "Background"  # a heading all the same, though it names no programme


HOME = """The ILO Office in Somewhere

ILO is a specialized agency of the United Nations

Welcome

The office works on employment, social protection and social dialogue with the governments, workers and \
employers of the countries it covers, and publishes news, reports and other resources on its web site every \
week for all of its readers in the region and beyond.
"""


def _build(root: Path, pages: dict[str, str]) -> OxigraphStore:
    for part in ("ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, root / part)
    shutil.copytree(ROOT / "data" / "reference", root / "data" / "reference")
    (root / "data" / "sources").mkdir()
    for name, text in pages.items():
        (root / "data" / "sources" / name).write_text(text)
    build(Settings(root=root, output=root / "dist"))
    return OxigraphStore.open(Path(root / "dist" / "store"), workers=0)


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    planned = PAGE.replace("Syrian Refugees", "Refugees in Jordan").replace("the Refugee Crisis", "Jordan")
    pages = {
        "100_response.txt": PAGE.format(works=WORKS, named=NAMED),
        "101_planned.txt": planned.format(works=WORKS.replace("is working", "will work"), named=NAMED),
        "102_home.txt": HOME,
    }
    with _build(tmp_path_factory.mktemp("partner-lists"), pages) as store:
        yield store


def test_the_listed_bodies_are_partners_of_the_programme_the_subtitle_names(kg) -> None:
    rows = values(
        kg,
        """SELECT ?name WHERE { ?p a ilo:Project ; skos:prefLabel ?l ; ilo:partner ?o . ?o skos:prefLabel ?name
           FILTER(STR(?l) = "ILO's Response to the Refugee Crisis") } ORDER BY ?name""",
    )
    assert [r[0] for r in rows] == ["Ministry of National Education", "Turkish Employment Agency"]


def test_no_partners_where_the_work_is_planned(kg) -> None:
    programme = """SELECT ?p WHERE { ?p a ilo:Project ; skos:prefLabel ?l FILTER(STR(?l) = "ILO's Response to Jordan") }"""
    assert len(values(kg, programme)) == 1  # the programme is read; only its partners are not
    rows = values(
        kg,
        """SELECT ?o WHERE { ?p skos:prefLabel ?l ; ilo:partner ?o FILTER(STR(?l) = "ILO's Response to Jordan") }""",
    )
    assert rows == []


def test_a_subtitle_mentions_the_bodies_it_names(kg) -> None:
    rows = values(
        kg,
        """SELECT ?o WHERE { ?s ilo:fileName "sources/102_home.txt" ; ilo:mentions ?o }""",
    )
    assert ("https://w3id.org/ilo-kg/id/organization/united-nations",) in rows
    partners = values(
        kg, "SELECT ?s WHERE { ?s ilo:partner <https://w3id.org/ilo-kg/id/organization/united-nations> }"
    )
    assert partners == []  # named, not a partner
