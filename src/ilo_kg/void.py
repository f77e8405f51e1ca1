"""VoID and DCAT descriptions of a published dataset."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import OWL, RDF, XSD, Dataset, Graph, Literal, URIRef

from ilo_kg.dumps import DUMPS
from ilo_kg.iris import DCAT, DCTERMS, ONTOLOGY_IRI, PREFIXES, SKOS, VOID, Minter, slug

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


def stats_from_dataset(dataset: Dataset, base: str) -> DatasetStats:
    triples = {t for gr in dataset.graphs() for t in gr}
    classes: Counter[str] = Counter()
    props: Counter[str] = Counter()
    entities: set[str] = set()
    for s, p, o in triples:
        props[str(p)] += 1
        if p == RDF.type and isinstance(o, URIRef):
            classes[str(o)] += 1
            if isinstance(s, URIRef) and str(s).startswith(base + "id/"):
                entities.add(str(s))
    graphs = {str(g.identifier): len(g) for g in dataset.graphs() if len(g)}
    return DatasetStats(len(triples), len(entities), dict(classes), dict(props), graphs)


def stats_from_store(store: ox.Store, base: str) -> DatasetStats:
    """The same counts from an Oxigraph store, by SPARQL (for graphs too big for rdflib)."""

    def pairs(query: str, union: bool = True) -> dict[str, int]:
        answer = store.query(query, use_default_graph_as_union=union)
        return {r[0].value: int(r[1].value) for r in answer}  # type: ignore[union-attr]

    distinct = "{ SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }"
    total = pairs(f"SELECT ('all' AS ?k) (COUNT(*) AS ?n) WHERE {distinct}")["all"]
    own = f'FILTER(isIRI(?s) && STRSTARTS(STR(?s), "{base}id/"))'
    entities = pairs(f"SELECT ('e' AS ?k) (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c . {own} }}")["e"]
    typed = "{ SELECT DISTINCT ?s ?c WHERE { ?s a ?c . FILTER(isIRI(?c)) } }"
    classes = pairs(f"SELECT ?c (COUNT(*) AS ?n) WHERE {typed} GROUP BY ?c")
    props = pairs(f"SELECT ?p (COUNT(*) AS ?n) WHERE {distinct} GROUP BY ?p")
    graphs = pairs("SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g", union=False)
    return DatasetStats(total, entities, classes, props, graphs)


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
    g.add((ds, VOID.uriSpace, Literal(base + "id/")))
    g.add((ds, VOID.sparqlEndpoint, URIRef(base + "sparql")))
    g.add((ds, VOID.rootResource, URIRef(base + "id/organization/ilo")))
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
