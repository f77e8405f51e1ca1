"""A resource page for people: its names, the property table grouped per property with preferred labels
and inferred values marked, incoming links once per resource, extraction artefacts left out."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ilo_kg.describe import Description, Statement
from ilo_kg.engine.contract import Term
from ilo_kg.iris import ONTOLOGY_IRI, Minter
from ilo_kg.web.labels import LABELS, LabelIndex
from ilo_kg.web.responses import run_async
from ilo_kg.web.state import AppState

ILO = ONTOLOGY_IRI + "#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
SOURCES = {"http://purl.org/dc/terms/source", "http://www.w3.org/ns/prov#wasDerivedFrom"}
# what the extraction records for its own checks, not a statement about the thing
ARTEFACTS = {ILO + "line"}

_GRAPHS = """SELECT ?r ?p ?o ?g WHERE { GRAPH ?g { ?r ?p ?o } }"""


@dataclass
class Value:
    term: Term
    label: str | None
    inferred: bool


@dataclass
class PropertyGroup:
    predicate: str
    label: str | None
    values: list[Value] = field(default_factory=list)

    @property
    def all_inferred(self) -> bool:
        return all(v.inferred for v in self.values)


@dataclass
class Incoming:
    """One resource linking here, once, with every property it links by."""

    subject: Term
    label: str | None
    kind: str
    predicates: list[tuple[str, str | None]]


@dataclass
class Fragment:
    """A part of the resource with an IRI of its own (``…#role-2021-08-03-…``): a dated role, an interval."""

    iri: str
    label: str
    groups: list[PropertyGroup]


@dataclass
class View:
    label: str
    alt_labels: list[str]
    kind: str
    groups: list[PropertyGroup]
    incoming: list[tuple[str, list[Incoming]]]
    inferred_count: int
    fragments: list[Fragment] = field(default_factory=list)


async def inferred_pairs(state: AppState, iri: str) -> set[tuple[str, str]]:
    """(predicate, object) pairs of the resource stated only in the inferred graph."""
    inferred_graph = str(Minter(state.base).inferred_graph)
    rows = (await run_async(state, _GRAPHS, bindings={"r": ox.NamedNode(iri)})).rows
    graphs: dict[tuple[str, str], set[str]] = {}
    for _r, p, o, g in rows:
        if p is None or o is None or g is None:
            continue
        graphs.setdefault((p.value, str(o)), set()).add(g.value)  # type: ignore[union-attr]
    return {pair for pair, where in graphs.items() if where == {inferred_graph}}


def _label(index: LabelIndex, term: Term | None, fallback: str | None) -> str | None:
    if isinstance(term, ox.NamedNode):
        return index.label(term.value) or fallback
    return fallback


def _kind(base: str, term: Term) -> str:
    space = Minter(base).id_space
    if isinstance(term, ox.NamedNode) and term.value.startswith(space):
        rest = term.value[len(space) :]
        return rest.split("/", 1)[0] if "#" not in rest else "detail"
    return "other"


def build_view(
    d: Description, index: LabelIndex, inferred: set[tuple[str, str]], base: str, kind: str
) -> View:
    entry = index.entries.get(d.iri)
    label = entry.label if entry else d.label
    names = list(entry.labels) if entry else list(d.labels)
    shown_names = set(names)
    ordered, inferred_count = _groups(d.outgoing, index, inferred, shown_names)
    return View(
        label=label,
        alt_labels=[n for n in names if n != label],
        kind=kind,
        groups=ordered,
        incoming=_incoming(d.incoming, index, base),
        inferred_count=inferred_count,
        fragments=_fragments(d.fragments, index),
    )


def _groups(
    statements: Iterable[Statement], index: LabelIndex, inferred: set[tuple[str, str]], names: set[str]
) -> tuple[list[PropertyGroup], int]:
    """Values grouped per property: types first, wholly inferred properties after the stated ones."""
    groups: dict[str, PropertyGroup] = {}
    inferred_count = 0
    for s in statements:
        if s.predicate in ARTEFACTS or s.predicate in SOURCES:
            continue
        if (
            s.predicate in LABELS
            and isinstance(s.value, ox.Literal)
            and s.value.value in names
            and s.predicate != "http://www.w3.org/2004/02/skos/core#altLabel"
        ):
            continue  # the names are in the heading; alternative labels keep their row
        group = groups.setdefault(s.predicate, PropertyGroup(s.predicate, s.predicate_label))
        is_inferred = (s.predicate, str(s.value)) in inferred
        inferred_count += is_inferred
        group.values.append(Value(s.value, _label(index, s.value, s.value_label), is_inferred))
    ordered = sorted(
        groups.values(),
        key=lambda g: (g.predicate != RDF_TYPE, g.all_inferred, (g.label or g.predicate).casefold()),
    )
    for g in ordered:
        g.values.sort(key=lambda v: (v.inferred, (v.label or str(v.term)).casefold()))
    return ordered, inferred_count


def _fragments(statements: Iterable[Statement], index: LabelIndex) -> list[Fragment]:
    by_iri: dict[str, list[Statement]] = {}
    for s in statements:
        by_iri.setdefault(
            str(s.subject.value) if isinstance(s.subject, ox.NamedNode) else str(s.subject), []
        ).append(s)
    out = []
    for iri, stated in sorted(by_iri.items()):
        labels = [
            s.value.value
            for prop in LABELS
            for s in stated
            if s.predicate == prop and isinstance(s.value, ox.Literal)
        ]
        label = labels[0] if labels else iri.rsplit("#", 1)[-1]
        groups, _ = _groups([s for s in stated if s.predicate not in SOURCES], index, set(), set(labels))
        out.append(Fragment(iri, label, groups))
    return out


def _incoming(
    statements: Iterable[Statement], index: LabelIndex, base: str
) -> list[tuple[str, list[Incoming]]]:
    by_subject: dict[str, Incoming] = {}
    for s in statements:
        key = str(s.subject)
        item = by_subject.get(key)
        if item is None:
            item = Incoming(s.subject, _label(index, s.subject, s.value_label), _kind(base, s.subject), [])
            by_subject[key] = item
        if all(p != s.predicate for p, _ in item.predicates):
            item.predicates.append((s.predicate, s.predicate_label))
    by_kind: dict[str, list[Incoming]] = {}
    for item in by_subject.values():
        by_kind.setdefault(item.kind, []).append(item)
    for items in by_kind.values():
        items.sort(key=lambda i: (i.label or str(i.subject)).casefold())
    return sorted(by_kind.items(), key=lambda kv: (kv[0] in ("detail", "other"), kv[0]))
