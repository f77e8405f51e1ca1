"""Events a page states outside its news items: an office's renaming and its start in a city, the issue a
newsletter page is, and the dates of events to the precision their sentence gives (a day, a month, a year).

An event is reported (``ilo:reports``) by the news item that tells of it or, when no item does, by the
source page itself, so every event keeps the text it was read from.
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from rdflib import XSD, Literal, URIRef

from ilo_kg.iris import ILO, SCHEMA, slug
from ilo_kg.languages import Language, language
from ilo_kg.languages.facts import dated_events
from ilo_kg.textfacts import (
    dated_occurrences,
    establishment_sentence,
    event_mentions,
    issue_month,
    relative_mentions,
    relative_when,
    reported_appointment,
    sentence_when,
    sentences,
)

if TYPE_CHECKING:
    from ilo_kg.iris import Minter
    from ilo_kg.link import Entity, Gazetteer
    from ilo_kg.mapping.base import GraphBuilder
    from ilo_kg.records import NewsItem, OfficeIdentity, Page


def when_literal(when: date | str) -> Literal:
    """A day as xsd:date, a month as xsd:gYearMonth, a year as xsd:gYear."""
    if isinstance(when, date):
        return Literal(when.isoformat(), datatype=XSD.date)
    if re.fullmatch(r"\d{4}-\d{2}", when):
        return Literal(when, datatype=XSD.gYearMonth)
    if re.fullmatch(r"\d{4}", when):
        return Literal(when, datatype=XSD.gYear)
    raise ValueError(f"not a day, month or year: {when!r}")


def event_date(sentence: str, published: date) -> Literal | None:
    """The date of an event a dated item reports: the one its sentence states, to its precision, else the
    item's day; None when that date is after the item's (an event still to come is a plan, not a fact)."""
    stated = sentence_when(sentence, published)
    if stated is None:
        return when_literal(published)
    if isinstance(stated, date):
        return when_literal(stated) if stated <= published else None
    if stated > published.isoformat()[: len(stated)]:
        return None
    return when_literal(stated)


# Words that place an event in time without a date its item or page gives: a future ("next week", "soon"),
# a date ("14 October", "in 2020"), a day of the week.  A sentence with none of them states no date.
_TIME_WORDS = re.compile(
    r"\b(?:1[89]\d\d|20\d\d)\b|"
    r"\b(?:January|February|March|April|June|July|August|September|October|November|December)\b|"
    r"\bMay\s+\d|\d\s+May\b|\bin\s+May\b|"
    r"\b(?:today|tonight|yesterday|tomorrow|soon|later|next|coming|upcoming|forthcoming|"
    r"(?:this|last|previous|past)\s+(?:week|month|year|spring|summer|autumn|fall|winter)|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|ago)\b|"
    r"\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)\s+"
    r"(?:years?|months?|weeks?|days?|decades?)\b",  # "after almost three years": a time, not a date
    re.I,
)
# A verb in a past or perfect form: running text that tells what was done, not what is done every year.
_DONE = re.compile(
    r"\b(?:has|have|had|was|were)\s+(?:been\s+)?(?:\w+ed|\w+en|held|met|made|led|run|begun|set|put|"
    r"brought|taught|sought|won|built|sent|spent)\b|\b(?!need\b|seed\b|feed\b|speed\b|indeed\b)[a-z]{3,}ed\b|"
    r"\b(?:held|met|made|led|began|set\s+up|brought|taught|sought|won|built|sent|spent|took\s+part|gave|"
    r"signed|became)\b"
)


def states_no_time(sentence: str) -> bool:
    """Does the sentence state its event without any date or time (no day, month, year, weekday, "next
    week", "soon", "yesterday")?  Then only the item or page that reports it bounds when it happened."""
    return _TIME_WORDS.search(sentence) is None


# Participles that are adjectives ("Covid-19 related responses", "an interlinked component"): no past form.
_ADJECTIVE_ED = re.compile(
    r"^(?:related|based|limited|skilled|unskilled|qualified|interested|concerned|dedicated|detailed|advanced|"
    r"experienced|interlinked|integrated|displaced|affected|disabled|aged|called|named|listed|targeted|planned|"
    r"needed|expected|proposed|intended|required|registered|so-called|tailored|united)$"
)
_NOT_DONE = re.compile(r"\b(?:will|would|shall|should|could|might|may|must|going\s+to|to\s+be)\b", re.I)


def told_as_done(sentence: str) -> bool:
    """Is the sentence in a past or perfect form ("launched", "has signed", "was held")?  Running text in
    the present ("the ILO organizes trainings") tells what is done in general, not an event; a modal
    ("will", "may") what is not (yet) done; a quotation is its speaker's reflection."""
    if _NOT_DONE.search(sentence) or re.match(r"\s*[\"“«']", sentence):
        return False
    return any(not _ADJECTIVE_ED.match(m.group(0).lower()) for m in _DONE.finditer(sentence))


OCCURRENCE_LABEL = {
    "Adoption": "Adoption",
    "Accession": "Accession",
    "Appointment": "Appointment",
    "Closure": "Closure",
    "Survey": "Survey",
    "Observance": "Observance of a day",
}


class PageEvents:
    """The page-level events of :class:`ilo_kg.mapping.pages.PageMapper` (which provides the attributes)."""

    page: Page
    minter: Minter
    b: GraphBuilder
    gz: Gazetteer
    retrieved: str | None = None  # the day the page was retrieved (its sidecar), when known

    def page_event(
        self,
        kind: str,
        key: str,
        label: str,
        when: date | str | None,
        text: str,
        countries: list[URIRef] | None = None,
        reporter: URIRef | None = None,
        lang: str = "en",
    ) -> URIRef:
        """An event the page states, with its sentence (in ``lang``), reported by ``reporter`` (a news item)
        or the page; ``when`` None: stated as done with no date, so only that report bounds when it
        happened."""
        moment = when_literal(when) if when is not None else None
        ev = self.minter.id("event", slug(f"{moment or 'undated'} {kind} {key}")[:100].strip("-"))
        self.b.add(reporter or self.b.source, ILO.reports, ev)
        if (ev, SCHEMA.name, None) in self.b.graph:
            return ev  # the page says it twice
        self.b.resource(ev, ILO[kind], label=label)
        self.b.add(ev, SCHEMA.name, label, lang="en")
        self.b.add(ev, SCHEMA.startDate, moment)
        self.b.add(ev, SCHEMA.description, text, lang=lang)
        for c in countries or ():
            self.b.add(ev, ILO.inCountry, c)
        return ev

    def places(self, sent: str) -> list[URIRef]:
        """The countries a sentence names, else the country of the region's city it places its event in."""
        named = list(dict.fromkeys(m.entity.iri for m in self.gz.find(sent, ["country"])))
        return named or [e.iri for e in self.gz.city_countries(sent)[:1]]

    def _sentence_at(self, line: int, *words: str) -> str:
        """The sentence of the paragraph at ``line`` holding all ``words`` (else the whole paragraph)."""
        for para in self.page.paragraphs:
            if para.line == line:
                for sent in sentences(para.text):
                    if all(w in sent for w in words):
                        return sent
                return para.text
        return ""

    def identity_events(self, office: Entity, ident: OfficeIdentity) -> None:
        """'(formerly called X; the new name designated in April 2010) has worked in Moscow since 1959'."""
        short = office.iri.rsplit("/", 1)[-1]
        when = sentence_when(ident.renamed) if ident.renamed else None
        if when is not None and ident.former_names:
            former = ident.former_names[-1]
            text = self._sentence_at(ident.line, ident.renamed or "")
            label = f"Renaming of {former} as {office.label}"
            self.page_event("Renaming", f"{short} {former}", label, when, text)
        if ident.since_year:
            text = self._sentence_at(ident.line, str(ident.since_year))
            where = f" in {ident.city}" if ident.city else ""
            label = f"{office.label} at work{where} since {ident.since_year}"
            city = self.gz.cities.get(ident.city) if ident.city else None
            self.page_event(
                "Establishment",
                f"{short} {ident.city or ''}",
                label,
                str(ident.since_year),
                text,
                [city.iri] if city is not None else None,
            )

    def issue_event(self) -> None:
        """A newsletter page ('ILO Budapest Newsletter 2023 March') is itself the publication of an issue."""
        month = issue_month(self.page.title) if self.page.title else None
        if month is not None:
            self.page_event("Publication", self.page.title, self.page.title, month, self.page.title)

    def paragraph_events(self, labels: dict[str, str]) -> None:
        """Events the running text of an English page states with their date, one sentence at a time.

        A sentence's events are read as a news item's are (a call, a plan, an invitation or a denial states
        none); only those the sentence dates (a day with its year, a month, a year) are kept, since a page
        outside its items gives no date to fall back on.
        """
        if self.page.language != "en":
            row = language(self.page.language)
            if row is not None:
                self.language_paragraph_events(row, labels)
            return
        for para in self.page.paragraphs:
            for sent in sentences(para.text):
                when = sentence_when(sent)
                if when is None:
                    self.undated_sentence_events(sent, labels)
                    continue
                self.occurrences(sent, None, None)
                kinds = [m.kind for m in event_mentions("", sent)]
                if not kinds and establishment_sentence(sent):
                    kinds = ["Establishment"]
                countries = self.places(sent)
                for kind in kinds:
                    if kind == "Interview":
                        continue  # an interview is an item of its own, not a sentence of running text
                    label = f"{labels.get(kind, kind)}: {sent if len(sent) <= 150 else sent[:147] + '...'}"
                    self.page_event(kind, " ".join(sent.split()[:8]), label, when, sent, countries)

    def language_paragraph_events(self, row: Language, labels: dict[str, str]) -> None:
        """Events the running text of a page in another language dates itself ("Londres ouvert en juillet
        1920 et fermé en décembre 2006", "L'Ufficio di Roma apre nel 1920"), read with the language's row
        and reported by the page; none dated after the page was retrieved (a plan, not a fact)."""
        label_of = {**labels, **OCCURRENCE_LABEL}
        for para in self.page.paragraphs:
            for ev in dated_events(para.text, row):
                if self.retrieved and str(ev.when) > self.retrieved[: len(str(ev.when))]:
                    continue
                sent = ev.sentence
                # the country an office's name states counts ("le Bureau de l'OIT pour la France fut créé")
                found = self.gz.find(sent, ["country"], inside=True)
                countries = list(dict.fromkeys(m.entity.iri for m in found))
                text = sent if len(sent) <= 150 else sent[:147] + "..."
                label = f"{label_of.get(ev.kind, ev.kind)}: {text}"
                key = " ".join(sent.split()[:8])
                self.page_event(ev.kind, key, label, ev.when, sent, countries, lang=row.code)

    def undated_sentence_events(self, sent: str, labels: dict[str, str]) -> None:
        """Events a sentence of running text tells as done (a past or perfect form) without any time:
        recorded undated, reported by the page, which bounds when they happened.  A call, a plan, an
        invitation or a denial states none (as in a news item); nor does the present ("the ILO organizes
        trainings"), a future ("next year") or a sentence that dates its event in a way not understood."""
        if not states_no_time(sent) or not told_as_done(sent):
            return
        countries = self.places(sent)
        for kind in [m.kind for m in event_mentions("", sent)]:
            if kind in ("Interview", "Statement", "Ratification"):
                continue  # an item of its own, a saying of the page's own, a ratification needs its date
            label = f"{labels.get(kind, kind)}: {sent if len(sent) <= 150 else sent[:147] + '...'}"
            self.page_event(kind, " ".join(sent.split()[:8]), label, None, sent, countries)

    def occurrences(self, sent: str, published: date | None, reporter: URIRef | None) -> None:
        """Adoptions, accessions, appointments and closures the sentence dates (none after its item's day)."""
        countries = self.places(sent)
        for kind, when in dated_occurrences(sent, published):
            if published is not None and str(when) > published.isoformat()[: len(str(when))]:
                continue  # still to come after the item's day: a plan
            label = f"{OCCURRENCE_LABEL[kind]}: {sent if len(sent) <= 150 else sent[:147] + '...'}"
            self.page_event(kind, " ".join(sent.split()[:8]), label, when, sent, countries, reporter)

    def item_occurrences(self, n: NewsItem, news: URIRef, labels: dict[str, str]) -> None:
        """The dated occurrences a news item's headline and summary state, and the events it dates only
        relatively ("opened last month": a month), reported by the item."""
        day = n.published
        if self.page.language != "en" or day is None or n.precision != "day":
            return  # occurrences dated by the item need the item's day
        for sent in [n.headline, *sentences(n.summary)]:
            self.occurrences(sent, day, news)
            if reported_appointment(sent) and not any(k == "Appointment" for k, _ in dated_occurrences(sent)):
                label = f"{OCCURRENCE_LABEL['Appointment']}: {n.headline}"
                self.page_event("Appointment", " ".join(sent.split()[:8]), label, day, sent, [], news)
        for mention in relative_mentions(n.summary):
            when = relative_when(mention.sentence, day)
            if when is not None and mention.kind in labels:
                countries = self.places(mention.sentence)
                label = f"{labels[mention.kind]}: {n.headline}"
                key = " ".join(mention.sentence.split()[:8])
                self.page_event(mention.kind, key, label, when, mention.sentence, countries, news)
