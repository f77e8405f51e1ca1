"""SHACL shapes (shapes/ilo-kg-shapes.ttl): a valid fixture conforms, each broken variant does not.

Every invalid case starts from ``tests/fixtures/shapes/valid.ttl`` and breaks one thing in it (removes
values, adds triples, or renames a resource); the report must not conform and must hold a violation of
the expected constraint component, on the expected focus node, from the expected shape, whose message
names the problem.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from rdflib import RDF, BNode, Graph, URIRef

from ilo_kg.iris import DEFAULT_BASE_IRI, ILO, SH, Minter
from ilo_kg.mapping import map_reference
from ilo_kg.reference import load_reference
from ilo_kg.validate import ValidationReport, Violation, load_shapes, validate

ROOT = Path(__file__).resolve().parents[2]
SHAPES_DIR = ROOT / "shapes"
FIXTURES = ROOT / "tests" / "fixtures" / "shapes"
ID = DEFAULT_BASE_IRI + "id/"
ILOSH = "https://w3id.org/ilo-kg/shapes#"

KINDS = ("office", "country", "project", "organization", "person", "news", "event", "convention")
KINDS += ("programme", "theme", "source")
NAMESPACES = {
    "ilo": str(ILO),
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "org": "http://www.w3.org/ns/org#",
    "dcterms": "http://purl.org/dc/terms/",
    "time": "http://www.w3.org/2006/time#",
    "wd": "http://www.wikidata.org/entity/",
    "sdg": "http://metadata.un.org/sdg/",
    "role": ID + "person/jane-doe#",
    **{kind: f"{ID}{kind}/" for kind in KINDS},
}
TURTLE_PREFIXES = "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in NAMESPACES.items())

# Resources of the valid fixture.
HUN = "country:HUN"
XKX = "country:XKX"
BUDAPEST = "office:dwt-co-budapest"
REGIONAL = "office:regional-office-for-europe-and-central-asia"
ILO_ORG = "organization:ilo"
EU = "organization:european-union"
PROJECT = "project:youth-employment-in-hungary"
PROGRAMME = "programme:dwcp-hungary-2022-2025"
PERSON = "person:jane-doe"
ROLE = "role:role-2024-05-02"
TITLE = "role:title-senior-specialist-on-employment"
NEWS = "news:hungary-ratifies-c155"
RATIFICATION = "event:hungary-ratifies-c155"
TRAINING = "event:training-of-labour-inspectors"
C155 = "convention:C155"
THEME = "theme:youth-employment"
SCHEME = "theme:ilo-thematic-areas"
SOURCE = "source:news-budapest"


def expand(curie: str) -> str:
    if curie.startswith("http"):
        return curie
    prefix, local = curie.split(":", 1)
    return NAMESPACES[prefix] + local


@dataclass(frozen=True)
class Case:
    id: str
    shape: str  # local name of the node shape that must catch it
    focus: str  # CURIE of the focus node
    constraint: str  # constraint component, without "ConstraintComponent"
    words: tuple[str, ...]  # words the message must contain (case-insensitive)
    remove: tuple[tuple[str, str], ...] = ()  # (subject, predicate): all such triples are removed
    add: str = ""  # Turtle added (with the prefixes of NAMESPACES)
    rename: tuple[str, str] | None = None  # every occurrence of one IRI replaced by another

    def apply(self, valid: Graph) -> Graph:
        g = Graph()
        rename = {URIRef(expand(a)): URIRef(expand(b)) for a, b in [self.rename]} if self.rename else {}
        for s, p, o in valid:
            g.add((rename.get(s, s), p, rename.get(o, o)))  # type: ignore[arg-type]
        for subject, predicate in self.remove:
            g.remove((URIRef(expand(subject)), URIRef(expand(predicate)), None))
        if self.add:
            g.parse(data=TURTLE_PREFIXES + self.add, format="turtle")
        return g


def case(id: str, shape: str, focus: str, constraint: str, words: str, **kw: object) -> Case:
    return Case(id, shape, focus, constraint, tuple(words.split()), **kw)  # type: ignore[arg-type]


# fmt: off
CASES = [
    # ------------------------------------------------------------------ every resource: label and source
    case("no-label", "LabelledResourceShape", PROJECT, "MinCount", "preferred label",
         remove=((PROJECT, "skos:prefLabel"),)),
    case("two-labels", "LabelledResourceShape", HUN, "MaxCount", "exactly one preferred label",
         add=f'{HUN} skos:prefLabel "Magyarország"@en .'),
    case("label-no-language", "LabelledResourceShape", BUDAPEST, "Datatype", "preferred label english",
         remove=((BUDAPEST, "skos:prefLabel"),), add=f'{BUDAPEST} skos:prefLabel "DWT/CO Budapest" .'),
    case("label-french", "LabelledResourceShape", THEME, "LanguageIn", "preferred label english",
         remove=((THEME, "skos:prefLabel"),), add=f'{THEME} skos:prefLabel "Emploi des jeunes"@fr .'),
    case("sdg-copy-no-label", "LabelledResourceShape", "sdg:8", "MinCount", "preferred label",
         remove=(("sdg:8", "skos:prefLabel"),)),
    case("role-no-label", "LabelledResourceShape", ROLE, "MinCount", "preferred label",
         remove=((ROLE, "skos:prefLabel"),)),
    case("no-source", "LabelledResourceShape", PERSON, "MinCount", "source",
         remove=((PERSON, "dcterms:source"),)),
    case("source-not-a-source-page", "LabelledResourceShape", PERSON, "Class", "source page",
         remove=((PERSON, "dcterms:source"),), add=f"{PERSON} dcterms:source <https://www.ilo.org/> ."),
    case("source-literal", "LabelledResourceShape", C155, "NodeKind", "source iri",
         remove=((C155, "dcterms:source"),), add=f'{C155} dcterms:source "offices.yaml" .'),
    # ------------------------------------------------------------------ offices
    case("office-no-name", "OfficeShape", BUDAPEST, "MinCount", "office name",
         remove=((BUDAPEST, "schema:name"),)),
    case("office-name-no-language", "OfficeShape", BUDAPEST, "Datatype", "office name english",
         add=f'{BUDAPEST} schema:name "DWT/CO Budapest" .'),
    case("office-no-city", "OfficeShape", REGIONAL, "MinCount", "office exactly one city",
         remove=((REGIONAL, "ilo:city"),)),
    case("office-two-cities", "OfficeShape", BUDAPEST, "MaxCount", "office exactly one city",
         add=f'{BUDAPEST} ilo:city "Vienna" .'),
    case("office-city-tagged", "OfficeShape", BUDAPEST, "Datatype", "city plain string",
         remove=((BUDAPEST, "ilo:city"),), add=f'{BUDAPEST} ilo:city "Budapest"@en .'),
    case("office-not-part-of", "OfficeShape", BUDAPEST, "MinCount", "part of",
         remove=((BUDAPEST, "ilo:partOf"),)),
    case("office-part-of-two", "OfficeShape", BUDAPEST, "MaxCount", "part of exactly one",
         add=f"{BUDAPEST} ilo:partOf {ILO_ORG} ."),
    case("office-part-of-country", "OfficeShape", REGIONAL, "Or", "part of ILO office",
         remove=((REGIONAL, "ilo:partOf"),), add=f"{REGIONAL} ilo:partOf {HUN} ."),
    case("office-part-of-other-org", "OfficeShape", REGIONAL, "Or", "part of ILO office",
         remove=((REGIONAL, "ilo:partOf"),), add=f"{REGIONAL} ilo:partOf {EU} ."),
    case("office-covers-organization", "OfficeShape", BUDAPEST, "Class", "cover countries",
         add=f"{BUDAPEST} ilo:covers {EU} ."),
    case("office-former-name-untagged", "OfficeShape", BUDAPEST, "Datatype", "former name english",
         add=f'{BUDAPEST} ilo:formerName "ILO-CEET" .'),
    case("office-renamed-twice", "OfficeShape", BUDAPEST, "MaxCount", "at most one renaming",
         add=f'{BUDAPEST} ilo:renamedIn "2011-02"^^xsd:gYearMonth .'),
    case("office-renamed-year-only", "OfficeShape", BUDAPEST, "Datatype", "renaming year and month",
         remove=((BUDAPEST, "ilo:renamedIn"),), add=f'{BUDAPEST} ilo:renamedIn "2010"^^xsd:gYear .'),
    case("office-in-city-since-twice", "OfficeShape", BUDAPEST, "MaxCount", "at most one year",
         add=f'{BUDAPEST} ilo:inCitySince "1994"^^xsd:gYear .'),
    case("office-in-city-since-date", "OfficeShape", BUDAPEST, "Datatype", "year",
         remove=((BUDAPEST, "ilo:inCitySince"),), add=f'{BUDAPEST} ilo:inCitySince "1993-01-01"^^xsd:date .'),
    case("office-coordinator-in-org", "OfficeShape", BUDAPEST, "Class", "national coordinator country",
         add=f"{BUDAPEST} ilo:nationalCoordinatorIn {EU} ."),
    case("office-country-count-text", "OfficeShape", BUDAPEST, "Datatype", "country count whole number",
         remove=((BUDAPEST, "ilo:countryCount"),), add=f'{BUDAPEST} ilo:countryCount "ten" .'),
    case("office-iri", "OfficeIriShape", "office:DWT_CO_Budapest", "Pattern", "office's iri",
         rename=(BUDAPEST, "office:DWT_CO_Budapest")),
    case("office-iri-of-organization", "OfficeIriShape", "organization:dwt-co-budapest", "Pattern",
         "office's iri", rename=(BUDAPEST, "organization:dwt-co-budapest")),
    # ------------------------------------------------------------------ countries
    case("country-no-name", "CountryShape", HUN, "MinCount", "country exactly one name",
         remove=((HUN, "schema:name"),)),
    case("country-two-names", "CountryShape", HUN, "MaxCount", "country exactly one name",
         add=f'{HUN} schema:name "Magyarország"@en .'),
    case("country-name-no-language", "CountryShape", XKX, "Datatype", "country's name english",
         remove=((XKX, "schema:name"),), add=f'{XKX} schema:name "Kosovo" .'),
    case("country-no-alpha2", "CountryShape", HUN, "QualifiedMinCount", "exactly one alpha-2",
         remove=((HUN, "skos:notation"),),
         add=f'{HUN} skos:notation "HUN"^^ilo:ISO3166Alpha3 , "348"^^ilo:M49 .'),
    case("country-alpha2-untyped", "CountryShape", XKX, "QualifiedMinCount", "exactly one alpha-2",
         remove=((XKX, "skos:notation"),), add=f'{XKX} skos:notation "XK" , "XKX"^^ilo:ISO3166Alpha3 .'),
    case("country-two-alpha3", "CountryShape", HUN, "QualifiedMaxCount", "exactly one alpha-3",
         add=f'{HUN} skos:notation "HUX"^^ilo:ISO3166Alpha3 .'),
    case("country-two-m49", "CountryShape", HUN, "QualifiedMaxCount", "at most one m49",
         add=f'{HUN} skos:notation "349"^^ilo:M49 .'),
    case("country-alpha2-lowercase", "CountryShape", HUN, "SPARQL", "alpha-2 two capital letters",
         remove=((HUN, "skos:notation"),),
         add=f'{HUN} skos:notation "hu"^^ilo:ISO3166Alpha2 , "HUN"^^ilo:ISO3166Alpha3 , "348"^^ilo:M49 .'),
    case("country-alpha3-digits", "CountryShape", XKX, "SPARQL", "alpha-3 three capital letters",
         remove=((XKX, "skos:notation"),),
         add=f'{XKX} skos:notation "XK"^^ilo:ISO3166Alpha2 , "383"^^ilo:ISO3166Alpha3 .'),
    case("country-m49-two-digits", "CountryShape", HUN, "SPARQL", "m49 three digits",
         remove=((HUN, "skos:notation"),),
         add=f'{HUN} skos:notation "HU"^^ilo:ISO3166Alpha2 , "HUN"^^ilo:ISO3166Alpha3 , "48"^^ilo:M49 .'),
    case("country-key-not-alpha3", "CountryShape", "country:HUX", "SPARQL", "iri key alpha-3",
         rename=(HUN, "country:HUX")),
    case("country-no-wikidata", "CountryShape", HUN, "MinCount", "exactly one sameAs wikidata",
         remove=((HUN, "owl:sameAs"),)),
    case("country-two-wikidata", "CountryShape", HUN, "MaxCount", "exactly one sameAs wikidata",
         add=f"{HUN} owl:sameAs wd:Q29 ."),
    case("country-same-as-dbpedia", "CountryShape", HUN, "Pattern", "wikidata entity iri",
         remove=((HUN, "owl:sameAs"),), add=f"{HUN} owl:sameAs <http://dbpedia.org/resource/Hungary> ."),
    case("country-no-eu-authority", "CountryShape", XKX, "QualifiedMinCount", "eu country authority",
         remove=((XKX, "skos:exactMatch"),)),
    case("country-eu-authority-lowercase", "CountryShape", XKX, "QualifiedMinCount", "eu country authority",
         remove=((XKX, "skos:exactMatch"),),
         add=f"{XKX} skos:exactMatch <http://publications.europa.eu/resource/authority/country/xkx> ."),
    case("country-not-covered", "CountryShape", XKX, "QualifiedMinCount", "covered at least one office",
         remove=((BUDAPEST, "ilo:covers"),), add=f"{BUDAPEST} ilo:covers {HUN} ."),
    case("member-state-no-m49", "MemberStateShape", HUN, "QualifiedMinCount", "member state m49",
         remove=((HUN, "skos:notation"),),
         add=f'{HUN} skos:notation "HU"^^ilo:ISO3166Alpha2 , "HUN"^^ilo:ISO3166Alpha3 .'),
    case("member-state-no-geoarea", "MemberStateShape", HUN, "QualifiedMinCount", "member state geoarea",
         remove=((HUN, "skos:exactMatch"),),
         add=f"{HUN} skos:exactMatch <http://publications.europa.eu/resource/authority/country/HUN> ."),
    case("country-iri-lowercase", "CountryIriShape", "country:hun", "Pattern", "country's iri alpha-3",
         rename=(HUN, "country:hun")),
    # ------------------------------------------------------------------ organizations
    case("organization-no-name", "OrganizationShape", EU, "MinCount", "organization name",
         remove=((EU, "schema:name"),)),
    case("organization-name-untagged", "OrganizationShape", EU, "Datatype", "organization's name language-tagged",
         remove=((EU, "schema:name"),), add=f'{EU} schema:name "European Union" .'),
    case("organization-two-wikidata", "OrganizationShape", ILO_ORG, "MaxCount", "at most one sameAs",
         add=f"{ILO_ORG} owl:sameAs wd:Q1 ."),
    case("organization-same-as-not-wikidata", "OrganizationShape", EU, "Pattern", "wikidata entity iri",
         add=f"{EU} owl:sameAs <https://www.wikidata.org/wiki/Q458> ."),
    case("organization-iati-untyped", "OrganizationShape", ILO_ORG, "Datatype", "IATI identifier",
         remove=((ILO_ORG, "skos:notation"),), add=f'{ILO_ORG} skos:notation "XM-DAC-41302" .'),
    case("organization-iri", "OrganizationIriShape", "organization:European_Union", "Or",
         "organization's iri", rename=(EU, "organization:European_Union")),
    case("organization-iri-of-office", "OrganizationIriShape", "office:european-union", "Or",
         "organization's iri", rename=(EU, "office:european-union")),
    # ------------------------------------------------------------------ projects
    case("project-start-after-end", "ProjectShape", PROJECT, "LessThanOrEquals",
         "start date must not be after its end date",
         remove=((PROJECT, "schema:endDate"),), add=f'{PROJECT} schema:endDate "2021-12-31"^^xsd:date .'),
    case("project-no-name", "ProjectShape", PROJECT, "MinCount", "project exactly one name",
         remove=((PROJECT, "schema:name"),)),
    case("project-two-names", "ProjectShape", PROJECT, "MaxCount", "project exactly one name",
         add=f'{PROJECT} schema:name "YEH"@en .'),
    case("project-name-untagged", "ProjectShape", PROJECT, "Datatype", "project's name english",
         remove=((PROJECT, "schema:name"),), add=f'{PROJECT} schema:name "Youth employment in Hungary" .'),
    case("project-two-descriptions", "ProjectShape", PROJECT, "MaxCount", "at most one description",
         add=f'{PROJECT} schema:description "Another one."@en .'),
    case("project-description-german", "ProjectShape", PROJECT, "LanguageIn", "description english",
         remove=((PROJECT, "schema:description"),), add=f'{PROJECT} schema:description "Ein Projekt."@de .'),
    case("project-two-start-dates", "ProjectShape", PROJECT, "MaxCount", "at most one start date",
         add=f'{PROJECT} schema:startDate "2022-02-01"^^xsd:date .'),
    case("project-start-date-year", "ProjectShape", PROJECT, "Datatype", "start date must be a date",
         remove=((PROJECT, "schema:startDate"),), add=f'{PROJECT} schema:startDate "2022"^^xsd:gYear .'),
    case("project-start-date-string", "ProjectShape", PROJECT, "Datatype", "start date must be a date",
         remove=((PROJECT, "schema:startDate"),), add=f'{PROJECT} schema:startDate "1 January 2022" .'),
    case("project-two-end-dates", "ProjectShape", PROJECT, "MaxCount", "at most one end date",
         add=f'{PROJECT} schema:endDate "2026-12-31"^^xsd:date .'),
    case("project-end-date-time", "ProjectShape", PROJECT, "Datatype", "end date must be a date",
         remove=((PROJECT, "schema:endDate"),),
         add=f'{PROJECT} schema:endDate "2025-12-31T00:00:00"^^xsd:dateTime .'),
    case("project-funded-by-country", "ProjectShape", PROJECT, "Class", "funder organization",
         add=f"{PROJECT} ilo:fundedBy {HUN} ."),
    case("project-partner-theme", "ProjectShape", PROJECT, "Class", "partner organization",
         add=f"{PROJECT} ilo:partner {THEME} ."),
    case("project-implemented-by-person", "ProjectShape", PROJECT, "Class", "implementing organization",
         add=f"{PROJECT} ilo:implementedBy {PERSON} ."),
    case("project-country-organization", "ProjectShape", PROJECT, "Class", "country",
         add=f"{PROJECT} ilo:country {EU} ."),
    case("project-theme-sdg", "ProjectShape", PROJECT, "Class", "theme",
         add=f"{PROJECT} ilo:theme sdg:8 ."),
    case("project-sdg-18", "ProjectShape", PROJECT, "Pattern", "SDG goal 1 to 17",
         add=f"{PROJECT} ilo:sdgGoal sdg:18 ."),
    case("project-sdg-target", "ProjectShape", PROJECT, "Pattern", "SDG goal",
         add=f"{PROJECT} ilo:sdgGoal <http://metadata.un.org/sdg/8.5> ."),
    case("project-sdg-literal", "ProjectShape", PROJECT, "NodeKind", "SDG goal",
         add=f'{PROJECT} ilo:sdgGoal "8" .'),
    case("project-two-phases", "ProjectShape", PROJECT, "MaxCount", "at most one phase",
         add=f"{PROJECT} ilo:phase 3 ."),
    case("project-phase-zero", "ProjectShape", PROJECT, "MinInclusive", "phase at least 1",
         remove=((PROJECT, "ilo:phase"),), add=f"{PROJECT} ilo:phase 0 ."),
    case("project-phase-text", "ProjectShape", PROJECT, "Datatype", "phase whole number",
         remove=((PROJECT, "ilo:phase"),), add=f'{PROJECT} ilo:phase "II" .'),
    case("project-staff-office", "ProjectShape", PROJECT, "Class", "staff person",
         add=f"{PROJECT} ilo:staff {BUDAPEST} ."),
    case("project-managed-by-ilo", "ProjectShape", PROJECT, "Class", "managed office",
         remove=((PROJECT, "ilo:managedBy"),), add=f"{PROJECT} ilo:managedBy {ILO_ORG} ."),
    case("project-iri", "ProjectIriShape", "project:Youth_Employment", "Pattern", "project's iri",
         rename=(PROJECT, "project:Youth_Employment")),
    case("project-iri-double-hyphen", "ProjectIriShape", "project:youth--employment", "Pattern",
         "project's iri", rename=(PROJECT, "project:youth--employment")),
    # ------------------------------------------------------------------ figures
    case("figure-negative", "FigureShape", PROJECT, "MinInclusive", "people trained 0 or more",
         remove=((PROJECT, "ilo:peopleTrained"),), add=f"{PROJECT} ilo:peopleTrained -5 ."),
    case("figure-text", "FigureShape", PROJECT, "Datatype", "jobs created whole number",
         remove=((PROJECT, "ilo:jobsCreated"),), add=f'{PROJECT} ilo:jobsCreated "many" .'),
    case("figure-decimal-on-event", "FigureShape", TRAINING, "Datatype", "participants whole number",
         remove=((TRAINING, "ilo:participantCount"),), add=f"{TRAINING} ilo:participantCount 35.5 ."),
    case("figure-on-news-item", "FigureShape", NEWS, "MinInclusive", "workers reached 0 or more",
         add=f"{NEWS} ilo:workersReached -1 ."),
    case("figure-country-count-negative", "FigureShape", BUDAPEST, "MinInclusive", "countries 0 or more",
         remove=((BUDAPEST, "ilo:countryCount"),), add=f"{BUDAPEST} ilo:countryCount -10 ."),
    # ------------------------------------------------------------------ people
    case("person-no-name", "PersonShape", PERSON, "MinCount", "person exactly one name",
         remove=((PERSON, "schema:name"),)),
    case("person-two-names", "PersonShape", PERSON, "MaxCount", "person exactly one name",
         add=f'{PERSON} schema:name "J. Doe" .'),
    case("person-name-iri", "PersonShape", PERSON, "NodeKind", "person's name text",
         remove=((PERSON, "schema:name"),), add=f"{PERSON} schema:name wd:Q1 ."),
    case("person-job-title-untagged", "PersonShape", PERSON, "Datatype", "job title language-tagged",
         add=f'{PERSON} schema:jobTitle "Specialist" .'),
    case("person-works-at-country", "PersonShape", PERSON, "Class", "work at office organization",
         add=f"{PERSON} ilo:worksAt {HUN} ."),
    case("person-expertise-sdg", "PersonShape", PERSON, "Class", "expertise theme",
         add=f"{PERSON} ilo:expertise sdg:8 ."),
    case("person-iri", "PersonIriShape", "person:Jane_Doe", "Pattern", "person's iri",
         rename=(PERSON, "person:Jane_Doe")),
    # ------------------------------------------------------------------ dated roles
    case("role-no-member", "RoleShape", ROLE, "MinCount", "exactly one member",
         remove=((ROLE, "org:member"),)),
    case("role-member-office", "RoleShape", ROLE, "Class", "member person",
         remove=((ROLE, "org:member"),), add=f"{ROLE} org:member {BUDAPEST} ."),
    case("role-no-organization", "RoleShape", ROLE, "MinCount", "exactly one organization",
         remove=((ROLE, "org:organization"),)),
    case("role-two-organizations", "RoleShape", ROLE, "MaxCount", "exactly one organization",
         add=f"{ROLE} org:organization {REGIONAL} ."),
    case("role-organization-country", "RoleShape", ROLE, "Class", "organization",
         remove=((ROLE, "org:organization"),), add=f"{ROLE} org:organization {HUN} ."),
    case("role-no-role", "RoleShape", ROLE, "MinCount", "exactly one role",
         remove=((ROLE, "org:role"),)),
    case("role-two-roles", "RoleShape", ROLE, "MaxCount", "exactly one role",
         add=f"{ROLE} org:role role:title-expert . "
             'role:title-expert a org:Role ; skos:prefLabel "Expert"@en .'),
    case("role-role-literal", "RoleShape", ROLE, "NodeKind", "iri org:Role",
         remove=((ROLE, "org:role"),), add=f'{ROLE} org:role "Senior Specialist" .'),
    case("role-role-untyped", "RoleShape", ROLE, "Class", "iri org:Role",
         remove=((ROLE, "org:role"),), add=f"{ROLE} org:role role:title-untyped ."),
    case("role-no-date", "RoleShape", ROLE, "MinCount", "exactly one date",
         remove=((ROLE, "ilo:asOf"),)),
    case("role-date-time", "RoleShape", ROLE, "Datatype", "date",
         remove=((ROLE, "ilo:asOf"),), add=f'{ROLE} ilo:asOf "2024-05-02T10:00:00"^^xsd:dateTime .'),
    case("role-no-interval", "RoleShape", ROLE, "MinCount", "exactly one time interval",
         remove=((ROLE, "org:memberDuring"),)),
    case("role-interval-untyped", "RoleShape", ROLE, "Class", "time interval",
         remove=((ROLE, "org:memberDuring"),), add=f"{ROLE} org:memberDuring role:untyped-interval ."),
    case("role-iri-of-other-person", "RoleShape", "person:john-roe#role-1", "SPARQL", "hash IRI member",
         rename=(ROLE, "person:john-roe#role-1")),
    case("role-iri-no-hash", "RoleIriShape", "person:jane-doe-role", "Pattern", "hash IRI of a person",
         rename=(ROLE, "person:jane-doe-role")),
    case("org-role-no-label", "OrgRoleShape", TITLE, "MinCount", "role preferred label",
         remove=((TITLE, "skos:prefLabel"),)),
    case("org-role-label-german", "OrgRoleShape", TITLE, "LanguageIn", "role's preferred label english",
         remove=((TITLE, "skos:prefLabel"),), add=f'{TITLE} skos:prefLabel "Fachreferentin"@de .'),
    case("org-role-blank-node", "OrgRoleShape", "_:blank", "NodeKind", "role must be an IRI",
         add='[] a org:Role ; skos:prefLabel "Officer"@en .'),
    # ------------------------------------------------------------------ news items
    case("news-no-headline", "NewsItemShape", NEWS, "MinCount", "exactly one headline",
         remove=((NEWS, "schema:headline"),)),
    case("news-two-headlines", "NewsItemShape", NEWS, "MaxCount", "exactly one headline",
         add=f'{NEWS} schema:headline "Another headline"@en .'),
    case("news-headline-untagged", "NewsItemShape", NEWS, "Datatype", "headline language-tagged",
         remove=((NEWS, "schema:headline"),), add=f'{NEWS} schema:headline "Hungary ratifies" .'),
    # a page's own words keep their language, but only in a language the build detects (sources.common)
    case("news-headline-undetected-language", "NewsItemShape", NEWS, "LanguageIn", "headline language-tagged",
         remove=((NEWS, "schema:headline"),), add=f'{NEWS} schema:headline "ハンガリーが批准"@ja .'),
    case("news-two-dates", "NewsItemShape", NEWS, "MaxCount", "at most one publication date",
         add=f'{NEWS} schema:datePublished "2024-05-03"^^xsd:date .'),
    case("news-date-text", "NewsItemShape", NEWS, "Or", "publication date must be a date",
         remove=((NEWS, "schema:datePublished"),), add=f'{NEWS} schema:datePublished "2 May 2024" .'),
    case("news-date-year", "NewsItemShape", NEWS, "Or", "publication date year and month",
         remove=((NEWS, "schema:datePublished"),), add=f'{NEWS} schema:datePublished "2024"^^xsd:gYear .'),
    case("news-two-abstracts", "NewsItemShape", NEWS, "MaxCount", "at most one abstract",
         add=f'{NEWS} schema:abstract "Other."@en .'),
    case("news-abstract-untagged", "NewsItemShape", NEWS, "Datatype", "abstract language-tagged",
         remove=((NEWS, "schema:abstract"),), add=f'{NEWS} schema:abstract "Hungary became ..." .'),
    case("news-two-categories", "NewsItemShape", NEWS, "MaxCount", "at most one category",
         add=f'{NEWS} ilo:category "Video" .'),
    case("news-two-credits", "NewsItemShape", NEWS, "MaxCount", "at most one credit",
         add=f'{NEWS} schema:creditText "© Someone else" .'),
    case("news-about-text", "NewsItemShape", NEWS, "NodeKind", "about resource IRI",
         add=f'{NEWS} ilo:about "Hungary" .'),
    case("news-mentions-text", "NewsItemShape", NEWS, "NodeKind", "mentions resource IRI",
         add=f'{NEWS} ilo:mentions "C155" .'),
    case("news-reports-project", "NewsItemShape", NEWS, "Class", "reports event",
         add=f"{NEWS} ilo:reports {PROJECT} ."),
    case("news-published-by-ilo", "NewsItemShape", NEWS, "Class", "published office",
         remove=((NEWS, "ilo:publishedBy"),), add=f"{NEWS} ilo:publishedBy {ILO_ORG} ."),
    case("news-line-text", "NewsItemShape", NEWS, "Datatype", "line number whole number",
         remove=((NEWS, "ilo:line"),), add=f'{NEWS} ilo:line "12" .'),
    case("news-iri", "NewsItemIriShape", "news:Hungary_Ratifies", "Pattern", "news item's iri",
         rename=(NEWS, "news:Hungary_Ratifies")),
    # ------------------------------------------------------------------ events and ratifications
    case("event-no-date", "EventShape", TRAINING, "Or", "event date unless news item source page reports",
         remove=((TRAINING, "schema:startDate"), (NEWS, "ilo:reports")),
         add=f"{NEWS} ilo:reports {RATIFICATION} ."),
    case("event-no-date-reported-by-project", "EventShape", TRAINING, "Or", "event date unless reports",
         remove=((TRAINING, "schema:startDate"), (NEWS, "ilo:reports")),
         add=f"{NEWS} ilo:reports {RATIFICATION} . {PROJECT} ilo:reports {TRAINING} ."),
    case("event-two-dates", "EventShape", TRAINING, "MaxCount", "event at most one date",
         add=f'{TRAINING} schema:startDate "2024-04-16"^^xsd:date .'),
    case("event-date-time", "EventShape", TRAINING, "Or", "event's date must be a date",
         remove=((TRAINING, "schema:startDate"),),
         add=f'{TRAINING} schema:startDate "2024-04-15T09:00:00"^^xsd:dateTime .'),
    case("event-in-organization", "EventShape", TRAINING, "Class", "country",
         add=f"{TRAINING} ilo:inCountry {EU} ."),
    case("event-not-reported", "EventShape", TRAINING, "QualifiedMinCount", "reported at least one news item",
         remove=((NEWS, "ilo:reports"),), add=f"{NEWS} ilo:reports {RATIFICATION} ."),
    case("event-reported-by-non-news", "EventShape", TRAINING, "QualifiedMinCount", "reported news item",
         remove=((NEWS, "ilo:reports"),),
         add=f"{NEWS} ilo:reports {RATIFICATION} . {PROJECT} ilo:reports {TRAINING} ."),
    case("ratification-no-date", "RatificationShape", RATIFICATION, "MinCount", "ratification its date",
         remove=((RATIFICATION, "schema:startDate"),)),
    case("ratification-two-countries", "RatificationShape", RATIFICATION, "MaxCount",
         "exactly one ratifying country", add=f"{RATIFICATION} ilo:ratifyingCountry {XKX} ."),
    case("ratification-no-country", "RatificationShape", RATIFICATION, "MinCount",
         "exactly one ratifying country", remove=((RATIFICATION, "ilo:ratifyingCountry"),)),
    case("ratification-country-organization", "RatificationShape", RATIFICATION, "Class", "ratifying country",
         remove=((RATIFICATION, "ilo:ratifyingCountry"),), add=f"{RATIFICATION} ilo:ratifyingCountry {EU} ."),
    case("ratification-no-convention", "RatificationShape", RATIFICATION, "MinCount",
         "ratification names exactly one convention", remove=((RATIFICATION, "ilo:convention"),)),
    case("ratification-two-conventions", "RatificationShape", RATIFICATION, "MaxCount",
         "ratification names exactly one convention",
         add=f"{RATIFICATION} ilo:convention convention:C187 . convention:C187 a ilo:Convention ."),
    case("ratification-convention-project", "RatificationShape", RATIFICATION, "Class", "convention",
         remove=((RATIFICATION, "ilo:convention"),), add=f"{RATIFICATION} ilo:convention {PROJECT} ."),
    case("ratification-two-ranks", "RatificationShape", RATIFICATION, "MaxCount", "at most one rank",
         add=f"{RATIFICATION} ilo:ratificationRank 81 ."),
    case("ratification-rank-zero", "RatificationShape", RATIFICATION, "MinInclusive", "rank at least 1",
         remove=((RATIFICATION, "ilo:ratificationRank"),), add=f"{RATIFICATION} ilo:ratificationRank 0 ."),
    case("event-iri", "EventIriShape", "event:Training", "Pattern", "event's iri",
         rename=(TRAINING, "event:Training")),
    # ------------------------------------------------------------------ conventions
    case("convention-no-identifier", "ConventionShape", C155, "MinCount", "exactly one identifier",
         remove=((C155, "schema:legislationIdentifier"),)),
    case("convention-two-identifiers", "ConventionShape", C155, "MaxCount", "exactly one identifier",
         add=f'{C155} schema:legislationIdentifier "C.155" .'),
    case("convention-no-normlex", "ConventionShape", C155, "QualifiedMinCount", "NORMLEX",
         remove=((C155, "rdfs:seeAlso"),), add=f"{C155} rdfs:seeAlso <https://www.ilo.org/c155> ."),
    case("convention-no-name", "ConventionShape", C155, "MinCount", "convention exactly one name",
         remove=((C155, "schema:name"),)),
    case("convention-name-untagged", "ConventionShape", C155, "Datatype", "convention's name english",
         remove=((C155, "schema:name"),), add=f'{C155} schema:name "OSH Convention" .'),
    case("convention-iri-4-digits", "ConventionIriShape", "convention:C1550", "Pattern", "convention's iri",
         rename=(C155, "convention:C1550")),
    case("convention-iri-lowercase", "ConventionIriShape", "convention:c155", "Pattern", "convention's iri",
         rename=(C155, "convention:c155")),
    # ------------------------------------------------------------------ programmes
    case("programme-start-after-end", "ProgrammeShape", PROGRAMME, "SPARQL", "must not start after it ends",
         remove=((PROGRAMME, "ilo:periodEnd"),), add=f'{PROGRAMME} ilo:periodEnd "2019"^^xsd:gYear .'),
    case("programme-no-name", "ProgrammeShape", PROGRAMME, "MinCount", "programme exactly one name",
         remove=((PROGRAMME, "schema:name"),)),
    case("programme-name-untagged", "ProgrammeShape", PROGRAMME, "Datatype", "programme's name english",
         remove=((PROGRAMME, "schema:name"),), add=f'{PROGRAMME} schema:name "DWCP Hungary" .'),
    case("programme-country-theme", "ProgrammeShape", PROGRAMME, "Class", "country",
         add=f"{PROGRAMME} ilo:country {THEME} ."),
    case("programme-two-starts", "ProgrammeShape", PROGRAMME, "MaxCount", "at most one first year",
         add=f'{PROGRAMME} ilo:periodStart "2021"^^xsd:gYear .'),
    case("programme-start-date", "ProgrammeShape", PROGRAMME, "Datatype", "first year must be a year",
         remove=((PROGRAMME, "ilo:periodStart"),),
         add=f'{PROGRAMME} ilo:periodStart "2022-01-01"^^xsd:date .'),
    case("programme-two-ends", "ProgrammeShape", PROGRAMME, "MaxCount", "at most one last year",
         add=f'{PROGRAMME} ilo:periodEnd "2026"^^xsd:gYear .'),
    case("programme-end-integer", "ProgrammeShape", PROGRAMME, "Datatype", "last year must be a year",
         remove=((PROGRAMME, "ilo:periodEnd"),), add=f"{PROGRAMME} ilo:periodEnd 2025 ."),
    case("programme-iri", "ProgrammeIriShape", "programme:DWCP", "Pattern", "programme's iri",
         rename=(PROGRAMME, "programme:DWCP")),
    # ------------------------------------------------------------------ themes and concepts
    case("theme-no-scheme", "ThemeShape", THEME, "MinCount", "exactly one concept scheme",
         remove=((THEME, "skos:inScheme"),)),
    case("theme-two-schemes", "ThemeShape", THEME, "MaxCount", "exactly one concept scheme",
         add=f'{THEME} skos:inScheme theme:other-scheme . theme:other-scheme a skos:ConceptScheme ; '
             f'skos:prefLabel "Other"@en ; dcterms:source {SOURCE} .'),
    case("theme-scheme-not-scheme", "ThemeShape", THEME, "Class", "concept scheme",
         remove=((THEME, "skos:inScheme"),), add=f"{THEME} skos:inScheme theme:employment ."),
    case("theme-broader-sdg", "ThemeShape", THEME, "Class", "broader theme",
         add=f"{THEME} skos:broader sdg:8 ."),
    case("theme-iri", "ThemeIriShape", "theme:Youth_Employment", "Pattern", "theme's iri",
         rename=(THEME, "theme:Youth_Employment")),
    case("theme-scheme-iri", "ThemeIriShape", "source:ilo-thematic-areas", "Pattern", "theme scheme's iri",
         rename=(SCHEME, "source:ilo-thematic-areas")),
    case("concept-iri", "ConceptIriShape", "http://example.org/concept/8", "Pattern", "concept's iri",
         rename=("sdg:8", "http://example.org/concept/8")),
    # ------------------------------------------------------------------ source pages
    case("source-no-kind", "SourcePageShape", SOURCE, "MinCount", "exactly one page kind",
         remove=((SOURCE, "ilo:pageKind"),)),
    case("source-two-kinds", "SourcePageShape", SOURCE, "MaxCount", "exactly one page kind",
         add=f'{SOURCE} ilo:pageKind "office-page" .'),
    case("source-unknown-kind", "SourcePageShape", SOURCE, "In", "kind must be one of",
         remove=((SOURCE, "ilo:pageKind"),), add=f'{SOURCE} ilo:pageKind "blog" .'),
    case("source-kind-tagged", "SourcePageShape", SOURCE, "In", "kind must be one of",
         remove=((SOURCE, "ilo:pageKind"),), add=f'{SOURCE} ilo:pageKind "news-listing"@en .'),
    case("source-no-checksum", "SourcePageShape", SOURCE, "MinCount", "exactly one SHA-256",
         remove=((SOURCE, "ilo:sha256"),)),
    case("source-checksum-uppercase", "SourcePageShape", SOURCE, "Pattern", "SHA-256 lowercase hexadecimal",
         remove=((SOURCE, "ilo:sha256"),), add=f'{SOURCE} ilo:sha256 "{"AB" * 32}" .'),
    case("source-checksum-short", "SourcePageShape", SOURCE, "Pattern", "SHA-256 64 hexadecimal",
         remove=((SOURCE, "ilo:sha256"),), add=f'{SOURCE} ilo:sha256 "{"ab" * 31}" .'),
    case("source-no-file-name", "SourcePageShape", SOURCE, "MinCount", "exactly one file name",
         remove=((SOURCE, "ilo:fileName"),)),
    case("source-two-file-names", "SourcePageShape", SOURCE, "MaxCount", "exactly one file name",
         add=f'{SOURCE} ilo:fileName "sources/other.txt" .'),
    case("source-no-title", "SourcePageShape", SOURCE, "MinCount", "exactly one title",
         remove=((SOURCE, "dcterms:title"),)),
    case("source-iri", "SourcePageIriShape", "source:News_Budapest", "Pattern", "source page's iri",
         rename=(SOURCE, "source:News_Budapest")),
]
QUANTITY = "news:hungary-ratifies-c155#quantity-80-countries"
QUANTITY_TTL = "<" + ID + "news/hungary-ratifies-c155#quantity-80-countries>"  # "#" cannot stand in a CURIE
CLAIM = "person:jane-doe#claim-jobtitle-news-budapest-senior-specialist-on-employment"
CASES += [
    case("claim-no-subject", "ClaimShape", CLAIM, "MinCount", "claim about exactly one",
         remove=((CLAIM, "ilo:claimSubject"),)),
    case("claim-no-value", "ClaimShape", CLAIM, "MinCount", "claim exactly one value",
         remove=((CLAIM, "ilo:claimValue"),)),
    case("claim-date-text", "ClaimShape", CLAIM, "Datatype", "claim date",
         remove=((CLAIM, "ilo:statedOn"),),
         add="<" + ID + 'person/jane-doe#claim-jobtitle-news-budapest-senior-specialist-on-employment> ilo:statedOn "May 2024" .'),
    case("quantity-no-value", "QuantityShape", QUANTITY, "MinCount", "figure value",
         remove=((QUANTITY, "schema:value"),)),
    case("quantity-text-value", "QuantityShape", QUANTITY, "Or", "figure value number",
         remove=((QUANTITY, "schema:value"),), add=f'{QUANTITY_TTL} schema:value "eighty" .'),
    case("quantity-two-units", "QuantityShape", QUANTITY, "MaxCount", "figure counts",
         add=f'{QUANTITY_TTL} schema:unitText "nations"@en .'),
    case("quantity-stated-by-nothing", "QuantityShape", QUANTITY, "MinCount", "stated",
         remove=((NEWS, "ilo:statesQuantity"),)),
    case("organization-discovered-text", "OrganizationShape", "organization:european-union",
         "Datatype", "discovered boolean", add='organization:european-union ilo:discovered "yes" .'),
]
# Every figure property, wherever it appears, is a non-negative integer.
FIGURES = ["peopleTrained", "plannedBeneficiaries", "jobsCreated", "plannedJobs", "businessesRegistered",
           "enterprisesReached", "workersReached", "participantCount", "ratificationRank", "countryCount"]
CASES += [
    case(f"figure-{figure}-negative", "FigureShape", TRAINING, "MinInclusive", "0 or more",
         remove=((TRAINING, f"ilo:{figure}"),), add=f"{TRAINING} ilo:{figure} -1 .")
    for figure in FIGURES
]
# fmt: on


# ---------------------------------------------------------------------- fixtures and helpers


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return load_shapes(SHAPES_DIR)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ROOT / "ontology" / "ilo-kg.ttl", format="turtle")


@pytest.fixture(scope="module")
def valid() -> Graph:
    return Graph().parse(FIXTURES / "valid.ttl", format="turtle")


def node_shape_of(v: Violation, shapes: Graph) -> str:
    """Local name of the named node shape a violation comes from (its own shape or the one holding it)."""
    if v.shape.startswith(ILOSH):
        return v.shape.removeprefix(ILOSH)
    holders = set(shapes.subjects(SH.property, BNode(v.shape)))
    assert len(holders) == 1, f"no single node shape holds {v.shape}"
    return str(holders.pop()).removeprefix(ILOSH)


def named_node_shapes(shapes: Graph) -> set[str]:
    return {
        str(s).removeprefix(ILOSH)
        for s in shapes.subjects(RDF.type, SH.NodeShape)
        if str(s).startswith(ILOSH)
    }


def matching(report: ValidationReport, c: Case, shapes: Graph) -> list[Violation]:
    words = [w.lower() for w in c.words]
    found = []
    for v in report.violations:
        # "_:blank" stands for any blank node
        focus_ok = not v.focus.startswith("http") if c.focus == "_:blank" else v.focus == expand(c.focus)
        if (
            focus_ok
            and v.constraint == c.constraint + "ConstraintComponent"
            and all(w in v.message.lower() for w in words)
            and node_shape_of(v, shapes) == c.shape
        ):
            found.append(v)
    return found


# ---------------------------------------------------------------------- the valid fixture


def test_valid_fixture_conforms(valid: Graph, shapes: Graph, ontology: Graph) -> None:
    report = validate(valid, shapes, ontology)
    assert report.conforms, report.text()
    assert report.violations == ()


def test_valid_fixture_reaches_every_shape(valid: Graph, shapes: Graph, ontology: Graph) -> None:
    """Each shape's valid fixture: every class a shape targets has an instance in valid.ttl."""
    both = valid + ontology
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for cls in shapes.objects(shape, SH.targetClass):
            q = "ASK { ?x a/<http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?cls }"
            assert both.query(q, initBindings={"cls": cls}).askAnswer, (
                f"{shape}: no instance of {cls} in valid.ttl"
            )
        for prop in shapes.objects(shape, SH.targetSubjectsOf):
            assert (None, prop, None) in valid, f"{shape}: nothing in valid.ttl uses {prop}"


# ---------------------------------------------------------------------- invalid variants


@pytest.mark.parametrize("c", CASES, ids=lambda c: c.id)
def test_invalid_case(c: Case, valid: Graph, shapes: Graph, ontology: Graph) -> None:
    report = validate(c.apply(valid), shapes, ontology)
    assert not report.conforms, f"{c.id} should not conform"
    found = matching(report, c, shapes)
    assert found, (
        f"{c.id}: expected a {c.constraint} violation on {expand(c.focus)} from {c.shape} whose message "
        f"contains {c.words}; got:\n{report.text()}"
    )
    assert all(v.severity == "Violation" for v in found)


def test_every_named_shape_has_an_invalid_case(shapes: Graph) -> None:
    assert named_node_shapes(shapes) - {c.shape for c in CASES} == set()
    assert len({c.id for c in CASES}) == len(CASES)


def test_ratification_with_two_countries_and_no_convention_reports_both(
    valid: Graph, shapes: Graph, ontology: Graph
) -> None:
    broken = case(
        "x",
        "RatificationShape",
        RATIFICATION,
        "MinCount",
        "convention",
        remove=((RATIFICATION, "ilo:convention"), (RATIFICATION, "schema:startDate")),
        add=f"{RATIFICATION} ilo:ratifyingCountry {XKX} .",
    ).apply(valid)
    report = validate(broken, shapes, ontology)
    messages = {v.message for v in report.violations if v.focus == expand(RATIFICATION)}
    assert messages == {
        "A ratification names exactly one ratifying country (ilo:ratifyingCountry).",
        "A ratification names exactly one convention (ilo:convention).",
        "A ratification must have its date (schema:startDate).",
    }, report.text()


def test_reported_event_without_a_date_conforms(valid: Graph, shapes: Graph, ontology: Graph) -> None:
    """An event a page states as done without its own date: its news item's report bounds when it happened."""
    undated = case("x", "EventShape", TRAINING, "Or", "date", remove=((TRAINING, "schema:startDate"),))
    report = validate(undated.apply(valid), shapes, ontology)
    assert report.conforms, report.text()


def test_event_reported_by_its_source_page_without_a_date_conforms(
    valid: Graph, shapes: Graph, ontology: Graph
) -> None:
    undated = case(
        "x",
        "EventShape",
        TRAINING,
        "Or",
        "date",
        remove=((TRAINING, "schema:startDate"), (NEWS, "ilo:reports")),
        add=f"{NEWS} ilo:reports {RATIFICATION} . {SOURCE} ilo:reports {TRAINING} .",
    )
    report = validate(undated.apply(valid), shapes, ontology)
    assert report.conforms, report.text()


def test_messages_in_report_text(valid: Graph, shapes: Graph, ontology: Graph) -> None:
    broken = CASES[[c.id for c in CASES].index("project-start-after-end")].apply(valid)
    text = validate(broken, shapes, ontology).text()
    assert text.startswith("Does not conform: 1 violation(s)")
    assert expand(PROJECT) in text
    assert "A project's start date must not be after its end date." in text


# ---------------------------------------------------------------------- the shapes themselves


def test_every_constraint_has_a_message(shapes: Graph) -> None:
    node_level = (SH.pattern, SH["or"], SH.nodeKind, SH["class"], SH.datatype, SH["in"], SH.node)
    for prop in shapes.objects(None, SH.property):
        assert shapes.value(prop, SH.message) is not None, f"property shape on {shapes.value(prop, SH.path)}"
    for sparql in shapes.objects(None, SH.sparql):
        assert shapes.value(sparql, SH.message) is not None, "a SPARQL constraint has no message"
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        if any(shapes.value(shape, p) is not None for p in node_level):
            assert shapes.value(shape, SH.message) is not None, f"{shape} has node constraints but no message"


def test_every_class_of_the_ontology_is_targeted(shapes: Graph, ontology: Graph) -> None:
    targeted = set(shapes.objects(None, SH.targetClass))
    owl_class = URIRef("http://www.w3.org/2002/07/owl#Class")
    for cls in ontology.subjects(RDF.type, owl_class):
        if not str(cls).startswith(str(ILO)):
            continue
        values = " ".join(t.n3() for t in targeted)
        q = f"ASK {{ ?cls <http://www.w3.org/2000/01/rdf-schema#subClassOf>* ?t . VALUES ?t {{ {values} }} }}"
        assert ontology.query(q, initBindings={"cls": cls}).askAnswer, (
            f"no shape targets {cls} or a superclass"
        )


def test_shapes_keep_the_ontology_namespace_under_another_base(ontology: Graph) -> None:
    moved = load_shapes(SHAPES_DIR, "http://localhost:8000/")
    assert (None, SH.targetClass, ILO.Country) in moved
    assert (None, SH.namespace, None) in moved
    namespaces = {str(ns) for ns in moved.objects(None, SH.namespace)}
    assert str(ILO) in namespaces
    patterns = {str(p) for p in moved.objects(None, SH.pattern)}
    assert "^http://localhost:8000/id/country/[A-Z]{3}$" in patterns
    assert not any("w3id" in p for p in patterns)


# ---------------------------------------------------------------------- the real reference data


def reference_graph(base: str) -> Graph:
    return map_reference(load_reference(ROOT / "data" / "reference"), Minter(base))


def test_reference_data_conforms(shapes: Graph, ontology: Graph) -> None:
    report = validate(reference_graph(DEFAULT_BASE_IRI), shapes, ontology)
    assert report.conforms, report.text()
    assert report.violations == (), report.text()


def test_reference_data_conforms_under_another_base(ontology: Graph) -> None:
    base = "http://localhost:8000/"
    report = validate(reference_graph(base), load_shapes(SHAPES_DIR, base), ontology)
    assert report.conforms, report.text()


def test_reference_data_minted_elsewhere_breaks_the_iri_patterns(shapes: Graph, ontology: Graph) -> None:
    report = validate(reference_graph("http://localhost:8000/"), shapes, ontology)
    assert not report.conforms
    assert {v.constraint for v in report.violations} <= {
        "PatternConstraintComponent",
        "OrConstraintComponent",
    }
    countries = [v for v in report.violations if v.focus == "http://localhost:8000/id/country/HUN"]
    assert [v.message for v in countries] == [
        "A country's IRI must be https://w3id.org/ilo-kg/id/country/{ISO 3166-1 alpha-3 code}."
    ]
