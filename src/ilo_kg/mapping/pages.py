"""Extracted page records + the gazetteer -> the page's named graph."""

from __future__ import annotations

import re
from datetime import date

from rdflib import XSD, Graph, Literal, URIRef

from ilo_kg.iris import ILO, ORG, SCHEMA, SKOS, TIME, Minter, slug
from ilo_kg.link import Entity, Gazetteer
from ilo_kg.mapping.base import GraphBuilder
from ilo_kg.mapping.reference import page_source_iri
from ilo_kg.records import NewsItem, Page, PageKind, ProjectItem
from ilo_kg.textfacts import (
    convention_numbers,
    event_kinds,
    figures,
    funder_context,
    implementer_context,
    partner_context,
    people_in,
    period,
    phase_of,
    project_names,
    ratification_rank,
    sdg_goals,
    sentences,
    website,
)

_MONTHS = "january february march april may june july august september october november december".split()
EVENT_LABEL = {
    "Ratification": "Ratification",
    "ProgrammeSigning": "Programme signing",
    "ProjectLaunch": "Project launch",
    "Training": "Training",
    "Meeting": "Meeting",
    "Statement": "Statement",
    "Interview": "Interview",
    "Agreement": "Agreement",
}
_CANDIDATE = re.compile(
    r"\b(?:(?:the\s+)?Government\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*"
    r"|(?:[A-Z][\w'-]+\s+){1,5}(?:Office|Organization|Organisation|Commission|Agency|Centre|Center|School|"
    r"Institute|Council|Board|Ministry|Union)\b(?:\s+(?:for|of)(?:\s+(?:the|and)?\s*[A-Z][\w-]+)+)?)"
)


class PageMapper:
    def __init__(self, page: Page, gz: Gazetteer, minter: Minter, graph: Graph) -> None:
        self.page = page
        self.gz = gz
        self.minter = minter
        self.b = GraphBuilder(minter, graph, page_source_iri(minter, page.source_id))
        self.ilo = minter.id("organization", "ilo")
        self.publisher = self._publisher()

    # ------------------------------------------------------------------ helpers
    def where(self, line: int) -> tuple[str, int]:
        return (self.page.source_id, line)

    def declare(self, e: Entity, *types: URIRef) -> URIRef:
        """A resource this page states something about: typed, labelled and sourced in this graph."""
        self.b.resource(e.iri, *types, label=e.label)
        return e.iri

    def _publisher(self) -> Entity | None:
        for ident in self.page.identity:
            e = self.gz.lookup(ident.name, "office")
            if e is not None:
                return e
        intro = " ".join(p.text for p in self.page.paragraphs[:2]) + " " + self.page.title
        return self.gz.region_office(intro)

    def _check_candidates(self, text: str, line: int) -> None:
        """Record organisation-like names the gazetteer does not know, for ``ilo-kg stats``."""
        known = self.gz.find(text)
        for m in _CANDIDATE.finditer(text):
            name = m.group(0)
            if re.match(r"(?:The|This|Our|Its|Each|Both)\s+\w+$", name):
                continue  # "the Office": a reference back, not a name
            if not any(k.start <= m.start() + 4 and k.end >= m.end() - 4 for k in known):
                if self.gz.lookup(name) is None and not self.gz.region_office(name):
                    self.gz.unresolved.append((self.page.source_id, "organization", line, name))

    # ------------------------------------------------------------------ the page
    def map(self, sha256: str, file_name: str) -> None:
        title = self.page.title or _listing_title(self.page)
        self.b.source_resource(self.b.source, title, self.page.kind.value, file_name, sha256)
        if self.publisher is not None:
            self.b.add(self.b.source, SCHEMA.publisher, self.publisher.iri)
        for item in self.page.projects:
            self.project_item(item)
        for news in self.page.news:
            self.news_item(news)
        if self.page.kind in (PageKind.ABOUT_PAGE, PageKind.OFFICE_PAGE):
            self.office_statements()

    # ------------------------------------------------------------------ projects
    def project_item(self, item: ProjectItem) -> None:
        e = self.gz.add_project(item.title)
        p = self.declare(e, ILO.Project)
        if item.title != e.label:
            self.b.add(p, SKOS.altLabel, item.title, lang="en")
        self.b.add(p, SCHEMA.name, e.label, lang="en")
        self.b.add(p, SCHEMA.description, item.description or None, lang="en")
        self.b.add(p, SCHEMA.startDate, item.start)
        self.b.add(p, SCHEMA.endDate, item.end)
        self.b.add(p, ILO.line, item.line)
        head = item.title.split(":", 1)[0].strip()
        if head != item.title and len(head.split()) <= 3:
            self.b.add(p, ILO.acronym, head, lang="en")
        self.b.add(p, ILO.implementedBy, self.ilo)
        if self.publisher is not None:
            self.b.add(p, ILO.managedBy, self.publisher.iri)
        self.b.add(p, ILO.phase, phase_of(item.title, item.description))
        site = website(item.description)
        if site:
            self.b.add(p, ILO.website, URIRef(site))
        text = f"{item.title}. {item.description}"
        for m in self.gz.find(text, ["country"]):
            self.b.add(p, ILO.country, m.entity.iri)
        self.themes(p, text)
        for goal in sdg_goals(text):
            self.b.add(p, ILO.sdgGoal, URIRef(f"http://metadata.un.org/sdg/{goal}"))
        self.roles(text, e, item.line)
        for f in figures(item.description):
            self.b.add(p, ILO[f.prop], f.value)
        self._check_candidates(text, item.line)

    def themes(self, subject: URIRef, text: str, prop: URIRef = ILO.theme) -> None:
        for t in self.gz.find_themes(text):
            self.b.add(subject, prop, t.iri)

    def roles(self, text: str, default: Entity | None, line: int) -> set[URIRef]:
        """Funders, implementers and partners stated in ``text``; returns the organisations' countries used."""
        used: set[URIRef] = set()
        for sent in sentences(text):
            found = self.gz.find(sent, ["organization", "office", "country"])
            projects = [m.entity for m in self.gz.find(sent, ["project"])]
            target = projects[0] if projects else default
            if target is None:
                continue
            for m in found:
                org = m.entity
                if org.kind == "country":
                    if not partner_context(sent, m.start):
                        continue
                    gov = self.gz.government_of(org)
                    if gov is None:
                        self.gz.unresolved.append((self.page.source_id, "organization", line, f"Government of {org.label}"))
                        continue
                    used.add(org.iri)
                    org = gov
                if org.kind not in ("organization", "office"):
                    continue
                if funder_context(sent, m.start, m.end, m.text):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.fundedBy, org.iri)
                elif implementer_context(sent, m.start):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.implementedBy, org.iri)
                elif partner_context(sent, m.start):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.partner, org.iri)
        return used

    def declare_project(self, e: Entity) -> URIRef:
        p = self.declare(e, ILO.Project)
        self.b.add(p, SCHEMA.name, e.label, lang="en")
        return p

    # ------------------------------------------------------------------ news
    def news_item(self, n: NewsItem) -> None:
        key = slug(f"{n.published.isoformat()} {' '.join(n.headline.split()[:9])}")
        news = self.minter.id("news", key)
        self.b.resource(news, ILO.NewsItem, label=n.headline)
        self.b.add(news, SCHEMA.headline, n.headline, lang="en")
        self.b.add(news, SCHEMA.datePublished, n.published)
        self.b.add(news, SCHEMA.abstract, n.summary or None, lang="en")
        self.b.add(news, ILO.category, n.category, lang="en")
        self.b.add(news, SCHEMA.creditText, ("© " + n.credit) if n.credit else None)
        self.b.add(news, ILO.line, n.line)
        if self.publisher is not None:
            self.b.add(news, ILO.publishedBy, self.publisher.iri)
        head = f"{n.category or ''}. {n.headline}"
        text = f"{head}. {n.summary}"
        mentions = self.gz.find(text)
        about = {m.entity.iri for m in self.gz.find(head) if m.entity.kind in ("country", "project", "person", "convention")}
        for m in mentions:
            if m.entity.kind in ("country", "project", "person", "convention", "organization", "office"):
                self.b.add(news, ILO.mentions, m.entity.iri)
        projects = [m.entity for m in self.gz.find(head, ["project"])] + [
            m.entity for m in mentions if m.entity.kind == "project"
        ]
        variants: dict[URIRef, set[str]] = {}
        for m in mentions:
            if m.entity.kind == "project" and m.text != m.entity.label:
                variants.setdefault(m.entity.iri, set()).add(m.text)
        for name in project_names(text):
            e = self.gz.project_like(name)
            if e is not None:
                projects.append(e)
                if name != e.label:
                    variants.setdefault(e.iri, set()).add(name)
        for project_iri, names in variants.items():
            for name in sorted(names):
                self.b.add(project_iri, SKOS.altLabel, name, lang="en")
        primary = projects[0] if projects else None
        for e in dict.fromkeys(projects):
            self.declare_project(e)
            self.b.add(news, ILO.mentions, e.iri)
        if primary is not None:
            about.add(primary.iri)
        self.themes(news, head)
        people = self.people(n, news, primary, about)
        used = self.roles(text, primary, n.line)
        if primary is not None:
            for sent in sentences(text):
                if any(m.entity == primary for m in self.gz.find(sent, ["project"])):
                    for c in self.gz.find(sent, ["country"]):
                        if c.entity.iri not in used:
                            self.b.add(primary.iri, ILO.country, c.entity.iri)
                    for gov in self.gz.find(sent, ["organization"]):
                        country = _government_country(self.gz, gov.entity)
                        if country is not None and partner_context(sent, gov.start):
                            self.b.add(primary.iri, ILO.partner, gov.entity.iri)
                            self.b.add(primary.iri, ILO.country, country)
            if primary.iri in about:
                for c in self.gz.find(head, ["country"]):
                    self.b.add(primary.iri, ILO.country, c.entity.iri)
            self.b.add(primary.iri, ILO.phase, phase_of("", text) if "phase" in text.lower() else None)
        self.events(n, news, text, head, primary, people)
        for f in figures(n.summary):
            target = primary.iri if primary is not None else news
            self.b.add(target, ILO[f.prop], f.value)
        for a in sorted(about):
            self.b.add(news, ILO.about, a)
        self._check_candidates(text, n.line)

    def people(self, n: NewsItem, news: URIRef, primary: Entity | None, about: set[URIRef]) -> list[URIRef]:
        out = []
        text = f"{n.headline}. {n.summary}"
        for st in people_in(n.headline, n.summary):
            e = self.gz.add_person(st.name)
            p = self.declare(e, ILO.Person)
            out.append(p)
            self.b.add(p, SCHEMA.name, e.label, lang="en")
            if st.name != e.label:
                self.b.add(p, SKOS.altLabel, st.name, lang="en")
            for m in self.gz.find(n.summary, ["person"]):
                if m.entity == e and m.text != e.label:
                    self.b.add(p, SKOS.altLabel, m.text, lang="en")
            self.b.add(news, ILO.mentions, p)
            if n.headline.lower().startswith("meet") or st.name in n.headline:
                about.add(p)
            office = None
            if st.office:
                office = self.gz.resolve(st.office, "office", self.where(n.line))
            if st.title == "Director-General":
                office = Entity(self.ilo, "organization", "International Labour Organization")
            office = office or self.gz.region_office(text) or self.publisher
            title = st.title or (st.topic if st.topic and len(st.topic.split()) > 3 else None)
            if office is not None:
                self.b.add(p, ILO.worksAt, office.iri)
            if title:
                self.b.add(p, SCHEMA.jobTitle, title, lang="en")
                self.role(p, e, title, office, n.published)
            self.themes(p, f"{st.topic or ''}. {title or ''}", ILO.expertise)
            if primary is not None and re.search(r"project\s+manager|project\b", n.headline, re.I):
                self.b.add(primary.iri, ILO.staff, p)
        return out

    def role(self, p: URIRef, e: Entity, title: str, office: Entity | None, when: date) -> None:
        if office is None:
            return
        role = URIRef(f"{p}#role-{when.isoformat()}-{slug(title)[:60]}")
        concept = URIRef(f"{p}#title-{slug(title)[:60]}")
        during = URIRef(f"{p}#during-{when.isoformat()}")
        self.b.resource(role, ILO.Role, label=f"{e.label}, {title} (as of {when.isoformat()})")
        self.b.add(role, ORG.member, p)
        self.b.add(role, ORG.organization, office.iri)
        self.b.add(role, ORG.role, concept)
        self.b.add(role, ILO.asOf, when)
        self.b.add(role, ORG.memberDuring, during)
        self.b.resource(concept, ORG.Role, label=title)
        self.b.resource(during, TIME.Interval, label=f"Interval including {when.isoformat()}")
        instant = URIRef(f"{p}#instant-{when.isoformat()}")
        self.b.add(during, TIME.inside, instant)
        self.b.resource(instant, TIME.Instant, label=when.isoformat())
        self.b.add(instant, TIME.inXSDDate, Literal(when.isoformat(), datatype=XSD.date))

    # ------------------------------------------------------------------ events
    def event(self, kind: str, key: str, n: NewsItem, news: URIRef, label: str) -> URIRef:
        ev = self.minter.id("event", slug(f"{n.published.isoformat()} {kind} {key}")[:100].strip("-"))
        self.b.resource(ev, ILO[kind], label=label)
        self.b.add(ev, SCHEMA.name, label, lang="en")
        self.b.add(ev, SCHEMA.startDate, n.published)
        self.b.add(news, ILO.reports, ev)
        return ev

    def events(
        self, n: NewsItem, news: URIRef, text: str, head: str, primary: Entity | None, people: list[URIRef]
    ) -> None:
        head_countries = [m.entity for m in self.gz.find(head, ["country"])]
        countries = head_countries or [m.entity for m in self.gz.find(n.summary, ["country"])][:1]
        kinds = event_kinds(n.headline, n.summary)
        if re.search(r"\bratif", text, re.I):
            self.ratifications(n, news, text)
        for kind in kinds:
            if kind in ("Interview", "Statement"):
                countries = head_countries  # a person's interview is not located by the places it mentions
            where = countries[0].label if countries else ""
            label = f"{EVENT_LABEL[kind]}: {n.headline}"
            key = f"{where} {primary.label if primary else ''} {n.line}"
            ev = self.event(kind, key, n, news, label)
            for c in countries:
                self.b.add(ev, ILO.inCountry, c.iri)
            for p in people:
                self.b.add(ev, ILO.participant, p)
            if primary is not None and kind in ("ProjectLaunch", "Training"):
                self.b.add(ev, ILO.project, primary.iri)
            for m in self.gz.find(head, ["organization"]):
                self.b.add(ev, ILO.participant, m.entity.iri)
            if kind == "Training":
                for f in figures(n.summary):
                    if f.prop == "peopleTrained":
                        self.b.add(ev, ILO.participantCount, f.value)
                        for m in self.gz.find(f.sentence, ["organization"]):
                            self.b.add(ev, ILO.organizer, m.entity.iri)
                        for m in self.gz.find(f.sentence, ["country"]):
                            self.b.add(ev, ILO.inCountry, m.entity.iri)
            if kind == "ProgrammeSigning":
                self.programme(ev, n, text, countries)

    def ratifications(self, n: NewsItem, news: URIRef, text: str) -> None:
        codes = [f"C{num:03d}" for num in convention_numbers(text)]
        codes += [m.entity.iri.rsplit("/", 1)[-1] for m in self.gz.find(text, ["convention"])]
        country = None
        for sent in sentences(text):
            if re.search(r"\bratif", sent, re.I):
                found = self.gz.find(sent, ["country"])
                if found:
                    country = found[0].entity
                    break
        if country is None:
            found = self.gz.find(text, ["country"])
            country = found[0].entity if found else None
        if country is None or not codes:
            self.gz.unresolved.append((self.page.source_id, "ratification", n.line, n.headline))
            return
        rank = ratification_rank(text)
        for code in dict.fromkeys(codes):
            conv = self.minter.id("convention", code)
            ev = self.event("Ratification", f"{country.iri.rsplit('/', 1)[-1]} {code}", n, news,
                            f"Ratification of {code} by {country.label}")
            self.b.add(ev, ILO.ratifyingCountry, country.iri)
            self.b.add(ev, ILO.inCountry, country.iri)
            self.b.add(ev, ILO.convention, conv)
            self.b.add(news, ILO.mentions, conv)
            if rank is not None and len(set(codes)) == 1:
                self.b.add(ev, ILO.ratificationRank, rank)

    def programme(self, ev: URIRef, n: NewsItem, text: str, countries: list[Entity]) -> None:
        years = period(text)
        if not countries or "Decent Work Country Programme" not in text:
            return
        c = countries[0]
        span = f" {years[0]}-{years[1]}" if years else ""
        name = f"Decent Work Country Programme for {c.label}{span}"
        prog = self.minter.named("programme", name)
        self.b.resource(prog, ILO.DecentWorkCountryProgramme, label=name)
        self.b.add(prog, SCHEMA.name, name, lang="en")
        self.b.add(prog, SKOS.altLabel, f"DWCP {c.label}{span}", lang="en")
        self.b.add(prog, ILO.country, c.iri)
        if years:
            self.b.add(prog, ILO.periodStart, Literal(str(years[0]), datatype=XSD.gYear))
            self.b.add(prog, ILO.periodEnd, Literal(str(years[1]), datatype=XSD.gYear))
        self.b.add(ev, ILO.programme, prog)
        self.b.add(ev, ILO.participant, self.ilo)
        gov = self.gz.government_of(c)
        if gov is not None:
            self.b.add(ev, ILO.participant, gov.iri)

    # ------------------------------------------------------------------ offices
    def office_of(self, name: str | None, city: str | None, line: int) -> Entity | None:
        if name:
            e = self.gz.lookup(name, "office") or self.gz.lookup(re.sub(r"^(?:the\s+)", "", name), "office")
            if e is not None:
                return e
        if city:
            e = self.gz.lookup(f"ILO {city}", "office")
            if e is not None:
                return e
        self.gz.unresolved.append((self.page.source_id, "office", line, name or city or "?"))
        return None

    def countries(self, names: tuple[str, ...], line: int) -> list[URIRef]:
        out = []
        for name in names:
            group = self.gz.groups.get(name.casefold())
            if group:
                out += group
                continue
            e = self.gz.resolve(name, "country", self.where(line))
            if e is not None:
                out.append(e.iri)
        return out

    def office_statements(self) -> None:
        for st in self.page.coverage:
            office = self.office_of(st.office, st.city, st.line)
            if office is None:
                continue
            o = self.declare(office, ILO.Office)
            for c in self.countries(st.countries + st.also, st.line):
                self.b.add(o, ILO.covers, c)
            if st.stated_count:
                self.b.add(o, ILO.countryCount, st.stated_count)
        for net in self.page.network:
            office = self.office_of(net.office if net.fallback else None, net.city, net.line)
            if office is None:
                continue
            o = self.declare(office, ILO.Office)
            self.b.add(o, ILO.city, net.city)
            for c in self.countries(net.covers, net.line):
                self.b.add(o, ILO.covers, c)
            for body in net.liaison:
                e = self.gz.resolve(body, "organization", self.where(net.line))
                if e is not None:
                    self.b.add(o, ILO.liaisonWith, e.iri)
        for ident in self.page.identity:
            office = self.office_of(ident.name, ident.city, ident.line)
            if office is None:
                continue
            o = self.declare(office, ILO.Office)
            if ident.name != office.label:
                self.b.add(o, SKOS.altLabel, ident.name, lang="en")
            if self.page.title and self.page.title != office.label and self.page.kind == PageKind.OFFICE_PAGE:
                self.b.add(o, SKOS.altLabel, self.page.title, lang="en")
            for former in ident.former_names:
                self.b.add(o, ILO.formerName, former, lang="en")
            month = _year_month(ident.renamed)
            if month:
                self.b.add(o, ILO.renamedIn, Literal(month, datatype=XSD.gYearMonth))
            if ident.since_year:
                self.b.add(o, ILO.inCitySince, Literal(str(ident.since_year), datatype=XSD.gYear))
            if ident.city:
                self.b.add(o, ILO.city, ident.city)
            if ident.country_count:
                self.b.add(o, ILO.countryCount, ident.country_count)
        coordinator_office = self.publisher
        for st in self.page.coordinators:
            if coordinator_office is None:
                self.gz.unresolved.append((self.page.source_id, "office", st.line, "office of the National Coordinators"))
                continue
            o = self.declare(coordinator_office, ILO.Office)
            for c in self.countries(st.countries, st.line):
                self.b.add(o, ILO.nationalCoordinatorIn, c)
        for para in self.page.paragraphs:
            if para.section and "priorit" in para.section.lower() and self.publisher is not None:
                self.b.add(self.publisher.iri, SCHEMA.description, para.text, lang="en")
            self._check_candidates(para.text, para.line)


def _government_country(gz: Gazetteer, e: Entity) -> URIRef | None:
    for country, gov in gz.governments.items():
        if gov.iri == e.iri:
            return country
    return None


def _year_month(text: str | None) -> str | None:
    if not text:
        return None
    m = re.search(r"([A-Za-z]+)\s+(\d{4})", text)
    if not m or m.group(1).lower() not in _MONTHS:
        return None
    return f"{m.group(2)}-{_MONTHS.index(m.group(1).lower()) + 1:02d}"


def _listing_title(page: Page) -> str:
    groups = [n.group for n in page.news if n.group]
    if groups:
        return f"News ({groups[0]} to {groups[-1]})" if groups[0] != groups[-1] else f"News ({groups[0]})"
    return f"Source page {page.source_id}"


def map_page(page: Page, gz: Gazetteer, minter: Minter, graph: Graph, *, sha256: str, file_name: str) -> None:
    """Every fact of ``page`` into ``graph`` (the page's named graph), each resource linked to the page."""
    PageMapper(page, gz, minter, graph).map(sha256, file_name)


__all__ = ["map_page"]
