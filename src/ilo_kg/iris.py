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


def normalise_base(base: str) -> str:
    """The base IRI with its trailing slash: ``https://example.org/kg`` -> ``https://example.org/kg/``."""
    base = base.strip()
    if "://" not in base or any(c in base for c in ' <>"{}|^`\\'):
        raise ValueError(
            f"the base IRI must be an absolute http(s) IRI such as {DEFAULT_BASE_IRI}, got {base!r}"
        )
    return base if base.endswith("/") else base + "/"


class Minter:
    """Mints instance and graph IRIs under one base: the one place ``id/`` and ``graph/`` are written."""

    def __init__(self, base: str) -> None:
        self.base = normalise_base(base)

    @property
    def id_space(self) -> str:
        """The namespace of every instance IRI, ``<base>id/`` (VoID's ``uriSpace``)."""
        return self.base + "id/"

    @property
    def graph_space(self) -> str:
        """The namespace of every graph IRI, ``<base>graph/``."""
        return self.base + "graph/"

    def id_path(self, kind: str, key: str) -> str:
        """The IRI a request for ``/id/{kind}/{key}`` names (not checked: unknown ones are a 404)."""
        return f"{self.id_space}{kind}/{key}"

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
        return URIRef(self.id_path(kind, key))

    def named(self, kind: str, name: str) -> URIRef:
        return self.id(kind, slug(name))

    def graph(self, *parts: str) -> URIRef:
        return URIRef(self.graph_space + "/".join(parts))

    @property
    def reference_graph(self) -> URIRef:
        return self.graph("reference")

    @property
    def ontology_graph(self) -> URIRef:
        return self.graph("ontology")

    @property
    def inferred_graph(self) -> URIRef:
        return self.graph("inferred")

    @property
    def void_graph(self) -> URIRef:
        """(store only) The VoID/DCAT description of the dataset."""
        return self.graph("void")

    @property
    def default_graph(self) -> URIRef:
        """(remote engines only) The dataset's default graph, the distinct union, as a named graph."""
        return self.graph("default")

    @property
    def deployment_graph(self) -> URIRef:
        """(remote engines only) The live version and graphs, written by ``ilo-kg publish``."""
        return self.graph("deployment")

    def source_graph(self, source_id: str) -> URIRef:
        return self.graph("source", source_id)

    def dataset(self) -> URIRef:
        return URIRef(self.base + "dataset")

    @property
    def sparql_endpoint(self) -> URIRef:
        """The SPARQL endpoint's IRI (VoID's ``sparqlEndpoint``); relative IRIs in queries resolve to it."""
        return URIRef(self.base + "sparql")
