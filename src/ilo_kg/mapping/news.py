"""News items -> triples: the item, the people it presents, the events it reports, the figures it states."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rdflib import XSD, Literal, URIRef

from ilo_kg.iris import ILO, ORG, SCHEMA, SKOS, TIME, slug
from ilo_kg.languages import facts as lang_facts
from ilo_kg.languages import language
from ilo_kg.link import Entity
from ilo_kg.mapping.page_events import event_date, states_no_time, told_as_done, when_literal
from ilo_kg.records import NewsItem
from ilo_kg.textfacts import (
    acronyms,
    acronyms_with_ilo,
    acting_with_ilo,
    acts_for_the_ilo,
    convention_numbers,
    event_mentions,
    figures,
    funder_context,
    government_names,
    headline_project,
    joined_names,
    names_projects,
    partner_context,
    partnership_stated,
    people_in,
    period,
    phase_of,
    project_names,
    ratification_rank,
    ratification_sentences,
    sentence_date,
    sentence_when,
    sentences,
)

if TYPE_CHECKING:
    from ilo_kg.iris import Minter
    from ilo_kg.languages import Language
    from ilo_kg.link import Gazetteer
    from ilo_kg.mapping.base import GraphBuilder
    from ilo_kg.records import Page

EVENT_LABEL = {
    "Ratification": "Ratification",
    "ProgrammeSigning": "Programme signing",
    "ProjectLaunch": "Project launch",
    "Training": "Training",
    "Meeting": "Meeting",
    "Statement": "Statement",
    "Interview": "Interview",
    "Agreement": "Agreement",
    "Launch": "Launch",
    "Publication": "Publication",
}


class NewsMapping:
    """The news part of :class:`ilo_kg.mapping.pages.PageMapper` (which provides the attributes)."""

    page: Page
    gz: Gazetteer
    minter: Minter
    b: GraphBuilder
    ilo: URIRef
    publisher: Entity | None
    retrieved: str | None  # the day the page was retrieved, when known (set by PageEvents)

    # provided by PageMapper
    def declare(self, e: Entity, *types: URIRef) -> URIRef:
        raise NotImplementedError

    def declare_project(self, e: Entity) -> URIRef:
        raise NotImplementedError

    def themes(self, subject: URIRef, text: str, prop: URIRef = ILO.theme) -> None:
        raise NotImplementedError

    def roles(self, text: str, default: Entity | None, line: int) -> set[URIRef]:
        raise NotImplementedError

    def where(self, line: int) -> tuple[str, int]:
        raise NotImplementedError

    def _check_candidates(self, text: str, line: int) -> None:
        raise NotImplementedError

    def discover_organizations(self, text: str) -> None:
        raise NotImplementedError

    def declare_discovered(self, e: Entity) -> None:
        raise NotImplementedError

    @property
    def english(self) -> bool:
        raise NotImplementedError

    def quantities(self, subject: URIRef, text: str, typed: set[tuple[int, str]] | None = None) -> None:
        raise NotImplementedError

    def people_in_language(self, text: str, row: Language, mentioned_by: URIRef) -> list[URIRef]:
        raise NotImplementedError

    def item_occurrences(self, n: NewsItem, news: URIRef, labels: dict[str, str]) -> None:
        raise NotImplementedError

    def news_item(self, n: NewsItem) -> None:
        key = slug(f"{_published(n) or ''} {' '.join(n.headline.split()[:9])}")  # undated: the headline
        news = self.minter.id("news", key)
        self.b.resource(news, ILO.NewsItem, label=n.headline)
        lang = self.page.language  # the page's own words keep their language
        self.b.add(news, SCHEMA.headline, n.headline, lang=lang)
        month = n.precision == "month"  # a newsletter's item: the page dates it by the month only
        self.b.add(
            news,
            SCHEMA.datePublished,
            Literal(_published(n), datatype=XSD.gYearMonth) if month else n.published,  # None: undated
        )
        self.b.add(news, SCHEMA.abstract, n.summary or None, lang=lang)
        self.b.add(news, ILO.category, n.category, lang=lang)
        self.b.add(news, SCHEMA.creditText, ("© " + n.credit) if n.credit else None)
        self.b.add(news, ILO.line, n.line)
        if self.publisher is not None:
            self.b.add(news, ILO.publishedBy, self.publisher.iri)
        head = f"{n.category or ''}. {n.headline}"
        text = f"{head}. {n.summary}"
        self.discover_organizations(text)
        mentions = self.gz.find(text)
        about = {
            m.entity.iri
            for m in self.gz.find(head)
            if m.entity.kind in ("country", "project", "person", "convention")
        }
        for m in mentions:
            if m.entity.kind in ("country", "project", "person", "convention", "organization", "office"):
                self.b.add(news, ILO.mentions, m.entity.iri)
        # the category line is a topic tag: it names a project by its acronym or its very name ("SCORE
        # training"), not by a generic phrase that is a project's name in another case ("Local employment
        # partnerships")
        tag = len(n.category or "") + 2
        projects = [m.entity for m in self.gz.find(n.headline, ["project"])] + [
            m.entity
            for m in mentions
            if m.entity.kind == "project"
            and (m.start >= tag or m.text.split()[0].isupper() or m.text == m.entity.label)
        ]
        variants: dict[URIRef, set[str]] = {}
        for m in mentions:
            if m.entity.kind == "project" and m.text != m.entity.label:
                variants.setdefault(m.entity.iri, set()).add(m.text)
        # "ILO launches ... project to promote jobs in Ukraine": the item's project, when the page names none
        launched = headline_project(n.headline) if self.english and not projects else None
        if launched is not None and names_projects(self.page.news):
            launched = None
        for name in [*project_names(text), *([launched] if launched else [])]:
            e = self.gz.project_like(name)
            if e is not None:
                projects.append(e)
                if name != e.label:
                    variants.setdefault(e.iri, set()).add(name)
        for name, short in acronyms(text).items():
            e = self.gz.project_like(name)
            if e is not None:
                self.b.add(e.iri, ILO.acronym, short, lang="en")
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
        # an undated item reports only the events it states without a date (its report bounds them)
        self.events(n, news, text, head, primary, people)
        if n.published is not None:
            self.item_occurrences(n, news, EVENT_LABEL)
        self.partners(news, head, n.summary, primary)
        typed: set[tuple[int, str]] = set()
        for f in figures(n.summary):
            target = primary.iri if primary is not None else news
            self.b.add(target, ILO[f.prop], f.value)
            typed.add((f.value, f.sentence))
        self.quantities(news, f"{n.headline}. {n.summary}", typed)
        for a in sorted(about):
            self.b.add(news, ILO.about, a)
        self._check_candidates(text, n.line)

    def partners(self, news: URIRef, head: str, summary: str, primary: Entity | None) -> None:
        """Organizations the item says work with the ILO, as done: the item's ``ilo:partner``.

        The partner is the project's when the sentence names a project (or, for the headline or a sentence
        that speaks of "the project", when the item is about one), else the news item's: what the item
        reports was done with that partner.

        "ILO, IOM help ...", "FNPR-ILO school", "The ILO and the State Labour Inspectorate came through
        with ...", "jointly organized by X, the ILO and Y"; never a body the item is only about ("a
        meeting of the Council", "discussed at the Ministry") nor a planned partnership ("X and ILO to
        promote ...").  A country that signs with the ILO ("Ukraine and ILO sign ...") is the party the
        work is for, not a partner: only a body named as one ("the Government of Ukraine") is.
        """
        if not self.english:
            return
        for i, sent in enumerate([head, *sentences(summary)]):
            mentions = self.gz.find(sent, ["project", "organization", "country"])  # one look-up a sentence
            named = [m.entity for m in mentions if m.entity.kind == "project"]
            refers = i == 0 or re.search(r"\bthe\s+project\b", sent, re.I)  # "built by the Project"
            project = named[0] if named else (primary if refers else None)
            partner_end: int | None = None  # a name joined to a partner's ("X and the Y") is one too
            found: list[tuple[int, int, Entity]] = [
                (m.start, m.end, m.entity) for m in mentions if m.entity.kind == "organization"
            ]
            for m in mentions:  # "the Government of Georgia": the government
                gov = re.search(r"\bGovernment\s+of\s+(?:the\s+)?$", sent[: m.start])
                if m.entity.kind == "country" and gov is not None:
                    found.append((gov.start(), m.end, self.gz.government(m.entity)))
            for gov_name in government_names(sent):  # "the ILO and the Belgian government": Belgium's
                country = self.gz.country_named(gov_name.country)
                if country is not None and not any(f[0] <= gov_name.start < f[1] for f in found):
                    found.append((gov_name.start, gov_name.end, self.gz.government(country)))
            every = self.gz.find(sent) if "ILO" in sent else []
            for start, end, acr in acronyms_with_ilo(sent):  # "IMM and ILO ...": a body known by its acronym
                if any(k.start < end and start < k.end for k in every) or _country_code(acr):
                    continue  # a known body, a country, a project: not a new organization
                if partnership_stated(sent, start, end):
                    found.append((start, end, self.gz.discover(acr, "other", acronym=acr)))
            for start, end, org in sorted(found, key=lambda f: f[0]):
                if org.iri == self.ilo or acts_for_the_ilo(sent[start:end]):
                    continue
                joined = partner_end is not None and joined_names(sent, partner_end, start)
                if not (joined or partnership_stated(sent, start, end)):
                    partner_end = None
                    continue
                partner_end = end
                self.declare_discovered(org)
                if project is not None:
                    self.declare_project(project)
                    self.b.add(project.iri, ILO.partner, org.iri)
                else:
                    self.b.add(news, ILO.partner, org.iri)

    def people(self, n: NewsItem, news: URIRef, primary: Entity | None, about: set[URIRef]) -> list[URIRef]:
        row = language(self.page.language)
        if row is not None:  # a page in another language: its own sentence shapes
            return self.people_in_language(f"{n.headline}. {n.summary}", row, news)
        out = []
        text = f"{n.headline}. {n.summary}"
        for st in people_in(n.headline, n.summary) if self.page.language == "en" else ():
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
            if st.ilo_staff:  # a minister or a UN coordinator does not work at the ILO office
                office = office or self.gz.region_office(text) or self.publisher
            title = st.title or (st.topic if st.topic and len(st.topic.split()) > 3 else None)
            if office is not None:
                self.b.add(p, ILO.worksAt, office.iri)
            if title:
                self.b.add(p, SCHEMA.jobTitle, title, lang="en")
                if n.precision == "day" and n.published is not None:  # a dated role needs its day
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
    def event(
        self,
        kind: str,
        key: str,
        n: NewsItem,
        news: URIRef,
        label: str,
        when: date | Literal | None = None,
        undated: bool = False,
    ) -> URIRef:
        """The event ``news`` reports, dated ``when`` (else the item's day); ``undated``: the item states it
        as done without a date of its own, so it has none and the item's report bounds when it happened."""
        ev = self.minter.id("event", slug(f"{_published(n) or 'undated'} {kind} {key}")[:100].strip("-"))
        if (ev, SKOS.prefLabel, None) in self.b.graph:
            self.b.add(news, ILO.reports, ev)  # two items of a day report one event: one label, one date
            return ev
        self.b.resource(ev, ILO[kind], label=label)
        self.b.add(ev, SCHEMA.name, label, lang="en")
        if not undated:
            self.b.add(ev, SCHEMA.startDate, when or _dated(n))
        self.b.add(news, ILO.reports, ev)
        return ev

    def own_date(self, sentence: str) -> Literal | None:
        """The date an undated item's sentence gives its event, with its year and to its precision, when the
        sentence tells it as done and the date is not after the page was retrieved; else None."""
        stated = sentence_when(sentence)
        if stated is None or not told_as_done(sentence):
            return None
        moment = stated.isoformat() if isinstance(stated, date) else stated
        if self.retrieved is not None and moment > self.retrieved[: len(moment)]:
            return None  # still to come when the page was read: a plan
        return when_literal(stated)

    def events(
        self, n: NewsItem, news: URIRef, text: str, head: str, primary: Entity | None, people: list[URIRef]
    ) -> None:
        head_countries = list(dict.fromkeys(m.entity for m in self.gz.find(head, ["country"])))
        stated = ratification_sentences(text)
        # an item dated by month only dates an event only by its sentence's own day
        day = n.precision == "day" and n.published is not None
        if stated and day:
            self.ratifications(n, news, text, stated)
        row = language(self.page.language)
        if row is not None:  # a page in another language: its verbs and dates
            mentions = lang_facts.event_mentions(n.headline, n.summary, row)
        else:
            mentions = event_mentions(n.headline, n.summary) if self.page.language == "en" else []
        for mention in mentions:
            kind = mention.kind
            when: Literal | None
            undated = False
            if not day and row is None and states_no_time(mention.sentence):
                # stated as done with no date: the item (month-dated or undated) bounds it.  Training is a
                # field as much as an event ("Vocational training and education in Ukraine": a subject):
                # undated, it is one only when told in a past form ("trained", "was held").
                if kind == "Training" and not told_as_done(mention.sentence):
                    continue
                undated = True
                when = None
            elif n.published is None:
                # an undated item: its sentence's own date with its year ("visited ... on 18 April 2017"),
                # told as done; a day without a year, or a relative one, says nothing the page can resolve
                when = self.own_date(mention.sentence) if row is None else None
                if when is None:
                    continue
            elif not day:  # an item dated by month only dates an event only by its sentence's own day
                stated_day = _sentence_day(mention.sentence, _last_day(n), row)
                if stated_day is None or stated_day != _sentence_day(mention.sentence, _dated(n), row):
                    continue  # no day stated, or one relative to a day the page does not give ("yesterday")
                when = when_literal(stated_day) if stated_day <= _last_day(n) else None
            elif row is not None:  # the language's own day-month phrases, else the item's day
                on = _sentence_day(mention.sentence, _dated(n), row) or _dated(n)
                when = when_literal(on) if on <= _dated(n) else None
            else:  # the date the sentence states, to its precision, else the item's day
                when = event_date(mention.sentence, _dated(n))
            if when is None and not undated:
                continue  # an event still to come is a plan, not a fact
            if kind in ("Interview", "Statement"):
                countries = head_countries  # a person's interview is not located by the places it mentions
                countries = countries or self.gz.city_countries(head)[:1]
            else:
                said = list(dict.fromkeys(m.entity for m in self.gz.find(mention.sentence, ["country"])))
                countries = head_countries or said[:2]
                # no country named: the region's city the headline or the sentence places it in
                countries = (
                    countries
                    or (self.gz.city_countries(head) or self.gz.city_countries(mention.sentence))[:1]
                )
            label = f"{EVENT_LABEL[kind]}: {n.headline}"
            key = _event_key(countries, primary, people, n.headline)
            own = " ".join(n.headline.split()[:6])
            if undated and slug(own) not in slug(key):  # no day to tell two items' events apart
                key = f"{key} {own}"
            ev = self.event(kind, key, n, news, label, when, undated)
            for c in countries:
                self.b.add(ev, ILO.inCountry, c.iri)
            for p in people:
                self.b.add(ev, ILO.participant, p)
            if primary is not None and kind in ("ProjectLaunch", "Training"):
                self.b.add(ev, ILO.project, primary.iri)
            if kind not in ("Publication", "Interview", "Statement"):  # who publishes or speaks takes no part
                for m in self.gz.find(head, ["organization"]):
                    if m.entity.iri != self.ilo and acting_with_ilo(head, m.start, m.end):
                        self.b.add(ev, ILO.participant, m.entity.iri)  # not "a meeting of the Council"
                sent = mention.sentence
                for m in self.gz.find(sent, ["organization"]):
                    if m.entity.iri != self.ilo and acting_with_ilo(sent, m.start, m.end):
                        self.b.add(ev, ILO.participant, m.entity.iri)
            self.event_funders(ev, mention.sentence)
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

    def event_funders(self, ev: URIRef, sentence: str) -> None:
        """The funders the event's own sentence states ("The ILO, together with the Ministry of Education,
        with support from the US Department of Labor organized a campaign in the schools"): the activity's
        ``ilo:fundedBy``. Not where the sentence names a project (its funders are the project's), nor in a
        sentence in another language (the funder shapes are English)."""
        if not self.english or self.gz.find(sentence, ["project"]):
            return
        for m in self.gz.find(sentence, ["organization"]):
            if m.entity.iri != self.ilo and funder_context(sentence, m.start, m.end, m.text):
                self.declare_discovered(m.entity)
                self.b.add(ev, ILO.fundedBy, m.entity.iri)

    def ratifications(self, n: NewsItem, news: URIRef, text: str, stated: list[str]) -> None:
        """Ratifications the item states as done, read from the sentences that state them.

        The conventions are those of those sentences (or of the item when a sentence says only
        "the Convention"); the country is the first one those sentences name.
        """
        where = " ".join(stated)
        codes = [f"C{num:03d}" for num in convention_numbers(where)]
        codes += [m.entity.iri.rsplit("/", 1)[-1] for m in self.gz.find(where, ["convention"])]
        if not codes:
            codes = [f"C{num:03d}" for num in convention_numbers(text)]
            codes += [m.entity.iri.rsplit("/", 1)[-1] for m in self.gz.find(text, ["convention"])]
        country = None
        for sent in stated:
            found = self.gz.find(sent, ["country"])
            if found:
                country = found[0].entity
                break
        if country is None or not codes:
            self.gz.unresolved.append((self.page.source_id, "ratification", n.line, n.headline))
            return
        rank = ratification_rank(text)
        for code in dict.fromkeys(codes):
            conv = self.minter.id("convention", code)
            title = self.gz.lookup(code, "convention")
            ev = self.event(
                "Ratification",
                f"{country.iri.rsplit('/', 1)[-1]} {code}",
                n,
                news,
                f"Ratification of the {title.label if title else code} by {country.label}",
            )
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


def _sentence_day(sentence: str, ref: date, row: Language | None) -> date | None:
    """The day a sentence gives its event, resolved from ``ref`` (in the words of the page's language)."""
    return lang_facts.sentence_date(sentence, ref, row) if row is not None else sentence_date(sentence, ref)


def _published(n: NewsItem) -> str | None:
    """The item's date as the page gives it: '2024-02-22', '2023-03' for an item dated by month, or None."""
    if n.published is None:
        return None
    return n.published.isoformat() if n.precision == "day" else n.published.isoformat()[:7]


def _dated(n: NewsItem) -> date:
    """The item's (first) day; only items with a date report events."""
    if n.published is None:
        raise ValueError(f"news item {n.headline!r} has no date: it reports no dated event")
    return n.published


def _last_day(n: NewsItem) -> date:
    """The latest day the item's date allows: itself, or the last day of its month."""
    day = _dated(n)
    if n.precision == "day":
        return day
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return following - timedelta(days=1)


def _country_code(text: str) -> bool:
    """Is ``text`` an ISO 3166 alpha-2 or alpha-3 country code ("UK" too)?"""
    import pycountry

    return text == "UK" or (
        len(text) in (2, 3)
        and (pycountry.countries.get(alpha_2=text) or pycountry.countries.get(alpha_3=text)) is not None
    )


def _government_country(gz: Gazetteer, e: Entity) -> URIRef | None:
    for country, gov in gz.governments.items():
        if gov.iri == e.iri:
            return country
    return None


def _event_key(countries: list[Entity], primary: Entity | None, people: list[URIRef], headline: str) -> str:
    """A stable key for an event: what it is about (countries by code, project, people), else its headline."""
    parts = [c.iri.rsplit("/", 1)[-1] for c in countries[:2]]
    parts += [p.rsplit("/", 1)[-1] for p in people[:2]]
    if primary is not None:
        parts.append(" ".join(primary.label.split()[:6]))
    if not parts:
        parts.append(" ".join(headline.split()[:6]))
    return " ".join(parts)
