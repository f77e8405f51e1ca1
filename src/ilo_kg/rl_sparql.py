"""OWL 2 RL, the rules the ontology uses, as SPARQL updates run to a fixpoint on an Oxigraph store.

``ilo_kg.infer`` (owlrl) stays the reference; this gives the same inferred instance triples with the same
policy: only new triples whose subject is under ``{base}id/``, no reflexive ``owl:sameAs``/``subClassOf``
noise, no ``owl:Thing``/``rdfs:Resource`` typing, no blank nodes, and outside ``owl:sameAs`` links kept out
of the reasoner's input.

The schema (class and property hierarchy, inverses, domains, ranges, equivalences, transitive and
symmetric properties, disjoint classes) is read from the work store and closed in Python (it is small);
the instance rules (prp-spo1, prp-eqp, prp-inv, prp-symp, prp-trp, prp-dom, prp-rng, cax-sco, cax-eqc,
eq-sym/eq-trans/eq-rep for own ``owl:sameAs``) are then ``INSERT ... WHERE`` updates repeated until nothing
new appears.  Consistency (cax-dw, cls-nothing2) is checked by queries.  Any other OWL construct in the
store raises :class:`UnsupportedOntology` naming it, rather than being silently ignored.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph

from ilo_kg.infer import Inference
from ilo_kg.iris import Minter
from ilo_kg.shacl_sparql import to_rdflib

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
TYPE = RDF + "type"
WORK_GRAPH = ox.NamedNode("urn:ilo-kg:rl:inferred")
_SCHEMA = {
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
    OWL + "inverseOf",
    RDFS + "domain",
    RDFS + "range",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    OWL + "disjointWith",
}
_UNSUPPORTED_PREDICATES = [
    OWL + x
    for x in (
        "onProperty",
        "someValuesFrom",
        "allValuesFrom",
        "hasValue",
        "unionOf",
        "intersectionOf",
        "complementOf",
        "oneOf",
        "propertyChainAxiom",
        "hasKey",
        "maxCardinality",
        "maxQualifiedCardinality",
        "cardinality",
        "minCardinality",
        "propertyDisjointWith",
        "differentFrom",
        "members",
        "distinctMembers",
        "disjointUnionOf",
        "sourceIndividual",
        "onClass",
        "qualifiedCardinality",
        "hasSelf",
    )
]
_UNSUPPORTED_TYPES = [
    OWL + x
    for x in (
        "FunctionalProperty",
        "InverseFunctionalProperty",
        "IrreflexiveProperty",
        "AsymmetricProperty",
        "AllDisjointClasses",
        "AllDisjointProperties",
        "AllDifferent",
        "NegativePropertyAssertion",
        "ReflexiveProperty",
        "Restriction",
    )
]
_NOISE = (OWL + "Thing", RDFS + "Resource", OWL + "NamedIndividual")
_REFLEXIVE = (
    OWL + "sameAs",
    OWL + "equivalentClass",
    OWL + "equivalentProperty",
    RDFS + "subClassOf",
    RDFS + "subPropertyOf",
)


class UnsupportedOntology(ValueError):
    """The store uses an OWL construct these rules do not implement."""


@dataclass(frozen=True)
class Schema:
    super_properties: dict[str, set[str]]  # p -> every q with p subPropertyOf* q (q != p)
    super_classes: dict[str, set[str]]
    inverses: set[tuple[str, str]]
    symmetric: set[str]
    transitive: set[str]
    domains: dict[str, set[str]]  # p -> classes, closed upwards
    ranges: dict[str, set[str]]
    disjoint: set[tuple[str, str]]


def _closure(edges: dict[str, set[str]]) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for start in edges:
        seen: set[str] = set()
        todo = list(edges[start])
        while todo:
            node = todo.pop()
            if node not in seen:
                seen.add(node)
                todo.extend(edges.get(node, ()))
        seen.discard(start)
        result[start] = seen
    return result


def _rows(store: ox.Store, query: str) -> list[tuple[str, ...]]:
    return [tuple(term.value for term in row) for row in store.query(query)]  # type: ignore[union-attr]


def read_schema(store: ox.Store) -> Schema:
    """The schema axioms in the store's default graph, closed; raises on unsupported OWL."""
    values = " ".join(f"<{p}>" for p in _UNSUPPORTED_PREDICATES)
    types = " ".join(f"<{t}>" for t in _UNSUPPORTED_TYPES)
    bad = _rows(
        store,
        f"SELECT DISTINCT ?s ?p WHERE {{ {{ ?s ?p ?o VALUES ?p {{ {values} }} }} UNION "
        f"{{ ?s a ?p VALUES ?p {{ {types} }} }} }} LIMIT 5",
    )
    if bad:
        raise UnsupportedOntology(
            "OWL construct(s) not implemented by the SPARQL rules: "
            + ", ".join(f"{p} (on {s})" for s, p in bad)
        )
    sub_p: dict[str, set[str]] = defaultdict(set)
    sub_c: dict[str, set[str]] = defaultdict(set)
    inverses: set[tuple[str, str]] = set()
    dom: dict[str, set[str]] = defaultdict(set)
    rng: dict[str, set[str]] = defaultdict(set)
    disjoint: set[tuple[str, str]] = set()
    pv = " ".join(f"<{p}>" for p in sorted(_SCHEMA))
    for s, p, o in _rows(
        store, f"SELECT ?s ?p ?o WHERE {{ ?s ?p ?o VALUES ?p {{ {pv} }} FILTER (isIRI(?s) && isIRI(?o)) }}"
    ):
        if p == RDFS + "subPropertyOf":
            sub_p[s].add(o)
        elif p == OWL + "equivalentProperty":
            sub_p[s].add(o)
            sub_p[o].add(s)
        elif p == RDFS + "subClassOf":
            sub_c[s].add(o)
        elif p == OWL + "equivalentClass":
            sub_c[s].add(o)
            sub_c[o].add(s)
        elif p == OWL + "inverseOf":
            inverses |= {(s, o), (o, s)}
        elif p == RDFS + "domain":
            dom[s].add(o)
        elif p == RDFS + "range":
            rng[s].add(o)
        elif p == OWL + "disjointWith":
            disjoint.add((s, o))
    sym = {r[0] for r in _rows(store, f"SELECT DISTINCT ?p WHERE {{ ?p a <{OWL}SymmetricProperty> }}")}
    trans = {r[0] for r in _rows(store, f"SELECT DISTINCT ?p WHERE {{ ?p a <{OWL}TransitiveProperty> }}")}
    supers = _closure(sub_c)

    def up(classes: set[str]) -> set[str]:
        return set().union(*({c} | supers.get(c, set()) for c in classes)) if classes else set()

    super_p = _closure(sub_p)
    # scm-dom2/scm-rng2: a property has the domains and ranges of its superproperties
    all_props = set(super_p) | set(dom) | set(rng)
    domains = {
        p: up(dom.get(p, set()).union(*(dom.get(q, set()) for q in super_p.get(p, ())))) for p in all_props
    }
    ranges = {
        p: up(rng.get(p, set()).union(*(rng.get(q, set()) for q in super_p.get(p, ())))) for p in all_props
    }
    return Schema(
        super_p,
        supers,
        inverses,
        sym,
        trans,
        {p: c for p, c in domains.items() if c},
        {p: c for p, c in ranges.items() if c},
        disjoint,
    )


def _pairs(pairs: Iterable[tuple[str, str]]) -> str:
    return " ".join(f"(<{a}> <{b}>)" for a, b in sorted(pairs))


def rules(schema: Schema, own: str) -> list[str]:
    """The instance rules as SPARQL updates: each inserts into the default graph and into WORK_GRAPH."""
    g = f"<{WORK_GRAPH.value}>"

    def insert(head: str, body: str, values: str = "") -> str:
        where = f"{values} {body} FILTER NOT EXISTS {{ {head} }}"
        return f"INSERT {{ {head} GRAPH {g} {{ {head} }} }} WHERE {{ {where} }}"

    out = []
    spo = [(p, q) for p, qs in schema.super_properties.items() for q in qs]
    if spo:
        out.append(insert("?s ?q ?o .", "?s ?p ?o .", f"VALUES (?p ?q) {{ {_pairs(spo)} }}"))
    if schema.inverses:
        out.append(
            insert(
                "?o ?q ?s .",
                "?s ?p ?o . FILTER (!isLiteral(?o))",
                f"VALUES (?p ?q) {{ {_pairs(schema.inverses)} }}",
            )
        )
    if schema.symmetric:
        out.append(
            insert(
                "?o ?p ?s .",
                "?s ?p ?o . FILTER (!isLiteral(?o))",
                "VALUES ?p { " + " ".join(f"<{p}>" for p in sorted(schema.symmetric)) + " }",
            )
        )
    for p in sorted(schema.transitive):
        out.append(insert(f"?x <{p}> ?z .", f"?x <{p}> ?y . ?y <{p}> ?z ."))
    same = f"<{OWL}sameAs>"
    out.append(insert(f"?y {same} ?x .", f"?x {same} ?y ."))
    out.append(insert(f"?x {same} ?z .", f"?x {same} ?y . ?y {same} ?z ."))
    out.append(insert("?y ?p ?o .", f"?x {same} ?y . FILTER (!sameTerm(?x, ?y)) ?x ?p ?o ."))
    out.append(insert("?s ?p ?y .", f"?x {same} ?y . FILTER (!sameTerm(?x, ?y)) ?s ?p ?x ."))
    dom = [(p, c) for p, cs in schema.domains.items() for c in cs]
    if dom:
        out.append(insert(f"?s <{TYPE}> ?c .", "?s ?p ?o .", f"VALUES (?p ?c) {{ {_pairs(dom)} }}"))
    rng = [(p, c) for p, cs in schema.ranges.items() for c in cs]
    if rng:
        out.append(
            insert(
                f"?o <{TYPE}> ?c .",
                "?s ?p ?o . FILTER (!isLiteral(?o))",
                f"VALUES (?p ?c) {{ {_pairs(rng)} }}",
            )
        )
    sco = [(c, d) for c, ds in schema.super_classes.items() for d in ds]
    if sco:
        out.append(insert(f"?s <{TYPE}> ?d .", f"?s <{TYPE}> ?c .", f"VALUES (?c ?d) {{ {_pairs(sco)} }}"))
    return out


def drop_outside_same_as(store: ox.Store, own: str) -> None:
    """infer.py's policy: outside identity links are published but not reasoned with."""
    store.update(
        f"DELETE {{ ?s <{OWL}sameAs> ?o }} WHERE {{ ?s <{OWL}sameAs> ?o "
        f'FILTER (!isIRI(?o) || !STRSTARTS(STR(?o), "{own}")) }}'
    )


def run_to_fixpoint(store: ox.Store, schema: Schema, own: str, max_rounds: int = 50) -> int:
    """Apply the rules until no rule adds a triple; returns the number of rounds."""
    updates = rules(schema, own)
    for round_ in range(1, max_rounds + 1):
        before = len(store)
        for update in updates:
            store.update(update)
        if len(store) == before:
            return round_
    raise RuntimeError(f"OWL 2 RL rules did not reach a fixpoint in {max_rounds} rounds")


def consistency_errors(store: ox.Store, schema: Schema) -> tuple[str, ...]:
    errors = []
    if schema.disjoint:
        q = (
            f"SELECT DISTINCT ?x ?a ?b WHERE {{ VALUES (?a ?b) {{ {_pairs(schema.disjoint)} }} "
            f"?x <{TYPE}> ?a , ?b }}"
        )
        errors += [
            f"{x} is both a {a} and a {b}, which are disjoint (owl:disjointWith)"
            for x, a, b in _rows(store, q)
        ]
    q = f"SELECT DISTINCT ?x WHERE {{ ?x <{TYPE}> <{OWL}Nothing> }}"
    errors += [f"{x} is inferred to be owl:Nothing" for (x,) in _rows(store, q)]
    return tuple(sorted(errors))


def inferred_triples(store: ox.Store, own: str) -> list[ox.Triple]:
    """The new triples, filtered by infer.py's policy (own subjects, no noise), in the store's order."""
    noise = ", ".join(f"<{n}>" for n in _NOISE)
    refl = ", ".join(f"<{p}>" for p in _REFLEXIVE)
    q = (
        f"SELECT ?s ?p ?o WHERE {{ GRAPH <{WORK_GRAPH.value}> {{ ?s ?p ?o }} "
        f'FILTER (isIRI(?s) && STRSTARTS(STR(?s), "{own}") && !isBlank(?o)) '
        f"FILTER (!(sameTerm(?s, ?o) && ?p IN ({refl}))) "
        f"FILTER (!(sameTerm(?p, <{TYPE}>) && (!isIRI(?o) || ?o IN ({noise})))) }}"
    )
    return [ox.Triple(*row) for row in store.query(q)]  # type: ignore[union-attr]  # ?s ?p ?o in order


@dataclass(frozen=True)
class RLResult:
    triples: list[ox.Triple]
    errors: tuple[str, ...]
    rounds: int


def infer_store(store: ox.Store, base_iri: str) -> RLResult:
    """Reason over the default graph of a scratch ``store`` holding the ontology and the asserted data.

    The store is changed: outside ``owl:sameAs`` links are removed and inferred triples are added (also
    to :data:`WORK_GRAPH`).  Returns the inferred triples as infer.py would keep them.
    """
    own = Minter(base_iri).id_space
    drop_outside_same_as(store, own)
    schema = read_schema(store)
    rounds = run_to_fixpoint(store, schema, own)
    return RLResult(inferred_triples(store, own), consistency_errors(store, schema), rounds)


def infer_graph(asserted: Graph, ontology: Graph, base_iri: str) -> Inference:
    """Drop-in for :func:`ilo_kg.infer.infer`: same arguments, same result, computed on Oxigraph."""
    store = ox.Store()
    for g in (ontology, asserted):
        store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    result = infer_store(store, base_iri)
    graph = Graph()
    for t in sorted(result.triples, key=str):  # a fixed insertion order: rdflib writes graphs in it
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))  # type: ignore[arg-type]
    return Inference(triples=graph, errors=result.errors)
