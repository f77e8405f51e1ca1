"""The default graph of a release is a set: the distinct union of its graphs (issue 11).

Written by both build paths (the seed build and ``build --from``), kept by the workers' memory copy,
and counted by VoID: ``COUNT(*)`` over the default graph is the number of lines of ``ilo-kg.nt``.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from tests.conftest import ROOT

from ilo_kg.build import BuildResult
from ilo_kg.engine.oxigraph import OxigraphStore, fill_default_graph, has_default_graph

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
IN_GRAPHS = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
VOID_TRIPLES = URIRef("http://rdfs.org/ns/void#triples")


def _n(store: OxigraphStore, query: str) -> int:
    value = store.query(query).rows[0][0]
    assert isinstance(value, ox.Literal)
    return int(value.value)


def _lines(path: Path) -> int:
    return sum(1 for line in path.read_bytes().splitlines() if line.strip())


def _void_triples(release: Path) -> int:
    void = Graph().parse(release / "void.ttl")
    dataset = URIRef("https://w3id.org/ilo-kg/dataset")
    value = void.value(dataset, VOID_TRIPLES)
    assert isinstance(value, Literal)
    return int(value)


def test_the_seed_build_counts_each_triple_once(built: BuildResult) -> None:
    release = built.published.folder
    with OxigraphStore.open(release / "store", workers=0) as store:
        distinct = _n(store, COUNT)
        assert distinct == _lines(release / "ilo-kg.nt") == _void_triples(release)
        # the seeds state some triples in two graphs: they stay in both named graphs
        assert _n(store, IN_GRAPHS) > distinct
        twice = store.query(
            "SELECT ?s ?p ?o WHERE { GRAPH ?a { ?s ?p ?o } GRAPH ?b { ?s ?p ?o } FILTER(STR(?a) < STR(?b)) } LIMIT 1"
        ).rows
        assert twice
        s, p, o = twice[0]
        bindings = {"s": s, "p": p, "o": o}
        once = store.query(
            "SELECT (COUNT(*) AS ?n) ?s ?p ?o WHERE { ?s ?p ?o } GROUP BY ?s ?p ?o", bindings=bindings
        )  # type: ignore[arg-type]
        assert once.rows[0][0] == ox.Literal(
            "1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")
        )


def test_the_memory_copy_holds_the_default_graph(built: BuildResult) -> None:
    release = built.published.folder.resolve()
    with OxigraphStore.open(
        release / "store", workers=1, memory_quads=10**7, memory_source=release / "ilo-kg.nq"
    ) as pool:
        deadline = time.monotonic() + 60
        while pool.worker_modes() != ("memory",) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert pool.worker_modes() == ("memory",)
        assert _n(pool, COUNT) == _lines(release / "ilo-kg.nt")
        with OxigraphStore.open(release / "store", workers=0) as disk:
            assert pool.triple_count() == disk.triple_count()
            assert _n(pool, IN_GRAPHS) == _n(disk, IN_GRAPHS)


def test_the_large_graph_path_writes_the_default_graph_too(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate

    source = tmp_path / "g.nq"
    generate(5_000, seed=3, path=source)
    out = tmp_path / "dist"
    res = subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", "build", "--quiet", "--from", str(source), "--output", str(out)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=600,
    )
    assert res.returncode == 0, res.stderr
    with OxigraphStore.open(out / "store", workers=0) as store:
        assert _n(store, COUNT) == _lines(out / "ilo-kg.nt") == _void_triples(out)


def test_blank_nodes_keep_their_identity_in_the_default_graph(tmp_path: Path) -> None:
    store = ox.Store(str(tmp_path / "store"))
    node, p = ox.BlankNode(), ox.NamedNode("http://example.org/p")
    graphs = [ox.NamedNode("http://example.org/g1"), ox.NamedNode("http://example.org/g2")]
    for g in graphs:
        store.add(ox.Quad(node, p, ox.Literal("x"), g))
    union = tmp_path / "ilo-kg.nt"
    union.write_bytes(
        ox.serialize([ox.Triple(node, p, ox.Literal("x"))], format=ox.RdfFormat.N_TRIPLES) or b""
    )
    assert not has_default_graph(store)
    fill_default_graph(store, union, graphs)
    assert has_default_graph(store)
    assert list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())) == [
        ox.Quad(node, p, ox.Literal("x"))
    ]


def test_a_store_without_a_default_graph_still_answers_from_the_union(tmp_path: Path) -> None:
    # a release published before releases held their default graph
    raw = ox.Store(str(tmp_path / "store"))
    raw.add(
        ox.Quad(
            ox.NamedNode("http://example.org/s"),
            ox.NamedNode("http://example.org/p"),
            ox.Literal("o"),
            ox.NamedNode("http://example.org/g"),
        )
    )
    raw.flush()
    del raw
    with OxigraphStore.open(tmp_path / "store", workers=0) as store:
        assert _n(store, COUNT) == 1
