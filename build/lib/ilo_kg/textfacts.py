"""Facts stated in running text, found by sentence patterns (no RDF, no linking).

These patterns read the way ILO pages state things ("funded by", "trained 50",
"Conventions Nos. 155 and 187", "the 105th Member State", "Name, Title of the
Office explains"), never the exact text of one page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ilo_kg.sources.common import parse_count

_Q = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
NAME = r"[A-Z][a-zà-ÿ]+(?:[ -](?:[A-Z]\.|[A-Z][a-zà-ÿ]+)){1,3}"
_NUM = (
    r"(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
)
_CUT = (
    r"(?:,?\s+(?:explains|shares|talks|says|speaks|presents|describes|discusses|tells|highlights|gives)\b"
    r"|\s+of\s+the\s+ILO\b|\s+of\s+ILO\b|\s+at\s+the\s+ILO\b|[.;]\s|[.;]$|$)"
)


def sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text.translate(_Q)).strip()
    parts = re.split(r"(?<=[.!?])\s+(?=[A-Z\"(])", text)
    return [p for p in parts if p]


def number(word: str) -> int | None:
    return parse_count(word.replace(",", ""))


@dataclass(frozen=True)
class PersonStatement:
    name: str
    title: str | None = None
    office: str | None = None  # the office text after "of the", when stated
    topic: str | None = None  # the headline's topic after the name ("Skills")


_HEAD_PERSON = re.compile(rf"^(?:[^:]{{0,60}}):\s*({NAME}),\s*(.+?)\s*$")
_LEAD_PERSON = re.compile(rf"^({NAME})(?:,\s*|\s+is\s+)(?:the\s+|an?\s+)?(.+)$")
_DG = re.compile(rf"Director-General,?\s+({NAME})")


def people_in(headline: str, summary: str) -> list[PersonStatement]:
    """People named with their titles: 'Meet the ...: Name, Topic' and 'Name, Title of the Office ...'."""
    found: dict[str, PersonStatement] = {}
    head = headline.translate(_Q)
    topic = None
    m = _HEAD_PERSON.match(head)
    if m:
        found[m.group(1)] = PersonStatement(m.group(1), topic=m.group(2))
        topic = m.group(2)
    for sent in sentences(summary)[:2]:
        lead = _LEAD_PERSON.match(re.sub(r"^(?:In|On|At)\s+this\s+\w+,\s*", "", sent))
        if not lead:
            continue
        name, rest = lead.group(1), lead.group(2)
        cut = re.search(_CUT, rest)
        title = rest[: cut.start()].strip(" ,") if cut else None
        if title and title.startswith("ILO "):
            title = title[4:]
        office = None
        om = re.match(
            r"\s+of\s+(the\s+ILO\s+[^.,]*?|ILO\s+[^.,]*?)(?:\s+(?:explains|shares|talks|says)\b|[.,]|$)",
            rest[cut.start() :] if cut else "",
        )
        if om:
            office = om.group(1).strip()
        if title and (not title[0].isupper() or len(title.split()) > 16):
            title = None
        prior = found.get(name) or next((p for p in found.values() if _same(p.name, name)), None)
        key = prior.name if prior else name
        full = name if len(name) > len(key) else key
        found.pop(key, None)
        found[full] = PersonStatement(full, title=title, office=office, topic=prior.topic if prior else topic)
    for text in (head, summary.translate(_Q)):
        for dg in _DG.finditer(text):
            found.setdefault(dg.group(1), PersonStatement(dg.group(1), title="Director-General"))
    return list(found.values())


def _same(a: str, b: str) -> bool:
    pa, pb = a.lower().split(), b.lower().split()
    return pa[-1] == pb[-1] and (pa[0].startswith(pb[0]) or pb[0].startswith(pa[0]))


_CONV_NOS = re.compile(r"Conventions?\s+Nos?\.\s*((?:\d+)(?:(?:,\s*|\s+and\s+)\d+)*)")
_CONV_C = re.compile(r"\bC(\d{2,3})\b")


def convention_numbers(text: str) -> list[int]:
    """'Conventions Nos. 155 and 187' -> [155, 187]; 'Convention No. 29', 'C182' too."""
    out: list[int] = []
    for m in _CONV_NOS.finditer(text):
        out += [int(n) for n in re.findall(r"\d+", m.group(1))]
    out += [int(n) for n in _CONV_C.findall(text)]
    return list(dict.fromkeys(out))


_RANK = re.compile(r"\b(\d+)(?:st|nd|rd|th)\s+(?:Member\s+State|country|State)\b", re.IGNORECASE)


def ratification_rank(text: str) -> int | None:
    m = _RANK.search(text)
    return int(m.group(1)) if m else None


def is_ratification(text: str) -> bool:
    return re.search(r"\bratif(?:y|ies|ied|ying|ication)\b", text, re.IGNORECASE) is not None


@dataclass(frozen=True)
class Figure:
    prop: str  # local name of an ilo: figure property
    value: int
    sentence: str


_FIGURES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("peopleTrained", re.compile(rf"\btrained\s+{_NUM}\b", re.I)),
    (
        "peopleTrained",
        re.compile(
            rf"\b(?:over|about|some|more than)?\s*{_NUM}\s+(?:[\w-]+\s+){{0,8}}?(?:\([^)]*\)\s+)?"
            r"received\s+(?:[\w-]+\s+){0,2}training",
            re.I,
        ),
    ),
    (
        "plannedBeneficiaries",
        re.compile(rf"\b{_NUM}\s+(?:people|persons|individuals|workers)\s+will\s+benefit", re.I),
    ),
    ("plannedJobs", re.compile(rf"\b{_NUM}\s+new\s+jobs\s+will\s+be\s+created", re.I)),
    (
        "jobsCreated",
        re.compile(
            rf"\b(?:generated|created)\s+(?:over\s+|about\s+|more\s+than\s+)?{_NUM}\s+new\s+jobs", re.I
        ),
    ),
    ("businessesRegistered", re.compile(rf"\bregistration\s+of\s+{_NUM}\s+new\s+businesses", re.I)),
    ("businessesRegistered", re.compile(rf"\b{_NUM}\s+new\s+businesses\s+(?:were\s+)?registered", re.I)),
    (
        "workersReached",
        re.compile(rf"\b(?:for|reaching|reached)\s+(?:about\s+|over\s+|some\s+)?{_NUM}\s+workers\b", re.I),
    ),
    (
        "enterprisesReached",
        re.compile(rf"\b{_NUM}\s+(?:[\w-]+\s+){{0,3}}(?:enterprises|companies|factories|SMEs)\b", re.I),
    ),
)


def figures(text: str) -> list[Figure]:
    out: list[Figure] = []
    for sent in sentences(text):
        seen: set[tuple[str, int]] = set()
        for prop, rx in _FIGURES:
            for m in rx.finditer(sent):
                value = number(m.group(1))
                if value is not None and (prop, value) not in seen:
                    seen.add((prop, value))
                    out.append(Figure(prop, value, sent))
    return out


_FUNDED = re.compile(r"\b(?:funded|financed|backed|sponsored)\s+by\s+(?:the\s+)?$", re.I)
_FUNDER_SUFFIX = re.compile(r"^[- ](?:funded|backed|financed)\b|^\s+funding\b", re.I)


def funder_context(sentence: str, start: int, end: int, surface: str) -> bool:
    """Is the organization mentioned at ``start:end`` named as a funder?"""
    if re.search(r"-(?:backed|funded)$|\bfunding$", surface, re.I):
        return True
    before = sentence[max(0, start - 40) : start]
    return bool(_FUNDED.search(before) or _FUNDER_SUFFIX.match(sentence[end : end + 12]))


def implementer_context(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 80) : start]
    return (
        bool(re.search(r"\bimplemented\s+by\b[^.]*$", before, re.I))
        or bool(re.search(r"\b(?:the\s+)?[A-Z]+/$", before))
        or bool(re.match(r"/", sentence[start - 1 : start]))
    )


def partner_context(sentence: str, start: int) -> bool:
    before = sentence[max(0, start - 60) : start]
    return bool(
        re.search(
            r"\b(?:partnership\s+of\s+the\s+ILO\s+and|together\s+with|in\s+partnership\s+with|"
            r"assisted|ILO\s+and)\s+(?:the\s+)?$",
            before,
            re.I,
        )
    )


_QUOTED_PROJECT = re.compile(r'"([^"]{4,160})"\s*(?:\([^)]*\)\s*)?(?:[Pp]roject|[Pp]rogramme)')
_PROJECT_QUOTED = re.compile(r'[Pp]roject\s+"([^"]{4,160})"')
_NAMED_PROJECT = re.compile(
    r"\b((?:[A-Z][A-Za-z0-9]*[-/])?[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*)\s+(?:ILO\s+)?project\b"
)


_UNNAMED_PROJECT = re.compile(
    r"\bnew\s+(?:[\w-]+\s+){0,2}project\s+to\s+([a-z][^,.;]{8,120}?)(?=,|\.|;|\s+during\b|$)"
)


def project_names(text: str) -> list[str]:
    """Project names as written: '"Name" project', 'project "Name"', 'E-MINDFUL project'."""
    text = text.translate(_Q)
    names = [m.group(1).strip() for m in _QUOTED_PROJECT.finditer(text)]
    names += [m.group(1).strip() for m in _PROJECT_QUOTED.finditer(text)]
    for m in _NAMED_PROJECT.finditer(text):
        name = m.group(1).split("/")[-1]
        if re.search(r"-(?:backed|funded|led|supported|financed|based)$", name, re.I):
            continue
        if name not in {"ILO", "EU", "UN"} and not any(name in n for n in names):
            names.append(name)
    for m in _UNNAMED_PROJECT.finditer(text):
        names.append("Project to " + m.group(1).strip())
    return list(dict.fromkeys(n.rstrip(" ,.") for n in names))


_ACRONYM = re.compile(r'"([^"]{4,160})"\s*(?:\([^)]*\)\s*)?[Pp]roject\s*\(([A-Z][A-Za-z0-9-]{1,12})\)')


def acronyms(text: str) -> dict[str, str]:
    """'"Name" (Phase 2) Project (G20TS)' -> {'Name': 'G20TS'}."""
    return {m.group(1).strip(): m.group(2) for m in _ACRONYM.finditer(text.translate(_Q))}


def short_name(title: str) -> str | None:
    """The short name before a title's colon: 'MAP16 in Kosovo: ...' -> 'MAP16'."""
    if ":" not in title:
        return None
    head = title.split(":", 1)[0].strip()
    first = head.split()[0]
    if re.fullmatch(r"[A-Z][A-Z0-9-]{2,}", first):
        return first
    return head if len(head.split()) <= 3 else None


def phase_of(title: str, text: str) -> int | None:
    m = re.search(r"\s(\d|II|III|IV)$", title)
    if m:
        return {"II": 2, "III": 3, "IV": 4}.get(m.group(1)) or int(m.group(1))
    m = re.search(r"\b(?:in\s+its\s+)?(second|third|fourth)\s+phase\b|\bPhase\s+(\d)\b", text, re.I)
    if m:
        return {"second": 2, "third": 3, "fourth": 4}.get((m.group(1) or "").lower()) or int(m.group(2))
    return None


def website(text: str) -> str | None:
    m = re.search(r"\b(?:https?://)?(www\.[a-z0-9.-]+\.[a-z]{2,})(/\S*)?", text, re.I)
    return f"http://{m.group(1)}{(m.group(2) or '').rstrip(').,')}" if m else None


def period(text: str) -> tuple[int, int] | None:
    m = re.search(r"\b(?:for\s+)?((?:19|20)\d{2})\s*[-–]\s*((?:19|20)\d{2})\b", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def sdg_goals(text: str) -> list[int]:
    goals = [int(g) for g in re.findall(r"\bSDG\s*(\d{1,2})\b", text)]
    goals += [int(g) for g in re.findall(r"\bGoal\s+(\d{1,2})\b", text)]
    return [g for g in dict.fromkeys(goals) if 1 <= g <= 17]


EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ProgrammeSigning", re.compile(r"\bsign(?:ed|s|ing)\b[^.]*\b(?:Programme|DWCP|agreement)\b", re.I)),
    ("ProjectLaunch", re.compile(r"\blaunch(?:es|ed|ing)?\b[^.]*\bproject\b", re.I)),
    ("Interview", re.compile(r"^\s*meet\s+the\b|\bin\s+this\s+(?:video|interview)\b|\binterview\b", re.I)),
    ("Statement", re.compile(r"\b(?:calls?\s+(?:on|for)|welcomes|expresses|urges|condemns)\b", re.I)),
    ("Meeting", re.compile(r"\b(?:meetings?|visit|Declaration|conference|summit)\b", re.I)),
    ("Agreement", re.compile(r"\bagreed(?:-upon)?\b", re.I)),
)


def event_kinds(headline: str, summary: str) -> list[str]:
    """Kinds of event the item reports, by the verbs of its headline (and its summary for some)."""
    kinds: list[str] = []
    if any(f.prop == "peopleTrained" for f in figures(summary)):
        kinds.append("Training")  # a training is reported where people are said to be trained
    for kind, rx in EVENT_PATTERNS:
        where = headline if kind in {"Statement"} else f"{headline} {summary}"
        if rx.search(where.translate(_Q)):
            kinds.append(kind)
    return kinds
