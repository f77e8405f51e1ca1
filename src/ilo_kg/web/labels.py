"""The label index of the served release: every resource of ``id/`` with its preferred and other labels.

A release never changes, so the index is read once (on first use) and then answers the search page,
the editor's completion, the canned forms' pickers (a name for an IRI) and the lists per kind.
Matching is by words, accents and case folded: exact, prefix, or one or two typos (by the length of
the word), every word of the query matching some word of a label.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ilo_kg.engine.contract import Store
from ilo_kg.iris import Minter

SKOS = "http://www.w3.org/2004/02/skos/core#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SCHEMA = "https://schema.org/"
# the label properties, most preferred first
LABELS = (SKOS + "prefLabel", RDFS + "label", SCHEMA + "name", SCHEMA + "headline", SKOS + "altLabel")
DATES = {SCHEMA + "startDate": "start", SCHEMA + "endDate": "end", SCHEMA + "datePublished": "date"}

_LABEL_QUERY = "SELECT ?s ?p ?l WHERE { VALUES ?p { <" + "> <".join(LABELS) + "> } ?s ?p ?l . }"
_DATE_QUERY = (
    "SELECT ?s ?p (MIN(?d) AS ?v) WHERE { VALUES ?p { <"
    + "> <".join(DATES)
    + "> } ?s ?p ?d . } GROUP BY ?s ?p"
)

FULL_SCAN = 20_000  # words: up to this many, a typo is looked for in every word (first letter too)
_ALL = 50_000_000  # every row: the store's own row limit is for clients' queries
_WORD = re.compile(r"[a-z0-9]+")
_NAME = re.compile(r"^[\w\s'’.,()&/-]+$")


def fold(text: str) -> str:
    """Lowercase ASCII letters and digits: accents removed, case folded ('Türkiye' -> 'turkiye')."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("ı", "i").replace("ø", "o").replace("ß", "ss").casefold()


def words(text: str) -> list[str]:
    return _WORD.findall(fold(text))


def typos_allowed(word: str) -> int:
    """Typos tolerated in a query word: none up to 3 letters, one up to 7, two beyond."""
    return 0 if len(word) <= 3 else 1 if len(word) <= 7 else 2


def distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (a transposition counts one), or ``limit + 1`` past ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@dataclass
class Entry:
    """One resource: its IRI, kind and key, preferred label and the other labels."""

    iri: str
    kind: str
    key: str
    label: str
    labels: tuple[str, ...]
    """Every distinct label, the preferred one first (alternative labels, names, headlines after)."""
    dates: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Hit:
    entry: Entry
    score: float
    matched: str
    """The label that matched best (the preferred one, or an alternative such as 'BiH')."""

    def as_json(self, path: str) -> dict[str, object]:
        e = self.entry
        out: dict[str, object] = {"iri": e.iri, "label": e.label, "kind": e.kind, "key": e.key, "path": path}
        if self.matched != e.label:
            out["matched"] = self.matched
        if e.dates:
            out["dates"] = dict(e.dates)
        out["score"] = round(self.score, 3)
        return out


class Ambiguous(LookupError):
    def __init__(self, candidates: list[Entry]) -> None:
        super().__init__(", ".join(e.label for e in candidates))
        self.candidates = candidates


@dataclass
class LabelIndex:
    """The index itself (built by :func:`build_index`)."""

    base: str
    entries: dict[str, Entry]
    by_kind: dict[str, list[Entry]]
    vocabulary: list[str]
    """Every word of every label, sorted (prefix lookups by bisection)."""
    postings: dict[str, set[tuple[str, int]]]
    """word -> (IRI, index of the label in the entry's labels)."""
    words: list[str] = field(default_factory=list)
    """The words of letters only, sorted: where a typo is looked for (not in numbers, codes, dates)."""

    def __post_init__(self) -> None:
        if not self.words:
            self.words = [w for w in self.vocabulary if w.isalpha()]

    def label(self, iri: str) -> str | None:
        entry = self.entries.get(iri)
        return entry.label if entry else None

    def kinds(self) -> list[tuple[str, int]]:
        return sorted((k, len(v)) for k, v in self.by_kind.items())

    def _typo_candidates(self, word: str) -> list[str]:
        """The words a typo may have come from: all of them in a small vocabulary; in a large one
        (a generated graph) those with the same first letter, a contiguous range of the sorted list.
        Numbers, codes and dates are matched whole or by prefix only."""
        if not word.isalpha():
            return []
        if len(self.words) <= FULL_SCAN:
            return self.words
        low = bisect.bisect_left(self.words, word[0])
        high = bisect.bisect_left(self.words, word[0] + "\uffff")
        return self.words[low:high]

    def _matches(self, word: str, last: bool, typos: bool = True) -> dict[str, float]:
        """Vocabulary words close to a query word, with a weight (exact 3, prefix 2, typo 1)."""
        found: dict[str, float] = {}
        if word in self.postings:
            found[word] = 3.0
        if last or len(word) >= 3:  # a prefix: the word being typed, or a long enough stem
            i = bisect.bisect_left(self.vocabulary, word)
            while i < len(self.vocabulary) and self.vocabulary[i].startswith(word):
                found.setdefault(self.vocabulary[i], 2.0 - 0.01 * (len(self.vocabulary[i]) - len(word)))
                i += 1
        limit = typos_allowed(word) if typos else 0
        if limit:
            for candidate in self._typo_candidates(word):
                if candidate in found:
                    continue
                if abs(len(candidate) - len(word)) <= limit:
                    d = distance(word, candidate, limit)
                    if d <= limit:
                        found[candidate] = 1.0 - 0.2 * (d - 1)
                        continue
                # a typo in the word being typed ("labuo" for "labour")
                stem = candidate[: len(word)]
                if last and len(candidate) > len(word) and distance(word, stem, limit) <= limit:
                    found[candidate] = 0.8
        return found

    def search(self, text: str, *, kind: str | None = None, limit: int = 20, typos: bool = True) -> list[Hit]:
        """Resources whose labels match every word of ``text``, best first (``typos``: near words too)."""
        query = words(text)
        if not query:
            return []
        phrase = " ".join(query)
        # (IRI, label index) -> score so far; every query word must match a word of that label
        scores: dict[tuple[str, int], float] | None = None
        for n, word in enumerate(query):
            current: dict[tuple[str, int], float] = defaultdict(float)
            for candidate, weight in self._matches(word, last=n == len(query) - 1, typos=typos).items():
                for posting in self.postings[candidate]:
                    if kind is not None and self.entries[posting[0]].kind != kind:
                        continue
                    if scores is None or posting in scores:
                        current[posting] = max(current[posting], weight)
            scores = (
                {p: s + (scores or {}).get(p, 0.0) for p, s in current.items()}
                if scores is not None
                else dict(current)
            )
            if not scores:
                return []
        best: dict[str, Hit] = {}
        for (iri, n), score in (scores or {}).items():
            entry = self.entries[iri]
            label = entry.labels[n]
            folded = " ".join(words(label))
            if folded == phrase:
                score += 4
            elif folded.startswith(phrase):
                score += 2
            elif phrase in folded:
                score += 1
            score += 0.5 if n == 0 else 0.0  # the preferred label
            score -= 0.002 * len(folded)  # shorter labels first among equals
            if iri not in best or score > best[iri].score:
                best[iri] = Hit(entry, score, label)
        hits = sorted(best.values(), key=lambda h: (-h.score, h.entry.label.casefold(), h.entry.iri))
        return hits[:limit]

    def resolve(self, value: str, kind: str) -> Entry | None:
        """The one resource of ``kind`` a name or key denotes; None when none; Ambiguous when several.

        A key (``UKR``, ``european-union``) or a label equal to the value, accents and case aside,
        decides; otherwise a search (whole words and prefixes, no typos) that finds exactly one
        resource of the kind.
        """
        entries = self.by_kind.get(kind, [])
        wanted = " ".join(words(value))
        if not wanted:
            return None
        exact = [e for e in entries if e.key.casefold() == value.strip().casefold()]
        if not exact and not _NAME.match(value):
            return None  # not a name: brackets, quotes, braces...
        if not exact:
            exact = [e for e in entries if any(" ".join(words(lab)) == wanted for lab in e.labels)]
        if len(exact) == 1:
            return exact[0]
        if len(exact) > 1:
            raise Ambiguous(exact)
        hits = self.search(value, kind=kind, limit=6, typos=False)
        if len(hits) == 1:
            return hits[0].entry
        if hits:
            raise Ambiguous([h.entry for h in hits])
        return None


def _entries(base: str, rows: Iterable[tuple[object, ...]]) -> dict[str, Entry]:
    prefix = Minter(base).id_space
    found: dict[str, dict[str, list[str]]] = {}
    for s, p, label in rows:
        if not isinstance(s, ox.NamedNode) or not isinstance(p, ox.NamedNode):
            continue
        if not isinstance(label, ox.Literal):
            continue
        iri = s.value
        if not iri.startswith(prefix) or "#" in iri:
            continue
        if label.language and not label.language.lower().startswith("en"):
            continue
        found.setdefault(iri, {}).setdefault(p.value, []).append(label.value)
    entries: dict[str, Entry] = {}
    for iri, by_prop in found.items():
        ordered: list[str] = []
        for prop in LABELS:
            ordered += sorted(by_prop.get(prop, []))
        labels = tuple(dict.fromkeys(x for x in ordered if x.strip()))
        if not labels:
            continue
        kind, _, key = iri[len(prefix) :].partition("/")
        if not key:
            continue
        entries[iri] = Entry(iri, kind, key, labels[0], labels)
    return entries


def build_index(store: Store, base: str, timeout_s: float | None = None) -> LabelIndex:
    """Read every label (and start, end and publication date) of the release's resources."""
    rows = store.query(_LABEL_QUERY, timeout_s=timeout_s, max_rows=_ALL).rows
    entries = _entries(base, rows)
    for s, p, value in store.query(_DATE_QUERY, timeout_s=timeout_s, max_rows=_ALL).rows:
        entry = entries.get(s.value) if isinstance(s, ox.NamedNode) else None
        if entry is not None and isinstance(p, ox.NamedNode) and isinstance(value, ox.Literal):
            entry.dates[DATES[p.value]] = value.value[:10]
    by_kind: dict[str, list[Entry]] = defaultdict(list)
    postings: dict[str, set[tuple[str, int]]] = defaultdict(set)
    for entry in sorted(entries.values(), key=lambda e: (e.label.casefold(), e.iri)):
        by_kind[entry.kind].append(entry)
        for n, label in enumerate(entry.labels):
            for word in words(label):
                postings[word].add((entry.iri, n))
    return LabelIndex(base, entries, dict(by_kind), sorted(postings), dict(postings))


_LOCK = threading.Lock()


def index_of(holder: dict[str, object], store: Store, base: str, timeout_s: float | None) -> LabelIndex:
    """The index kept in ``holder`` (the app state's memo), built once under a lock."""
    with _LOCK:
        index = holder.get("labels")
        if not isinstance(index, LabelIndex):
            index = build_index(store, base, timeout_s)
            holder["labels"] = index
        return index
