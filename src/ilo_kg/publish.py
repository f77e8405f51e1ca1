"""Publish a built dataset into one output folder, atomically.

The output folder (``dist/`` by default) is a symbolic link to a release
folder beside it (``.dist.releases/<version>/``).  A release is written
completely, then the link is switched with one atomic rename: a failed or
killed build leaves the last good output untouched.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph
from rdflib import Dataset, Graph, URIRef

from ilo_kg.dumps import DUMPS, context_document, sorted_nquads, sorted_ntriples, write_dump
from ilo_kg.engine.oxigraph import fill_default_graph
from ilo_kg.fastbuild import FastBuild, fast_build
from ilo_kg.filescan import file_info
from ilo_kg.iris import Minter
from ilo_kg.releases import KEEP_RELEASES, build_lock, make_readable, prune, releases_dir
from ilo_kg.stages import release_version
from ilo_kg.summary import summarize
from ilo_kg.void import DatasetStats, describe_dataset, stats_from_dataset

MANIFEST = "manifest.json"
STORE = "store"


@dataclass(frozen=True)
class Published:
    folder: Path  # the output link
    release: Path  # the folder it points to
    version: str
    files: dict[str, dict[str, object]]


def version_of(ntriples: bytes, package_version: str) -> str:
    """The release version of a dataset whose sorted N-Triples union is ``ntriples``."""
    return release_version(package_version, hashlib.sha256(ntriples).hexdigest())


class _Release:
    """A release folder being written: committed (renamed into place and linked) or thrown away whole.

    It holds the output's build lock from start to end: two builds into one output run one after
    the other (the second says so and waits)."""

    def __init__(self, output: Path, progress: Callable[[str], None] = lambda _m: None) -> None:
        self.output = output
        self.home = releases_dir(output)
        self._lock = contextlib.ExitStack()
        self._lock.enter_context(build_lock(self.home, progress))
        try:
            self.work = Path(tempfile.mkdtemp(prefix="release.", suffix=".partial", dir=self.home))
        except BaseException:
            self._lock.close()
            raise

    def commit(self, version: str) -> Path:
        try:
            release = self.home / version
            if (release / MANIFEST).is_file() and _version_in(release) == version:
                # the same version again (same inputs): the published folder stays, bytes and all;
                # replacing it would pull it from under a service reading it
                shutil.rmtree(self.work, ignore_errors=True)
                os.utime(release)
            else:
                make_readable(self.work)
                if release.exists():  # an incomplete folder of that name: set aside, then removed
                    aside = self.home / f"{version}.stale-{os.getpid()}.partial"
                    os.rename(release, aside)
                os.rename(self.work, release)
            _switch(self.output, release)
            prune(self.home, keep=release, keep_count=KEEP_RELEASES)
            return release
        finally:
            self._lock.close()

    def abandon(self) -> None:
        try:
            shutil.rmtree(self.work, ignore_errors=True)
        finally:
            self._lock.close()


def _version_in(release: Path) -> str | None:
    try:
        return str(json.loads((release / MANIFEST).read_text()).get("version"))
    except (OSError, ValueError, AttributeError):
        return None


def _describe(
    work: Path,
    stats: DatasetStats,
    *,
    minter: Minter,
    version: str,
    graph_titles: dict[URIRef, str],
    hashed: dict[str, dict[str, object]] | None = None,
) -> tuple[Graph, dict[str, dict[str, object]]]:
    """VoID/DCAT for the files in ``work``, written to ``void.ttl``; returns it and the files' digests.

    ``hashed``: digests already taken while files were written (by name), not read again."""
    known = hashed or {}
    files = {p.name: known.get(p.name) or file_info(p) for p in sorted(work.iterdir()) if p.is_file()}
    void = describe_dataset(stats, minter=minter, version=version, files=files, graph_titles=graph_titles)
    (work / "void.ttl").write_bytes(void.serialize(format="turtle").encode())
    files["void.ttl"] = file_info(work / "void.ttl")
    return void, files


def _manifest(work: Path, version: str, files: dict[str, dict[str, object]], stats: DatasetStats) -> None:
    store = pyoxigraph.Store.read_only(str(work / STORE))
    manifest = {
        "version": version,
        "files": files,
        "graphs": dict(sorted(stats.graphs.items())),
        "summary": summarize(store, stats),
    }
    del store
    (work / MANIFEST).write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n")


def publish(
    dataset: Dataset,
    *,
    output: Path,
    minter: Minter,
    package_version: str,
    extra_files: dict[str, bytes],
    graph_titles: dict[URIRef, str],
    progress: Callable[[str], None] = lambda _m: None,
) -> Published:
    """Write every dump, VoID/DCAT and the Oxigraph store for ``dataset``, then switch ``output`` to it."""
    union_nt = sorted_ntriples(dataset)
    version = version_of(union_nt, package_version)
    release = _Release(output, progress)
    try:
        work = release.work
        progress("writing dumps")
        (work / "ilo-kg.nt").write_bytes(union_nt)
        context = context_document()
        (work / "context.jsonld").write_text(json.dumps(context, indent=2, sort_keys=True) + "\n")
        nquads = sorted_nquads(dataset)
        for dump in DUMPS:
            if dump.file != "ilo-kg.nt":
                write_dump(dataset, dump, work / dump.file, context, union_nt=union_nt, nquads=nquads)
        for name, data in extra_files.items():
            (work / name).write_bytes(data)
        progress("describing the dataset (VoID, DCAT)")
        stats = stats_from_dataset(dataset, minter.base)
        void, files = _describe(work, stats, minter=minter, version=version, graph_titles=graph_titles)
        progress("loading the Oxigraph store")
        _load_store(work / STORE, nquads, void, minter)
        _manifest(work, version, files, stats)
        folder = release.commit(version)
    except BaseException:
        release.abandon()
        raise
    return Published(folder=output, release=folder, version=version, files=files)


def publish_nquads(
    nquads: Path,
    *,
    output: Path,
    minter: Minter,
    package_version: str,
    shapes: Graph,
    extra_files: dict[str, bytes],
    progress: Callable[[str], None] = lambda _m: None,
) -> tuple[Published, FastBuild]:
    """The large-graph path: validate, infer and publish an N-Quads file with Oxigraph end to end.

    Publishes the store, the sorted N-Triples of the union, N-Quads of all graphs (inferred included),
    VoID/DCAT, the validation report and ``extra_files``; the rdflib-written dumps (TriG, Turtle,
    JSON-LD) are left out at this size.  Atomic like :func:`publish`.
    """
    release = _Release(output, progress)
    try:
        work = release.work
        result = fast_build(
            nquads,
            output=work,
            shapes=shapes,
            base_iri=minter.base,
            inferred_graph=str(minter.inferred_graph),
            progress=progress,
        )
        version = release_version(package_version, str(result.files["ilo-kg.nt"]["sha256"]))
        for name, data in {**extra_files, "validation-report.txt": result.report.text().encode()}.items():
            (work / name).write_bytes(data)
        (work / "context.jsonld").write_text(json.dumps(context_document(), indent=2, sort_keys=True) + "\n")
        progress("describing the dataset (VoID, DCAT)")
        void, files = _describe(
            work, result.stats, minter=minter, version=version, graph_titles={}, hashed=result.files
        )
        progress("writing the default graph (the distinct union)")
        store = pyoxigraph.Store(str(work / STORE))
        _finish_store(
            store, work / "ilo-kg.nt", void, minter, optimize=False
        )  # optimising a large store is slow
        del store
        _manifest(work, version, files, result.stats)
        folder = release.commit(version)
    except BaseException:
        release.abandon()
        raise
    return Published(folder=output, release=folder, version=version, files=files), result


def _data_graphs(store: pyoxigraph.Store, minter: Minter) -> list[pyoxigraph.NamedNode]:
    void = pyoxigraph.NamedNode(str(minter.graph("void")))
    return [g for g in store.named_graphs() if isinstance(g, pyoxigraph.NamedNode) and g != void]


def _load_store(path: Path, nquads: bytes, void: Graph, minter: Minter) -> None:
    """The store of a dataset written from rdflib: every named graph, then :func:`_finish_store`."""
    store = pyoxigraph.Store(str(path))
    store.bulk_load(input=nquads, format=pyoxigraph.RdfFormat.N_QUADS)
    _finish_store(store, path.parent / "ilo-kg.nt", void, minter, optimize=True)
    del store


def _finish_store(
    store: pyoxigraph.Store, union: Path, void: Graph, minter: Minter, *, optimize: bool
) -> None:
    """Complete a release's store whose named graphs are loaded, whichever input adapter loaded them:
    the VoID graph, and the default graph.

    The default graph is the distinct union of the dataset's graphs (``union``, the release's
    ``ilo-kg.nt``, the VoID graph left out): a triple stated by two sources is one triple there, and
    stays in both named graphs.  Queries that name no dataset run on it.
    """
    store.bulk_load(
        input=void.serialize(format="nt").encode(),
        format=pyoxigraph.RdfFormat.N_TRIPLES,
        to_graph=pyoxigraph.NamedNode(str(minter.graph("void"))),
    )
    fill_default_graph(store, union, _data_graphs(store, minter))
    if optimize:
        store.optimize()
    store.flush()


def _switch(output: Path, release: Path) -> None:
    """Point ``output`` at ``release`` with one atomic rename of a symbolic link."""
    target = os.path.relpath(release, output.parent)
    link = output.parent / f".{output.name}.link-{os.getpid()}"
    if link.is_symlink() or link.exists():
        link.unlink()
    os.symlink(target, link)
    if output.exists() and not output.is_symlink():
        # an output folder from elsewhere: keep it aside rather than delete it
        aside = releases_dir(output) / f"previous-{os.getpid()}"
        os.rename(output, aside)
    os.replace(link, output)


def read_manifest(output: Path) -> dict[str, object] | None:
    path = output / MANIFEST
    if not path.is_file():
        return None
    data: dict[str, object] = json.loads(path.read_text())
    return data
