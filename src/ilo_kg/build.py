"""The build: one pipeline (read → validate → infer → publish, nothing published unless every step
passed) with two input adapters.

* :class:`SourcePages` (the default): the source pages and the curated reference data, mapped to one
  named graph per source document; validated and inferred by the ``checker`` setting; every dump
  written (:func:`ilo_kg.publish.publish`).
* :class:`NQuadsFile` (``ilo-kg build --from FILE``): a prepared N-Quads file of asserted graphs (a
  large or merged graph), validated, inferred and published with Oxigraph end to end
  (:func:`ilo_kg.publish.publish_nquads`).

Both read the ontology and the shapes the same way (:class:`Inputs`), stop with the same
:class:`~ilo_kg.stages.BuildError` messages and version their release with the same formula
(:func:`ilo_kg.stages.release_version`).  A new kind of input is a new adapter with a ``build`` method.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from rdflib import Dataset, Graph, URIRef

from ilo_kg import __version__
from ilo_kg.claims import Disagreement, apply_claims
from ilo_kg.config import Settings
from ilo_kg.infer import Inference, infer
from ilo_kg.iris import PREFIXES, Minter
from ilo_kg.link import Gazetteer, learn_pages
from ilo_kg.mapping import map_reference
from ilo_kg.mapping.pages import map_page
from ilo_kg.publish import Published, publish
from ilo_kg.records import ExtractionWarning, Page
from ilo_kg.reference import Reference, load_reference
from ilo_kg.sources import extract
from ilo_kg.sources.origin import read_meta, remembered_kind
from ilo_kg.stages import NOT_CONFORMING, BuildError, inconsistent
from ilo_kg.validate import ValidationReport, load_shapes, validate

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Assembled:
    """Everything asserted, before validation: one graph per source, reference data and the ontology."""

    dataset: Dataset
    ontology: Graph
    reference: Reference
    pages: tuple[Page, ...]
    warnings: tuple[ExtractionWarning, ...]
    unresolved: tuple[tuple[str, str, int, str], ...]  # (source, kind, line, mention)
    titles: dict[URIRef, str]
    disagreements: tuple[Disagreement, ...] = ()
    """Where sources state different values (see :mod:`ilo_kg.claims`)."""


@dataclass(frozen=True)
class BuildResult:
    published: Published
    report: ValidationReport
    assembled: Assembled | None
    """What the source pages gave (None for an N-Quads input: it was never held in rdflib)."""
    inferred: int


CHECKERS = ("oxigraph", "reference")


def checkers(
    name: str,
) -> tuple[Callable[[Graph, Graph, Graph], ValidationReport], Callable[[Graph, Graph, str], Inference]]:
    """The validator and reasoner of a ``checker`` setting."""
    if name == "reference":
        return validate, infer
    if name == "oxigraph":
        from ilo_kg.rl_sparql import infer_graph
        from ilo_kg.shacl_sparql import validate_graph

        return validate_graph, infer_graph
    raise BuildError(f"setting checker={name!r}: expected one of {', '.join(CHECKERS)}")


def load_ontology(settings: Settings) -> Graph:
    ontology = Graph()
    for path in sorted(settings.ontology_dir.glob("*.ttl")):
        ontology.parse(path, format="turtle")
    if not len(ontology):
        raise BuildError(f"{settings.ontology_dir}: no ontology (*.ttl) found")
    return ontology


def source_files(settings: Settings) -> list[Path]:
    return sorted(settings.sources_dir.glob("*.txt"))


def assemble(
    settings: Settings, progress: Progress = lambda _m: None, ontology: Graph | None = None
) -> Assembled:
    """Read every input and map it to asserted triples, one named graph per source document."""
    minter = Minter(settings.base_iri)
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
    if ontology is None:
        progress("reading the ontology")
        ontology = load_ontology(settings)
    for triple in ontology:
        dataset.graph(minter.ontology_graph).add(triple)
    titles = {minter.ontology_graph: "The ilo-kg ontology"}
    progress("reading reference data")
    reference = load_reference(settings.reference_dir)
    map_reference(reference, minter, dataset.graph(minter.reference_graph))
    titles[minter.reference_graph] = "Curated reference data"
    gazetteer = Gazetteer.from_reference(reference, minter, ontology)
    pages: list[Page] = []
    warnings: list[ExtractionWarning] = []
    files = source_files(settings)
    for path in files:
        progress(f"extracting {path.name}")
        page = extract(path, remembered_kind(path))  # the --kind given at ingest, if any
        pages.append(page)
        warnings.extend(page.warnings)
    learn_pages(gazetteer, pages)
    for page, path in zip(pages, files, strict=True):
        graph = dataset.graph(minter.source_graph(page.source_id))
        sha = hashlib.sha256(path.read_bytes()).hexdigest()
        meta = read_meta(path)
        map_page(
            page,
            gazetteer,
            minter,
            graph,
            sha256=sha,
            file_name=f"sources/{path.name}",
            url=meta.url if meta else None,
            retrieved=meta.retrieved if meta else None,
        )
        titles[graph.identifier] = f"Facts from {path.name} ({page.title})"  # type: ignore[index]
    found = apply_claims(dataset, pages, minter)
    return Assembled(
        dataset=dataset,
        ontology=ontology,
        reference=reference,
        pages=tuple(pages),
        warnings=tuple(warnings),
        unresolved=tuple(gazetteer.unresolved),
        titles=titles,
        disagreements=tuple(found),
    )


def asserted_union(assembled: Assembled, minter: Minter) -> Graph:
    union = Graph()
    for g in assembled.dataset.graphs():
        if g.identifier != minter.ontology_graph:
            for triple in g:
                union.add(triple)
    return union


@dataclass(frozen=True)
class Inputs:
    """What every build reads besides its data: the settings, the ontology and the shapes."""

    settings: Settings
    minter: Minter
    ontology: Graph
    shapes: Graph

    @classmethod
    def read(cls, settings: Settings, progress: Progress = lambda _m: None) -> Inputs:
        progress("reading the ontology and the shapes")
        return cls(
            settings=settings,
            minter=Minter(settings.base_iri),
            ontology=load_ontology(settings),
            shapes=load_shapes(settings.shapes_dir, settings.base_iri),
        )

    def extra_files(self) -> dict[str, bytes]:
        """The files every release carries besides its data (the validation report is added by the
        publish that validated)."""
        return {
            "ontology.ttl": self.ontology.serialize(format="turtle").encode(),
            "shapes.ttl": self.shapes.serialize(format="turtle").encode(),
        }


class InputAdapter(Protocol):
    """Where a build's asserted graphs come from, and how they are validated, inferred and published."""

    def build(self, inputs: Inputs, progress: Progress) -> BuildResult: ...


@dataclass(frozen=True)
class SourcePages:
    """The source pages (``sources_dir``) and the curated reference data: the default input."""

    def build(self, inputs: Inputs, progress: Progress) -> BuildResult:
        settings, minter = inputs.settings, inputs.minter
        assembled = assemble(settings, progress, inputs.ontology)
        data = asserted_union(assembled, minter)
        progress(f"validating {len(data)} asserted triples against the shapes")
        validator, reasoner = checkers(settings.checker)
        report = validator(data, inputs.shapes, assembled.ontology)
        if not report.conforms:
            raise BuildError(NOT_CONFORMING, report)
        progress("inferring (OWL 2 RL)")
        inference = reasoner(data, assembled.ontology, minter.base)
        if inference.errors:
            raise inconsistent(inference.errors)
        inferred = assembled.dataset.graph(minter.inferred_graph)
        for triple in inference.triples:
            inferred.add(triple)
        assembled.titles[minter.inferred_graph] = "Triples inferred by OWL 2 RL"
        progress(f"publishing to {settings.dist}")
        published = publish(
            assembled.dataset,
            output=settings.dist,
            minter=minter,
            package_version=__version__,
            extra_files={"validation-report.txt": report.text().encode(), **inputs.extra_files()},
            graph_titles=assembled.titles,
            progress=progress,
        )
        return BuildResult(
            published=published, report=report, assembled=assembled, inferred=len(inference.triples)
        )


@dataclass(frozen=True)
class NQuadsFile:
    """A prepared N-Quads file holding the asserted graphs (one per source, reference, ontology)."""

    path: Path

    def build(self, inputs: Inputs, progress: Progress) -> BuildResult:
        from ilo_kg.publish import publish_nquads

        if not self.path.is_file():
            raise BuildError(f"{self.path}: no such file")
        try:
            published, result = publish_nquads(
                self.path,
                output=inputs.settings.dist,
                minter=inputs.minter,
                package_version=__version__,
                shapes=inputs.shapes,
                extra_files=inputs.extra_files(),
                progress=progress,
            )
        except (OSError, SyntaxError, ValueError) as exc:
            raise BuildError(f"{self.path}: cannot load: {exc}") from exc
        return BuildResult(
            published=published, report=result.report, assembled=None, inferred=result.inferred
        )


def build(
    settings: Settings, progress: Progress = lambda _m: None, *, source: InputAdapter | None = None
) -> BuildResult:
    """Build and publish from ``source`` (the source pages by default); raises :class:`BuildError`
    (publishing nothing) when the data does not validate or is inconsistent."""
    inputs = Inputs.read(settings, progress)
    return (source or SourcePages()).build(inputs, progress)


def build_from_nquads(settings: Settings, nquads: Path, progress: Progress = lambda _m: None) -> Published:
    """Validate, infer and publish a prepared N-Quads file (:class:`NQuadsFile`) with Oxigraph end to end.

    The file holds the asserted graphs (one per source, reference, ontology); nothing is published when it
    does not conform to the shapes or is inconsistent.
    """
    return build(settings, progress, source=NQuadsFile(nquads)).published
