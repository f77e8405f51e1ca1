"""The query engine: in-process and pooled, time limit, row cap, bindings, datasets."""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.store import BindingError, OxigraphStore, QueryTimeout, Result, UnknownGraph

G = "https://w3id.org/ilo-kg/graph/"
EX = "https://w3id.org/ilo-kg/id/"
NAME = ox.NamedNode("https://schema.org/name")
FOREVER = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
TIMEOUT_S = 1.5


def build_store(path: Path) -> None:
    store = ox.Store(str(path))
    quads = [
        ox.Quad(
            ox.NamedNode(f"{EX}thing/t{i}"),
            ox.NamedNode(f"{EX}p/{i % 7}"),
            ox.Literal(str(i)),
            ox.NamedNode(G + "inferred"),
        )
        for i in range(3000)
    ]
    quads += [
        ox.Quad(
            ox.NamedNode(EX + "country/ALB"),
            NAME,
            ox.Literal("Albania", language="en"),
            ox.NamedNode(G + "reference"),
        ),
        ox.Quad(
            ox.NamedNode(EX + "country/KGZ"),
            NAME,
            ox.Literal("Kyrgyzstan", language="en"),
            ox.NamedNode(G + "reference"),
        ),
        ox.Quad(
            ox.NamedNode("https://schema.org/Country"),
            NAME,
            ox.Literal("Country"),
            ox.NamedNode(G + "ontology"),
        ),
        # a literal that looks like query text
        ox.Quad(
            ox.NamedNode(EX + "country/EVL"),
            NAME,
            ox.Literal('x" } UNION { ?s ?p ?o } #'),
            ox.NamedNode(G + "reference"),
        ),
    ]
    store.bulk_extend(quads)
    store.flush()
    del store


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("kg") / "store"
    build_store(path)
    return path


@pytest.fixture(scope="module")
def local(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=0, max_rows=100) as store:
        yield store


@pytest.fixture(scope="module")
def pool(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=2, timeout_s=TIMEOUT_S, max_rows=100) as store:
        yield store


def names(result: Result) -> list[str]:
    return sorted(str(row[0].value) for row in result.rows if row[0] is not None)


def test_graphs_and_count(local: OxigraphStore) -> None:
    assert local.graphs() == (G + "inferred", G + "ontology", G + "reference")
    assert local.triple_count() == 3004


def test_default_graph_is_the_union(local: OxigraphStore) -> None:
    result = local.query("SELECT (COUNT(*) AS ?n) { ?s ?p ?o }")
    assert result.kind == "select" and result.variables == ("n",)
    assert result.rows[0][0] == ox.Literal(
        "3004", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
    )


def test_from_in_the_text_restricts_the_default_graph(local: OxigraphStore) -> None:
    result = local.query(f"SELECT ?o FROM <{G}ontology> {{ ?s ?p ?o }}")
    assert names(result) == ["Country"]
    named = local.query(f"SELECT ?g FROM NAMED <{G}ontology> {{ GRAPH ?g {{ ?s ?p ?o }} }}")
    assert names(named) == [G + "ontology"]


def test_protocol_graphs_override_and_must_exist(local: OxigraphStore) -> None:
    result = local.query(f"SELECT ?o FROM <{G}reference> {{ ?s ?p ?o }}", default_graphs=[G + "ontology"])
    assert names(result) == ["Country"]
    with pytest.raises(UnknownGraph, match="file:///etc/passwd"):
        local.query("SELECT * { ?s ?p ?o }", default_graphs=["file:///etc/passwd"])
    with pytest.raises(UnknownGraph, match="http://nope"):
        local.query("SELECT * { ?s ?p ?o }", named_graphs=["http://nope"])


def test_row_cap_sets_truncated(local: OxigraphStore) -> None:
    cut = local.query("SELECT * { ?s ?p ?o }", max_rows=10)
    assert len(cut.rows) == 10 and cut.truncated
    exact = local.query("SELECT * { ?s ?p ?o } LIMIT 10", max_rows=10)
    assert len(exact.rows) == 10 and not exact.truncated
    default_cap = local.query("SELECT * { ?s ?p ?o }")
    assert len(default_cap.rows) == 100 and default_cap.truncated
    graph = local.query("CONSTRUCT WHERE { ?s ?p ?o }", max_rows=5)
    assert graph.kind == "construct" and len(graph.triples) == 5 and graph.truncated


def test_ask_and_unbound(local: OxigraphStore) -> None:
    assert local.query("ASK { ?s ?p 'Country' }").boolean is True
    result = local.query(f"SELECT ?s ?x {{ <{EX}country/ALB> ?p ?o BIND(<{EX}country/ALB> AS ?s) }}")
    assert result.rows == ((ox.NamedNode(EX + "country/ALB"), None),)


HOSTILE = [
    'Albania"@en } UNION { ?s ?p ?o } #',
    "x' . ?s ?p ?o . FILTER('1",
    "<http://evil> } ; DROP ALL #",
    '\\" } { ?s ?p ?o',
    'x" } UNION { ?s ?p ?o } #',
]


@pytest.mark.parametrize("hostile", HOSTILE)
def test_hostile_bindings_cannot_change_the_query(local: OxigraphStore, hostile: str) -> None:
    text = f"SELECT ?s ?label {{ ?s <{NAME.value}> ?label }}"
    result = local.query(text, bindings={"label": ox.Literal(hostile)})
    expected = [EX + "country/EVL"] if hostile == 'x" } UNION { ?s ?p ?o } #' else []
    assert names(result) == expected


def test_bindings_bind_terms(local: OxigraphStore) -> None:
    text = f"SELECT ?s ?label {{ ?s <{NAME.value}> ?label }}"
    result = local.query(text, bindings={"?s": ox.NamedNode(EX + "country/KGZ")})
    assert [r[1] for r in result.rows] == [ox.Literal("Kyrgyzstan", language="en")]
    assert local.query("ASK { ?s ?p ?label }", bindings={"label": ox.Literal("Country")}).boolean is True


def test_bindings_must_be_terms_and_projected(local: OxigraphStore) -> None:
    with pytest.raises(BindingError, match="RDF term"):
        local.query("SELECT ?s { ?s ?p ?o }", bindings={"o": "Albania"})  # type: ignore[dict-item]
    with pytest.raises(BindingError, match="projection"):
        local.query("SELECT ?s { ?s ?p ?o }", bindings={"o": ox.Literal("x")})


def test_pool_answers_like_in_process(pool: OxigraphStore, local: OxigraphStore) -> None:
    text = f"SELECT ?s ?label {{ ?s <{NAME.value}> ?label }} ORDER BY ?s"
    assert pool.query(text) == local.query(text)
    assert pool.graphs() == local.graphs()
    assert pool.triple_count() == 3004
    bound = pool.query(text, bindings={"label": ox.Literal(HOSTILE[0])})
    assert bound.rows == ()


def test_pool_reports_engine_syntax_errors(pool: OxigraphStore) -> None:
    from ilo_kg.safety import QuerySyntaxError

    with pytest.raises(QuerySyntaxError) as info:
        pool.query("SELECT * { ?s ?p ?o ")
    assert info.value.line == 1


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_query_past_its_limit_is_killed_and_replaced(pool: OxigraphStore) -> None:
    before = set(pool.worker_pids())
    assert len(before) == 2
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        try:
            pool.query(FOREVER)
        except QueryTimeout as exc:
            outcome["error"] = exc
        outcome["elapsed"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    # meanwhile the other worker keeps answering
    assert pool.query("ASK { ?s ?p 'Country' }").boolean is True
    assert "error" not in outcome
    thread.join(TIMEOUT_S + 10)
    assert isinstance(outcome.get("error"), QueryTimeout)
    assert float(outcome["elapsed"]) < TIMEOUT_S + 3  # type: ignore[arg-type]
    # right after: still answered
    assert pool.query("ASK { ?s ?p 'Country' }").boolean is True
    killed = before - set(pool.worker_pids())
    assert len(killed) == 1
    assert not any(_alive(pid) for pid in killed)
    deadline = time.monotonic() + 30
    while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after = set(pool.worker_pids())
    assert len(after) == 2 and after != before
    assert all(_alive(pid) for pid in after)


def test_close_stops_every_worker(store_dir: Path) -> None:
    store = OxigraphStore.open(store_dir, workers=1)
    pids = store.worker_pids()
    store.close()
    assert not any(_alive(pid) for pid in pids)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run the build"):
        OxigraphStore.open(tmp_path / "absent", workers=1)
