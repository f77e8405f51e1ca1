"""A small helper that adds triples about our own resources to one graph."""

from __future__ import annotations

from datetime import date

from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.term import Node

from ilo_kg.iris import DCTERMS, ILO, PREFIXES, SKOS, Minter


class GraphBuilder:
    """Adds triples to one graph, with the labelling and provenance conventions of the project."""

    def __init__(self, minter: Minter, graph: Graph, source: URIRef) -> None:
        self.minter = minter
        self.graph = graph
        self.source = source
        for prefix, ns in PREFIXES.items():
            graph.bind(prefix, ns)

    def add(
        self, s: URIRef, p: URIRef, o: Node | str | int | date | None, *, lang: str | None = None
    ) -> None:
        if o is None:
            return
        if isinstance(o, Node):
            term = o
        elif isinstance(o, bool):
            term = Literal(o)
        elif isinstance(o, int):
            term = Literal(o, datatype=XSD.integer)
        elif isinstance(o, date):
            term = Literal(o.isoformat(), datatype=XSD.date)
        elif lang:
            term = Literal(o, lang=lang)
        else:
            term = Literal(o)
        self.graph.add((s, p, term))

    def resource(self, iri: URIRef, *types: URIRef, label: str | None = None) -> URIRef:
        """Type a resource, give it its English preferred label and link it to this builder's source."""
        for t in types:
            self.graph.add((iri, RDF.type, t))
        if label is not None:
            self.graph.add((iri, SKOS.prefLabel, Literal(label, lang="en")))
        self.graph.add((iri, DCTERMS.source, self.source))
        return iri

    def alt_labels(self, iri: URIRef, labels: tuple[str, ...] | list[str], pref: str | None = None) -> None:
        for label in labels:
            if label != pref:
                self.graph.add((iri, SKOS.altLabel, Literal(label, lang="en")))

    def source_resource(self, iri: URIRef, title: str, kind: str, file_name: str, sha256: str) -> None:
        self.graph.add((iri, RDF.type, ILO.SourcePage))
        self.graph.add((iri, SKOS.prefLabel, Literal(title, lang="en")))
        self.graph.add((iri, DCTERMS.title, Literal(title, lang="en")))
        self.graph.add((iri, ILO.pageKind, Literal(kind)))
        self.graph.add((iri, ILO.fileName, Literal(file_name)))
        self.graph.add((iri, ILO.sha256, Literal(sha256)))
        self.graph.add((iri, DCTERMS.source, iri))
        self.graph.add((iri, RDFS.comment, Literal(_SOURCE_NOTE[kind], lang="en")))
        if kind != "reference-data":
            self.graph.add((iri, DCTERMS.rights, Literal("© International Labour Organization", lang="en")))
            self.graph.add((iri, DCTERMS.publisher, self.minter.id("organization", "ilo")))


_SOURCE_NOTE = {
    "project-listing": "Plain text of an ILO web page listing current projects.",
    "news-listing": "Plain text of an ILO web page listing news items.",
    "about-page": "Plain text of an ILO regional 'About us' web page.",
    "office-page": "Plain text of an ILO office's home page with its news.",
    "article": "Plain text of an ILO web page of running text (a country page, a statement).",
    "newsletter": "Plain text of an issue of an ILO office's newsletter: headlines and their summaries.",
    "reference-data": "Curated reference data of the ilo-kg project, with a source note on every row.",
}
