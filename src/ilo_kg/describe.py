"""One resource's description for pages: types, labels, outgoing and incoming links.

Everything goes through the :class:`~ilo_kg.engine.contract.Store` interface with the
resource IRI bound as a term (never spliced into the query text).  Fragment
sub-resources (``…/person/x#membership-1``) linked to or from the resource are
described with it, as a linked-data client fetching the document would expect.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ilo_kg.engine.contract import Store, Term

__all__ = [
    "Description",
    "Statement",
    "TermDoc",
    "describe",
    "described_triples",
    "label_query",
    "ontology_doc",
    "text_of",
]

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
DCTERMS_SOURCE = "http://purl.org/dc/terms/source"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
_LABEL_PROPS = "(rdfs:label|skos:prefLabel)"
_PREFIXES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""


def label_query(var: str) -> str:
    """An OPTIONAL pattern binding ``?{var}_label`` to an English (or untagged) label."""
    return (
        f"OPTIONAL {{ ?{var} {_LABEL_PROPS} ?{var}_l "
        f'FILTER(LANG(?{var}_l) = "" || LANGMATCHES(LANG(?{var}_l), "en")) }}'
    )


_OUTGOING = f"""{_PREFIXES}
SELECT ?r ?p ?o (SAMPLE(?p_l) AS ?pl) (SAMPLE(?o_l) AS ?ol) WHERE {{
  ?r ?p ?o . {label_query("p")} {label_query("o")}
}} GROUP BY ?r ?p ?o ORDER BY ?p ?o"""

_INCOMING = f"""{_PREFIXES}
SELECT ?r ?s ?p (SAMPLE(?p_l) AS ?pl) (SAMPLE(?s_l) AS ?sl) WHERE {{
  ?s ?p ?r . {label_query("p")} {label_query("s")}
}} GROUP BY ?r ?s ?p ORDER BY ?p ?s"""

_FRAGMENT = f"""{_PREFIXES}
SELECT ?r ?f ?p ?o (SAMPLE(?p_l) AS ?pl) (SAMPLE(?o_l) AS ?ol) WHERE {{
  ?f ?p ?o . {label_query("p")} {label_query("o")}
}} GROUP BY ?r ?f ?p ?o ORDER BY ?p ?o"""

_GRAPHS = """SELECT DISTINCT ?r ?g WHERE { GRAPH ?g { ?r ?p ?o } } ORDER BY ?g"""


@dataclass(frozen=True)
class Statement:
    """One triple seen from the described resource, with the labels a page shows."""

    subject: Term
    predicate: str
    value: Term
    predicate_label: str | None = None
    value_label: str | None = None


@dataclass(frozen=True)
class Description:
    """What a resource page shows; ``triples`` is what its RDF formats serve."""

    iri: str
    labels: tuple[str, ...]
    types: tuple[Statement, ...]
    outgoing: tuple[Statement, ...]
    incoming: tuple[Statement, ...]
    fragments: tuple[Statement, ...]
    sources: tuple[Statement, ...]
    graphs: tuple[str, ...]
    triples: tuple[ox.Triple, ...] = field(repr=False, default=())
    truncated: bool = False
    """True when the row cap cut the outgoing, incoming or fragment statements."""

    @property
    def label(self) -> str:
        return self.labels[0] if self.labels else self.iri

    @property
    def properties(self) -> tuple[Statement, ...]:
        """Outgoing statements other than types, labels and sources."""
        hidden = {RDF_TYPE, DCTERMS_SOURCE, PROV_DERIVED}
        return tuple(s for s in self.outgoing if s.predicate not in hidden)


def text_of(term: Term | None) -> str:
    """The lexical value of a term ("" for None; N-Triples form for a quoted triple)."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


def _text(term: Term | None) -> str | None:
    return term.value if isinstance(term, ox.Literal) else None


def describe(
    store: Store, iri: str, *, timeout_s: float | None = None, max_rows: int | None = None
) -> Description | None:
    """The description of ``iri``, or None when the graph says nothing about it."""
    node = ox.NamedNode(iri)
    bind = {"r": node}
    kw = {"bindings": bind, "timeout_s": timeout_s, "max_rows": max_rows}
    out = store.query(_OUTGOING, **kw)  # type: ignore[arg-type]
    inc = store.query(_INCOMING, **kw)  # type: ignore[arg-type]
    out_rows, in_rows = out.rows, inc.rows
    if not out_rows and not in_rows:
        return None
    # the resource's own sub-resources ({iri}#...) linked from or to it, each looked up by its IRI
    prefix = iri + "#"
    linked = [row[2] for row in out_rows] + [row[1] for row in in_rows]
    parts = sorted({t.value for t in linked if isinstance(t, ox.NamedNode) and t.value.startswith(prefix)})
    frag_rows: list[tuple[Term | None, ...]] = []
    frag_truncated = False
    for part in parts:
        frag = store.query(_FRAGMENT, **{**kw, "bindings": {"r": node, "f": ox.NamedNode(part)}})  # type: ignore[arg-type]
        frag_rows += frag.rows
        frag_truncated = frag_truncated or frag.truncated
    graph_rows = store.query(_GRAPHS, **kw).rows  # type: ignore[arg-type]
    outgoing = tuple(
        Statement(node, p.value, o, _text(pl), _text(ol))  # type: ignore[arg-type, union-attr]
        for _r, p, o, pl, ol in out_rows
    )
    incoming = tuple(
        Statement(s, p.value, node, _text(pl), _text(sl))  # type: ignore[arg-type, union-attr]
        for _r, s, p, pl, sl in in_rows
    )
    fragments = tuple(
        Statement(f, p.value, o, _text(pl), _text(ol))  # type: ignore[arg-type, union-attr]
        for _r, f, p, o, pl, ol in frag_rows
    )
    labels = _labels(outgoing)
    triples = dict.fromkeys(
        [ox.Triple(node, ox.NamedNode(s.predicate), s.value) for s in outgoing]
        + [ox.Triple(s.subject, ox.NamedNode(s.predicate), node) for s in incoming]  # type: ignore[arg-type]
        + [ox.Triple(s.subject, ox.NamedNode(s.predicate), s.value) for s in fragments]  # type: ignore[arg-type]
    )
    return Description(
        iri=iri,
        labels=labels,
        types=tuple(s for s in outgoing if s.predicate == RDF_TYPE),
        outgoing=outgoing,
        incoming=incoming,
        fragments=fragments,
        sources=tuple(s for s in outgoing if s.predicate in (DCTERMS_SOURCE, PROV_DERIVED)),
        graphs=tuple(text_of(g) for _r, g in graph_rows if g is not None),
        triples=tuple(triples),
        truncated=out.truncated or inc.truncated or frag_truncated,
    )


_OUT_TRIPLES = "SELECT DISTINCT ?r ?p ?o WHERE { ?r ?p ?o } ORDER BY ?p ?o"
_IN_TRIPLES = "SELECT DISTINCT ?r ?s ?p WHERE { ?s ?p ?r } ORDER BY ?p ?s"
_FRAGMENT_TRIPLES = "SELECT DISTINCT ?r ?f ?p ?o WHERE { ?f ?p ?o } ORDER BY ?p ?o"


def described_triples(
    store: Store, iri: str, *, timeout_s: float | None = None, max_rows: int | None = None
) -> tuple[ox.Triple, ...] | None:
    """The triples of :func:`describe`'s description of ``iri`` (what its RDF formats serve), in the same
    order and under the same row cap, without the labels a page shows; None when the graph says nothing
    about ``iri``.  Its lookups read no labels, so they cost a fraction of the page's."""
    node = ox.NamedNode(iri)
    kw = {"bindings": {"r": node}, "timeout_s": timeout_s, "max_rows": max_rows}
    out = store.query(_OUT_TRIPLES, **kw).rows  # type: ignore[arg-type]
    inc = store.query(_IN_TRIPLES, **kw).rows  # type: ignore[arg-type]
    if not out and not inc:
        return None
    prefix = iri + "#"
    linked = [row[2] for row in out] + [row[1] for row in inc]
    parts = sorted({t.value for t in linked if isinstance(t, ox.NamedNode) and t.value.startswith(prefix)})
    triples = [ox.Triple(node, p, o) for _r, p, o in out]  # type: ignore[arg-type]
    triples += [ox.Triple(s, p, node) for _r, s, p in inc]  # type: ignore[arg-type]
    for part in parts:
        fragment = ox.NamedNode(part)
        rows = store.query(_FRAGMENT_TRIPLES, **{**kw, "bindings": {"r": node, "f": fragment}}).rows  # type: ignore[arg-type]
        triples += [ox.Triple(fragment, p, o) for _r, _f, p, o in rows]  # type: ignore[arg-type]
    return tuple(dict.fromkeys(triples))


def _labels(outgoing: Iterable[Statement]) -> tuple[str, ...]:
    preferred = (
        "http://www.w3.org/2004/02/skos/core#prefLabel",
        "http://www.w3.org/2000/01/rdf-schema#label",
        "https://schema.org/name",
    )
    found: list[str] = []
    for prop in preferred:
        for s in outgoing:
            if (
                s.predicate == prop
                and isinstance(s.value, ox.Literal)
                and (s.value.language is None or s.value.language.startswith("en"))
            ):
                found.append(s.value.value)
    return tuple(dict.fromkeys(found))


# --- the ontology's documentation ---------------------------------------------------------------

_ALIGN = {
    "http://www.w3.org/2000/01/rdf-schema#subClassOf": "subclass of",
    "http://www.w3.org/2000/01/rdf-schema#subPropertyOf": "subproperty of",
    "http://www.w3.org/2002/07/owl#equivalentClass": "equivalent to",
    "http://www.w3.org/2002/07/owl#equivalentProperty": "equivalent to",
    "http://www.w3.org/2002/07/owl#inverseOf": "inverse of",
    "http://www.w3.org/2000/01/rdf-schema#domain": "domain",
    "http://www.w3.org/2000/01/rdf-schema#range": "range",
}
_DEFINITIONS = (
    "http://www.w3.org/2004/02/skos/core#definition",
    "http://www.w3.org/2000/01/rdf-schema#comment",
)
_CLASS_TYPES = {"http://www.w3.org/2002/07/owl#Class", "http://www.w3.org/2000/01/rdf-schema#Class"}
_PROPERTY_TYPES = {
    "http://www.w3.org/2002/07/owl#ObjectProperty": "object property",
    "http://www.w3.org/2002/07/owl#DatatypeProperty": "datatype property",
    "http://www.w3.org/2002/07/owl#AnnotationProperty": "annotation property",
    "http://www.w3.org/1999/02/22-rdf-syntax-ns#Property": "property",
}


@dataclass(frozen=True)
class TermDoc:
    """One class or property of the ontology, as its documentation shows it."""

    iri: str
    kind: str
    label: str
    definition: str
    alignments: tuple[tuple[str, str], ...]
    """(relation in words, IRI) pairs: subclass of, equivalent to, inverse of, domain, range."""

    @property
    def local_name(self) -> str:
        return self.iri.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def ontology_doc(graph: ox.Store, namespace: str) -> tuple[tuple[TermDoc, ...], tuple[TermDoc, ...]]:
    """Classes and properties of ``namespace`` in an ontology graph, sorted by name."""
    classes: list[TermDoc] = []
    properties: list[TermDoc] = []
    subjects = {q.subject for q in graph if isinstance(q.subject, ox.NamedNode)}
    for subject in sorted(subjects, key=lambda n: n.value):
        if not subject.value.startswith(namespace) or subject.value == namespace:
            continue
        quads = list(graph.quads_for_pattern(subject, None, None))
        types = {text_of(q.object) for q in quads if q.predicate.value == RDF_TYPE}
        label = next(
            (text_of(q.object) for q in quads if q.predicate.value.endswith(("#label", "#prefLabel"))), ""
        )
        definition = next(
            (text_of(q.object) for d in _DEFINITIONS for q in quads if q.predicate.value == d), ""
        )
        alignments = tuple(
            sorted(
                (_ALIGN[q.predicate.value], q.object.value)
                for q in quads
                if q.predicate.value in _ALIGN and isinstance(q.object, ox.NamedNode)
            )
        )
        kind = next((_PROPERTY_TYPES[t] for t in types if t in _PROPERTY_TYPES), None)
        doc = TermDoc(subject.value, kind or "class", label or subject.value, definition, alignments)
        if types & _CLASS_TYPES:
            classes.append(doc)
        elif kind is not None:
            properties.append(doc)
    return tuple(classes), tuple(properties)
