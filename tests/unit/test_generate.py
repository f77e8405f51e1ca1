"""The benchmark graph generator: deterministic, sized, parseable, in the build's named graphs."""

from __future__ import annotations

import sys
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import generate, generate_lines


def test_deterministic_and_sized() -> None:
    a, _ = generate_lines(5_000, seed=3)
    b, _ = generate_lines(5_000, seed=3)
    assert a == b
    assert 5_000 <= len(a) < 5_400


def test_writes_nquads_with_named_graphs(tmp_path: Path) -> None:
    path = tmp_path / "g.nq"
    generate(3_000, seed=1, path=path)
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    graphs = {g.value for g in store.named_graphs()}
    assert "https://w3id.org/ilo-kg/graph/reference" in graphs
    assert "https://w3id.org/ilo-kg/graph/ontology" in graphs
    assert any(g.startswith("https://w3id.org/ilo-kg/graph/source/") for g in graphs)


def test_writes_sorted_ntriples(tmp_path: Path) -> None:
    path = tmp_path / "g.nt"
    generate(2_000, seed=1, path=path, quads=False)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert len(list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))) == len(lines)


def test_injection_counts() -> None:
    _, injected = generate_lines(5_000, seed=1, violations_per_shape=2)
    assert injected and set(injected.values()) == {2}
