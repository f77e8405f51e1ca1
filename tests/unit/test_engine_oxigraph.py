"""The query engine: in-process and pooled, time limit, row cap, bindings, datasets."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.engine.contract import BindingError, EngineBusy, QueryTimeout, Result, UnknownGraph
from ilo_kg.engine.oxigraph import OxigraphStore

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


@pytest.fixture(scope="module")
def patient(store_dir: Path) -> Iterator[OxigraphStore]:
    """A pool whose time limit leaves room for a queue of callers on a loaded machine."""
    with OxigraphStore.open(store_dir, workers=2, timeout_s=60, max_rows=100) as store:
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


def test_protocol_graphs_override_and_unknown_ones_are_empty(local: OxigraphStore) -> None:
    result = local.query(f"SELECT ?o FROM <{G}reference> {{ ?s ?p ?o }}", default_graphs=[G + "ontology"])
    assert names(result) == ["Country"]
    # the protocol's dataset replaces the query's whole: no named graph given, none to range over
    graphs = local.query(
        f"SELECT ?g FROM NAMED <{G}reference> {{ GRAPH ?g {{ }} }}", default_graphs=[G + "ontology"]
    )
    assert graphs.rows == ()
    assert local.query("SELECT * { ?s ?p ?o }", default_graphs=["file:///etc/passwd"]).rows == ()
    assert local.query("SELECT * { GRAPH ?g { ?s ?p ?o } }", named_graphs=["http://nope"]).rows == ()
    assert local.query("SELECT * FROM <file:///etc/passwd> { ?s ?p ?o }").rows == ()
    with pytest.raises(UnknownGraph, match="not an absolute IRI"):
        local.query("SELECT * { ?s ?p ?o }", named_graphs=["nope"])


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


def _gone(pids: set[int], within_s: float = 10) -> bool:
    """True once none of ``pids`` is alive (a killed worker is reaped by its replacement's thread)."""
    deadline = time.monotonic() + within_s
    while any(_alive(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
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
    assert _gone(killed)
    deadline = time.monotonic() + 30
    while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    after = set(pool.worker_pids())
    assert len(after) == 2 and after != before
    assert all(_alive(pid) for pid in after)


@pytest.mark.parametrize("store", ["the store", "an absent store"])
def test_a_worker_whose_pool_is_gone_ends_quietly(store_dir: Path, tmp_path: Path, store: str) -> None:
    """A service process killed while its worker starts: the worker's first message (ready, or why it
    cannot open the store) meets a closed socket; it ends without a traceback in the service's log."""
    import socket
    import subprocess
    import sys

    from ilo_kg.engine.pool import WORKER_COMMAND

    path = store_dir if store == "the store" else tmp_path / "absent"
    ours, theirs = socket.socketpair()
    ours.close()  # the pool is gone before the worker says anything
    with theirs:
        done = subprocess.run(
            [sys.executable, "-c", WORKER_COMMAND, str(theirs.fileno()), str(path), "", "0", "0"],
            pass_fds=(theirs.fileno(),),
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr


def test_close_stops_every_worker(store_dir: Path) -> None:
    store = OxigraphStore.open(store_dir, workers=1)
    pids = store.worker_pids()
    store.close()
    assert not any(_alive(pid) for pid in pids)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="run the build"):
        OxigraphStore.open(tmp_path / "absent", workers=1)


# --- the pool from an event loop (what the web routes use) ---------------------------------------

ROWS = "SELECT ?s ?o WHERE { ?s ?p ?o } ORDER BY ?s"


def test_async_calls_answer_like_in_process_and_wait_their_turn(
    patient: OxigraphStore, local: OxigraphStore
) -> None:
    async def many() -> list[Result]:
        # eight callers for two workers: six wait, in order, and every one is answered
        return await asyncio.gather(*(patient.query_async(ROWS, max_rows=100) for _ in range(8)))

    expected = local.query(ROWS, max_rows=100)
    for result in asyncio.run(many()):
        assert result.rows == expected.rows and result.truncated is True


def test_async_and_thread_callers_share_the_workers(patient: OxigraphStore, local: OxigraphStore) -> None:
    expected = local.query(ROWS, max_rows=100).rows
    seen: list[object] = []

    def from_threads() -> None:
        for _ in range(10):
            seen.append(patient.query(ROWS, max_rows=100).rows)

    async def from_the_loop() -> list[Result]:
        return [await patient.query_async(ROWS, max_rows=100) for _ in range(10)]

    threads = [threading.Thread(target=from_threads) for _ in range(2)]
    for t in threads:
        t.start()
    results = asyncio.run(from_the_loop())
    for t in threads:
        t.join(60)
    assert len(seen) == 20 and all(rows == expected for rows in seen)
    assert all(r.rows == expected for r in results)


def test_a_large_answer_crosses_the_pipe_whole(pool: OxigraphStore, local: OxigraphStore) -> None:
    # thousands of rows written as SPARQL JSON by the worker: several reads of the pipe
    result = asyncio.run(pool.query_async(ROWS, max_rows=5000, formats={"select": "json"}))
    assert result.rows == () and result.body_format == "json" and result.body is not None
    assert len(result.body) > 200_000
    doc = json.loads(result.body)
    assert len(doc["results"]["bindings"]) == len(local.query(ROWS, max_rows=5000).rows)


def test_an_async_query_past_its_limit_is_killed_and_the_pool_recovers(pool: OxigraphStore) -> None:
    before = set(pool.worker_pids())

    async def run() -> tuple[BaseException | Result, Result]:
        slow = asyncio.ensure_future(pool.query_async(FOREVER))
        await asyncio.sleep(0.3)
        quick = await pool.query_async("ASK { ?s ?p 'Country' }")  # the other worker meanwhile
        try:
            return await slow, quick
        except QueryTimeout as exc:
            return exc, quick

    started = time.monotonic()
    outcome, quick = asyncio.run(run())
    assert isinstance(outcome, QueryTimeout) and "time limit" in str(outcome)
    assert time.monotonic() - started < TIMEOUT_S + 3
    assert quick.boolean is True
    killed = before - set(pool.worker_pids())
    assert len(killed) == 1 and _gone(killed)
    deadline = time.monotonic() + 30
    while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(pool.worker_pids()) == 2
    assert asyncio.run(pool.query_async("ASK { ?s ?p 'Country' }")).boolean is True


def test_a_cancelled_async_query_does_not_hand_out_a_busy_worker(pool: OxigraphStore) -> None:
    async def run() -> Result:
        task = asyncio.ensure_future(pool.query_async(FOREVER))
        await asyncio.sleep(0.2)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        # every later caller gets a worker that answers its own query, not the cancelled one's
        results = await asyncio.gather(*(pool.query_async("ASK { ?s ?p 'Country' }") for _ in range(4)))
        return results[-1]

    assert asyncio.run(run()).boolean is True
    deadline = time.monotonic() + 30
    while len(pool.worker_pids()) < 2 and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(pool.worker_pids()) == 2


def test_busy_workers_give_a_clear_error_to_waiting_callers(store_dir: Path) -> None:
    with OxigraphStore.open(store_dir, workers=1, timeout_s=0.8) as one:

        async def run() -> list[object]:
            # the worker stays busy (its query's limit is 3 s) for the waiting caller's whole limit
            slow = asyncio.ensure_future(one.query_async(FOREVER, timeout_s=3))
            await asyncio.sleep(0.1)
            waiting = await asyncio.gather(one.query_async("ASK {}"), return_exceptions=True)
            await asyncio.gather(slow, return_exceptions=True)
            return waiting

        (waited,) = asyncio.run(run())
        assert isinstance(waited, EngineBusy) and "busy" in str(waited)
        # from a thread too
        holder = threading.Thread(target=_swallow, args=(one, FOREVER, 3))
        holder.start()
        time.sleep(0.1)
        started = time.monotonic()
        with pytest.raises(EngineBusy, match="busy"):
            one.query("ASK {}", timeout_s=0.5)
        assert time.monotonic() - started < 2
        holder.join(10)
        assert one.pool_figures()["busy"] == 2


def test_waiting_counts_the_callers_waiting_for_a_worker(store_dir: Path) -> None:
    with OxigraphStore.open(store_dir, workers=1, timeout_s=5) as one:
        assert one.waiting() == 0

        async def run() -> list[int]:
            seen = []
            slow = asyncio.ensure_future(one.query_async(FOREVER, timeout_s=1.5))
            await asyncio.sleep(0.2)
            seen.append(one.waiting())  # the slow query holds the worker: no one waits yet
            queued = [asyncio.ensure_future(one.query_async("ASK {}")) for _ in range(2)]
            await asyncio.sleep(0.2)
            seen.append(one.waiting())  # both wait for the one worker
            queued[0].cancel()  # a caller that gives up waits no longer
            await asyncio.sleep(0.05)
            seen.append(one.waiting())
            await asyncio.gather(slow, *queued, return_exceptions=True)
            seen.append(one.waiting())
            return seen

        assert asyncio.run(run()) == [0, 2, 1, 0]
        holder = threading.Thread(target=_swallow, args=(one, FOREVER, 1.5))
        holder.start()
        time.sleep(0.2)
        waiter = threading.Thread(target=one.query, args=("ASK {}",))
        waiter.start()
        deadline = time.monotonic() + 5
        while one.waiting() != 1 and time.monotonic() < deadline:
            time.sleep(0.01)
        assert one.waiting() == 1  # a thread waits too
        holder.join(10)
        waiter.join(10)
        assert one.waiting() == 0


def _swallow(store: OxigraphStore, text: str, timeout_s: float) -> None:
    with contextlib.suppress(QueryTimeout):
        store.query(text, timeout_s=timeout_s)


def test_a_killed_worker_is_replaced_by_a_ready_spare_at_once(store_dir: Path) -> None:
    with OxigraphStore.open(store_dir, workers=1, timeout_s=0.8, spare_workers=1) as one:
        spare = _ready_spare(one)
        with pytest.raises(QueryTimeout):
            one.query(FOREVER)
        # the spare took the killed worker's place at once: no process start to wait for
        assert one.worker_pids() == (spare,)
        assert [w["state"] for w in one.worker_states()] == ["idle"]
        assert one.query("ASK { ?s ?p 'Country' }").boolean is True
        # a new spare is started in the background; the pool keeps one worker
        fresh = _ready_spare(one)
        assert fresh != spare and one.worker_pids() == (spare,)
        # a spare found dead when its turn comes is replaced in turn; the query still runs
        os.kill(fresh, signal.SIGKILL)
        with pytest.raises(QueryTimeout):
            one.query(FOREVER)
        assert one.query("ASK { ?s ?p 'Country' }").boolean is True
        assert len(one.worker_pids()) == 1 and fresh not in one.worker_pids()
        figures = one.pool_figures()
        # two stopped by the time limit (each replaced by a spare), the dead spare replaced by a start
        assert (figures["killed"], figures["by_spare"], figures["left_short"]) == (3, 2, 1), figures
        assert figures["busy"] == 0 and figures["short_s"] > 0
        assert _gone({fresh})  # reaped
    assert _gone({spare})


def test_close_stops_the_spares_too(store_dir: Path) -> None:
    store = OxigraphStore.open(store_dir, workers=1, spare_workers=2)
    spares = [_ready_spare(store, index) for index in range(2)]
    store.close()
    assert _gone(set(spares))


def _ready_spare(store: OxigraphStore, index: int = 0) -> int:
    deadline = time.monotonic() + 30
    while True:
        ready = [s["pid"] for s in store.spare_states() if s["state"] == "ready"]
        if len(ready) > index:
            return int(ready[index])
        assert time.monotonic() < deadline, store.spare_states()
        time.sleep(0.05)


def test_a_caller_waits_while_a_killed_worker_is_replaced(store_dir: Path) -> None:
    # no spare: a killed worker's place stays empty while its replacement starts; a caller that was
    # waiting gets the replacement instead of EngineBusy (that time does not count against its wait)
    with OxigraphStore.open(store_dir, workers=1, timeout_s=0.8) as one:

        async def run() -> list[object]:
            slow = asyncio.ensure_future(one.query_async(FOREVER))
            await asyncio.sleep(0.1)
            waiting = await asyncio.gather(one.query_async("ASK {}"), return_exceptions=True)
            await asyncio.gather(slow, return_exceptions=True)
            return waiting

        (waited,) = asyncio.run(run())
        assert isinstance(waited, Result) and waited.boolean is True, waited
        figures = one.pool_figures()
        assert figures["left_short"] == 1 and figures["waited_past_limit"] == 1 and figures["busy"] == 0


def test_the_worker_writes_the_answer_in_the_asked_format(pool: OxigraphStore, local: OxigraphStore) -> None:
    from ilo_kg.formats import find, serialize

    for kind, name, query in (
        ("select", "csv", ROWS),
        ("select", "xml", ROWS),
        ("ask", "json", "ASK { ?s ?p 'Country' }"),
        ("construct", "ntriples", "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p 'Country' . ?s ?p ?o }"),
    ):
        written = pool.query(query, formats={kind: name})
        fmt = find(name)
        assert fmt is not None
        assert written.body == serialize(local.query(query), fmt), name


# --- workers that copy the store into memory ------------------------------------------------------


def _modes_settle(store: OxigraphStore, want: str) -> tuple[str, ...]:
    deadline = time.monotonic() + 60
    modes = store.worker_modes()
    while set(modes) != {want} and time.monotonic() < deadline:
        time.sleep(0.1)
        modes = store.worker_modes()
    return modes


@pytest.mark.parametrize("source", ["none", "dump", "wrong-dump"])
def test_workers_move_to_memory_and_answer_the_same(
    store_dir: Path, local: OxigraphStore, tmp_path: Path, source: str
) -> None:
    dump: Path | None = None
    if source != "none":
        dump = tmp_path / "ilo-kg.nq"
        raw = ox.Store.read_only(str(store_dir))
        raw.dump(output=str(dump), format=ox.RdfFormat.N_QUADS)
        if source == "wrong-dump":  # a dump that is not the store's: the worker copies the store instead
            dump.write_text("\n".join(dump.read_text().splitlines()[:10]) + "\n")
    with OxigraphStore.open(
        store_dir, workers=2, max_rows=100, memory_quads=10**6, memory_source=dump
    ) as pool:
        assert _modes_settle(pool, "memory") == ("memory", "memory")
        for query in (
            ROWS,
            "ASK { ?s ?p 'Country' }",
            "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
        ):
            assert pool.query(query) == local.query(query)
        assert pool.triple_count() == local.triple_count()


def test_a_store_above_the_memory_limit_stays_on_disk(store_dir: Path, local: OxigraphStore) -> None:
    with OxigraphStore.open(store_dir, workers=1, memory_quads=10) as pool:
        time.sleep(0.5)
        assert pool.worker_modes() == ("disk",)
        assert pool.query(ROWS, max_rows=100) == local.query(ROWS, max_rows=100)


def test_describe_runs_as_one_worker_operation(pool: OxigraphStore, local: OxigraphStore) -> None:
    from ilo_kg.describe import describe

    for iri in (EX + "country/ALB", EX + "thing/t7", EX + "nothing-here"):
        expected = describe(local, iri, max_rows=100)
        assert asyncio.run(pool.describe_async(iri, max_rows=100)) == expected
        assert asyncio.run(local.describe_async(iri, max_rows=100)) == expected
    assert asyncio.run(pool.describe_async(EX + "country/ALB")) is not None


def test_the_worker_writes_a_description_in_the_asked_format(
    pool: OxigraphStore, local: OxigraphStore
) -> None:
    from ilo_kg.describe import describe
    from ilo_kg.formats import find, serialize_triples

    prefixes = {"ex": EX}
    for name in ("turtle", "ntriples", "rdfxml", "trig", "jsonld"):
        fmt = find(name)
        assert fmt is not None
        expected = serialize_triples(describe(local, EX + "country/ALB").triples, fmt, prefixes=prefixes)  # type: ignore[union-attr]
        got = asyncio.run(pool.describe_async(EX + "country/ALB", format_name=name, prefixes=prefixes))
        assert got == expected, name
    assert asyncio.run(pool.describe_async(EX + "nothing-here", format_name="turtle")) is None
