"""The published dump files: which exist, and how each is written."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rdflib import Dataset, Graph
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


def write_dump(dataset: Dataset, dump: Dump, path: Path, context: dict[str, Any]) -> None:
    if dump.union:
        graph = union_graph(dataset)
        if dump.rdflib_format == "json-ld":
            data = graph.serialize(
                format="json-ld", context=context["@context"], auto_compact=True, sort_keys=True
            )
            path.write_text(_stable_json(data))
            return
        path.write_text(graph.serialize(format=dump.rdflib_format))
    else:
        path.write_text(dataset.serialize(format=dump.rdflib_format))


def _stable_json(data: str) -> str:
    return json.dumps(json.loads(data), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
