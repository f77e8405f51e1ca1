"""OWL 2 RL inference (owlrl) -> the inferred triples only, for their own named graph.

What is kept: new triples whose subject is one of the graph's own instance IRIs
(``{base}id/...``), minus noise: reflexive ``owl:sameAs``/``subClassOf`` and the
like, ``owl:Thing``/``rdfs:Resource`` typing, blank nodes, and any triple that
mentions an outside IRI only because ``owl:sameAs`` would copy statements onto
it (the external ``owl:sameAs`` links are published but kept out of the
reasoner's input).
"""

from __future__ import annotations

from dataclasses import dataclass

import owlrl
from rdflib import OWL, RDF, RDFS, BNode, Graph, Literal, URIRef

from ilo_kg.iris import Minter

_NOISE_OBJECTS = {OWL.Thing, RDFS.Resource, OWL.NamedIndividual}
_REFLEXIVE = {OWL.sameAs, OWL.equivalentClass, OWL.equivalentProperty, RDFS.subClassOf, RDFS.subPropertyOf}
_ERROR = URIRef("http://www.daml.org/2002/03/agents/agent-ont#ErrorMessage")
_ERROR_TEXT = URIRef("http://www.daml.org/2002/03/agents/agent-ont#error")


@dataclass(frozen=True)
class Inference:
    triples: Graph
    errors: tuple[str, ...]


def _own(node: object, prefix: str) -> bool:
    return isinstance(node, URIRef) and str(node).startswith(prefix)


def infer(asserted: Graph, ontology: Graph, base_iri: str) -> Inference:
    """The OWL 2 RL closure of ontology + asserted data, less the input and less noise."""
    prefix = Minter(base_iri).id_space
    work = Graph()
    for triple in ontology:
        work.add(triple)
    for s, p, o in asserted:
        if p == OWL.sameAs and not _own(o, prefix):
            continue  # outside identity links: published, not reasoned with
        work.add((s, p, o))
    before = set(work)
    owlrl.DeductiveClosure(
        owlrl.OWLRL_Semantics, improved_datatypes=False, axiomatic_triples=False, datatype_axioms=False
    ).expand(work)
    errors = tuple(sorted(str(work.value(e, _ERROR_TEXT)) for e in work.subjects(RDF.type, _ERROR)))
    inferred = Graph()
    for s, p, o in work:
        if (s, p, o) in before or not _own(s, prefix):
            continue
        if isinstance(o, BNode) or (p in _REFLEXIVE and s == o):
            continue
        if p == RDF.type and (o in _NOISE_OBJECTS or not isinstance(o, URIRef)):
            continue
        if (
            isinstance(o, Literal)
            and any(True for _ in asserted.triples((s, p, None)))
            and _same_value(asserted, s, p, o)
        ):
            continue
        inferred.add((s, p, o))
    nothing = list(inferred.subjects(RDF.type, OWL.Nothing))
    errors += tuple(f"{s} is inferred to be owl:Nothing" for s in nothing)
    return Inference(triples=inferred, errors=errors)


def _same_value(g: Graph, s: object, p: object, o: Literal) -> bool:
    return any(isinstance(x, Literal) and x.eq(o) for x in g.objects(s, p))  # type: ignore[arg-type]
