"""Score what the real build extracts from a development corpus against hand-written expected facts.

    python bench/score_extraction.py [--corpus data/corpus] [--pages GLOB] [--show-misses]

The corpus is ``expected/NNN_slug.yaml`` (the facts a reader finds on each page), ``index.csv`` and the
pages: ``pages/NNN_slug.txt`` in the corpus folder when it has one, else this project's source pages
``data/sources/NNN_slug.txt`` (the development corpus is part of the default graph).  The pages are
built with the project's real pipeline: this tree's
``data/reference``, ``ontology``, ``shapes`` and ``queries`` are copied into a temporary root, the pages go
into its ``data/sources/`` and ``ilo-kg build --root TMP --output TMP/dist`` runs as a subprocess.  A page
the build refuses is reported as refused (with the build's reason) and its expected facts count as missed:
a failure naming a page sets that page aside; one naming none (shapes, consistency) is narrowed down by
building halves, down to single pages; the accepted pages are then built together once more.

Each page's named graph (``…/graph/source/{id}``, found by its ``ilo:fileName``) and the labels of the
entities it links to are then compared with the expected facts, type by type (``FACTS`` below: one row per
fact type with its SPARQL, the expected-file section it is scored against and how its facts are paired).
Matching is lenient on surface form (case, accents, quotes, dashes, whitespace, a leading "the", an acronym
in parentheses, a title contained in / containing the other, a person by full name or by surname with a
first-name prefix, an organization by any label or skos:altLabel) and strict on values (dates to the
precision the expected file states, numbers, ISO country codes); a figure's unit matches the expected unit
or, for a page in another language, the words of the expected quote.  An event must also come from the text
its quote is in.  A match where the graph leaves out a value the page states (an event's country, a
project's dates) counts as found and is listed as partial.

Recall: expected facts found / expected facts.  Precision: asserted facts that some expected fact matches /
asserted facts (the unmatched ones are listed for a human to judge).  ``not_facts`` (a call, a plan, a
denial, ...) are checked against the asserted facts no expected fact justifies: an asserted fact from the
text of a not_fact is a false positive and is listed.

Writes ``bench/results/extraction-<date>.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import fnmatch
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import yaml

ROOT = Path(__file__).resolve().parents[1]
PROJECT_PARTS = ("data/reference", "ontology", "shapes", "queries")

PREFIXES = {
    "ilo": "https://w3id.org/ilo-kg/ontology#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
}
ILO = PREFIXES["ilo"]

# Organizations that are the ILO itself (its offices, the Organization): every page is published by one and
# every project item is implemented by it, so they are neither "organizations" nor "partners" of a page.
_NOT_THE_ILO = """
    FILTER NOT EXISTS { ?o rdf:type/rdfs:subClassOf* ilo:Office }
    FILTER NOT EXISTS { ?o rdf:type ilo:InternationalLabourOrganization }"""
_ORG = "?o rdf:type/rdfs:subClassOf* ilo:Organization ." + _NOT_THE_ILO


@dataclass(frozen=True)
class FactType:
    """One fact type: the SPARQL giving the asserted facts of every page graph (``?g``) and how to score it.

    ``section`` is the expected file's section; ``pairing`` is ``one-to-one`` (an asserted fact answers at
    most one expected fact: news items, projects, figures, events) or ``many`` (the same entity may answer
    several expected lines, e.g. "EU" and "European Union").
    """

    section: str
    sparql: str
    pairing: str
    what: str


# ---------------------------------------------------------------------------------------------------------
# THE TABLE: fact type -> SPARQL over the built dataset (default graph = union of all graphs, so labels and
# types come from the reference, ontology and inferred graphs; ``GRAPH ?g`` is the page's own graph).
# ---------------------------------------------------------------------------------------------------------
FACTS: dict[str, FactType] = {
    "news": FactType(
        "news",
        """SELECT ?g ?s ?title ?date WHERE { GRAPH ?g { ?s a ilo:NewsItem .
             OPTIONAL { ?s schema:headline ?title } OPTIONAL { ?s schema:datePublished ?date } } }""",
        "one-to-one",
        "title (lenient) + date (to the stated precision)",
    ),
    "projects": FactType(
        "projects",
        """SELECT ?g ?s ?start ?end WHERE { GRAPH ?g { ?s a ilo:Project .
             OPTIONAL { ?s schema:startDate ?start } OPTIONAL { ?s schema:endDate ?end } } }""",
        "one-to-one",
        "any label of the project (lenient) + start/end when stated",
    ),
    "funders": FactType(
        "funders",
        "SELECT ?g ?s ?o WHERE { GRAPH ?g { ?s ilo:fundedBy ?o } }",
        "many",
        "funder by any label + `of` = a label of the project or the headline of a news item naming it",
    ),
    "partners": FactType(
        "partners",
        f"""SELECT DISTINCT ?g ?s ?o WHERE {{
             {{ GRAPH ?g {{ ?s ilo:partner|ilo:implementedBy ?o }} }}
             UNION {{ GRAPH ?g {{ ?s ilo:reports ?e . ?e ilo:participant|ilo:organizer ?o }} }}
             {_ORG} }}""",
        "many",
        "partner/implementer of a project, or organization taking part in an event a news item reports",
    ),
    "organizations": FactType(
        "organizations",
        f"""SELECT DISTINCT ?g ?o WHERE {{
             GRAPH ?g {{ {{ ?s ?p ?o }} UNION {{ ?o a ?t }} }} FILTER(isIRI(?o)) {_ORG} }}""",
        "many",
        "any organization (not the ILO or its offices) the page graph declares or links to, by any label",
    ),
    "people": FactType(
        "people",
        "SELECT ?g ?s WHERE { GRAPH ?g { ?s a ilo:Person } }",
        "many",
        "full name, or surname + first-name prefix, against any label",
    ),
    "titles": FactType(
        "people",
        """SELECT ?g ?s ?title WHERE { GRAPH ?g { ?s a ilo:Person .
             { ?s schema:jobTitle ?title } UNION
             { ?c ilo:claimSubject ?s ; ilo:claimProperty schema:jobTitle ; ilo:claimValue ?title } } }""",
        "many",
        "the person (as in people) + schema:jobTitle contained in / containing the expected title",
    ),
    "figures": FactType(
        "figures",
        """SELECT ?g ?s ?p ?v WHERE { { GRAPH ?g { ?s ?p ?v } ?p rdfs:subPropertyOf+ ilo:figure }
             UNION { GRAPH ?g { ?s ilo:statesQuantity ?q . ?q schema:value ?v ; schema:unitText ?p } } }""",
        "one-to-one",
        "value equal + a word of the unit in the figure property's words (UNIT_WORDS) or its unit text",
    ),
    "events": FactType(
        "events",
        """SELECT ?g ?s ?cls ?date ?country ?news WHERE { GRAPH ?g { ?s a ?cls }
             ?cls rdfs:subClassOf* ilo:Event .
             OPTIONAL { GRAPH ?g { ?s schema:startDate ?date } }
             OPTIONAL { GRAPH ?g { ?s ilo:inCountry ?country } }
             OPTIONAL { GRAPH ?g { ?news ilo:reports ?s } } }""",
        "one-to-one",
        "class for the kind (EVENT_CLASSES) + date to the stated precision + a stated country",
    ),
    "coverage": FactType(
        "coverage",
        """SELECT ?g ?s ?country ?count WHERE { GRAPH ?g {
             { ?s ilo:covers ?country } UNION { ?s ilo:countryCount ?count }
             UNION { ?c ilo:claimSubject ?s ; ilo:claimProperty ilo:covers ; ilo:claimValue ?country }
             UNION { ?c ilo:claimSubject ?s ; ilo:claimProperty ilo:countryCount ;
                        ilo:claimValue ?count } } }""",
        "many",
        "office (any label) -> country code pairs, and office -> stated country count (plain or as the "
        "page's claim where sources disagree)",
    ),
}

# Helper queries (not fact types): the page graphs, every label, the text of each resource, news -> entity.
PAGES_SPARQL = """SELECT ?g ?file WHERE { GRAPH ?g { ?src a ilo:SourcePage ; ilo:fileName ?file }
    FILTER(STRSTARTS(?file, "sources/")) }"""
LABELS_SPARQL = """SELECT DISTINCT ?s ?l WHERE {
    ?s skos:prefLabel|skos:altLabel|schema:name|schema:headline|ilo:acronym|rdfs:label ?l }"""
PREF_SPARQL = "SELECT ?s ?l WHERE { ?s skos:prefLabel ?l } ORDER BY ?s ?l"
TEXTS_SPARQL = """SELECT ?g ?s ?t WHERE { GRAPH ?g {
    ?s schema:headline|schema:abstract|schema:description|schema:name|skos:prefLabel ?t } }"""
MENTIONS_SPARQL = "SELECT ?g ?n ?x WHERE { GRAPH ?g { ?n a ilo:NewsItem ; ilo:mentions|ilo:about ?x } }"

# Expected event kinds -> the ontology classes that state them (kinds without a class cannot be found).
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "ratification": ("Ratification",),
    "signing": ("ProgrammeSigning", "Agreement"),
    "launch": ("ProjectLaunch", "Launch"),
    "training": ("Training",),
    "meeting": ("Meeting",),
    "conference": ("Meeting",),
    "visit": ("Meeting",),
    "statement": ("Statement",),
    "interview": ("Interview",),
    "agreement": ("Agreement", "ProgrammeSigning"),
    "campaign": (),
    "publication": ("Publication",),
    "other": ("Event",),
}

# Figure property -> the unit words it answers (its label's words and a few synonyms).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "peopleTrained": ("people", "persons", "trained", "trainees", "judges", "participants", "inspectors"),
    "plannedBeneficiaries": ("beneficiaries", "people", "persons"),
    "jobsCreated": ("jobs", "created", "employment"),
    "plannedJobs": ("jobs", "planned"),
    "businessesRegistered": ("businesses", "registered", "companies", "enterprises"),
    "enterprisesReached": ("enterprises", "companies", "businesses", "reached"),
    "workersReached": ("workers", "reached", "people", "persons"),
    "participantCount": ("participants", "people", "persons", "attendees", "judges", "trainees"),
    "ratificationRank": ("rank", "country", "countries", "ratifying", "ratification"),
    "countryCount": ("countries", "country"),
}

# Words in a not_fact's text that tie it to an asserted event of a class.
EVENT_TRIGGERS: dict[str, str] = {
    "Ratification": r"ratif",
    "ProgrammeSigning": r"sign|programme|program",
    "ProjectLaunch": r"launch|start|open|project",
    "Training": r"train|workshop|course|learn",
    "Meeting": r"meet|round ?table|conference|seminar|webcast|webinar|session|visit|discuss|gather",
    "Statement": r"said|say|statement|call|warn|recommend|propos|plan|need|expect|will",
    "Interview": r"interview|asked",
    "Agreement": r"agree|sign|alliance|support|accession|plan",
    "Event": r".",
}

# ---------------------------------------------------------------------------------------------------------
# Surface-form normalisation and matching (lenient on form, strict on values)
# ---------------------------------------------------------------------------------------------------------
_CYRILLIC_LOOKALIKES = str.maketrans("аеорсухіјкмтвнАЕОРСУХІЈКМТВН", "aeopcyxijkmtbhAEOPCYXIJKMTBH")
_HONORIFICS = {"mr", "ms", "mrs", "dr", "prof", "professor", "h", "e", "he", "sir", "madam"}


def _fold_token(tok: str) -> str:
    if any("a" <= c <= "z" for c in tok) and any("\u0400" <= c <= "\u04ff" for c in tok):
        tok = tok.translate(_CYRILLIC_LOOKALIKES)
    return tok


def norm(text: str) -> str:
    """Casefolded, accent-free, punctuation as spaces, no leading 'the'.

    'DWT/CO–Budapest' -> 'dwt co budapest'.
    """
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().replace("&", " and ")
    text = " ".join(_fold_token(t) for t in text.split())
    text = re.sub(r"[^\w]+|_", " ", text).strip()
    return re.sub(r"^the\s+", "", text)


def tokens(text: str) -> list[str]:
    return norm(text).split()


def _contains(long: str, short: str) -> bool:
    return f" {short} " in f" {long} "


def _fragments(text: str) -> list[str]:
    """The parts of a quoted text around '...' / '…' / '[...]' elisions, normalised, empty ones dropped."""
    text = re.sub(r"\[[^\]]*\]", "…", str(text))
    parts = re.split(r"\.\.\.+|…", text)
    return [p for p in (norm(x) for x in parts) if p]


def _truncated(text: str) -> bool:
    return bool(re.search(r"(\.\.\.|…)\s*$", str(text)))


def title_match(expected: str, labels: Iterable[str], min_tokens: int = 3) -> bool:
    """Equal after normalisation, or one contains the other (the shorter with ``min_tokens`` words or more).

    An expected title ending in '...' is a prefix: its last (cut) word is dropped.
    """
    exp_variants = {norm(expected), norm(re.sub(r"\s*\([^)]*\)", "", expected))}
    acronyms = {norm(m) for m in re.findall(r"\(([A-Z][A-Za-z0-9-]{2,})\)", expected)}
    if acronyms & {norm(lab) for lab in labels}:
        return True  # 'Economic and Social Affairs Platform (ESAP)' is the project whose acronym is ESAP
    if _truncated(expected):
        head = _fragments(expected)
        exp_variants = {" ".join(head[0].split()[:-1])} if head and len(head[0].split()) > 1 else set()
        return any(norm(lab).startswith(v) for lab in labels for v in exp_variants if v)
    for lab in labels:
        for lv in {norm(lab), norm(re.sub(r"\s*\([^)]*\)", "", lab))}:
            for ev in exp_variants:
                if not ev or not lv:
                    continue
                if ev == lv:
                    return True
                short, long = (ev, lv) if len(ev) <= len(lv) else (lv, ev)
                if len(short.split()) >= min_tokens and _contains(long, short):
                    return True
    return False


def name_variants(name: str) -> set[str]:
    """An organization's names as compared.

    Itself, without '(ACRONYM)', the acronym, and X for 'Government of X' / 'X Government'.
    """
    out = {norm(name), norm(re.sub(r"\s*\([^)]*\)", "", name))}
    for m in re.finditer(r"\(([^)]+)\)", name):
        out.add(norm(m.group(1)))
    for v in list(out):
        gov = re.fullmatch(r"(?:government of (?:the )?|gov of )(.+)", v) or re.fullmatch(
            r"(.+) government", v
        )
        if gov:
            out.add(gov.group(1))
    return {v for v in out if v}


_MINOR = {"of", "for", "and", "the", "on", "in", "to", "de", "des", "du", "la", "le", "et", "a"}


def initials(variant: str) -> str | None:
    """'international organization for migration' -> 'iom' (None for one word)."""
    words = [w for w in variant.split() if w not in _MINOR]
    return "".join(w[0] for w in words) if len(words) >= 2 else None


def _acronym_of(a: set[str], b: set[str]) -> bool:
    """A one-word name of ``a`` (2+ letters) is the initials of a name of ``b``: 'UN' / 'United Nations'."""
    singles = {v for v in a if " " not in v and len(v) >= 2}
    return bool(singles & {i for v in b if (i := initials(v))})


def org_match(expected: str, labels: Iterable[str]) -> bool:
    """A name variant equal, an acronym equal to the other's initials, or the shorter (3+ words) contained."""
    exp = name_variants(expected)
    for lab in labels:
        got = name_variants(lab)
        if exp & got or _acronym_of(exp, got) or _acronym_of(got, exp):
            return True
        for e in exp:
            for g in got:
                short, long = (e, g) if len(e) <= len(g) else (g, e)
                if len(short.split()) >= 3 and _contains(long, short):
                    return True
    return False


def _person_tokens(name: str) -> list[str]:
    toks = [t for t in tokens(name) if t not in _HONORIFICS]
    return toks


def person_match(expected: str, labels: Iterable[str]) -> bool:
    """Full name, or the same surname with a first name that is a prefix of the other (Ken / Kenichi, G.)."""
    exp = _person_tokens(expected)
    if not exp:
        return False
    for lab in labels:
        got = _person_tokens(lab)
        if not got:
            continue
        if exp == got:
            return True
        if exp[-1] != got[-1]:
            continue
        if len(exp) == 1 or len(got) == 1:
            return True  # a surname alone
        a, b = exp[0], got[0]
        if a.startswith(b) or b.startswith(a):
            return True
    return False


_RANK = {"deputy", "assistant", "vice", "acting", "former", "interim", "associate", "junior"}


def job_title_match(expected: str, asserted: str) -> bool:
    """Equal, or one contains the other, unless the longer adds a rank ('Deputy Director-General')."""
    e, a = norm(expected), norm(asserted)
    if not e or not a:
        return False
    if e == a:
        return True
    short, long = (e, a) if len(e) <= len(a) else (a, e)
    if not _contains(long, short):
        return False
    return not (set(long.split()) - set(short.split())) & _RANK


def date_text(value: Any) -> str | None:
    """A YAML date value (date, 'YYYY-MM', YYYY) as 'YYYY-MM-DD' / 'YYYY-MM' / 'YYYY'."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return text
    return None


def date_match(expected: str | None, asserted: str | None, absent_ok: bool = False) -> bool:
    """Strict to the expected precision: '2014-03' matches 2014-03-20, not 2014-04-01 nor '2014'.

    ``absent_ok``: a graph that states no date does not contradict (the match is then partial).
    """
    if expected is None:
        return True
    if not asserted:
        return absent_ok
    return asserted == expected or asserted.startswith(expected + "-")


_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}


def codes(value: Any) -> set[str]:
    """Country codes of an expected fact: a list, or one string ('ALB' or 'ALB, BIH')."""
    if not value:
        return set()
    items = value if isinstance(value, list) else re.split(r"[,\s]+", str(value))
    return {str(c).strip().upper() for c in items if str(c).strip()}


def figure_value(value: Any) -> int | None:
    """An expected figure's value as an integer, or None when it states no number ('more than one third')."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    text = str(value).strip().replace(",", "")
    return int(text) if re.fullmatch(r"\d+", text) else None


def numbers_in(text: str) -> set[int]:
    """Numbers a text states: '3,000', '2.1 million', 'nine million', 'Fifteen', '5-year'."""
    out: set[int] = set()
    low = str(text).lower()
    for m in re.finditer(r"(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion)?", low):
        num = float(m.group(1).replace(",", ""))
        if m.group(2):
            num *= _SCALE[m.group(2)]
        if num.is_integer():
            out.add(int(num))
    for m in re.finditer(r"\b(" + "|".join(_NUMBER_WORDS) + r")\b(?:[\s-]+(thousand|million|billion))?", low):
        num = _NUMBER_WORDS[m.group(1)] * (_SCALE[m.group(2)] if m.group(2) else 1)
        out.add(num)
    return out


_STOPWORDS = {"the", "a", "an", "of", "in", "on", "and", "to", "for", "with", "by", "at", "from", "is", "was"}


def anchored(quote: str, context: str, share: float = 0.6) -> bool:
    """The expected fact's quote is in the asserted fact's source text (around any '...'), or most of its
    words are (a paraphrase): ties an event to the news item it comes from, not to one of the same kind."""
    if _in_text(_fragments(quote), context):
        return True
    words = {w for w in tokens(quote) if w not in _STOPWORDS}
    return bool(words) and len(words & set(tokens(context))) >= share * len(words)


def _stem(word: str) -> str:
    return word[:5] if len(word) > 5 else word


def unit_match(unit: str, prop: str) -> bool:
    words = {_stem(w) for w in tokens(unit)}
    allowed = {_stem(w) for w in UNIT_WORDS.get(prop, ())}
    allowed |= {_stem(w.lower()) for w in re.findall(r"[A-Z]?[a-z]+", prop)}
    allowed |= {_stem(w) for w in tokens(prop)}  # a unit text in capitals ("EUR", "ILO Conventions")
    return bool(words & allowed)


def similarity(a: str, b: str) -> float:
    """Shared words over the smaller word set: only orders candidates that already match."""
    x, y = set(tokens(a)), set(tokens(b))
    return len(x & y) / max(1, min(len(x), len(y)))


# ---------------------------------------------------------------------------------------------------------
# Facts
# ---------------------------------------------------------------------------------------------------------
@dataclass
class Asserted:
    """One fact the graph asserts for a page: ``key`` identifies it, ``show`` describes it for a human."""

    kind: str
    key: tuple[str, ...]
    show: str
    data: dict[str, Any] = field(default_factory=dict)
    context: str = ""  # the page text it comes from (news headline/summary, project description)


@dataclass
class Expected:
    kind: str
    show: str
    data: dict[str, Any]


def _short(iri: str) -> str:
    return iri.rsplit("/", 1)[-1].rsplit("#", 1)[-1]


def _country_code(iri: str) -> str:
    return iri.rsplit("/", 1)[-1] if "/country/" in iri else iri


def _lit(term: Any) -> str | None:
    return None if term is None else str(term.value)


class Graphs:
    """The built dataset, queried once per fact type; facts grouped by page file name."""

    def __init__(self, store: ox.Store) -> None:
        self.store = store
        self.page_of: dict[str, str] = {}
        for row in self._rows(PAGES_SPARQL):
            self.page_of[_lit(row["g"]) or ""] = Path(_lit(row["file"]) or "").name
        self.labels: dict[str, set[str]] = defaultdict(set)
        self.pref: dict[str, str] = {}
        for row in self._rows(LABELS_SPARQL):
            self.labels[_lit(row["s"]) or ""].add(_lit(row["l"]) or "")
        for row in self._rows(PREF_SPARQL):
            self.pref.setdefault(_lit(row["s"]) or "", _lit(row["l"]) or "")
        self.texts: dict[tuple[str, str], list[str]] = defaultdict(list)
        for row in self._rows(TEXTS_SPARQL):
            self.texts[(_lit(row["g"]) or "", _lit(row["s"]) or "")].append(_lit(row["t"]) or "")
        self.news_of: dict[tuple[str, str], set[str]] = defaultdict(set)  # (graph, entity) -> news items
        for row in self._rows(MENTIONS_SPARQL):
            self.news_of[(_lit(row["g"]) or "", _lit(row["x"]) or "")].add(_lit(row["n"]) or "")

    def _rows(self, sparql: str) -> list[dict[str, Any]]:
        result = self.store.query(sparql, prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions), sparql
        names = [v.value for v in result.variables]
        return [{n: row[i] for i, n in enumerate(names)} for row in result]

    def label(self, iri: str) -> str:
        """The name shown to a human: the preferred label, else the longest label, else the IRI's end."""
        labs = sorted(self.labels.get(iri, ()), key=len)
        return self.pref.get(iri) or (labs[-1] if labs else _short(iri))

    def context(self, g: str, iri: str) -> str:
        """The text a resource comes from: its own texts and those of the news items naming it."""
        parts = list(self.texts.get((g, iri), ()))
        for n in sorted(self.news_of.get((g, iri), ())):
            parts += self.texts.get((g, n), [])
        return " \n ".join(parts)

    def asserted(self) -> dict[str, dict[str, list[Asserted]]]:
        """page file -> fact type -> asserted facts."""
        out: dict[str, dict[str, list[Asserted]]] = defaultdict(lambda: defaultdict(list))
        for kind, ft in FACTS.items():
            rows = self._rows(ft.sparql)
            seen: dict[tuple[str, tuple[str, ...]], Asserted] = {}
            for row in rows:
                g = _lit(row["g"]) or ""
                page = self.page_of.get(g)
                if page is None:
                    continue
                fact = self._fact(kind, g, row)
                if fact is None:
                    continue
                prev = seen.get((page, fact.key))
                if prev is not None:
                    _merge(prev, fact)
                    continue
                seen[(page, fact.key)] = fact
                out[page][kind].append(fact)
        return out

    def _fact(self, kind: str, g: str, row: dict[str, Any]) -> Asserted | None:
        s = _lit(row.get("s")) or ""
        if kind == "news":
            title, date = _lit(row["title"]) or self.label(s), _lit(row["date"])
            return Asserted(kind, (s,), f"{title} ({date})", {"titles": [title], "date": date})
        if kind == "projects":
            labels = sorted(self.labels.get(s, ()) or {_short(s)})
            start, end = _lit(row["start"]), _lit(row["end"])
            dates = f" ({start} - {end})" if start or end else ""
            return Asserted(
                kind, (s,), self.label(s) + dates, {"labels": labels, "start": start, "end": end}, ""
            )
        if kind in ("funders", "partners"):
            o = _lit(row["o"]) or ""
            subj_labels = set(self.labels.get(s, ()))
            for n in self.news_of.get((g, s), ()):
                subj_labels |= self.labels.get(n, set())
            return Asserted(
                kind,
                (s, o),
                f"{self.label(o)} -> {self.label(s)}",
                {"org": sorted(self.labels.get(o, ()) or {_short(o)}), "of": sorted(subj_labels)},
                self.context(g, s),
            )
        if kind == "organizations":
            o = _lit(row["o"]) or ""
            return Asserted(
                kind, (o,), self.label(o), {"labels": sorted(self.labels.get(o, ()) or {_short(o)})}
            )
        if kind == "people":
            return Asserted(
                kind, (s,), self.label(s), {"labels": sorted(self.labels.get(s, ()) or {_short(s)})}
            )
        if kind == "titles":
            title = _lit(row["title"]) or ""
            return Asserted(
                kind,
                (s, title),
                f"{self.label(s)}: {title}",
                {"labels": sorted(self.labels.get(s, ())), "title": title},
            )
        if kind == "figures":
            p, v = _lit(row["p"]) or "", _lit(row["v"]) or ""
            try:
                value: int | None = int(v)
            except ValueError:
                value = None
            prop = _short(p)
            return Asserted(
                kind,
                (s, p, v),
                f"{prop} = {v} ({self.label(s)})",
                {"prop": prop, "value": value},
                self.context(g, s),
            )
        if kind == "events":
            cls = _short(_lit(row["cls"]) or "")
            country = _lit(row["country"])
            news = _lit(row["news"])
            return Asserted(
                kind,
                (s,),
                "",
                {
                    "classes": {cls},
                    "date": _lit(row["date"]),
                    "countries": {_country_code(country)} if country else set(),
                    "news": {news} if news else set(),
                    "label": self.label(s),
                },
                " \n ".join([*self.texts.get((g, s), [])] + ([self.context(g, news)] if news else [])),
            )
        if kind == "coverage":
            country, count = _lit(row["country"]), _lit(row["count"])
            office = {"office": sorted(self.labels.get(s, ()) or {_short(s)})}
            if country:
                code = _country_code(country)
                return Asserted(
                    kind, (s, code), f"{self.label(s)} covers {code}", {**office, "country": code}
                )
            return Asserted(
                kind,
                (s, f"#{count}"),
                f"{self.label(s)} counts {count}",
                {**office, "count": int(count or 0)},
            )
        raise ValueError(kind)


def _merge(prev: Asserted, new: Asserted) -> None:
    """Rows of one event (several countries, reporting news items, classes) fold into one fact."""
    for k in ("classes", "countries", "news"):
        if k in prev.data:
            prev.data[k] |= new.data[k]
    if new.context and new.context not in prev.context:
        prev.context += " \n " + new.context


def _finish_events(facts: list[Asserted]) -> None:
    for f in facts:
        classes = f.data["classes"]
        if len(classes) > 1:
            classes.discard("Event")
        f.show = (
            f"{'/'.join(sorted(classes))} {f.data['date'] or '?'} "
            f"[{','.join(sorted(f.data['countries']))}] {f.data['label']}"
        )


# ---------------------------------------------------------------------------------------------------------
# Expected facts
# ---------------------------------------------------------------------------------------------------------
def load_expected(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    if not isinstance(data, dict):
        raise ValueError(f"{path}: not a mapping")
    return data


def expected_facts(doc: dict[str, Any]) -> dict[str, list[Expected]]:
    """The expected file's sections as facts per type (``titles`` comes from people with a title)."""
    out: dict[str, list[Expected]] = defaultdict(list)
    for item in doc.get("news") or []:
        out["news"].append(
            Expected(
                "news",
                f"{item.get('title')} ({date_text(item.get('date')) or '?'})",
                {"title": str(item.get("title", "")), "date": date_text(item.get("date"))},
            )
        )
    for item in doc.get("projects") or []:
        start, end = date_text(item.get("start")), date_text(item.get("end"))
        dates = f" ({start or '?'} - {end or '?'})" if start or end else ""
        out["projects"].append(
            Expected("projects", f"{item.get('title')}{dates}", {**item, "start": start, "end": end})
        )
    for section, who in (("funders", "funder"), ("partners", "partner")):
        for item in doc.get(section) or []:
            out[section].append(Expected(section, f"{item.get(who)} -> {item.get('of', '?')}", dict(item)))
    for name in doc.get("organizations") or []:
        out["organizations"].append(Expected("organizations", str(name), {"name": str(name)}))
    for item in doc.get("people") or []:
        out["people"].append(Expected("people", str(item.get("name")), dict(item)))
        if item.get("title"):
            out["titles"].append(Expected("titles", f"{item.get('name')}: {item.get('title')}", dict(item)))
    for item in doc.get("figures") or []:
        out["figures"].append(
            Expected(
                "figures", f"{item.get('value')} {item.get('unit', '')} ({item.get('text', '')})", dict(item)
            )
        )
    for item in doc.get("events") or []:
        date = date_text(item.get("date"))
        countries = ",".join(sorted(codes(item.get("countries"))))
        out["events"].append(
            Expected(
                "events",
                f"{item.get('kind')} {date or '?'} [{countries}] {item.get('text', '')}",
                {**item, "date": date},
            )
        )
    for item in doc.get("coverage") or []:
        office = str(item.get("office", ""))
        for c in sorted(codes(item.get("countries"))):
            out["coverage"].append(
                Expected("coverage", f"{office} covers {c}", {"office": office, "country": c})
            )
        if item.get("count") is not None:
            out["coverage"].append(
                Expected(
                    "coverage", f"{office} counts {item['count']}", {"office": office, "count": item["count"]}
                )
            )
    return out


# ---------------------------------------------------------------------------------------------------------
# Matching: one predicate per fact type, then a pairing (maximum matching when one-to-one)
# ---------------------------------------------------------------------------------------------------------
def _of_match(of: Any, labels: list[str]) -> bool:
    return of is None or title_match(str(of), labels) or org_match(str(of), labels)


def matches(kind: str, e: Expected, a: Asserted) -> bool:
    d, x = e.data, a.data
    if kind == "news":
        return title_match(d["title"], x["titles"]) and date_match(d["date"], x["date"])
    if kind == "projects":
        return (
            title_match(str(d.get("title", "")), x["labels"])
            and date_match(d.get("start"), x["start"], absent_ok=True)
            and date_match(d.get("end"), x["end"], absent_ok=True)
        )
    if kind == "funders":
        return org_match(str(d.get("funder", "")), x["org"]) and _of_match(d.get("of"), x["of"])
    if kind == "partners":
        return org_match(str(d.get("partner", "")), x["org"]) and _of_match(d.get("of"), x["of"])
    if kind == "organizations":
        return org_match(d["name"], x["labels"])
    if kind == "people":
        return person_match(str(d.get("name", "")), x["labels"])
    if kind == "titles":
        return person_match(str(d.get("name", "")), x["labels"]) and job_title_match(
            str(d["title"]), x["title"]
        )
    if kind == "figures":
        value = figure_value(d.get("value"))
        if value is None or value != x["value"]:
            return False
        # the unit in the expected file's words, or (a page in another language, whose expected unit is an
        # English gloss) the graph's unit text as the page's own quote writes it
        return unit_match(str(d.get("unit", "")), x["prop"]) or _contains(
            norm(str(d.get("text", ""))), norm(x["prop"])
        )
    if kind == "events":
        wanted = EVENT_CLASSES.get(str(d.get("kind", "")).lower(), ())
        if not wanted or not (x["classes"] & set(wanted)):
            return False
        if not date_match(d.get("date"), x["date"]):
            return False
        countries = codes(d.get("countries"))
        if countries and x["countries"] and not countries & x["countries"]:
            return False
        quote = str(d.get("text") or "")
        return not quote or anchored(quote, a.context + " \n " + a.data["label"])
    if kind == "coverage":
        if not org_match(d["office"], x["office"]):
            return False
        if "country" in d:
            return x.get("country") == str(d["country"]).strip().upper()
        return x.get("count") is not None and figure_value(d["count"]) == x["count"]
    raise ValueError(kind)


def missing_values(kind: str, e: Expected, a: Asserted) -> list[str]:
    """Values the expected fact states that the matched asserted fact leaves out (a partial match)."""
    out = []
    if kind == "projects":
        out += [k for k in ("start", "end") if e.data.get(k) and not a.data[k]]
    if kind == "events" and e.data.get("countries") and not a.data["countries"]:
        out.append("country")
    return out


def _score_text(e: Expected) -> str:
    d = e.data
    return " ".join(str(d.get(k, "")) for k in ("title", "text", "name", "unit", "of", "funder", "partner"))


def pair(kind: str, expected: list[Expected], asserted: list[Asserted]) -> list[tuple[int, int]]:
    """(expected index, asserted index) pairs: every compatible pair when ``many``, else a maximum matching
    in which candidates sharing more words with the expected text are tried first."""
    cands = {
        i: sorted(
            (j for j, a in enumerate(asserted) if matches(kind, e, a)),
            key=lambda j: -similarity(_score_text(e), asserted[j].show + " " + asserted[j].context),
        )
        for i, e in enumerate(expected)
    }
    if FACTS[kind].pairing == "many":
        return [(i, j) for i, js in cands.items() for j in js]
    owner: dict[int, int] = {}

    def augment(i: int, seen: set[int]) -> bool:
        for j in cands[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in cands:
        augment(i, set())
    return sorted((i, j) for j, i in owner.items())


# ---------------------------------------------------------------------------------------------------------
# not_facts
# ---------------------------------------------------------------------------------------------------------
def _in_text(fragments: list[str], text: str) -> bool:
    hay = norm(text)
    return bool(fragments) and all(_contains(hay, f) for f in fragments)


def not_fact_hits(
    not_facts: list[dict[str, Any]], unmatched: dict[str, list[Asserted]]
) -> list[dict[str, str]]:
    """Asserted facts (no expected fact matched them) that come from a not_fact's text and say what it says.

    Tie: the not_fact's text is in the fact's source text (or label), and the fact's class word (events),
    number (figures) or organization (funders, partners) is in the not_fact's text.
    """
    hits = []
    for nf in not_facts:
        text = str(nf.get("text", ""))
        frags = _fragments(text)
        for kind, facts in unmatched.items():
            for a in facts:
                if not _in_text(frags, a.context + " \n " + a.show):
                    continue
                if kind == "events":
                    tied = any(re.search(EVENT_TRIGGERS.get(c, "$^"), text, re.I) for c in a.data["classes"])
                elif kind == "figures":
                    tied = a.data["value"] is not None and a.data["value"] in numbers_in(text)
                elif kind in ("funders", "partners"):
                    tied = any(_contains(norm(text), v) for lab in a.data["org"] for v in name_variants(lab))
                else:
                    tied = False
                if tied:
                    hits.append(
                        {"not_fact": text, "why": str(nf.get("why", "")), "type": kind, "asserted": a.show}
                    )
    return hits


# ---------------------------------------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------------------------------------
@dataclass
class PageScore:
    page: str
    status: str  # ok | refused | no-expected
    reason: str = ""
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # type -> expected/found/asserted/matched
    missed: dict[str, list[str]] = field(default_factory=dict)
    unmatched: dict[str, list[str]] = field(default_factory=dict)
    not_facts: int = 0
    not_fact_hits: list[dict[str, str]] = field(default_factory=list)
    unscorable: list[str] = field(default_factory=list)  # expected facts no graph fact can state
    partial: dict[str, list[str]] = field(default_factory=dict)  # matches lacking a value the page states
    matches: dict[str, list[str]] = field(default_factory=dict)  # "expected <- asserted", to audit


def score_page(page: str, doc: dict[str, Any], asserted: dict[str, list[Asserted]]) -> PageScore:
    exp = expected_facts(doc)
    ps = PageScore(page, "ok")
    _finish_events(asserted.get("events", []))
    unmatched_facts: dict[str, list[Asserted]] = {}
    for kind in FACTS:
        e_list, a_list = exp.get(kind, []), asserted.get(kind, [])
        pairs = pair(kind, e_list, a_list)
        found = {i for i, _ in pairs}
        used = {j for _, j in pairs}
        ps.counts[kind] = {
            "expected": len(e_list),
            "found": len(found),
            "asserted": len(a_list),
            "matched": len(used),
        }
        ps.missed[kind] = [e.show for i, e in enumerate(e_list) if i not in found]
        unmatched_facts[kind] = [a for j, a in enumerate(a_list) if j not in used]
        ps.unmatched[kind] = [a.show for a in unmatched_facts[kind]]
        ps.matches[kind] = [f"{e_list[i].show} <- {a_list[j].show}" for i, j in pairs]
        for i, j in pairs:
            lacking = missing_values(kind, e_list[i], a_list[j])
            if lacking:
                ps.partial.setdefault(kind, []).append(
                    f"{e_list[i].show} <- {a_list[j].show} (the graph states no {', '.join(lacking)})"
                )
        ps.counts[kind]["partial"] = len({i for i, j in pairs if missing_values(kind, e_list[i], a_list[j])})
        for e in e_list:
            if kind == "events" and not EVENT_CLASSES.get(str(e.data.get("kind", "")).lower()):
                ps.unscorable.append(f"event kind {e.data.get('kind')!r} has no class: {e.show}")
            if kind == "figures" and figure_value(e.data.get("value")) is None:
                ps.unscorable.append(f"figure states no number: {e.show}")
    nfs = list(doc.get("not_facts") or [])
    ps.not_facts = len(nfs)
    ps.not_fact_hits = not_fact_hits(nfs, unmatched_facts)
    return ps


def refused_page(page: str, doc: dict[str, Any], reason: str) -> PageScore:
    ps = score_page(page, doc, {})
    ps.status, ps.reason = "refused", reason
    return ps


def score_store(
    store: ox.Store, expected: dict[str, dict[str, Any]], refused: dict[str, str] | None = None
) -> list[PageScore]:
    """Score every page of ``expected`` (page file -> expected document) against the built ``store``."""
    refused = refused or {}
    asserted = Graphs(store).asserted()
    out = []
    for page in sorted(expected):
        if page in refused:
            out.append(refused_page(page, expected[page], refused[page]))
        else:
            out.append(score_page(page, expected[page], asserted.get(page, {})))
    return out


def _ratio(num: int, den: int) -> float | None:
    return round(num / den, 3) if den else None


BUILT = "built pages"  # the overall row restricted to the pages the build accepted


def totals(scores: Sequence[PageScore]) -> dict[str, dict[str, Any]]:
    """Counts, precision and recall per fact type, overall, and overall on the pages the build accepted."""
    table: dict[str, dict[str, Any]] = {}
    for kind in [*FACTS, "overall", BUILT]:
        keys = [kind] if kind in FACTS else list(FACTS)
        pages = [ps for ps in scores if ps.status == "ok"] if kind == BUILT else scores
        c: dict[str, Any] = {
            k: sum(ps.counts.get(t, {}).get(k, 0) for ps in pages for t in keys)
            for k in ("expected", "found", "partial", "asserted", "matched")
        }
        c["precision"] = _ratio(c["matched"], c["asserted"])
        c["recall"] = _ratio(c["found"], c["expected"])
        table[kind] = c
    nf = sum(ps.not_facts for ps in scores)
    hit = len({(ps.page, h["not_fact"]) for ps in scores for h in ps.not_fact_hits})
    table["not_facts"] = {
        "expected": nf,
        "violated": hit,
        "asserted_hits": sum(len(ps.not_fact_hits) for ps in scores),
    }
    return table


# ---------------------------------------------------------------------------------------------------------
# Building with the real pipeline
# ---------------------------------------------------------------------------------------------------------
@dataclass
class BuildOutcome:
    store: ox.Store
    refused: dict[str, str]
    warnings: dict[str, list[str]]
    notes: list[str]
    seconds: float


def _cli() -> list[str]:
    exe = Path(sys.executable).with_name("ilo-kg")
    return [str(exe)] if exe.is_file() else [sys.executable, "-m", "ilo_kg.cli"]


def _run_build(root: Path, pages: list[Path], dist: Path) -> tuple[bool, str]:
    sources = root / "data" / "sources"
    if sources.exists():
        shutil.rmtree(sources)
    sources.mkdir(parents=True)
    for p in pages:
        shutil.copyfile(p, sources / p.name)
    if dist.is_symlink():  # the build publishes atomically: dist -> a versioned folder beside it
        target = dist.resolve()
        dist.unlink()
        shutil.rmtree(target, ignore_errors=True)
    elif dist.exists():
        shutil.rmtree(dist)
    res = subprocess.run(
        [*_cli(), "--root", str(root), "build", "--output", str(dist), "--quiet"],
        capture_output=True,
        text=True,
        check=False,
    )
    return res.returncode == 0 and (dist / "ilo-kg.nq").is_file(), res.stderr


def _reason(stderr: str) -> str:
    """Why a build failed: its first lines, or the exception when it crashed (a traceback)."""
    lines = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith("warning:")]
    if any(ln.startswith("Traceback") for ln in lines):
        text = "the build crashed: " + lines[-1].strip()
    else:
        text = " | ".join(lines[:4])
    return re.sub(r"\S*/data/sources/", "", text)[:600]


def _warnings(stderr: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for ln in stderr.splitlines():
        m = re.match(r"warning: \S*/data/sources/([^:]+):(.*)", ln)
        if m:
            out[m.group(1)].append(m.group(2).strip())
    return out


def _named_page(group: list[Path], stderr: str) -> Path | None:
    """The page a failed build names (a page it cannot read as any kind), if it names one."""
    for p in group:
        if f"/data/sources/{p.name}:" in stderr or f"/data/sources/{p.name} " in stderr:
            return p
    return None


def build_pages(pages: list[Path], progress: Callable[[str], None] = lambda _m: None) -> BuildOutcome:
    """Build ``pages`` with ``ilo-kg build``; refused pages are set aside with the reason the build gives.

    A failure that names a page refuses that page and the rest is built again.  A failure that names none
    (the shapes, an inconsistency) is narrowed down by building halves, down to single pages: a page whose
    own build fails is refused.  The accepted pages are then built together once more (the gazetteer learns
    across pages); if that fails, each accepted group's own build is scored.
    """
    started = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix="ilo-kg-score-"))
    try:
        root = tmp / "root"
        for part in PROJECT_PARTS:
            shutil.copytree(ROOT / part, root / part)
        dist, nq = tmp / "dist", tmp / "dist" / "ilo-kg.nq"
        refused: dict[str, str] = {}
        notes: list[str] = []
        warnings: dict[str, list[str]] = {}
        groups = ox.Store()  # the quads of every group that built

        def settle(group: list[Path]) -> list[Path]:
            """The pages of ``group`` the build accepts; the refused ones go to ``refused``."""
            group = list(group)
            while group:
                progress(f"building {len(group)} page(s)" if len(group) > 1 else f"building {group[0].name}")
                ok, err = _run_build(root, group, dist)
                if ok:
                    groups.load(path=str(nq), format=ox.RdfFormat.N_QUADS)
                    warnings.update(_warnings(err))
                    return group
                named = _named_page(group, err)
                if named is not None:
                    refused[named.name] = _reason(err)
                    group.remove(named)
                    continue
                if len(group) == 1:
                    refused[group[0].name] = _reason(err)
                    return []
                notes.append(f"{len(group)} pages failed together ({_reason(err)}): built in halves")
                half = len(group) // 2
                return settle(group[:half]) + settle(group[half:])
            return []

        accepted = settle(list(pages))
        store = groups
        if accepted and notes:  # built in parts: build the accepted pages together once more
            progress(f"building the {len(accepted)} accepted page(s) together")
            ok, err = _run_build(root, accepted, dist)
            if ok:
                store = ox.Store()
                store.load(path=str(nq), format=ox.RdfFormat.N_QUADS)
                warnings = dict(_warnings(err))
                notes.append(f"the {len(accepted)} accepted pages were then built together")
            else:
                notes.append(
                    f"the accepted pages fail together ({_reason(err)}): each group's own build used"
                )
        return BuildOutcome(store, refused, warnings, notes, time.monotonic() - started)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


# ---------------------------------------------------------------------------------------------------------
# Reports
# ---------------------------------------------------------------------------------------------------------
def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{100 * x:.1f}%"


def table_lines(table: dict[str, dict[str, Any]]) -> list[str]:
    head = (
        f"{'fact type':<14} {'expected':>8} {'found':>6} {'partial':>7} {'asserted':>8} {'matched':>7} "
        f"{'precision':>9} {'recall':>7}"
    )
    lines = [head, "-" * len(head)]
    for kind in [*FACTS, "overall", BUILT]:
        c = table[kind]
        if kind == "overall":
            lines.append("-" * len(head))
        lines.append(
            f"{kind:<14} {c['expected']:>8} {c['found']:>6} {c['partial']:>7} {c['asserted']:>8} "
            f"{c['matched']:>7} "
            f"{_pct(c['precision']):>9} {_pct(c['recall']):>7}"
        )
    nf = table["not_facts"]
    lines.append(
        f"not_facts: {nf['expected']} stated, {nf['violated']} asserted by the graph "
        f"({nf['asserted_hits']} asserted fact(s))"
    )
    return lines


def markdown(report: dict[str, Any], show_all: bool = True) -> str:
    t = report["table"]
    out = [
        f"# Extraction scores ({report['date']})",
        "",
        f"Command: `{report['command']}`  ",
        f"Code: `{report['code_commit']}`; corpus: `{report['corpus']}` ({report['corpus_commit']}); "
        f"{len(report['pages'])} page(s) scored, {report['refused_count']} refused by the build; "
        f"build {report['build_seconds']:.1f} s.",
        "",
        "| fact type | expected | found | (partial) | asserted | matched | precision | recall |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in [*FACTS, "overall", BUILT]:
        c = t[kind]
        name = {"overall": "**overall**", BUILT: "overall, built pages only"}.get(kind, kind)
        out.append(
            f"| {name} | {c['expected']} | {c['found']} | {c['partial']} | {c['asserted']} | "
            f"{c['matched']} | "
            f"{_pct(c['precision'])} | {_pct(c['recall'])} |"
        )
    nf = t["not_facts"]
    out += [
        "",
        f"not_facts: {nf['expected']} stated on the pages; {nf['violated']} of them asserted by the graph "
        f"({nf['asserted_hits']} asserted fact(s)).",
        "",
        "found = expected facts some asserted fact matches (recall = found / expected); matched = asserted "
        "facts some expected fact matches (precision = matched / asserted); partial = found, but the graph "
        "leaves out a country or a project date the page states.",
    ]
    if report["notes"]:
        out += ["", "Build notes:", *[f"- {n}" for n in report["notes"]]]
    out += [
        "",
        "## Pages",
        "",
        "| page | status | expected | found | asserted | matched | note |",
        "| --- | --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for p in report["pages"]:
        c = p["total"]
        note = p["reason"] or (f"{len(p['warnings'])} build warning(s)" if p["warnings"] else "")
        out.append(
            f"| {p['page']} | {p['status']} | {c['expected']} | {c['found']} | {c['asserted']} | "
            f"{c['matched']} | {note.replace('|', '/')} |"
        )
    if report["errors"]:
        out += ["", "## Errors", "", *[f"- {e}" for e in report["errors"]]]
    hits = [(p["page"], h) for p in report["pages"] for h in p["not_fact_hits"]]
    if hits:
        out += ["", "## not_facts the graph asserts", ""]
        out += [f'- {pg}: "{h["not_fact"]}" ({h["why"]}) <- {h["type"]}: {h["asserted"]}' for pg, h in hits]
    if show_all:
        out += ["", "## Asserted facts no expected fact matches (for a human to judge)", ""]
        for kind in FACTS:
            rows = [(p["page"], s) for p in report["pages"] for s in p["unmatched"].get(kind, [])]
            if rows:
                out += [f"### {kind} ({len(rows)})", "", *[f"- {pg}: {s}" for pg, s in rows], ""]
        rows = [(p["page"], s) for p in report["pages"] for k in FACTS for s in p["partial"].get(k, [])]
        if rows:
            out += [f"## Partial matches ({len(rows)})", "", *[f"- {pg}: {s}" for pg, s in rows], ""]
        out += ["## Expected facts not found", ""]
        for kind in FACTS:
            rows = [(p["page"], s) for p in report["pages"] for s in p["missed"].get(kind, [])]
            if rows:
                out += [f"### {kind} ({len(rows)})", "", *[f"- {pg}: {s}" for pg, s in rows], ""]
    return "\n".join(out).rstrip() + "\n"


def _git(args: list[str], cwd: Path) -> str:
    try:
        res = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)
    except OSError:
        return "?"
    return res.stdout.strip() or "?"


def corpus_version(corpus: Path) -> str:
    """The corpus's commit, marked when its folder has uncommitted files ('?' outside git)."""
    commit = _git(["rev-parse", "--short", "HEAD"], corpus)
    dirty = commit != "?" and _git(["status", "--porcelain", "--", "."], corpus) != "?"
    return commit + (" + uncommitted changes" if dirty else "")


def page_dict(ps: PageScore) -> dict[str, Any]:
    total = {k: sum(c[k] for c in ps.counts.values()) for k in ("expected", "found", "asserted", "matched")}
    return {
        "page": ps.page,
        "status": ps.status,
        "reason": ps.reason,
        "warnings": ps.warnings,
        "total": total,
        "counts": ps.counts,
        "missed": {k: v for k, v in ps.missed.items() if v},
        "unmatched": {k: v for k, v in ps.unmatched.items() if v},
        "not_facts": ps.not_facts,
        "not_fact_hits": ps.not_fact_hits,
        "unscorable": ps.unscorable,
        "partial": ps.partial,
        "matches": {k: v for k, v in ps.matches.items() if v},
    }


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--corpus", default=str(ROOT / "data" / "corpus"), help="corpus folder (pages/, expected/)"
    )
    ap.add_argument("--pages", default="*", help="glob on page file names (e.g. '1[0-1]*' or '*moscow*')")
    ap.add_argument("--show-misses", action="store_true", help="print missed and unmatched facts per page")
    ap.add_argument("--output", default=str(ROOT / "bench" / "results"), help="folder for the JSON and .md")
    ap.add_argument("--no-save", action="store_true", help="print only")
    args = ap.parse_args(argv)

    corpus = Path(args.corpus)
    expected_dir = corpus / "expected"
    # the pages: a corpus's own pages/ folder, else this project's source pages that have expected facts
    pages_dir = corpus / "pages" if (corpus / "pages").is_dir() else ROOT / "data" / "sources"
    if not pages_dir.is_dir():
        print(f"{pages_dir}: no such folder", file=sys.stderr)
        return 2
    glob = args.pages if args.pages.endswith((".txt", "*")) else args.pages + "*"
    pages = sorted(
        p
        for p in pages_dir.glob("*.txt")
        if fnmatch.fnmatch(p.name, glob) and (expected_dir / f"{p.stem}.yaml").is_file()
    )
    if not pages:
        print(f"no page of {pages_dir} matches {args.pages!r}", file=sys.stderr)
        return 2
    errors: list[str] = []
    expected: dict[str, dict[str, Any]] = {}
    for p in pages:
        ef = expected_dir / (p.stem + ".yaml")
        if not ef.is_file():
            errors.append(f"{p.name}: no expected file ({ef.name}); not scored")
            continue
        try:
            doc = load_expected(ef)
        except (yaml.YAMLError, ValueError) as exc:
            errors.append(f"{ef.name}: cannot read: {exc}".replace("\n", " "))
            continue
        if doc.get("page") and doc["page"] != p.name:
            errors.append(f"{ef.name}: names page {doc['page']!r}, not {p.name!r}")
        expected[p.name] = doc
    for ef in sorted(expected_dir.glob("*.yaml")):
        if fnmatch.fnmatch(ef.stem + ".txt", glob) and not (pages_dir / (ef.stem + ".txt")).is_file():
            errors.append(f"{ef.name}: expected facts for a page that is not in pages/")
    index = corpus / "index.csv"
    if index.is_file():
        with index.open(encoding="utf-8", newline="") as fh:
            listed = {row.get("file", "") for row in csv.DictReader(fh)}
        errors += [f"{p.name}: not in index.csv" for p in pages if p.name not in listed]

    print(f"building {len(pages)} page(s) with ilo-kg build ...", file=sys.stderr)
    outcome = build_pages(pages, progress=lambda m: print(f"  {m}", file=sys.stderr))
    scores = score_store(outcome.store, expected, outcome.refused)
    for ps in scores:
        ps.warnings = outcome.warnings.get(ps.page, [])
    for name, reason in outcome.refused.items():
        if name not in expected:
            errors.append(f"{name}: refused by the build ({reason})")
    table = totals(scores)

    date = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d")
    command = "python bench/score_extraction.py " + " ".join(
        a for a in (argv if argv is not None else sys.argv[1:])
    )
    report: dict[str, Any] = {
        "date": date,
        "command": command.strip(),
        "code_commit": _git(["rev-parse", "--short", "HEAD"], ROOT),
        "corpus": str(corpus),
        "corpus_commit": corpus_version(corpus),
        "build_seconds": round(outcome.seconds, 1),
        "refused_count": len(outcome.refused),
        "refused": outcome.refused,
        "notes": outcome.notes,
        "errors": errors,
        "table": table,
        "facts": {
            k: {"section": ft.section, "pairing": ft.pairing, "match": ft.what} for k, ft in FACTS.items()
        },
        "pages": [page_dict(ps) for ps in scores],
    }

    print("\n".join(table_lines(table)))
    print()
    print(f"{'page':<46} {'status':<8} {'exp':>4} {'found':>5} {'ass':>4} {'match':>5}  note")
    for p in report["pages"]:
        c = p["total"]
        note = p["reason"] or (f"{len(p['warnings'])} warning(s)" if p["warnings"] else "")
        print(
            f"{p['page']:<46} {p['status']:<8} {c['expected']:>4} {c['found']:>5} {c['asserted']:>4} "
            f"{c['matched']:>5}  {note[:140]}"
        )
    for n in outcome.notes:
        print(f"note: {n}")
    for e in errors:
        print(f"error: {e}")
    if args.show_misses:
        for p in report["pages"]:
            print(f"\n== {p['page']} ({p['status']})")
            for kind in FACTS:
                for s in p["missed"].get(kind, []):
                    print(f"  missed    {kind:<13} {s}")
                for s in p["unmatched"].get(kind, []):
                    print(f"  unmatched {kind:<13} {s}")
                for s in p["partial"].get(kind, []):
                    print(f"  partial   {kind:<13} {s}")
            for h in p["not_fact_hits"]:
                print(f'  NOT-FACT  {h["type"]:<13} {h["asserted"]}  <- "{h["not_fact"]}"')
    if not args.no_save:
        out = Path(args.output)
        out.mkdir(parents=True, exist_ok=True)
        (out / f"extraction-{date}.json").write_text(
            json.dumps(report, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (out / f"extraction-{date}.md").write_text(markdown(report), encoding="utf-8")
        print(f"\nwrote {out / f'extraction-{date}.json'} and .md", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
