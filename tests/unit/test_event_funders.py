"""Through the real build: a funder the sentence of an event states funds that activity (ilo:fundedBy on the
event), not when the sentence names a project, nor when the funding is planned."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.conftest import project_root, values

from ilo_kg.build import build
from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

LISTING = """News

May 2021

  1. Youth employment conference in Skopje

    12 May 2021

    With funding from the European Union, the ILO organized a conference on youth employment in Skopje.

  2. Labour inspectors trained in Tirana

    10 May 2021

    The ILO held a training for labour inspectors in Tirana. It will be funded by the Government of Norway.

  3. Inspectors trained under a new project

    5 May 2021

    The ILO held a training for labour inspectors under the "Safe Work Albania" project, funded by the European Union.
"""


@pytest.fixture(scope="module")
def kg(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("event-funders")
    project_root(root, {"100_news.txt": LISTING})
    build(Settings(root=root, output=root / "dist"))
    with OxigraphStore.open(Path(root / "dist" / "store"), workers=0) as store:
        yield store


def _funders(kg, headline_start: str) -> list[tuple[str]]:
    return values(
        kg,
        f"""SELECT DISTINCT ?funder WHERE {{ ?n a ilo:NewsItem ; schema:headline ?h ; ilo:reports ?e .
              ?e a ilo:Event ; ilo:fundedBy ?o . ?o skos:prefLabel ?funder
              FILTER(STRSTARTS(STR(?h), "{headline_start}")) }}""",
    )


def test_the_funder_an_events_sentence_states_funds_that_event(kg) -> None:
    assert _funders(kg, "Youth employment") == [("European Union",)]


def test_no_event_funder_when_planned_or_when_the_sentence_names_a_project(kg) -> None:
    assert values(kg, "SELECT ?e WHERE { ?e a ilo:Training }")  # the trainings are there
    assert _funders(kg, "Labour inspectors") == []  # "It will be funded by ...": a plan, another sentence
    assert _funders(kg, "Inspectors trained") == []  # the project's funder, not the training's
    project = values(
        kg, "SELECT ?o WHERE { ?p a ilo:Project ; skos:prefLabel 'Safe Work Albania'@en ; ilo:fundedBy ?o }"
    )
    assert len(project) == 1
