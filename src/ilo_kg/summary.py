"""What the home page shows (resources by class, sources), computed once when a release is published.

The published store is read-only, so these counts are fixed per release: the build writes them into
``manifest.json`` and the service reads them from there instead of counting a large graph per request.
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

from ilo_kg.iris import ONTOLOGY_IRI

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


def summarize(store: ox.Store) -> dict[str, Any]:
    """Resources by class and by source, and the number of quads: JSON-ready."""
    classes = [
        [_value(r[0]), int(_value(r[1]) or 0), _value(r[2])]
        for r in store.query(CLASS_COUNTS, use_default_graph_as_union=True)  # type: ignore[union-attr]
    ]
    sources = [
        [_value(r[0]), _value(r[1]), int(_value(r[2]) or 0)]
        for r in store.query(SOURCES, use_default_graph_as_union=True)  # type: ignore[union-attr]
    ]
    return {"classes": classes, "sources": sources, "quads": len(store)}
