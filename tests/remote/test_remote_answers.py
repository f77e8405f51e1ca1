"""Every canned query (each competency question) answers the same on Virtuoso as on the embedded store."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from remote_support import ID, ROOT

from ilo_kg.engine.contract import Result
from ilo_kg.queries import CannedQuery, load_catalogue

CATALOGUE = load_catalogue(ROOT / "queries")

# Parameter values of the competency tests (tests/unit/test_competency.py), besides each header's example.
EXTRA: dict[str, list[dict[str, str]]] = {
    "projects-active-on": [{"date": "2023-10-15"}, {"date": "2019-01-01"}],
    "projects-by-funder": [{"funder": "government-of-sweden"}],
    "country-timeline": [{"country": ID + "country/BGR"}, {"country": ID + "country/TJK"}],
    "office-for-country": [{"country": ID + "country/" + c} for c in ("RUS", "XKX", "ITA", "TUR", "DEU")],
    "projects-by-theme": [{"theme": "labour-migration"}, {"theme": "international-labour-standards"}],
}

# Engine corner cases found by these tests, reported for a portable rewrite of the .rq file
# (docs/deployment.md, "Portable queries"); strict, so the fix of the query makes them fail.
DIVERGES: dict[tuple[str, str], str] = {}


def cases() -> list[object]:
    out: list[object] = []
    for canned in CATALOGUE:
        for params in [canned.example_values(), *EXTRA.get(canned.name, [])]:
            label = "&".join(f"{k}={v}" for k, v in sorted(params.items()))
            marks = []
            reason = DIVERGES.get((canned.name, label))
            if reason:
                marks.append(pytest.mark.xfail(strict=True, reason=reason))
            out.append(pytest.param(canned, params, id=f"{canned.name}[{label}]", marks=marks))
    return out


def order_keys(canned: CannedQuery) -> list[str]:
    """Variables of the top-level ORDER BY, in order (empty when the query does not order)."""
    body = "\n".join(line for line in canned.text.splitlines() if not line.lstrip().startswith("#"))
    match = re.search(r"ORDER\s+BY\s+(.*?)(?:LIMIT|OFFSET|$)", body.rsplit("}", 1)[-1], re.S | re.I)
    return re.findall(r"\?(\w+)", match.group(1)) if match else []


def as_text(result: Result) -> list[tuple[str | None, ...]]:
    return [tuple(None if t is None else str(t) for t in row) for row in result.rows]


@pytest.mark.parametrize(("canned", "params"), cases())
def test_same_answers_as_the_embedded_store(kg, remote, canned: CannedQuery, params: dict[str, str]) -> None:
    bindings = canned.bind(params) or None
    here = kg.query(canned.text, bindings=bindings, max_rows=100000)
    there = remote.query(canned.text, bindings=bindings, max_rows=100000)
    assert there.kind == here.kind
    assert there.variables == here.variables
    assert there.boolean == here.boolean
    assert not there.truncated
    mine, theirs = as_text(here), as_text(there)
    missing = Counter(mine) - Counter(theirs)
    extra = Counter(theirs) - Counter(mine)
    assert not missing and not extra, f"embedded only: {sorted(missing)}\nVirtuoso only: {sorted(extra)}"
    keys = [here.variables.index(k) for k in order_keys(canned) if k in here.variables]
    if keys:  # ORDER BY matters: the sequence of sort keys must agree (ties may come in any order)
        assert [tuple(r[i] for i in keys) for r in theirs] == [tuple(r[i] for i in keys) for r in mine]


def test_every_canned_query_is_compared() -> None:
    assert len(CATALOGUE) >= 10
    assert {name for name, _ in DIVERGES} <= {q.name for q in CATALOGUE}
