"""The summary card a resource page opens with, per kind: what a reader wants first.

A project: its dates, countries (on a map), funders, partners, staff, figures and a timeline of its news;
a country: its office, projects, news and ratifications; an office: its coverage map, staff and projects;
a person: roles over time. Each part is one query with the resource bound as ``?r`` (never spliced).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pyoxigraph as ox

from ilo_kg.describe import Description, text_of
from ilo_kg.engine.contract import Term
from ilo_kg.iris import ONTOLOGY_IRI
from ilo_kg.web.labels import LabelIndex
from ilo_kg.web.responses import run_async
from ilo_kg.web.state import AppState

ILO = ONTOLOGY_IRI + "#"
SCHEMA = "https://schema.org/"
PREFIXES = f"""PREFIX schema: <{SCHEMA}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX ilo: <{ILO}>
"""

NEWS_AND_EVENTS = (
    PREFIXES
    + """SELECT DISTINCT ?r ?item ?date ?text ?kind WHERE {
  { ?item a schema:NewsArticle ; schema:datePublished ?date ; schema:headline ?text .
    { ?item schema:about ?r } UNION { ?item schema:mentions ?r } BIND("news" AS ?kind) }
  UNION
  { ?item a schema:Event ; schema:startDate ?date ; skos:prefLabel ?text .
    { ?item schema:location ?r } UNION { ?item schema:about ?r } UNION { ?item ilo:project ?r }
    UNION { ?item ilo:ratifyingCountry ?r } UNION { ?item ilo:convention ?r } BIND("event" AS ?kind) }
} ORDER BY ?date ?text"""
)
PROJECTS_IN = (
    PREFIXES
    + """SELECT DISTINCT ?r ?project ?start ?end WHERE {
  ?project a schema:Project .
  { ?project schema:areaServed ?r } UNION { ?project ilo:managedBy ?r } UNION { ?project schema:funder ?r }
  UNION { ?project ilo:partner ?r } UNION { ?project dcterms:subject ?r } UNION { ?project ilo:staff ?r }
  OPTIONAL { ?project schema:startDate ?start } OPTIONAL { ?project schema:endDate ?end }
} ORDER BY ?start"""
)
OFFICES_OF = (
    PREFIXES
    + """SELECT DISTINCT ?r ?office ?country WHERE {
  ?office a ilo:Office ; schema:areaServed ?r . ?office schema:areaServed ?country .
}"""
)
COVERAGE = PREFIXES + """SELECT DISTINCT ?r ?country WHERE { ?r schema:areaServed ?country }"""
RATIFICATIONS = (
    PREFIXES
    + """SELECT DISTINCT ?r ?event ?country ?convention ?date ?rank WHERE {
  ?event a ilo:Ratification ; ilo:ratifyingCountry ?country ; ilo:convention ?convention .
  OPTIONAL { ?event schema:startDate ?date } OPTIONAL { ?event ilo:ratificationRank ?rank }
  FILTER(?country = ?r || ?convention = ?r)
} ORDER BY ?date"""
)
ROLES = (
    PREFIXES
    + """SELECT DISTINCT ?r ?m ?person ?org ?title ?date ?source WHERE {
  ?m a org:Membership .
  { ?m org:member ?r . BIND(?r AS ?person) OPTIONAL { ?m org:organization ?org } }
  UNION { ?m org:organization ?r ; org:member ?person . BIND(?r AS ?org) }
  OPTIONAL { ?m org:role/skos:prefLabel ?title }
  OPTIONAL { ?m ilo:asOf ?date }
  OPTIONAL { ?m dcterms:source ?source }
} ORDER BY ?date ?title"""
)
COORDINATORS = PREFIXES + """SELECT DISTINCT ?r ?person WHERE { ?person ilo:nationalCoordinatorIn ?r }"""
FIGURES = PREFIXES + """SELECT DISTINCT ?p WHERE { ?p rdfs:subPropertyOf+ ilo:figure }"""


@dataclass
class Card:
    """What the summary shows: facts (name, links or text), lists, a map and a timeline."""

    facts: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    lists: list[tuple[str, list[dict[str, Any]]]] = field(default_factory=list)
    map: dict[str, dict[str, Any]] | None = None
    map_title: str = ""
    timeline: list[dict[str, Any]] | None = None
    timeline_title: str = ""

    def fact(self, name: str, values: list[dict[str, Any]]) -> None:
        if values:
            self.facts.append((name, values))

    def add_list(self, name: str, values: list[dict[str, Any]]) -> None:
        if values:
            self.lists.append((name, values))


def txt(row: dict[str, Term], name: str) -> str:
    """The lexical form of a row's value ("" when unbound)."""
    return text_of(row.get(name))


class Context:
    def __init__(self, state: AppState, index: LabelIndex, d: Description) -> None:
        self.state, self.index, self.d = state, index, d
        self.node = ox.NamedNode(d.iri)

    async def rows(self, text: str, bound: bool = True) -> list[dict[str, Term]]:
        result = await run_async(self.state, text, bindings={"r": self.node} if bound else None)
        return [
            {v: t for v, t in zip(result.variables, row, strict=True) if t is not None} for row in result.rows
        ]

    def link(self, term: Term, extra: str = "") -> dict[str, Any]:
        if isinstance(term, ox.NamedNode):
            label = self.index.label(term.value) or next(
                (s.value_label for s in self.d.outgoing if s.value == term and s.value_label), None
            )
            return {"href": self.state.local(term.value), "text": label or term.value, "extra": extra}
        return {"text": term.value if isinstance(term, ox.Literal) else str(term), "extra": extra}

    def values(self, *predicates: str) -> list[Term]:
        wanted = set(predicates)
        return list(dict.fromkeys(s.value for s in self.d.outgoing if s.predicate in wanted))

    def links(self, *predicates: str) -> list[dict[str, Any]]:
        return sorted(
            (self.link(t) for t in self.values(*predicates)), key=lambda x: str(x["text"]).casefold()
        )

    def texts(self, *predicates: str) -> list[dict[str, Any]]:
        return [{"text": t.value} for t in self.values(*predicates) if isinstance(t, ox.Literal)]

    def country(
        self, term: Term, group: str | None = None, details: list[str] | None = None
    ) -> tuple[str, dict[str, Any]] | None:
        if not isinstance(term, ox.NamedNode) or "/id/country/" not in term.value:
            return None
        code = term.value.rsplit("/", 1)[1]
        label = self.index.label(term.value) or code
        return code, {
            "label": label,
            "href": self.state.local(term.value),
            "group": group,
            "details": details or [],
        }

    def item(self, n: int, row: dict[str, Term], thing: str, text: str) -> dict[str, Any]:
        start = row.get("date") or row.get("start")
        entry: dict[str, Any] = {
            "id": n,
            "content": text if len(text) <= 70 else text[:67] + "…",
            "title": text,
            "start": start.value[:10] if isinstance(start, ox.Literal) else None,
        }
        end = row.get("end")
        if isinstance(end, ox.Literal) and entry["start"] and end.value[:10] > entry["start"]:
            entry["end"] = end.value[:10]
        term = row.get(thing)
        if isinstance(term, ox.NamedNode):
            entry["href"] = self.state.local(term.value)
        return entry


async def _news_timeline(c: Context, card: Card, title: str) -> None:
    rows = await c.rows(NEWS_AND_EVENTS)
    items: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in rows:
        key = str(row.get("item"))
        if key in seen or "date" not in row:
            continue
        seen.add(key)
        items.append(c.item(len(items) + 1, row, "item", txt(row, "text") if "text" in row else key))
    if items:
        card.timeline = (card.timeline or []) + items
        card.timeline_title = title


async def _projects(c: Context, card: Card, title: str, on_timeline: bool = True) -> None:
    rows = await c.rows(PROJECTS_IN)
    seen: dict[str, dict[str, Any]] = {}
    for row in rows:
        p = row["project"]
        if str(p) in seen:
            continue
        dates = "–".join(
            x.value[:10] for x in (row.get("start"), row.get("end")) if isinstance(x, ox.Literal)
        )
        seen[str(p)] = c.link(p, dates)
        if on_timeline and "start" in row:
            label = str(seen[str(p)]["text"])
            card.timeline = (card.timeline or []) + [c.item(1000 + len(seen), row, "project", label)]
    card.add_list(title, sorted(seen.values(), key=lambda x: str(x["text"]).casefold()))


def _dates(c: Context) -> list[dict[str, Any]]:
    """Start – end; where sources give different dates, each of them ("2020-01-01 / 2020-03-16 – …")."""
    starts = sorted(t.value for t in c.values(SCHEMA + "startDate") if isinstance(t, ox.Literal))
    ends = sorted(t.value for t in c.values(SCHEMA + "endDate") if isinstance(t, ox.Literal))
    if not starts and not ends:
        return []
    text = f"{' / '.join(starts) or '?'} – {' / '.join(ends) or '?'}"
    return [{"text": text, "extra": "the sources differ" if len(starts) > 1 or len(ends) > 1 else ""}]


async def project_card(c: Context, card: Card) -> None:
    card.fact("dates", _dates(c))
    card.fact("funders", c.links(SCHEMA + "funder", ILO + "fundedBy"))
    card.fact("partners", c.links(ILO + "partner"))
    card.fact("implemented by", c.links(ILO + "implementedBy"))
    card.fact("managed by", c.links(ILO + "managedBy"))
    card.fact("staff", c.links(ILO + "staff"))
    card.fact("themes", c.links("http://purl.org/dc/terms/subject", ILO + "theme"))
    figures = {
        t.value
        for row in await c.rows(FIGURES, bound=False)
        for t in row.values()
        if isinstance(t, ox.NamedNode)
    }
    figure_values = [
        {"text": f"{s.value.value} {s.predicate_label or s.predicate.rsplit('#', 1)[-1]}"}
        for s in c.d.outgoing
        if s.predicate in figures and isinstance(s.value, ox.Literal)
    ]
    card.fact("figures", figure_values)
    served = c.values(SCHEMA + "areaServed", ILO + "country")
    countries = [x for t in served if (x := c.country(t))]
    card.fact("countries", sorted((c.link(t) for t in served), key=lambda x: str(x["text"])))
    if countries:
        card.map, card.map_title = dict(countries), "Where the project runs"
    await _news_timeline(c, card, "News and events")
    starts = c.values(SCHEMA + "startDate")
    if starts and isinstance(starts[0], ox.Literal):
        ends = c.values(SCHEMA + "endDate")
        row: dict[str, Term] = {"start": starts[0], "r": c.node}
        if ends:
            row["end"] = ends[0]
        span = c.item(0, row, "none", "the project")
        span["className"] = "project-span"
        card.timeline = [span, *(card.timeline or [])]
        card.timeline_title = "The project, its news and events"


async def country_card(c: Context, card: Card) -> None:
    offices = await c.rows(OFFICES_OF)
    office_links: dict[str, dict[str, Any]] = {}
    countries: dict[str, dict[str, Any]] = {}
    for row in offices:
        office = row["office"]
        office_links[str(office)] = c.link(office)
        found = c.country(row["country"], group=str(office_links[str(office)]["text"]))
        if found:
            countries.setdefault(*found)
    me = c.country(c.node, group="this country")
    if me:
        countries[me[0]] = me[1]
    card.fact("office", sorted(office_links.values(), key=lambda x: str(x["text"])))
    card.fact("National Coordinator (office)", [c.link(r["person"]) for r in await c.rows(COORDINATORS)])
    card.fact(
        "codes",
        [
            {"text": t.value}
            for t in c.values("http://www.w3.org/2004/02/skos/core#notation")
            if isinstance(t, ox.Literal)
        ],
    )
    if countries:
        card.map, card.map_title = countries, "The country and the other countries its office covers"
    await _projects(c, card, "Projects")
    ratifications = []
    for row in await c.rows(RATIFICATIONS):
        date = txt(row, "date") if "date" in row else ""
        rank = f", rank {txt(row, 'rank')}" if "rank" in row else ""
        ratifications.append(c.link(row["convention"], f"{date}{rank}"))
    card.add_list("Ratifications", ratifications)
    await _news_timeline(c, card, "Projects, news and events")


async def office_card(c: Context, card: Card) -> None:
    countries = {}
    for row in await c.rows(COVERAGE):
        found = c.country(row["country"], group="covered")
        if found:
            countries[found[0]] = found[1]
    card.fact("city", c.links(SCHEMA + "location", ILO + "city"))
    card.fact("part of", c.links("http://www.w3.org/ns/org#subOrganizationOf"))
    card.fact("covers", [{"text": f"{len(countries)} countries and territories"}] if countries else [])
    if countries:
        card.map, card.map_title = countries, "Countries covered"
    staff: dict[str, dict[str, Any]] = {}
    for row in await c.rows(ROLES):
        person = row.get("person")
        if person is None:
            continue
        title = txt(row, "title") if "title" in row else ""
        date = txt(row, "date") if "date" in row else ""
        staff.setdefault(str(person), c.link(person, f"{title} ({date})" if date else title))
    card.add_list("Specialists and staff", sorted(staff.values(), key=lambda x: str(x["text"]).casefold()))
    await _projects(c, card, "Projects")
    if card.timeline:
        card.timeline_title = "Projects"


async def person_card(c: Context, card: Card) -> None:
    card.fact("name", c.texts(SCHEMA + "name"))
    card.fact("job title", c.texts(SCHEMA + "jobTitle"))
    card.fact("works at", c.links("http://www.w3.org/ns/org#memberOf", ILO + "worksAt"))
    card.fact("expertise", c.links(ILO + "expertise", SCHEMA + "knowsAbout"))
    card.fact("national coordinator in", c.links(ILO + "nationalCoordinatorIn"))
    roles: list[dict[str, Any]] = []
    items: list[dict[str, Any]] = []
    for row in await c.rows(ROLES):
        if row.get("person") != c.node:
            continue
        title = txt(row, "title") if "title" in row else "(role)"
        org = c.link(row["org"]) if "org" in row else None
        date = txt(row, "date") if "date" in row else ""
        roles.append(
            {"text": f"{date} · {title}" if date else title, "extra": f"at {org['text']}" if org else ""}
        )
        if date:
            items.append(c.item(len(items) + 1, row, "org", title))
    card.add_list("Roles over time (as each source states them)", roles)
    if items:
        card.timeline, card.timeline_title = items, "Roles over time"
    await _news_timeline(c, card, "Roles, news and events")


async def generic_card(c: Context, card: Card) -> None:
    card.fact("date", c.texts(SCHEMA + "datePublished", SCHEMA + "startDate"))
    card.fact("about", c.links(SCHEMA + "about"))
    card.fact("mentions", c.links(SCHEMA + "mentions"))
    card.fact("location", c.links(SCHEMA + "location"))
    card.fact("identifier", c.texts(SCHEMA + "legislationIdentifier"))
    countries = {}
    ratifications = []
    for row in await c.rows(RATIFICATIONS):
        if row.get("convention") == c.node:
            found = c.country(
                row["country"], group="ratified", details=[txt(row, "date")] if "date" in row else []
            )
            if found:
                countries[found[0]] = found[1]
            ratifications.append(c.link(row["country"], txt(row, "date") if "date" in row else ""))
    card.add_list("Ratifications reported", ratifications)
    if countries:
        card.map, card.map_title = countries, "Countries whose ratification the sources report"
    mentioned = [
        x
        for s in c.d.outgoing
        if s.predicate in (SCHEMA + "about", SCHEMA + "mentions", SCHEMA + "location")
        if (x := c.country(s.value))
    ]
    if mentioned and not countries:
        card.map, card.map_title = dict(mentioned), "Countries concerned"
    if c.d.iri.split("/id/", 1)[1].split("/", 1)[0] in ("organization", "theme", "programme"):
        await _projects(c, card, "Projects")
    await _news_timeline(c, card, "News and events")


CARDS = {"project": project_card, "country": country_card, "office": office_card, "person": person_card}


async def summary(state: AppState, index: LabelIndex, d: Description, kind: str) -> Card:
    card = Card()
    await CARDS.get(kind, generic_card)(Context(state, index, d), card)
    if card.timeline:
        card.timeline = [{**item, "id": n} for n, item in enumerate(card.timeline, 1) if item.get("start")]
    return card
