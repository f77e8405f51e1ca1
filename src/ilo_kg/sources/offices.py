"""Office pages: the regional "About us" page and an office's home page.

Statements are read sentence by sentence from the page's paragraphs, by
sentence pattern: coverage ("Under the responsibility of X are the following
countries: ...", "The Office coordinates ILO activities in ten countries: ..."),
its "also covers" addition, the office network (liaison office, network of
offices, the fallback office for "all other countries"), national
coordinators, and the office's identity (name, former name, renaming, city,
"since" year, number of countries).  Matching runs on quote-straightened text;
values are sliced from the text as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ilo_kg.records import (
    CoordinatorStatement,
    CoverageStatement,
    OfficeIdentity,
    OfficeNetworkStatement,
    Paragraph,
)
from ilo_kg.sources.common import _MONTH, norm_quotes, parse_count, split_list, split_top, strip_qualifier

_CITY = r"[A-Z][\w'-]+(?: [A-Z][\w'-]+)?"
_UNDER = re.compile(
    r"^Under the responsibility of (?:the )?(?P<office>.+?) (?:is|are) the following "
    r"(?P<what>[^:]*?):\s*(?P<list>.+)$"
)
_RESP = re.compile(
    r"^(?P<office>.+?)\s+(?:coordinates|covers|oversees|supports|is responsible for)\b(?P<mid>[^:]*?)"
    r"\bcountr(?:y|ies)\b[^:–—]*(?::|\s[–—]\s)\s*(?P<list>.+)$"
)
_UNDER_INCLUDING = re.compile(
    r"^Under the (?:direct )?responsibility of (?:the )?(?P<office>.+?) (?:is|are) (?:the )?[^()]*?"
    r"\(?\b(?:including|in particular)\s+(?P<list>[^()]+?)\)?$"
)
_SERVES = re.compile(
    r"^(?P<office>.+?)\s+serves\s+(?P<n>\d+|[a-z]+)\s+"
    r"(?:member\s+)?(?:States|countries)(?:\s+and\s+territories)?\b"
)
_LIST = re.compile(
    r"^(?:The|This)\s+(?:full\s+|complete\s+)?list\s+of\s+(?:the\s+)?(?:countries|States)"
    r"(?:\s+and\s+territories)?\s+(?:includes|comprises|is|are)\s*:?\s*(?P<list>.+)$"
)
_ALSO = re.compile(
    r"\balso (?:covers|(?:is )?responsible for(?: coordinating)?) (?:(?:ILO )?activities in |the work in )?"
    r"(?P<list>.+?)(?:\s+(?:as defined by|under|in line with|in accordance with)\b.*)?$"
)
_LIAISON = re.compile(
    rf"\ban? (?:ILO )?Office in (?P<city>{_CITY}) (?:ensuring|responsible for|in charge of|for) "
    r"(?:the )?liaison with (?P<with>.+?)(?:,\s*as well as\b|;|$)"
)
# "an Office in Brussels for the European Union and the Benelux countries and a network of Offices in ..."
_OFFICE_FOR = re.compile(
    rf"\ban? (?:ILO )?Office in (?P<city>{_CITY}) for (?P<with>(?:the )?[A-Z].+?)"
    r"(?:\s+and\s+an?\s+(?:network|number)\s+of\b|,\s*as well as\b|;|$)"
)
_NETWORK = re.compile(r"\bnetwork of (?:ILO )?(?:country )?Offices in (?P<list>.+)$")
_FALLBACK = re.compile(
    r"\bAll (?:other|remaining) (?:member )?(?:countries|States)\b.*? (?:are|is) "
    rf"(?:serviced|served|covered|supported)(?: directly)? by (?:the )?(?P<office>.+?)"
    rf"(?: (?:in|based in|at) (?P<city>{_CITY}))?$"
)
_COORD = re.compile(
    r"National Coordinators?\b.*?(?:\bcurrently (?:in|for)|\b(?:in|for) (?=[A-Z]))\s*(?P<list>[A-Z].+)$"
)
_IDENT = re.compile(
    r"^(?P<subject>.+?)(?:\s+also)?\s+"
    r"(?P<verb>has (?:worked|been (?:working|operating|based|present))|covers|coordinates|"
    r"is (?:based|located)|was (?:established|opened|set up|created))\b(?P<rest>.*)$"
)
_FORMER = re.compile(r"\bformerly(?: (?:called|known as|named))?\s+(?:the )?(?P<old>[^;,()]+)")
_RENAMED = re.compile(
    r"\b(?:new name (?:was )?(?:designated|adopted|given|introduced)|renamed|name changed)"
    rf"(?: (?:in|on|since))?\s*(?P<when>(?:\d{{1,2}} )?(?:{_MONTH} )?\d{{4}})",
    re.IGNORECASE,
)
_BASED = re.compile(rf"\b(?:based|located)(?: at [^,()]*?)? in (?P<city>{_CITY})")
_WORKED = re.compile(rf"\b(?:worked|been (?:working|operating|based|present)) in (?P<city>{_CITY})")
_SINCE = re.compile(r"\bsince (?P<year>\d{4})\b")
_COUNT = re.compile(r"\b(?P<n>\d+|[a-z]+) (?:member )?countries\b")
_IN_CITY = re.compile(rf"\b(?:in|based in) (?P<city>{_CITY})\s*$")
_PRONOUNS = {"the office", "this office", "it", "the team", "the dwt/co", "the ilo office"}
_NOT_COUNTRY = re.compile(r"Institution|Union\b|Commission|Parliament|Council|Organi[sz]ation|Agenc", re.I)
_PAREN = re.compile(r"\s*\((?P<inner>[^()]*(?:\([^()]*\)[^()]*)*)\)")
# "serves 18 countries ... with a focus on A, B and C", "covers 18 countries ..., from A to B, from C to D"
_SERVES_NAMED = re.compile(
    r"^(?P<office>.+?)\s+(?:serves|covers)\s+(?:\d+|[a-z]+)\s+(?:member\s+)?(?:States|countries)\b(?P<rest>.*)$"
)
_FOCUS = re.compile(r"\bwith\s+(?:a|its)\s+(?:special\s+|particular\s+)?focus\s+on\s+(?P<list>.+)$")
_PLACE = r"(?:the\s+)?[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*"
_RANGE = re.compile(rf"\bfrom\s+(?P<a>{_PLACE})\s+to\s+(?P<b>{_PLACE})")
# "In Belgium, the ILO is represented by the ILO Office in Brussels"
_REPRESENTED = re.compile(
    r"^In\s+(?P<list>[A-Z][^,]+?),\s+the\s+(?:ILO|International\s+Labour\s+Organi[sz]ation)\s+is\s+represented\s+"
    r"by\s+(?P<office>.+)$"
)
# "<office> represents the ILO ... to the Benelux countries (Belgium, the Netherlands and Luxembourg)"
_REPRESENTS = re.compile(
    r"^(?P<office>.+?)\s+represents\s+(?:the\s+)?(?:ILO|International\s+Labour\s+Organi[sz]ation)\b[^()]*?"
    r"\b(?:to|in)\s+(?:the\s+)?(?P<group>[A-Z][\w-]*(?:\s+countries)?)\s+\((?P<list>[^()]+)\)"
)
# "The United Kingdom and Ireland are serviced by a Liaison officer located in the Regional Office ..."
_SERVICED = re.compile(
    r"^(?!All\b)(?P<list>(?:The\s+)?[A-Z][^,]*?)\s+(?:is|are)\s+(?:serviced|served|covered)(?:\s+directly)?\s+by\s+"
    r"(?:(?:an?|the)\s+[\w\s-]*?\b(?:officer|official|staff|team)\s+(?:located|based)\s+(?:in|at)\s+)?"
    r"(?:the\s+)?(?P<office>[A-Z].*?Office\b.*)$"
)


def sentences(text: str) -> list[str]:
    """Split at '. ' (or ! ?) before a capital or quote, never inside parentheses."""
    out: list[str] = []
    depth, start = 0, 0
    for i, c in enumerate(text):
        if c == "(":
            depth += 1
        elif c == ")":
            depth = max(0, depth - 1)
        elif c in ".!?" and depth == 0 and re.match(r"\s+[A-Z\"'“‘]", text[i + 1 : i + 3]):
            out.append(text[start : i + 1].strip())
            start = i + 1
    tail = text[start:].strip()
    if tail:
        out.append(tail)
    return out


def _names(text: str) -> tuple[str, ...]:
    parts = split_list(strip_qualifier(text.rstrip(".")))
    return tuple(n for n in (strip_qualifier(p) for p in parts) if n)


def _the(text: str) -> str:
    return re.sub(r"^(?:the|The)\s+", "", text.strip().rstrip(",").strip())


def _city_of(mention: str) -> str | None:
    m = _IN_CITY.search(mention)
    return m.group("city") if m else None


@dataclass
class OfficeFacts:
    coverage: list[CoverageStatement] = field(default_factory=list)
    network: list[OfficeNetworkStatement] = field(default_factory=list)
    coordinators: list[CoordinatorStatement] = field(default_factory=list)
    identity: list[OfficeIdentity] = field(default_factory=list)

    def resolve(self, mention: str, title: str) -> tuple[str, str | None]:
        """An office mention as (name, city); 'The Office' -> the page's own office."""
        if mention.lower() in _PRONOUNS:
            if self.identity:
                return self.identity[-1].name, self.identity[-1].city
            return title, _city_of(title)
        name = _the(mention)
        for ident in self.identity:
            if name == ident.name or name in ident.former_names:
                return name, _city_of(mention) or ident.city
        return name, _city_of(mention)


def _identity(facts: OfficeFacts, sent: str, raw: str, line: int, title: str) -> None:
    m = _IDENT.match(sent)
    if not m:
        return
    subject = m.group("subject")
    if not (re.search(r"\b(?:Office|Team)\b", subject) or subject.lower() in _PRONOUNS):
        return
    whole = sent
    count_m = _COUNT.search(m.group("rest"))
    count = parse_count(count_m.group("n")) if count_m else None
    since_m = _SINCE.search(whole)
    city_m = _WORKED.search(whole) or _BASED.search(whole)
    city = city_m.group("city") if city_m else None
    if subject.lower() in _PRONOUNS:
        if not facts.identity:
            facts.identity.append(OfficeIdentity(title, line))
        last = facts.identity[-1]
        facts.identity[-1] = replace(
            last,
            country_count=last.country_count if count is None else count,
            since_year=last.since_year or (int(since_m.group("year")) if since_m else None),
            city=last.city or city,
        )
        return
    raw_subject = raw[: m.end("subject")]
    formers = tuple(_the(f.group("old")) for f in _FORMER.finditer(raw_subject))
    renamed = _RENAMED.search(raw_subject)
    name = _PAREN.sub("", raw_subject)
    name = _the(split_top(name, ", ")[0])
    facts.identity.append(
        OfficeIdentity(
            name=name,
            line=line,
            former_names=formers,
            renamed=renamed.group("when") if renamed else None,
            city=city,
            since_year=int(since_m.group("year")) if since_m else None,
            country_count=count,
        )
    )


def _coverage(facts: OfficeFacts, sent: str, raw: str, line: int, title: str) -> None:
    m = _UNDER.match(sent) or _RESP.match(sent) or _UNDER_INCLUDING.match(sent)
    if m:
        mention = raw[m.start("office") : m.end("office")]
        office, city = facts.resolve(mention, title)
        mid = m.groupdict().get("mid") or ""
        n = re.search(r"(\w+)\s*$", mid)
        count = parse_count(n.group(1)) if n else None
        end = m.end("list") if m.re is _UNDER_INCLUDING else len(raw)
        countries = _names(raw[m.start("list") : end])
        facts.coverage.append(CoverageStatement(office, city, countries, line, stated_count=count))
        return
    serves = _SERVES.match(sent)
    if serves:
        mention = split_top(raw[serves.start("office") : serves.end("office")], ", ")[0]
        office, city = facts.resolve(mention, title)
        city = city or (_BASED.search(sent).group("city") if _BASED.search(sent) else None)  # type: ignore[union-attr]
        count = parse_count(serves.group("n"))
        facts.coverage.append(CoverageStatement(office, city, (), line, stated_count=count))
        return
    listed = _LIST.match(sent)
    if listed and facts.coverage and not facts.coverage[-1].countries:
        last = facts.coverage[-1]
        facts.coverage[-1] = replace(last, countries=_names(raw[listed.start("list") :]))
        return
    also = _ALSO.search(sent)
    if also and facts.coverage:
        extra = _names(raw[also.start("list") :])
        last = facts.coverage[-1]
        facts.coverage[-1] = replace(last, also=last.also + extra)


def _is_country_name(name: str) -> bool:
    """A name of a country in ISO 3166 (any of its names), by the maintained library."""
    import pycountry

    try:
        pycountry.countries.lookup(re.sub(r"^the\s+", "", name, flags=re.I))
    except LookupError:
        return False
    return True


def _named_coverage(facts: OfficeFacts, sent: str, raw: str, line: int, title: str) -> None:
    """Coverage stated otherwise than as a list: "serves 18 countries ... with a focus on A and B", the
    ends of a range ("from the Czech Republic to Ukraine"), "In X, the ILO is represented by <office>",
    "<office> represents the ILO ... to the Benelux countries (A, B and C)", "A and B are serviced by
    ... the <office>".  Only the countries named are taken; a count is read by the other patterns."""
    m = _SERVES_NAMED.match(sent)
    if m:
        rest = m.group("rest")
        names: list[str] = []
        focus = _FOCUS.search(rest)
        if focus:
            names += _names(focus.group("list"))
        for r in _RANGE.finditer(rest):
            names += [_the(r.group("a")), _the(r.group("b"))]
        names = [n for n in names if _is_country_name(n)]  # "from Lisbon to Vladivostok" names cities
        if names:
            mention = split_top(m.group("office"), ", ")[0]
            office, city = facts.resolve(mention, title)
            last = facts.coverage[-1] if facts.coverage else None
            if last is not None and last.line == line and last.office == office:  # the "serves N" statement
                facts.coverage[-1] = replace(last, in_passing=last.in_passing + tuple(names))
            else:
                facts.coverage.append(CoverageStatement(office, city, (), line, in_passing=tuple(names)))
        return
    for rx in (_REPRESENTED, _REPRESENTS, _SERVICED):
        m = rx.match(sent)
        if m:
            office, city = facts.resolve(m.group("office").strip(), title)
            facts.coverage.append(CoverageStatement(office, city, _names(m.group("list")), line))
            return


def _network(facts: OfficeFacts, sent: str, raw: str, line: int) -> None:
    liaison = _LIAISON.search(sent)
    if liaison:
        parts = [_the(p) for p in split_list(raw[liaison.start("with") : liaison.end("with")])]
        areas = tuple(p for p in parts if not _NOT_COUNTRY.search(p))
        bodies = tuple(p for p in parts if _NOT_COUNTRY.search(p))
        facts.network.append(
            OfficeNetworkStatement(liaison.group("city"), line, "liaison", areas, liaison=bodies)
        )
    office_for = None if liaison else _OFFICE_FOR.search(sent)
    if office_for:
        parts = [_the(p) for p in split_list(raw[office_for.start("with") : office_for.end("with")])]
        areas = tuple(p for p in parts if not _NOT_COUNTRY.search(p))
        bodies = tuple(p for p in parts if _NOT_COUNTRY.search(p))
        facts.network.append(
            OfficeNetworkStatement(office_for.group("city"), line, "liaison", areas, liaison=bodies)
        )
    network = _NETWORK.search(sent)
    if network:
        for part in split_list(raw[network.start("list") :].rstrip(".")):
            paren = _PAREN.search(part)
            city = _PAREN.sub("", part).strip()
            covers: tuple[str, ...] = ()
            if paren:
                inner = re.sub(r"^(?:also )?(?:covering|covers|for)\s+", "", paren.group("inner").strip())
                inner = re.split(r",\s+(?:which|who|that)\b", inner)[0]  # ", which has an Observer's status"
                inner = re.sub(r"\bthe relations with\s+", "", inner)  # "the relations with the Holy See"
                covers = _names(inner)
            facts.network.append(OfficeNetworkStatement(city, line, covers=covers))
    fallback = _FALLBACK.search(sent)
    if fallback:
        office = _the(fallback.group("office"))
        city = fallback.group("city") or _city_of(office) or office
        facts.network.append(OfficeNetworkStatement(city, line, fallback=True, office=office))


def _coordinators(facts: OfficeFacts, sent: str, raw: str, line: int) -> None:
    m = _COORD.search(sent)
    if m:
        facts.coordinators.append(CoordinatorStatement(_names(raw[m.start("list") :]), line))


def extract_statements(paragraphs: list[Paragraph], title: str, title_line: int = 1) -> OfficeFacts:
    facts = OfficeFacts()
    if re.search(r"[.:]\s|[.:]$", title):  # a page that opens with running text where a title would be
        for whole in sentences(title):
            raw = whole.rstrip(".!?: ")
            _named_coverage(facts, norm_quotes(raw), raw, title_line, title)
    for para in paragraphs:
        for whole in sentences(para.text):
            raw = whole.rstrip(".!? ")
            sent = norm_quotes(raw)
            _identity(facts, sent, raw, para.line, title)
            _coverage(facts, sent, raw, para.line, title)
            _named_coverage(facts, sent, raw, para.line, title)
            _network(facts, sent, raw, para.line)
            _coordinators(facts, sent, raw, para.line)
    return facts
