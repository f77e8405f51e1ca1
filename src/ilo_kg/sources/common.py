"""Line handling shared by every page kind: layout, numbered items, dates, lists.

Dates ("1 March 2022", "03 August 2021", ranges with any dash or "to"), "©"
credit lines, quotes, whitespace and country lists.  The page layout (title,
headings, paragraphs, numbered items) is in :mod:`ilo_kg.sources.layout`.
"""

from __future__ import annotations

import re
from datetime import date

from ilo_kg.languages.table import LANGUAGES

MONTHS: dict[str, int] = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
for _row in LANGUAGES.values():  # "30 Avril 2015", "Février 2016": the month names of every language read
    for _name, _number in _row.months.items():
        MONTHS.setdefault(_name, _number)
_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"


def _date_rx(p: str) -> str:
    """A day-month-year or month-day-year date (year optional) with group names prefixed by ``p``."""
    sfx = r"(?:st|nd|rd|th)?"
    dmy = rf"(?P<{p}d>\d{{1,2}}){sfx}\s+(?P<{p}m>{_MONTH})(?:,?\s+(?P<{p}y>\d{{4}}))?"
    mdy = rf"(?P<{p}m2>{_MONTH})\s+(?P<{p}d2>\d{{1,2}}){sfx}(?:,?\s+(?P<{p}y2>\d{{4}}))?"
    return f"(?:{dmy}|{mdy})"


DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
_SEP = rf"\s*(?:[{DASHES}]+|\bto\b|\buntil\b|\btill\b)\s*"
DATE_RE = re.compile(rf"^\s*(?:on\s+)?{_date_rx('a')}\s*$", re.IGNORECASE)
RANGE_RE = re.compile(rf"^\s*(?:from\s+)?{_date_rx('a')}{_SEP}{_date_rx('b')}\s*\.?\s*$", re.IGNORECASE)
RANGE_START_RE = re.compile(rf"^\s*(?:from\s+)?{_date_rx('a')}(?:{_SEP}.*)?$", re.IGNORECASE)
MONTH_HEADING_RE = re.compile(rf"^{_MONTH}\s+\d{{4}}$", re.IGNORECASE)
MARKER_RE = re.compile(r"^(\d{1,3})[.)]\s+(\S.*)$")
CREDIT_RE = re.compile(r"^(?:©|\(c\)|copyright\b)\s*(?P<credit>.*)$", re.IGNORECASE)
BULLET_RE = re.compile(r"^[•·\-*▪◦‣]\s+")
SENTENCE_END = ".!?…\"'”’»)"
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2032": "'",
    }
)


def norm_quotes(text: str) -> str:
    """Straighten curly quotes; same length as the input, so match offsets carry over."""
    return text.translate(_QUOTES)


def clean(text: str) -> str:
    """Collapse runs of whitespace (including no-break spaces) to one space."""
    return " ".join(text.replace("\u00a0", " ").replace("\u200b", "").split())


def ends_sentence(text: str) -> bool:
    return bool(text) and text.rstrip()[-1] in SENTENCE_END


def _one_date(m: re.Match[str], p: str, year: int | None = None) -> date | None:
    g = m.groupdict()
    day = g.get(f"{p}d") or g.get(f"{p}d2")
    month = g.get(f"{p}m") or g.get(f"{p}m2")
    y = g.get(f"{p}y") or g.get(f"{p}y2")
    if day is None or month is None:
        return None
    yy = int(y) if y else year
    if yy is None:
        return None
    try:
        return date(yy, MONTHS[month.lower().rstrip(".")], int(day))
    except ValueError:
        return None


def parse_date(text: str) -> date | None:
    """'1 March 2022', '03 August 2021', 'March 1, 2022' -> a date; None if not exactly a date."""
    m = DATE_RE.match(clean(text))
    return _one_date(m, "a") if m else None


def parse_range(text: str) -> tuple[date, date] | None:
    """'1 March 2022 - 31 December 2023' (any dash, 'to', 'until'); a start without year takes the end's."""
    m = RANGE_RE.match(clean(text))
    if not m:
        return None
    end = _one_date(m, "b")
    if end is None:
        return None
    start = _one_date(m, "a", end.year)
    return (start, end) if start else None


def parse_range_start(text: str) -> date | None:
    """The start date of a line that begins with a date (a range cut off after its start)."""
    m = RANGE_START_RE.match(clean(text))
    return _one_date(m, "a") if m else None


def is_date_line(text: str) -> bool:
    return parse_date(text) is not None or parse_range(text) is not None


_NUMBER_WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen twenty"
)
_NUMBERS = {w: i for i, w in enumerate(_NUMBER_WORDS.split(" "))}


def parse_count(word: str) -> int | None:
    """'10' or 'ten' -> 10."""
    w = word.lower()
    return int(w) if w.isdigit() else _NUMBERS.get(w)


# Names that contain " and " and must not be split as a list.
JOINED_NAMES = (
    "Bosnia and Herzegovina",
    "Serbia and Montenegro",
    "Trinidad and Tobago",
    "Antigua and Barbuda",
    "Saint Kitts and Nevis",
    "Saint Vincent and the Grenadines",
    "Sao Tome and Principe",
    "Turks and Caicos",
)


def split_top(text: str, sep: str) -> list[str]:
    """Split on ``sep`` outside parentheses."""
    parts: list[str] = []
    depth, start, i = 0, 0, 0
    while i < len(text):
        c = text[i]
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            parts.append(text[start:i])
            i += len(sep)
            start = i
            continue
        i += 1
    parts.append(text[start:])
    return parts


def split_list(text: str) -> list[str]:
    """'A, B, Bosnia and Herzegovina and C' -> items; on ', ' and the last ' and ' (Oxford comma too)."""
    body = clean(text).rstrip(" .;:")
    protected: dict[str, str] = {}
    for i, name in enumerate(JOINED_NAMES):
        rx = re.compile(re.escape(name), re.IGNORECASE)
        for found in set(rx.findall(body)):
            key = f"\x00{i}\x00"
            protected[key] = found
            body = body.replace(found, key)
    parts = [p.strip() for p in split_top(body, ", ")]
    last = split_top(parts[-1], " and ")
    if len(last) > 1:
        parts[-1:] = [" and ".join(last[:-1]).strip(), last[-1].strip()]
    out: list[str] = []
    for part in parts:
        part = re.sub(r"^(?:and|as well as)\s+", "", part).strip()
        for key, name in protected.items():
            part = part.replace(key, name)
        part = part.rstrip("*").strip()
        if part:
            out.append(part)
    return out


def strip_qualifier(name: str) -> str:
    """'Kosovo as defined by ... (1999)' -> 'Kosovo'; 'Kosovo*' -> 'Kosovo'."""
    name = re.split(r"\s+(?:as defined (?:by|in)|under (?:the )?UN|in line with|pursuant to)\b", name)[0]
    name = re.sub(r"\s*\([^)]*\)\s*$", "", name)
    return name.rstrip("*., ").strip()


# A few of each language's commonest words: enough to tell the region's page languages apart.
_FUNCTION_WORDS = {
    "en": "the of and to in is for on with that by was are from this as has have",
    "fr": "le la les des et du en une est pour dans sur au par qui avec aux ont",
    "de": "der die das und den von zu mit ist im für auf des dem sich ein eine",
    "it": "il la di che e le per della del con una sono gli alla nel dei",
    "pt": "o a os as de do da dos das e em para com uma por que no na",
    "es": "el la los las de del y en para con una por que se es al",
    "ru": "и в на с по для не что это как от из за к",
    "tr": "ve bir bu için ile da de olarak daha çok en gibi",
}
_WORD_SETS = {lang: frozenset(words.split()) for lang, words in _FUNCTION_WORDS.items()}


def language_of(text: str) -> str:
    """The language of a page's text (ISO 639-1), by its commonest words; "en" when unsure."""
    words = re.findall(r"[^\W\d_]+", text.lower())
    if not words:
        return "en"
    scores = {lang: sum(1 for w in words if w in vocab) for lang, vocab in _WORD_SETS.items()}
    best = max(scores, key=lambda lang: (scores[lang], lang == "en"))
    return best if scores[best] > 1.2 * scores["en"] else "en"
