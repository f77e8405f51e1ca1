"""The published dump files: which exist, and how each is written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.plugins.serializers.nt import _nt_row

from ilo_kg.iris import PREFIXES


@dataclass(frozen=True)
class Dump:
    file: str
    rdflib_format: str
    media_type: str
    title: str
    union: bool  # True: the union of all graphs; False: named graphs kept


DUMPS: tuple[Dump, ...] = (
    Dump("ilo-kg.trig", "trig", "application/trig", "All named graphs (TriG)", union=False),
    Dump("ilo-kg.nq", "nquads", "application/n-quads", "All named graphs (N-Quads)", union=False),
    Dump("ilo-kg.nt", "nt", "application/n-triples", "Union of all graphs, sorted (N-Triples)", union=True),
    Dump("ilo-kg.ttl", "turtle", "text/turtle", "Union of all graphs (Turtle)", union=True),
    Dump(
        "ilo-kg.jsonld",
        "json-ld",
        "application/ld+json",
        "Union of all graphs, compacted (JSON-LD)",
        union=True,
    ),
)


def context_document() -> dict[str, Any]:
    """The published JSON-LD ``@context``: the project's prefixes."""
    return {"@context": dict(sorted(PREFIXES.items()))}


def union_graph(dataset: Dataset) -> Graph:
    union = Graph()
    for prefix, ns in PREFIXES.items():
        union.bind(prefix, ns)
    for g in dataset.graphs():
        for triple in g:
            union.add(triple)
    return union


def sorted_ntriples(dataset: Dataset) -> bytes:
    """The union of all graphs as sorted N-Triples, byte-identical per input."""
    lines = {_nt_row(t) for g in dataset.graphs() for t in g}
    return "".join(sorted(lines)).encode("utf-8")


def sorted_nquads(dataset: Dataset) -> bytes:
    """Every named graph as sorted N-Quads (the default graph's triples, if any, unlabelled)."""
    lines: set[str] = set()
    for g in dataset.graphs():
        label = "" if g.identifier == DATASET_DEFAULT_GRAPH_ID else f" {g.identifier.n3()}"
        for t in g:
            row = _nt_row(t)  # "s p o .\n"
            lines.add(f"{row[:-3]}{label} .\n")
    return "".join(sorted(lines)).encode("utf-8")


def write_dump(
    dataset: Dataset,
    dump: Dump,
    path: Path,
    context: dict[str, Any],
    *,
    union_nt: bytes | None = None,
    nquads: bytes | None = None,
) -> None:
    """Write one dump file.  N-Quads, TriG and Turtle are written by Oxigraph from the sorted N-Quads and
    N-Triples (the same bytes for the same input, and far faster than rdflib's writers); JSON-LD is
    compacted with the published context by rdflib."""
    prefixes = dict(PREFIXES)
    if dump.rdflib_format == "json-ld":
        graph = union_graph(dataset)
        data = graph.serialize(
            format="json-ld", context=context["@context"], auto_compact=True, sort_keys=True
        )
        path.write_text(_stable_json(data))
    elif dump.rdflib_format == "nquads":
        path.write_bytes(nquads if nquads is not None else sorted_nquads(dataset))
    elif dump.rdflib_format == "trig":
        quads = ox.parse(nquads if nquads is not None else sorted_nquads(dataset), ox.RdfFormat.N_QUADS)
        path.write_bytes(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=prefixes) or b"")
    elif dump.rdflib_format == "turtle":
        triples = ox.parse(
            union_nt if union_nt is not None else sorted_ntriples(dataset), ox.RdfFormat.N_TRIPLES
        )
        path.write_bytes(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=prefixes) or b"")
    elif dump.union:
        path.write_text(union_graph(dataset).serialize(format=dump.rdflib_format))
    else:
        path.write_text(dataset.serialize(format=dump.rdflib_format))


def _stable_json(data: str) -> str:
    """The same bytes for the same graph: keys sorted, and the values of a property too (RDF values are a
    set; an ``@list`` keeps its order)."""
    return json.dumps(_sorted_values(json.loads(data)), indent=1, sort_keys=True, ensure_ascii=False) + "\n"


def _sorted_values(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        return {k: _sorted_values(v, k) for k, v in node.items()}
    if isinstance(node, list):
        items = [_sorted_values(v) for v in node]
        if key == "@list":
            return items
        return sorted(items, key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    return node
