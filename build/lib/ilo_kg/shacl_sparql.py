"""SHACL shapes compiled to SPARQL and run on an Oxigraph store: the engine-native validator.

pySHACL (``ilo_kg.validate``) stays the reference; this module gives the same results (focus node,
path, value, constraint component, source shape, severity, message) as the same
:class:`~ilo_kg.validate.Violation` objects, so the build can use either engine.

The shapes are compiled to queries by :mod:`ilo_kg.shacl_compile` (what is supported is listed there);
anything else raises :class:`UnsupportedShape` naming the shape and the component: nothing is silently
skipped.  This module runs the queries and turns their answers into violations.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import pyoxigraph as ox
from rdflib import RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from ilo_kg.shacl_compile import CompiledConstraint, compile_shapes, referenced_classes
from ilo_kg.shacl_compile import UnsupportedShape as UnsupportedShape  # re-exported
from ilo_kg.validate import ValidationReport, Violation

GraphName = ox.NamedNode | ox.DefaultGraph


def class_closure(
    store: ox.Store, classes: Iterable[URIRef], graphs: Sequence[GraphName] | None = None
) -> dict[URIRef, set[URIRef]]:
    """Each class with all its subclasses (``rdfs:subClassOf*``) in ``graphs``."""
    wanted = sorted(set(classes))
    if not wanted:
        return {}
    values = " ".join(f"<{c}>" for c in wanted)
    query = f"SELECT DISTINCT ?c ?sub WHERE {{ VALUES ?c {{ {values} }} ?sub <{RDFS.subClassOf}>* ?c }}"
    closure: dict[URIRef, set[URIRef]] = {c: {c} for c in wanted}
    for row in store.query(query, **_scope(graphs)):  # type: ignore[arg-type, union-attr]
        if isinstance(row["sub"], ox.NamedNode):
            closure[URIRef(row["c"].value)].add(URIRef(row["sub"].value))
    return closure


def to_rdflib(node: object) -> Node | None:
    if node is None:
        return None
    if isinstance(node, ox.NamedNode):
        return URIRef(node.value)
    if isinstance(node, ox.BlankNode):
        return BNode(node.value)
    if isinstance(node, ox.Literal):
        if node.language:
            return Literal(node.value, lang=node.language)
        dt = node.datatype.value
        return Literal(node.value) if dt == str(XSD.string) else Literal(node.value, datatype=URIRef(dt))
    raise TypeError(f"unexpected term {node!r}")


def _show(node: Node | None) -> str | None:
    if node is None:
        return None
    return f"<{node}>" if isinstance(node, URIRef) else node.n3()


def _bindings(row: ox.QuerySolution, names: Sequence[str]) -> dict[str, Node]:
    found = {}
    for name in names:
        term = to_rdflib(row[name])
        if term is not None:
            found[name] = term
    return found


def _scope(graphs: Sequence[GraphName] | None) -> dict[str, object]:
    if graphs is None:  # every graph of the store: Oxigraph's union default graph is much faster than a list
        return {"use_default_graph_as_union": True}
    return {"default_graph": list(graphs)}


def run(
    store: ox.Store, compiled: Sequence[CompiledConstraint], graphs: Sequence[GraphName] | None = None
) -> list[Violation]:
    """Run compiled constraints on ``graphs`` of ``store`` (their union; None: every graph)."""
    violations: set[Violation] = set()
    for c in compiled:
        result = store.query(c.query, **_scope(graphs))  # type: ignore[arg-type]
        names = [v.value for v in result.variables]  # type: ignore[union-attr]
        for row in result:  # type: ignore[union-attr]
            b = _bindings(row, names)
            focus = b.get("this")
            if focus is None:
                continue
            message = c.message
            if c.substitute:
                for var, val in b.items():
                    message = re.sub(f"{{[?$]{re.escape(var)}}}", str(val).replace("\\", "\\\\"), message)
            path = c.path
            if c.component == "SPARQLConstraintComponent" and "path" in b:
                path = _show(b["path"])
            violations.add(
                Violation(
                    focus=str(focus),
                    path=path,
                    value=_show(b.get("value")),
                    message=message or "constraint not met",
                    constraint=c.component,
                    shape=c.shape,
                    severity=c.severity,
                )
            )
    return sorted(violations, key=lambda v: (v.shape, v.constraint, v.focus, v.value or ""))


def validate_store(
    store: ox.Store,
    shapes: Graph,
    graphs: Sequence[GraphName] | None = None,
    checked_triples: int | None = None,
) -> ValidationReport:
    """Validate the union of ``graphs`` (data plus the ontology, as pySHACL's ``ont_graph``) in ``store``.

    ``graphs=None`` validates the union of every graph in the store (the fast path: load only the asserted
    graphs and the ontology before validating).
    """
    closure = class_closure(store, referenced_classes(shapes), graphs)
    compiled = compile_shapes(shapes, closure)
    violations = run(store, compiled, graphs)
    if checked_triples is None:
        checked_triples = len(store)
    return ValidationReport(violations=tuple(violations), checked_triples=checked_triples)


def validate_graph(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Drop-in for :func:`ilo_kg.validate.validate` (same arguments, same results), run on Oxigraph."""
    store = ox.Store()
    for g in (data, ontology):
        store.load(g.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return validate_store(store, shapes, checked_triples=len(data))
