"""A lookup answered from the store's index: one triple pattern, read by ``quads_for_pattern`` and written as
SPARQL JSON byte for byte as the engine writes it.

A lookup (:func:`ilo_kg.safety.lookup`: a SELECT of one triple pattern, at most a LIMIT) asks the engine
for nothing but an index scan, yet the engine parses and plans the text first: on the bench's lookups that
is a third of the engine's time.  Here the pattern read by the checker's recogniser goes straight to the
index of the store's own default graph (a release: the distinct union of its graphs) and each quad read is
a row written, in the engine's JSON form.  Anything this does not write exactly as the engine does goes to
the engine (None is returned): a variable repeated in the pattern, a literal with a base direction, a
triple term, a store without its own default graph, an answer the row cap or the byte limit could cut.
``tests/unit/test_engine_pattern.py`` holds the two equal, byte for byte, on literals chosen to be awkward.
"""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Any

import pyoxigraph as ox

from ilo_kg.formats import XSD_STRING
from ilo_kg.safety import Lookup

__all__ = ["write_lookup"]

_DEFAULT = ox.DefaultGraph()
_text = encode_basestring
"""A JSON string as the engine writes one: UTF-8 as is, ``"``, ``\\`` and control characters escaped
(the C function behind ``json.dumps(..., ensure_ascii=False)``)."""

_MEMO_TERMS = 4096
_MEMO_TERM_CHARS = 256
_written: dict[Any, str] = {}
"""Terms already written, as they are written: the predicates and frequent objects of lookups repeat from
one lookup to the next.  Only terms of at most ``_MEMO_TERM_CHARS`` characters, ``_MEMO_TERMS`` of them at
most (the memo is emptied when full): a few MiB in all."""


class _NotHere(Exception):
    """A term this writer does not write as the engine does."""


def _term(term: Any) -> str:
    kind = type(term)
    if kind is ox.NamedNode:
        return '{"type":"uri","value":' + _text(term.value) + "}"
    if kind is ox.BlankNode:
        return '{"type":"bnode","value":' + _text(term.value) + "}"
    if kind is not ox.Literal or term.direction is not None:
        raise _NotHere
    value = _text(term.value)
    language = term.language
    if language:
        return '{"type":"literal","value":' + value + ',"xml:lang":' + _text(language) + "}"
    datatype = term.datatype.value
    if datatype == XSD_STRING:
        return '{"type":"literal","value":' + value + "}"
    return '{"type":"literal","value":' + value + ',"datatype":' + _text(datatype) + "}"


def _written_term(term: Any) -> str:
    """:func:`_term`, kept in the memo when short."""
    written = _written.get(term)
    if written is None:
        written = _term(term)
        if len(written) <= _MEMO_TERM_CHARS:
            if len(_written) >= _MEMO_TERMS:
                _written.clear()
            _written[term] = written
    return written


def write_lookup(store: ox.Store, found: Lookup, max_rows: int, max_body: int) -> bytes | None:
    """The SPARQL JSON answer of the lookup ``found`` on ``store``'s own default graph, or None when the
    engine must answer it: more rows than ``max_rows``, a body past ``max_body`` bytes (its writing
    stops there), or a term or pattern written here otherwise than by the engine."""
    s, p, o = found.pattern
    variables = [(name, place) for place, name in enumerate(found.pattern) if isinstance(name, str)]
    if len({name for name, _ in variables}) != len(variables):
        return None  # ?x ?p ?x: the engine joins the two places
    bound = dict(variables)
    names = found.projection if found.projection is not None else found.variables
    # each bound name's key (a variable's name needs no escaping) and its place in a quad; a name that is
    # not in the pattern is unbound: it has no key in any row
    cells = [('"' + name + '":', bound[name]) for name in names if name in bound]
    head = '{"head":{"vars":[' + ",".join('"' + name + '"' for name in names) + ']},"results":{"bindings":['
    limit = max_rows + 1 if found.limit is None else min(found.limit, max_rows + 1)
    quads = store.quads_for_pattern(
        s if not isinstance(s, str) else None,
        p if not isinstance(p, str) else None,
        o if not isinstance(o, str) else None,
        _DEFAULT,
    )
    # each row is written "{<key><term>,<key><term>}," and the last comma is taken off at the end
    parts = [head]
    size = len(head)
    count = 0
    term = _written_term
    try:
        for quad in quads:
            if count == limit:
                break
            row = "{" + ",".join([key + term(quad[at]) for key, at in cells]) + "},"
            size += len(row)  # characters: never more than the bytes they take in UTF-8
            if size > max_body:
                return None
            parts.append(row)
            count += 1
    except _NotHere:
        return None
    if count > max_rows:
        return None
    if count:
        parts[-1] = parts[-1][:-1]
    parts.append("]}}")
    body = "".join(parts).encode()
    return body if len(body) <= max_body else None
