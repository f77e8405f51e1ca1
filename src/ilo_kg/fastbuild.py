"""Validate, infer and publish a large graph with Oxigraph end to end (issue 5's hot path).

Input: an N-Quads file with the build's named graphs (one per source, reference, ontology).
Stages, each timed: ``parse`` (a scratch in-memory store whose default graph is the union), ``validate``
(the shapes compiled to SPARQL, :mod:`ilo_kg.shacl_sparql`), ``infer`` (OWL 2 RL as SPARQL updates,
:mod:`ilo_kg.rl_sparql`), ``publish`` (the sorted, de-duplicated union as N-Triples, the N-Quads of every
graph and the VoID counts).

Two threads share the work; pyoxigraph releases the GIL in its loads, dumps, queries and updates, so they use
both cores.  A background thread writes the on-disk store (:class:`_StoreWriter`): the input's bulk load
runs while the main thread parses, validates and infers on the scratch store; the inferred graph is added
(and read back, in the store's order, for the N-Quads dump) while the main thread sorts.  Reading from the
on-disk store is slow (about 7 µs a quad), so the sorted N-Triples are made from the scratch store: its
default graph (the asserted union, dumped before inference changes it) and the inferred triples are each
sorted by an external ``sort -u`` with ``LC_ALL=C`` (byte order, which for UTF-8 is code-point order, as
``sorted()`` is), then merged.  Both stores write terms the same way (numeric literals in canonical form).
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import subprocess
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from types import TracebackType
from typing import Any

import pyoxigraph as ox
from rdflib import Graph

from ilo_kg.filescan import CHUNK, FileInfo, file_info, mentions
from ilo_kg.iris import Minter
from ilo_kg.rl_sparql import infer_store
from ilo_kg.shacl_sparql import validate_store
from ilo_kg.stages import NOT_CONFORMING, BuildError, inconsistent
from ilo_kg.validate import ValidationReport
from ilo_kg.void import DatasetStats, graph_counts, stats_from_ntriples

Progress = Callable[[str], None]


@dataclass(frozen=True)
class FastBuild:
    report: ValidationReport
    inferred: int
    rounds: int
    store: Path
    ntriples: Path
    nquads: Path
    quads: int
    stats: DatasetStats  # VoID counts of the union, per-graph counts from the store
    files: dict[str, FileInfo] = field(default_factory=dict)  # ilo-kg.nt and ilo-kg.nq, hashed when written
    seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mb: float = 0.0


def peak_rss_mb() -> float:
    """Peak resident memory of this process and its finished children, in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _scratch(path: Path, triples: Path) -> ox.Store:
    """An in-memory store whose default graph holds every triple of ``path`` (graph names dropped).

    The triples go through an N-Triples file (``triples``, removed after) read by ``Store.load``: a store
    filled that way answers the validation queries about twice as fast (and inference a fifth faster) as
    one filled from Python objects or by ``bulk_load``.  ``Store.load`` renames blank nodes, so when there
    are any (or ``_:`` shows up in a literal) the store is filled from the parsed triples instead: blank
    nodes keep their labels in the reports.
    """
    quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    ox.serialize((q.triple for q in quads), str(triples), format=ox.RdfFormat.N_TRIPLES)
    work = ox.Store()
    if mentions(triples, b"_:"):
        work.bulk_extend(
            ox.Quad(t.subject, t.predicate, t.object)
            for t in ox.parse(path=str(triples), format=ox.RdfFormat.N_TRIPLES)
        )
    else:
        work.load(path=str(triples), format=ox.RdfFormat.N_TRIPLES)
    triples.unlink()
    return work


class _Sorts:
    """External ``sort -u`` runs with ``LC_ALL=C``; any still running are stopped when the block fails."""

    def __init__(self, tmp: Path) -> None:
        self.tmp = tmp
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, inputs: Sequence[Path], target: Path, *, merge: bool = False) -> subprocess.Popen[bytes]:
        args = ["sort", "-m"] if merge else ["sort"]
        args += ["-u", "-S", "512M", "-T", str(self.tmp), "-o", str(target), *map(str, inputs)]
        proc = subprocess.Popen(args, env={**os.environ, "LC_ALL": "C"})
        self.running.append(proc)
        return proc

    def wait(self, proc: subprocess.Popen[bytes]) -> None:
        if proc.wait() != 0:
            raise subprocess.CalledProcessError(proc.returncode, proc.args)
        self.running.remove(proc)

    def __enter__(self) -> _Sorts:
        return self

    def __exit__(self, *exc: object) -> None:
        for proc in self.running:
            proc.kill()
            proc.wait()


def _dump_sorted(store: ox.Store, part: Path, target: Path, sorts: _Sorts) -> subprocess.Popen[bytes]:
    """Dump the default graph of ``store`` to ``part``; start sorting it into ``target``."""
    store.dump(str(part), format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return sorts.start([part], target)


class _StoreWriter:
    """The published on-disk store and the N-Quads dump, written step by step on one background thread.

    Steps: bulk load the input, copy it to the N-Quads dump and count the graphs (started at once); then
    :meth:`add_inferred`: bulk load the inferred graph and append it to the dump in the store's order (as
    ``quads_for_pattern`` gives it).  :meth:`finish` waits for the steps and closes the store.
    """

    def __init__(self, path: Path, source: Path, dump: Path, inferred: ox.NamedNode) -> None:
        self.path, self.source, self.dump, self.inferred = path, source, dump, inferred
        self.graphs: dict[str, int] = {}
        self.quads = 0
        self.seconds = 0.0
        self._digest = hashlib.sha256()
        self._store: ox.Store | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilo-kg-store")
        self._steps: list[Future[None]] = [self._pool.submit(self._timed, self._load)]

    def _timed(self, step: Callable[..., None], *args: Any) -> None:
        start = time.perf_counter()
        step(*args)
        self.seconds += time.perf_counter() - start

    def _load(self) -> None:
        store = ox.Store(str(self.path))
        # lenient: the same input is parsed strictly for the scratch store meanwhile (a syntax error stops the
        # build there), and the inferred triples below are Oxigraph's own serialisation
        store.bulk_load(path=str(self.source), format=ox.RdfFormat.N_QUADS, lenient=True)
        self._store = store
        # the validated input holds the asserted graphs as they are; only the inferred graph is new
        with self.source.open("rb") as src, self.dump.open("wb") as out:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                self._digest.update(chunk)
                out.write(chunk)
        self.graphs = graph_counts(store)
        self.quads = len(store)

    def add_inferred(self, triples: Path) -> None:
        """Add the N-Triples file ``triples`` to the inferred graph (read in the background: keep it)."""
        self._steps.append(self._pool.submit(self._timed, self._add_inferred, triples))

    def _add_inferred(self, triples: Path) -> None:
        assert self._store is not None
        store, name = self._store, self.inferred.value
        before = self.graphs.get(name, 0)
        store.bulk_load(
            path=str(triples), format=ox.RdfFormat.N_TRIPLES, to_graph=self.inferred, lenient=True
        )
        part = self.dump.with_name(self.dump.name + ".inferred.part")
        # an N-Triples line "s p o .\n" as the N-Quads line "s p o g .\n": " .\n" ends each line and only
        # there (a newline in a literal is written escaped)
        ending = f" {self.inferred} .\n".encode()
        lines = 0
        try:
            store.dump(str(part), format=ox.RdfFormat.N_TRIPLES, from_graph=self.inferred)
            with part.open("rb") as src, self.dump.open("ab") as out:
                while batch := src.readlines(CHUNK):
                    lines += len(batch)
                    chunk = b"".join(batch).replace(b" .\n", ending)
                    self._digest.update(chunk)
                    out.write(chunk)
        finally:
            part.unlink(missing_ok=True)
        self.graphs.pop(name, None)
        if lines:
            self.graphs[name] = lines
        self.quads += lines - before
        store.flush()

    def finish(self) -> FileInfo:
        """Wait for every step (raising its error), close the store; the N-Quads dump's size and digest."""
        for step in self._steps:
            step.result()
        self.close()
        return {"bytes": self.dump.stat().st_size, "sha256": self._digest.hexdigest()}

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._store = None

    def __enter__(self) -> _StoreWriter:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


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
    """Build ``output/store`` (Oxigraph), ``output/ilo-kg.nt`` and ``output/ilo-kg.nq`` from ``nquads``.

    Raises :class:`~ilo_kg.stages.BuildError` (after validation, before inference) when the data does
    not conform and ``stop_on_violation`` is set, or when the graph is inconsistent under the OWL 2 RL
    rules.
    """
    seconds: dict[str, float] = {}
    output.mkdir(parents=True, exist_ok=True)
    store_path = output / "store"
    if store_path.exists():
        shutil.rmtree(store_path)
    inferred = ox.NamedNode(inferred_graph or str(Minter(base_iri).inferred_graph))
    nt, nq = output / "ilo-kg.nt", output / "ilo-kg.nq"
    names = ("triples", "asserted", "asserted-sorted", "inferred")
    parts = {name: output / f"union.{name}.nt" for name in names}
    parts["inferred-sorted"] = output / "union.inferred-sorted.nt"
    try:
        with (
            _StoreWriter(store_path, nquads, nq, inferred) as writer,
            _Sorts(output) as sorts,
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="ilo-kg-dump") as aux,
        ):
            start = time.perf_counter()
            progress(f"loading {nquads}")
            work = _scratch(nquads, parts["triples"])
            seconds["parse"] = time.perf_counter() - start
            # the asserted union, dumped and sorted while validating
            asserted_sort = aux.submit(_dump_sorted, work, parts["asserted"], parts["asserted-sorted"], sorts)

            start = time.perf_counter()
            progress("validating (SHACL compiled to SPARQL)")
            report = validate_store(work, shapes)
            seconds["validate"] = time.perf_counter() - start
            if stop_on_violation and not report.conforms:
                raise BuildError(NOT_CONFORMING, report)

            start = time.perf_counter()
            progress("inferring (OWL 2 RL rules as SPARQL updates)")
            sorting_asserted = asserted_sort.result()  # the dump is done before inference changes the store
            result = infer_store(work, base_iri)
            del work
            if result.errors:
                raise inconsistent(result.errors)
            ox.serialize(result.triples, str(parts["inferred"]), format=ox.RdfFormat.N_TRIPLES)
            writer.add_inferred(parts["inferred"])
            seconds["infer"] = time.perf_counter() - start

            start = time.perf_counter()
            progress("publishing (sorted N-Triples, N-Quads)")
            sorts.wait(sorts.start([parts["inferred"]], parts["inferred-sorted"]))
            sorts.wait(sorting_asserted)
            sorts.wait(sorts.start([parts["asserted-sorted"], parts["inferred-sorted"]], nt, merge=True))
            nt_info = aux.submit(file_info, nt)
            counts = stats_from_ntriples(nt, base_iri)
            nq_info = writer.finish()
            stats = replace(counts, graphs=writer.graphs)
            files = {nt.name: nt_info.result(), nq.name: nq_info}
            seconds["publish"] = time.perf_counter() - start
            seconds["store"] = writer.seconds  # in the background, during the stages above
    finally:
        for part in parts.values():
            part.unlink(missing_ok=True)
    return FastBuild(
        report=report,
        inferred=len(result.triples),
        rounds=result.rounds,
        store=store_path,
        ntriples=nt,
        nquads=nq,
        quads=writer.quads,
        stats=stats,
        files=files,
        seconds=seconds,
        peak_rss_mb=peak_rss_mb(),
    )
