"""Entity linking: one gazetteer resolves mentions to one IRI per thing.

Built from the reference data (countries and their other names, offices, organizations,
conventions, themes, curated project aliases) and the ontology's labels, then taught
the projects and people the pages name, so that a short or variant name anywhere
resolves to the same resource.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from rdflib import Graph, URIRef

from ilo_kg.iris import SKOS, Minter, slug
from ilo_kg.records import Page
from ilo_kg.reference import Reference

_STOP = {"the", "of", "and", "in", "to", "for", "on", "a", "an", "with", "through", "by", "at", "its"}
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def norm(text: str) -> str:
    """Normalised form of a name: straight quotes, no '*', single spaces, case-folded."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).replace("*", "").replace("İ", "I")
    return re.sub(r"\s+", " ", text).strip(" .,;:").casefold()


def tokens(text: str) -> set[str]:
    return {t for t in re.findall(r"[a-z0-9]+", norm(text)) if t not in _STOP and len(t) > 1}


def similar(a: str, b: str) -> float:
    ta, tb = tokens(a), tokens(b)
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / len(ta | tb)


@dataclass(frozen=True)
class Entity:
    iri: URIRef
    kind: str
    label: str


@dataclass(frozen=True)
class Mention:
    entity: Entity
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class WorldCountry:
    """A country outside the curated region rows, known by its ISO 3166 names (pycountry)."""

    alpha2: str
    alpha3: str
    name: str


@dataclass(frozen=True)
class Discovered:
    """An organization a page names that the curated list does not hold."""

    entity: Entity
    type: str  # "government" or "other"
    acronym: str | None = None
    country: URIRef | None = None  # a curated (region) country
    country_code: str | None = None  # ISO 3166-1 alpha-2, for a country outside the region


@dataclass
class Gazetteer:
    minter: Minter
    names: dict[str, Entity] = field(default_factory=dict)
    exact: dict[str, Entity] = field(default_factory=dict)  # acronyms: matched case-sensitively
    themes: dict[str, Entity] = field(default_factory=dict)
    regions: dict[str, Entity] = field(default_factory=dict)
    unresolved: list[tuple[str, str, int, str]] = field(default_factory=list)
    governments: dict[URIRef, Entity] = field(default_factory=dict)  # country IRI -> its government
    groups: dict[str, list[URIRef]] = field(default_factory=dict)  # "benelux countries" -> member IRIs
    world: dict[str, WorldCountry] = field(default_factory=dict)  # normalised name -> country
    discovered: dict[URIRef, Discovered] = field(default_factory=dict)
    cities: dict[str, Entity] = field(default_factory=dict)  # a city of the region -> its country
    _city_patterns: tuple[re.Pattern[str], re.Pattern[str]] | None = None
    _spans: dict[URIRef, tuple[date | None, date | None]] = field(default_factory=dict)
    _by_span: dict[tuple[URIRef, date | None], Entity] = field(default_factory=dict)
    _world_pattern: re.Pattern[str] | None = None
    _pattern: re.Pattern[str] | None = None
    _patterns: dict[bool, re.Pattern[str]] = field(default_factory=dict)
    _exact_pattern: re.Pattern[str] | None = None
    # names added after the patterns were compiled (discovered organizations, late people): matched by
    # small patterns of their own, so that a discovery does not recompile the whole alternation
    _late: dict[str, None] = field(default_factory=dict)
    _late_exact: dict[str, None] = field(default_factory=dict)
    _late_patterns: dict[bool | None, re.Pattern[str]] | None = None  # None: the acronyms
    _theme_pattern: re.Pattern[str] | None = None
    # names in other languages (language -> normalised name -> entity), matched only while a page of that
    # language is read (:meth:`reading`), so that they never stand for something else in another language
    localized: dict[str, dict[str, Entity]] = field(default_factory=dict)
    language: str = "en"
    _localized_patterns: dict[tuple[str, frozenset[str] | None], tuple[re.Pattern[str], re.Pattern[str]]] = (
        field(default_factory=dict)
    )

    # ------------------------------------------------------------------ building
    def add(self, entity: Entity, *names: str) -> None:
        compiled = self._pattern is not None
        for name in (entity.label, *names):
            name = name.strip()
            if not name:
                continue
            if _is_acronym(name):
                if name not in self.exact:
                    self.exact[name] = entity
                    if compiled:
                        self._late_exact[name] = None
                        self._late_patterns = None
            else:
                key = norm(name)
                if key not in self.names:
                    self.names[key] = entity
                    if compiled:
                        self._late[key] = None
                        self._late_patterns = None

    def _compile(self) -> None:
        self._patterns = {
            flag: _alternation(
                [n for n, e in self.names.items() if not flag or e.kind not in ("project", "person")]
            )
            for flag in (False, True)
        }
        self._pattern = self._patterns[False]
        self._exact_pattern = _exact_alternation(list(self.exact))
        self._late, self._late_exact, self._late_patterns = {}, {}, None

    def _compiled_late(self) -> dict[bool | None, re.Pattern[str]] | None:
        if not self._late and not self._late_exact:
            return None
        if self._late_patterns is None:
            self._late_patterns = {
                flag: _alternation(
                    [n for n in self._late if not flag or self.names[n].kind not in ("project", "person")]
                )
                for flag in (False, True)
            }
            self._late_patterns[None] = _exact_alternation(list(self._late_exact))  # acronyms
        return self._late_patterns

    @classmethod
    def from_reference(cls, ref: Reference, minter: Minter, ontology: Graph | None = None) -> Gazetteer:
        g = cls(minter)
        for c in ref.countries:
            short = "Kosovo" if c.alpha3 == "XKX" else c.name
            g.add(Entity(minter.id("country", c.alpha3), "country", short), c.name, *c.aliases, *c.demonyms)
        shorts = {c.alpha3: "Kosovo" if c.alpha3 == "XKX" else c.name for c in ref.countries}
        for city in ref.cities:
            g.cities[city.name] = Entity(minter.id("country", city.alpha3), "country", shorts[city.alpha3])
        g.add(
            Entity(minter.id("organization", ref.ilo.key), "organization", ref.ilo.name), *ref.ilo.alt_labels
        )
        g.add(Entity(minter.id("organization", ref.ilo.key), "organization", ref.ilo.name), "ILO's", "ILOs")
        for o in ref.organizations:
            g.add(Entity(minter.id("organization", o.key), "organization", o.name), *o.alt_labels)
        for alpha3, key in ref.governments().items():
            org = next(o for o in ref.organizations if o.key == key)
            g.governments[minter.id("country", alpha3)] = Entity(
                minter.id("organization", key), "organization", org.name
            )
        for office in ref.offices:
            g.add(Entity(minter.id("office", office.key), "office", office.name), *office.alt_labels)
            for former in office.former_names:
                g.add(Entity(minter.id("office", office.key), "office", office.name), former.name)
        for group, codes in ref.country_groups.items():
            g.groups[group.casefold()] = [minter.id("country", c) for c in codes]
        office_names = {office.key: office.name for office in ref.offices}
        for phrase, key in ref.regions.items():
            # the office's own name is its label wherever the phrase finds it
            g.regions[norm(phrase)] = Entity(
                minter.id("office", key), "office", office_names.get(key, phrase)
            )
        for conv in ref.conventions:
            e = Entity(minter.id("convention", conv.code), "convention", conv.title)
            names = [conv.title, conv.title.split(",")[0], conv.code]
            if conv.number is not None:
                names += [f"Convention No. {conv.number}", f"C{conv.number}"]
            if conv.code == "MLC2006":
                names += ["Maritime Labour Convention", "MLC, 2006", "MLC 2006"]
            g.add(e, *names)
        for project in ref.projects:
            g.add(Entity(minter.named("project", project.name), "project", project.name), *project.alt_labels)
        for t in ref.themes:
            e = Entity(minter.id("theme", t.key), "theme", t.label)
            for name in (t.label, *t.alt_labels):
                g.themes.setdefault(norm(name), e)
        if ontology is not None:
            g._learn_ontology_labels(ontology)
        g._learn_world({c.alpha3 for c in ref.countries})
        g._learn_localized(ref)
        return g

    def _learn_localized(self, ref: Reference) -> None:
        """The curated bodies' names in other languages, and the region's countries by their names in them."""
        from ilo_kg.languages import LANGUAGES
        from ilo_kg.languages.names import country_names, variants

        labels = {o.key: o.name for o in ref.organizations} | {ref.ilo.key: ref.ilo.name}
        office_labels = {o.key: o.name for o in ref.offices}
        for n in ref.localized:
            label = office_labels[n.key] if n.kind == "office" else labels[n.key]
            entity = Entity(self.minter.id(n.kind, n.key), n.kind, label)
            for form in variants(n.name, n.lang):
                key = form if _is_acronym(form) else norm(form)
                self.localized.setdefault(n.lang, {}).setdefault(key, entity)
        curated = {c.alpha3: ("Kosovo" if c.alpha3 == "XKX" else c.name) for c in ref.countries}
        for lang in LANGUAGES:
            for name, alpha3 in country_names(lang).items():
                if alpha3 in curated:
                    entity = Entity(self.minter.id("country", alpha3), "country", curated[alpha3])
                    for form in variants(name, lang):
                        self.localized.setdefault(lang, {}).setdefault(norm(form), entity)

    @contextmanager
    def reading(self, language: str) -> Iterator[None]:
        """Within the block, :meth:`find` and :meth:`lookup` also know the names of ``language``."""
        before, self.language = self.language, language
        try:
            yield
        finally:
            self.language = before

    def is_localized(self, name: str) -> bool:
        """Is ``name`` a name of the language being read (not the English label or an English alias)?"""
        local = self.localized.get(self.language, {})
        return name.strip() in local or norm(name) in local

    def _find_localized(self, text: str, kinds: frozenset[str] | None = None) -> list[Mention]:
        names = self.localized.get(self.language)
        if not names:
            return []
        key = (self.language, kinds)
        patterns = self._localized_patterns.get(key)
        if patterns is None:
            wanted = [n for n, e in names.items() if kinds is None or e.kind in kinds]
            patterns = (
                _alternation([n for n in wanted if not _is_acronym(n)]),
                _exact_alternation([n for n in wanted if _is_acronym(n)]),
            )
            self._localized_patterns[key] = patterns
        hits = []
        for m in (m for p in patterns for m in p.finditer(text)):
            found = m.group(1)
            e = names.get(found) if _is_acronym(found) else names.get(norm(found))
            if e is None:
                continue
            if e.kind == "country" and " " not in found and re.match(r"\s+[A-ZÀ-Þ][a-zà-ÿ]", text[m.end() :]):
                continue  # "Maurice Thorez", "Dominique Dupont": a given name, not a country
            hits.append(Mention(e, m.start(), m.end(), text[m.start() : m.end()]))
        return hits

    def _learn_world(self, curated: set[str]) -> None:
        """Every other country of the world by its ISO 3166 names (short, official, common)."""
        import pycountry

        for c in pycountry.countries:
            if c.alpha_3 in curated:
                continue
            country = WorldCountry(c.alpha_2, c.alpha_3, getattr(c, "common_name", None) or c.name)
            names = {c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")}
            for name in filter(None, names):
                self.world.setdefault(norm(name), country)
                if "," in name:  # "Korea, Republic of" -> "Republic of Korea"
                    head, _, tail = name.partition(",")
                    self.world.setdefault(norm(f"{tail.strip()} {head.strip()}"), country)
        for extra, code in _WORLD_EXTRA.items():
            found = pycountry.countries.get(alpha_3=code)
            if found is not None and code not in curated:
                self.world.setdefault(
                    norm(extra), WorldCountry(found.alpha_2, code, getattr(found, "common_name", found.name))
                )

    def city_countries(self, text: str) -> list[Entity]:
        """The countries of the region's cities ``text`` places something in, in order: "in Moscow",
        "in Mersin and Adana", or a dateline ("TASHKENT – The staff gathered ...").

        Only a city after "in" or in a dateline counts: a bare name may be a person ("Sofia") or stand for
        a body ("Brussels decided").
        """
        if not self.cities:
            return []
        if self._city_patterns is None:
            names = "|".join(re.escape(n) for n in sorted(self.cities, key=len, reverse=True))
            upper = "|".join(re.escape(n.upper()) for n in sorted(self.cities, key=len, reverse=True))
            self._city_patterns = (
                re.compile(
                    rf"\bin\s+(?:the\s+city\s+of\s+)?((?:{names})(?:(?:\s*,\s*|\s+and\s+)(?:{names}))*)\b"
                ),
                re.compile(rf"(?:^|,\s*)({upper})\s*[–—-]\s"),
            )
        places, dateline = self._city_patterns
        found: list[tuple[int, str]] = []
        for m in places.finditer(text):
            run = m.group(1)
            for name in sorted(self.cities, key=len, reverse=True):
                for hit in re.finditer(rf"\b{re.escape(name)}\b", run):
                    found.append((m.start(1) + hit.start(), name))
        for m in dateline.finditer(text):
            name = next(n for n in self.cities if n.upper() == m.group(1))
            found.append((m.start(1), name))
        out: dict[URIRef, Entity] = {}
        for _, name in sorted(found):
            out.setdefault(self.cities[name].iri, self.cities[name])
        return list(out.values())

    def world_countries(self, text: str) -> list[tuple[WorldCountry, int, int]]:
        """Countries outside the region named in ``text``, with their spans."""
        if self._world_pattern is None:
            self._world_pattern = _alternation(list(self.world))
        clean = text.translate(_QUOTES)
        return [
            (self.world[norm(m.group(1))], m.start(), m.end()) for m in self._world_pattern.finditer(clean)
        ]

    def discover(
        self,
        name: str,
        kind: str = "other",
        *,
        acronym: str | None = None,
        country: URIRef | None = None,
        country_code: str | None = None,
    ) -> Entity:
        """An organization the curated list lacks: minted from its name, known from now on by it."""
        name = re.sub(r"\s+", " ", name).strip(" ,.;:")
        known = self.lookup(name) or (self.exact.get(acronym) if acronym else None)
        if known is not None and known.kind == "organization":
            return known
        entity = Entity(self.minter.id("organization", slug(name)), "organization", name)
        prior = self.discovered.get(entity.iri)
        if (
            prior is not None
        ):  # the same name written otherwise ("Conseil économique, social et ..."): one label
            entity = prior.entity
        self.add(entity, name, *(a for a in (acronym,) if a and a not in self.exact))
        self.discovered[entity.iri] = Discovered(
            entity,
            kind,
            acronym or (prior.acronym if prior else None),
            country or (prior.country if prior else None),
            country_code or (prior.country_code if prior else None),
        )
        return entity

    def government(self, country: Entity | WorldCountry) -> Entity:
        """The government of a country: the curated one, else one discovered under its usual name."""
        if isinstance(country, Entity):
            gov = self.governments.get(country.iri)
            if gov is not None:
                return gov
            label = country.label
            article = "the " if re.match(r"(?:Republic|Russian|United|Kyrgyz|Slovak|Czech)\b", label) else ""
            return self.discover(f"Government of {article}{label}", "government", country=country.iri)
        article = "the " if re.match(r"(?:Republic|United|Russian)\b", country.name) else ""
        return self.discover(
            f"Government of {article}{country.name}", "government", country_code=country.alpha2
        )

    def country_named(self, text: str) -> Entity | WorldCountry | None:
        """The country a name or an adjective names ("Serbia", "the UK", "Uzbek"), curated or of the world."""
        name = re.sub(r"^the\s+", "", text.strip(), flags=re.I)
        name = _ADJECTIVES.get(name, name)
        curated = self.lookup(name, "country")
        if curated is not None:
            return curated
        return self.world.get(norm(name))

    def _learn_ontology_labels(self, ontology: Graph) -> None:
        # Alternative labels the ontology gives our own individuals (none today; kept general).
        prefix = self.minter.id_space
        for s, label in ontology.subject_objects(SKOS.altLabel):
            if isinstance(s, URIRef) and str(s).startswith(prefix):
                kind = str(s)[len(prefix) :].split("/", 1)[0]
                self.add(Entity(s, kind, str(label)), str(label))

    # ------------------------------------------------------------------ people and projects
    def add_project(self, name: str, *aliases: str) -> Entity:
        """A project by its canonical name; an existing one when the name is a known variant."""
        known = self.project_like(name)
        if known is not None:
            self.add(known, name, *aliases)
            return known
        entity = Entity(self.minter.named("project", name), "project", name)
        self.add(entity, *aliases)
        return entity

    def listed_project(self, title: str, start: date | None, end: date | None, *aliases: str) -> Entity:
        """The project a listing item names, by title and dates.

        Another listing (a page of another year) may name a project of the same or a similar title
        with other dates: a later phase or a new project under an old name.  It becomes a resource
        of its own, minted from the title and its start year, never a merge that would give one
        project two start dates.  A listing item with the same start date is the same project.
        """
        known = self.project_like(title)
        if known is None:
            entity = self.add_project(title, *aliases)
            self._spans.setdefault(entity.iri, (start, end))
            self._by_span[(entity.iri, start)] = entity
            return entity
        first = self._spans.setdefault(known.iri, (start, end))
        if first[0] == start or start is None or first[0] is None:
            self.add(known, title, *aliases)
            return known
        key = (known.iri, start)
        if key not in self._by_span:
            iri = self.minter.named("project", f"{title} {start.year}")
            self._by_span[key] = Entity(iri, "project", title)
            self._spans[iri] = (start, end)
        return self._by_span[key]

    def project_like(self, name: str, threshold: float = 0.7) -> Entity | None:
        hit = self.names.get(norm(name)) or self.exact.get(name.strip())
        if hit is not None and hit.kind == "project":
            return hit
        best: tuple[float, str, Entity] | None = None
        for key, entity in self.names.items():
            if entity.kind != "project":
                continue
            score = similar(name, key)
            if score >= threshold and (best is None or (score, key) > best[:2]):
                best = (score, key, entity)
        return best[2] if best else None

    def add_person(self, name: str) -> Entity:
        known = self.person_like(name)
        if known is not None:
            if len(name) > len(known.label):  # keep the fullest form as the canonical label
                better = Entity(known.iri, "person", name)
                for key, e in list(self.names.items()):
                    if e == known:
                        self.names[key] = better
                self.add(better, name)
                return better
            self.add(known, name)
            return known
        entity = Entity(self.minter.named("person", name), "person", name)
        self.add(entity)
        return entity

    def person_like(self, name: str) -> Entity | None:
        """The same person under a short or full name: same surname, one given name a prefix of the other."""
        parts = norm(name).split()
        if len(parts) < 2:
            return None
        for key, entity in self.names.items():
            if entity.kind != "person":
                continue
            other = key.split()
            if other[-1] == parts[-1] and (other[0].startswith(parts[0]) or parts[0].startswith(other[0])):
                return entity
        return None

    # ------------------------------------------------------------------ lookup
    def lookup(self, name: str, kind: str | None = None) -> Entity | None:
        e = self.exact.get(name.strip().rstrip("*")) or self.names.get(norm(name))
        if e is None and self.language in self.localized:
            local = self.localized[self.language]
            e = local.get(name.strip()) or local.get(norm(name))
        if e is None and norm(name).startswith("the "):
            e = self.names.get(norm(name)[4:])
        if e is None and kind == "person":
            e = self.person_like(name)
        if e is not None and kind is not None and e.kind != kind:
            return None
        return e

    def resolve(self, name: str, kind: str, where: tuple[str, int]) -> Entity | None:
        """Like :meth:`lookup`, but an unresolved mention is recorded for ``ilo-kg stats``."""
        e = self.lookup(name, kind)
        if e is None:
            self.unresolved.append((where[0], kind, where[1], name))
        return e

    def region_office(self, text: str) -> Entity | None:
        n = norm(text)
        for phrase in sorted(self.regions, key=len, reverse=True):
            if re.search(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", n):
                return self.regions[phrase]
        return None

    def find(self, text: str, kinds: Iterable[str] | None = None, *, inside: bool = False) -> list[Mention]:
        """All non-overlapping mentions in ``text``, longest first, in text order.

        ``inside``: mentions of ``kinds`` even within a longer name of another kind (the country in
        "Bureau de l'OIT pour la France").
        """
        wanted = set(kinds) if kinds is not None else None
        # names of projects and people may contain a country's name: they only shadow it when wanted
        plain = wanted is not None and not wanted & {"project", "person"}
        if self._pattern is None:
            self._compile()
        clean = _latin_lookalikes(text.translate(_QUOTES))
        hits: list[Mention] = []
        late = self._compiled_late()
        for pattern in (self._patterns[plain], *((late[plain],) if late else ())):
            for m in pattern.finditer(clean):
                e = self.names.get(norm(m.group(1)))
                if e is not None:
                    hits.append(Mention(e, m.start(), m.end(), text[m.start() : m.end()]))
        assert self._exact_pattern is not None
        exact = [self._exact_pattern, *((late[None],) if late else ())]
        for pattern in exact:
            for m in pattern.finditer(clean):
                hits.append(Mention(self.exact[m.group(1)], m.start(), m.end(), m.group(1)))
        hits += self._short_people(clean)
        hits += self._find_localized(clean, frozenset(wanted) if inside and wanted is not None else None)
        if inside and wanted is not None:
            hits = [h for h in hits if h.entity.kind in wanted]
        if plain:
            hits = [h for h in hits if h.entity.kind not in ("project", "person")]
        chosen: list[Mention] = []
        for h in sorted(hits, key=lambda h: (-(h.end - h.start), h.start)):
            if all(h.end <= c.start or h.start >= c.end for c in chosen):
                chosen.append(h)
        return sorted((c for c in chosen if wanted is None or c.entity.kind in wanted), key=lambda c: c.start)

    def _short_people(self, text: str) -> list[Mention]:
        out = []
        for m in re.finditer(r"\b([A-Z][a-z]+) ([A-Z][a-z]+)\b", text):
            e = self.person_like(m.group(0))
            if e is not None:
                out.append(Mention(e, m.start(), m.end(), m.group(0)))
        return out

    def find_themes(self, text: str) -> list[Entity]:
        if self._theme_pattern is None:
            names = sorted(self.themes, key=len, reverse=True)
            self._theme_pattern = re.compile(
                r"(?<![\w-])(" + "|".join(re.escape(n) for n in names) + r")(?![\w])", re.IGNORECASE
            )
        found: dict[URIRef, Entity] = {}
        for m in self._theme_pattern.finditer(text.translate(_QUOTES)):
            e = self.themes[norm(m.group(1))]
            found.setdefault(e.iri, e)
        return list(found.values())

    def government_of(self, country: Entity) -> Entity | None:
        """The government organization of a country, when the reference data names one."""
        return self.governments.get(country.iri)


# English names of countries that ISO 3166 spells otherwise
_WORLD_EXTRA = {
    "United States": "USA",
    "USA": "USA",
    "the US": "USA",
    "United States of America": "USA",
    "South Korea": "KOR",
    "Korea": "KOR",
    "Republic of Korea": "KOR",
    "Iran": "IRN",
    "Syria": "SYR",
    "Vietnam": "VNM",
    "Laos": "LAO",
    "Bolivia": "BOL",
    "Venezuela": "VEN",
    "Tanzania": "TZA",
    "Taiwan": "TWN",
}


# A country's adjective as the pages use it before "Government" ("the Uzbek government"): only for naming
# governments (the gazetteer does not link these words as countries, where "Russian aggression" or "Turkish
# Employment Agency" would name no country of an event).
_ADJECTIVES_TEXT = """
Albanian=Albania;Andorran=Andorra;Armenian=Armenia;Austrian=Austria;Azerbaijani=Azerbaijan;
Belarusian=Belarus;Belgian=Belgium;Bosnian=Bosnia and Herzegovina;Bulgarian=Bulgaria;
Croatian=Croatia;Cypriot=Cyprus;Czech=Czechia;Danish=Denmark;Estonian=Estonia;Finnish=Finland;
French=France;Georgian=Georgia;German=Germany;Greek=Greece;Hungarian=Hungary;Icelandic=Iceland;
Irish=Ireland;Israeli=Israel;Italian=Italy;Kazakh=Kazakhstan;Kazakhstani=Kazakhstan;
Kyrgyz=Kyrgyzstan;Latvian=Latvia;Lithuanian=Lithuania;Luxembourgish=Luxembourg;Maltese=Malta;
Moldovan=Moldova;Montenegrin=Montenegro;Dutch=Netherlands;Macedonian=North Macedonia;
North Macedonian=North Macedonia;Norwegian=Norway;Polish=Poland;Portuguese=Portugal;
Romanian=Romania;Russian=Russian Federation;Serbian=Serbia;Slovak=Slovakia;Slovenian=Slovenia;
Spanish=Spain;Swedish=Sweden;Swiss=Switzerland;Tajik=Tajikistan;Turkish=Türkiye;
Turkmen=Turkmenistan;Ukrainian=Ukraine;British=United Kingdom;UK=United Kingdom;Uzbek=Uzbekistan;
American=United States;US=United States;Japanese=Japan;Canadian=Canada;Australian=Australia;
Korean=Republic of Korea;Chinese=China;Indian=India;Bangladeshi=Bangladesh
"""
_ADJECTIVES = {
    adjective: country
    for adjective, _, country in (
        pair.partition("=") for pair in _ADJECTIVES_TEXT.replace("\n", "").split(";")
    )
}

_CYRILLIC_LOOKALIKES = str.maketrans("аеорсухіјкмтвнАЕОРСУХІЈКМТВН", "aeopcyxijkmtbhAEOPCYXIJKMTBH")


_CYRILLIC = re.compile("[\u0400-\u04ff]")
_CYRILLIC_WORD = re.compile("\\w*[\u0400-\u04ff]\\w*")
_LATIN = re.compile("[a-zA-Z]")


def _latin_lookalikes(text: str) -> str:
    """Cyrillic letters that look Latin, inside words that mix both scripts, read as the Latin letter
    ("Statе Duma" typed with a Cyrillic е is the State Duma); same length, so spans hold."""
    if not _CYRILLIC.search(text):
        return text
    return _CYRILLIC_WORD.sub(
        lambda m: m.group(0).translate(_CYRILLIC_LOOKALIKES) if _LATIN.search(m.group(0)) else m.group(0),
        text,
    )


_NEVER = re.compile(r"(?!)()")


def _exact_alternation(names: list[str]) -> re.Pattern[str]:
    if not names:
        return _NEVER
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(a) for a in ordered) + r")(?![\w])")


def _alternation(names: list[str]) -> re.Pattern[str]:
    if not names:
        return _NEVER
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w])(" + "|".join(re.escape(n) for n in ordered) + r")(?![\w])", re.IGNORECASE)


def _is_acronym(name: str) -> bool:
    return len(name) <= 6 and (
        name.isupper() or bool(re.fullmatch(r"[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*", name))
    )


def entity_key(entity: Entity) -> str:
    return slug(entity.label)


def learn_pages(gazetteer: Gazetteer, pages: Iterable[Page]) -> None:
    """Teach the gazetteer the projects and people the pages name, in page order (deterministic)."""
    from ilo_kg.languages import language
    from ilo_kg.languages.facts import people as language_people
    from ilo_kg.textfacts import headline_project, names_projects, people_in, project_names, short_name

    pages = list(pages)
    for page in pages:
        for item in page.projects:
            aliases = []
            head = short_name(item.title)
            if head:
                aliases.append(head)
            gazetteer.listed_project(item.title, item.start, item.end, *aliases)
    for page in pages:
        row = language(page.language)
        for news in page.news:
            for name in project_names(f"{news.headline}. {news.summary}"):
                gazetteer.add_project(name)
            # "ILO launches ... project to promote jobs in Ukraine": a project, when the page names none
            launched = headline_project(news.headline) if page.language == "en" else None
            if launched is not None and not names_projects(page.news):
                gazetteer.add_project(launched)
            if row is not None:  # a page in another language: its own sentence shapes
                found = language_people(f"{news.headline}. {news.summary}", row)
            else:
                found = people_in(news.headline, news.summary) if page.language == "en" else []
            for person in found:
                gazetteer.add_person(person.name)
