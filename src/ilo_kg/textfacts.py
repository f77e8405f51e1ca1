"""Facts stated in running text, found by sentence patterns (no RDF, no linking).

These patterns read the way ILO pages state things ("funded by", "trained 50",
"Conventions Nos. 155 and 187", "the 105th Member State", "Name, Title of the
Office explains"), never the exact text of one page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from ilo_kg.sources.common import parse_count

if TYPE_CHECKING:
    from ilo_kg.records import NewsItem

_MONTHS = (
    r"January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
)
_MONTH_ABBREVIATIONS = "jan feb mar apr may jun jul aug sep oct nov dec"
_MONTH_NUMBER = {m: i for i, m in enumerate(_MONTH_ABBREVIATIONS.split(), start=1)}
_Q = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})
_UP = "A-ZÀ-ÖØ-ÞĀ-ž"
_LOW = "a-zß-öø-ÿā-ž'"
NAME = rf"[{_UP}][{_LOW}]+(?:[ -](?:[{_UP}]\.|[{_UP}][{_LOW}]+)){{1,3}}"
_NUM = (
    r"(\d{1,3}(?:,\d{3})+|\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
)
_CUT = (
    r"(?:,?\s+(?:explains|shares|talks|says|speaks|presents|describes|discusses|tells|highlights|gives|told|said|"
    r"stated|noted|stressed|underlined|added|warned|announced|welcomed|opened|stepping|steps|stepped|retires|"
    r"retiring|leaves|leaving|joins|joined|visits|visited|met|meets|calls|called)\b"
    r"|\s+of\s+the\s+ILO\b|\s+of\s+ILO\b|\s+at\s+the\s+ILO\b|[.;]\s|[.;]$|$)"
)


def sentences(text: str) -> list[str]:
    text = re.sub(r"\s+", " ", text.translate(_Q)).strip()
    # not after an initial ("Gilbert F. Houngbo") or a courtesy title ("Mr. Torres")
    parts = re.split(r"(?<=[.!?])(?<![\s(][A-Z]\.)(?<!\b(?:Mr|Ms|Dr)\.)(?<!Mrs\.)\s+(?=[A-Z\"(])", text)
    return [p for p in parts if p]


def number(word: str) -> int | None:
    return parse_count(word.replace(",", ""))


@dataclass(frozen=True)
class PersonStatement:
    name: str
    title: str | None = None
    office: str | None = None  # the office text after "of the", when stated
    topic: str | None = None  # the headline's topic after the name ("Skills")
    ilo_staff: bool = True  # False for people whose title names no ILO post (a minister, a UN coordinator)


_HEAD_PERSON = re.compile(rf"^(?:[^:]{{0,60}}):\s*({NAME}),\s*(.+?)\s*$")
_LEAD_PERSON = re.compile(rf"^({NAME})(?:,\s*|\s+is\s+)(?:the\s+|an?\s+)?(.+)$")
_DG = re.compile(rf"(?<!Deputy )(?<!Assistant )(?<!Deputy-)Director-General,?\s+({NAME})")


_NOT_NAME_TEXT = """
    on in at the this that these those during after before since for with from by as to of and or
    today yesterday tomorrow last next new first second third this every each all some many most more
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december spring summer autumn winter week month year day
    ilo un eu european international national regional global world labour decent work office union
    council ministry agency commission organization organisation federation confederation association
    chamber programme project centre center institute school university government republic state
    north south east west central eastern western northern southern meet read discover watch video
    photo story news press release interview statement conference forum meeting director
    team support technical country office training programme project employers workers trade unions
    social partners development cooperation local employment partnership partnerships employer worker
    associations federations confederations unions agencies governments councils committees chambers
    company companies enterprise enterprises nationwide signed agreement"""
_NOT_NAME_WORDS = frozenset(_NOT_NAME_TEXT.split())


def is_person_name(name: str) -> bool:
    """A phrase that reads as a person's name: no function word, day, month or institution word in it."""
    parts = re.split(r"[ -]", name)
    if len(parts) < 2:
        return False
    if any(p.casefold().rstrip(".") in _NOT_NAME_WORDS for p in parts):
        return False
    # "Sierra Leone", "Costa Rica", "Bulgaria Romania" (two countries side by side in a list)
    return not _is_country(name) and not all(_is_country(p) for p in parts)


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
    for sent in [head, *sentences(summary)]:
        for name, title in _people_in_sentence(sent):
            if not is_person_name(name) or any(_same(name, known) for known in found):
                continue
            staff = bool(title and re.search(r"\bILO\b|International\s+Labour", title))
            found[name] = PersonStatement(name, title=title, ilo_staff=staff)
    return [p for p in found.values() if is_person_name(p.name)]


_TITLE = r"([A-Za-z][^;.()]{2,160}?)"
_TITLE_END = (
    r"(?=,\s+(?:who|which|about|on|to|and|as|during|at|the|a|an|in\s+(?:an?|the|his|her)\b)|,?\s+(?:said|says|stated|noted|"
    r"stressed|emphasi[sz]ed|underlined|explained|added|highlighted|told|pointed\s+out|remarked|warned|"
    r"announced|shares|talks|speaks|presents|describes|discusses|tells|gives|stepping|steps|stepped|retires|"
    r"retiring|leaves|leaving|joins|joined|visits|visited|met|meets|calls|called|on\s+the\s+occasion)\b|[.;?!]|$)"
)
_SAYING = (
    r"said|says|stated|noted|stressed|emphasi[sz]ed|underlined|explained|added|highlighted|told|"
    r"pointed\s+out|remarked|warned|announced"
)
_ROLE = (
    r"Director-General|Deputy\s+Director|Director|Deputy\s+Minister|Minister|Ambassador|President|Chairman|"
    r"Chairperson|Secretary-General|Secretary|Commissioner|Coordinator|Representative|Specialist|Rector"
)
# posts that, right after a name and a comma, say who the person is
_POST = (
    r"Undersecretary|Under-Secretary|Head|Chair|Chief|Mayor|Governor|Officer|Manager|Adviser|Advisor|"
    r"Expert|Consultant|Professor|Economist|Spokesperson|Vice-President|Vice-Chair|Member|General\s+Director"
)
_PERSON_SHAPES = (
    # "interview with Name, Title", "made by Name, Title", "says Name, Title", "mediated by Name, Title"
    re.compile(
        rf"\b(?:[Ii]nterview(?:ed)?\s+with|made\s+by|according\s+to|[Ii]nterviewed|says|said|asked|"
        rf"(?:mediated|chaired|moderated|opened|led|hosted)\s+by)\s+({NAME}),\s+{_TITLE}"
        rf"(?=\s+about\s+(?:what|how|why|the|his|her|their|its)\b|{_TITLE_END[3:]}"
    ),
    # "Name, Title, said ..." mid-sentence (after a quote too: '..., " Name, Title, told')
    re.compile(rf"(?:^|[,;:]\s+|[,.]\"\s+|\band\s+|\bby\s+)({NAME}),\s+{_TITLE},?\s+(?:{_SAYING})\b"),
    # "Erhan Batur, Deputy Undersecretary of the Ministry of ..., Yusuf Büyük, ...", "Mr. Name, Director of
    # the ILO Office for Turkey, and Mr. Name, General Director of ISKUR": a name, then its post, in a list
    re.compile(
        rf"(?:^|[,;:]\s+|\band\s+|\bby\s+|\bincluded\s+|\bincluding\s+|\b(?:Mr|Ms|Mrs|Dr)\.?\s+)({NAME}),\s+"
        rf"(?:the\s+)?((?:[A-Z][a-z]+\s+){{0,2}}(?:{_ROLE}|{_POST})\b[^,;.()]{{0,100}}?)"
        r"(?=,|[.;]|$|\s+and\s+(?:[a-z]|(?:Mr|Ms|Mrs|Dr)\b))"
    ),
    # "Name, Title, who ...", "Name, a chef from Kherson who ...": an appositive, then a relative clause
    re.compile(
        rf"(?:^|[,;:]\s+|\band\s+|\bof\s+|\bwith\s+)({NAME}),\s+(?:((?:an?\s+)?[a-zA-Z][^;.(),]{{2,80}}?),?\s+)?"
        r"who\b"
    ),
    # "... has elected Name as the Organization's 11th Director-General"
    re.compile(
        rf"\b(?:elected|appointed|named)\s+({NAME})\s+as\s+(?:the\s+)?{_TITLE}(?=,|\s+(?:on|in|from)\b|[.;]|$)"
    ),
    # "Name (was) appointed (as) Title", a headline's "Name appointed Title"
    re.compile(
        rf"\b({NAME})\s+(?:(?:was|has\s+been|is)\s+)?(?:appointed|named|elected)\s+(?:as\s+)?(?:the\s+)?{_TITLE}"
        r"(?=\s+(?:as\s+of|on|in|from|to)\b|[,.;]|$)"
    ),
    # a headline "Name, (new) Title interview"
    re.compile(rf"^({NAME}),\s+(?:the\s+)?(?:new\s+)?{_TITLE}(?=\s+interview\b|{_TITLE_END})"),
)
# "Name and Name speak/met/signed": people without a title stated
_PAIR = re.compile(
    rf"\b({NAME})\s+and\s+({NAME})\s+"
    r"(?i:speak|spoke|met|meet|signed|sign|discussed|discuss|visited|visit)\b"
)
# "Ms Zorica Sredanović prepared ...", "Mr Raymond Torres discussed ...": a courtesy title names a person
_HONORIFIC = re.compile(rf"\b(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+({NAME})")
# "ILO Director-General Name", "Minister of Labour Name", "ILO Moscow Director Name", "Deputy Chairman of the
# Cabinet of Ministers of Kyrgyzstan", "Director-General of the International Labour Organization (ILO)"
_ROLE_TITLE = (
    rf"(?:(?:the\s+)?ILO\s+)?(?:[A-Z][a-z]+\s+){{0,2}}(?:{_ROLE})(?:\s+(?:of|for|on)\s+(?:the\s+)?"
    rf"[A-Z][\w-]+(?:\s+(?:and\s+)?[A-Z][\w-]+){{0,4}}(?:\s+\([A-Z]{{2,6}}\))?){{0,3}}"
)
_TITLE_FIRST = re.compile(rf"\b({_ROLE_TITLE})\s+({NAME})\b")
# "ILO Moscow Director, Olga Koulaeva, described ...", "... the Minister of Labour of X, Aliza Soltonbekova."
_TITLE_COMMA = re.compile(rf"\b({_ROLE_TITLE}),\s+({NAME})(?=\s*[,.;]|\s*$)")


def _people_in_sentence(sent: str) -> list[tuple[str, str | None]]:
    """(name, title) pairs in the sentence shapes the pages use; the title as written."""
    out: list[tuple[str, str | None]] = []
    for rx in _PERSON_SHAPES:
        for m in rx.finditer(sent):
            title = (m.group(2) or "").strip(" ,")
            if re.search(r"\b(?:appointed|named|elected)\b", m.group(0)) and not asserted(sent, m.start()):
                title = ""  # "has not elected Name as President", "will appoint": a post not held
            if len(title.split()) > 20 or re.match(r"(?:who|which|that|and|to|the\s+ILO\b)\b", title, re.I):
                title = ""
            out.append((m.group(1), title or None))
    for m in _PAIR.finditer(sent):
        out += [(m.group(1), None), (m.group(2), None)]
    for m in _HONORIFIC.finditer(sent):
        out.append((m.group(1), None))
    for rx in (_TITLE_FIRST, _TITLE_COMMA):
        for m in rx.finditer(sent):
            title = re.sub(r"^the\s+", "", m.group(1), flags=re.I)
            out.append((m.group(2), title))
    return out


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


_FUNDED = re.compile(
    r"\b(?:(?:funded|financed|co-financed|co-funded|backed|sponsored|supported|paid\s+for)\s+by"
    r"|(?:with|thanks\s+to)\s+(?:the\s+)?(?:generous\s+|financial\s+)?(?:support|funding|contribution|assistance)"
    r"\s+(?:of|from)|(?:funding|financing|grant|contribution|donation)s?\s+(?:from|by|of)"
    r"|financial\s+(?:support|assistance)\s+(?:of|from)|donors?\s*(?:,|:|-)?|funders?\s*(?::|-)?)"
    r"\s+(?:the\s+)?(?:(?:Government|people)\s+of\s+(?:the\s+)?)?$",
    re.I,
)
_FUNDER_SUFFIX = re.compile(r"^[- ](?:funded|backed|financed|sponsored)\b|^\s+funding\b", re.I)


_PROGRAMME_TITLE = re.compile(
    r"^(?:The\s+)?(?:ILO['’]s\s+(?:[A-Z][\w'’-]*\s+){0,6}(?:Response|Programme|Program|Project)\b.*"
    r"|[A-Z][\w'’-]*\s+(?:(?:[A-Z][\w'’-]*|of|for|and|the|in|on|to)\s+){0,9}(?:Programme|Program|Project))$"
)


def programme_title(title: str) -> bool:
    """Does a page's title name a programme ("ILO's Refugee Response", "More and Better Jobs Programme")?"""
    return bool(_PROGRAMME_TITLE.match(title.strip())) and "Decent Work Country Programme" not in title


_GAVE_FUNDS = (
    r"(?:pooled|provided|committed|contributed|allocated|granted|earmarked)\s+(?:their\s+)?"
    r"(?:resources|funds|funding|financing|grants?)\s+(?:to\s+support|for)"
)
# "The EU and Sweden pooled resources to support ...": the names before the verb are the funders
_FUNDS_AFTER = re.compile(
    r"^(?:\s*(?:,|,?\s*and)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:of\s+)?[A-Z][\w-]*)*)*\s+" + _GAVE_FUNDS + r"\b"
)
_FUNDED_PROJECT = re.compile(
    _GAVE_FUNDS
    + r"\s+(?:a|an|the)\s+(?:(?:new|large|major|joint)\s+)?((?:[\w-]+\s+){1,6}?(?:program|programme|project)"
    r"(?:\s+(?:in|for|on)\s+[^,.;]{3,80}?)?)(?=[,.;]|\s+(?:with|during|from|until)\b|$)",
    re.I,
)
_NAME_GOES_ON = re.compile(r"\s+(?:[A-Z][a-z]|of\s+[A-Z])")  # "EU Regional Trust Fund", "US Department of"
_ALSO_BY = re.compile(
    r"(?:,\s*|\s)and\s+(?:\w+\s+){0,2}by\s+(?:the\s+)?(?:(?:Government|people)\s+of\s+(?:the\s+)?)?$", re.I
)


def funder_context(sentence: str, start: int, end: int, surface: str) -> bool:
    """Is the organization (or country) mentioned at ``start:end`` named as a funder?

    "funded by X", "with the support of X", "funding from X", "X-funded", "X funding".
    The sentence must state it (not "will be funded by", "seeks funding from"), and the name must be whole:
    "funded by the EU Regional Trust Fund ..." names a fund, not the EU.
    """
    if re.search(r"-(?:backed|funded)$|\bfunding$", surface, re.I):
        return asserted(sentence, start)
    if _NAME_GOES_ON.match(sentence[end:]):
        return False
    if _FUNDS_AFTER.match(sentence[end:]):  # "The EU and Sweden pooled resources to support ..."
        return asserted(sentence, end)
    before = sentence[max(0, start - 80) : start]
    if _FUNDED.search(before) or _FUNDER_SUFFIX.match(sentence[end : end + 12]):
        return asserted(sentence, start)
    funded = re.search(r"\b(?:funded|financed|co-funded|co-financed)\s+by\b", sentence[:start], re.I)
    if funded and _ALSO_BY.search(before):  # "Two are funded by X, and two by Y"
        return asserted(sentence, funded.start())
    return False


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


_GROUP = r"(institutions|organi[sz]ations|partners|bodies|agencies|ministries|stakeholders)"
# "The ILO Office for Turkey is working in close coordination and collaboration with a wide range of public
# institutions at central and local levels." ...
_WORKS_WITH_GROUP = re.compile(
    r"\bILO\b[^.;]{0,60}?\b(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+)?(?:working|works|worked|"
    r"cooperat(?:es|ed|ing)|collaborat(?:es|ed|ing)|partner(?:s|ed|ing))\b[^.;]{0,60}?\bwith\s+"
    r"(?:(?:a|an|the)\s+)?(?:(?:wide|broad|large)\s+)?(?:(?:range|number|variety|set|group)\s+of\s+)?"
    r"(?:(?:several|many|various|numerous|key|national|public|local|government|governmental|state)\s+){0,2}"
    + _GROUP
    + r"\b",
    re.I,
)
# ... "These institutions are mainly Ministry of Labour and Social Security, General Directorate of ..."
_GROUP_NAMED = re.compile(
    r"^\W*(?:These|Those|The(?:se)?\s+(?:[\w-]+\s+)?)" + _GROUP + r"\s+(?:are|were|include|included)\b\s*"
    r"(?:(?:mainly|mostly|notably|primarily|chiefly|in\s+particular|among\s+others)\s*,?\s*)?:?\s*",
    re.I,
)


def listed_partners(previous: str, sentence: str) -> int | None:
    """Where the list of the ILO's partners begins in ``sentence``, or None.

    The sentence before says, as done, that the ILO works with a group of bodies ("The ILO Office for
    Turkey is working in close coordination and collaboration with a wide range of public institutions"),
    and this one names that group's members ("These institutions are mainly A, B, C"): the bodies named
    after that opening are the ILO's partners. Not when the work is planned ("will work with ...
    institutions"), denied, or the second sentence names another group ("These agencies are ...").
    """
    works = _WORKS_WITH_GROUP.search(previous)
    named = _GROUP_NAMED.match(sentence)
    if works is None or named is None or not asserted(previous, works.end()):
        return None
    if _MODAL.search(previous[works.start() : works.end()]) or re.search(
        r"\b(?:not|never|no\s+longer)\b", previous[works.start() : works.end()], re.I
    ):
        return None
    if works.group(1).lower().rstrip("s") != named.group(1).lower().rstrip("s"):
        return None
    return named.end()


_ILO_NAME = r"(?:ILO|International\s+Labour\s+Organi[sz]ation)(?:\s*\(ILO\))?"
_WITH_THE_ILO_BEFORE = re.compile(
    r"(?:\bILO[-/]$|" + _ILO_NAME + r"\s+and\s+(?:the\s+)?$)|"
    r"\b(?:ILO\s+and|together\s+with|in\s+(?:partnership|cooperation|collaboration)\s+with|jointly\s+with|"
    r"joined\s+forces\s+with|joins?\s+forces\s+with|and\s+the\s+ILO\s+with|signed\s+(?:\w+\s+){0,4}with|"
    r"organi[sz]ed\s+by|co-organi[sz]ed\s+(?:by|with)|hosted\s+by)\s+(?:the\s+)?$",
    re.I,
)
_ILO_OPENS_LIST = re.compile(r"(?:^|[.:;!?]\s+)\W*(?:the\s+)?" + _ILO_NAME + r",\s+(?:the\s+)?$", re.I)
# the ILO's own training centre acts for it: "X and the International Training Centre of the ILO have signed"
_ILO_OR_ITS_CENTRE = (
    rf"(?:{_ILO_NAME}|International\s+Training\s+Cent(?:re|er)\s+of\s+the\s+{_ILO_NAME}|ITC[-\s]?ILO)"
)
_WITH_THE_ILO_AFTER = re.compile(
    rf"^(?:\s*(?:\([^)]{{1,20}}\)\s*)?(?:and\s+(?:the\s+)?{_ILO_OR_ITS_CENTRE}|,\s+(?:the\s+)?{_ILO_NAME}\s*(?:,|and\b))"
    r"|[-/]ILO\b)",
    re.I,
)


def acting_with_ilo(sentence: str, start: int, end: int) -> bool:
    """Is the organization at ``start:end`` said to act with the ILO ("X and the ILO", "together with X")?

    Also a name joined to the ILO's: "FNPR-ILO school", "ILO/EBRD report", "the International Labour
    Organization (ILO) and the X", and "ILO, X and Y sign" when the list opens the clause (not "according
    to the ILO, X plans").
    """
    before = sentence[max(0, start - 60) : start]
    return bool(
        _WITH_THE_ILO_BEFORE.search(before)
        or _ILO_OPENS_LIST.search(sentence[:start])
        or _WITH_THE_ILO_AFTER.match(sentence[end : end + 60])
    )


_AFTER_THE_PAIR = re.compile(
    r"^(?:\s*\([^)]{1,20}\))?(?:\s*(?:,|and|&)\s+(?:the\s+)?" + _ILO_OR_ITS_CENTRE + r"(?:\s*\(ILO\))?)*",
    re.I,
)


# "ILO joins EESC Plenary debate ...": the body whose event the ILO joins works with it there
_ILO_JOINS = re.compile(r"\b" + _ILO_NAME + r"\s+(?:joins|joined|has\s+joined)\s+(?:the\s+|an?\s+)?$", re.I)
_ITS_EVENT = re.compile(
    r"^(?:['’]s)?\s+(?:[A-Z][\w-]*\s+){0,3}(?:[Pp]lenary|[Dd]ebate|[Cc]onference|[Mm]eeting|[Ff]orum|[Ss]ummit|"
    r"[Ss]ession|[Dd]ialogue|[Ww]orkshop|[Ss]eminar|[Ww]ebinar|[Cc]ampaign|[Ii]nitiative)s?\b"
)


def acts_for_the_ilo(surface: str) -> bool:
    """Is the name the ILO's own, the party its partners work with ("the International Training Centre of
    the ILO"), rather than a partner?"""
    return re.fullmatch(r"(?:the\s+)?" + _ILO_OR_ITS_CENTRE, surface.strip(), re.I) is not None


_PLANNED_PAIR = re.compile(
    r"^\s*,?\s*(?:to\s+[a-z]+|will|would|shall|could|may|might|plans?\s+to|(?:is|are)\s+(?:set\s+)?to"
    r"|(?:[a-z]+\s+){0,2}(?:not|never)|[a-z]+n[\'’]t)\b",
    re.I,
)


_ILO_SUPPORTS = re.compile(
    r"(?:\bwith\s+(?:the\s+)?ILO(?:['’]s)?\s+(?:support|assistance|help)|\bILO\s+(?:supported|assisted|helped)"
    r"|\b(?:through|in|thanks\s+to)\s+(?:\w+\s+){0,2}(?:work|cooperation|collaboration|partnership)\s+with\s+"
    r"(?:the\s+)?ILO(?:\s+Office(?:\s+(?:for|in)\s+[A-Z][\w-]*)?)?\s*,)"
    r"\s*,?\s+(?:the\s+)?$",
    re.I,
)
_JOINED = re.compile(r"\s*(?:\([^)]{1,20}\)\s*)?(?:,\s*and|,|and|&)\s+(?:the\s+)?", re.I)
# "organized with support of the ILO Moscow Office and at the initiative of X": X started what the ILO backs
_INITIATIVE_BEFORE = re.compile(r"\b(?:at\s+the\s+initiative\s+of|initiated\s+by)\s+(?:the\s+)?$", re.I)
_ILO_BACKING = re.compile(
    r"\bwith\s+(?:the\s+)?(?:support|assistance|help)\s+(?:of|from)\s+(?:the\s+)?" + _ILO_NAME + r"\b"
    r"|\b(?:supported|backed|assisted)\s+by\s+(?:the\s+)?" + _ILO_NAME + r"\b|\bILO-(?:supported|backed)\b",
    re.I,
)


def partnership_stated(sentence: str, start: int, end: int) -> bool:
    """Does the sentence state that the organization at ``start:end`` works with the ILO, as done?

    ``acting_with_ilo`` (or the ILO's support of what it does: "With ILO support, X conducted ...", "The
    ILO supported X to conduct ...", or X's initiative the ILO backs: "organized with support of the ILO
    Moscow Office and at the initiative of X"), an asserted clause, and no plan after the pair: "Belgian
    government and ILO to promote ...", "In close coordination with X, the ILO will develop ..." state no
    partnership.
    """
    joins = bool(_ILO_JOINS.search(sentence[max(0, start - 60) : start]) and _ITS_EVENT.match(sentence[end:]))
    if _NAME_GOES_ON.match(sentence[end:]) and not joins:
        return False  # part of a longer name: "ILO and EU Regional Trust Fund" is not the EU
    supported = bool(_ILO_SUPPORTS.search(sentence[max(0, start - 60) : start]))
    initiative = bool(_INITIATIVE_BEFORE.search(sentence[:start])) and bool(
        _ILO_BACKING.search(sentence[:start]) or _ILO_BACKING.search(sentence[end:])
    )
    if not (supported or initiative or joins or acting_with_ilo(sentence, start, end)):
        return False
    if not asserted(sentence, start):
        return False
    after = sentence[end:]
    after = after[_AFTER_THE_PAIR.match(after).end() :]  # type: ignore[union-attr]
    planned = _PLANNED_PAIR.match(after)
    return planned is None or (supported and planned.group(0).strip().lower().startswith("to "))


_ACR = r"[A-Z][A-Z0-9]{1,9}"
_ACRONYM_WITH_ILO = re.compile(
    rf"\b(?P<a>{_ACR})(?:\s+(?:and|&)\s+(?:the\s+)?|-)ILO\b|\bILO\s+(?:and|&)\s+(?:the\s+)?(?P<b>{_ACR})\b"
)
_NOT_ACRONYMS = frozenset(
    [
        "ILO",
        "UN",
        "THE",
        "AND",
        "OF",
        "FOR",
        "NEWS",
        "VIDEO",
        "INTERVIEW",
        "PHOTO",
        "UPDATE",
        "NEW",
        "COVID",
        "OSH",
        "SDG",
        "SDGS",
        "DWCP",
        "II",
        "III",
        "IV",
        "VI",
    ]
)


def acronyms_with_ilo(sentence: str) -> list[tuple[int, int, str]]:
    """Unknown acronyms the sentence joins to the ILO's name: "IMM and ILO shoulder to shoulder", "ROSTRUD
    and ILO present ...", "FNPR-ILO school" -> (start, end, acronym).  The caller keeps those it cannot
    resolve otherwise (a country code, a known body) and asks ``partnership_stated`` as for any name."""
    out = []
    for m in _ACRONYM_WITH_ILO.finditer(sentence):
        group = "a" if m.group("a") else "b"
        acr = m.group(group)
        if acr not in _NOT_ACRONYMS and not re.fullmatch(r"[IVXLC]+|\d+", acr):
            out.append((m.start(group), m.end(group), acr))
    return out


def joined_names(sentence: str, end: int, start: int) -> bool:
    """Is the name at ``start`` joined to the one ending at ``end`` ("X and the Y", "X, Y")?"""
    return end <= start and _JOINED.fullmatch(sentence[end:start]) is not None


_QUOTED_PROJECT = re.compile(r'"([^"]{4,160})"\s*(?:\([^)]*\)\s*)?(?:[Pp]roject|[Pp]rogramme)')
_PROJECT_QUOTED = re.compile(r'[Pp]roject\s+"([^"]{4,160})"')
# quotes that do not pair ("The Project 'Improving Social Dialogue In Working Life\" Will Add ..."): a name in
# capitals between an opening single and a closing double quote, or the other way round
_PROJECT_MISQUOTED = re.compile(
    r"[Pp]roject\s+(?:'([A-Z][^\"'\n]{3,160})\"|\"([A-Z][^\"'\n]{3,160})'(?![\w'\"]))"
)
_NAMED_PROJECT = re.compile(
    r"\b((?:[A-Z][A-Za-z0-9]*[-/])?[A-Z][A-Za-z0-9-]*[A-Z0-9][A-Za-z0-9-]*)\s+(?:ILO\s+)?project\b"
)


_TITLED_PROJECT = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w-]+-year\s+|new\s+)?((?:[A-Z][a-z]+\s+){2,6}(?:[Pp]roject|Programme|Program)"
    r"(?:\s+(?:for|in|on|of)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+)?[A-Z][a-z]+){0,3}){0,3})"
)
# "ILO's International Programme on the Elimination of Child Labour (IPEC)": the ILO's programme by its name
_ILO_PROGRAMME = re.compile(
    r"\bILO['’]s\s+((?:[A-Z][a-z]+\s+){0,5}(?:Programme|Program|Project)"
    r"(?:\s+(?:for|in|on|of)\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:(?:and|of|for|in)\s+)?[A-Z][a-z]+){0,4}){0,3})"
    r"(?!\s+[A-Z])"
)
# "meetings were held ... in the context of "An Integrated Model for the Elimination of Worst Forms of Child
# Labour in ..."": a title in capitals that frames the work (a project's name, without the word "project")
_TITLE_WORD = r"(?:[A-Z][\w'’-]*|of|for|in|on|the|and|to|a|an|with|against)"
_FRAMING_TITLE = re.compile(
    r"\b(?:in|within|under)\s+the\s+(?:context|framework|scope)\s+of\s+(?:the\s+)?"
    rf'"([A-Z][\w\'’-]*(?:\s+{_TITLE_WORD}){{3,25}})"'
)
_ENTITLED_PROJECT = re.compile(
    r'\b[Pp]ro(?:ject|gramme)\b[^."]{0,60}?\b(?:entitled|titled|called)\s+"([^"]{4,160})"'
)
_QUOTED_WITH_WORD = re.compile(r'"((?:[^"\s]+\s){1,20}(?:Project|Programme|Program))"')
_LAUNCHED_PROJECT = re.compile(
    r"\b(?:launch(?:es|ed)?|start(?:s|ed)|kick(?:s|ed)\s+off)\s+(?:(?:a|an|another|the|its)\s+)?"
    r"((?:[\w-]+\s+){0,3}?project\s+(?:to|on|in|for)\s+[^,.;:()\"]{6,120}?)"
    r"(?=\s+(?:with|jointly|thanks|during|funded|financed|supported|backed|in\s+order|on\s+(?:the\s+)?\d"
    r"|from\s+\d)\b|[,.;:()\"]|$)"
)
_PURPOSE = re.compile(r"\bto\s+[a-z]+|\bon\s+[a-z]+ing\b|\bfor\s+[a-z]+", re.I)
# A project known only by its description is worth a resource where its sentence says who funds it or
# works on it with the ILO: then the funder or partner has something to point at.
_ROLE_STATED = re.compile(
    r"\b(?:funded|financed|co-financed|supported|backed|sponsored)\s+by\b|\w-funded\b"
    r"|\bwith\s+(?:the\s+)?(?:generous\s+|financial\s+)?(?:support|funding|assistance|contribution)\s+(?:of|from)\b"
    r"|\b(?:in\s+(?:partnership|cooperation|collaboration)|together|jointly)\s+with\b",
    re.I,
)
_NAMED_AFTER = re.compile(
    r"^\s+(?:the\s+)?[A-Z]"
)  # a name follows: "with support of the EU", not "of experts"
_UNNAMED_PROJECT = re.compile(
    r"\bnew\s+(?:[\w-]+\s+){0,2}project\s+to\s+([a-z][^,.;]{8,120}?)(?=,|\.|;|\s+during\b|$)"
)


def project_names(text: str) -> list[str]:
    """Project names as written: '"Name" project', 'project "Name"', 'E-MINDFUL project'."""
    text = text.translate(_Q)
    names = [m.group(1).strip() for m in _QUOTED_PROJECT.finditer(text)]
    names += [m.group(1).strip() for m in _PROJECT_QUOTED.finditer(text)]
    paired = [m.span() for m in _PROJECT_QUOTED.finditer(text)]
    for m in _PROJECT_MISQUOTED.finditer(text):  # not a pair's apostrophe: '"Protecting Workers' Rights"'
        if not any(a <= m.start() < b for a, b in paired):
            names.append((m.group(1) or m.group(2)).strip())
    for m in _NAMED_PROJECT.finditer(text):
        name = m.group(1).split("/")[-1]
        if re.search(r"-(?:backed|funded|led|supported|financed|based)$", name, re.I):
            continue
        if re.fullmatch(r"ILO[-/][A-Z]{2,}|[A-Z]{2,}[-/]ILO", m.group(1)):
            continue  # "an ILO-UNDP project": the agencies that run it, not its name
        if re.search(r"(?:\d|\bmillion|\bbillion|\bthousand)[\s-]*$", text[: m.start()]):
            continue  # "a 5-million EUR project": an amount's currency, not a name
        if name not in {"ILO", "EU", "UN"} and not any(name in n for n in names):
            names.append(name)
    names += [m.group(1).strip() for m in _ENTITLED_PROJECT.finditer(text)]  # 'project entitled "Name"'
    names += [m.group(1).strip() for m in _FRAMING_TITLE.finditer(text)]  # 'in the context of "Name"'
    names += [m.group(1).strip() for m in _QUOTED_WITH_WORD.finditer(text)]  # '"Name Programme"'
    for m in _ILO_PROGRAMME.finditer(text):  # "ILO's International Programme on the Elimination of ..."
        name = m.group(1)
        if name.split()[0] in ("Programme", "Program", "Project") and " " not in name:
            continue  # "ILO's Programme and Budget": no name, a document
        if "Decent Work Country Programme" not in name and not any(name in n or n in name for n in names):
            names.append(name)
    for m in _TITLED_PROJECT.finditer(text):  # "a three-year Human Resources Development project for Albania"
        if "Decent Work Country Programme" in m.group(1):
            continue  # a country programme, not a project
        if not any(m.group(1) in n or n in m.group(1) for n in names):
            names.append(m.group(1))
    for sent in sentences(text):  # "pooled resources to support a large employment creation program in X"
        for m in _FUNDED_PROJECT.finditer(sent):
            if asserted(sent, m.start()) and not any(m.group(1) in n for n in names):
                names.append(m.group(1).strip())
    if not names:  # only when the text names no project, and the sentence says who funds it or works on it
        for sent in sentences(text):
            named = any(_NAMED_AFTER.match(sent[r.end() :]) for r in _ROLE_STATED.finditer(sent))
            if not (named or re.search(r"\b[A-Z][\w.]*-funded\b", sent)) or _UNNAMED_PROJECT.search(sent):
                continue
            for m in _LAUNCHED_PROJECT.finditer(sent):
                what = m.group(1).strip()  # what it is for: "a project to enhance ...", "on activating ..."
                if asserted(sent, m.start()) and _PURPOSE.search(what):
                    names.append(what)
    for m in _UNNAMED_PROJECT.finditer(text):
        names.append("Project to " + m.group(1).strip())
    return list(dict.fromkeys(n.rstrip(" ,.") for n in names))


_ILO_LAUNCHES = re.compile(
    r"^\W*(?:The\s+)?(?:ILO|International\s+Labou?r\s+Organi[sz]ation)\b(?:\s+[A-Z][\w-]*){0,3}\s+"
    r"(?:has\s+)?(?=launch|start|kick)"
)


def headline_project(headline: str) -> str | None:
    """The project a headline reports the ILO launching, named by what it is for ("ILO launches single
    biggest project in South-Eastern Europe to promote jobs in Ukraine"): the project the item is about.

    Only a headline, where the launch is the news: in running text a project known only by its purpose is
    a resource only where its sentence says who funds it or works on it (``project_names``). Not a plan
    ("ILO to launch ...", "ILO will launch ...").
    """
    text = headline.translate(_Q)
    lead = _ILO_LAUNCHES.match(text)
    if lead is None:
        return None
    m = _LAUNCHED_PROJECT.match(text, lead.end())
    if m is None or not asserted(text, m.start()) or not _PURPOSE.search(m.group(1)):
        return None
    return m.group(1).strip().rstrip(" ,.")


def names_projects(items: Iterable[NewsItem]) -> bool:
    """Does any of a page's news items name a project (``project_names``)? Then a headline that describes a
    launched project by its purpose may be that one ("... to introduce the project "ILO Response to Syrian
    Influx"" beside "ILO Turkey Office launched a project to support the livelihoods of Syrian Refugees"):
    no second resource is made for it."""
    return any(project_names(f"{n.headline}. {n.summary}") for n in items)


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


# --- what a sentence asserts -----------------------------------------------------------------

# Words that, before an event's trigger in the same clause, make the sentence say something
# other than "it happened": a call, a plan, a proposal, an invitation, a wish, a denial, a condition.
_NOT_ASSERTED = re.compile(
    r"\b(?:call(?:s|ed|ing)?\s+(?:on|for|upon)|appeal(?:s|ed)?\s+(?:to|for)|urg(?:e|es|ed|ing)"
    r"|invit(?:e|es|ed|ing|ation)|propos(?:e|es|ed|ing|als?)|plan(?:s|ned|ning)?\s+to|intend(?:s|ed)?\s+to"
    r"|aim(?:s|ed|ing)?\s+(?:to|at)|seek(?:s|ing)?|request(?:s|ed|ing)?|appl(?:y|ies|ied|ying)\s+for|look(?:s|ing)?\s+for|expect(?:s|ed)?\s+to|hope(?:s|d)?\s+to"
    r"|want(?:s|ed)?\s+to|wish(?:es|ed)?\s+to|ready\s+to|prepar(?:e|es|ing)\s+(?:to|for)|encourag(?:e|es|ed|ing)"
    r"|recommend(?:s|ed|ing|ations?)?|promot(?:e|es|ed|ing)|advocat(?:e|es|ed|ing)|lobb(?:y|ies|ied|ying)|press(?:es|ed)?\s+for"
    r"|consider(?:s|ed|ing)?|discuss(?:es|ed|ing)?|explor(?:e|es|ed|ing)|need(?:s|ed)?\s+to|in\s+order\s+to"
    r"|prospects?|possib(?:le|ility)|potential|future|upcoming|forthcoming|draft"
    r"|will|would|shall|should|could|(?-i:may)(?!\s+\d)|might|must|can|cannot|not|never|nor|no\s+longer|yet\s+to"
    r"|without|den(?:y|ies|ied|ying)|refus(?:e|es|ed|ing)|reject(?:s|ed|ing)?|if|unless|whether|once"
    r"|before|until|support(?:s|ed|ing)?\s+(?:the\s+)?(?:ratification|signing|launch)|campaign(?:s|ing)?\s+for"
    r"|help(?:s|ed|ing)?\s+(?:\w+\s+){0,3}to|assist(?:s|ed|ing)?\s+(?:\w+\s+){0,3}(?:to|in))\b",
    re.I,
)
_CLAUSE = re.compile(
    r";|:|\bbut\b|\bwhile\b|\bwhereas\b|\bafter\b|\band\s+(?=(?:has|have|had|was|were)\b)", re.I
)
_RANKED_INFINITIVE = re.compile(
    r"\b(?:\d+(?:st|nd|rd|th)|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|latest|last)"
    r"\s+(?:[\w-]+\s+){0,6}to\s+$",
    re.I,
)


def asserted(sentence: str, start: int) -> bool:
    """Does the sentence state as done (or being done) what its word at ``start`` names?

    False when a call, plan, proposal, invitation, wish, negation or condition governs it
    in its clause ("calls on the Government to ratify", "not yet ratified", "will launch",
    "invites employers to a meeting"), or when the word is a bare infinitive ("to ratify")
    that is not a ranked completion ("the 20th country to ratify", which did happen).
    """
    before = sentence[:start]
    cuts = [m.end() for m in _CLAUSE.finditer(before)]
    clause = before[cuts[-1] :] if cuts else before
    if _NOT_ASSERTED.search(clause):
        return False
    infinitive = re.search(r"\bto\s+$", clause, re.I) is not None
    return not infinitive or _RANKED_INFINITIVE.search(clause) is not None


_RATIFY = re.compile(r"\bratif(?:y|ies|ied|ying|ications?)\b|\binstruments?\s+of\s+ratification\b", re.I)


_DONE = re.compile(
    r"\b(?:deposit\w*|register\w*|receiv\w*|complet\w*|hand(?:s|ed)?\s+over|welcom\w*|celebrat\w*"
    r"|congratulat\w*|mark(?:s|ed|ing)?|follow(?:s|ed|ing)|entered\s+into\s+force|became|become)\b",
    re.I,
)


def ratification_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (headline sentences included) that state a ratification as done.

    A verb ("ratified", "ratifies") must be asserted; the noun ("ratification") only counts
    with a word of completion in its sentence ("deposited", "registered", "welcomes"),
    since "a workshop on ratification" or "steps towards ratification" report none.
    """
    out = []
    for sent in sentences(text):
        for m in _RATIFY.finditer(sent):
            noun = m.group(0).lower().startswith(("ratification", "instrument"))
            if asserted(sent, m.start()) and (not noun or _DONE.search(sent)):
                out.append(sent)
                break
    return out


_LAUNCH_VERB = r"(?:launch(?:es|ed|ing)?|open(?:s|ed)|inaugurat(?:es|ed)|creat(?:ed|es)|establish(?:ed|es))\b"
_LAUNCHED = (
    r"(?:initiatives?|centres?|centers?|series|campaigns?|platforms?|programmes?|programs?|networks?|offices?|"
    r"services?|hotlines?|portals?|funds?|websites?|web\s+sites?|packages?|apps?|tools?)"
)
# verbs of saying that report a statement when a speaker (a person, an official, the ILO) says it
_SPOKE = (
    r"said|says|stated|stressed|highlighted|emphasi[sz](?:es|ed)|underlined|told|vows|vowed|"
    r"speaks?\s+(?:on|at)|spoke\s+(?:on|at)"
)
# kind, the word that reports it (checked for assertion), what its sentence must also hold
_DOCUMENT = (
    r"(?:report|study|survey|guide|guidance|manual|newsletter|leaflet|index|brief|paper|publication|"
    r"projections|estimates|outlook|handbook|toolkit|assessment|review|analysis)"
)
EVENT_PATTERNS: tuple[tuple[str, re.Pattern[str], re.Pattern[str] | None], ...] = (
    (
        "ProgrammeSigning",
        re.compile(r"\bsign(?:ed|s|ing)\b", re.I),
        re.compile(r"\b(?:Program(?:me)?|DWCP|agreement|memorandum)\b", re.I),
    ),
    (
        "ProjectLaunch",
        re.compile(r"\b(?:launch(?:es|ed|ing)?|start(?:s|ed)|kick(?:s|ed)?\s*-?\s*off)\b", re.I),
        re.compile(r"\bproject\b", re.I),
    ),
    (
        "Launch",
        # the verb with what it launches: "opened a new employment centre", "the centre was opened"
        re.compile(
            rf"\b{_LAUNCH_VERB}(?=(?:\s+[\w'’-]+){{0,5}}?\s+{_LAUNCHED}\b)"
            rf"|\b{_LAUNCHED}\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?{_LAUNCH_VERB}"
            # the noun: "Pilot on-the-job training launch in Moldova"
            r"|(?<=[\w-]\s)launch(?=\s+(?:in|of|for|at|event|ceremony)\b|\s*[.:;,]|\s*$)",
            re.I,
        ),
        None,
    ),
    (
        "Publication",
        re.compile(
            rf"\b(?:new|latest)\s+(?:ILO\s+)?(?:[\w-]+\s+){{0,4}}?{_DOCUMENT}\b"
            rf"|\b{_DOCUMENT}\s+(?:shows|finds|found|says|warns|identifies|presents|highlights|reveals|"
            r"describes|estimates|examines|analyses|analyzes|concludes|calls|assesses|reviews|"
            r"show|find|warn|highlight|reveal|indicate|indicates)\b"
            rf"|\b(?:releases?d?|publish(?:es|ed)|issues|issued|presents?|presented)\s+(?:(?:a|an|the|its|new|"
            rf"latest|ILO)\s+)*(?:[\w-]+\s+){{0,4}}?{_DOCUMENT}"
            rf"|\baccording\s+(?:to\s+)?(?:a|the)\s+(?:new\s+)?(?:ILO(?:'s)?\s+)?(?:\"?[\w:-]+\s+){{0,4}}?\"?{_DOCUMENT}"
            rf"|\b{_DOCUMENT}\b[^.;]{{0,80}}?\b(?:is|are|was|were)\s+(?:now\s+)?(?:available|out|released|published)",
            re.I,
        ),
        None,
    ),
    (
        "Interview",
        re.compile(
            r"^\s*meet\s+the\b|\bin\s+this\s+(?:video|interview)\b|\binterview(?:s|ed)?\b|\bwe\s+asked\b"
            r"|\bspeaking\s+to\s+(?:the\s+)?[A-Z]"
            # "Name, Senior Specialist, explains the objectives ...": the item presents the person speaking
            rf"|^{NAME},\s+[^.;]{{3,120}}?,?\s+(?:explains|shares\s+how|talks\s+about)\b",
            re.I,
        ),
        None,
    ),
    (
        "Statement",
        re.compile(
            r"\b(?:welcome[sd]|express(?:es|ed)|condemn(?:s|ed)|statement\s+(?:by|of|from)|statement\s+was\s+made)\b"
            rf"|\b(?:{_SPOKE})\b",
            re.I,
        ),
        None,
    ),
    (
        "Training",
        re.compile(
            r"\b(?:trained|trainings?|training\s+(?:course|session|workshop|programme)|learn(?:ed|t)?\s+how|"
            r"course|workshop\s+for|capacity[- ]building|coaching|school\s+for|"
            r"(?:summer|winter|union)\s+school)\b",
            re.I,
        ),
        None,
    ),
    (
        "Meeting",
        re.compile(
            r"\b(?:meetings?|met|visit(?:ed|s)?|conference|summit|forum|round\s*-?table|seminar|webinar|webcast|"
            r"workshop|consultations?|hearing|retreat|gathered|came\s+together|hosted|discussions?|dialogue\s+on|"
            r"attended|was\s+held|were\s+held|debate|plenary)\b",
            re.I,
        ),
        None,
    ),
    (
        "Agreement",
        re.compile(
            r"\bagreed(?:-upon)?\b|\bagreements?\s+(?:was|were)\s+(?:signed|reached)"
            r"|(?<!towards\s)(?<!on\s)(?<!for\s)\b(?:a|the)\s+new\s+(?:[\w-]+\s+){0,2}agreement\b(?=\s+(?:recogni[sz]es|covers|"
            r"covering|sets|guarantees|provides|gives|entered|took|came|was|has))",
            re.I,
        ),
        None,
    ),
)
_SAYS_ITSELF = {"Interview"}  # the interview is itself what happened
_NOUN_TRIGGERED = {"Meeting", "Training", "Publication"}  # "a webinar", "a report": the main verb tells when
_FUTURE_AFTER = re.compile(
    r"\b(?:will|shall|is\s+(?:to\s+be|scheduled|planned|expected)|are\s+(?:to\s+be|scheduled|planned|expected)|"
    r"to\s+be\s+(?:held|organi[sz]ed|launched|published|released)|upcoming|forthcoming)\b",
    re.I,
)
_VAGUE_TIME = re.compile(
    r"\b(?:last|previous|past)\s+(?:week|month|year)\b|\bearlier\s+this\s+(?:week|month|year)\b", re.I
)
_NOT_NEWS_EVENT = re.compile(
    r"\bcall\s+for\s+(?:proposals|expressions?\s+of\s+interest|applications|tenders?|papers)\b|"
    r"\bvacanc(?:y|ies)\b|\bterms\s+of\s+reference\b",
    re.I,
)


_NOT_A_TRAINING_AFTER = re.compile(
    r"^\s+(?:manuals?|guides?|guidelines|plans?|materials?|modules?|toolkits?|handbooks?|needs|centres?|centers?|"
    r"institutes?|institutions?|systems?|polic(?:y|ies)|strateg(?:y|ies)|packages?|curricul(?:a|um)|launch)\b",
    re.I,
)
_LAUNCHING_BEFORE = re.compile(rf"\b{_LAUNCH_VERB}(?:\s+[\w'’-]+){{0,4}}\s+$", re.I)
_NAME_BEFORE = re.compile(r"\b[A-Z][\w'’-]+\s+(?:(?:and|&|of|for)\s+)?$")
_SETTING_BEFORE = re.compile(r"\b(?:at|to|in)\s+(?:the|a|an)\s+[^,.;]{0,80}$", re.I)
_MET_A_TARGET = re.compile(
    r"^\s+(?:[\w-]+\s+){0,3}?(?:targets?|goals?|needs|demands?|criteria|requirements?|expectations?|deadlines?|"
    r"standards?|conditions?|obligations?|benchmarks?)\b",
    re.I,
)
_SERIES_LAUNCHED = re.compile(
    r"\bseries\s+of\s+(?:\w+\s+){0,2}(?:webinars|seminars|meetings|workshops|round\s*tables|conferences|events)\b",
    re.I,
)
_WELCOMED_GUESTS = re.compile(
    r"^\s+(?:the\s+)?(?:[\w'’-]+\s+){0,8}?(?:participants|guests|delegates|delegations?|visitors|attendees|"
    r"representatives|members)\b",
    re.I,
)
_PURPOSE_BEFORE = re.compile(
    r"\bto\s+(?:support|strengthen|improve|enhance|promote|build|develop|provide|boost)\s+(?:the\s+)?"
    r"(?:[\w'’-]+\s+){0,2}$",
    re.I,
)
_HELD_AFTER = re.compile(r"^s?\s+(?:was\s+|were\s+|has\s+been\s+|have\s+been\s+)?held\b", re.I)
_NOT_HELD = re.compile(
    r"\b(?:invit\w*|plan(?:s|ned|ning)?|will|would|shall|should|could|may|might|not|never|to\s+be|upcoming|"
    r"forthcoming|next|propos\w*|if|unless|call\w*\s+for)\b",
    re.I,
)


def _held(sent: str, m: re.Match[str]) -> bool:
    """'the UNCT meeting held in Ankara on 6 July': a meeting stated as held, whatever its purpose clause."""
    return _HELD_AFTER.match(sent[m.end() :]) is not None and not _NOT_HELD.search(sent)


_MODAL = re.compile(r"\b(?:could|would|might|may|will|shall|should|can)\b", re.I)
_SPOKE_RX = re.compile(rf"\b(?:{_SPOKE})\b", re.I)
_SPEAKER = re.compile(
    rf"\b(?:ILO|International\s+Labour\s+Organi[sz]ation|{_ROLE}|head|she|he)\b|(?<![\w-])[A-Z][{_LOW}]+\s*$"
)
_NOT_A_SPEAKER = re.compile(rf"\b(?:{_DOCUMENT}|participants|agencies)\b", re.I)


def _title_case(text: str) -> bool:
    """A headline in title case ("Training Provided to Seasonal Workers"): capitals mark no names in it."""
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", text) if len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _speaker_says(sent: str, m: re.Match[str]) -> bool:
    """A verb of saying with a speaker: 'ILO says', 'Name, Director ..., stated', 'says ILO Director-General'.

    Not a report or study that 'says' (a publication), not participants, not a quotation's attribution
    ('"...," X told') nor a passive ('was stated by'), and not a saying of what could or will be.
    """
    before, after = sent[: m.start()], sent[m.end() :]
    if sent.lstrip().startswith('"') or re.search(r"\b(?:was|were|been|be|is|are)\s+$", before, re.I):
        return False
    if _MODAL.search(after):
        return False  # "ILO says 2.1 million jobs could be created": a projection, not a statement of record
    subject = before[-60:]
    if m.group(0).lower() in ("says", "said") and not re.search(r"\w", subject.split(",")[-1]):
        subject = after[:60]  # "..., says ILO Director-General"
    if _NOT_A_SPEAKER.search(subject):
        return False
    return _SPEAKER.search(subject) is not None


def _event_hit(kind: str, sent: str, m: re.Match[str], headline: bool) -> bool:
    """Does this trigger word report an event of ``kind``, or is it part of something else?

    "in the course of", "Vocational Education and Training (TVET)", "a training manual", "launched a
    training programme" (a launch) report no training; "met a target" no meeting, nor the setting of a
    statement ("speaking at a hearing"); "the project launched to ..." refers back to an earlier launch.
    """
    word = m.group(0)
    before, after = sent[: m.start()], sent[m.end() :]
    if kind == "Training":
        low = word.lower()
        if low == "course" and re.search(r"\b(?:in\s+the|of)\s+$", before, re.I):
            return False
        if low.startswith("training"):
            if _NOT_A_TRAINING_AFTER.match(after):
                return False
            if word[0].isupper() and _NAME_BEFORE.search(before) and not (headline and _title_case(sent)):
                return False  # a word of a name: "Technical and Vocational Education and Training"
        # "launched a programme to support the capacity building of ...": what it is for
        return not (_PURPOSE_BEFORE.search(before) or _LAUNCHING_BEFORE.search(before))
    if kind == "Meeting":
        low = word.lower()
        if low == "met" and _MET_A_TARGET.match(after):
            return False
        # "told delegates at the opening of the Conference": the statement is the event
        return not (
            _SETTING_BEFORE.search(before) and any(_speaker_says(sent, s) for s in _SPOKE_RX.finditer(sent))
        )
    if kind == "ProjectLaunch":
        return not re.search(r".\b(?:the|this|that)\s+project\s+$", before, re.I) or not re.match(
            r"\s+(?:to|in|by|under|with|for|last|earlier)\b", after
        )
    if kind == "Interview" and not headline and word.lower() == "interviews":
        return False  # "during the conference and interviews": interviews in passing, not the item's
    if kind == "Statement":
        low = word.lower()
        if low.startswith("welcome"):  # "ILO welcomes the agreement", not "X welcomed the participants"
            return not _WELCOMED_GUESTS.match(after) and _speaker_says(sent, m)
        if _SPOKE_RX.fullmatch(word):
            return _speaker_says(sent, m)
    return True


_QUOTED = re.compile(r'"([^"]{20,})"')
_CITED = re.compile(r"according\b", re.I)


def _unquoted(sent: str) -> tuple[str, list[tuple[int, int]]]:
    """The sentence with the words of its quotations blanked out (same length), and where they were.

    A quotation is someone's words ('"Azerbaijan will hold a review," X told a conference'): its "will" does
    not make the narrator's "told a conference" a plan, and an event word inside it is not narrated.
    """
    spans = [(m.start(1), m.end(1)) for m in _QUOTED.finditer(sent) if " " in m.group(1)]
    masked = sent
    for a, b in spans:
        masked = masked[:a] + "x" * (b - a) + masked[b:]
    return masked, spans


@dataclass(frozen=True)
class EventMention:
    """An event a news item reports: its kind and the sentence that states it as done."""

    kind: str
    sentence: str


def event_mentions(headline: str, summary: str) -> list[EventMention]:
    """The events an item reports, one per kind, each stated as done in its headline or summary.

    Headlines count like bodies.  A training is reported where people are said to be trained;
    a call for proposals or a vacancy reports no event; a meeting that is also a training is
    the training.
    """
    found: dict[str, EventMention] = {}
    head = headline.translate(_Q)
    texts = [*sentences(summary), head]  # a summary's sentence says more (a date, a place) than its headline
    if _NOT_NEWS_EVENT.search(head):
        return []
    trained = [f for f in figures(summary) if f.prop == "peopleTrained"]
    if trained:
        found["Training"] = EventMention("Training", trained[0].sentence)
    for kind, rx, needs in EVENT_PATTERNS:
        if kind in found:
            continue
        planned = kind in _NOUN_TRIGGERED and any(
            _FUTURE_AFTER.search(sent[m.end() :])
            for sent in texts[:-1]
            for m in rx.finditer(sent)
            if _event_hit(kind, sent, m, False)
        )
        for sent in texts[:-1] if planned else texts:  # a headline names what its summary says is to come
            if needs is not None and not needs.search(sent):
                continue
            masked, quoted = _unquoted(sent)
            hits = [
                m
                for m in rx.finditer(sent)
                if not any(a <= m.start() < b for a, b in quoted) and _event_hit(kind, sent, m, sent is head)
            ]
            if kind in _NOUN_TRIGGERED:
                hits = [m for m in hits if not _FUTURE_AFTER.search(sent[m.end() :])]
            if hits and _VAGUE_TIME.search(sent):
                continue  # "opened last month": it happened, but not on a day the item dates
            if any(
                kind in _SAYS_ITSELF
                or asserted(masked, m.start())
                or (kind == "Meeting" and _held(sent, m))
                or (kind == "Publication" and _CITED.match(sent, m.start()) is not None)  # the source cited
                for m in hits
            ):
                found[kind] = EventMention(kind, sent)
                break
    if "ProjectLaunch" in found:
        found.pop("Launch", None)
    if "Training" in found:
        found.pop("Meeting", None)  # the gathering a training report describes is that training
    said, met = found.get("Statement"), found.get("Meeting")
    meeting_words = next(rx for k, rx, _ in EVENT_PATTERNS if k == "Meeting")
    if said and met and met.sentence == head != said.sentence and meeting_words.search(said.sentence):
        found.pop("Meeting")  # "Hearing on ...": the hearing the summary's statement was made at
    if "Launch" in found and _SERIES_LAUNCHED.search(found["Launch"].sentence):
        found.pop("Meeting", None)  # "launched a series of five webinars": the launch is what is reported
    return list(found.values())


def event_kinds(headline: str, summary: str) -> list[str]:
    """Kinds of event the item reports (see :func:`event_mentions`)."""
    return [e.kind for e in event_mentions(headline, summary)]


_DAY_MONTH = re.compile(
    rf"\b(?:on\s+|from\s+)?(?:the\s+)?(\d{{1,2}})(?:st|nd|rd|th)?(?:(?:\s*[-–]\s*|\s+(?:to|and|until)\s+)\d{{1,2}}(?:st|nd|rd|th)?)?"
    rf"(?:\s+of)?\s+({_MONTHS})\b(?:,?\s+(\d{{4}}))?"
    rf"|\b({_MONTHS})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b(?:,?\s+(\d{{4}}))?",
    re.I,
)


def sentence_date(sentence: str, published: date) -> date | None:
    """The day a sentence dates its event ("on 9 April", "From 13 to 15 September 2022"), or None.

    A date without a year takes the publication's year (the year before when that would put it
    more than two months after the publication).
    """
    m = _DAY_MONTH.search(sentence)
    if m is None:
        if re.search(r"\byesterday\b", sentence, re.I):
            return date.fromordinal(published.toordinal() - 1)
        return None
    day, month, year = (
        (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
    )
    number = _MONTH_NUMBER[month.lower()[:3]]
    y = int(year) if year else published.year
    try:
        found = date(y, number, int(day))
    except ValueError:
        return None
    if not year and (found - published).days > 62:
        try:
            found = date(y - 1, number, int(day))
        except ValueError:
            return None
    return found


# --- organizations the curated list lacks -------------------------------------------------------

_ORG_HEADS = (
    "Union|Council|Agency|Ministry|Chamber|Confederation|Federation|Association|Inspectorate|Service|"
    "Commission|Committee|Institute|Institution|Foundation|Fund|Bank|Authority|Organization|"
    "Organisation|Centre|Center|School|University|Academy|Network|Alliance|Trade\\s+Union|"
    "Secretariat|Department|Corporation|Bureau|Society|Board|Parliament|Directorate|Administration|"
    "Inspection|Delegation|Forum|Panel"
)
_ORG_WORD = re.compile(rf"\b(?:{_ORG_HEADS}|Unions|Programme|Workers)\b")
_CAP = r"(?:[A-Z][\w'’&-]*|[A-Z]{2,})"
_LINK = r"(?:of|for|and|on|the|&|to(?=\s+[A-Z])|in\s+Response\s+to)"
_ORG_NAME = re.compile(
    rf"\b((?:{_CAP}\s+){{0,6}}(?:{_ORG_HEADS})(?:\s+(?:of|for|on|to(?=\s+[A-Z])|in\s+Response\s+to)\s+(?:the\s+)?"
    rf"{_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP}){{0,6}})?)\b"
)
_ORG_OF = re.compile(
    rf"\b((?:Ministry|Confederation|Federation|Association|Chamber|Union|Council|Agency|Department|Bureau|"
    rf"Directorate|Inspection|Inspectorate|Delegation)\s+of\s+(?:the\s+)?"
    rf"{_CAP}(?:,\s+{_CAP}(?=[^.]*\band\b))*(?:\s+(?:{_LINK}\s+)*{_CAP}){{0,8}})"
)
_TWO_NAMES = re.compile(rf",?\s+and\s+(?:the\s+)?(?=(?:{_CAP}\s+){{0,3}}(?:{_ORG_HEADS})\b)")
# "Ministry of Interior, Prime Ministry Disaster and Emergency Management Presidency": a list's next name
_NEXT_NAME = re.compile(rf",\s+(?=(?:{_CAP}\s+){{0,3}}(?:{_ORG_HEADS}|Ministry)\b)")
_UN_PROGRAMME = re.compile(
    r"\b((?:United\s+Nations|UN|World)\s+(?:{_CAP}\s+){0,3}Programme)\b".replace("{_CAP}", _CAP)
)
_WITH_ACRONYM = re.compile(
    rf"\b({_CAP}(?:\s+(?:{_LINK}\s+)*{_CAP}){{1,10}})\s+\(([A-Z][A-Za-z-]{{1,9}}(?:\s[A-Z]{{2,5}})?)\)"
)
_LEADING = re.compile(
    r"^(?:(?:The|A|An|In|At|On|For|With|By|From|And|During|After|Both|Meanwhile|Today|Also|How|Why|What|"
    r"When|Where|Who|New|Our|Your|ILO)\s+)+"
)
# Words that alone name no particular body ("Advisory Committee", "Social Council")
_GENERIC_TEXT = """
    advisory coordination coordinating social programme project national regional steering joint technical
    economic executive general supervisory scientific central public main local high-level tripartite labour
    employment management working international interdepartmental inter-agency sub-regional subregional
    global european state federal
"""
_GENERIC_WORDS = frozenset(_GENERIC_TEXT.split())
_NOT_ORGANIZATIONS = frozenset({"soviet union", "european union", "united nations"})
_NOT_ORG_START = re.compile(r"^(?:This|That|These|Those|Our|Its|Their|Each|Every|Both|Such|Which)\b")
_GOVERNMENTAL = re.compile(r"^(?:Ministry|Government|State\s|National\s+(?:Employment|Labour|Social)\s)")


# a generic body's remit in lower case, up to its verb or the clause's end: "... Commission for social
# partnership and regulation of social and industrial relations chaired by ..."
_REMIT_WORD = (
    r"(?!(?:the|this|its|their|a|an|his|her|our|[a-z]+ed|is|was|are|were|has|have|had|will)\b)[a-z][\w-]*"
)
_REMIT = re.compile(
    rf"\s+(?:for|on)\s+{_REMIT_WORD}(?:\s+{_REMIT_WORD}){{0,9}}?"
    r"(?=\s+(?:[a-z]+ed|is|was|are|were|has|have|had|will|met|meets|adopted)\b|\s*[,.;:]|\s*$)"
)
# lower-case nouns after which a head word qualifies something else ("Association agreement")
_MODIFIED = re.compile(
    r"\s+(?:agreements?|membership|members?|presidency|accession|acquis|funds|funding|law|laws|framework|"
    r"strategy|polic(?:y|ies)|programmes?|projects?|standards?|reports?|meetings?|sessions?|summits?|"
    r"conferences?|decisions?|resolutions?|regulations?|directives?|candidates?|budgets?|countries|states)\b"
)


# "<Name>, a Montenegrin newspaper", "<Name>, an NGO based in Kyiv": a name, then what kind of body it is
_MODIFIER = r"(?:(?!(?:of|for|with|at|in|to|by|and|the|a|an)\b)[\w'-]+\s+)"
_APPOSED = re.compile(
    rf"(?<![\w'-])({_CAP}(?:\s+{_CAP}){{0,4}}),\s+(?:a|an)\s+{_MODIFIER}{{0,3}}?"
    r"(?:newspaper|daily|weekly|magazine|news\s+agency|broadcaster|TV\s+channel|television\s+channel|"
    r"radio\s+station|news\s+portal|company|firm|NGO|non-governmental\s+organi[sz]ation|charity|foundation|"
    r"think\s+tank|trade\s+union|employers'\s+organi[sz]ation)"
    # not "a company director": the kind of body ends the apposition
    r"(?=\s*[,.;:)]|\s+(?:in|of|from|based|that|which|with|for|on|at|and)\b|\s*$)"
)


@dataclass(frozen=True)
class OrganizationName:
    """An organization as a page names it: the name, its acronym when given, its kind."""

    name: str
    acronym: str | None
    kind: str  # "government" (a ministry, a state body) or "other"
    start: int
    end: int


def _is_country(name: str) -> bool:
    """A country's name in ISO 3166 (any of its names), by the maintained library."""
    import pycountry

    try:
        pycountry.countries.lookup(name.strip())
    except LookupError:
        return False
    return True


def _initials_match(name: str, acronym: str) -> bool:
    """Does the acronym read from the name: its first letter the name's, the rest in order in its words?

    "State Secretariat for Economic Affairs" carries SECO; "Federation of Employers of Ukraine" FEU.
    """
    words = [w for w in re.findall(r"[A-Za-z][\w'’-]*", name) if w[0].isupper()]
    letters = re.sub(r"[^A-Z]", "", acronym.upper())
    if len(letters) < 2 or not words or words[0][0].upper() != letters[0]:
        return False
    joined = "".join(words).upper()
    at = 0
    for letter in letters:
        at = joined.find(letter, at)
        if at < 0:
            return False
        at += 1
    return True


def organization_names(text: str) -> list[OrganizationName]:
    """Names that read as organizations: '... Union/Council/Ministry/Federation ...', 'Full Name (ACR)'.

    A name the acronym's letters do not fit is kept without the acronym; a name starting
    with a determiner ("This Council") is a reference back, not a name.
    """
    text = text.translate(_Q)
    found: list[OrganizationName] = []

    def keep(name: str, acronym: str | None, start: int) -> None:
        lead = _LEADING.match(name)
        if lead and re.search(r"\bILO\b", lead.group(0)):
            return  # "ILO Global Youth Employment Forum": the ILO's own
        if lead:
            start += lead.end()
            name = name[lead.end() :]
        owner = re.match(r"[\w-]+'s\s+", name)  # "the UN's Intergovernmental Panel ...": the panel
        if owner and owner.group(0).startswith("ILO"):
            return  # "the ILO's Bureau for Workers' Activities": the ILO's own
        if owner:
            start += owner.end()
            name = name[owner.end() :]
        name = re.sub(r"\s+and\s+(?:the\s+)?(?:ILO|International\s+Labou?r\s+Organi[sz]ation)\b.*$", "", name)
        name = name.strip(" ,.;:'")
        if len(name.split()) < 2 or _NOT_ORG_START.match(name) or not name[0].isupper():
            return
        aim = re.search(
            r"(?<!Response)\sto\s+(?:the\s+)?(.+)$", name
        )  # "Council to Combat the Worst Forms of ...", "... to Albania"
        if aim and len(aim.group(1).split()) < 3 and not _is_country(aim.group(1)):
            return  # "Council to Sign": a headline's verb, not a name
        words = [w.casefold() for w in re.findall(r"[\w'’-]+", name)]
        heads = {h.casefold() for h in re.findall(r"[A-Za-z]+", _ORG_HEADS)}
        particular = (
            " of " in f" {name} "
            or " for " in f" {name} "
            or acronym is not None
            or any(w not in _GENERIC_WORDS and w not in heads for w in words)
        )
        definite = re.search(r"\b[Tt]he\s+$", text[max(0, start - 5) : start]) is not None
        remit = None if particular or not definite else _REMIT.match(text[start + len(name) :])
        if remit:  # "National Tripartite Commission for social partnership and ... relations chaired by ..."
            name = f"{name}{remit.group(0)}"
            particular = True
        if not particular or name.casefold() in _NOT_ORGANIZATIONS:
            return
        if re.search(
            r"\bILO\b|International\s+Labou?r\s+(?:Organi[sz]ation|Office|Conference)|Decent\s+Work", name
        ) or not (_ORG_WORD.search(name) or (acronym is not None and name.endswith(" International"))):
            return  # the ILO's own bodies, or a topic with an acronym ("Occupational Safety and Health")
        end = start + len(name)
        if _MODIFIED.match(text[end : end + 40]):
            return  # "the EU Association agreement": the name qualifies a noun, it names no body
        if any(f.start <= start and end <= f.end for f in found):
            return
        found[:] = [f for f in found if not (start <= f.start and f.end <= end)]
        kind = "government" if _GOVERNMENTAL.match(name) else "other"
        found.append(OrganizationName(name, acronym, kind, start, end))

    for m in _WITH_ACRONYM.finditer(text):
        name, acronym = m.group(1), m.group(2)
        words = name.split()
        # the name is the longest tail of the phrase the acronym reads from
        for i in range(len(words)):
            tail = " ".join(words[i:])
            if _initials_match(tail, acronym):
                keep(tail, acronym, m.start(1) + len(" ".join(words[:i])) + (1 if i else 0))
                break
    for m in _APPOSED.finditer(text):  # "Pobjeda, a Montenegrin newspaper": the apposition says what it is
        name, at = m.group(1), m.start(1)
        lead = re.match(r"(?:(?:Then|So|Now|Later|Also|Meanwhile|Today|Yesterday|Here|There)\s+)+", name)
        if lead:
            name, at = name[lead.end() :], at + lead.end()
        if (
            _LEADING.match(name + " ")
            or _NOT_ORG_START.match(name)
            or re.match(r"(?:Mr|Ms|Mrs|Dr|Prof)\b", name)
            or re.search(r"\bILO\b", name)
        ):
            continue
        if not any(f.start <= at < f.end for f in found):
            found.append(OrganizationName(name, None, "other", at, at + len(name)))
    for rx in (_ORG_OF, _ORG_NAME, _UN_PROGRAMME):
        for m in rx.finditer(text):
            at = m.start(1)
            for part in (p for two in _TWO_NAMES.split(m.group(1)) for p in _NEXT_NAME.split(two)):
                keep(part, None, text.index(part, at))
                at = text.index(part, at) + len(part)
    return sorted(found, key=lambda f: f.start)


# --- figures in words or digits ---------------------------------------------------------------

_SMALL_TEXT = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
)
_TENS_TEXT = "twenty thirty forty fifty sixty seventy eighty ninety"
_SMALL = _SMALL_TEXT.split()
_TENS = _TENS_TEXT.split()
_WORD_VALUE = {w: i for i, w in enumerate(_SMALL)} | {w: 10 * (i + 2) for i, w in enumerate(_TENS)}
_WORD_NUMBER = (
    rf"(?:{'|'.join(_TENS)})(?:-(?:{'|'.join(_SMALL[1:10])}))?"
    rf"|{'|'.join(sorted(_SMALL[1:], key=len, reverse=True))}"
)
_SCALE = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "trillion": 1_000_000_000_000}
_QUALIFIER = (
    r"more\s+than|over|almost|nearly|about|around|approximately|some|at\s+least|up\s+to|less\s+than|"
    r"fewer\s+than|an\s+estimated|close\s+to|roughly"
)
_QUANTITY = re.compile(
    rf"(?:\b(?P<q>(?i:{_QUALIFIER}))\s+)?"
    rf"(?<![\w.,/-])(?P<n>\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?|(?i:{_WORD_NUMBER}))"
    r"(?:[\s-]+(?P<scale>thousand|million|billion|trillion))?"
    r"(?P<per>\s*(?:%|per\s*cent|percent))?"
    r"(?P<unit>(?:[\s-]+(?!(?:of|in|and|to|for|from|with|on|at|by|the|a|an|per|or|than|as|who|which|that|"
    r"were|was|are|is|have|has|had|will|would|years?\s+old)\b)[\w'’-]+){1,4})?",
)
_DURATION_UNITS = {"year", "day", "week", "month", "hour", "page", "minute"}
_MODAL_AFTER = re.compile(
    r"[^,;.]{0,40}?\b(?:could|would|will|(?-i:may)|might|should|can|"
    r"(?<!estimated\s)(?<!believed\s)(?<!reported\s)(?<!known\s)(?<!said\s)to\s+be)\b"
)
_TIME_UNITS = {
    "year", "day", "week", "month", "hour", "minute", "decade", "centurie", "century", "time", "quarter",
}  # fmt: skip
_NOT_UNIT_START = re.compile(
    r"^(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"st|nd|rd|th|am|pm|AM|PM)\b"
)
_NOT_COUNTED_BEFORE = re.compile(
    r"(?:\bNos?\.|\bConventions?|\bProtocols?|\bRecommendations?|\bSDGs?|\bGoals?|\bArticles?|\b[Pp]hases?|"
    r"\bC|\bP\.|\bpages?|\bISO|\bNo|\b[Ss]ession|\bCOVID|\bG|\bversion|\bon|\bOn)\s*-?$"
)
_PLURAL_OR_MASS = re.compile(
    r"(?:s|staff|people|personnel|children|women|men|youth|EUR|USD|euro|euros|dollars|CHF|per\s*cent)$", re.I
)


# "to" before a number that a verb reaches is no infinitive ("reached out to 400,000", "rose to 5 million")
_TO_AMOUNT = re.compile(
    r"\b(?:reach\w*(?:\s+out)?|rise[sn]?|rose|fall(?:s|en)?|fell|increas\w*|decreas\w*|grow[sn]?|grew|amount\w*|"
    r"climb\w*|drop\w*|jump\w*|contribut\w*|equal\w*|compared|added|up|close)\s+to\s+$",
    re.I,
)
_RISES_TO = re.compile(
    r"^((?:[\w'’-]+\s+){0,3}?[\w'’-]+)\s+(?:rises|rose|has\s+risen|falls|fell|increases|increased|drops|dropped|"
    r"reaches|reached|grows|grew|climbs|climbed)\s+to\s+$",
    re.I,
)


@dataclass(frozen=True)
class Quantity:
    """A figure a sentence states: its value, what it counts, how it is qualified, as written."""

    value: int | float
    unit: str
    qualifier: str | None
    phrase: str
    sentence: str


def _number_value(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        return float(t)
    if "-" in t:
        tens, _, ones = t.partition("-")
        if tens in _WORD_VALUE and ones in _WORD_VALUE:
            return float(_WORD_VALUE[tens] + _WORD_VALUE[ones])
    return float(_WORD_VALUE[t]) if t in _WORD_VALUE else None


# "<n> fundamental and <m> priority Conventions": the first count's noun is the second's
_SHARED_HEAD = re.compile(
    rf"^\s+and\s+(?:{_WORD_NUMBER}|\d+)\s+[\w-]+\s+([A-Za-z]+s)\b",
    re.I,
)
# what follows a verb, not a noun: "a new agreement covering 23,000 workers provides for a 5 per cent ..."
_VERB_BEFORE = re.compile(r"\s+(?:for|to|the|a|an|that|its|their|his|her|up|out)\b")
_VERB_AFTER_COUNT = re.compile(
    r"^(?:[a-z]+ed|became|become|becomes|came|come|comes|remain|remains|took|take|made|went|got)$"
)


# nouns that count in a compound before another noun ("a 93-country survey", "a 12-member board")
_COMPOUND_COUNTS = {"country": "countries", "member": "members", "person": "persons", "partner": "partners"}


def _counted(words: list[str], raw: str, scale: str | None, hyphenated: bool) -> str | None:
    """What a number counts, from the words after it; None when it counts nothing (a span of time, "one")."""
    first = words[0].lower().rstrip("s")
    singular = len(words) > 1 and words[0].lower() == first and raw.lower() != "one"  # not "One hour against"
    if first in _DURATION_UNITS and ((hyphenated and not scale) or singular):
        return first + "s"  # "a three-year project", "a 3 year project": 3 years
    if first in _COMPOUND_COUNTS and ((hyphenated and not scale) or singular):
        return _COMPOUND_COUNTS[first]  # "a 93-country survey", "a 93 country survey": 93 countries
    for i, word in enumerate(words[:-1]):  # "ten countries became EU Members": the count ends at its verb
        if _PLURAL_OR_MASS.search(word) and _VERB_AFTER_COUNT.match(words[i + 1]):
            words = words[: i + 1]
            break
    # the counted noun is the last of the words that still reads as the head of a plural
    while words and (not _PLURAL_OR_MASS.search(words[-1]) or words[-1].endswith(("'s", "’s"))):
        words = words[:-1]
    if not words or words[0].lower().rstrip("s") in _TIME_UNITS:
        return None  # a span of time ("over five years", "two decades"), not a count
    if raw.lower() == "one" and not scale:
        return None  # "one" counts nothing the pages report as a figure but a singular
    return " ".join(words)


# "3.5 million refugees, including 2.1 million of working age", "seven projects, out of which four are
# still on-going": a number with no noun of its own that a part-of phrase ties to the figure just before it
_PART_OF = re.compile(
    r"(?:,\s*|\s)(?:including|of\s+(?:which|whom)|out\s+of\s+(?:which|whom)|among\s+(?:them|which|whom))\s+$",
    re.I,
)
_PART_TAIL = re.compile(
    r"^\s+(?:(of\s+(?!(?:them|these|those|which|whom|the|a|an)\b)(?:[a-z][\w'’-]*\s+){0,3}[a-z][\w'’-]*)"
    r"|(?:are|were)\s+((?:still|now|currently)\s+[a-z][\w'’-]*|[a-z][\w'’-]*(?:ing|ed|ive)))"
    r"(?=\s*(?:[,.;]|$))"
)


def _part_of(sent: str, end: int, before: Quantity | None, gap: str) -> str | None:
    """What a bare number counts when it names a part of the figure just before it, else None.

    The part keeps its own words: "2.1 million of working age" of "refugees" counts "refugees of working
    age", "four are still on-going" of "projects" counts "projects still on-going".
    """
    if before is None or not _PART_OF.search(gap) or re.search(r"[.;:]|\d", gap):
        return None
    tail = _PART_TAIL.match(sent[end:])
    if tail is None:
        return None
    return f"{before.unit} {tail.group(1) or tail.group(2)}"


# "while 400,000 are Afghanis, Iranians and Iraqis": a number that is a group of people named by nationality
_ARE_PEOPLE = re.compile(
    rf"^\s+(?:are|were)\s+((?:[{_UP}][{_LOW}]+s)(?:(?:,\s*|,?\s+and\s+)[{_UP}][{_LOW}]+s){{0,6}})(?=\s*(?:[,.;]|$))"
)


def quantities(text: str) -> list[Quantity]:
    """Figures stated in words or digits: "fifteen judges", "more than 900 companies", "3.9 million refugees".

    Dates, years, ordinals, identifiers ("Convention No. 190", "SDG 8") and numbers that count
    nothing ("one of the") are not figures.
    """
    out: list[Quantity] = []
    for sent in sentences(text):
        last: Quantity | None = None  # the figure just before, in this sentence
        last_end = 0
        for m in _QUANTITY.finditer(sent):
            raw = m.group("n")
            value = _number_value(raw)
            blocked = _NOT_COUNTED_BEFORE.search(sent[: m.start("n")])
            if blocked and blocked.group(0).strip().lower() == "on" and not raw[0].isdigit():
                blocked = None  # "based on three pillars" (a day is written in digits: "on 5 May")
            if value is None or blocked:
                continue
            unit = (m.group("unit") or "").strip(" -")
            pair = unit.split()[-2:]
            if (
                len(pair) == 2
                and _PLURAL_OR_MASS.search(pair[0])
                and re.fullmatch(r"[a-z]+[^aeiosx]es", pair[1])
                and _VERB_BEFORE.match(sent[m.end("unit") :])
            ):
                unit = unit.rsplit(None, 1)[0]  # "23,000 workers provides for ...": "provides" is the verb
            scale = m.group("scale")
            if m.group("per"):
                rest = re.match(
                    r"\s+of\s+((?:(?!(?:have|has|had|were|was|are|is|will|in|at|for|and)\b)[\w'’-]+\s*){1,3})",
                    sent[m.end("per") :],
                )
                unit = "per cent" + (f" of {rest.group(1).strip()}" if rest else "")
            else:
                words = unit.split()
                subject = _RISES_TO.search(sent[: m.start()]) if scale and not words else None
                age = re.match(r"[\s-]+(year|month)s?[\s-]+old\b", sent[m.end("n") :]) if not scale else None
                if subject:  # "Child labour rises to 160 million": the subject is what is counted
                    unit = re.sub(r"^the\s+", "", subject.group(1), flags=re.I)
                elif age:  # "as early as 10 years old"
                    unit = f"{age.group(1)}s of age"
                elif not words and (part := _part_of(sent, m.end(), last, sent[last_end : m.start()])):
                    unit = part
                elif (
                    not words
                    and (people := _ARE_PEOPLE.match(sent[m.end() :]))
                    and not re.fullmatch(r"(?:19|20)\d{2}", raw)
                ):
                    unit = people.group(1)
                elif not words or _NOT_UNIT_START.match(unit):
                    continue
                elif re.fullmatch(r"(?:19|20)\d{2}", raw) and not scale:
                    continue  # a year
                else:
                    counted = _counted(words, raw, scale, sent[m.end("n") : m.end("n") + 1] == "-")
                    shared = (
                        _SHARED_HEAD.match(sent[m.end() :]) if counted is None and len(words) == 1 else None
                    )
                    if (
                        shared
                    ):  # "the eight fundamental and four priority Conventions": 8 fundamental Conventions
                        counted = f"{words[0]} {shared.group(1)}"
                    if counted is None:
                        continue
                    unit = counted
            before = _TO_AMOUNT.sub("", sent[: m.start()])  # "reached out to 400,000": no infinitive
            if not asserted(before, len(before)) or _MODAL_AFTER.match(sent[m.end("n") :]):
                continue  # "could be created", "will benefit": not a figure of record
            number = value * _SCALE[scale] if scale else value
            whole: int | float = int(number) if float(number).is_integer() else number
            qualifier = re.sub(r"\s+", " ", m.group("q")).lower() if m.group("q") else None
            phrase = sent[m.start() : m.end()].strip()
            out.append(Quantity(whole, unit, qualifier, phrase, sent))
            last, last_end = out[-1], m.end()
    return out


# --- governments named by their country ----------------------------------------------------------

_GOV_OF = re.compile(r"\b([Gg]overnment\s+of\s+(?:the\s+)?([A-Z][\w'-]+(?:\s+(?:and\s+)?[A-Z][\w'-]+){0,3}))")
_GOV_ADJ = re.compile(
    r"(?<![\w-])((?:[Tt]he\s+)?(?!(?:The|This|That|These|Its|Their|Our|Every|Each|An?|Any|No|Which|Whose)\b)"
    r"([A-Z][\w'-]+(?:\s+[A-Z][\w'-]+)?)\s+[Gg]overnment)\b(?!\s+of\b)"
)


@dataclass(frozen=True)
class GovernmentName:
    """A government a text names by its country: "Government of Serbia", "the Uzbek government"."""

    surface: str  # as written, without a leading "the"
    country: str  # the country's name or adjective as written ("Serbia", "Uzbek")
    start: int
    end: int


def government_names(text: str) -> list[GovernmentName]:
    """Governments named by a country's name or adjective; "the Government" alone names none.

    The country text is returned as written: whether it names a country is the gazetteer's
    question (a heading's "Heads of State and Government" or "General Agreement Between
    Government and ..." give no country and so no government).
    """
    text = text.translate(_Q)
    out: list[GovernmentName] = []
    for rx in (_GOV_OF, _GOV_ADJ):
        for m in rx.finditer(text):
            surface = re.sub(r"^[Tt]he\s+", "", m.group(1))
            start = m.start(1) + (len(m.group(1)) - len(surface))
            if any(g.start <= start < g.end for g in out):
                continue
            out.append(GovernmentName(surface, m.group(2), start, m.end(1)))
    return sorted(out, key=lambda g: g.start)


# --- acronyms that act together with the ILO or with an organization ------------------------------

_ACRONYM_TOKEN = re.compile(rf"(?<![\w-])([{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?)(?![\w-])")
_COORDINATED = r"^\s*\)?\s*(?:\([^()]{0,120}\)\s*)?(?:,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?$"  # "X, ACR and"
_JOINED_AFTER = re.compile(_COORDINATED)  # between an organization and the acronym after it
_JOINED_BEFORE = re.compile(_COORDINATED + r"|^\s*\(\s*$")  # ... and before it: "ACR (Full Name)" too
_ILO_NAMED = re.compile(r"\bILO\b|\bInternational\s+Labou?r\s+Organi[sz]ation\b")
# capitals that name no body: topics, currencies, diseases, programmes, Roman numerals
_NOT_BODY_TEXT = """
    COVID SME SMES GDP OSH TVET DWCP DWCPS SDG SDGS EUR USD CHF PES NGO NGOS CEO CEOS ICT HIV AIDS
    II III IV VI VII VIII IX XI XII XX XXI LGBT LGBTI CV PR HR IT AI EU UN ILO
"""
_NOT_BODY = frozenset(_NOT_BODY_TEXT.split())


def coordinated_acronyms(text: str, organizations: list[tuple[int, int]]) -> list[tuple[str, int, int]]:
    """Acronyms named together with the ILO or with an organization: "ROSTRUD and ILO present ...",
    "TODAİE (...), MEMUR-SEN and SESRİC are conducting ...": each reads as an organization.

    ``organizations`` are the spans of organizations already found in ``text``.  An acronym
    joined to one of them (or to another acronym so found) only by "and", a comma or a
    parenthesis is taken; a topic's or currency's capitals never are.
    """
    text = text.translate(_Q)
    anchors = [*organizations, *((m.start(), m.end()) for m in _ILO_NAMED.finditer(text))]
    tokens = [
        (m.group(1), m.start(1), m.end(1))
        for m in _ACRONYM_TOKEN.finditer(text)
        if m.group(1) == m.group(1).upper() and m.group(1).replace("-", "").upper() not in _NOT_BODY
    ]
    found: list[tuple[str, int, int]] = []
    grew = True
    while grew:
        grew = False
        for tok, start, end in tokens:
            if any(f[1] == start for f in found) or any(a[0] <= start < a[1] for a in anchors):
                continue
            joined = any(
                _JOINED_AFTER.match(text[a_end:start]) or _JOINED_BEFORE.match(text[end:a_start])
                for a_start, a_end in anchors
                if a_end <= start or end <= a_start
            )
            if joined:
                found.append((tok, start, end))
                anchors.append((start, end))
                grew = True
    return sorted(found, key=lambda f: f[1])


# --- events dated to the precision their sentence gives ------------------------------------

_MONTH_YEAR = re.compile(rf"\b({_MONTHS})\.?,?\s+((?:19|20)\d{{2}})\b(?!\s*[-–/]\s*\d)", re.I)
_YEAR_ONLY = re.compile(
    r"\b(?:[Ii]n|[Ss]ince|[Ff]rom|[Aa]s\s+of|[Bb]y|[Dd]uring)\s+((?:19|20)\d{2})\b(?!\s*[-–/]\s*\d)"
)


def sentence_when(sentence: str, published: date | None = None) -> date | str | None:
    """The date a sentence gives its event, to the precision it states.

    A day ("on 9 April", "1 August, 2017") is a :class:`date`; a month ("In April 2018", "the June 2008
    Declaration") is ``"YYYY-MM"``; a year ("in 2016", "since 1959") is ``"YYYY"``.  A span of years
    ("in 2024-2025") dates nothing.  A day without a year needs ``published`` to take its year from.
    """
    text = sentence.translate(_Q)
    m = _DAY_MONTH.search(text)
    if m is not None and (published is not None or m.group(3) or m.group(6)):
        return sentence_date(text, published or date(int(m.group(3) or m.group(6)), 12, 31))
    if m is None and published is not None and re.search(r"\byesterday\b", text, re.I):
        return sentence_date(text, published)
    m2 = _MONTH_YEAR.search(text)
    if m2 is not None:
        return f"{m2.group(2)}-{_MONTH_NUMBER[m2.group(1).lower()[:3]]:02d}"
    m3 = _YEAR_ONLY.search(text)
    return m3.group(1) if m3 else None


_ISSUE = re.compile(
    rf"\b(?:Newsletter|Bulletin|Magazine)\b.*?(?:\b((?:19|20)\d{{2}})\s+({_MONTHS})\b|\b({_MONTHS})\s+((?:19|20)\d{{2}})\b)",
    re.I,
)


def issue_month(title: str) -> str | None:
    """'ILO Budapest Newsletter 2023 March' -> '2023-03': a page that is one issue of a periodical."""
    m = _ISSUE.search(title)
    if m is None:
        return None
    year, month = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    return f"{year}-{_MONTH_NUMBER[month.lower()[:3]]:02d}"


_ESTABLISHED = re.compile(
    r"(?:^|\b(?:was|were|has\s+been|had\s+been)\s+)(?:[Cc]reated|[Ff]ounded|[Ee]stablished|[Ss]et\s+up)\s+in\s+"
    r"(?:(?:" + _MONTHS + r")\s+)?(?:19|20)\d{2}\b"
)


def establishment_sentence(sentence: str) -> bool:
    """'Created in 1919, the ILO ...', 'The Office was established in May 2003': a body starts its work."""
    m = _ESTABLISHED.search(sentence.translate(_Q))
    return m is not None and asserted(sentence, m.start())


# --- dated occurrences: adoptions, accessions, appointments, closures ---------------------------

_OCCURRENCES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("Adoption", re.compile(r"\badopted\b|\badoption\s+of\b", re.I)),
    (
        "Accession",
        re.compile(
            r"\bbecame\s+(?:[\w-]+\s+){0,2}(?:[Mm]embers?|[Mm]ember\s+[Ss]tates?)\b|\bjoined\s+by\b"
            r"|\b(?:is|are|has\s+been|have\s+been)\s+(?:a\s+)?(?:[Mm]ember(?:\s+[Ss]tate)?|part)\s+of\b(?=[^.;]{0,60}\bsince\b)",
        ),
    ),
    (
        "Appointment",
        re.compile(
            r"\b(?:was|were|has\s+been|have\s+been)\s+(?:appointed|elected|named)\b|\bhas\s+elected\b", re.I
        ),
    ),
    ("Closure", re.compile(r"\b(?:closed|ended|came\s+to\s+an\s+end)\b(?=\s+(?:in|on)\b)", re.I)),
    (
        "Survey",
        re.compile(r"\b(?:conducted|carried\s+out)\s+(?:a|an|the|its)\s+(?:[\w-]+\s+){0,3}survey\b", re.I),
    ),
    (
        "Observance",
        re.compile(r"\b(?:is|was|were)\s+(?:celebrated|observed|marked)\b(?=\s+(?:on|in)\b)", re.I),
    ),
)
_SEGMENT_END = re.compile(r",\s+(?:who|which|that)\b|;")


def dated_occurrences(sentence: str, published: date | None = None) -> list[tuple[str, date | str]]:
    """Adoptions, accessions, appointments and closures a sentence states as done, each with its date.

    "In May 2004, ten countries became EU Members, joined by Bulgaria and Romania in January 2007" holds two
    accessions: each takes the date after its own words (up to the next one, or a "who"/"which" clause that
    says something else), else the date before them.  An occurrence without a stated date, or in a clause
    of a call, a plan or a denial, is left out.
    """
    text = sentence.translate(_Q)
    hits = sorted(
        ((m.start(), m.end(), kind) for kind, rx in _OCCURRENCES for m in rx.finditer(text)),
        key=lambda h: h[0],
    )
    out: list[tuple[str, date | str]] = []
    for i, (start, end, kind) in enumerate(hits):
        if not asserted(text, start):
            continue
        stop = hits[i + 1][0] if i + 1 < len(hits) else len(text)
        after = text[start:stop]
        cut = _SEGMENT_END.search(after, end - start)
        after = after[: cut.start()] if cut else after
        before = text[hits[i - 1][1] if i else 0 : start]
        when = sentence_when(after, published) or sentence_when(before, published)
        if when is not None:
            out.append((kind, when))
    return out


_LAST = re.compile(
    r"\b(?:(?P<last>last|previous|past)\s+(?P<unit>month|year)|earlier\s+this\s+(?P<this>month|year))\b", re.I
)


def relative_when(sentence: str, published: date) -> str | None:
    """'opened last month' in a February 2014 item -> '2014-01'; 'last year' -> the year before; 'earlier this
    month' -> the item's month.  A week, or no such phrase, dates nothing."""
    m = _LAST.search(sentence)
    if m is None:
        return None
    if m.group("this"):
        return published.isoformat()[:7] if m.group("this").lower() == "month" else str(published.year)
    if m.group("unit").lower() == "year":
        return str(published.year - 1)
    year, month = (published.year, published.month - 1) if published.month > 1 else (published.year - 1, 12)
    return f"{year}-{month:02d}"


def relative_mentions(summary: str) -> list[EventMention]:
    """Events a summary dates only relatively ("opened last month"), one per sentence and kind: read as
    :func:`event_mentions` reads a sentence, without the relative phrase."""
    out = []
    for sent in sentences(summary):
        if _LAST.search(sent):
            for e in event_mentions("", _VAGUE_TIME.sub("", sent)):
                out.append(EventMention(e.kind, sent))
    return out


_TAKES_OR_LEAVES = re.compile(
    r"\b(?:has|have)\s+(?:just\s+)?(?:been\s+)?(?:elected|appointed|named)\b|\b(?:retires|steps\s+down)\b",
    re.I,
)


def reported_appointment(sentence: str) -> bool:
    """'The Governing Body has elected X', 'X retires': a post taken or left as its item reports it.

    The perfect or present tense tells that it happens as the item is written; a bare headline participle
    ("X appointed Director") may report an appointment of another day, and states none here.
    """
    text = sentence.translate(_Q)
    return any(asserted(text, m.start()) for m in _TAKES_OR_LEAVES.finditer(text))
