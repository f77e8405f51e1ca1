"""One format table: content negotiation, file suffixes, writers, W3C format IRIs, charsets.

Everything the package knows about a format is a column of its row in :data:`FORMATS`: its names,
media types and suffix, its writer, its W3C format IRI (the Service Description lists them), whether
its Content-Type declares UTF-8, whether the published JSON-LD context applies, whether it abbreviates
with prefixes, and how a comment (the truncation note) is written in it.  A request's formats are
negotiated once into a :class:`Plan` (a format per kind of answer) that goes to the engine, which may
write the answer where it runs, and to the response: both use the same row.

Query-result formats follow the W3C specs (SPARQL 1.1 Query Results JSON, XML, CSV and TSV); graph
formats are written by Oxigraph, JSON-LD by rdflib compacted with the published context.  HTML is a
page format: the table lists it so that negotiation and suffixes know it, the web layer renders it.
To add a format, add a row (and its writer); nothing else lists formats.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

from ilo_kg.engine.contract import Result, ResultKind, Term

__all__ = [
    "FORMATS",
    "GRAPH_FORMATS",
    "HTML",
    "RESULT_FORMATS",
    "Format",
    "NotAcceptable",
    "Plan",
    "UnknownFormat",
    "choose",
    "content_type",
    "find",
    "format_parameter",
    "formats_for",
    "negotiate",
    "serialize",
    "serialize_quads",
    "serialize_triples",
]

# --- serialisers --------------------------------------------------------------------------------

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def serialize(result: Result, fmt: Format, *, context: Mapping[str, Any] | None = None) -> bytes:
    """Write a result in a format of the table (UTF-8 bytes), with the format's writer.

    A truncated SELECT/ASK result says so in the body where the format allows it
    without breaking parsers: ``"truncated": true`` in JSON, an XML comment.
    ``context`` is the JSON-LD context used to compact JSON-LD output.
    """
    if fmt.kind == "results":
        if result.kind == "construct":
            raise ValueError(f"a graph result cannot be written as {fmt.name}")
        assert fmt.write_results is not None
        return fmt.write_results(result)
    if fmt.kind == "graph":
        if result.kind != "construct":
            raise ValueError(f"a {result.kind.upper()} result cannot be written as {fmt.name}")
        return serialize_triples(result.triples, fmt, context=context)
    raise ValueError(f"{fmt.name} is a page format, rendered by the web layer")


def serialize_triples(
    triples: Sequence[ox.Triple],
    fmt: Format,
    *,
    context: Mapping[str, Any] | None = None,
    prefixes: Mapping[str, str] | None = None,
) -> bytes:
    """Write triples in a graph format (the default graph of TriG/N-Quads)."""
    if fmt.write_graph is None:
        raise ValueError(f"{fmt.name} is not a graph format")
    items: Sequence[ox.Triple] | list[ox.Quad] = triples
    if fmt.dataset:
        items = [ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples]
    return fmt.write_graph(items, fmt, prefixes, context)


def serialize_quads(
    quads: Sequence[ox.Quad], fmt: Format, *, prefixes: Mapping[str, str] | None = None
) -> bytes:
    """Write quads, graph names kept, in a dataset format (TriG, N-Quads)."""
    if not fmt.dataset or fmt.write_graph is None:
        raise ValueError(f"{fmt.name} cannot carry graph names")
    return fmt.write_graph(quads, fmt, prefixes, None)


def _write_oxigraph(
    items: Sequence[ox.Triple] | Sequence[ox.Quad],
    fmt: Format,
    prefixes: Mapping[str, str] | None,
    context: Mapping[str, Any] | None,
) -> bytes:
    pref = dict(prefixes or {}) if fmt.prefixes else None
    return ox.serialize(items, format=fmt.rdf_format, prefixes=pref) or b""


def _write_jsonld(
    items: Sequence[ox.Triple] | Sequence[ox.Quad],
    fmt: Format,
    prefixes: Mapping[str, str] | None,
    context: Mapping[str, Any] | None,
) -> bytes:
    return _jsonld([ox.Triple(q.subject, q.predicate, q.object) for q in items], context)


def _jsonld(triples: Sequence[ox.Triple], context: Mapping[str, Any] | None) -> bytes:
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b"", format="nt")
    if context is None:
        return graph.serialize(format="json-ld", auto_compact=True, encoding="utf-8")
    return graph.serialize(format="json-ld", context=dict(context), encoding="utf-8")


def _json_term(term: Term) -> dict[str, Any]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out: dict[str, Any] = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {
        "type": "triple",
        "value": {
            "subject": _json_term(term.subject),
            "predicate": _json_term(term.predicate),
            "object": _json_term(term.object),
        },
    }


def _write_json(result: Result) -> bytes:
    doc: dict[str, Any]
    if result.kind == "ask":
        doc = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {
                name: _json_term(term)
                for name, term in zip(result.variables, row, strict=True)
                if term is not None
            }
            for row in result.rows
        ]
        doc = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    if result.truncated:
        doc["truncated"] = True
    return json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _xml_term(term: Term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
        return f"<literal>{escape(term.value)}</literal>"
    return (
        f"<triple><subject>{_xml_term(term.subject)}</subject><predicate>{_xml_term(term.predicate)}"
        f"</predicate><object>{_xml_term(term.object)}</object></triple>"
    )


def _write_xml(result: Result) -> bytes:
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    out.append("<head>")
    out.extend(f"<variable name={quoteattr(v)}/>" for v in result.variables)
    out.append("</head>")
    if result.kind == "ask":
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in result.rows:
            out.append("<result>")
            for name, term in zip(result.variables, row, strict=True):
                if term is not None:
                    out.append(f"<binding name={quoteattr(name)}>{_xml_term(term)}</binding>")
            out.append("</result>")
        out.append("</results>")
    out.append("</sparql>\n")
    if result.truncated:
        out.append("<!-- truncated: the engine had more rows than the result-row cap -->\n")
    return "".join(out).encode("utf-8")


def _csv_value(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.NamedNode | ox.Literal):
        return term.value
    return str(term)  # a quoted triple: its N-Triples form


def _write_csv(result: Result) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    if result.kind == "ask":
        writer.writerows([["_askResult"], ["true" if result.boolean else "false"]])
    else:
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
    return buffer.getvalue().encode("utf-8")


def _write_tsv(result: Result) -> bytes:
    if result.kind == "ask":
        return f"?_askResult\n{'true' if result.boolean else 'false'}\n".encode()
    # N-Triples term syntax: str() of a pyoxigraph term escapes tab, newline, quotes.
    lines = ["\t".join(f"?{v}" for v in result.variables)]
    lines.extend("\t".join("" if t is None else str(t) for t in row) for row in result.rows)
    return ("\n".join(lines) + "\n").encode("utf-8")


FormatKind = Literal["results", "graph", "page"]
ResultWriter = Callable[[Result], bytes]
"""Writes a SELECT or ASK result (the truncation note included where the format has a place for it)."""
GraphWriter = Callable[
    [
        "Sequence[ox.Triple] | Sequence[ox.Quad]",
        "Format",
        "Mapping[str, str] | None",
        "Mapping[str, Any] | None",
    ],
    bytes,
]
"""Writes triples (or quads, in a dataset format) with the prefixes where the format uses them and the
JSON-LD context where it applies."""


@dataclass(frozen=True)
class Format:
    """One row of the table."""

    name: str
    media_type: str
    suffix: str
    kind: FormatKind
    aliases: tuple[str, ...] = ()
    """Other media types a client may ask for and get this format."""
    dataset: bool = False
    """Graph formats that can carry named graphs (TriG, N-Quads)."""
    names: tuple[str, ...] = ()
    """Other short names clients send in ``format=`` / ``output=`` (``rdf+xml``, ``json-ld``, ``xml``...)."""
    written_as: str | None = None
    """The media type of the writer, when the format is written as another (N3 as Turtle, its subset)."""
    iri: str | None = None
    """The format's IRI in the W3C's ``http://www.w3.org/ns/formats/`` (for the Service Description)."""
    charset: bool = False
    """Whether the Content-Type declares ``charset=utf-8`` (the textual types whose spec allows it)."""
    context: bool = False
    """Whether the published JSON-LD context compacts it (then the web process, which holds the context,
    writes it; an engine's workers do not)."""
    prefixes: bool = False
    """Whether its writer abbreviates IRIs with the given prefixes."""
    comment: str | None = None
    """How a comment line is written (``{}`` is its text): the truncation note of a cut answer.  None: no
    comment syntax, or the writer marks a cut answer itself (SPARQL JSON and XML)."""
    write_results: ResultWriter | None = field(default=None, compare=False, repr=False)
    write_graph: GraphWriter | None = field(default=None, compare=False, repr=False)

    @property
    def media_types(self) -> tuple[str, ...]:
        return (self.media_type, *self.aliases)

    @property
    def rdf_format(self) -> ox.RdfFormat:
        """The Oxigraph format of a graph format (for parsing, serialising and dumps)."""
        if self.kind != "graph":
            raise ValueError(f"{self.name} is not an RDF format")
        return ox.RdfFormat.from_media_type(self.written_as or self.media_type)  # type: ignore[return-value]

    @property
    def content_type(self) -> str:
        """The Content-Type header value."""
        return f"{self.media_type}; charset=utf-8" if self.charset else self.media_type

    @property
    def engine_written(self) -> bool:
        """Whether the engine writes it (no Python writer: its cost follows the triples written)."""
        return self.write_graph is _write_oxigraph


_W3C = "http://www.w3.org/ns/formats/"
_HASH = "# {}\n"

# Table order breaks negotiation ties: the first of each kind is the default.  Short names are
# the ones standard clients send (SPARQLWrapper: ``xml`` for RDF/XML graphs, ``rdf+xml``,
# ``json-ld``, ``n3``); ``json`` for a graph is JSON-LD.
FORMATS: tuple[Format, ...] = (
    Format(
        "json",
        "application/sparql-results+json",
        "json",
        "results",
        ("application/json",),
        iri=_W3C + "SPARQL_Results_JSON",
        write_results=_write_json,
    ),
    Format(
        "xml",
        "application/sparql-results+xml",
        "srx",
        "results",
        ("application/xml", "text/xml"),
        iri=_W3C + "SPARQL_Results_XML",
        write_results=_write_xml,
    ),
    Format(
        "csv",
        "text/csv",
        "csv",
        "results",
        iri=_W3C + "SPARQL_Results_CSV",
        charset=True,
        comment="# {}\r\n",
        write_results=_write_csv,
    ),
    Format(
        "tsv",
        "text/tab-separated-values",
        "tsv",
        "results",
        iri=_W3C + "SPARQL_Results_TSV",
        charset=True,
        comment=_HASH,
        write_results=_write_tsv,
    ),
    Format(
        "turtle",
        "text/turtle",
        "ttl",
        "graph",
        ("application/x-turtle", "application/turtle"),
        iri=_W3C + "Turtle",
        charset=True,
        prefixes=True,
        comment=_HASH,
        write_graph=_write_oxigraph,
    ),
    Format(
        "ntriples",
        "application/n-triples",
        "nt",
        "graph",
        names=("n-triples",),
        iri=_W3C + "N-Triples",
        charset=True,
        comment=_HASH,
        write_graph=_write_oxigraph,
    ),
    Format(
        "jsonld",
        "application/ld+json",
        "jsonld",
        "graph",
        ("application/json",),
        names=("json-ld", "json"),
        iri=_W3C + "JSON-LD",
        context=True,
        write_graph=_write_jsonld,
    ),
    Format(
        "rdfxml",
        "application/rdf+xml",
        "rdf",
        "graph",
        ("application/xml", "text/xml"),
        names=("rdf+xml", "xml"),
        iri=_W3C + "RDF_XML",
        prefixes=True,
        comment="<!-- {} -->\n",
        write_graph=_write_oxigraph,
    ),
    Format(
        "trig",
        "application/trig",
        "trig",
        "graph",
        dataset=True,
        iri=_W3C + "TriG",
        charset=True,
        prefixes=True,
        comment=_HASH,
        write_graph=_write_oxigraph,
    ),
    Format(
        "nquads",
        "application/n-quads",
        "nq",
        "graph",
        dataset=True,
        names=("n-quads",),
        iri=_W3C + "N-Quads",
        comment=_HASH,
        write_graph=_write_oxigraph,
    ),
    Format(
        "n3",
        "text/n3",
        "n3",
        "graph",
        ("text/rdf+n3",),
        written_as="text/turtle",
        iri=_W3C + "N3",
        charset=True,
        prefixes=True,
        write_graph=_write_oxigraph,
    ),
    Format("html", "text/html", "html", "page", ("application/xhtml+xml",), charset=True),
)
RESULT_FORMATS: tuple[Format, ...] = tuple(f for f in FORMATS if f.kind == "results")
GRAPH_FORMATS: tuple[Format, ...] = tuple(f for f in FORMATS if f.kind == "graph")
HTML: Format = next(f for f in FORMATS if f.kind == "page")


class UnknownFormat(ValueError):
    """A ``format=`` value that names no format on offer; the message lists what is."""


def formats_for(kind: ResultKind, *, html: bool = False) -> tuple[Format, ...]:
    """What a result of this kind can be written as (HTML last, so never the wildcard default)."""
    base = RESULT_FORMATS if kind in ("select", "ask") else GRAPH_FORMATS
    return (*base, HTML) if html else base


def find(token: str, candidates: Sequence[Format] = FORMATS) -> Format | None:
    """A format by name, suffix, short name or media type (``csv``, ``ttl``, ``rdf+xml``, ``text/turtle``)."""
    # a "+" sent unencoded in a query string arrives as a space ("rdf xml", "sparql-results json")
    token = token.split(";")[0].strip().lower().lstrip(".").replace(" ", "+")
    for fmt in candidates:
        if token in (fmt.name, fmt.suffix) or token in fmt.media_types:
            return fmt
    for fmt in candidates:
        if token in fmt.names:
            return fmt
    return None


def format_parameter(values: Sequence[str], candidates: Sequence[Format]) -> str | None:
    """The one format the ``format`` / ``output`` / ``results`` values of a request name, or None.

    Clients repeat these parameters (SPARQLWrapper sends ``format=rdf+xml&format=application/rdf+xml``
    and the same as ``output`` and ``results``): values are fine when they agree.  A value naming a
    format of another kind of result (``csv`` for a CONSTRUCT) is left to Accept; one naming no
    format at all, or values naming two different formats, raise :class:`UnknownFormat`.
    """
    wanted: list[Format] = []
    for value in values:
        if not value.strip():
            continue
        # a list of alternatives (SPARQLWrapper repeats its Accept list there): the first on offer
        alternatives = [a for a in value.split(",") if a.strip()] or [value]
        fmt = next((f for f in (find(a, candidates) for a in alternatives) if f is not None), None)
        if fmt is None:
            if all(find(a) is None for a in alternatives):
                offered = ", ".join(f.name for f in candidates)
                raise UnknownFormat(f"unknown format {value!r}; this resource offers: {offered}")
            continue
        if fmt not in wanted:
            wanted.append(fmt)
    if len(wanted) > 1:
        named = ", ".join(f.name for f in wanted)
        raise UnknownFormat(f"the format parameters name different formats ({named}): send one")
    return wanted[0].name if wanted else None


def content_type(fmt: Format) -> str:
    """The Content-Type header value (UTF-8 declared where the row says so)."""
    return fmt.content_type


# --- negotiation ------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Range:
    type: str
    subtype: str
    q: float

    @property
    def specificity(self) -> int:
        return 0 if self.type == "*" else 1 if self.subtype == "*" else 2

    def matches(self, media_type: str) -> bool:
        major, _, minor = media_type.partition("/")
        return self.type == "*" or (self.type == major and self.subtype in ("*", minor))


def _parse_accept(accept: str) -> list[_Range]:
    ranges: list[_Range] = []
    for item in accept.split(","):
        media, *params = (part.strip() for part in item.split(";"))
        major, slash, minor = media.lower().partition("/")
        if not slash or not major or not minor or (major == "*" and minor != "*"):
            continue  # not a media range: ignored, as servers commonly do
        q = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    q = min(max(float(value.strip()), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        ranges.append(_Range(major, minor, q))
    return ranges


def _quality(fmt: Format, ranges: Sequence[_Range]) -> tuple[float, int]:
    """(q, specificity) of the most specific range that matches the format."""
    best: _Range | None = None
    for r in ranges:
        # Wildcards match a format's own media type; aliases only when named exactly.
        names = fmt.media_types if r.specificity == 2 else (fmt.media_type,)
        if any(r.matches(mt) for mt in names) and (best is None or r.specificity > best.specificity):
            best = r
    return (0.0, -1) if best is None else (best.q, best.specificity)


def negotiate(accept: str | None, candidates: Sequence[Format]) -> Format | None:
    """The candidate the Accept header prefers; None when none is acceptable (answer 406).

    q-values, ``type/*`` and ``*/*`` wildcards and ``q=0`` exclusions follow RFC 9110: a
    format takes the q of the most specific range that matches it.  Ties go to table
    order; an absent or empty header accepts anything (the first candidate).
    """
    if not candidates:
        return None
    if accept is None or not accept.strip():
        return candidates[0]
    ranges = _parse_accept(accept)
    if not ranges:
        return candidates[0]
    best: Format | None = None
    best_q = 0.0
    for fmt in candidates:
        q, _ = _quality(fmt, ranges)
        if q > best_q:
            best, best_q = fmt, q
    return best


def _explicit_match(accept: str | None, candidates: Sequence[Format]) -> bool:
    """Whether Accept names (without wildcards, with q > 0) a candidate."""
    if not accept:
        return False
    ranges = [r for r in _parse_accept(accept) if r.specificity == 2 and r.q > 0]
    return any(r.matches(mt) for r in ranges for fmt in candidates for mt in fmt.media_types)


def choose(accept: str | None, format_param: str | None, candidates: Sequence[Format]) -> Format | None:
    """Negotiate with a ``format=`` override: an explicit, satisfiable Accept outranks it.

    ``format=`` wins when Accept is absent, only wildcards, or names nothing on offer.
    Raises :class:`UnknownFormat` when ``format=`` names no candidate.  Answers are
    remembered per (Accept, ``format=``, candidates): clients send few distinct headers.
    """
    if isinstance(candidates, tuple) and len(accept or "") <= 1024 and len(format_param or "") <= 64:
        return _choose_remembered(accept, format_param, candidates)
    return _choose(accept, format_param, candidates)


@lru_cache(maxsize=4096)
def _choose_remembered(
    accept: str | None, format_param: str | None, candidates: tuple[Format, ...]
) -> Format | None:
    return _choose(accept, format_param, candidates)


def _choose(accept: str | None, format_param: str | None, candidates: Sequence[Format]) -> Format | None:
    if format_param is None or not format_param.strip():
        return negotiate(accept, candidates)
    wanted = find(format_param, candidates)
    if wanted is None:
        offered = ", ".join(f.name for f in candidates)
        raise UnknownFormat(f"unknown format {format_param!r}; this resource offers: {offered}")
    if _explicit_match(accept, candidates):
        return negotiate(accept, candidates)
    return wanted


# --- the plan: negotiated once per request ---------------------------------------------------------


class NotAcceptable(ValueError):
    """No format on offer for this kind of answer is acceptable to the client (HTTP 406)."""

    def __init__(self, candidates: Sequence[Format]) -> None:
        self.candidates = tuple(candidates)
        offered = ", ".join(f.media_type for f in self.candidates)
        super().__init__(f"none of the media types in Accept can be produced here; available: {offered}")


@dataclass(frozen=True)
class Plan:
    """The format each kind of answer will be written in, negotiated once for a request.

    The engine is given :meth:`engine_formats` (it may write the answer where it runs) and the response
    takes :meth:`format_for` the answer's kind: both read the same row, so they cannot disagree.
    """

    chosen: tuple[tuple[ResultKind, Format | None], ...]
    """Each kind with its format; None: nothing acceptable (the answer of that kind is a 406)."""

    @classmethod
    def single(cls, kind: ResultKind, fmt: Format) -> Plan:
        """The plan of a request whose kind of answer is known (a canned query, a suffix)."""
        return cls(((kind, fmt),))

    @classmethod
    def negotiate(
        cls,
        accept: str | None,
        format_values: Sequence[str] = (),
        kinds: Sequence[ResultKind] = ("select", "ask", "construct"),
    ) -> Plan:
        """Each kind's format from the ``format``/``output``/``results`` values and Accept.

        Raises :class:`UnknownFormat` when the values name no format at all, or two different ones.
        A plan depends on nothing else, so the plans of the last few hundred distinct headers are kept.
        """
        return _negotiated(accept, tuple(format_values), tuple(kinds))

    @classmethod
    def _negotiate(
        cls, accept: str | None, format_values: Sequence[str], kinds: Sequence[ResultKind]
    ) -> Plan:
        chosen: list[tuple[ResultKind, Format | None]] = []
        for kind in kinds:
            candidates = formats_for(kind)
            chosen.append((kind, choose(accept, format_parameter(format_values, candidates), candidates)))
        return cls(tuple(chosen))

    def format_for(self, kind: ResultKind) -> Format:
        """The format of an answer of ``kind``; :class:`NotAcceptable` when none is acceptable."""
        for planned, fmt in self.chosen:
            if planned == kind:
                if fmt is None:
                    raise NotAcceptable(formats_for(kind))
                return fmt
        raise NotAcceptable(formats_for(kind))

    def engine_formats(self) -> dict[str, str]:
        """Kind to format name, for the formats an engine may write where it runs (not those the
        published JSON-LD context compacts: the web process holds it)."""
        return {kind: fmt.name for kind, fmt in self.chosen if fmt is not None and not fmt.context}


@lru_cache(maxsize=512)
def _negotiated(accept: str | None, format_values: tuple[str, ...], kinds: tuple[ResultKind, ...]) -> Plan:
    return Plan._negotiate(accept, format_values, kinds)
