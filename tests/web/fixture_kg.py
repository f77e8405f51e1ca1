"""A small published folder in the build's layout, for the web tests (independent of the seeds)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pyoxigraph as ox

from ilo_kg.engine.oxigraph import fill_default_graph

BASE = "https://w3id.org/ilo-kg/"
ID = BASE + "id/"
GRAPH = BASE + "graph/"
VERSION = "0.0.test+fixture"
FILLER = 400  # news items: enough triples for a cross product far beyond any time limit

PREFIXES = """@prefix ilo: <https://w3id.org/ilo-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix org: <http://www.w3.org/ns/org#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix office: <https://w3id.org/ilo-kg/id/office/> .
@prefix country: <https://w3id.org/ilo-kg/id/country/> .
@prefix orgn: <https://w3id.org/ilo-kg/id/organization/> .
@prefix project: <https://w3id.org/ilo-kg/id/project/> .
@prefix person: <https://w3id.org/ilo-kg/id/person/> .
@prefix src: <https://w3id.org/ilo-kg/id/source/> .
@prefix news: <https://w3id.org/ilo-kg/id/news/> .
"""

ONTOLOGY = (
    PREFIXES
    + """
<https://w3id.org/ilo-kg/ontology> a owl:Ontology ; rdfs:label "ilo-kg ontology"@en ;
    rdfs:comment "Fixture ontology."@en ; owl:versionInfo "0.0.test" .
ilo:Office a owl:Class ; rdfs:label "Office"@en ; rdfs:comment "An ILO office."@en ;
    rdfs:subClassOf org:OrganizationalUnit .
ilo:Project a owl:Class ; rdfs:label "Project"@en ; rdfs:comment "A development-cooperation project."@en ;
    owl:equivalentClass schema:Project .
ilo:Country a owl:Class ; rdfs:label "Country"@en ; rdfs:subClassOf schema:Country .
ilo:NewsItem a owl:Class ; rdfs:label "News item"@en .
ilo:fundedBy a owl:ObjectProperty ; rdfs:label "funded by"@en ; rdfs:subPropertyOf schema:funder ;
    owl:inverseOf ilo:funds ; rdfs:comment "The organization that funds a project."@en .
ilo:funds a owl:ObjectProperty ; rdfs:label "funds"@en .
"""
)

SHAPES = (
    PREFIXES
    + """@prefix sh: <http://www.w3.org/ns/shacl#> .
ilo:ProjectShape a sh:NodeShape ; sh:targetClass ilo:Project ;
    sh:property [ sh:path skos:prefLabel ; sh:minCount 1 ] .
"""
)

DATA = """
office:budapest a ilo:Office ; skos:prefLabel "ILO Office Budapest"@en ; rdfs:label "ILO Office Budapest"@en ;
    skos:altLabel "DWT/CO Budapest"@en ;
    schema:areaServed country:HUN, country:POL ; dcterms:source src:about .
country:HUN a ilo:Country, schema:Country ; skos:prefLabel "Hungary"@en ; dcterms:source src:about .
country:POL a ilo:Country, schema:Country ; skos:prefLabel "Poland"@en ; dcterms:source src:about .
orgn:european-union a schema:Organization ; skos:prefLabel "European Union"@en .
project:skills-for-jobs a ilo:Project, schema:Project ; skos:prefLabel "Skills for jobs"@en ;
    schema:startDate "2020-01-01"^^xsd:date ; schema:endDate "2023-12-31"^^xsd:date ;
    schema:funder orgn:european-union ; schema:areaServed country:HUN, country:POL ;
    dcterms:source src:projects .
project:safe-work a ilo:Project, schema:Project ; skos:prefLabel "Safe work \\"quoted\\" project"@en ;
    schema:startDate "2022-01-01"^^xsd:date ; schema:endDate "2024-12-31"^^xsd:date ;
    schema:funder orgn:european-union ; schema:areaServed country:HUN ;
    dcterms:source src:projects .
person:anna-kovacs a schema:Person ; skos:prefLabel "Anna Kovács"@en ;
    org:hasMembership <https://w3id.org/ilo-kg/id/person/anna-kovacs#membership-1> ;
    dcterms:source src:about .
<https://w3id.org/ilo-kg/id/person/anna-kovacs#membership-1> a org:Membership ;
    org:organization office:budapest ; org:role "Employment specialist"@en .
src:about a schema:WebPage ; skos:prefLabel "About us (regional office)"@en .
src:projects a schema:WebPage ; skos:prefLabel "Overview of current projects"@en .
"""


# stated by two source pages: one triple of the default graph, in both named graphs
DUPLICATE = "country:HUN a schema:Country ."


def _filler() -> str:
    lines = [DUPLICATE]
    for i in range(FILLER):
        lines.append(
            f'news:item-{i:04d} a ilo:NewsItem ; skos:prefLabel "News {i}"@en ; '
            f"schema:about country:{'HUN' if i % 2 else 'POL'} ; dcterms:source src:about ."
        )
    return "\n".join(lines)


def trig(extra: str = "") -> str:
    return (
        PREFIXES
        + f"<{GRAPH}source/about> {{\n{DATA}\n{extra}\n}}\n"
        + f"<{GRAPH}source/news> {{\n{_filler()}\n}}\n"
        + f"<{GRAPH}ontology> {{\n{ONTOLOGY.replace(PREFIXES, '')}\n}}\n"
    )


def _info(path: Path) -> dict[str, object]:
    return {"bytes": path.stat().st_size, "sha256": hashlib.sha256(path.read_bytes()).hexdigest()}


def make_dist(dist: Path, extra: str = "") -> Path:
    """Write ``dist`` as the build publishes it: store/, dumps, context, VoID, ontology, shapes, manifest.

    ``extra``: more Turtle statements (with the prefixes above) for the source page graph.
    """
    dist.mkdir(parents=True, exist_ok=True)
    data = trig(extra).encode()
    store = ox.Store(str(dist / "store"))
    store.bulk_load(input=data, format=ox.RdfFormat.TRIG)
    quads = list(store)
    (dist / "ilo-kg.trig").write_bytes(data)
    (dist / "ilo-kg.nq").write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    triples = sorted({str(ox.Triple(q.subject, q.predicate, q.object)) + " .\n" for q in quads})
    (dist / "ilo-kg.nt").write_text("".join(triples))
    graphs = [g for g in store.named_graphs() if isinstance(g, ox.NamedNode)]
    fill_default_graph(store, dist / "ilo-kg.nt", graphs)  # the distinct union, as a release holds it
    store.flush()
    del store
    context = {
        "@context": {
            "schema": "https://schema.org/",
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "ilo": "https://w3id.org/ilo-kg/ontology#",
            "id": ID,
        }
    }
    (dist / "context.jsonld").write_text(json.dumps(context, indent=1))
    (dist / "ontology.ttl").write_text(ONTOLOGY)
    (dist / "shapes.ttl").write_text(SHAPES)
    (dist / "validation-report.txt").write_text("Conforms: True\n")
    (dist / "void.ttl").write_text(
        PREFIXES
        + "@prefix void: <http://rdfs.org/ns/void#> . @prefix dcat: <http://www.w3.org/ns/dcat#> .\n"
        + f'<{BASE}dataset> a void:Dataset, dcat:Dataset ; dcat:version "{VERSION}" ;\n'
        + f"  void:sparqlEndpoint <{BASE}sparql> .\n"
    )
    files = {p.name: _info(p) for p in sorted(dist.iterdir()) if p.is_file()}
    (dist / "manifest.json").write_text(json.dumps({"version": VERSION, "files": files}, indent=1))
    return dist
