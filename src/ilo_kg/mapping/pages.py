"""Extracted page records + the gazetteer -> the page's named graph."""

from __future__ import annotations

import re

from rdflib import DCTERMS, PROV, XSD, Graph, Literal, URIRef

from ilo_kg.iris import ILO, SCHEMA, SKOS, Minter, slug
from ilo_kg.link import Entity, Gazetteer, Mention
from ilo_kg.mapping.base import GraphBuilder
from ilo_kg.mapping.languages import LanguageMapping
from ilo_kg.mapping.news import EVENT_LABEL, NewsMapping
from ilo_kg.mapping.page_events import PageEvents
from ilo_kg.mapping.reference import page_source_iri
from ilo_kg.records import Page, PageKind, ProjectItem
from ilo_kg.textfacts import (
    OrganizationName,
    coordinated_acronyms,
    figures,
    funder_context,
    government_names,
    implementer_context,
    listed_partners,
    organization_names,
    partner_context,
    people_in,
    phase_of,
    programme_title,
    project_names,
    quantities,
    sdg_goals,
    sentences,
    short_name,
    website,
)

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_CANDIDATE = re.compile(
    r"\b(?:(?:the\s+)?Government\s+of\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)*"
    r"|(?:[A-Z][\w'-]+\s+){1,5}(?:Office|Organization|Organisation|Commission|Agency|Centre|Center|School|"
    r"Institute|Council|Board|Ministry|Union)\b(?:\s+(?:for|of)(?:\s+(?:the|and)?\s*[A-Z][\w-]+)+)?)"
)


_NOT_ORGANIZATIONS = ("office", "project", "convention", "person")


class PageMapper(PageEvents, LanguageMapping, NewsMapping):
    def __init__(self, page: Page, gz: Gazetteer, minter: Minter, graph: Graph) -> None:
        self.page = page
        self.gz = gz
        self.minter = minter
        self.b = GraphBuilder(minter, graph, page_source_iri(minter, page.source_id))
        self.ilo = minter.id("organization", "ilo")
        self.publisher = self._publisher()
        self.page_project: Entity | None = None  # the programme the page is about (see programme_page)

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

    @property
    def english(self) -> bool:
        """Text mining (sentence shapes, figures, organization names) reads English text only."""
        return self.page.language == "en"

    def discover_organizations(self, text: str) -> None:
        """Organizations the text names that the gazetteer does not know: discovered, sourced to this page."""
        if not self.english:
            row = self.row
            if row is not None:  # a page in another language the build reads
                self.localized_labels(text)
                self.discover_in_language(text, row)
            return
        mentions = self.gz.find(text)
        other = [m for m in mentions if m.entity.kind in _NOT_ORGANIZATIONS]
        curated = [
            m for m in mentions if m.entity.kind == "organization" and m.entity.iri not in self.gz.discovered
        ]
        names = organization_names(text)
        for found in names:
            if self.gz.lookup(found.name) is not None or self.gz.region_office(found.name):
                continue
            if any(m.start < found.end and found.start < m.end for m in other):
                continue  # part of a project's title, an office's name, a person's name
            if any(m.start <= found.start and found.end <= m.end for m in curated):
                continue  # "Jobs Board" inside "Climate Action for Jobs Board"
            defined = re.match(r"[^()]{0,25}\(([A-Z][A-Za-z-]{1,9})\)", text[found.end : found.end + 40])
            named = self.gz.exact.get(defined.group(1)) if defined else None
            if named is not None and named.kind == "organization":
                continue  # "Organization for Security and Cooperation in Europe (OSCE)": the curated OSCE
            if any(m.entity.kind in _NOT_ORGANIZATIONS for m in self.gz.find(found.name)):
                continue
            known = self.gz.exact.get(found.acronym) if found.acronym else None
            if known is not None:  # "Full Name (ACR)" of a curated body whose full name differs
                continue
            self.declare_discovered(self.gz.discover(found.name, found.kind, acronym=found.acronym))
        self.governments_named(text)
        self.acronyms_named(text, names, [m for m in mentions if m.entity.kind == "organization"])

    def acronyms_named(self, text: str, names: list[OrganizationName], found: list[Mention]) -> None:
        """Acronyms named together with the ILO or an organization ("ROSTRUD and ILO present ..."): discovered
        under the acronym, unless the gazetteer knows it (then it is already that entity's mention) or the
        text spells it out after a name ("the European Labour Authority (ELA)"): then it is that body's."""
        spans = [(f.start, f.end) for f in names] + [(m.start, m.end) for m in found]
        for acronym, _start, _end in coordinated_acronyms(text, spans):
            if self.gz.lookup(acronym) is not None or self.gz.world_countries(acronym):
                continue
            spelled = re.search(rf"\s*\(\s*{re.escape(acronym)}\s*\)", text)
            if spelled:
                self.spelled_out(acronym, spelled.start(), names, found)
                continue
            self.declare_discovered(self.gz.discover(acronym, "other"))
        # "an ILO-UNDP project", "FNPR-ILO school": a joint name names each body in it, even where a
        # project's or an event's name holds the whole
        for joint in re.finditer(r"(?<![\w-])([A-Z]{2,})-([A-Z]{2,})(?![\w-])", text):
            for part in joint.groups():
                org = self.gz.exact.get(part)
                if org is not None and org.kind == "organization" and org.iri != self.ilo:
                    self.b.add(self.b.source, ILO.mentions, org.iri)

    def spelled_out(self, acronym: str, at: int, names: list[OrganizationName], found: list[Mention]) -> None:
        """The acronym a text gives in parentheses after an organization's name is that organization's."""
        body = next((m.entity for m in found if m.end == at), None)
        named = next((n for n in names if n.end == at), None) if body is None else None
        if named is not None:
            body = self.gz.discover(named.name, named.kind)
            self.declare_discovered(body)
        if body is not None:
            self.gz.add(body, acronym)
            self.b.add(body.iri, SKOS.altLabel, acronym, lang="en")

    def governments_named(self, text: str) -> None:
        """ "Government of Serbia", "the Uzbek government": the country's government (curated, else
        discovered), named by this page in its words."""
        for named in government_names(text):
            country = self.gz.country_named(named.country)
            if country is None:
                continue  # "Heads of State and Government", "Agreement Between Government and ..."
            gov = self.gz.government(country)
            self.declare_discovered(gov)
            if named.surface != gov.label:
                self.b.add(gov.iri, SKOS.altLabel, named.surface, lang="en")
            self.b.add(self.b.source, ILO.mentions, gov.iri)

    def _check_candidates(self, text: str, line: int) -> None:
        """Record organisation-like names the gazetteer does not know, for ``ilo-kg stats``."""
        known = self.gz.find(text)
        for m in _CANDIDATE.finditer(text):
            name = m.group(0)
            if re.match(r"(?:The|This|Our|Its|Each|Both)\s+\w+$", name):
                continue  # "the Office": a reference back, not a name
            covered = any(k.start <= m.start() + 4 and k.end >= m.end() - 4 for k in known)
            if not covered and self.gz.lookup(name) is None and not self.gz.region_office(name):
                self.gz.unresolved.append((self.page.source_id, "organization", line, name))

    # ------------------------------------------------------------------ the page
    def map(self, sha256: str, file_name: str) -> None:
        title = self.page.title or _listing_title(self.page)
        self.b.source_resource(self.b.source, title, self.page.kind.value, file_name, sha256)
        self.b.add(self.b.source, DCTERMS.language, self.page.language)
        if self.publisher is not None:
            self.b.add(self.b.source, SCHEMA.publisher, self.publisher.iri)
        for item in self.page.projects:
            self.project_item(item)
        for news in self.page.news:
            self.news_item(news)
        self.page_project = self.programme_page()
        if self.page.kind in (PageKind.ABOUT_PAGE, PageKind.OFFICE_PAGE, PageKind.ARTICLE):
            self.office_statements()
        self.running_text()
        self.issue_event()
        self.paragraph_events(EVENT_LABEL)

    def running_text(self) -> None:
        """What the page's running text states outside its items: organizations, people, figures."""
        source = self.b.source
        if self.row is not None:  # where a page in another language names its own office
            own = [self.page.title, *(p.section or "" for p in self.page.paragraphs)]
            own += [p.text for p in self.page.paragraphs[:1]]
            for text in dict.fromkeys(own):
                self.localized_labels(text, own=True)
        if self.page.subtitle is not None:  # "ILO is a specialized agency of the United Nations"
            for m in self.gz.find(self.page.subtitle, ["organization"]):
                if m.entity.iri != self.ilo:
                    self.b.add(source, ILO.mentions, m.entity.iri)
        for para in self.page.paragraphs:
            text = para.text
            self.discover_organizations(text)
            for m in self.gz.find(text, ["organization", "person", "project", "country", "convention"]):
                if m.entity.iri != self.ilo:
                    self.b.add(source, ILO.mentions, m.entity.iri)
            if self.english:
                self.paragraph_projects(text)
            for st in people_in("", text) if self.english else ():
                e = self.gz.add_person(st.name)
                p = self.declare(e, ILO.Person)
                self.b.add(p, SCHEMA.name, e.label, lang="en")
                if st.title:
                    self.b.add(p, SCHEMA.jobTitle, st.title, lang="en")
                self.b.add(source, ILO.mentions, p)
            row = self.row
            if row is not None:
                self.people_in_language(text, row, source)
                self.coverage_in_language(text, row)
                self.state_parties(text, row)
                self.office_list_entry(text, row)
            self.quantities(source, text)

    def paragraph_projects(self, text: str) -> None:
        """Projects a paragraph names, with the funders and partners its sentences state.

        "The office started another project on activating women for the labour market in Montenegro
        with support of the EU" (a newsletter's note): the project, funded by the EU.
        """
        for name in project_names(text):
            self.declare_project(self.gz.project_like(name) or self.gz.add_project(name))
        self.roles(text, self.page_project, 0)

    def programme_page(self) -> Entity | None:
        """The programme a page of running text is about, when its title names one ("ILO's Refugee
        Response"), or a page titled by its topic whose subtitle names one ("Syrian Refugees" / "ILO's
        Response to Syrian Refugee Crisis"): the funders and partners its sentences state are that
        programme's."""
        title = self.page.title
        if not programme_title(title) and self.page.subtitle is not None:
            title = self.page.subtitle
        if (
            self.page.kind != PageKind.ARTICLE
            or self.page.news
            or not self.english
            or not programme_title(title)
        ):
            return None
        e = self.gz.project_like(title) or self.gz.add_project(title)
        self.declare_project(e)
        return e

    # ------------------------------------------------------------------ projects
    def project_item(self, item: ProjectItem) -> None:
        e = self.gz.listed_project(item.title, item.start, item.end)
        p = self.declare(e, ILO.Project)
        if item.title != e.label:
            self.b.add(p, SKOS.altLabel, item.title, lang="en")
        self.b.add(p, SCHEMA.name, e.label, lang="en")
        self.b.add(p, SCHEMA.description, item.description or None, lang="en")
        self.b.add(p, SCHEMA.startDate, item.start)
        self.b.add(p, SCHEMA.endDate, item.end)
        self.b.add(p, ILO.line, item.line)
        head = short_name(item.title)
        if head:
            self.b.add(p, ILO.acronym, head, lang="en")
        self.b.add(p, ILO.implementedBy, self.ilo)
        if self.publisher is not None:
            self.b.add(p, ILO.managedBy, self.publisher.iri)
        self.b.add(p, ILO.phase, phase_of(item.title, item.description))
        site = website(item.description)
        if site:
            self.b.add(p, ILO.website, URIRef(site))
        text = f"{item.title}. {item.description}"
        self.discover_organizations(text)
        used = self.roles(text, e, item.line)  # countries named as funders or partners are not served
        for m in self.gz.find(text, ["country"]):
            if m.entity.iri not in used:
                self.b.add(p, ILO.country, m.entity.iri)
        self.themes(p, text)
        for goal in sdg_goals(text):
            self.b.add(p, ILO.sdgGoal, URIRef(f"http://metadata.un.org/sdg/{goal}"))
        typed: set[tuple[int, str]] = set()
        for f in figures(item.description):
            self.b.add(p, ILO[f.prop], f.value)
            typed.add((f.value, f.sentence))
        self.quantities(p, item.description, typed)
        self._check_candidates(text, item.line)

    def themes(self, subject: URIRef, text: str, prop: URIRef = ILO.theme) -> None:
        for t in self.gz.find_themes(text):
            self.b.add(subject, prop, t.iri)

    def roles(self, text: str, default: Entity | None, line: int) -> set[URIRef]:
        """Funders, implementers and partners stated in ``text``; returns countries read as governments."""
        used: set[URIRef] = set()
        previous = ""
        for sent in sentences(text):
            listed = listed_partners(previous, sent)  # "These institutions are mainly A, B, C"
            previous = sent
            found = self.gz.find(sent, ["organization", "office", "country"])
            projects = [m.entity for m in self.gz.find(sent, ["project"])]
            target = projects[0] if projects else default
            if target is None:
                continue
            for m in found:
                org = m.entity
                if org.kind == "country":
                    # a country named as funder or partner stands for its government, never a place served
                    funder = funder_context(sent, m.start, m.end, m.text)
                    if not funder and not partner_context(sent, m.start):
                        continue
                    used.add(org.iri)
                    org = self.gz.government(org)
                    self.declare_discovered(org)
                if org.iri == self.ilo:
                    continue
                if org.kind not in ("organization", "office"):
                    continue
                if funder_context(sent, m.start, m.end, m.text):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.fundedBy, org.iri)
                elif implementer_context(sent, m.start):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.implementedBy, org.iri)
                elif partner_context(sent, m.start) or (listed is not None and m.start >= listed):
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.partner, org.iri)
            for country, start, end in self.gz.world_countries(sent):
                if funder_context(sent, start, end, sent[start:end]):
                    gov = self.gz.government(country)
                    self.declare_discovered(gov)
                    self.declare_project(target)
                    self.b.add(target.iri, ILO.fundedBy, gov.iri)
        return used

    def quantities(self, subject: URIRef, text: str, typed: set[tuple[int, str]] | None = None) -> None:
        """The figures ``text`` states, as ilo:Quantity nodes of ``subject`` (typed figures not repeated)."""
        if not self.english:
            row = self.row
            if row is not None:
                self.quantities_in_language(subject, text, row)
            return
        counts = {c.stated_count for c in self.page.coverage} | {i.country_count for i in self.page.identity}
        for q in quantities(text):
            if typed and (int(q.value), q.sentence) in typed:
                continue  # already a typed figure (ilo:peopleTrained, ...) of the same sentence
            if q.value in counts and q.unit.split()[-1].lower() in ("countries", "territories", "states"):
                continue  # the office's country count (ilo:countryCount)
            node = URIRef(f"{subject}#quantity-{slug(f'{q.value} {q.unit}')[:60]}")
            self.b.resource(node, ILO.Quantity, label=q.phrase)
            self.b.add(subject, ILO.statesQuantity, node)
            value = (
                Literal(q.value) if isinstance(q.value, int) else Literal(str(q.value), datatype=XSD.decimal)
            )
            self.b.add(node, SCHEMA.value, value)
            self.b.add(node, SCHEMA.unitText, q.unit, lang="en")
            self.b.add(node, ILO.qualifier, q.qualifier, lang="en")
            self.b.add(node, SCHEMA.description, q.sentence, lang="en")

    def declare_discovered(self, e: Entity, lang: str = "en") -> None:
        """An organization found in this page that the curated list lacks, marked as discovered."""
        found = self.gz.discovered.get(e.iri)
        if found is None:
            return
        kind = ILO.Government if found.type == "government" else ILO.OtherOrganization
        self.declare(e, kind)
        self.b.add(e.iri, SCHEMA.name, e.label, lang=lang)  # the name as the page writes it
        self.b.add(e.iri, ILO.discovered, True)
        if found.acronym:
            self.b.add(e.iri, SKOS.altLabel, found.acronym, lang="en")
        if found.country is not None:  # as the curated governments state theirs
            self.b.add(e.iri, SCHEMA.areaServed, found.country)
        if found.country_code:
            self.b.add(e.iri, SCHEMA.addressCountry, found.country_code)

    def declare_project(self, e: Entity) -> URIRef:
        p = self.declare(e, ILO.Project)
        self.b.add(p, SCHEMA.name, e.label, lang="en")
        return p

    # ------------------------------------------------------------------ offices
    def office_of(self, name: str | None, city: str | None, line: int) -> Entity | None:
        if name:
            bare = re.sub(r"^(?:the\s+)", "", name, flags=re.I)
            e = self.gz.lookup(name, "office") or self.gz.lookup(bare, "office")
            e = e or self.gz.lookup(f"ILO {bare}", "office")  # "Regional Office for Europe and Central Asia"
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
            for name in st.in_passing:
                country = self.gz.lookup(name, "country")
                if country is not None:
                    self.b.add(o, ILO.covers, country.iri)
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
            self.identity_events(office, ident)
        coordinator_office = self.publisher
        for coord in self.page.coordinators:
            if coordinator_office is None:
                self.gz.unresolved.append(
                    (self.page.source_id, "office", coord.line, "office of the National Coordinators")
                )
                continue
            o = self.declare(coordinator_office, ILO.Office)
            # the page states this office's coverage with a count ("serves 18 countries"): its National
            # Coordinators work in countries it serves
            counted = any(
                st.stated_count and self.office_of(st.office, st.city, st.line) == coordinator_office
                for st in self.page.coverage
            )
            for c in self.countries(coord.countries, coord.line):
                self.b.add(o, ILO.nationalCoordinatorIn, c)
                if counted:
                    self.b.add(o, ILO.covers, c)
        for para in self.page.paragraphs:
            if para.section and "priorit" in para.section.lower() and self.publisher is not None:
                self.b.add(self.publisher.iri, SCHEMA.description, para.text, lang="en")
            self._check_candidates(para.text, para.line)


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


def map_page(
    page: Page,
    gz: Gazetteer,
    minter: Minter,
    graph: Graph,
    *,
    sha256: str,
    file_name: str,
    url: str | None = None,
    retrieved: str | None = None,
) -> None:
    """Every fact of ``page`` into ``graph`` (the page's named graph), each resource linked to the page.

    ``url`` and ``retrieved`` are the page's note of origin (its sidecar), when it has one.
    """
    mapper = PageMapper(page, gz, minter, graph)
    if retrieved and re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved[:10]):
        mapper.retrieved = retrieved[:10]
    with gz.reading(page.language):  # names in the page's language (countries, curated bodies) are known
        mapper.map(sha256, file_name)
    if url and re.match(r"https?://[^\s<>\"{}|\\^`]+$", url):
        mapper.b.add(mapper.b.source, SCHEMA.url, URIRef(url))
        mapper.b.add(mapper.b.source, PROV.wasDerivedFrom, URIRef(url))
    if retrieved and re.fullmatch(r"\d{4}-\d{2}-\d{2}", retrieved[:10]):
        mapper.b.add(mapper.b.source, DCTERMS.date, Literal(retrieved[:10], datatype=XSD.date))


__all__ = ["map_page"]
