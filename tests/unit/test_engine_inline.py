"""Lookups run in the service process, and answers the engine writes itself: same answers, same caps.

A SELECT of one triple pattern (``streams``) runs on the service's own read-only copy of the store,
its writing stopped at a size past which it goes to a worker; SPARQL JSON and XML are written by the
engine when no cap can cut them, else counted row by row as before.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from ilo_kg.engine.oxigraph import OxigraphStore, Request, execute, execute_inline, streams
from ilo_kg.formats import find, serialize

EX = "https://w3id.org/ilo-kg/id/"
G = "https://w3id.org/ilo-kg/graph/"
MAX_ROWS = 50


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


def _request(text: str, fmt: str = "json", max_rows: int = MAX_ROWS, max_bytes: int = 0) -> Request:
    """A request as the service makes it; ``fmt="none"``: the rows come back, written by no one."""
    return Request(
        text=text,
        bindings=(),
        default_graphs=None,
        named_graphs=None,
        text_names_dataset=False,
        max_rows=max_rows,
        formats=() if fmt == "none" else (("select", fmt), ("ask", fmt)),
        max_bytes=max_bytes,
    )


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
