"""Resource parameters of canned queries given by name: ``?country=Ukraine`` is ``…/id/country/UKR``.

A parameter whose namespace is one kind of this dataset's resources (``…/id/country/``) takes an IRI,
a key (``UKR``) or a name (a preferred or alternative label), matched as the search does; an unknown or
ambiguous name, and an IRI of no resource of the dataset, are a 400 naming the parameter.
"""

from __future__ import annotations

import re

from fastapi import Request

from ilo_kg.iris import Minter
from ilo_kg.queries import CannedQuery, Param
from ilo_kg.web.labels import Ambiguous, LabelIndex
from ilo_kg.web.responses import Problem
from ilo_kg.web.search import label_index
from ilo_kg.web.state import get_state

_ABSOLUTE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def kind_of(param: Param, base: str) -> str | None:
    """The kind of resource a parameter takes (``country``), when its namespace is one kind's."""
    if param.type != "iri" or not param.namespace:
        return None
    prefix = Minter(base).id_space
    if not param.namespace.startswith(prefix):
        return None
    kind = param.namespace[len(prefix) :].rstrip("/")
    return kind if kind and "/" not in kind else None


def _problem(param: Param, message: str) -> Problem:
    return Problem(400, f"parameter {param.name!r}: {message}")


def resolve_value(index: LabelIndex, param: Param, kind: str, raw: str) -> str:
    """The IRI a value denotes (the value itself when it is an IRI of a known resource)."""
    value = raw.strip()
    if not value:
        return raw
    if _ABSOLUTE.match(value) and "://" in value:
        if value.startswith(param.namespace or "") and value not in index.entries:
            raise _problem(param, f"unknown {kind} <{value}>: no such resource in this dataset")
        return value  # the namespace and syntax are checked when the query binds it
    try:
        entry = index.resolve(value, kind)
    except Ambiguous as exc:
        names = "; ".join(f"{e.label} ({e.key})" for e in exc.candidates[:6])
        raise _problem(
            param, f"ambiguous {kind} {value!r}: it could be {names}; give a key or an IRI"
        ) from None
    if entry is None:
        raise _problem(
            param,
            f"unknown {kind} {value!r}: no {kind} of this dataset has that name or key (see /id/{kind}/)",
        )
    return entry.iri


async def resolve_names(
    request: Request, query: CannedQuery, values: dict[str, list[str]]
) -> dict[str, list[str]]:
    """``values`` with the names of resource parameters replaced by their IRIs."""
    base: str = get_state(request).base
    wanted = {p.name: (p, kind) for p in query.params if (kind := kind_of(p, base))}
    if not any(name in wanted and len(v) == 1 for name, v in values.items()):
        return values
    index = await label_index(request)
    out = dict(values)
    for name, given in values.items():
        if name in wanted and len(given) == 1:
            param, kind = wanted[name]
            out[name] = [resolve_value(index, param, kind, given[0])]
    return out


def display_value(index: LabelIndex, param: Param, kind: str, value: str) -> str:
    """What a form shows for a value: the resource's name when that name finds it again, else its key."""
    entry = index.entries.get(value)
    if entry is None:
        return value
    try:
        again = index.resolve(entry.label, kind)
    except Ambiguous:
        again = None
    return entry.label if again is not None and again.iri == entry.iri else entry.key
