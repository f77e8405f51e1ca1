"""Check a SPARQL request before it runs on the public, read-only endpoint.

Two parsers, each for what it does best:

* Oxigraph (the engine that will run the query) decides whether the text is a
  valid query; it parses in microseconds and its messages carry ``line:column``.
  It is asked to parse only: the call is made with two arguments Oxigraph
  refuses together, which it checks after parsing and before evaluating, so
  nothing is ever evaluated here.
* rdflib's SPARQL grammar gives the parse tree that is walked for ``SERVICE`` and
  ``FROM``/``FROM NAMED`` (and recognises SPARQL Update, so that an update gets
  "not allowed" rather than a syntax error).  That costs milliseconds, so it is
  skipped when the (unescaped) text cannot hold either keyword, and cached.

Refusals raise :class:`QueryRefused`; malformed text raises :class:`QuerySyntaxError`.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Any

import pyoxigraph as ox

from ilo_kg.engine.contract import QueryError, QueryRefused, QuerySyntaxError

__all__ = [
    "CheckedQuery",
    "QueryDataset",
    "QueryError",
    "QueryRefused",
    "QuerySyntaxError",
    "check_query",
    "query_dataset",
]


@dataclass(frozen=True)
class QueryDataset:
    """The dataset a query names in its text (``FROM`` and ``FROM NAMED``), IRIs resolved."""

    default: tuple[str, ...] = ()
    named: tuple[str, ...] = ()


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed :func:`check_query`."""

    text: str
    dataset: QueryDataset | None
    """``FROM``/``FROM NAMED`` of the text, or None when it names none."""
    services: tuple[str, ...] = ()
    """Allow-listed SERVICE endpoints the query calls."""


_UPDATE_OPERATIONS = {
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}
_PYPARSING_WHERE = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$")
_KEYWORDS = ("service", "from")


def check_query(
    text: str,
    *,
    known_graphs: Collection[str],
    service_allowlist: Collection[str] = (),
    base_iri: str | None = None,
) -> CheckedQuery:
    """Refuse what may not run; return what the caller needs to run the rest.

    Raises :class:`QuerySyntaxError` for malformed text and :class:`QueryRefused` for
    SPARQL Update and a SERVICE whose endpoint is not in ``service_allowlist`` (or is a
    variable).  A ``FROM``/``FROM NAMED`` graph that is not in ``known_graphs`` is not
    refused: it is an empty graph (SPARQL 1.1 Protocol), and nothing is ever fetched.
    ``base_iri`` resolves relative IRIs (a ``BASE`` in the text wins).
    The outcome for a short text is remembered (clients repeat their queries).

    The nesting of brackets is measured first, by a linear scan, and a text nested deeper
    than :data:`MAX_NESTING` is refused before any (recursive) parser sees it: both parsers
    recurse once per level, and a few thousand levels overflow the thread's stack.
    """
    if streams(text):  # a lookup: valid as it is recognised, and it cannot name a dataset or a service
        return CheckedQuery(text=text, dataset=None)
    check_nesting(text)
    if len(text) <= _REMEMBERED_TEXT:
        return _check_remembered(text, tuple(service_allowlist), base_iri)
    return _check(text, service_allowlist, base_iri)


_REMEMBERED_TEXT = 8192


# --- lookups: one triple pattern, recognised by its text --------------------------------------------

_WS = r"[ \t\r\n]"
_IRI_TEXT = r"<[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=-]|%[0-9A-Fa-f]{2})*>"
_PREFIX_NAME = r"[A-Za-z](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?"
_PNAME = rf"(?:{_PREFIX_NAME})?:(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_-])?)?"
_VAR = r"[?$][A-Za-z0-9_]+"
_NODE = rf"(?:{_IRI_TEXT}|{_PNAME}|{_VAR})"
_DECLARATION = re.compile(rf"PREFIX{_WS}+({_PREFIX_NAME})?:{_WS}*({_IRI_TEXT})", re.IGNORECASE)
_LOOKUP = re.compile(
    rf"{_WS}*(?P<prologue>(?:PREFIX{_WS}+(?:{_PREFIX_NAME})?:{_WS}*{_IRI_TEXT}{_WS}*)*)"
    rf"SELECT{_WS}*(?P<projection>\*|(?:{_VAR}{_WS}*)+){_WS}*(?:WHERE{_WS}*)?"
    rf"\{{{_WS}*(?P<s>{_NODE}){_WS}+(?P<p>{_NODE}|(?-i:a)){_WS}+(?P<o>{_NODE}){_WS}*\.?{_WS}*\}}"
    rf"{_WS}*(?:LIMIT{_WS}+(?P<limit>[0-9]{{1,9}}){_WS}*)?",
    re.IGNORECASE,
)
_LOOKUP_MAX_CHARS = 4096


@dataclass(frozen=True)
class Lookup:
    """A lookup as :func:`lookup` reads it: its triple pattern (a term, or a variable's name) and what
    it selects."""

    pattern: tuple[ox.NamedNode | str, ox.NamedNode | str, ox.NamedNode | str]
    projection: tuple[str, ...] | None
    """The variables selected, in order; None: ``*``."""
    limit: int | None

    @property
    def variables(self) -> tuple[str, ...]:
        """What ``*`` selects: the pattern's variables, each once, sorted by name (as the engine lists
        them)."""
        return tuple(sorted({n for n in self.pattern if isinstance(n, str)}))


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def streams(text: str) -> bool:
    """Whether a query is a lookup: a SELECT of one triple pattern (absolute IRIs, prefixed names,
    variables), with at most a LIMIT; no FILTER, DISTINCT, ORDER BY, OFFSET, FROM, BASE, comment or
    anything else.  Such a text is valid SPARQL as it is recognised (its prefixes declared, its IRIs
    well formed, no variable projected twice), so :func:`check_query` passes it without a parser.

    The engine answers a lookup as it reads it: each triple read is a row written (nothing is sorted,
    grouped, joined, skipped or filtered out), so its work is bounded by the size of the answer it
    writes (:func:`ilo_kg.engine.oxigraph.execute_inline`).
    """
    return lookup(text) is not None


@lru_cache(maxsize=64)  # asked by the check, then by the engine, of the same text
def lookup(text: str) -> Lookup | None:
    """The lookup a text is (see :func:`streams`), its prefixed names resolved; None for any other."""
    if len(text) > _LOOKUP_MAX_CHARS:
        return None
    found = _LOOKUP.fullmatch(text)
    if found is None:
        return None
    projection = found["projection"]
    names: tuple[str, ...] | None = None
    if projection != "*":
        names = tuple(v[1:] for v in projection.split())
        if len(set(names)) != len(names) or any(v.count("?") + v.count("$") for v in names):
            return None  # a variable twice, or two written without a space
    prefixes = {m[0] or "": m[1][1:-1] for m in _DECLARATION.findall(found["prologue"])}
    pattern: list[ox.NamedNode | str] = []
    try:
        for iri in prefixes.values():
            ox.NamedNode(iri)
        for node in (found["s"], found["p"], found["o"]):
            if node.startswith("<"):
                pattern.append(ox.NamedNode(node[1:-1]))
            elif node.startswith(("?", "$")):
                pattern.append(node[1:])
            elif node == "a":
                pattern.append(_RDF_TYPE)
            else:
                prefix, _, local = node.partition(":")
                if prefix not in prefixes:
                    return None
                pattern.append(ox.NamedNode(prefixes[prefix] + local))
    except ValueError:  # an IRI the engine would refuse: the parser says why
        return None
    s, p, o = pattern
    return Lookup((s, p, o), names, int(found["limit"]) if found["limit"] is not None else None)


MAX_NESTING = 64
"""Deepest nesting of ``{``, ``(`` and ``[`` a query may have (real queries stay under 20)."""

# Where brackets, strings, IRIs and comments start; everything between is skipped whole.
_NEXT = re.compile(r"""[{}()\[\]#<"']""")
_IRI_BODY = re.compile(r"""[^<>"{}|^`\\\x00-\x20]*>""")
_OPENING = "{(["
_CLOSING = "})]"


def _string_end(text: str, at: int) -> int:
    """Index after the string literal starting at ``at`` (one pass: never looks at a character twice).

    An unterminated short string ends at its line's end, a long one at the end of the text.
    """
    quote = text[at]
    long = text.startswith(quote * 3, at)
    i = at + (3 if long else 1)
    end = len(text)
    while i < end:
        char = text[i]
        if char == "\\":
            i += 2
        elif char == quote and (not long or text.startswith(quote * 3, i)):
            return i + (3 if long else 1)
        elif not long and char in "\r\n":
            return i
        else:
            i += 1
    return end


def nesting_depth(text: str) -> tuple[int, int, int]:
    """The deepest bracket nesting of a SPARQL text, and the line and column where it is reached.

    Linear and non-recursive, safe on any input.  Brackets inside strings, IRIs and
    comments are not counted.
    """
    depth = deepest = where = at = 0
    while (found := _NEXT.search(text, at)) is not None:
        at = found.start()
        char = text[at]
        if char in _OPENING:
            depth += 1
            if depth > deepest:
                deepest, where = depth, at
            at += 1
        elif char in _CLOSING:
            depth = max(0, depth - 1)
            at += 1
        elif char == "#":
            line_end = text.find("\n", at)
            at = len(text) if line_end < 0 else line_end + 1
        elif char == "<":
            iri = _IRI_BODY.match(text, at + 1)
            at = iri.end() if iri is not None else at + 1
        else:
            at = _string_end(text, at)
    line = text.count("\n", 0, where) + 1
    column = where - (text.rfind("\n", 0, where) + 1) + 1
    return deepest, line, column


def check_nesting(text: str, limit: int = MAX_NESTING) -> None:
    """Refuse a text nested deeper than ``limit`` with a syntax error naming where it goes over."""
    if text.count("{") + text.count("(") + text.count("[") <= limit:
        return
    deepest, line, column = nesting_depth(text)
    if deepest > limit:
        raise QuerySyntaxError(
            f"the query nests brackets {deepest} levels deep, more than the limit of {limit}", line, column
        )


@lru_cache(maxsize=1024)
def _check_remembered(text: str, service_allowlist: tuple[str, ...], base_iri: str | None) -> CheckedQuery:
    return _check(text, service_allowlist, base_iri)


def _check(text: str, service_allowlist: Collection[str], base_iri: str | None = None) -> CheckedQuery:
    try:
        _oxigraph_parse(text, base_iri)
        analysis = _analyse(text, base_iri)
    except RecursionError:  # long chains the bracket limit does not see (rdflib's grammar recurses)
        raise QuerySyntaxError("the query is too deeply nested to be checked") from None
    refusals: list[str] = []
    for endpoint in analysis.services:
        if endpoint is None:
            refusals.append("SERVICE with a variable endpoint is not allowed")
        elif endpoint not in service_allowlist:
            refusals.append(f"SERVICE <{endpoint}> is not allowed (not in the service allow-list)")
    dataset = analysis.dataset
    if refusals:
        raise QueryRefused("; ".join(refusals))
    services = tuple(s for s in analysis.services if s is not None)
    return CheckedQuery(text=text, dataset=dataset, services=services)


def query_dataset(text: str, base_iri: str | None = None) -> QueryDataset | None:
    """``FROM``/``FROM NAMED`` of an (already valid) query, or None when it names none."""
    try:
        return _analyse(text, base_iri).dataset
    except QueryError:
        return None


# --- Oxigraph: syntax -------------------------------------------------------------------------


@cache
def _empty_store() -> ox.Store:
    return ox.Store()


def _oxigraph_parse(text: str, base_iri: str | None = None) -> None:
    try:
        # Both arguments together are refused after parsing, before any evaluation.
        _empty_store().query(
            text, use_default_graph_as_union=True, default_graph=[ox.DefaultGraph()], base_iri=base_iri
        )
    except SyntaxError as exc:
        raise _diagnose(text, str(exc)) from None
    except ValueError:
        return
    raise QueryError("internal error: the query parser did not stop before evaluation")


@lru_cache(maxsize=256)
def _diagnose(text: str, engine_message: str) -> QueryError:
    """Explain text Oxigraph refused: an update, or a syntax error with its position.

    rdflib's grammar names the token it found and points at the start of the clause
    that failed, which reads better than Oxigraph's furthest-failure position; the
    engine's message is the fallback when rdflib accepts what Oxigraph does not.
    """
    from pyparsing import ParseException
    from rdflib.plugins.sparql import parser

    try:
        update = parser.parseUpdate(text)
    except ParseException as update_error:
        try:
            parser.parseQuery(text)
        except ParseException as query_error:
            if update_error.loc > query_error.loc:  # a broken update got further as an update
                return _update_refused(("an update operation",))
            message = _PYPARSING_WHERE.sub("", str(query_error))
            return QuerySyntaxError(message, query_error.lineno, query_error.col)
    except Exception:  # rdflib's grammar actions may raise anything on odd input
        pass
    else:
        return _update_refused(tuple(_UPDATE_OPERATIONS.get(op.name, op.name) for op in update.request))
    found = QuerySyntaxError.from_engine(engine_message)
    if "Prefix not found" in engine_message:  # Oxigraph lists its grammar tables after it
        names = undeclared_prefixes(text)
        listed = ", ".join(f"'{n}:'" for n in names) if names else "a prefix"
        example = names[0] if names else "ex"
        return QuerySyntaxError(
            f"undeclared prefix {listed}: declare it first, e.g. PREFIX {example}: <http://example.org/ns#>",
            found.line,
            found.column,
        )
    if len(found.message) > _LONGEST_MESSAGE or "\n" in found.message:  # the engine's grammar tables
        short = " ".join(found.message.split())[:_LONGEST_MESSAGE].rsplit(",", 1)[0]
        return QuerySyntaxError(short + ", ...", found.line, found.column)
    return found


_LONGEST_MESSAGE = 160
# what can hold a ':' that is not a prefixed name: strings, IRIs, comments (skipped whole)
_PREFIXED = re.compile(
    r"""("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\x00-\x20]*>|#[^\n]*)"""
    r"""|(?<![\w?$:.-])([A-Za-z][\w.-]*)?:"""
)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


def undeclared_prefixes(text: str) -> list[str]:
    """Prefixes the text uses in prefixed names without a ``PREFIX`` declaration, in order of use."""
    declared = set(_DECLARED.findall(text))
    used = [m.group(2) or "" for m in _PREFIXED.finditer(text) if m.group(1) is None]
    return [name for name in dict.fromkeys(used) if name not in declared]


def _update_refused(operations: tuple[str, ...]) -> QueryRefused:
    listed = ", ".join(dict.fromkeys(operations))
    return QueryRefused(
        f"SPARQL Update is not allowed: this endpoint is read-only (the request contains {listed})"
    )


# --- rdflib: the parse tree -------------------------------------------------------------------


@dataclass(frozen=True)
class _Analysis:
    dataset: QueryDataset | None
    services: tuple[str | None, ...]


_NOTHING = _Analysis(dataset=None, services=())


def _may_name_dataset_or_service(text: str) -> bool:
    lowered = text.lower()
    if "\\u" in lowered:  # SPARQL code-point escapes are expanded before parsing
        return True
    return any(keyword in lowered for keyword in _KEYWORDS)


def _analyse(text: str, base_iri: str | None = None) -> _Analysis:
    if not _may_name_dataset_or_service(text):
        return _NOTHING
    return _analyse_tree(text, base_iri)


@lru_cache(maxsize=1024)
def _analyse_tree(text: str, base_iri: str | None = None) -> _Analysis:
    from pyparsing import ParseException
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translatePrologue

    try:
        tree = parser.parseQuery(text)
    except ParseException as exc:
        raise QueryRefused(
            "the query uses syntax beyond SPARQL 1.1 that this endpoint cannot check "
            f"(line {exc.lineno}, column {exc.col}: {exc.msg})"
        ) from None
    prologue = translatePrologue(tree[0], base_iri)
    body = tree[1]

    def resolve(node: Any) -> str:
        return str(prologue.absolutize(node))

    default: list[str] = []
    named: list[str] = []
    for clause in body.get("datasetClause") or ():
        if "default" in clause:
            default.append(resolve(clause["default"]))
        if "named" in clause:
            named.append(resolve(clause["named"]))
    services: list[str | None] = []
    for node in _walk(body):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            term = node["term"]
            services.append(None if _is_variable(term) else resolve(term))
    dataset = QueryDataset(tuple(default), tuple(named)) if default or named else None
    return _Analysis(dataset=dataset, services=tuple(services))


def _is_variable(term: Any) -> bool:
    from rdflib.term import Variable

    return isinstance(term, Variable)


def _walk(node: Any) -> Iterator[Any]:
    """Every CompValue in a parse tree, depth first (iterative: deep trees are fine)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, CompValue):
            yield current
            stack.extend(current.values())
        elif isinstance(current, ParseResults | list | tuple):
            stack.extend(current)
