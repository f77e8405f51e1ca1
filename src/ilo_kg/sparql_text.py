"""SPARQL query text as tokens, and the token-level rewrite the remote engine is sent.

A small SPARQL tokeniser finds where a query's dataset (``FROM``/``FROM NAMED``), its
bindings (a ``VALUES`` block opening the WHERE group) and its row cap (``LIMIT``) go
(:func:`_shape`); :func:`_rewrite` puts them there, made only of validated variable names
and terms serialised here (:func:`term_text`, N-Triples escaping), never pasted request
values; :func:`_plan` checks, once per query text, with rdflib's parser on the text
rewritten with probe values, that the rewrite parses as intended.  Used by
:mod:`ilo_kg.engine.remote`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pyoxigraph as ox

from ilo_kg.engine.contract import BindingError, ResultKind, Term
from ilo_kg.safety import QueryRefused, QuerySyntaxError

__all__ = ["XSD", "inline_constants", "term_text"]

XSD = "http://www.w3.org/2001/XMLSchema#"
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


def _term_kinds(text: str) -> list[str]:
    """The token kinds of a written term, which must read back as exactly one RDF term.

    Proof obligation: a term reads back as one IRI, or one string (ending where it was
    written to end) with its language tag or ^^ and datatype IRI; nothing can leak out.
    """
    kinds = _kinds(text)
    first = _TOKEN.match(text)
    # the string token must end at the last quote written (tag and datatype hold none)
    whole_string = first is not None and first.lastgroup == "string" and first.end() == text.rfind('"') + 1
    if kinds not in (["iri"], ["string"], ["string", "word"], ["string", "punct", "punct", "iri"]) or (
        kinds[0] == "string" and not whole_string
    ):
        raise BindingError("internal error: a bound value did not serialise to a single RDF term")
    return kinds


def inline_constants(text: str, bindings: Sequence[tuple[str, Term]]) -> str | None:
    """The query with each bound variable of its WHERE group written as the term itself.

    Engines plan a constant far better than a substitution or a VALUES join (Oxigraph picks
    index lookups from it: a canned query with a bound IRI runs up to 40x faster).  Every
    ``?name`` of the WHERE group becomes the term's text (one validated token, see
    :func:`term_text`) and ``BIND(term AS ?name)`` opens the group, so the projection, the
    solution order and the answers are those of the substitution.  None when that cannot be
    done safely: no WHERE group, the group is a lone subquery, or a bound variable is used
    inside a subquery (where it is another variable); the caller then substitutes.
    """
    if not bindings:
        return text
    written: dict[str, str] = {}
    for name, term in bindings:
        if not _VARNAME.match(name):
            raise BindingError(f"not a variable name: {name!r}")
        term_written = term_text(term)
        _term_kinds(term_written)
        written[name] = term_written
    plan = _inline_plan(text, tuple(written))
    if plan is None:
        return None
    places, opened = plan
    binds = "".join(f" BIND({term} AS ?{name})" for name, term in written.items())
    edits = [(start, end, written[name]) for start, end, name in places]
    edits.append((opened, opened, binds))
    out = text
    for start, end, new_text in sorted(edits, reverse=True):
        out = out[:start] + new_text + out[end:]
    return out


@lru_cache(maxsize=512)
def _inline_plan(text: str, names: tuple[str, ...]) -> tuple[tuple[tuple[int, int, str], ...], int] | None:
    """Where :func:`inline_constants` writes the terms of ``names`` in ``text``: the spans of the
    variables (start, end, name) and the offset just inside the WHERE group's brace; None when it cannot
    (the same for every value of the same parameters: a canned query is planned once)."""
    try:
        shape = _shape(text)
    except (QueryRefused, QuerySyntaxError):
        return None
    if shape.group_open is None or shape.group_close is None:
        return None
    toks = shape.tokens
    if toks[shape.group_open + 1].upper == "SELECT":
        return None
    wanted = set(names)
    places: list[tuple[int, int, str]] = []
    subquery_until = -1  # index of the closing brace of the subquery being skipped
    for k in range(shape.group_open + 1, shape.group_close):
        tok = toks[k]
        if k <= subquery_until:
            if tok.kind == "word" and tok.text[1:] in wanted and tok.text[:1] in "?$":
                return None  # the name is another variable in there
            continue
        if tok.upper == "SELECT":
            opening = max(
                j
                for j in range(shape.group_open, k)
                if toks[j].text == "{" and toks[j].depth == tok.depth - 1
            )
            subquery_until = _close(toks, opening)
            continue
        if tok.kind == "word" and tok.text[:1] in "?$" and tok.text[1:] in wanted:
            places.append((tok.start, tok.end, tok.text[1:]))
    return tuple(places), toks[shape.group_open].end


def _values_block(bindings: Sequence[tuple[str, Term]]) -> str:
    names = [name for name, _ in bindings]
    for name in names:
        if not _VARNAME.match(name):
            raise BindingError(f"not a variable name: {name!r}")
    terms = [term_text(term) for _, term in bindings]
    expected = ["word", "punct", *(["word"] * len(names)), "punct", "punct", "punct"]
    for text in terms:
        expected.extend(_term_kinds(text))
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
    if body.name == "SelectQuery" and "projection" in body:  # (CompValue.get gives the key when absent)
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
