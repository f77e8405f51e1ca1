"""The engine-native validator and reasoner agree with pySHACL and owlrl (the references)."""

from __future__ import annotations

import sys
from collections import Counter
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from ilo_kg.build import assemble, asserted_union, load_ontology
from ilo_kg.config import Settings
from ilo_kg.infer import infer
from ilo_kg.iris import SH, Minter
from ilo_kg.rl_sparql import UnsupportedOntology, infer_graph
from ilo_kg.shacl_sparql import UnsupportedShape, compile_shapes, validate_store
from ilo_kg.validate import ValidationReport, load_shapes, validate

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from generate import generate_lines

Key = tuple[str, str | None, str | None, str, str]


def keys(report: ValidationReport) -> set[Key]:
    return {(v.focus, v.path, v.value, v.constraint, v.shape) for v in report.violations}


def sparql_report(data: Graph, ontology: Graph, shapes: Graph) -> ValidationReport:
    store = ox.Store()
    for g in (data, ontology):
        store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store, shapes)


def ntriples(g: Graph) -> set[str]:
    return {
        str(t) for t in ox.parse(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    }


@cache
def settings() -> Settings:
    return Settings()


@cache
def shapes() -> Graph:
    return load_shapes(settings().shapes_dir)


@cache
def ontology() -> Graph:
    return load_ontology(settings())


@cache
def seed() -> Graph:
    return asserted_union(assemble(settings()), Minter(settings().base_iri))


@cache
def generated(violations: int) -> tuple[Graph, Counter[str]]:
    lines, injected = generate_lines(10_000, seed=7, violations_per_shape=violations)
    graph = Graph()
    graph.parse(data="".join(line.rsplit(" <", 1)[0] + " .\n" for line in lines), format="nt")
    return graph, injected


def assert_same(reference: ValidationReport, ours: ValidationReport) -> None:
    missing, extra = keys(reference) - keys(ours), keys(ours) - keys(reference)
    assert not missing and not extra, f"only pySHACL: {sorted(missing)}\nonly SPARQL: {sorted(extra)}"
    assert reference.conforms == ours.conforms


def test_seed_validation_agrees() -> None:
    assert_same(validate(seed(), shapes(), ontology()), sparql_report(seed(), ontology(), shapes()))


@pytest.mark.parametrize("violations", [0, 1, 2])
def test_generated_validation_agrees(violations: int) -> None:
    data, _ = generated(violations)
    reference = validate(data, shapes(), ontology())
    ours = sparql_report(data, ontology(), shapes())
    assert_same(reference, ours)
    assert reference.conforms == (violations == 0)


def test_injected_violations_are_counted_per_shape() -> None:
    data, injected = generated(2)
    parent = {str(p): str(s) for s, p in shapes().subject_objects(SH.property)}
    per_shape = Counter(
        parent.get(v.shape, v.shape).rsplit("#", 1)[-1]
        for v in sparql_report(data, ontology(), shapes()).violations
    )
    assert per_shape == injected
    top = {str(s).rsplit("#", 1)[-1] for s in shapes().subjects(SH.targetClass, None)}
    top |= {str(s).rsplit("#", 1)[-1] for s in shapes().subjects(SH.targetSubjectsOf, None)}
    assert set(injected) == top, "every shape gets injected violations"


def test_messages_and_severity_are_reported() -> None:
    data, _ = generated(1)
    report = sparql_report(data, ontology(), shapes())
    assert all(v.severity == "Violation" and v.message for v in report.violations)
    assert any(v.constraint == "SPARQLConstraintComponent" for v in report.violations)


def test_seed_inference_agrees() -> None:
    base = Minter(settings().base_iri).base
    reference, ours = infer(seed(), ontology(), base), infer_graph(seed(), ontology(), base)
    assert ntriples(reference.triples) == ntriples(ours.triples)
    assert bool(reference.errors) == bool(ours.errors)


@pytest.mark.parametrize("violations", [0, 1])
def test_generated_inference_agrees(violations: int) -> None:
    data, _ = generated(violations)
    base = Minter(settings().base_iri).base
    reference, ours = infer(data, ontology(), base), infer_graph(data, ontology(), base)
    only_ref, only_ours = (
        ntriples(reference.triples) - ntriples(ours.triples),
        ntriples(ours.triples) - ntriples(reference.triples),
    )
    assert not only_ref and not only_ours, (
        f"only owlrl: {sorted(only_ref)[:10]}\nonly SPARQL: {sorted(only_ours)[:10]}"
    )


def test_disjoint_classes_are_an_inconsistency_in_both() -> None:
    data = Graph()
    data.parse(
        data="<https://w3id.org/ilo-kg/id/country/XXX> a <https://w3id.org/ilo-kg/ontology#MemberState> , "
        "<https://w3id.org/ilo-kg/ontology#Territory> .",
        format="turtle",
    )
    base = Minter(settings().base_iri).base
    assert infer(data, ontology(), base).errors
    assert infer_graph(data, ontology(), base).errors


def test_unsupported_shape_fails_loudly() -> None:
    bad = Graph()
    bad.parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:property [ sh:path <urn:p> ; sh:xone ( [ sh:datatype <urn:d> ] ) ] .""",
        format="turtle",
    )
    with pytest.raises(UnsupportedShape, match="xone"):
        compile_shapes(bad, {})


def test_unsupported_owl_fails_loudly() -> None:
    onto = Graph()
    onto.parse(data="<urn:p> a <http://www.w3.org/2002/07/owl#FunctionalProperty> .", format="turtle")
    with pytest.raises(UnsupportedOntology, match="FunctionalProperty"):
        infer_graph(Graph(), onto, "https://w3id.org/ilo-kg/")


UNDATED = """@prefix ilo: <https://w3id.org/ilo-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix ev: <https://w3id.org/ilo-kg/id/event/> .
@prefix src: <https://w3id.org/ilo-kg/id/source/> .
src:page a ilo:SourcePage ; ilo:pageKind "newsletter" ; ilo:fileName "sources/page.txt" ;
    ilo:sha256 "{sha}" ; dcterms:title "Page" ; skos:prefLabel "Page"@en ; dcterms:source src:page ;
    ilo:reports ev:reported-undated .
ev:reported-undated a ilo:Training ; skos:prefLabel "Training"@en ; dcterms:source src:page .
ev:unreported-undated a ilo:Training ; skos:prefLabel "Training"@en ; dcterms:source src:page .
ev:unreported-dated a ilo:Training ; skos:prefLabel "Training"@en ; dcterms:source src:page ;
    schema:startDate "2024-05"^^<http://www.w3.org/2001/XMLSchema#gYearMonth> .
""".replace("{sha}", "0" * 64)


def test_undated_events_agree() -> None:
    """An undated event conforms only when a news item or source page reports it, in both validators."""
    data = Graph()
    data.parse(data=UNDATED, format="turtle")
    reference, ours = validate(data, shapes(), ontology()), sparql_report(data, ontology(), shapes())
    assert_same(reference, ours)
    ev = "https://w3id.org/ilo-kg/id/event/"
    undated = {
        v.focus for v in ours.violations if v.constraint == "OrConstraintComponent" and v.focus.startswith(ev)
    }
    assert undated == {ev + "unreported-undated"}


def test_nested_property_shape_with_a_count_it_cannot_test_fails_loudly() -> None:
    bad = Graph()
    bad.parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:s> a sh:NodeShape ; sh:targetClass <urn:C> ; sh:or ( [ sh:path <urn:p> ; sh:minCount 2 ] ) .""",
        format="turtle",
    )
    with pytest.raises(UnsupportedShape, match="minCount"):
        compile_shapes(bad, {})
