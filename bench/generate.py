"""A deterministic graph of this project's shape, at any size, for benchmarks and engine-equivalence tests.

The real ontology's classes and properties, the real IRI patterns (``{base}id/{kind}/{key}``, dated roles as
hash IRIs of their person), the real reference data (countries, conventions, SDG goals from
``data/reference/``), one named graph per source page plus the reference graph (and the ontology graph
in N-Quads, as the build publishes it).  Valid against ``shapes/`` by default; ``violations_per_shape=k``
breaks each top-level shape exactly ``k`` times (one result each, see :data:`MUTATIONS`; ``k`` up to 3:
there are six offices for two office shapes).

Run: ``.venv/bin/python bench/generate.py 100000 out.nq [--seed 1] [--violations 0]``.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import random
import re
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASE = "https://w3id.org/ilo-kg/"
ILO = "https://w3id.org/ilo-kg/ontology#"
SHAPES = "https://w3id.org/ilo-kg/shapes#"
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dct": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "ilo": ILO,
}
Triple = tuple[str, str]  # (predicate, object) as N-Triples terms
Mutation = Callable[[str, list[Triple]], tuple[str, list[Triple]]]


def iri(value: str) -> str:
    return f"<{value}>"


def t(curie: str) -> str:
    prefix, local = curie.split(":", 1)
    return f"<{NS[prefix]}{local}>"


def lit(text: str, lang: str | None = "en", dt: str | None = None) -> str:
    esc = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if dt:
        return f'"{esc}"^^{t(dt) if ":" in dt and not dt.startswith("http") else iri(dt)}'
    return f'"{esc}"@{lang}' if lang else f'"{esc}"'


def uid(kind: str, key: str) -> str:
    return f"{BASE}id/{kind}/{key}"


TYPE, LABEL, SOURCE, NAME = t("rdf:type"), t("skos:prefLabel"), t("dct:source"), t("schema:name")
WORDS = (
    "labour",
    "skills",
    "youth",
    "employment",
    "dialogue",
    "safety",
    "health",
    "migration",
    "gender",
    "inspection",
    "enterprise",
    "green",
    "jobs",
    "social",
    "protection",
    "rights",
    "standards",
    "wages",
    "digital",
    "recovery",
    "formalization",
    "cooperatives",
    "training",
    "justice",
    "platform",
)
THEMES = (
    "employment-creation",
    "skills",
    "labour-inspection",
    "labour-migration",
    "social-dialogue",
    "social-protection",
    "gender-equality",
    "child-labour",
    "forced-labour",
    "youth-employment",
    "occupational-safety-and-health",
    "enterprises",
    "international-labour-standards",
    "just-transition",
)
EVENT_KINDS = ("Training", "Meeting", "Statement", "Interview", "ProjectLaunch", "Agreement")
OFFICES = (  # key, class, city, parent
    ("regional-office-for-europe-and-central-asia", "RegionalOffice", "Geneva", None),
    (
        "dwt-co-budapest",
        "DecentWorkTeamCountryOffice",
        "Budapest",
        "regional-office-for-europe-and-central-asia",
    ),
    ("dwt-co-moscow", "DecentWorkTeamCountryOffice", "Moscow", "regional-office-for-europe-and-central-asia"),
    ("ilo-office-in-brussels", "LiaisonOffice", "Brussels", "regional-office-for-europe-and-central-asia"),
    ("ilo-office-in-ankara", "CountryOffice", "Ankara", "regional-office-for-europe-and-central-asia"),
    ("ilo-office-in-berlin", "CountryOffice", "Berlin", "regional-office-for-europe-and-central-asia"),
)


class Graphs:
    """Collects quads; applies the pending mutation a caller asked for with :meth:`want`."""

    def __init__(self, mutations: dict[str, list[Mutation]], per_shape: int) -> None:
        self.lines: list[str] = []
        self.count = 0
        self.pending = {shape: per_shape for shape in mutations}
        self.mutations = mutations
        self.injected: Counter[str] = Counter()

    def want(self, *shapes: str) -> str | None:
        """The first of ``shapes`` still owed a violation (reserved for the next entity), or None."""
        for shape in shapes:
            if self.pending.get(shape):
                self.pending[shape] -= 1
                return shape
        return None

    def add(self, graph: str, s: str, triples: list[Triple], shape: str | None = None) -> str:
        if shape is not None:
            fns = self.mutations[shape]
            s, triples = fns[self.injected[shape] % len(fns)](s, triples)
            self.injected[shape] += 1
        g = iri(graph)
        unique = list(dict.fromkeys(triples))
        self.lines.extend(f"{iri(s)} {p} {o} {g} .\n" for p, o in unique)
        self.count += len(unique)
        return s


# ------------------------------------------------------------------ mutations: one result of one shape each
def _drop(pred: str) -> Mutation:
    return lambda s, ts: (s, [x for x in ts if x[0] != pred])


def _set(pred: str, obj: str) -> Mutation:
    return lambda s, ts: (s, [x for x in ts if x[0] != pred] + [(pred, obj)])


def _plus(pred: str, obj: str) -> Mutation:
    return lambda s, ts: (s, [*ts, (pred, obj)])


def _rename(old: str, new: str) -> Mutation:
    def rename(s: str, ts: list[Triple]) -> tuple[str, list[Triple]]:
        moved = s.replace(old, new)
        return moved, [(p, iri(moved) if o == iri(s) else o) for p, o in ts]

    return rename


UNIT_SHAPES = (
    "LabelledResourceShape",
    "OrganizationShape",
    "OrganizationIriShape",
    "ProjectShape",
    "ProjectIriShape",
    "FigureShape",
    "PersonShape",
    "PersonIriShape",
    "RoleShape",
    "RoleIriShape",
    "OrgRoleShape",
    "NewsItemShape",
    "NewsItemIriShape",
    "EventShape",
    "RatificationShape",
    "EventIriShape",
    "ProgrammeShape",
    "ProgrammeIriShape",
    "SourcePageShape",
    "SourcePageIriShape",
    "QuantityShape",
    "ClaimShape",
)
BAD_DATE = lit("2031-05", dt="xsd:gYearMonth")
# keyed "kind:shape"; the generator applies them to the first k entities of that kind
MUTATIONS: dict[str, list[Mutation]] = {
    "LabelledResourceShape": [_drop(LABEL), _set(LABEL, lit("x", "fr")), _drop(SOURCE)],
    "OfficeShape": [
        _drop(t("ilo:city")),
        _plus(t("ilo:renamedIn"), lit("2019", dt="xsd:gYear")),
        _set(t("ilo:partOf"), iri(uid("country", "ALB"))),
    ],
    "OfficeIriShape": [_rename("/office/", "/office/X_")],
    "CountryShape": [_drop(NAME), _set(t("owl:sameAs"), iri("http://example.org/not-wikidata"))],
    "MemberStateShape": [lambda s, ts: (s, [x for x in ts if "ISO3166Alpha2" in x[1] or "M49" not in x[1]])],
    "CountryIriShape": [_rename("/id/country/", "/id/territory/")],
    "OrganizationShape": [_drop(NAME), _plus(t("skos:notation"), lit("DAC-1", None))],
    "OrganizationIriShape": [_rename("/organization/", "/organization/Bad_")],
    "ProjectShape": [
        _set(t("schema:startDate"), lit("2030-01-01", dt="xsd:date")),
        _set(t("ilo:phase"), lit("0", dt="xsd:integer")),
        _plus(t("ilo:sdgGoal"), iri("http://metadata.un.org/sdg/18")),
        _set(t("ilo:fundedBy"), iri(uid("theme", "skills"))),
        _plus(t("schema:name"), lit("Second name")),
    ],
    "ProjectIriShape": [_rename("/project/", "/project/P_")],
    "FigureShape": [_set(t("ilo:peopleTrained"), lit("-5", dt="xsd:integer"))],
    "PersonShape": [_set(NAME, iri(uid("theme", "skills"))), _drop(NAME)],
    "PersonIriShape": [_rename("/person/", "/person/Dr_")],
    "RoleShape": [_drop(t("ilo:asOf")), _set(t("org:memberDuring"), iri(uid("theme", "skills")))],
    "RoleIriShape": [_rename("#role-", "#role~")],
    "OrgRoleShape": [_drop(LABEL)],
    "NewsItemShape": [
        _set(t("schema:datePublished"), lit("2021-02-30", dt="xsd:date")),
        _plus(t("ilo:mentions"), lit("somebody")),
        _drop(t("schema:headline")),
    ],
    "NewsItemIriShape": [_rename("/news/", "/news/N_")],
    "EventShape": [
        _plus(t("schema:startDate"), lit("2019-01-01", dt="xsd:date")),
        _set(t("ilo:inCountry"), iri(uid("theme", "skills"))),
    ],
    "RatificationShape": [_drop(t("ilo:convention"))],
    "EventIriShape": [_rename("/event/", "/event/E_")],
    "ConventionShape": [_drop(t("rdfs:seeAlso"))],
    "ConventionIriShape": [_rename("/convention/", "/convention/No")],
    "ThemeIriShape": [_rename("/theme/", "/theme/Scheme_")],
    "ConceptIriShape": [_rename("/sdg/", "/sdg/goal-")],
    "ProgrammeShape": [
        _set(t("ilo:periodStart"), lit("2030", dt="xsd:gYear")),
        _set(t("ilo:periodEnd"), BAD_DATE),
    ],
    "ProgrammeIriShape": [_rename("/programme/", "/programme/DWCP_")],
    "ThemeShape": [_drop(t("skos:inScheme"))],
    "SourcePageShape": [_set(t("ilo:pageKind"), lit("blog", None)), _set(t("ilo:sha256"), lit("abc", None))],
    "SourcePageIriShape": [_rename("/source/", "/source/S_")],
    "QuantityShape": [_drop(t("schema:value")), _set(t("schema:value"), lit("many"))],
    "ClaimShape": [_drop(t("ilo:claimSubject")), _set(t("ilo:statedOn"), BAD_DATE)],
}


def _read(name: str) -> list[dict[str, str]]:
    with (ROOT / "data" / "reference" / name).open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _ontology_lines(graph: str) -> Iterator[str]:
    from rdflib import Graph  # only here: the rest is plain text

    onto = Graph()
    for path in sorted((ROOT / "ontology").glob("*.ttl")):
        onto.parse(path, format="turtle")
    for line in sorted(onto.serialize(format="nt").splitlines()):
        if line.strip():
            yield line.rstrip(" .") + f" {iri(graph)} .\n"


class _Builder:
    def __init__(self, out: Graphs, rng: random.Random) -> None:
        self.out, self.rng = out, rng
        self.ref = BASE + "graph/reference"
        self.ref_src = uid("source", "reference-data")
        self.graph, self.src = self.ref, self.ref_src

    def entity(self, s: str, label: str, types: list[str], extra: list[Triple], *shapes: str) -> str:
        ts = [(TYPE, x) for x in types] + [(LABEL, lit(label)), (SOURCE, iri(self.src))] + extra
        return self.out.add(self.graph, s, ts, self.out.want(*shapes))

    def source(self, key: str, kind: str, title: str) -> str:
        s = uid("source", key)
        self.graph = self.ref if kind == "reference-data" else BASE + f"graph/source/{key}"
        self.src = s
        digest = hashlib.sha256(key.encode()).hexdigest()
        self.src = self.entity(
            s,
            title,
            [t("ilo:SourcePage")],
            [
                (t("ilo:pageKind"), lit(kind, None)),
                (t("ilo:sha256"), lit(digest, None)),
                (t("ilo:fileName"), lit(f"sources/{key}.txt", None)),
                (t("dct:title"), lit(title)),
            ],
            "SourcePageShape",
            "SourcePageIriShape",
        )
        return self.src

    def reference(self) -> None:
        self.source("reference-data", "reference-data", "Reference data")
        self.ilo = self.entity(
            uid("organization", "ilo"),
            "International Labour Organization",
            [t("ilo:InternationalLabourOrganization"), t("ilo:UNAgency")],
            [
                (NAME, lit("International Labour Organization")),
                (t("owl:sameAs"), iri("http://www.wikidata.org/entity/Q54129")),
                (t("skos:notation"), lit("XM-DAC-41302", dt=ILO + "IATIOrganisationIdentifier")),
            ],
        )
        self.countries = []
        for c in _read("countries.csv"):
            member = c.get("in_ilo_51", "yes") == "yes"
            ts = [
                (NAME, lit(c["name_en"])),
                (t("owl:sameAs"), iri(f"http://www.wikidata.org/entity/{c['wikidata_qid']}")),
                (t("skos:notation"), lit(c["iso_alpha2"], dt=ILO + "ISO3166Alpha2")),
                (t("skos:notation"), lit(c["iso_alpha3"], dt=ILO + "ISO3166Alpha3")),
                (
                    t("skos:exactMatch"),
                    iri(f"http://publications.europa.eu/resource/authority/country/{c['iso_alpha3']}"),
                ),
            ]
            if member:
                ts += [
                    (t("skos:notation"), lit(c["m49"], dt=ILO + "M49")),
                    (t("skos:exactMatch"), iri(c["unsd_geoarea_uri"])),
                ]
            shapes = ("CountryShape", "CountryIriShape") + (("MemberStateShape",) if member else ())
            self.countries.append(
                self.entity(
                    uid("country", c["iso_alpha3"]),
                    c["name_en"],
                    [t("ilo:MemberState" if member else "ilo:Territory")],
                    ts,
                    *shapes,
                )
            )
        self.offices = []
        for i, (key, cls, city, parent) in enumerate(OFFICES):
            covered = [iri(c) for j, c in enumerate(self.countries) if j % len(OFFICES) == i]
            up = self.offices[0] if parent else self.ilo
            self.offices.append(
                self.entity(
                    uid("office", key),
                    f"ILO Office {city}",
                    [t("ilo:Office"), t(f"ilo:{cls}")],
                    [(NAME, lit(f"ILO {city}")), (t("ilo:city"), lit(city, None)), (t("ilo:partOf"), iri(up))]
                    + [(t("ilo:covers"), c) for c in covered],
                    "OfficeShape",
                    "OfficeIriShape",
                )
            )
        self.conventions = [
            self.entity(
                uid("convention", re.sub(r"[^A-Z0-9]", "", c["code"])),
                c["title"],
                [t("ilo:Convention")],
                [
                    (NAME, lit(c["title"])),
                    (t("schema:legislationIdentifier"), lit(c["code"], None)),
                    (t("rdfs:seeAlso"), iri(c["normlex_text_url"])),
                ],
                "ConventionShape",
                "ConventionIriShape",
            )
            for c in _read("conventions.csv")
        ]
        scheme = self.entity(
            uid("theme", "ilo-thematic-areas"),
            "ILO thematic areas",
            [t("skos:ConceptScheme")],
            [],
            "ThemeIriShape",
        )
        for j in range(self.out.pending.get("ThemeIriShape", 0)):  # more schemes, only to break their IRIs
            self.entity(
                uid("theme", f"scheme-{j}"), f"Scheme {j}", [t("skos:ConceptScheme")], [], "ThemeIriShape"
            )
        self.themes = [
            self.entity(
                uid("theme", k),
                k.replace("-", " ").capitalize(),
                [t("ilo:Theme")],
                [(t("skos:inScheme"), iri(scheme))],
                "ThemeShape",
            )
            for k in THEMES
        ]
        for g in _read("sdgs.csv"):
            self.entity(
                g["uri"],
                f"Goal {g['goal']}: {g['short_title']}",
                [t("skos:Concept")],
                [(t("skos:notation"), lit(g["goal"], None))],
                "ConceptIriShape",
            )
        self.orgs = [self.ilo]

    def unit(self, i: int) -> None:
        rng, out = self.rng, self.out
        words = " ".join(rng.choice(WORDS) for _ in range(3))
        office = self.offices[1 + i % (len(self.offices) - 1)]
        country = iri(self.countries[i % len(self.countries)])
        theme = iri(self.themes[i % len(self.themes)])
        if i % 3 == 0:
            self.orgs.append(
                self.entity(
                    uid("organization", f"government-of-partner-{i}"),
                    f"Government partner {i}",
                    [t("ilo:Government")],
                    [(NAME, lit(f"Government partner {i}"))],
                    "OrganizationShape",
                    "OrganizationIriShape",
                    "LabelledResourceShape",
                )
            )
        funder = self.orgs[rng.randrange(len(self.orgs))]
        year = 2015 + i % 10
        start, end = f"{year}-{1 + i % 12:02d}-01", f"{year + 3}-{1 + i % 12:02d}-28"
        person = uid("person", f"specialist-{i}")
        figure = i % 4 == 0
        ts = [
            (NAME, lit(f"{words.title()} {i}")),
            (t("skos:altLabel"), lit(f"P{i}")),
            (t("schema:description"), lit(f"A project on {words}.")),
            (t("schema:startDate"), lit(start, dt="xsd:date")),
            (t("schema:endDate"), lit(end, dt="xsd:date")),
            (t("ilo:fundedBy"), iri(funder)),
            (t("ilo:implementedBy"), iri(self.ilo)),
            (t("ilo:country"), country),
            (t("ilo:theme"), theme),
            (t("ilo:sdgGoal"), iri(f"http://metadata.un.org/sdg/{1 + i % 17}")),
            (t("ilo:managedBy"), iri(office)),
            (t("ilo:staff"), iri(person)),
            (t("ilo:phase"), lit(str(1 + i % 2), dt="xsd:integer")),
            (t("ilo:line"), lit(str(i), dt="xsd:integer")),
        ]
        if figure:
            ts.append((t("ilo:peopleTrained"), lit(str(10 * i), dt="xsd:integer")))
        shapes = ("FigureShape",) if figure else ()
        project = self.entity(
            uid("project", f"{words.replace(' ', '-')}-{i}"),
            f"{words.title()} {i}",
            [t("ilo:Project")],
            ts,
            *shapes,
            "ProjectShape",
            "ProjectIriShape",
            "LabelledResourceShape",
        )
        person_ts = [
            (NAME, lit(f"Specialist {i}")),
            (t("schema:jobTitle"), lit("Specialist")),
            (t("ilo:worksAt"), iri(office)),
            (t("ilo:expertise"), theme),
        ]
        person = self.entity(person, f"Specialist {i}", [t("ilo:Person")], person_ts, "PersonShape")
        if out.pending.get("PersonIriShape"):  # a person without dated roles: its IRI can be broken alone
            self.entity(
                uid("person", f"visitor-{i}"), f"Visitor {i}", [t("ilo:Person")], person_ts, "PersonIriShape"
            )
        for k, date in enumerate((start, end)):
            title = self.entity(
                f"{person}#title-specialist-{k}", f"Specialist grade {k}", [t("org:Role")], [], "OrgRoleShape"
            )
            during, instant = f"{person}#during-{date}", f"{person}#instant-{date}"
            self.entity(
                f"{person}#role-{date}-specialist-{k}",
                f"Specialist {i} (as of {date})",
                [t("ilo:Role")],
                [
                    (t("org:member"), iri(person)),
                    (t("org:organization"), iri(office)),
                    (t("org:role"), iri(title)),
                    (t("ilo:asOf"), lit(date, dt="xsd:date")),
                    (t("org:memberDuring"), iri(during)),
                ],
                "RoleShape",
                "RoleIriShape",
            )
            out.add(
                self.graph,
                during,
                [(TYPE, t("time:Interval")), (t("time:inside"), iri(instant)), (SOURCE, iri(self.src))],
            )
            out.add(
                self.graph,
                instant,
                [(TYPE, t("time:Instant")), (t("time:inXSDDate"), lit(date, dt="xsd:date"))],
            )
        ratification = i % 5 == 0
        kind = "Ratification" if ratification else EVENT_KINDS[i % len(EVENT_KINDS)]
        ets = [
            (t("schema:startDate"), lit(start, dt="xsd:date")),
            (t("ilo:inCountry"), country),
            (NAME, lit(f"{kind} {i}")),
            (t("ilo:participant"), iri(person)),
        ]
        if ratification:
            ets += [
                (t("ilo:ratifyingCountry"), country),
                (t("ilo:convention"), iri(self.conventions[i % len(self.conventions)])),
                (t("ilo:ratificationRank"), lit(str(1 + i % 150), dt="xsd:integer")),
            ]
        else:
            ets.append((t("ilo:project"), iri(project)))
        shapes = ("RatificationShape",) if ratification else ()
        event = self.entity(
            uid("event", f"{start}-{kind.lower()}-{i}"),
            f"{kind} {i}",
            [t(f"ilo:{kind}")],
            ets,
            *shapes,
            "EventShape",
            "EventIriShape",
        )
        quantity = uid("news", f"{start}-{words.replace(' ', '-')}-{i}-0") + "#quantity-participants"
        for k in range(2):
            self.entity(
                uid("news", f"{start}-{words.replace(' ', '-')}-{i}-{k}"),
                f"News {i}.{k}: {words}",
                [t("ilo:NewsItem")],
                [
                    (t("schema:headline"), lit(f"News {i}.{k}: {words}")),
                    (t("schema:datePublished"), lit(start, dt="xsd:date")),
                    (t("schema:abstract"), lit(f"Story about {words} in country {i}.")),
                    (t("ilo:category"), lit("Story")),
                    (t("schema:creditText"), lit("© ILO", None)),
                    (t("ilo:about"), iri(project)),
                    (t("ilo:mentions"), country),
                    (t("ilo:mentions"), iri(person)),
                    (t("ilo:mentions"), iri(funder)),
                    (t("ilo:reports"), iri(event)),
                    (t("ilo:publishedBy"), iri(office)),
                    (t("ilo:line"), lit(str(k), dt="xsd:integer")),
                    *([(t("ilo:statesQuantity"), iri(quantity))] if k == 0 else []),
                ],
                "NewsItemShape",
                "NewsItemIriShape",
            )
        self.entity(
            quantity,
            f"{10 + i % 90} participants",
            [t("ilo:Quantity")],
            [
                (t("schema:value"), lit(str(10 + i % 90), dt="xsd:integer")),
                (t("schema:unitText"), lit("participants")),
                (t("schema:description"), lit(f"{10 + i % 90} participants took part.")),
            ],
            "QuantityShape",
        )
        self.entity(
            f"{person}#claim-jobtitle-{i}",
            f"jobTitle = Specialist (source {i})",
            [t("ilo:Claim")],
            [
                (t("ilo:claimSubject"), iri(person)),
                (t("ilo:claimProperty"), t("schema:jobTitle")),
                (t("ilo:claimValue"), lit("Specialist")),
                (t("ilo:statedOn"), lit(start, dt="xsd:date")),
            ],
            "ClaimShape",
        )
        if i % 10 == 0:
            self.entity(
                uid("programme", f"decent-work-country-programme-{i}"),
                f"DWCP {i}",
                [t("ilo:DecentWorkCountryProgramme")],
                [
                    (NAME, lit(f"DWCP {i}")),
                    (t("ilo:country"), country),
                    (t("ilo:periodStart"), lit(str(year), dt="xsd:gYear")),
                    (t("ilo:periodEnd"), lit(str(year + 4), dt="xsd:gYear")),
                ],
                "ProgrammeShape",
                "ProgrammeIriShape",
            )


def generate_lines(
    n_triples: int, *, seed: int, violations_per_shape: int = 0
) -> tuple[list[str], Counter[str]]:
    """The asserted quads (without the ontology graph) and how many violations were injected per shape."""
    out = Graphs(MUTATIONS, violations_per_shape)
    builder = _Builder(out, random.Random(seed))
    builder.reference()
    unit = 0
    while out.count < n_triples or unit < 3 or (unit < 2000 and any(out.pending[x] for x in UNIT_SHAPES)):
        if unit % 25 == 0:
            key = f"{unit // 25:03d}-{hashlib.md5(str(unit).encode()).hexdigest()[:16]}"
            builder.source(
                key,
                ("project-listing", "news-listing", "office-page")[unit // 25 % 3],
                f"Listing {unit // 25}",
            )
        builder.unit(unit)
        unit += 1
    return out.lines, out.injected


def generate(
    n_triples: int,
    *,
    seed: int,
    violations_per_shape: int = 0,
    path: Path | None = None,
    quads: bool = True,
    ontology: bool = True,
) -> Counter[str]:
    """Write the graph to ``path`` (N-Quads with named graphs, or N-Triples); returns violations per shape."""
    lines, injected = generate_lines(n_triples, seed=seed, violations_per_shape=violations_per_shape)
    if path is not None:
        with path.open("w", encoding="utf-8") as f:
            if quads:
                f.writelines(lines)
                if ontology:
                    f.writelines(_ontology_lines(BASE + "graph/ontology"))
            else:
                f.writelines(sorted({line.rsplit(" <", 1)[0] + " .\n" for line in lines}))
    return injected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("triples", type=int)
    parser.add_argument("output", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--violations", type=int, default=0, help="violations injected per shape")
    parser.add_argument("--ntriples", action="store_true", help="N-Triples (union) instead of N-Quads")
    args = parser.parse_args()
    injected = generate(
        args.triples,
        seed=args.seed,
        violations_per_shape=args.violations,
        path=args.output,
        quads=not args.ntriples,
    )
    print(f"wrote {args.output}; injected {sum(injected.values())} violations")


if __name__ == "__main__":
    main()
