"""Sources that disagree, over time: every statement kept with its source and date, the newest plain.

Pages of different years say different things about the same resource: an office's country
count and coverage, a person's job title, a project's dates.  A page is never refused for it.
After every page is mapped (one named graph per page), this stage looks at the properties
that hold one current value (:data:`CURRENT`) and, where two source graphs state different
values for the same subject:

* the plain, standard term (``schema:jobTitle``, ``ilo:covers`` -> ``schema:areaServed``,
  ``ilo:countryCount``, ``schema:startDate``) stays only in the graph of the most recent source
  (sources ordered by :func:`page_date`, then by file name), so it holds what that source says;
* every source's statement, the newest's included, is kept in its own graph as an
  ``ilo:Claim`` (subject, property, value, the date of the source, ``dcterms:source``).

``ilo-kg stats`` lists these disagreements (:func:`disagreements`).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from rdflib import DCTERMS, RDF, XSD, Dataset, Literal, URIRef
from rdflib.term import Node

from ilo_kg.iris import ILO, SCHEMA, SKOS, Minter, slug
from ilo_kg.mapping.reference import page_source_iri
from ilo_kg.records import Page

__all__ = ["CURRENT", "Disagreement", "apply_claims", "disagreements", "page_date"]

CURRENT: tuple[URIRef, ...] = (
    SCHEMA.jobTitle,
    ILO.countryCount,
    ILO.covers,
    SCHEMA.startDate,
    SCHEMA.endDate,
)
"""Properties whose plain value is what the most recent source says."""

_YEAR = re.compile(r"\b(19[5-9]\d|20\d\d)\b")


def page_date(page: Page) -> date | None:
    """The date a page speaks from: its newest news item, else a year in its title, else None."""
    dates = [n.published for n in page.news if n.published is not None]
    if dates:
        return max(dates)
    years = [int(y) for y in _YEAR.findall(page.title)]
    return date(max(years), 1, 1) if years else None


@dataclass(frozen=True)
class Statement:
    graph: URIRef
    source_id: str
    when: date | None
    value: Node


@dataclass(frozen=True)
class Disagreement:
    """Sources that state different values of one property of one subject, oldest first."""

    subject: URIRef
    prop: URIRef
    statements: tuple[Statement, ...]

    @property
    def current(self) -> Statement:
        return self.statements[-1]

    def values_by_source(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for st in self.statements:
            out[st.source_id].append(str(st.value))
        return dict(out)


def _order(when: date | None, source_id: str) -> tuple[date, str]:
    return (when or date.min, source_id)


def disagreements(dataset: Dataset, pages: Iterable[Page], minter: Minter) -> list[Disagreement]:
    """Where page graphs state different values of a :data:`CURRENT` property of the same subject."""
    dated = {minter.source_graph(p.source_id): (p.source_id, page_date(p)) for p in pages}
    # a text in another language is a translation, not a disagreement: values are compared per language tag
    found: dict[tuple[URIRef, URIRef, str], list[Statement]] = defaultdict(list)
    for graph_iri, (source_id, when) in dated.items():
        graph = dataset.graph(graph_iri)
        for prop in CURRENT:
            for s, o in graph.subject_objects(prop):
                if isinstance(s, URIRef):
                    lang = (o.language or "") if isinstance(o, Literal) else ""
                    found[(s, prop, lang)].append(Statement(graph_iri, source_id, when, o))
    out: list[Disagreement] = []
    for (s, prop, _lang), statements in sorted(found.items()):
        per_source: dict[URIRef, set[Node]] = defaultdict(set)
        for st in statements:
            per_source[st.graph].add(st.value)
        if len(per_source) < 2 or len({frozenset(v) for v in per_source.values()}) < 2:
            continue  # one source, or every source says the same
        ordered = sorted(statements, key=lambda st: (*_order(st.when, st.source_id), str(st.value)))
        out.append(Disagreement(s, prop, tuple(ordered)))
    return out


def apply_claims(dataset: Dataset, pages: Iterable[Page], minter: Minter) -> list[Disagreement]:
    """Keep each disagreeing statement as a claim of its source; the plain term as the newest says."""
    pages = list(pages)
    found = disagreements(dataset, pages, minter)
    for d in found:
        newest = d.current
        newest_key = _order(newest.when, newest.source_id)
        for st in d.statements:
            graph = dataset.graph(st.graph)
            claim = URIRef(
                f"{d.subject}#claim-{slug(_local(d.prop))}-{st.source_id}-{slug(str(st.value))[:40]}"
            )
            graph.add((claim, RDF.type, ILO.Claim))
            graph.add((claim, SKOS.prefLabel, Literal(_label(d.prop, st), lang="en")))
            graph.add((claim, DCTERMS.source, page_source_iri(minter, st.source_id)))
            graph.add((claim, ILO.claimSubject, d.subject))
            graph.add((claim, ILO.claimProperty, d.prop))
            graph.add((claim, ILO.claimValue, st.value))
            if st.when is not None:
                graph.add((claim, ILO.statedOn, Literal(st.when.isoformat(), datatype=XSD.date)))
            if _order(st.when, st.source_id) != newest_key:
                graph.remove((d.subject, d.prop, st.value))
    return found


def _local(prop: URIRef) -> str:
    return str(prop).rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _label(prop: URIRef, st: Statement) -> str:
    when = st.when.isoformat() if st.when else "undated"
    return f"{_local(prop)} = {st.value} (source {st.source_id}, {when})"
