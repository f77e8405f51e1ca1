"""Facts in the running text of a page in another language: one shared reader filled from a language's row.

The sentence shapes are those of :mod:`ilo_kg.textfacts` ("Name, Title", "Title Name", "Full Name (ACR)",
"more than 900 companies"), in the word order the region's languages share; the words come from
:class:`ilo_kg.languages.table.Language`.  The records are the same as for English text
(:class:`~ilo_kg.textfacts.PersonStatement`, :class:`~ilo_kg.textfacts.OrganizationName`,
:class:`~ilo_kg.textfacts.Quantity`), so linking and mapping read them alike.  As for English, a
sentence that calls for, plans, invites, denies or announces for later states no figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ilo_kg.languages.table import Language
from ilo_kg.textfacts import EventMention, OrganizationName, PersonStatement, Quantity, is_person_name

_Q = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "«": '"', "»": '"', "\u00a0": " "})
_UP = "A-ZÀ-ÖØ-ÞĀ-ſ"
_LOW = "a-zß-öø-ÿā-ž"
_WORD = rf"[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?"
# "Guy Ryder", "Marie-ange Moreau", "Gilbert F. Houngbo", "Pier Paolo Fano", "Francesco D'Attilia"
NAME = rf"{_WORD}(?:\s+(?:[{_UP}]\.|(?:[{_UP}]')?{_WORD})){{1,3}}"
_NAME_RX = re.compile(rf"({NAME})(?![\w'-])")
_ACRONYM = r"[A-Z][A-Z0-9]{1,7}"
_ILO = re.compile(r"\b(?:ILO|OIT|BIT|OIL|IAO|ILO-\w+|OIT-\w+)\b|Internationale?n?\s+Arbeits", re.I)


def clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_Q)).strip()


def sentences(text: str) -> list[str]:
    """Sentences of ``text``: split after . ! ? before an upper-case letter, a quote or a digit."""
    # not after an initial or an honorific ("Gilbert F. Houngbo", "M. Guy Ryder")
    parts = re.split(rf"(?<=[.!?])(?<![\s.][{_UP}]\.)(?<!^[{_UP}]\.)\s+(?=[{_UP}\"(0-9])", clean(text))
    return [p for p in parts if p]


def _alternation(words: tuple[str, ...] | list[str], flags: int = re.I) -> str:
    ordered = sorted(words, key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@lru_cache(maxsize=16)
def _rx(lang: Language) -> dict[str, re.Pattern[str]]:
    """The language's compiled patterns (once per language)."""
    titles = _alternation(lang.titles)
    joiner = rf"(?:{_alternation(lang.joiners)})"
    articles = _alternation(lang.articles)
    # a title: its head, then words that complete it ("général", "du BIT", "de la République")
    # (a lower-case word only after a joiner or as an adjective: "Directeur général du BIT", "Ministre du
    # travail", never a verb: "le directeur a rencontré Paul Martin" names no director)
    adjective = (
        rf"[{_LOW}][\w'-]*(?:{_alternation(lang.adjective_endings)})|{_alternation(lang.title_modifiers)}"
    )
    tail = (
        rf"(?:(?:\s*(?:{joiner})\s*)+(?:[{_UP}][\w'-]*|{_ACRONYM}|[{_LOW}][\w'-]*)"
        rf"|\s+(?:{adjective})(?![\w'-])|\s+{_ACRONYM})"
    )
    honor = _alternation(lang.honorifics)
    return {
        "title_start": re.compile(rf"^(?:(?:le|la|l'|il|lo|der|die|o|a)\s+)?(?i:{titles})\b"),
        # "le Directeur général du BIT M. Guy Ryder", "der Generaldirektor der ILO, Gilbert F. Houngbo"
        "title_first": re.compile(
            rf"(?<![\w'-])((?i:{titles})(?:(?!\s+(?:{_alternation((lang.and_word,))})\s+[{_UP}]){tail}){{0,7}}?)"
            rf"\s+(?:(?:{honor})\s+)?({NAME})(?![\w'-])(?!\s+[{_UP}][{_LOW}])"
        ),
        # with a comma only after an article: "der Generaldirektor der ILO, Gilbert F. Houngbo"
        "title_comma": re.compile(
            rf"(?<![\w'-])(?i:{articles})\s+((?i:{titles})(?:(?!\s+(?:{_alternation((lang.and_word,))})\s+[{_UP}]){tail}){{0,7}}?)"
            rf",\s+(?:(?:{honor})\s+)?({NAME})(?![\w'-])(?!\s+[{_UP}][{_LOW}])"
        ),
        # "Direttori dell'Ufficio di Roma sono stati A, B (reggente), C"
        "holders": re.compile(
            rf"\b((?i:{_alternation(tuple(lang.plural_titles))})(?:{tail}){{0,7}}?)\s+"
            rf"(?:{_alternation(lang.list_copulas)})\s+((?:{NAME})(?:\s*\([^)]{{1,40}}\))?"
            rf"(?:\s*(?:,|\b{re.escape(lang.and_word)}\b)\s*(?:{NAME})(?:\s*\([^)]{{1,40}}\))?)+)"
        ),
        "future": re.compile(rf"\b[{_LOW}]{{2,}}(?:{_alternation(lang.future_endings)})\b")
        if lang.future_endings
        else re.compile(r"(?!)"),
        "not_asserted": re.compile(
            rf"(?<![\w])(?:{_alternation(tuple(w.strip() for w in lang.not_asserted))})(?![\w])", re.I
        )
        if lang.not_asserted
        else re.compile(r"(?!)"),
    }


# --- people ---------------------------------------------------------------------------------------


def _name_ok(name: str, lang: Language) -> bool:
    words = [w.casefold() for w in re.split(r"[\s-]+", name)]
    if any(w in lang.stop_words or w.rstrip(".") in lang.months for w in words):
        return False
    return is_person_name(name) and not any(w.isupper() and len(w.rstrip(".")) > 1 for w in name.split())


def _title_after(rest: str, lang: Language) -> str | None:
    """The title that follows "Name, " in ``rest``: up to the next name, clause or sentence end.

    A following segment that is an organization's short name stays with it ("directeur général, IRES").
    """
    if not _rx(lang)["title_start"].match(rest):
        return None
    end = len(rest)
    for rx in (
        rf",\s*{NAME}\s*,",
        rf",?\s+{re.escape(lang.and_word)}\s+{NAME}\b",
        r"[.;:!?()]",
        r",",
    ):
        m = re.search(rx, rest)
        if m:
            end = min(end, m.start())
    title = rest[:end].strip(" ,")
    # the employer's short name may close the title, after at most one lower-case segment naming a unit:
    # "directeur général, IRES", "directeur adjoint, département analyse et prévision, OFCE"
    more = re.match(
        rf"(,\s*[{_LOW}][{_LOW}' -]{{2,60}})?,\s*({_ACRONYM}|[{_UP}][{_LOW}]+-[{_UP}][{_LOW}]+)(?=[\s,.;]|$)",
        rest[end:],
    )
    if more:
        title = f"{title}{more.group(1) or ''}, {more.group(2)}"
    title = re.sub(r"^(?:le|la|l'|il|lo|der|die|o|a)\s+", "", title, flags=re.I)
    if not title or len(title.split()) > 14:
        return None
    return title


def people(text: str, lang: Language) -> list[PersonStatement]:
    """People named with their titles: "Name, Title", "Title (M.) Name", "<Titles> were A, B and C"."""
    found: dict[str, PersonStatement] = {}

    def keep(name: str, title: str | None) -> None:
        name = re.sub(r"\s+", " ", name)
        if not _name_ok(name, lang):
            return
        prior = found.get(name)
        if prior is None or (title and not prior.title):
            staff = bool(title and _ILO.search(title))
            found[name] = PersonStatement(name, title=title, ilo_staff=staff)

    rx = _rx(lang)
    for sent in sentences(text):
        for m in rx["holders"].finditer(sent):
            plural = m.group(1).split()[0]
            single = lang.plural_titles[plural.casefold()]
            head = single[:1].upper() + single[1:] if plural[:1].isupper() else single
            title = head + m.group(1)[len(plural) :]
            for nm in re.finditer(rf"({NAME})(?:\s*\(([^)]{{1,40}})\))?", m.group(2)):
                keep(nm.group(1), f"{title} ({nm.group(2)})" if nm.group(2) else title)
        for m in _NAME_RX.finditer(sent):
            after = sent[m.end() :]
            if not after.startswith(","):
                continue
            stated = _title_after(after[1:].lstrip(), lang)
            if stated:
                keep(m.group(1), stated)
        for key in ("title_comma", "title_first"):
            for m in rx[key].finditer(sent):
                keep(m.group(2), m.group(1).strip())
    return list(found.values())


def title_organizations(title: str) -> list[str]:
    """The employer a title names by a short name: "directeur général, IRES", "directeur à Coe-Rexecode"."""
    out = []
    for m in re.finditer(
        rf"(?:,\s*|\s(?:à|at|bei|presso|na|no|em)\s+)({_ACRONYM}|[{_UP}][{_LOW}]+-[{_UP}][{_LOW}]+)(?=[\s,.;]|$)",
        title,
    ):
        if not _ILO.fullmatch(m.group(1)):
            out.append(m.group(1))
    return out


# --- organizations --------------------------------------------------------------------------------


_ELIDED = re.compile(r"(?:l|d|dell|all|nell|dall|sull|qu)'[A-ZÀ-Þ][\w-]*", re.I)


def _is_adjective(word: str, lang: Language) -> bool:
    return word.islower() and len(word) > 3 and word.endswith(lang.adjective_endings)


def _org_tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group(0), m.start(), m.end()) for m in re.finditer(r"[\w'-]+|[^\w\s]", text)]


def _org_after_head(tokens: list[tuple[str, int, int]], i: int, lang: Language) -> int:
    """The index just past an organization name whose head is ``tokens[i]``."""
    joiners = {j.casefold() for j in lang.org_joiners}
    j = i + 1
    end = j
    while j < len(tokens):
        word = tokens[j][0]
        low = word.casefold()
        nxt = tokens[j + 1][0] if j + 1 < len(tokens) else ""
        if _is_adjective(word.casefold(), lang) and (word.islower() or j == end):
            # "Conseil économique", "Istituto Internazionale per ...", "Organisation Internationale du ..."
            j += 1
            end = j
            continue
        if word in lang.org_heads:
            break  # the next name of a list ("Bundesregierung, Bundesministerium für ...")
        if word == "," and (
            _is_adjective(nxt, lang) or (nxt[:1].isupper() and lang.code == "de" and j > i + 1)
        ):
            # "économique, social et environnemental": a list of modifiers closed by "and"
            rest = [t[0] for t in tokens[j + 1 : j + 12]]
            if lang.and_word in rest[: rest.index(".")] if "." in rest else lang.and_word in rest:
                j += 1
                continue
            break
        if low == lang.and_word and _is_adjective(nxt, lang) and end == j:
            j += 2  # "social et environnemental"
            end = j
            continue
        if low in joiners:
            # "du Travail", "für Arbeit und Soziales", "dell'Unificazione", "di Torino"
            k = j
            while k < len(tokens) and tokens[k][0].casefold() in joiners:
                k += 1
            if k < len(tokens) and (
                (tokens[k][0][:1].isupper() and tokens[k][0][:1].isalpha()) or _ELIDED.fullmatch(tokens[k][0])
            ):
                j = k + 1
                end = j
                continue
            break
        if _ELIDED.fullmatch(word):
            j += 1
            end = j
            continue
        noun = lang.code == "de" and word[:1].isupper() and word.isalpha()
        if noun and ((j > i + 1 and tokens[j - 1][0] in (",", lang.and_word)) or (j == end and j > i + 2)):
            # German nouns: "für Wirtschaftliche Zusammenarbeit und Entwicklung", "Familie, Senioren, Frauen"
            j += 1
            end = j
            continue
        break
    return end


def organization_names(text: str, lang: Language) -> list[OrganizationName]:
    """Names that read as organizations in the language: "Conseil …", "Bundesministerium für …",
    "Ministero del Lavoro", "Organização …", "Full Name (ACR)", "ACR (Full Name)", and the short names
    listed after a class of organizations ("Sozialpartnern (BDA, DGB)").

    The ILO's own bodies (a name holding ILO/OIT/BIT/OIL) and a body its sentence calls its own ("son
    Centre") are not discovered.
    """
    text = text.translate(_Q)
    tokens = _org_tokens(text)
    heads = set(lang.org_heads)
    possessives = {p.casefold() for p in lang.possessives}
    found: list[OrganizationName] = []

    def keep(name: str, start: int, acronym: str | None = None) -> None:
        name = name.strip(" ,.;:*")
        if len(name.split()) < 2 and not any(name.endswith(e) for e in lang.compound_org_endings):
            return
        if _ILO.search(name):
            return
        end = start + len(name)
        if any(f.start <= start and end <= f.end for f in found):
            return
        found[:] = [f for f in found if not (start <= f.start and f.end <= end)]
        first = name.split()[0]
        kind = "government" if any(first.startswith(g) for g in lang.government_heads) else "other"
        found.append(OrganizationName(name, acronym, kind, start, end))

    for i, (word, start, _) in enumerate(tokens):
        compound = (
            lang.compound_org_endings
            and word[:1].isupper()
            and any(word.endswith(e) and len(word) > len(e) + 3 for e in lang.compound_org_endings)
        )
        if word not in heads and not compound:
            continue
        if i > 0 and tokens[i - 1][0].casefold() in possessives:
            continue  # "son Centre", "seu Centro": the speaker's own body
        end = _org_after_head(tokens, i, lang)
        if end == i + 1 and not compound:
            continue  # a head alone ("le Conseil") refers back; it names nothing
        name = text[start : tokens[end - 1][2]]
        acronym = None
        after = text[tokens[end - 1][2] :]
        m = re.match(rf"\s*\(({_ACRONYM})\)", after)
        if m:
            acronym = m.group(1)
        keep(name, start, acronym)
    # "UNIDROIT (Istituto Internazionale per l'Unificazione del Diritto Privato, ...)"
    for m in re.finditer(rf"\b({_ACRONYM})\s+\(", text):
        for f in found:
            if f.start == m.end() and f.acronym is None:
                found[found.index(f)] = OrganizationName(f.name, m.group(1), f.kind, f.start, f.end)
    # "os países da CPLP": an acronym (letters only: "G7" is a group, no body) with member countries
    if lang.member_countries:
        for m in re.finditer(rf"(?<![\w'-])(?:{lang.member_countries})([A-Z]{{2,8}})(?![\w-])", text):
            short = m.group(1)
            if not _ILO.fullmatch(short) and not any(f.start <= m.start(1) < f.end for f in found):
                found.append(OrganizationName(short, short, "other", m.start(1), m.end(1)))
    # "zu den Sozialpartnern (BDA, DGB)": each short name of the list is one organization
    if lang.org_classes:
        classes = _alternation(lang.org_classes)
        for m in re.finditer(rf"\b(?i:{classes})\s+\(((?:{_ACRONYM})(?:\s*,\s*{_ACRONYM})*)\)", text):
            at = m.start(1)
            for short in re.findall(_ACRONYM, m.group(1)):
                pos = text.index(short, at)
                if not _ILO.fullmatch(short):
                    found.append(OrganizationName(short, short, "other", pos, pos + len(short)))
                at = pos + len(short)
    # "le festival "Filmer le travail", organisé par l'association éponyme": the quoted name is the body's
    if lang.eponyms:
        eponym = _alternation(lang.eponyms)
        heads_rx = _alternation(tuple(lang.org_heads))
        body = re.compile(rf"\b(?i:(?:{heads_rx})\s+(?:{eponym})|(?:{eponym})\s+(?:{heads_rx}))\b")
        for sent in sentences(text):
            at = text.find(sent)
            named = body.search(sent)
            if named is None or at < 0:
                continue
            for m in re.finditer(r'"\s*([A-ZÀ-Þ][^"]{2,60}?)\s*"', sent[: named.start()]):
                keep(m.group(1), at + m.start(1))
    return sorted(found, key=lambda f: f.start)


# --- figures ---------------------------------------------------------------------------------------

_NUMBER = r"\d{1,3}(?:[ .]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def _value(raw: str, lang: Language) -> float | None:
    low = raw.casefold()
    if low in lang.numbers:
        return float(lang.numbers[low])
    digits = re.sub(r"[ .](?=\d{3}\b)", "", raw).replace(",", ".")
    try:
        return float(digits)
    except ValueError:
        return None


def _is_unit_word(word: str, lang: Language, first: bool) -> bool:
    if not re.fullmatch(r"[^\W\d_][\w'-]*", word):
        return False
    low = word.casefold()
    if low in {j.casefold() for j in lang.joiners} or low in lang.months or low in lang.stop_words:
        return False
    if lang.code == "de":
        return word[:1].isupper()  # German nouns (and the English names German text quotes)
    plural = ("i", "e") if lang.code == "it" else ("s", "x")
    return word.endswith(plural)


def asserted(sentence: str, start: int, lang: Language) -> bool:
    """Does the sentence state as done what its word at ``start`` names?  Not when a call, plan,
    invitation, obligation, condition or denial governs it in its clause, or when its verb is in the
    future tense ("présentera", "si terrà", "wird ... vorstellen")."""
    rx = _rx(lang)
    before = sentence[:start]
    clause = re.split(r"[;:]", before)[-1]
    if rx["not_asserted"].search(clause):
        return False
    return not any(w.casefold() not in lang.not_future for w in rx["future"].findall(sentence))


def quantities(text: str, lang: Language) -> list[Quantity]:
    """Figures in digits or number words: "2000 agents", "tre aree prioritarie", "3 milhões de visitas".

    Years, days of a date, ordinals ("7e édition"), times ("10h00"), ranges ("4 à 6 agents"), spans of
    time ("cinq ans") and identifiers ("SDG 8") are not figures.
    """
    words = _alternation(tuple(lang.numbers))
    scales = _alternation(tuple(lang.scales))
    quals = _alternation(lang.qualifiers)
    rx = re.compile(
        rf"(?:(?P<q>\b(?i:{quals}))\s+)?(?<![\w.,/-])(?P<n>{_NUMBER}|\b(?i:{words})\b)(?![\w/-]|[.,]\d)"
        rf"(?:\s+(?P<scale>(?i:{scales}))\b)?"
    )
    out: list[Quantity] = []
    months = set(lang.months)
    for sent in sentences(text):
        for m in rx.finditer(sent):
            value = _value(m.group("n"), lang)
            if value is None:
                continue
            before = sent[: m.start("n")].rstrip()
            prev = before.split()[-1].casefold() if before.split() else ""
            rest = sent[m.end() :]
            if m.group("scale"):
                rest = re.sub(r"^\s+(?:de|di|d'|von)\s+", " ", rest)
            following = re.findall(r"[\w'-]+|[^\w\s]", rest)
            if not following:
                continue
            if re.fullmatch(r"(?:19|20)\d{2}", m.group("n")) and (
                prev in lang.time_prepositions or prev.rstrip(",") in months or not following[0][:1].isalpha()
            ):
                continue  # a year
            if prev in ("n°", "no", "nr.", "sdg", "art.", "article", "articolo", "artigo", "agenda", "nos"):
                continue
            if prev in lang.demonstratives:
                continue  # "desses quatro eixos": the same ones again
            if re.search(r"\d\s*(?:à|a|bis|-|–)\s*$", before) or re.match(r"\s*(?:à|a|bis|-|–)\s*\d", rest):
                continue  # a range ("4 à 6 agents"), not one figure
            if following[0].casefold() in months or prev in months:
                continue  # a day of a date
            unit_words: list[str] = []
            for word in following:
                if len(unit_words) == 3 or not _is_unit_word(word, lang, first=not unit_words):
                    break
                unit_words.append(word)
            if not unit_words or unit_words[0].casefold() in lang.time_units:
                continue
            if not asserted(sent, m.start(), lang):
                continue
            number = value * lang.scales[m.group("scale").casefold()] if m.group("scale") else value
            whole: int | float = int(number) if float(number).is_integer() else number
            unit = " ".join(unit_words)
            qualifier = re.sub(r"\s+", " ", m.group("q")).casefold() if m.group("q") else None
            phrase = sent[m.start() : m.end()] + " " + unit
            out.append(Quantity(whole, unit, qualifier, phrase.strip(), sent))
    return out


# --- events ------------------------------------------------------------------------------------------


@lru_cache(maxsize=16)
def _event_rx(lang: Language) -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple(
        (kind, re.compile(rf"(?<![\w'-])(?:{rx})(?![\w-])", re.I)) for kind, rx in lang.events.items()
    )


def event_mentions(headline: str, summary: str, lang: Language) -> list[EventMention]:
    """The events a news item reports, one per kind, each by a verb that states it as done.

    Only a verb in a past tense counts ("a souligné", "si è tenuto", "fand ... statt"); it must be
    asserted in its sentence (no call, invitation, condition, denial or future tense).
    """
    found: dict[str, EventMention] = {}
    for sent in [*sentences(summary), clean(headline)]:
        for kind, rx in _event_rx(lang):
            if kind in found:
                continue
            if any(asserted(sent, m.start(), lang) for m in rx.finditer(sent)):
                found[kind] = EventMention(kind, sent)
    return list(found.values())


def sentence_date(sentence: str, published: date, lang: Language) -> date | None:
    """The day a sentence dates its event ("le 29 avril", "lundi 1er février", "a 8 de julho de 2002",
    "am 3. März"), or None.  A date without a year takes the publication's year (the year before when
    that would put it more than two months after the publication)."""
    months = _alternation(tuple(lang.months))
    m = re.search(
        rf"(?<!\d)(\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?({months})\b(?:\s+(?:de\s+)?(\d{{4}}))?",
        sentence,
        re.I,
    )
    if m is None:
        return None
    number = lang.months[m.group(2).casefold()]
    year = int(m.group(3)) if m.group(3) else published.year
    try:
        found = date(year, number, int(m.group(1)))
        if not m.group(3) and (found - published).days > 62:
            found = date(year - 1, number, int(m.group(1)))
    except ValueError:
        return None
    return found


@dataclass(frozen=True)
class DatedEvent:
    """An event running text states with its own date: ``when`` a day, a month ("1920-07") or a year."""

    kind: str
    when: date | str
    sentence: str


@lru_cache(maxsize=16)
def _dated_rx(lang: Language) -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """The language's date phrases (a day, a month, a year after its preposition), its dated-event words
    and its span verbs."""
    months = _alternation(tuple(lang.months))
    years = _alternation(lang.year_prepositions) if lang.year_prepositions else "(?!)"
    when = re.compile(
        rf"(?<![\w-])(?:(?P<day>\d{{1,2}})(?:er|º|°|\.)?\s+(?:de\s+)?)?(?P<month>{months})\s+(?:de\s+)?"
        rf"(?P<my>(?:1[89]|20)\d{{2}})(?!\d)"
        rf"|(?<![\w-])(?:{years})\s+(?P<year>(?:1[89]|20)\d{{2}})(?![\d\w])",
        re.I,
    )
    kinds = "|".join(f"(?P<{kind}>{rx})" for kind, rx in lang.dated_events.items()) or "(?!)"
    events = re.compile(rf"(?<![\w'-])(?:{kinds})(?![\w-])", re.I)
    spans = re.compile(rf"(?<![\w'-])(?:{lang.span_verbs or '(?!)'})(?![\w-])", re.I)
    end = lang.range_words[1]
    range_end = re.compile(rf"^\s*(?:{re.escape(end) if end else '(?!)'})\s*$", re.I)
    return when, events, spans, range_end


def _when(m: re.Match[str], lang: Language) -> date | str | None:
    if m.group("year"):
        return m.group("year")
    month = lang.months[m.group("month").casefold()]
    if m.group("day"):
        try:
            return date(int(m.group("my")), month, int(m.group("day")))
        except ValueError:
            return None
    return f"{m.group('my')}-{month:02d}"


def dated_events(text: str, lang: Language) -> list[DatedEvent]:
    """Events the running text states with a date of their own, one per date phrase of a sentence:
    "Londres ouvert en juillet 1920 et fermé en décembre 2006" (a launch, a closure), "L'Ufficio di Roma
    apre nel 1920", "A 8 de julho de 2002 era assinado um Acordo", "a fonctionné de mars 1921 à février
    1933" (the range's start and end).

    A date is tied to the words of an event between it and the date before it, else to those that follow
    it up to the next date; a range without a verb of its own ("puis à Bonn de janvier 1953 à juin 2004")
    continues the span verb before it.  Nothing is stated where a call, plan, condition, denial or future
    tense governs the words (``asserted``), nor where a date has no event words near it.
    """
    when_rx, events_rx, spans_rx, range_end = _dated_rx(lang)
    start_word = lang.range_words[0]
    out: list[DatedEvent] = []
    for sent in sentences(text):
        dates = list(when_rx.finditer(sent))
        if not dates:
            continue
        words = [(m.start(), m.end(), m.lastgroup or "") for m in events_rx.finditer(sent)]
        words += [(m.start(), m.end(), "span") for m in spans_rx.finditer(sent)]
        words.sort()
        prev_end = 0
        open_span = False  # the date before was the start of a range of a span verb
        for i, d in enumerate(dates):
            when = _when(d, lang)
            next_start = dates[i + 1].start() if i + 1 < len(dates) else len(sent)
            between = sent[prev_end : d.start()]
            kind: str | None = None
            at = 0  # where the event's words end: what governs them comes before
            # the words before the date, or around it ("wurde im Mai 1951 eröffnet")
            before = [
                w for w in words if prev_end <= w[0] < d.start() and (w[1] <= d.start() or w[1] >= d.end())
            ]
            opens_range = bool(start_word) and bool(re.search(rf"\b{re.escape(start_word)}\s*$", between))
            if before:
                _, at, kind = before[-1]
                if kind == "span":
                    kind = "Launch" if opens_range else None
            elif open_span and range_end.match(between):
                kind, at = "Closure", d.start()
            elif opens_range and any(w[2] == "span" and w[1] <= d.start() for w in words):
                kind, at = "Launch", d.start()
            else:
                after = [w for w in words if d.end() <= w[0] and w[1] <= next_start and w[2] != "span"]
                if after:
                    _, at, kind = after[0]
            open_span = (
                kind == "Launch" and opens_range and any(w[2] == "span" and w[1] <= d.start() for w in words)
            )
            prev_end = d.end()
            if kind is None or when is None or not asserted(sent, at, lang):
                continue
            out.append(DatedEvent(kind, when, sent))
    return out


def represented_in(sentence: str, lang: Language) -> int | None:
    """Where the words that make the sentence's subject the ILO's representation end ("A OIT-Lisboa
    assegura a representação da OIT junto dos seus constituintes em Portugal"), or None when the sentence
    does not state it as done (a plan, a call, a denial, a future)."""
    if not lang.represents:
        return None
    m = re.search(rf"(?<![\w'-])(?:{lang.represents})(?![\w-])", clean(sentence))
    if m is None or not asserted(clean(sentence), m.end(), lang):
        return None
    return m.end()


def agreement_parties_at(sentence: str, lang: Language) -> int | None:
    """Where the parties of an agreement the sentence states as done begin ("era assinado um Acordo entre
    a OIT e ..."), or None (no agreement, or one only called for, planned or denied)."""
    if not lang.agreement_between:
        return None
    m = re.search(rf"(?<![\w'-])(?:{lang.agreement_between})(?![\w-])", sentence, re.I)
    if m is None or not asserted(sentence, m.end(), lang):
        return None
    return m.end()


def is_state_name(name: str, lang: Language) -> bool:
    """A country's formal name as a state ("República Portuguesa", "Bundesrepublik Deutschland")."""
    first = name.split()[0] if name.split() else ""
    return first in lang.state_heads


def office_entry(text: str, lang: Language) -> tuple[str, str] | None:
    """(city, what the office is for) of a list entry naming an office by its city, with its role in
    parentheses: "Bruxelles, (bureau de liaison pour les pays du Benelux et auprès de l'Union européenne)
    ouvert en octobre 1973" -> ("Bruxelles", "les pays du Benelux et auprès de l'Union européenne")."""
    if not lang.office_for:
        return None
    m = re.match(
        rf"^(?P<city>[{_UP}][{_LOW}'-]+(?:\s+[{_UP}][{_LOW}'-]+)?)\s*,?\s*\(\s*(?i:{lang.office_for})\s+"
        r"(?P<for>[^()]+?)\s*\)",
        clean(text),
    )
    if m is None or not asserted(m.group("for"), 0, lang):
        return None
    return m.group("city"), m.group("for")
