"""The pipeline: sources -> mapping -> validate -> infer -> publish."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Dataset, Graph, URIRef

from ilo_kg import __version__
from ilo_kg.claims import Disagreement, apply_claims
from ilo_kg.config import Settings
from ilo_kg.infer import InconsistencyError, Inference, infer
from ilo_kg.iris import PREFIXES, Minter
from ilo_kg.link import Gazetteer, learn_pages
from ilo_kg.mapping import map_reference
from ilo_kg.mapping.pages import map_page
from ilo_kg.publish import Published, publish
from ilo_kg.records import ExtractionWarning, Page
from ilo_kg.reference import Reference, load_reference
from ilo_kg.sources import extract
from ilo_kg.sources.origin import read_meta, remembered_kind
from ilo_kg.validate import ValidationReport, load_shapes, validate

Progress = Callable[[str], None]


class BuildError(RuntimeError):
    """The build stopped; nothing was published.  ``report`` holds the validation report when it failed."""

    def __init__(self, message: str, report: ValidationReport | None = None) -> None:
        super().__init__(message)
        self.report = report


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
    assembled: Assembled
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


def assemble(settings: Settings, progress: Progress = lambda _m: None) -> Assembled:
    """Read every input and map it to asserted triples, one named graph per source document."""
    minter = Minter(settings.base_iri)
    dataset = Dataset()
    for prefix, ns in PREFIXES.items():
        dataset.bind(prefix, ns)
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


def build(settings: Settings, progress: Progress = lambda _m: None) -> BuildResult:
    """Build and publish; raises :class:`BuildError` (publishing nothing) when the data does not validate."""
    minter = Minter(settings.base_iri)
    assembled = assemble(settings, progress)
    data = asserted_union(assembled, minter)
    progress(f"validating {len(data)} asserted triples against the shapes")
    shapes = load_shapes(settings.shapes_dir, settings.base_iri)
    validator, reasoner = checkers(settings.checker)
    report = validator(data, shapes, assembled.ontology)
    if not report.conforms:
        raise BuildError("the data does not conform to the shapes; nothing was published", report)
    progress("inferring (OWL 2 RL)")
    inference = reasoner(data, assembled.ontology, minter.base)
    if inference.errors:
        raise InconsistencyError("the graph is inconsistent under OWL 2 RL: " + "; ".join(inference.errors))
    inferred = assembled.dataset.graph(minter.inferred_graph)
    for triple in inference.triples:
        inferred.add(triple)
    assembled.titles[minter.inferred_graph] = "Triples inferred by OWL 2 RL"
    progress(f"publishing to {settings.dist}")
    extra = {
        "validation-report.txt": report.text().encode(),
        "ontology.ttl": assembled.ontology.serialize(format="turtle").encode(),
        "shapes.ttl": shapes.serialize(format="turtle").encode(),
    }
    published = publish(
        assembled.dataset,
        output=settings.dist,
        minter=minter,
        package_version=__version__,
        extra_files=extra,
        graph_titles=assembled.titles,
        progress=progress,
    )
    return BuildResult(
        published=published, report=report, assembled=assembled, inferred=len(inference.triples)
    )


def build_from_nquads(settings: Settings, nquads: Path, progress: Progress = lambda _m: None) -> Published:
    """Validate, infer and publish a prepared N-Quads file (a large or merged graph) with Oxigraph end to end.

    The file holds the asserted graphs (one per source, reference, ontology); nothing is published when it
    does not conform to the shapes or is inconsistent.
    """
    from ilo_kg.fastbuild import FastBuildError
    from ilo_kg.publish import publish_nquads

    if not nquads.is_file():
        raise BuildError(f"{nquads}: no such file")
    minter = Minter(settings.base_iri)
    shapes = load_shapes(settings.shapes_dir, settings.base_iri)
    extra = {
        "ontology.ttl": load_ontology(settings).serialize(format="turtle").encode(),
        "shapes.ttl": shapes.serialize(format="turtle").encode(),
    }
    try:
        published, _result = publish_nquads(
            nquads,
            output=settings.dist,
            minter=minter,
            package_version=__version__,
            shapes=shapes,
            extra_files=extra,
            progress=progress,
        )
    except FastBuildError as exc:
        raise BuildError(str(exc), exc.report) from exc
    except (OSError, SyntaxError, ValueError) as exc:
        raise BuildError(f"{nquads}: cannot load: {exc}") from exc
    return published
