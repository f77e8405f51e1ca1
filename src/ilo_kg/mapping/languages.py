"""Pages in another language -> triples: people, organizations and figures read with the language's row.

The hooks in :class:`ilo_kg.mapping.pages.PageMapper` call these for a page whose language has a row in
:data:`ilo_kg.languages.LANGUAGES`; text keeps its language (``@fr``, ``@it``, ...).  Preferred labels stay
the project's English display labels (``skos:prefLabel`` is ``@en`` by the shapes); the page's own words are
in ``schema:name``, ``schema:jobTitle``, ``schema:headline`` and ``skos:altLabel`` with the page's tag.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from rdflib import XSD, Literal, URIRef

from ilo_kg.iris import ILO, SCHEMA, SKOS, slug
from ilo_kg.languages import Language, language
from ilo_kg.languages.facts import (
    agreement_parties_at,
    clean,
    is_state_name,
    office_entry,
    organization_names,
    people,
    quantities,
    represented_in,
    sentences,
    title_organizations,
)
from ilo_kg.link import Entity

if TYPE_CHECKING:
    from ilo_kg.link import Gazetteer
    from ilo_kg.mapping.base import GraphBuilder
    from ilo_kg.records import Page

_NOT_ORGANIZATIONS = ("office", "project", "convention", "person", "country")


class LanguageMapping:
    """The other-language part of :class:`ilo_kg.mapping.pages.PageMapper` (which provides the attributes)."""

    page: Page
    gz: Gazetteer
    b: GraphBuilder
    ilo: URIRef
    publisher: Entity | None

    def declare(self, e: Entity, *types: URIRef) -> URIRef:
        raise NotImplementedError

    def declare_discovered(self, e: Entity, lang: str = "en") -> None:
        raise NotImplementedError

    @property
    def row(self) -> Language | None:
        """The language row of the page, or None for English (read by :mod:`ilo_kg.textfacts`)."""
        return language(self.page.language)

    def localized_labels(self, text: str, own: bool = False) -> None:
        """A curated body named in the page's language gets that name as an alternative label here; an
        office whose name, as the page writes it, names countries ("Bureau de l'OIT pour la France",
        "Ufficio OIL per l'Italia e San Marino") covers them, where the page names it as its own office
        (``own``: its title, a heading, its first paragraph)."""
        for m in self.gz.find(text, ["organization", "office"]):
            if not self.gz.is_localized(m.text) or self.gz.lookup(m.text) != m.entity:
                continue
            if m.entity.iri in self.gz.discovered:
                continue
            self.b.resource(m.entity.iri)
            self.b.add(m.entity.iri, SKOS.altLabel, m.text, lang=self.page.language)
            if m.entity.iri != self.ilo:
                self.b.add(self.b.source, ILO.mentions, m.entity.iri)
            if own and m.entity.kind == "office":  # where the page names its own office
                for c in self.gz.find(m.text, ["country"], inside=True):
                    self.declare(m.entity, ILO.Office)
                    self.b.add(m.entity.iri, ILO.covers, c.entity.iri)

    def discover_in_language(self, text: str, row: Language) -> None:
        """Organizations the text names in its language that the gazetteer does not know."""
        known = self.gz.find(text)
        for found in organization_names(text, row):
            if self.gz.lookup(found.name) is not None or self.gz.region_office(found.name):
                continue
            if any(m.start < found.end and found.start < m.end for m in known):
                continue  # a curated body, a country, an office, a person's name
            if any(m.entity.kind in _NOT_ORGANIZATIONS for m in self.gz.find(found.name)):
                continue
            if found.acronym and self.gz.exact.get(found.acronym) is not None:
                continue
            e = self.gz.discover(found.name, found.kind, acronym=found.acronym)
            self.declare_discovered(e, self.page.language)

    def people_in_language(self, text: str, row: Language, mentioned_by: URIRef) -> list[URIRef]:
        """People named with their titles; the titles as written, in the page's language."""
        out = []
        for st in people(text, row):
            known = self.gz.lookup(st.name)
            if known is not None and known.kind != "person":
                continue  # "San Marino, ...": a place or a body, not a person
            e = self.gz.add_person(st.name)
            p = self.declare(e, ILO.Person)
            out.append(p)
            self.b.add(p, SCHEMA.name, e.label, lang="en")
            if st.title:
                self.b.add(p, SCHEMA.jobTitle, st.title, lang=self.page.language)
                for short in title_organizations(st.title):
                    if self.gz.lookup(short) is None:
                        self.declare_discovered(
                            self.gz.discover(short, "other", acronym=None), self.page.language
                        )
            self.b.add(mentioned_by, ILO.mentions, p)
        return out

    def quantities_in_language(self, subject: URIRef, text: str, row: Language) -> None:
        """The figures ``text`` states, as ilo:Quantity nodes of ``subject``."""
        lang = self.page.language
        for q in quantities(text, row):
            node = URIRef(f"{subject}#quantity-{slug(f'{q.value} {q.unit}')[:60]}")
            self.b.resource(node, ILO.Quantity, label=q.phrase)
            self.b.add(subject, ILO.statesQuantity, node)
            value = (
                Literal(q.value) if isinstance(q.value, int) else Literal(str(q.value), datatype=XSD.decimal)
            )
            self.b.add(node, SCHEMA.value, value)
            self.b.add(node, SCHEMA.unitText, q.unit, lang=lang)
            self.b.add(node, ILO.qualifier, q.qualifier, lang=lang)
            self.b.add(node, SCHEMA.description, q.sentence, lang=lang)

    def coverage_in_language(self, text: str, row: Language) -> None:
        """An office that represents the ILO in a country ("A OIT-Lisboa assegura a representação da OIT
        junto dos seus constituintes em Portugal") covers it: the office named before the verb, the
        countries (or a group of them, "pays du Benelux") named after it in the same clause."""
        for sent in sentences(text):
            sent = clean(sent)
            end = represented_in(sent, row)
            if end is None:
                continue
            offices = [m for m in self.gz.find(sent[:end], ["office"])]
            clause = re.split(r"[;:]", sent[end:])[0]
            countries = [m.entity.iri for m in self.gz.find(clause, ["country"])]
            for group, members in self.gz.groups.items():
                if re.search(rf"(?<![\w-]){re.escape(group)}(?![\w-])", clause, re.I):
                    countries += members
            if len(offices) != 1 or not countries:
                continue  # no office, or two: whose representation it is is not said
            office = offices[0].entity
            self.declare(office, ILO.Office)
            for c in dict.fromkeys(countries):
                self.b.add(office.iri, ILO.covers, c)

    def state_parties(self, text: str, row: Language) -> None:
        """A state named by its formal name as a party to an agreement ("um Acordo entre a Organização
        Internacional do Trabalho e a República Portuguesa") is its government (curated, else discovered),
        with the page's words as an alternative label."""
        for sent in sentences(text):
            sent = clean(sent)
            at = agreement_parties_at(sent, row)
            if at is None:
                continue
            for m in self.gz.find(sent[at:], ["country"]):
                if not is_state_name(m.text, row) or m.entity.kind != "country":
                    continue
                gov = self.gz.government(m.entity)
                self.declare_discovered(gov)
                self.b.add(gov.iri, SKOS.altLabel, m.text, lang=self.page.language)
                self.b.add(self.b.source, ILO.mentions, gov.iri)

    def office_list_entry(self, text: str, row: Language) -> None:
        """An entry of a list of the ILO's offices by city ("Bruxelles, (bureau de liaison pour les pays du
        Benelux ...)"): the curated office in that city (named as the language names an office in a city)
        covers the countries its role names, and the city as the page writes it is the office's label
        there."""
        entry = office_entry(text, row)
        if entry is None or not row.office_in_city:
            return
        city, role = entry
        office = self.gz.lookup(row.office_in_city.format(city), "office")
        if office is None:
            return
        countries = [m.entity.iri for m in self.gz.find(role, ["country"])]
        for group, members in self.gz.groups.items():
            if re.search(rf"(?<![\w-]){re.escape(group)}(?![\w-])", role, re.I):
                countries += members
        if not countries:
            return
        self.declare(office, ILO.Office)
        self.b.add(office.iri, SKOS.altLabel, city, lang=self.page.language)
        for c in dict.fromkeys(countries):
            self.b.add(office.iri, ILO.covers, c)
