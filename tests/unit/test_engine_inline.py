"""Lookups run in the service process, and answers the engine writes itself: same answers, same caps.

A SELECT of one triple pattern (``streams``) runs on the service's own read-only copy of the store,
its writing stopped at a size past which it goes to a worker; SPARQL JSON and XML are written by the
engine when no cap can cut them, else counted row by row as before.
"""

from __future__ import annotations

import asyncio
import functools
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from engine_support import engine_request

from ilo_kg.engine.oxigraph import OxigraphStore, execute, execute_inline, streams
from ilo_kg.formats import find, serialize

EX = "https://w3id.org/ilo-kg/id/"
G = "https://w3id.org/ilo-kg/graph/"
MAX_ROWS = 50
_request = functools.partial(engine_request, max_rows=MAX_ROWS)


def _quads() -> list[ox.Quad]:
    quads = [
        ox.Quad(
            ox.NamedNode(f"{EX}thing/t{i % 200}"),
            ox.NamedNode(f"{EX}p/{i % 7}"),
            ox.Literal(f'value {i} "quoted" <tag> & more', language="en" if i % 3 else None)
            if i % 2
            else ox.NamedNode(f"{EX}thing/t{(i * 7) % 200}"),
            ox.NamedNode(G + ("a" if i % 5 else "b")),
        )
        for i in range(2000)
    ]
    # one subject with more statements than the row cap
    quads += [
        ox.Quad(ox.NamedNode(EX + "big"), ox.NamedNode(f"{EX}p/n"), ox.Literal(str(i)), ox.NamedNode(G + "a"))
        for i in range(MAX_ROWS * 3)
    ]
    return quads


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("inline") / "store"
    store = ox.Store(str(path))
    store.bulk_extend(_quads())
    store.flush()
    del store
    return path


@pytest.fixture(scope="module")
def pooled(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=1, max_rows=MAX_ROWS, memory_quads=10**6) as store:
        yield store


@pytest.fixture(scope="module")
def local(store_dir: Path) -> Iterator[OxigraphStore]:
    with OxigraphStore.open(store_dir, workers=0, max_rows=MAX_ROWS) as store:
        yield store


@pytest.mark.parametrize(
    "text",
    [
        "SELECT ?p ?o WHERE { <https://w3id.org/ilo-kg/id/big> ?p ?o }",
        "select * { <urn:x> ?p ?o . }",
        "PREFIX ex: <https://w3id.org/ilo-kg/id/>\nSELECT ?o WHERE { ex:big ex:p ?o } LIMIT 10",
        "PREFIX : <https://w3id.org/ilo-kg/id/> SELECT $t { ?s a $t }",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o }",
    ],
)
def test_one_triple_pattern_streams(text: str) -> None:
    assert streams(text)


@pytest.mark.parametrize(
    "text",
    [
        "SELECT DISTINCT ?p WHERE { ?s ?p ?o }",  # reads every triple, may write few
        "SELECT ?s WHERE { ?s ?p ?o } OFFSET 100000",  # skips without writing
        "SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s",
        "SELECT ?s WHERE { ?s ?p ?o FILTER(?o = 1) }",
        "SELECT ?s WHERE { ?s ?p ?o . ?o ?q ?r }",  # a join
        "SELECT ?s WHERE { ?s <p>* ?o }",  # a path
        "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }",
        "SELECT ?s FROM <g> WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { GRAPH ?g { ?s ?p ?o } }",
        "SELECT ?s WHERE { ?s ?p 'x' }",
        "ASK { ?s ?p ?o }",
        "CONSTRUCT WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { ?s ?p ?o } # a comment",
        "SELECT ?s WHERE { SERVICE <http://x> { ?s ?p ?o } }",
        "SELECT ?s WHERE { ?s ?p ?o }" + " " * 5000,  # longer than any lookup
        # texts the parser refuses, or must read: none is passed unread
        "SELECT ?s WHERE { <x> ?p ?o }",  # relative: resolved against a base
        "SELECT ?s WHERE { ex:x ?p ?o }",  # an undeclared prefix
        "PREFIX ex: <http://e/> SELECT ?s ?s WHERE { ex:x ?p ?s }",  # projected twice
        "SELECT ?s $s WHERE { ?s ?p ?o }",
        "SELECT ?s WHERE { <http://a:xyz/> ?p ?s }",  # not an IRI (its port)
        "PREFIX ex: <http://a:> SELECT ?s WHERE { ex:x ?p ?s }",  # expands to one that is not
        "SELECT ?s WHERE { ?s A ?o }",  # 'a' is the one keyword that is case-sensitive
        "SELECT ?s WHERE { ?s ?p ?o } LIMIT 99999999999999999999",
        "BASE <http://e/> SELECT ?s WHERE { <x> ?p ?s }",
        "SELECT ?s WHERE { <http://e/\u00e9> ?p ?s }",
    ],
)
def test_anything_else_goes_to_a_worker(text: str) -> None:
    assert not streams(text)


def test_every_lookup_recognised_is_one_the_parser_accepts() -> None:
    """``check_query`` passes a lookup without parsing it: whatever is recognised must parse."""
    import itertools
    import random

    from ilo_kg.safety import check_query

    nodes = [
        "<http://e/x>",
        "<urn:isbn:0451450523>",
        "<http://e/a%20b?q=1#f>",
        "ex:",
        "ex:a.b",
        "ex:a-b_c",
        ":local",
        "ex:9",
        "ex:a.",
        "ex:-a",
        "?v",
        "$w",
        "a",
        "<http://[::1]/>",
        "<http://e/[x]>",
        "<mailto:x@e>",
    ]
    prologues = ["", "PREFIX ex: <http://e/> ", "prefix ex:<http://e/>\nPREFIX : <http://d/#>\n"]
    projections = ["*", "?v", "?v ?w", "$v ?x", "?v$w"]
    endings = ["", " .", " LIMIT 3", ".LIMIT 3", " limit 0 "]
    store = ox.Store()
    rng = random.Random(7)
    seen = 0
    for s_, p_, o_ in itertools.product(nodes, repeat=3):
        text = (
            f"{rng.choice(prologues)}SELECT {rng.choice(projections)} WHERE {{ {s_} {p_} {o_}"
            + ("" if rng.random() < 0.5 else " .")
            + f" }}{rng.choice(endings)}"
        )
        if not streams(text):
            continue
        seen += 1
        store.query(text)  # raises SyntaxError if the recogniser let a bad text through
        check_query(text, known_graphs=())
    assert seen > 500


def _rows(body: bytes) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = json.loads(body)["results"]["bindings"]
    return sorted(rows, key=lambda r: json.dumps(r, sort_keys=True))


@pytest.mark.parametrize("fmt", ["json", "xml"])
@pytest.mark.parametrize(
    "text",
    [
        f"SELECT ?p ?o WHERE {{ <{EX}thing/t3> ?p ?o }}",
        f"SELECT ?s WHERE {{ ?s ?p <{EX}thing/t21> }}",
        "SELECT ?s ?p ?o WHERE { ?s ?p ?o } LIMIT 40",
        "ASK { ?s ?p ?o }",
        f"SELECT ?p ?o WHERE {{ <{EX}thing/t3> ?p ?o }} ORDER BY ?p ?o",
    ],
)
def test_the_engine_writes_what_the_project_writer_writes(store_dir: Path, fmt: str, text: str) -> None:
    store = ox.Store.read_only(str(store_dir))
    native = execute(store, _request(text, fmt))
    collected = execute(store, _request(text, fmt="none"))
    assert native.body is not None and native.body_format == fmt
    written = find(fmt)
    assert written is not None
    expected = serialize(collected, written)
    if fmt == "json":
        assert json.loads(native.body).get("boolean") == json.loads(expected).get("boolean")
        if native.kind == "select":
            assert _rows(native.body) == _rows(expected)
    else:  # the same rows, each written once
        assert native.body.count(b"<result>") == expected.count(b"<result>")
    assert not native.truncated


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_a_cap_cuts_an_answer_the_engine_wrote_as_before(store_dir: Path, fmt: str) -> None:
    store = ox.Store.read_only(str(store_dir))
    big = f"SELECT ?o WHERE {{ <{EX}big> ?p ?o }}"
    # more rows than the cap: counted, cut at the cap
    cut = execute(store, _request(big, fmt))
    assert cut.truncated and cut.cut_by == "rows"
    assert cut.body is not None
    if fmt == "json":
        assert len(json.loads(cut.body)["results"]["bindings"]) == MAX_ROWS
    else:
        assert cut.body.count(b"<result>") == MAX_ROWS
    # as many rows as the cap, in more bytes than prove it: counted, written whole
    whole = execute(store, _request(f"{big} LIMIT {MAX_ROWS}", fmt))
    assert not whole.truncated and whole.body is not None
    # a byte cap the answer passes: cut where the project's writer cuts it
    small = execute(store, _request(big, fmt, max_rows=10**6, max_bytes=400))
    reference = execute(store, _request(big, "none", max_rows=10**6, max_bytes=400))
    assert small.truncated and small.cut_by == "bytes"
    assert len(reference.rows) > 0
    if fmt == "json":
        assert len(json.loads(small.body or b"")["results"]["bindings"]) == len(reference.rows)


def test_an_inline_run_gives_up_past_its_limit(store_dir: Path) -> None:
    store = ox.Store.read_only(str(store_dir))
    text = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    assert execute_inline(store, _request(text, max_rows=10**6), limit=2000) is None
    small = execute_inline(store, _request(f"{text} LIMIT 2", max_rows=10**6), limit=2000)
    assert small is not None and small.body is not None


def _answered(store: OxigraphStore) -> int:
    return sum(int(w["answered"]) for w in store.worker_states())


def test_lookups_are_answered_here_and_the_rest_by_workers(
    pooled: OxigraphStore, local: OxigraphStore
) -> None:
    async def ask(text: str) -> bytes:
        result = await pooled.query_async(text, formats={"select": "json"})
        assert result.body is not None
        return result.body

    lookup = f"SELECT ?p ?o WHERE {{ <{EX}thing/t5> ?p ?o }}"
    before = _answered(pooled)
    body = asyncio.run(ask(lookup))
    assert _answered(pooled) == before  # no worker was asked
    fmt = find("json")
    assert fmt is not None
    assert _rows(body) == _rows(serialize(local.query(lookup), fmt))

    # a lookup with more rows than the cap: given up here, cut by a worker as every query is
    big = f"SELECT ?p ?o WHERE {{ <{EX}big> ?p ?o }}"
    cut = asyncio.run(pooled.query_async(big, formats={"select": "json"}))
    assert _answered(pooled) == before + 1
    assert cut.truncated and cut.cut_by == "rows"
    assert len(json.loads(cut.body or b"")["results"]["bindings"]) == MAX_ROWS

    # not a lookup: a worker, under the time limit
    joined = f"SELECT ?o WHERE {{ <{EX}thing/t5> ?p ?x . ?x ?q ?o }}"
    asyncio.run(pooled.query_async(joined, formats={"select": "json"}))
    assert _answered(pooled) == before + 2
    figures = pooled.pool_figures()  # /status shows both
    assert figures["lookups_here"] >= 1 and figures["lookups_to_workers"] >= 1


def test_a_lookup_with_a_syntax_error_is_refused_like_any_query(pooled: OxigraphStore) -> None:
    from ilo_kg.engine.contract import QuerySyntaxError

    with pytest.raises(QuerySyntaxError):
        asyncio.run(pooled.query_async("SELECT ?o WHERE { nope:x ?p ?o }", formats={"select": "json"}))


# --- descriptions --------------------------------------------------------------------------------

HUB_LINKS = 1100
"""Triples pointing at the hub: more than a description made in the service process may read."""


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store shaped as a release: named graphs, and their distinct union as its own default graph."""
    quads = _quads()
    quads += [
        ox.Quad(
            ox.NamedNode(f"{EX}thing/t{i}"),
            ox.NamedNode(f"{EX}p/hub"),
            ox.NamedNode(EX + "hub"),
            ox.NamedNode(G + "a"),
        )
        for i in range(HUB_LINKS)
    ]
    part = ox.NamedNode(EX + "thing/t5#part")
    quads += [
        ox.Quad(ox.NamedNode(EX + "thing/t5"), ox.NamedNode(EX + "p/has"), part, ox.NamedNode(G + "a")),
        ox.Quad(
            part, ox.NamedNode(EX + "p/label"), ox.Literal("a part", language="en"), ox.NamedNode(G + "b")
        ),
    ]
    path = tmp_path_factory.mktemp("released") / "store"
    store = ox.Store(str(path))
    store.bulk_extend(quads)
    store.bulk_extend(dict.fromkeys(ox.Quad(q.subject, q.predicate, q.object) for q in quads))
    store.flush()
    del store
    return path


@pytest.mark.parametrize("fmt", ["turtle", "ntriples", "jsonld"])
def test_a_description_is_made_here_within_its_budget_and_by_a_worker_past_it(
    released: Path, fmt: str
) -> None:
    from ilo_kg.describe import described_triples
    from ilo_kg.engine.oxigraph import written_triples

    prefixes = {"ex": EX}
    with (
        OxigraphStore.open(released, workers=1, max_rows=MAX_ROWS, memory_quads=10**6) as pooled_store,
        OxigraphStore.open(released, workers=0, max_rows=MAX_ROWS) as reference,
    ):

        async def described(iri: str) -> bytes | None:
            body: bytes | None = await pooled_store.describe_async(iri, format_name=fmt, prefixes=prefixes)
            return body

        here_by_engine = fmt != "jsonld"  # JSON-LD has a Python writer: a worker writes it
        for iri, small in ((EX + "thing/t5", True), (EX + "big", True), (EX + "hub", False)):
            figures = pooled_store.pool_figures()
            before = (
                _answered(pooled_store),
                figures["descriptions_here"],
                figures["descriptions_to_workers"],
            )
            body = asyncio.run(described(iri))
            triples = described_triples(reference, iri)
            assert triples is not None
            expected = written_triples(triples, fmt, tuple(sorted(prefixes.items())))
            if fmt == "jsonld":  # rdflib's JSON-LD writer orders its nodes by hash: compared as graphs
                assert body is not None
                parsed = [set(ox.parse(b, format=ox.RdfFormat.JSON_LD)) for b in (body, expected)]
                assert (
                    parsed[0] == parsed[1] == {ox.Quad(t.subject, t.predicate, t.object) for t in triples}
                ), iri
            else:
                assert body == expected, iri
            figures = pooled_store.pool_figures()
            after = (
                _answered(pooled_store),
                figures["descriptions_here"],
                figures["descriptions_to_workers"],
            )
            if here_by_engine and small:
                assert after == (before[0], before[1] + 1, before[2]), iri  # no worker was asked
            elif here_by_engine:
                assert after == (before[0] + 1, before[1], before[2] + 1), iri  # past the budget
            else:
                assert after == (before[0] + 1, before[1], before[2]), iri
        assert asyncio.run(described(EX + "nothing-said")) is None
        t5 = asyncio.run(described(EX + "thing/t5"))
        assert t5 is not None and b"a part" in t5  # its fragment's triples came with it


def test_a_store_without_its_own_default_graph_has_its_descriptions_made_by_workers(
    pooled: OxigraphStore,
) -> None:
    before = _answered(pooled)
    body = asyncio.run(pooled.describe_async(EX + "thing/t5", format_name="turtle", prefixes={}))
    assert body
    assert _answered(pooled) == before + 1
    assert pooled.pool_figures()["descriptions_here"] == 0


def test_a_description_failing_here_is_an_engine_error(
    released: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ilo_kg.engine.contract import EngineError

    def broken(*args: object, **kwargs: object) -> None:
        raise OSError("IO error: the store's files are gone")

    monkeypatch.setattr("ilo_kg.engine.oxigraph.engine_described_triples", broken)
    with (
        OxigraphStore.open(released, workers=1, max_rows=MAX_ROWS, memory_quads=10**6) as pooled_store,
        pytest.raises(EngineError, match="OSError: IO error"),
    ):
        asyncio.run(pooled_store.describe_async(EX + "thing/t5", format_name="turtle", prefixes={}))
