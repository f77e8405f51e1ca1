"""Validate, infer and publish a large graph with Oxigraph end to end (issue 5's hot path).

Input: an N-Quads file with the build's named graphs (one per source, reference, ontology).
Stages, each timed: ``parse`` (bulk load into the on-disk store, and a scratch in-memory store whose
default graph is the union), ``validate`` (the shapes compiled to SPARQL, :mod:`ilo_kg.shacl_sparql`),
``infer`` (OWL 2 RL as SPARQL updates, :mod:`ilo_kg.rl_sparql`, into the inferred graph), ``publish``
(the sorted, de-duplicated union as N-Triples: Oxigraph serialisation per graph, then an external
``sort -u`` with ``LC_ALL=C``, which is code-point order for UTF-8, as ``sorted()`` is).
"""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from ilo_kg.rl_sparql import infer_store
from ilo_kg.shacl_sparql import validate_store
from ilo_kg.validate import ValidationReport

Progress = Callable[[str], None]


class FastBuildError(RuntimeError):
    """Validation or consistency failed; ``report`` holds the validation report."""

    def __init__(self, message: str, report: ValidationReport | None = None) -> None:
        super().__init__(message)
        self.report = report


@dataclass(frozen=True)
class FastBuild:
    report: ValidationReport
    inferred: int
    rounds: int
    store: Path
    ntriples: Path
    quads: int
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _scratch(path: Path) -> ox.Store:
    """An in-memory store whose default graph holds every triple of ``path`` (graph names dropped)."""
    work = ox.Store()
    work.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    )
    return work


def sorted_union_ntriples(store: ox.Store, target: Path, tmp: Path) -> None:
    """Every graph's triples, de-duplicated and sorted by code point, as one N-Triples file."""
    parts = tmp / "union.unsorted.nt"
    with parts.open("wb") as out:
        out.write(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()) or b"")
        for graph in store.named_graphs():
            store.dump(out, format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
    env = {**os.environ, "LC_ALL": "C"}
    subprocess.run(
        ["sort", "-u", "-S", "512M", "-T", str(tmp), "-o", str(target), str(parts)], check=True, env=env
    )
    parts.unlink()


def fast_build(
    nquads: Path,
    *,
    output: Path,
    shapes: Graph,
    base_iri: str,
    inferred_graph: str | None = None,
    stop_on_violation: bool = True,
    progress: Progress = lambda _m: None,
) -> FastBuild:
    """Build ``output/store`` (Oxigraph) and ``output/ilo-kg.nt`` from ``nquads``.

    Raises :class:`FastBuildError` (after validation, before inference) when the data does not conform
    and ``stop_on_violation`` is set, or when the graph is inconsistent under the OWL 2 RL rules.
    """
    seconds: dict[str, float] = {}
    output.mkdir(parents=True, exist_ok=True)
    store_path = output / "store"
    if store_path.exists():
        shutil.rmtree(store_path)
    inferred = ox.NamedNode(inferred_graph or base_iri + "graph/inferred")

    start = time.perf_counter()
    progress(f"loading {nquads}")
    store = ox.Store(str(store_path))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    work = _scratch(nquads)
    seconds["parse"] = time.perf_counter() - start

    start = time.perf_counter()
    progress("validating (SHACL compiled to SPARQL)")
    report = validate_store(work, shapes)
    seconds["validate"] = time.perf_counter() - start
    if stop_on_violation and not report.conforms:
        raise FastBuildError("the data does not conform to the shapes; nothing was published", report)

    start = time.perf_counter()
    progress("inferring (OWL 2 RL rules as SPARQL updates)")
    result = infer_store(work, base_iri)
    del work
    if result.errors:
        raise FastBuildError("the graph is inconsistent under OWL 2 RL: " + "; ".join(result.errors), report)
    store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object, inferred) for t in result.triples)
    seconds["infer"] = time.perf_counter() - start

    start = time.perf_counter()
    progress("publishing (sorted N-Triples)")
    nt = output / "ilo-kg.nt"
    sorted_union_ntriples(store, nt, output)
    store.flush()
    quads = len(store)
    del store
    seconds["publish"] = time.perf_counter() - start
    return FastBuild(
        report=report,
        inferred=len(result.triples),
        rounds=result.rounds,
        store=store_path,
        ntriples=nt,
        quads=quads,
        seconds=seconds,
        peak_rss_mb=peak_rss_mb(),
    )
