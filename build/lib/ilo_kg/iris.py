"""Deterministic IRI minting: one IRI per thing, stable once published."""

from __future__ import annotations

import re
import unicodedata

from rdflib import Namespace, URIRef

KINDS = (
    "office",
    "country",
    "project",
    "organization",
    "person",
    "news",
    "event",
    "convention",
    "programme",
    "theme",
    "source",
)

DEFAULT_BASE_IRI = "https://w3id.org/ilo-kg/"
ONTOLOGY_IRI = "https://w3id.org/ilo-kg/ontology"
ILO = Namespace(ONTOLOGY_IRI + "#")

SCHEMA = Namespace("https://schema.org/")
ORG = Namespace("http://www.w3.org/ns/org#")
FOAF = Namespace("http://xmlns.com/foaf/0.1/")
SKOS = Namespace("http://www.w3.org/2004/02/skos/core#")
DCTERMS = Namespace("http://purl.org/dc/terms/")
PROV = Namespace("http://www.w3.org/ns/prov#")
TIME = Namespace("http://www.w3.org/2006/time#")
VOID = Namespace("http://rdfs.org/ns/void#")
DCAT = Namespace("http://www.w3.org/ns/dcat#")
SH = Namespace("http://www.w3.org/ns/shacl#")
WD = Namespace("http://www.wikidata.org/entity/")
SDG = Namespace("http://metadata.un.org/sdg/")
EU_COUNTRY = Namespace("http://publications.europa.eu/resource/authority/country/")
GEONAMES = Namespace("https://sws.geonames.org/")

PREFIXES: dict[str, str] = {
    "ilo": str(ILO),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "foaf": str(FOAF),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "prov": str(PROV),
    "time": str(TIME),
    "owl": "http://www.w3.org/2002/07/owl#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "void": str(VOID),
    "dcat": str(DCAT),
    "sh": str(SH),
    "wd": str(WD),
}

_ROMAN = {"ii": "2", "iii": "3", "iv": "4"}


def slug(name: str) -> str:
    """A lowercase ASCII slug: 'Türkiye' -> 'turkiye', 'DWT/CO Budapest' -> 'dwt-co-budapest'."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("ı", "i").replace("ø", "o").replace("ß", "ss").replace("&", " and ")
    text = text.encode("ascii", "ignore").decode("ascii").lower()
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if not text:
        raise ValueError(f"cannot make a slug of {name!r}: no letters or digits")
    return text


class Minter:
    """Mints instance and graph IRIs under one base."""

    def __init__(self, base: str) -> None:
        if not base.endswith("/"):
            base += "/"
        self.base = base

    def id(self, kind: str, key: str) -> URIRef:
        if kind not in KINDS:
            raise ValueError(f"unknown kind {kind!r}; kinds are {', '.join(KINDS)}")
        if kind == "country":
            if not re.fullmatch(r"[A-Z]{3}", key):
                raise ValueError(f"country key must be ISO 3166-1 alpha-3, got {key!r}")
        elif kind == "convention":
            if not re.fullmatch(r"C\d{3}|MLC2006|P\d{3}", key):
                raise ValueError(f"convention key must be a code such as C155 or MLC2006, got {key!r}")
        elif key != slug(key):
            raise ValueError(f"key {key!r} for kind {kind} is not a slug (expected {slug(key)!r})")
        return URIRef(f"{self.base}id/{kind}/{key}")

    def named(self, kind: str, name: str) -> URIRef:
        return self.id(kind, slug(name))

    def graph(self, *parts: str) -> URIRef:
        return URIRef(self.base + "graph/" + "/".join(parts))

    @property
    def reference_graph(self) -> URIRef:
        return self.graph("reference")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    @property
    def inferred_graph(self) -> URIRef:
        return self.graph("inferred")

    def source_graph(self, source_id: str) -> URIRef:
        return self.graph("source", source_id)

    def dataset(self) -> URIRef:
        return URIRef(self.base + "dataset")
