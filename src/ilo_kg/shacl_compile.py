"""SHACL shapes compiled to SPARQL SELECT queries, one per constraint (run by :mod:`ilo_kg.shacl_sparql`).

Supported: targets ``sh:targetClass`` (with the ``rdfs:subClassOf`` closure of the validated graphs,
ontology included), ``sh:targetSubjectsOf``, ``sh:targetObjectsOf``, ``sh:targetNode`` and implicit class
targets; predicate, inverse, sequence, alternative and ``*``/``+``/``?`` paths; the components minCount,
maxCount, datatype, class, nodeKind, pattern, languageIn, uniqueLang, in, hasValue, min/max
Inclusive/Exclusive, lessThan(OrEquals), node/or/and/not over value-level shapes and over property shapes
whose counts are existence tests (minCount 1, maxCount 0, qualifiedMinCount 1), qualified min/max count
and ``sh:sparql`` SELECT constraints with ``$this``.  Anything else raises :class:`UnsupportedShape`
naming the shape and the component: nothing is silently skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.term import Node

from ilo_kg.iris import SH

_SHAPE_KEYS = {
    SH.path,
    SH.property,
    SH.severity,
    SH.message,
    SH.deactivated,
    SH.name,
    SH.description,
    SH.order,
    SH.group,
    SH.targetClass,
    SH.targetNode,
    SH.targetSubjectsOf,
    SH.targetObjectsOf,
    RDF.type,
    RDFS.comment,
    RDFS.label,
    SH.defaultValue,
    SH.declare,
}
_QUALIFIED = {
    SH.qualifiedValueShape,
    SH.qualifiedMinCount,
    SH.qualifiedMaxCount,
    SH.qualifiedValueShapesDisjoint,
}
_CASTABLE = {
    XSD.integer,
    XSD.decimal,
    XSD.double,
    XSD.float,
    XSD.boolean,
    XSD.date,
    XSD.dateTime,
    XSD.time,
    XSD.gYear,
    XSD.gYearMonth,
    XSD.duration,
}
_NODE_KINDS: dict[Node, str] = {
    SH.IRI: "isIRI({v})",
    SH.Literal: "isLiteral({v})",
    SH.BlankNode: "isBlank({v})",
    SH.BlankNodeOrIRI: "!isLiteral({v})",
    SH.BlankNodeOrLiteral: "!isIRI({v})",
    SH.IRIOrLiteral: "!isBlank({v})",
}
_RANGES: dict[Node, str] = {
    SH.minInclusive: ">=",
    SH.minExclusive: ">",
    SH.maxInclusive: "<=",
    SH.maxExclusive: "<",
}
_COMPONENT: dict[Node, str] = {
    SH.minCount: "MinCount",
    SH.maxCount: "MaxCount",
    SH.datatype: "Datatype",
    SH["class"]: "Class",
    SH.nodeKind: "NodeKind",
    SH.pattern: "Pattern",
    SH.languageIn: "LanguageIn",
    SH.uniqueLang: "UniqueLang",
    SH["in"]: "In",
    SH.hasValue: "HasValue",
    SH.minInclusive: "MinInclusive",
    SH.minExclusive: "MinExclusive",
    SH.maxInclusive: "MaxInclusive",
    SH.maxExclusive: "MaxExclusive",
    SH.lessThan: "LessThan",
    SH.lessThanOrEquals: "LessThanOrEquals",
    SH.node: "Node",
    SH["or"]: "Or",
    SH["and"]: "And",
    SH["not"]: "Not",
    SH.qualifiedValueShape: "QualifiedMinCount",
    SH.sparql: "SPARQL",
    SH.flags: "Pattern",
}
_VALUE_LEVEL = {
    SH.datatype,
    SH["class"],
    SH.nodeKind,
    SH.pattern,
    SH.languageIn,
    SH["in"],
    SH.minInclusive,
    SH.minExclusive,
    SH.maxInclusive,
    SH.maxExclusive,
    SH.node,
    SH["or"],
    SH["and"],
    SH["not"],
}


_Add = Callable[..., None]


class UnsupportedShape(ValueError):
    """The shapes use a construct this compiler does not translate (named in the message)."""


@dataclass(frozen=True)
class CompiledConstraint:
    """One constraint as a SELECT returning ``?this`` and optionally ``?value``/``?path``."""

    shape: str  # as Violation.shape
    component: str  # e.g. "MinCountConstraintComponent"
    severity: str
    message: str
    path: str | None  # as Violation.path
    query: str
    substitute: bool = False  # sh:sparql: {?var}/{$var} in the message are replaced by bindings


def _n3(node: Node) -> str:
    if isinstance(node, Literal) and node.datatype == XSD.string:
        return Literal(str(node)).n3()
    return node.n3()


def _short(node: Node | None) -> str:
    text = str(node or "")
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def _shape_name(node: Node) -> str:
    return str(node) if isinstance(node, URIRef) else _short(node)


def _path_display(node: Node) -> str:
    return f"<{node}>" if isinstance(node, URIRef) else node.n3()


class _Compiler:
    def __init__(self, shapes: Graph, closure: dict[URIRef, set[URIRef]]) -> None:
        self.g = shapes
        self.closure = closure
        self.counter = 0  # fresh variables of nested property shapes

    # ------------------------------------------------------------------ helpers
    def fail(self, shape: Node, what: str) -> UnsupportedShape:
        return UnsupportedShape(
            f"shape {_shape_name(shape)}: {what} is not supported by the SPARQL validator"
        )

    def one(self, shape: Node, key: URIRef) -> Node:
        values = list(self.g.objects(shape, key))
        if len(values) != 1:
            raise self.fail(shape, f"{len(values)} values of {_short(key)} (exactly one expected)")
        return values[0]

    def items(self, shape: Node, node: Node) -> list[Node]:
        if node == RDF.nil:
            return []
        if not isinstance(node, BNode):
            raise self.fail(shape, "an RDF list that is not a blank-node list")
        return list(Collection(self.g, node))

    def classes(self, cls: Node) -> str:
        members = sorted(self.closure.get(cls, {cls}) | {cls})  # type: ignore[call-overload]
        return " ".join(f"<{c}>" for c in members)

    def path(self, shape: Node, node: Node) -> str:
        if isinstance(node, URIRef):
            return f"<{node}>"
        keys = set(self.g.predicates(node, None))
        if node is not None and (node, RDF.first, None) in self.g:
            return "(" + "/".join(self.path(shape, p) for p in self.items(shape, node)) + ")"
        for key, fmt in (
            (SH.inversePath, "^{}"),
            (SH.zeroOrMorePath, "{}*"),
            (SH.oneOrMorePath, "{}+"),
            (SH.zeroOrOnePath, "{}?"),
        ):
            if keys == {key}:
                return "(" + fmt.format(self.path(shape, self.one(node, key))) + ")"
        if keys == {SH.alternativePath}:
            alts = self.items(shape, self.one(node, SH.alternativePath))
            return "(" + "|".join(self.path(shape, p) for p in alts) + ")"
        raise self.fail(shape, f"the path {node.n3()}")

    def target(self, shape: Node) -> str | None:
        parts = []
        for cls in self.g.objects(shape, SH.targetClass):
            parts.append(f"?this a ?tc . VALUES ?tc {{ {self.classes(cls)} }}")
        if (shape, RDF.type, RDFS.Class) in self.g or (
            shape,
            RDF.type,
            URIRef(str(RDFS) + "Class"),
        ) in self.g:
            parts.append(f"?this a ?tc . VALUES ?tc {{ {self.classes(shape)} }}")
        for p in self.g.objects(shape, SH.targetSubjectsOf):
            parts.append(f"?this <{p}> ?tv")
        for p in self.g.objects(shape, SH.targetObjectsOf):
            parts.append(f"?ts <{p}> ?this")
        nodes = list(self.g.objects(shape, SH.targetNode))
        if nodes:
            parts.append("VALUES ?this { " + " ".join(_n3(n) for n in nodes) + " }")
        if not parts:
            return None
        return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(f"{{ {p} }}" for p in parts) + " } }"

    # ------------------------------------------------------------------ value-level conditions
    def ok(self, shape: Node, key: Node, obj: Node, v: str) -> str:
        """A SPARQL expression true when the value ``v`` satisfies ``key obj`` (a value-level component)."""
        if key == SH["class"]:
            return f"EXISTS {{ {v} a ?k . VALUES ?k {{ {self.classes(obj)} }} }}"
        if key == SH.datatype:
            if obj == RDF.langString:
                return f'(isLiteral({v}) && LANG({v}) != "")'
            if obj in _CASTABLE:
                return f"COALESCE(DATATYPE({v}) = <{obj}> && DATATYPE(<{obj}>(STR({v}))) = <{obj}>, false)"
            return f"COALESCE(isLiteral({v}) && DATATYPE({v}) = <{obj}>, false)"
        if key == SH.nodeKind:
            if obj not in _NODE_KINDS:
                raise self.fail(shape, f"sh:nodeKind {obj}")
            return _NODE_KINDS[obj].format(v=v)
        if key == SH.pattern:
            flags = self.g.value(shape, SH.flags)
            args = f", {Literal(str(flags)).n3()}" if flags is not None else ""
            return f"(!isBlank({v}) && COALESCE(REGEX(STR({v}), {Literal(str(obj)).n3()}{args}), false))"
        if key == SH.languageIn:
            tags = [str(t) for t in self.items(shape, obj)]
            tests = " || ".join(f"langMatches(LANG({v}), {Literal(t).n3()})" for t in tags) or "false"
            return f'(isLiteral({v}) && LANG({v}) != "" && ({tests}))'
        if key == SH["in"]:
            tests = " || ".join(f"sameTerm({v}, {_n3(t)})" for t in self.items(shape, obj))
            return f"({tests or 'false'})"
        if key in _RANGES:
            return f"(isLiteral({v}) && COALESCE({v} {_RANGES[key]} {_n3(obj)}, false))"
        if key == SH.node:
            return self.conforms(obj, v)
        if key in (SH["or"], SH["and"]):
            joiner = " || " if key == SH["or"] else " && "
            return "(" + joiner.join(self.conforms(s, v) for s in self.items(shape, obj)) + ")"
        if key == SH["not"]:
            return f"!{self.conforms(obj, v)}"
        raise self.fail(shape, f"component {_short(key)}")

    def conforms(self, shape: Node, v: str) -> str:
        """Expression: ``v`` conforms to the (value-level) ``shape``; a shape with ``sh:path``, or the
        ``sh:property`` shapes of one, test the values ``v`` reaches by that path (see :meth:`reaches`)."""
        if self.g.value(shape, SH.path) is not None:
            return self.reaches(shape, v)
        tests = []
        for key, obj in sorted(self.g.predicate_objects(shape)):
            if key == SH.property:
                tests.append(self.reaches(obj, v))
                continue
            if key in _SHAPE_KEYS - {SH.path, SH.property} or key == SH.flags:
                continue
            if key not in _VALUE_LEVEL:
                raise self.fail(
                    shape, f"{_short(key)} inside sh:node/sh:or/sh:and/sh:not/sh:qualifiedValueShape"
                )
            tests.append(self.ok(shape, key, obj, v))
        return "(" + (" && ".join(tests) or "true") + ")"

    def fresh(self) -> str:
        self.counter += 1
        return f"?n{self.counter}"

    def reaches(self, prop: Node, v: str) -> str:
        """Expression: the node ``v`` conforms to the property shape ``prop`` nested in a node-level
        sh:or/sh:and/sh:not/sh:node (e.g. "has a date, or is reported by a news item").

        Counts are tested with EXISTS, so only sh:minCount 1, sh:maxCount 0 and sh:qualifiedMinCount 1
        are translated there; value-level components hold for every value reached."""
        path = self.path(prop, self.one(prop, SH.path))
        tests = []
        for key, obj in sorted(self.g.predicate_objects(prop)):
            if key in _SHAPE_KEYS or key == SH.flags:
                continue
            x = self.fresh()
            if key == SH.minCount and int(obj) == 1:  # type: ignore[call-overload]
                tests.append(f"EXISTS {{ {v} {path} {x} }}")
            elif key == SH.maxCount and int(obj) == 0:  # type: ignore[call-overload]
                tests.append(f"NOT EXISTS {{ {v} {path} {x} }}")
            elif key == SH.qualifiedMinCount and int(obj) == 1:  # type: ignore[call-overload]
                if self.g.value(prop, SH.qualifiedMaxCount) is not None:
                    raise self.fail(prop, "sh:qualifiedMaxCount inside a node-level sh:or/sh:and/sh:not")
                cond = self.conforms(self.one(prop, SH.qualifiedValueShape), x)
                tests.append(f"EXISTS {{ {v} {path} {x} . FILTER ({cond}) }}")
            elif key in (SH.qualifiedValueShape, SH.qualifiedValueShapesDisjoint):
                if key == SH.qualifiedValueShapesDisjoint and obj == Literal(True):
                    raise self.fail(prop, "sh:qualifiedValueShapesDisjoint true")
                if self.g.value(prop, SH.qualifiedMinCount) is None:
                    raise self.fail(prop, "sh:qualifiedValueShape without sh:qualifiedMinCount 1")
            elif key in _VALUE_LEVEL:
                tests.append(f"NOT EXISTS {{ {v} {path} {x} . FILTER (!{self.ok(prop, key, obj, x)}) }}")
            else:
                raise self.fail(
                    prop, f"{_short(key)} {obj} in a property shape inside a node-level sh:or/sh:and/sh:not"
                )
        return "(" + (" && ".join(tests) or "true") + ")"

    # ------------------------------------------------------------------ one shape
    def shape(self, shape: Node, target: str | None, out: list[CompiledConstraint]) -> None:
        if self.g.value(shape, SH.deactivated) == Literal(True):
            return
        own = self.target(shape)
        target = own if own is not None else target
        path_node = self.g.value(shape, SH.path)
        severity = _short(self.g.value(shape, SH.severity) or SH.Violation)
        message = str(self.g.value(shape, SH.message) or "")
        name = _shape_name(shape)
        path = self.path(shape, path_node) if path_node is not None else None
        shown = _path_display(path_node) if path_node is not None else None
        for prop in self.g.objects(shape, SH.property):
            if target is not None:
                self.shape(prop, target, out)
        if target is None:
            return  # no focus nodes: never evaluated (pySHACL does the same)
        seen_qualified = False

        def add(component: str, where: str, substitute: bool = False, msg: str | None = None) -> None:
            out.append(
                CompiledConstraint(
                    name,
                    component + "ConstraintComponent",
                    severity,
                    message if msg is None else msg,
                    shown,
                    where,
                    substitute,
                )
            )

        values = f"{target} ?this {path} ?value ." if path else f"{target} BIND(?this AS ?value)"
        for key, obj in sorted(self.g.predicate_objects(shape)):
            if key in _SHAPE_KEYS or key == SH.flags:
                continue
            if key in _VALUE_LEVEL:
                add(
                    _COMPONENT[key],
                    f"SELECT DISTINCT ?this ?value WHERE {{ {values} "
                    f"FILTER (!{self.ok(shape, key, obj, '?value')}) }}",
                )
            elif key in (SH.minCount, SH.maxCount) and path:
                n = int(obj)  # type: ignore[call-overload]
                if key == SH.minCount and n == 1:
                    add(
                        "MinCount",
                        f"SELECT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} ?v }} }}",
                    )
                elif key == SH.minCount and n > 1:
                    add("MinCount", self.count(target, path, "true", f"< {n}"))
                elif key == SH.maxCount:
                    add("MaxCount", self.count(target, path, "true", f"> {n}", inner=True))
            elif key in _QUALIFIED and path:
                if seen_qualified:
                    continue
                seen_qualified = True
                self.qualified(shape, target, path, add)
            elif key == SH.hasValue and path:
                add(
                    "HasValue",
                    f"SELECT ?this WHERE {{ {target} FILTER NOT EXISTS {{ ?this {path} {_n3(obj)} }} }}",
                )
            elif key == SH.hasValue:
                add("HasValue", f"SELECT ?this WHERE {{ {target} FILTER (!sameTerm(?this, {_n3(obj)})) }}")
            elif key in (SH.lessThan, SH.lessThanOrEquals) and path:
                op = "<" if key == SH.lessThan else "<="
                add(
                    _COMPONENT[key],
                    f"SELECT DISTINCT ?this ?value WHERE {{ {values} ?this <{obj}> ?o . "
                    f"FILTER (!COALESCE(?value {op} ?o, false)) }}",
                )
            elif key == SH.uniqueLang and path:
                if obj == Literal(True):
                    add(
                        "UniqueLang",
                        f"SELECT DISTINCT ?this WHERE {{ {target} ?this {path} ?a , ?b . "
                        'FILTER (!sameTerm(?a, ?b) && LANG(?a) != "" && LANG(?a) = LANG(?b)) }',
                    )
            elif key == SH.sparql:
                self.sparql(shape, obj, target, add)
            else:
                raise self.fail(shape, f"component {_short(key)}" + ("" if path else " on a node shape"))

    def count(self, target: str, path: str, cond: str, test: str, inner: bool = False) -> str:
        pattern = f"?this {path} ?v . FILTER ({cond})"
        body = f"{{ {pattern} }}" if inner else f"OPTIONAL {{ {pattern} }}"
        return (
            f"SELECT ?this WHERE {{ {{ SELECT ?this (COUNT(DISTINCT ?v) AS ?n) WHERE {{ {target} {body} }} "
            f"GROUP BY ?this }} FILTER (?n {test}) }}"
        )

    def qualified(self, shape: Node, target: str, path: str, add: _Add) -> None:
        if self.g.value(shape, SH.qualifiedValueShapesDisjoint) == Literal(True):
            raise self.fail(shape, "sh:qualifiedValueShapesDisjoint true")
        cond = self.conforms(self.one(shape, SH.qualifiedValueShape), "?v")
        low, high = self.g.value(shape, SH.qualifiedMinCount), self.g.value(shape, SH.qualifiedMaxCount)
        if low is not None:
            add("QualifiedMinCount", self.count(target, path, cond, f"< {int(low)}"))  # type: ignore[call-overload]
        if high is not None:
            add("QualifiedMaxCount", self.count(target, path, cond, f"> {int(high)}", inner=True))  # type: ignore[call-overload]

    def sparql(self, shape: Node, node: Node, target: str, add: _Add) -> None:
        if self.g.value(node, SH.deactivated) == Literal(True):
            return
        select = self.g.value(node, SH.select)
        if select is None:
            raise self.fail(shape, "an sh:sparql constraint without sh:select (ASK-based validators)")
        text = str(select)
        if "$PATH" in text or re.search(r"\$(?!this\b)\w+", text):
            raise self.fail(shape, "an sh:sparql query with pre-bound variables other than $this")
        prefixes = "".join(
            f"PREFIX {self.g.value(d, SH.prefix)}: <{self.g.value(d, SH.namespace)}>\n"
            for pn in self.g.objects(node, SH.prefixes)
            for d in self.g.objects(pn, SH.declare)
        )
        body = text.replace("$this", "?this")
        match = re.search(r"(?is)^\s*SELECT\s+(.*?)\s+WHERE\s*\{", body)
        if match is None or "?this" not in match.group(1):
            raise self.fail(shape, "an sh:sparql SELECT that does not project $this")
        messages = [str(m) for m in self.g.objects(node, SH.message)]
        own = str(self.g.value(shape, SH.message) or "")
        query = f"{prefixes}SELECT * WHERE {{ {target} {{ {body} }} }}"
        add("SPARQL", query, True, messages[0] if messages else own)


def compile_shapes(shapes: Graph, closure: dict[URIRef, set[URIRef]]) -> list[CompiledConstraint]:
    """Every shape of ``shapes`` as SELECT queries; raises :class:`UnsupportedShape` on what it cannot do."""
    compiler = _Compiler(shapes, closure)
    roots = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(shapes.subjects(RDF.type, SH.PropertyShape))
    for key in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf):
        roots |= set(shapes.subjects(key, None))
    nested = set(shapes.objects(None, SH.property))
    out: list[CompiledConstraint] = []
    for shape in sorted(roots - nested, key=str):
        compiler.shape(shape, None, out)
    return out


def referenced_classes(shapes: Graph) -> set[URIRef]:
    found = set(shapes.objects(None, SH.targetClass)) | set(shapes.objects(None, SH["class"]))
    found |= {s for s in shapes.subjects(RDF.type, RDFS.Class) if (s, RDF.type, SH.NodeShape) in shapes}
    return {c for c in found if isinstance(c, URIRef)}
