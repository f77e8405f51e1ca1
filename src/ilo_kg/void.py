"""VoID and DCAT descriptions of a published dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import OWL, RDF, XSD, Dataset, Graph, Literal, URIRef

from ilo_kg.dumps import DUMPS
from ilo_kg.iris import DCAT, DCTERMS, ONTOLOGY_IRI, PREFIXES, PROV, SKOS, VOID, Minter, slug

SPDX = "http://spdx.org/rdf/terms#"
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")


@dataclass(frozen=True)
class DatasetStats:
    """What VoID counts: distinct triples, entities, and the class, property and graph partitions."""

    triples: int
    entities: int
    classes: dict[str, int]  # class IRI -> instances
    properties: dict[str, int]  # property IRI -> triples
    graphs: dict[str, int]  # graph IRI -> triples
    sources: dict[str, int] = field(default_factory=dict)  # source IRI -> things derived from it


def stats_from_dataset(dataset: Dataset, base: str) -> DatasetStats:
    triples = {t for gr in dataset.graphs() for t in gr}
    classes: Counter[str] = Counter()
    props: Counter[str] = Counter()
    entities: set[str] = set()
    sources: Counter[str] = Counter()
    own = Minter(base).id_space
    for s, p, o in triples:
        props[str(p)] += 1
        if p in (DCTERMS.source, PROV.wasDerivedFrom):
            sources[str(o)] += 1
        if p == RDF.type and isinstance(o, URIRef):
            classes[str(o)] += 1
            if isinstance(s, URIRef) and str(s).startswith(own):
                entities.add(str(s))
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    return DatasetStats(len(triples), len(entities), dict(classes), dict(props), graphs, dict(sources))


_TYPE = b"<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
_SOURCE = (b"<http://purl.org/dc/terms/source>", b"<http://www.w3.org/ns/prov#wasDerivedFrom>")


def stats_from_ntriples(path: Path, base: str, graphs: dict[str, int] | None = None) -> DatasetStats:
    """The same counts for a large graph: one pass over its sorted, de-duplicated N-Triples dump
    (each line a distinct triple of the union); the per-graph counts are given (see :func:`graph_counts`)."""
    classes: Counter[str] = Counter()
    props: Counter[bytes] = Counter()
    entities: set[bytes] = set()
    own = ("<" + Minter(base).id_space).encode()
    derived: Counter[bytes] = Counter()
    total = 0
    with path.open("rb") as f:
        for line in f:
            if not line.strip() or line.startswith(b"#"):
                continue
            total += 1
            subject, predicate, rest = line.split(b" ", 2)
            props[predicate] += 1
            if predicate in _SOURCE and rest.startswith(b"<"):
                derived[rest[: rest.index(b">") + 1]] += 1
            if predicate == _TYPE and rest.startswith(b"<"):
                classes[rest[1 : rest.index(b">")].decode()] += 1
                if subject.startswith(own):
                    entities.add(subject)
    properties = {p[1:-1].decode(): n for p, n in props.items()}
    sources = {o[1:-1].decode(): n for o, n in derived.items()}
    return DatasetStats(total, len(entities), dict(classes), properties, dict(graphs or {}), sources)


def graph_counts(store: ox.Store) -> dict[str, int]:
    """Triples per named graph of ``store`` (graphs with none left out)."""
    return {
        r[0].value: int(r[1].value)
        for r in store.query("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")  # type: ignore[union-attr]
    }


def describe_dataset(
    stats: DatasetStats,
    *,
    minter: Minter,
    version: str,
    files: dict[str, dict[str, object]],
    graph_titles: dict[URIRef, str],
) -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    g.bind("spdx", SPDX)
    ds = minter.dataset()
    base = minter.base

    def node(name: str) -> URIRef:
        return URIRef(f"{ds}#{name}")

    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("ilo-kg: the ILO in Europe and Central Asia", lang="en")))
    g.add((ds, SKOS.prefLabel, Literal("ilo-kg dataset", lang="en")))
    g.add(
        (
            ds,
            DCTERMS.description,
            Literal(
                "Offices, countries, projects and funders, specialists, news and events of the International "
                "Labour Organization's Europe and Central Asia region, built from ILO web pages and curated "
                "reference data (UNSD M49 and SDG KOS, ISO 3166, Wikidata, NORMLEX).",
                lang="en",
            ),
        )
    )
    g.add((ds, DCTERMS.license, LICENSE))
    g.add(
        (
            ds,
            DCTERMS.rights,
            Literal(
                "Source pages © International Labour Organization; reference identifiers from UNSD, ISO, "
                "Wikidata and NORMLEX as noted on each record.",
                lang="en",
            ),
        )
    )
    g.add((ds, OWL.versionInfo, Literal(version)))
    g.add((ds, DCAT.version, Literal(version)))
    g.add((ds, VOID.uriSpace, Literal(minter.id_space)))
    g.add((ds, VOID.sparqlEndpoint, minter.sparql_endpoint))
    g.add((ds, VOID.rootResource, minter.id("organization", "ilo")))
    g.add((ds, VOID.vocabulary, URIRef(ONTOLOGY_IRI)))
    for ns in ("schema", "org", "foaf", "skos", "dcterms", "prov"):
        g.add((ds, VOID.vocabulary, URIRef(PREFIXES[ns])))

    g.add((ds, VOID.triples, Literal(stats.triples, datatype=XSD.integer)))
    g.add((ds, VOID.entities, Literal(stats.entities, datatype=XSD.integer)))
    g.add((ds, VOID.classes, Literal(len(stats.classes), datatype=XSD.integer)))
    g.add((ds, VOID.properties, Literal(len(stats.properties), datatype=XSD.integer)))
    for cls, count in sorted(stats.classes.items()):
        part = node("class-" + slug(_curie(URIRef(cls))))
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, Literal(count, datatype=XSD.integer)))
    for prop, count in sorted(stats.properties.items()):
        part = node("property-" + slug(_curie(URIRef(prop))))
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, Literal(count, datatype=XSD.integer)))
    for name, count in sorted(stats.graphs.items()):
        sub = node("graph-" + slug(name[len(base) :] if name.startswith(base) else name))
        g.add((ds, VOID.subset, sub))
        g.add((sub, RDF.type, VOID.Dataset))
        g.add((sub, DCTERMS.identifier, Literal(name)))
        g.add((sub, URIRef("http://www.w3.org/ns/sparql-service-description#name"), URIRef(name)))
        g.add((sub, DCTERMS.title, Literal(graph_titles.get(URIRef(name), name), lang="en")))
        g.add((sub, VOID.triples, Literal(count, datatype=XSD.integer)))
    media = {d.file: d.media_type for d in DUMPS}
    for file, info in sorted(files.items()):
        dist = node("dist-" + slug(file))
        url = URIRef(base + "data/" + file)
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(file)))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.byteSize, Literal(int(info["bytes"]), datatype=XSD.nonNegativeInteger)))  # type: ignore[call-overload]
        if file in media:
            g.add((dist, DCAT.mediaType, Literal(media[file])))
            g.add((ds, VOID.dataDump, url))
        checksum = node("sha256-" + slug(file))
        g.add((dist, URIRef(SPDX + "checksum"), checksum))
        g.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
        g.add(
            (checksum, URIRef(SPDX + "checksumValue"), Literal(str(info["sha256"]), datatype=XSD.hexBinary))
        )
    return g


def _curie(iri: URIRef) -> str:
    text = str(iri)
    for prefix, ns in PREFIXES.items():
        if text.startswith(ns):
            return f"{prefix} {text[len(ns) :]}"
    return text


_VOID_NS = "http://rdfs.org/ns/void#"
_DCAT_NS = "http://www.w3.org/ns/dcat#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def dcat_record(void: Iterable[ox.Quad]) -> list[ox.Triple]:
    """The DCAT part of the published VoID/DCAT file: the dataset, its distributions and checksums
    (VoID's counts and partitions left out), and the SPARQL endpoint as a ``dcat:DataService``."""
    quads = list(void)
    by_subject: dict[object, list[ox.Triple]] = {}
    for quad in quads:
        by_subject.setdefault(quad.subject, []).append(quad.triple)
    datasets = [
        q.subject
        for q in quads
        if q.predicate == _RDF_TYPE and q.object == ox.NamedNode(_DCAT_NS + "Dataset")
    ]
    out: list[ox.Triple] = []
    seen: set[object] = set()
    todo: list[object] = list(datasets)
    while todo:
        node = todo.pop()
        if node in seen:
            continue
        seen.add(node)
        for t in by_subject.get(node, ()):
            if t.predicate.value.startswith(_VOID_NS) or (
                t.predicate == _RDF_TYPE and str(t.object).startswith("<" + _VOID_NS)
            ):
                continue
            out.append(t)
            if t.object in by_subject:
                todo.append(t.object)
    for ds in datasets:
        for t in by_subject.get(ds, ()):
            if t.predicate.value == _VOID_NS + "sparqlEndpoint" and isinstance(ds, ox.NamedNode):
                service = ox.NamedNode(ds.value + "#sparql-service")
                out += [
                    ox.Triple(service, _RDF_TYPE, ox.NamedNode(_DCAT_NS + "DataService")),
                    ox.Triple(service, ox.NamedNode(_DCAT_NS + "endpointURL"), t.object),
                    ox.Triple(service, ox.NamedNode(_DCAT_NS + "servesDataset"), ds),
                    ox.Triple(ds, ox.NamedNode(_DCAT_NS + "accessService"), service),
                ]
    return out
