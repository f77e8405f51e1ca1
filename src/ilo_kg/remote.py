"""The second engine behind the ``Store`` interface: a remote SPARQL 1.1 engine over HTTP.

A query is checked here before anything is sent (the service checks it too): only a
query form, no update, no SERVICE outside the allow-list, no FROM naming a graph the
dataset does not hold, and no extension-function call (Virtuoso runs ``bif:`` SQL
built-ins such as ``bif:http_get`` from SPARQL text).  Then the text is rewritten at
the token level, never by pasting request values:

* the dataset, always spelled out: ``FROM``/``FROM NAMED`` for each graph of the published
  dataset (or the ones the query or the protocol name), so that the default graph is their
  union, as in the embedded store (Virtuoso's own default graph also holds its system graphs
  and graphs a publish is staging, and ``FROM`` without ``FROM NAMED`` lets ``GRAPH ?g``
  reach every graph it holds);
* bindings: a ``VALUES`` block, made only of validated variable names and terms
  serialised here (N-Triples escaping), opening the WHERE group, so that FILTERs and
  OPTIONALs of the group see the bound value, as with Oxigraph's substitutions;
* the row cap: ``LIMIT max_rows + 1`` (or the query's own smaller LIMIT).

Where those go is found by a SPARQL tokeniser and then checked, once per query text, by
rdflib's parser on the text rewritten with probe values (:func:`_plan`); a query whose
rewrite does not parse as intended is refused.

The time limit goes to the engine (Virtuoso's ``timeout`` parameter, in ms: the engine
stops the query and flags the answer ``X-SQL-State: S1TAT``) and is enforced here too:
the whole answer must arrive within it, or :class:`QueryTimeout`.  Answers are parsed by
pyoxigraph (SPARQL JSON results, N-Triples), so ``Result`` holds the same terms as the
embedded store's.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import httpx
import pyoxigraph as ox

from ilo_kg.config import Settings
from ilo_kg.safety import QueryRefused, QuerySyntaxError, check_query
from ilo_kg.store import BindingError, EngineError, QueryTimeout, Result, ResultKind, Term, UnknownGraph

__all__ = ["RemoteStore", "deployment_graph", "engine_url", "term_text"]

XSD = "http://www.w3.org/2001/XMLSchema#"
DCTERMS = "http://purl.org/dc/terms/"
_GRACE_S = 0.5  # network slack on top of the time limit before we give up on the engine
GRAPHS_TTL_S = 30.0  # how long the list of live graphs is trusted before the engine is asked again
_TOKEN = re.compile(
    r"""(?P<ws>\s+)|(?P<comment>\#[^\r\n]*)|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
    |(?P<string>\"\"\"(?:(?:\"|\"\")?(?:[^"\\]|\\.))*\"\"\"|'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''
       |"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
    |(?P<word>(?:[^\s{}()\[\]<>"'\#,;=!&|+*/\\^]|\\.)+)|(?P<punct>.)""",
    re.VERBOSE | re.DOTALL,
)
_VARNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_LANG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_IRI_CHARS = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^<>\"{}|^`\\\x00-\x20]*$")
_ECHAR = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_FORMS: dict[str, ResultKind] = {
    "SELECT": "select",
    "ASK": "ask",
    "CONSTRUCT": "construct",
    "DESCRIBE": "construct",
}
_AFTER_WHERE = {"GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES"}


def engine_url(engine: str) -> str:
    """``sparql+http(s)://[user:pw@]host:port/path`` -> the query endpoint's HTTP URL, without user info."""
    if not engine.startswith(("sparql+http://", "sparql+https://")):
        raise ValueError(f"not a remote engine URL (sparql+http://... or sparql+https://...): {engine!r}")
    parts = urlsplit(engine.removeprefix("sparql+"))
    if not parts.hostname:
        raise ValueError(f"no host in the engine URL {engine!r}")
    netloc = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit((parts.scheme, netloc, parts.path or "/sparql", parts.query, ""))


def deployment_graph(base_iri: str) -> str:
    """The small graph in the engine naming the live version and graphs (written by the publish)."""
    return base_iri + "graph/deployment"


# --- RDF terms as SPARQL text -----------------------------------------------------------------


def _iri_text(iri: str) -> str:
    if not _IRI_CHARS.match(iri):
        raise BindingError(f"not an absolute IRI that can be written in SPARQL: {iri!r}")
    return f"<{iri}>"


def term_text(term: Term) -> str:
    """N-Triples/SPARQL text of a bindable term; one token whatever the value holds."""
    if isinstance(term, ox.NamedNode):
        return _iri_text(term.value)
    if isinstance(term, ox.Literal):
        if "\x00" in term.value:
            raise BindingError("a literal holding U+0000 cannot be sent to the engine")
        body = "".join(
            _ECHAR.get(c) or (f"\\u{ord(c):04X}" if ord(c) < 0x20 or ord(c) == 0x7F else c)
            for c in term.value
        )
        if term.language:
            if not _LANG.match(term.language):
                raise BindingError(f"not a language tag: {term.language!r}")
            return f'"{body}"@{term.language}'
        if term.datatype.value == XSD + "string":
            return f'"{body}"'
        return f'"{body}"^^{_iri_text(term.datatype.value)}'
    kind = "a blank node" if isinstance(term, ox.BlankNode) else "a quoted triple"
    raise BindingError(f"cannot bind {kind} on a remote engine: bind an IRI or a literal")


def _kinds(text: str) -> list[str]:
    return [m.lastgroup or "punct" for m in _TOKEN.finditer(text) if m.lastgroup != "ws"]


def _values_block(bindings: Sequence[tuple[str, Term]]) -> str:
    names = [name for name, _ in bindings]
    for name in names:
        if not _VARNAME.match(name):
            raise BindingError(f"not a variable name: {name!r}")
    terms = [term_text(term) for _, term in bindings]
    expected = ["word", "punct", *(["word"] * len(names)), "punct", "punct", "punct"]
    for text in terms:
        # Proof obligation: a term reads back as one IRI, or one string (ending where it was
        # written to end) with its language tag or ^^ and datatype IRI; nothing can leak out.
        kinds = _kinds(text)
        first = _TOKEN.match(text)
        # the string token must end at the last quote written (tag and datatype hold none)
        whole_string = (
            first is not None and first.lastgroup == "string" and first.end() == text.rfind('"') + 1
        )
        if kinds not in (["iri"], ["string"], ["string", "word"], ["string", "punct", "punct", "iri"]) or (
            kinds[0] == "string" and not whole_string
        ):
            raise BindingError("internal error: a bound value did not serialise to a single RDF term")
        expected.extend(kinds)
    expected.extend(["punct", "punct"])
    block = f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(terms)}) }} "
    if _kinds(block) != expected:
        raise BindingError("internal error: the VALUES block does not read back as written")
    return block


# --- the query text, as tokens ---------------------------------------------------------------


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    start: int
    end: int
    depth: int  # brace depth before the token; parentheses count too, as ``parens``
    parens: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else ""


@dataclass(frozen=True)
class _Shape:
    form: str  # SELECT, ASK, CONSTRUCT, DESCRIBE
    form_at: int  # index in tokens
    group_open: int | None  # index of the WHERE group's "{"
    group_close: int | None
    dataset_at: int  # character offset where FROM clauses go
    dataset_spans: tuple[tuple[int, int], ...]  # character spans of the text's own FROM clauses
    tokens: tuple[_Tok, ...]


@lru_cache(maxsize=512)
def _shape(text: str) -> _Shape:
    tokens: list[_Tok] = []
    depth = parens = 0
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup or "punct"
        if kind in ("ws", "comment"):
            continue
        tok = _Tok(kind, m.group(), m.start(), m.end(), depth, parens)
        tokens.append(tok)
        if kind == "punct":
            depth += {"{": 1, "}": -1}.get(tok.text, 0)
            parens += {"(": 1, ")": -1}.get(tok.text, 0)
    i = 0
    while i < len(tokens) and tokens[i].upper in ("PREFIX", "BASE"):
        i += 3 if tokens[i].upper == "PREFIX" else 2
    if i >= len(tokens) or tokens[i].upper not in _FORMS:
        found = tokens[i].text if i < len(tokens) else "nothing"
        raise QueryRefused(f"only SELECT, ASK, CONSTRUCT and DESCRIBE are allowed here (found {found!r})")
    form = tokens[i].upper
    j = i + 1
    if form == "CONSTRUCT" and j < len(tokens) and tokens[j].text == "{":
        j = _close(tokens, j) + 1  # skip the template
    open_at = next(
        (
            k
            for k in range(j, len(tokens))
            if tokens[k].text == "{" and tokens[k].depth == 0 and not tokens[k].parens
        ),
        None,
    )
    close_at = _close(tokens, open_at) if open_at is not None else None
    spans: list[tuple[int, int]] = []
    end = open_at if open_at is not None else len(tokens)
    k = j
    while k < end:
        if tokens[k].upper == "FROM":
            last = k + 2 if k + 1 < end and tokens[k + 1].upper == "NAMED" else k + 1
            spans.append((tokens[k].start, tokens[last].end))
            k = last
        k += 1
    if open_at is not None:
        before = tokens[open_at - 1]
        dataset_at = before.start if before.upper == "WHERE" else tokens[open_at].start
    else:  # DESCRIBE <x> without a WHERE clause
        after = next((t for t in tokens[j:] if t.upper in _AFTER_WHERE), None)
        dataset_at = after.start if after is not None else len(text)
    return _Shape(form, i, open_at, close_at, dataset_at, tuple(spans), tuple(tokens))


def _close(tokens: Sequence[_Tok], open_at: int) -> int:
    depth = tokens[open_at].depth
    for k in range(open_at + 1, len(tokens)):
        if tokens[k].text == "}" and tokens[k].depth == depth + 1:
            return k
    raise QuerySyntaxError("unbalanced braces")


_PROBE = "urn:ilo-kg:probe"
_NO_GRAPH = "urn:ilo-kg:no-graph"
_PROBE_LIMIT = 987654321


@dataclass(frozen=True)
class _Plan:
    shape: _Shape
    projection: tuple[str, ...] | None  # None: SELECT * (or not a SELECT)
    functions: tuple[str, ...]  # extension-function IRIs the query calls


@lru_cache(maxsize=1024)
def _plan(text: str, names: tuple[str, ...], with_dataset: bool, with_limit: bool) -> _Plan:
    """Where the rewrite goes, checked once per text with a real SPARQL parser (rdflib).

    The text is rewritten with probe values at the places the tokeniser found, parsed, and
    the parse must show exactly the probe dataset, the probe VALUES opening the WHERE group
    and a LIMIT no larger than the probe's; the places do not depend on the values, and each
    value is one self-delimiting token, so the real rewrite is then what the parse showed.
    """
    from rdflib.plugins.sparql import parser
    from rdflib.plugins.sparql.algebra import translatePrologue

    from ilo_kg.safety import _walk

    shape = _shape(text)
    probe = _rewrite(
        text,
        shape,
        dataset=([_PROBE + "#default"], [_PROBE + "#named"]) if with_dataset else None,
        bindings=tuple((n, ox.NamedNode(_PROBE)) for n in names),
        limit=_PROBE_LIMIT if with_limit else None,
    )
    try:
        tree = parser.parseQuery(probe)
    except Exception as exc:  # pyparsing's ParseException, or a grammar action failing on odd input
        raise QueryRefused(
            f"the query uses syntax this endpoint cannot check before sending: {exc}"
        ) from None
    prologue = translatePrologue(tree[0], None)
    body = tree[1]
    problems = []
    if with_dataset:
        found = [
            (key, str(prologue.absolutize(clause[key])))
            for clause in body.get("datasetClause") or ()
            for key in ("default", "named")
            if key in clause
        ]
        if found != [("default", _PROBE + "#default"), ("named", _PROBE + "#named")]:
            problems.append("dataset")
    if names:
        parts = list(body["where"].get("part") or ()) if body.get("where") is not None else []
        first: Any = parts[0] if parts else None
        if getattr(first, "name", "") != "InlineData" or [str(v) for v in first["var"]] != list(names):
            problems.append("bindings")
    if with_limit and shape.group_close is not None:
        limit = (body.get("limitoffset") or {}).get("limit")
        if limit is None or int(limit) > _PROBE_LIMIT:
            problems.append("row cap")
    if problems:
        raise QueryRefused(
            "this query cannot be prepared safely for the remote engine (" + ", ".join(problems) + "); "
            "write it without unusual lexical forms (e.g. put spaces around '<' comparisons)"
        )
    projection = None
    if body.name == "SelectQuery" and body.get("projection"):
        projection = tuple(str(p["evar"] if "evar" in p else p["var"]) for p in body["projection"])
    functions = tuple(
        str(prologue.absolutize(node["iri"]))
        for node in _walk(body)
        if getattr(node, "name", "") == "Function"
    )
    return _Plan(shape, projection, functions)


def _rewrite(
    text: str,
    shape: _Shape,
    *,
    dataset: tuple[Sequence[str], Sequence[str]] | None,
    bindings: Sequence[tuple[str, Term]],
    limit: int | None,
) -> str:
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement), applied right to left
    toks = shape.tokens
    if dataset is not None:
        edits.extend((a, b, "") for a, b in shape.dataset_spans)
        # an empty list still needs one clause, or the engine picks its own graphs: name no graph
        clauses = [f"FROM {_iri_text(g)}" for g in dataset[0] or [_NO_GRAPH]]
        clauses += [f"FROM NAMED {_iri_text(g)}" for g in dataset[1] or [_NO_GRAPH]]
        edits.append((shape.dataset_at, shape.dataset_at, "\n" + "\n".join(clauses) + "\n"))
    if bindings:
        if shape.group_open is None or shape.group_close is None:
            raise BindingError("cannot bind parameters of a query without a WHERE clause")
        block = _values_block(bindings)
        opening, closing = toks[shape.group_open], toks[shape.group_close]
        if shape.form == "CONSTRUCT" and toks[shape.form_at + 1].text != "{":  # CONSTRUCT WHERE { T }
            template = text[opening.start : closing.end]
            edits.append((toks[shape.form_at].end, toks[shape.form_at].end, " " + template))
        if toks[shape.group_open + 1].upper == "SELECT":  # WHERE { SELECT ... }: join with the subquery
            edits.append((opening.end, opening.end, block + "{ "))
            edits.append((closing.start, closing.start, " } "))
        else:
            edits.append((opening.end, opening.end, block))
    if limit is not None and shape.group_close is not None:
        tail = toks[shape.group_close + 1 :]
        own = next((k for k, t in enumerate(tail) if t.upper == "LIMIT" and t.depth == 0), None)
        if own is not None and own + 1 < len(tail) and tail[own + 1].text.isdigit():
            number = tail[own + 1]
            edits.append((number.start, number.end, str(min(int(number.text), limit))))
        else:
            values = next((t for t in tail if t.upper == "VALUES" and t.depth == 0), None)
            at = values.start if values is not None else len(text)
            edits.append((at, at, f"\nLIMIT {limit}\n"))
    out = text
    for start, end, new in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
        out = out[:start] + new + out[end:]
    return out


# --- the store ---------------------------------------------------------------------------------


class RemoteStore:
    """A SPARQL 1.1 Protocol endpoint behind the ``Store`` interface (read-only)."""

    def __init__(
        self,
        url: str,
        *,
        base_iri: str,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        service_allowlist: Sequence[str] = (),
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.url = engine_url(url) if url.startswith("sparql+") else url
        self._registry = deployment_graph(base_iri)
        self._base_iri = base_iri
        self._timeout_s = timeout_s
        self._max_rows = max_rows
        self._allowlist = tuple(service_allowlist)
        self._client = httpx.Client(
            transport=transport, timeout=httpx.Timeout(timeout_s + _GRACE_S, connect=5.0)
        )
        self._graphs: tuple[str, ...] | None = None
        self._graphs_at = 0.0
        self._version: str | None = None
        self._count: int | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, *, transport: httpx.BaseTransport | None = None
    ) -> RemoteStore:
        return cls(
            settings.engine,
            base_iri=settings.base_iri,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
            service_allowlist=settings.service_allowlist,
            transport=transport,
        )

    def refresh(self) -> None:
        """Re-read which graphs are live (after a publish); the next call sees the new version."""
        self._graphs = None
        self._count = None

    def graphs(self) -> tuple[str, ...]:
        """The live named graphs: as the deployment graph lists them, else the engine's under the base."""
        if self._graphs is None or time.monotonic() - self._graphs_at > GRAPHS_TTL_S:
            registry = _iri_text(self._registry)
            rows = self._select(f"SELECT ?p ?o WHERE {{ GRAPH {registry} {{ {registry} ?p ?o }} }}")
            listed = sorted(o.value for p, o in rows if p.value == DCTERMS + "hasPart" and o is not None)
            version = next((o.value for p, o in rows if p.value == DCTERMS + "hasVersion" and o), None)
            if not listed:
                found = self._select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
                prefix = self._base_iri + "graph/"
                listed = sorted(
                    g.value
                    for (g,) in found
                    if isinstance(g, ox.NamedNode) and g.value.startswith(prefix) and "?" not in g.value
                )
                listed = [g for g in listed if g != self._registry]
            if tuple(listed) != self._graphs or version != self._version:
                self._count = None  # another publish: the cached count is stale
            self._graphs, self._version, self._graphs_at = tuple(listed), version, time.monotonic()
        return self._graphs

    @property
    def version(self) -> str | None:
        """The dataset version the engine serves (from the deployment graph), None if unknown."""
        self.graphs()
        return self._version

    def triple_count(self) -> int:
        """Number of quads in the live graphs."""
        if self._count is None:
            rows = self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }", max_rows=1)
            first = rows.rows[0][0] if rows.rows else None
            self._count = int(first.value) if isinstance(first, ox.Literal) else 0
        return self._count

    def query(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
    ) -> Result:
        """Run one query on the engine with the embedded store's semantics (see the module doc)."""
        graphs = self.graphs()
        checked = check_query(text, known_graphs=graphs, service_allowlist=self._allowlist)
        bound = _checked_bindings(bindings)
        shape = _shape(text)
        kind = _FORMS[shape.form]
        plan = _plan(text, tuple(n for n, _ in bound), True, kind == "select")
        projection = plan.projection
        foreign = sorted({f for f in plan.functions if not f.startswith(XSD)})
        if foreign:
            listed = ", ".join(f"<{f}>" for f in foreign)
            raise QueryRefused(f"extension functions are not allowed on this endpoint: {listed}")
        for what, iris in (("default graph", default_graphs), ("named graph", named_graphs)):
            unknown = [g for g in iris or () if g not in graphs]
            if unknown:
                listed = ", ".join(f"<{g}>" for g in unknown)
                raise UnknownGraph(f"unknown {what} {listed}: the dataset holds no such graph")
        if projection is not None:
            missing = [name for name, _ in bound if name not in projection]
            if missing:
                raise BindingError(
                    "cannot bind parameters: "
                    + ", ".join("?" + m for m in missing)
                    + " not in the SELECT projection"
                )
        # The dataset is always spelled out: Virtuoso lets GRAPH ?g reach every graph it holds when
        # a query names FROM but no FROM NAMED (tested), where SPARQL (and Oxigraph) give none.
        own = checked.dataset
        dataset = (
            default_graphs if default_graphs is not None else (own.default if own else graphs),
            named_graphs if named_graphs is not None else (own.named if own else graphs),
        )
        cap = self._max_rows if max_rows is None else max_rows
        sent = _rewrite(
            text, shape, dataset=dataset, bindings=bound, limit=cap + 1 if kind == "select" else None
        )
        limit_s = self._timeout_s if timeout_s is None else timeout_s
        return self._run(sent, kind, cap, limit_s)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> RemoteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- HTTP ----------------------------------------------------------------------------------

    def _select(self, text: str) -> list[tuple[Any, ...]]:
        result = self._run(text, "select", 1_000_000, max(self._timeout_s, 30.0))
        return [tuple(row) for row in result.rows]

    def _run(self, text: str, kind: ResultKind, cap: int, limit_s: float) -> Result:
        accept = "application/n-triples" if kind == "construct" else "application/sparql-results+json"
        form = {"query": text, "timeout": str(max(1, int(limit_s * 1000)))}
        started = time.monotonic()
        deadline = started + limit_s + _GRACE_S
        try:
            with self._client.stream(
                "POST", self.url, data=form, headers={"Accept": accept}, timeout=limit_s + _GRACE_S
            ) as response:
                if response.status_code != 200:
                    message = _read(response, deadline).decode("utf-8", "replace")
                    raise _engine_error(response.status_code, message, limit_s, time.monotonic() - started)
                if response.headers.get("x-sql-state") == "S1TAT":
                    raise QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped")
                engine_cut = "x-sparql-maxrows" in response.headers
                if kind == "construct":
                    return _triples(_lines(response, deadline), cap, engine_cut)
                body = _read(response, deadline)
        except httpx.TimeoutException:
            raise QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped") from None
        except httpx.HTTPError as exc:
            raise EngineError(f"the SPARQL engine at {self.url} cannot be reached: {exc}") from None
        return _solutions(body, cap, engine_cut)


def _checked_bindings(bindings: Mapping[str, Term] | None) -> tuple[tuple[str, Term], ...]:
    out: list[tuple[str, Term]] = []
    for name, term in (bindings or {}).items():
        if not isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode | ox.Triple):
            raise BindingError(f"parameter {name!r} must be bound to an RDF term, not {type(term).__name__}")
        out.append((name.removeprefix("?").removeprefix("$"), term))
    return tuple(out)


def _read(response: httpx.Response, deadline: float) -> bytes:
    chunks = []
    for chunk in response.iter_bytes():
        chunks.append(chunk)
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the answer did not arrive within the time limit")
    return b"".join(chunks)


def _lines(response: httpx.Response, deadline: float) -> Iterator[str]:
    for line in response.iter_lines():
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the answer did not arrive within the time limit")
        yield line


def _engine_error(status: int, body: str, limit_s: float, elapsed_s: float) -> Exception:
    first = body.strip().splitlines()[0] if body.strip() else f"HTTP {status}"
    # Virtuoso: S1TAT/SR171 name the timeout; an interrupted sort reports SR177 at the limit
    interrupted = "SR177" in body and elapsed_s >= 0.9 * limit_s
    if interrupted or any(code in body for code in ("S1TAT", "SR171", "timed out", "Timeout")):
        return QueryTimeout(f"the query passed its time limit of {limit_s:g} s and was stopped ({first})")
    if any(code in body for code in ("SP030", "SP031", "37000")) or status == 400:
        return EngineError(f"the SPARQL engine refused the query: {first}")
    return EngineError(f"the SPARQL engine failed (HTTP {status}): {first}")


def _solutions(body: bytes, cap: int, engine_cut: bool) -> Result:
    try:
        answer = ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)
    except (SyntaxError, ValueError) as exc:
        raise EngineError(f"the SPARQL engine sent an unreadable answer: {exc}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer))
    names = tuple(v.value for v in answer.variables)
    rows: list[tuple[Term | None, ...]] = []
    for solution in answer:
        if len(rows) == cap:
            return Result(kind="select", variables=names, rows=tuple(rows), truncated=True)
        rows.append(tuple(solution[i] for i in range(len(names))))
    return Result(kind="select", variables=names, rows=tuple(rows), truncated=engine_cut)


def _triples(lines: Iterator[str], cap: int, engine_cut: bool) -> Result:
    kept: list[str] = []
    truncated = engine_cut
    for line in lines:
        if not line.strip():
            continue
        if len(kept) == cap:
            truncated = True
            break
        kept.append(line)
    try:
        quads = ox.parse("\n".join(kept).encode(), format=ox.RdfFormat.N_TRIPLES)
        triples = tuple(q.triple for q in quads)
    except SyntaxError as exc:
        raise EngineError(f"the SPARQL engine sent unreadable N-Triples: {exc}") from None
    return Result(kind="construct", triples=triples, truncated=truncated)
