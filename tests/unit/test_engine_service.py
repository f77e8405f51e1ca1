"""The query service (check → prepare → run → write) on real engines, and the engine-error table."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.engine.contract import (
    BindingError,
    EngineBusy,
    EngineError,
    MemoryLimit,
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    Result,
    UnknownGraph,
)
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.engine.service import QueryService
from ilo_kg.formats import Format, Plan, find
from ilo_kg.web.limits import ClientGone, TooManyQueries
from ilo_kg.web.problems import ERROR_TABLE, engine_problems, problem_for

G = "https://w3id.org/ilo-kg/graph/"
EX = "https://w3id.org/ilo-kg/id/"
NAME = ox.NamedNode("https://schema.org/name")


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kg") / "store"
    store = ox.Store(str(path))
    store.extend(
        ox.Quad(ox.NamedNode(f"{EX}country/c{i}"), NAME, ox.Literal(f"Country {i}"), ox.NamedNode(G + "ref"))
        for i in range(30)
    )
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def local(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=0) as store:
        yield store


@pytest.fixture(scope="module")
def pooled(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=1, timeout_s=30) as store:
        yield store


def service(store: OxigraphStore, max_rows: int = 100) -> QueryService:
    return QueryService(store, timeout_s=30, max_rows=max_rows)


def fmt(name: str) -> Format:
    found = find(name)
    assert found is not None
    return found


# --- check -----------------------------------------------------------------------------------


def test_a_text_from_outside_is_checked_before_any_engine_sees_it(local: OxigraphStore) -> None:
    with pytest.raises(QueryRefused, match=r"(?i)update"):
        service(local).prepare("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(QueryRefused, match=r"(?i)service"):
        service(local).prepare("SELECT * WHERE { SERVICE <https://example.org/sparql> { ?s ?p ?o } }")
    with pytest.raises(QuerySyntaxError):
        service(local).prepare("SELECT * WHERE { ?s ?p }")


def test_the_service_s_own_texts_are_not_checked_again(local: OxigraphStore) -> None:
    prepared = service(local).prepare("SELECT * WHERE { ?s ?p }", check=False)
    assert prepared.text == "SELECT * WHERE { ?s ?p }"
    with pytest.raises(QuerySyntaxError):  # the engine still refuses what it cannot run
        service(local).run(prepared)


# --- run and write -----------------------------------------------------------------------------


def test_the_plan_goes_to_the_pool_and_the_same_row_writes_the_answer(pooled: OxigraphStore) -> None:
    svc = service(pooled)
    plan = Plan.negotiate("text/csv")
    prepared = svc.prepare("SELECT ?n WHERE { ?s ?p ?n } ORDER BY ?n LIMIT 2", plan=plan)
    result = asyncio.run(svc.run_async(prepared))
    assert result.body_format == "csv"  # written by the worker
    assert svc.write(result, plan.format_for(result.kind)) == b"n\r\nCountry 0\r\nCountry 1\r\n"


def test_in_process_answers_are_written_by_the_service(local: OxigraphStore) -> None:
    svc = service(local)
    plan = Plan.negotiate("application/sparql-results+json")
    result = asyncio.run(svc.run_async(svc.prepare("ASK { ?s ?p ?o }", plan=plan)))
    assert svc.write(result, plan.format_for(result.kind)) == b'{"head":{},"boolean":true}'


def test_a_body_written_in_another_format_is_an_engine_error_not_a_guess() -> None:
    answer = Result(kind="select", variables=("n",), body=b"n\r\n", body_format="csv")
    svc = QueryService(OxigraphStore.from_pyoxigraph(ox.Store()), timeout_s=1, max_rows=1)
    with pytest.raises(EngineError, match="written as csv, not tsv"):
        svc.write(answer, fmt("tsv"))


def test_a_cut_answer_is_noted_in_the_format_s_comment_syntax(local: OxigraphStore) -> None:
    svc = service(local, max_rows=3)
    result = svc.run(svc.prepare("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s"))
    assert result.truncated and len(result.rows) == 3
    csv_body = svc.write(result, fmt("csv"))
    assert csv_body.endswith(b"# truncated: the engine had more rows than the result-row cap of 3\r\n")
    tsv_body = svc.write(result, fmt("tsv"))
    assert tsv_body.endswith(b"# truncated: the engine had more rows than the result-row cap of 3\n")
    assert svc.write(result, fmt("csv"), note_truncation=False).count(b"truncated") == 0
    graph = svc.run(svc.prepare("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert svc.write(graph, fmt("rdfxml")).endswith(b"-->\n")
    assert b"truncated" not in svc.write(graph, fmt("jsonld"))  # no comment syntax: the header says it


# --- the error table -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("error", "status", "retry_after"),
    [
        (QuerySyntaxError("bad"), 400, None),
        (UnknownGraph("no graph"), 400, None),
        (QueryRefused("no update"), 403, None),
        (BindingError("no such variable"), 400, None),
        (QueryTimeout("too long"), 503, "5"),
        (EngineBusy("busy"), 503, "2"),
        (MemoryLimit("too big"), 503, None),
        (EngineError("died"), 500, None),
        (TooManyQueries("slow down", 7), 429, "7"),
        (ClientGone("gone"), 499, None),
    ],
)
def test_each_error_has_one_answer(error: Exception, status: int, retry_after: str | None) -> None:
    problem = problem_for(error)
    assert problem is not None
    assert problem.status == status
    assert problem.headers.get("Retry-After") == retry_after


def test_the_table_puts_each_subclass_before_its_base() -> None:
    for i, row in enumerate(ERROR_TABLE):
        for later in ERROR_TABLE[i + 1 :]:
            assert not issubclass(later.error, row.error), f"{later.error.__name__} is shadowed"


def test_messages_say_what_failed_and_what_was_being_done() -> None:
    problem = problem_for(EngineError("worker died"), "the label index could not be read")
    assert problem is not None
    assert problem.message == "the label index could not be read: the query engine failed: worker died"
    assert problem_for(ValueError("not an engine error")) is None


def test_engine_problems_turns_errors_into_problems_and_lets_others_pass() -> None:
    from ilo_kg.web.problems import Problem

    with pytest.raises(Problem) as caught, engine_problems():
        raise EngineBusy("all busy")
    assert caught.value.status == 503
    with pytest.raises(KeyError), engine_problems():
        raise KeyError("not ours")
    with pytest.raises(Problem), engine_problems():
        raise QueryError("base class")


def test_the_web_layer_never_probes_the_engine_for_what_it_can_do() -> None:
    import re

    web = Path(__file__).resolve().parents[2] / "src" / "ilo_kg" / "web"
    probes = [
        f"{path.name}: {line.strip()}"
        for path in sorted(web.glob("*.py"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if re.search(r"(getattr|hasattr)\((state\.)?store\b", line)
    ]
    assert probes == []
