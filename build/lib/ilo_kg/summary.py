"""What the home page shows (resources by class, sources), computed once when a release is published.

The published store is read-only, so these counts are fixed per release: the build writes them into
``manifest.json`` and the service reads them from there instead of counting a large graph per request.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ilo_kg.iris import ONTOLOGY_IRI
from ilo_kg.void import DatasetStats

# Constants only: no request value is ever part of these texts.
CLASS_COUNTS = f"""PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) (SAMPLE(?l) AS ?label) WHERE {{
  ?s a ?class . FILTER(STRSTARTS(STR(?class), "{ONTOLOGY_IRI}#"))
  OPTIONAL {{ ?class rdfs:label|skos:prefLabel ?l }}
}} GROUP BY ?class ORDER BY DESC(?n) ?class"""

SOURCES = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?source (SAMPLE(?l) AS ?label) (COUNT(DISTINCT ?thing) AS ?n) WHERE {
  ?thing dcterms:source|prov:wasDerivedFrom ?source .
  OPTIONAL { ?source rdfs:label|skos:prefLabel|dcterms:title ?l }
} GROUP BY ?source ORDER BY ?source"""


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


_LABELS = """PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?x (SAMPLE(?l) AS ?label) WHERE { ?x rdfs:label|skos:prefLabel|dcterms:title ?l } GROUP BY ?x"""


def summarize(store: ox.Store, stats: DatasetStats) -> dict[str, Any]:
    """Resources by class (the graph's own classes) and by source, and the number of quads: JSON-ready.

    Counts come from ``stats`` (computed once for VoID); only the labels are looked up here.
    """
    wanted = {c for c in stats.classes if c.startswith(ONTOLOGY_IRI + "#")} | set(stats.sources)
    labels: dict[str, str] = {}
    for row in store.query(_LABELS, use_default_graph_as_union=True):  # type: ignore[union-attr]
        key = _value(row[0])
        if key in wanted and row[1] is not None:
            labels[key] = str(_value(row[1]))
    classes = sorted(
        ([c, n, labels.get(c)] for c, n in stats.classes.items() if c.startswith(ONTOLOGY_IRI + "#")),
        key=lambda r: (-int(r[1] or 0), str(r[0])),
    )
    sources = [[s, labels.get(s), n] for s, n in sorted(stats.sources.items())]
    return {"classes": classes, "sources": sources, "quads": len(store)}
