"""Curated reference data -> the reference graph."""

from __future__ import annotations

import hashlib
from pathlib import Path

from rdflib import OWL, RDFS, XSD, Graph, Literal, URIRef

from ilo_kg.iris import DCTERMS, EU_COUNTRY, GEONAMES, ILO, SCHEMA, SKOS, WD, Minter
from ilo_kg.mapping.base import GraphBuilder
from ilo_kg.reference import Reference

ORG_CLASS = {
    "government": ILO.Government,
    "eu-institution": ILO.EUInstitution,
    "un-agency": ILO.UNAgency,
    "intergovernmental": ILO.IntergovernmentalOrganization,
    "national-institution": ILO.NationalInstitution,
    "other": ILO.OtherOrganization,
}
OFFICE_CLASS = {
    "regional": ILO.RegionalOffice,
    "dwt-co": ILO.DecentWorkTeamCountryOffice,
    "country": ILO.CountryOffice,
    "liaison": ILO.LiaisonOffice,
}
THEME_SCHEME_KEY = "ilo-thematic-areas"


def reference_source_iri(minter: Minter, path: Path) -> URIRef:
    return minter.named("source", f"reference {path.stem}")


def page_source_iri(minter: Minter, source_id: str) -> URIRef:
    return minter.id("source", source_id)


def map_reference(ref: Reference, minter: Minter, graph: Graph | None = None) -> Graph:
    """Every curated fact, each resource linked to the reference file it came from."""
    graph = graph if graph is not None else Graph()
    sources: dict[str, GraphBuilder] = {}
    for path in ref.files:
        iri = reference_source_iri(minter, path)
        b = GraphBuilder(minter, graph, iri)
        b.source_resource(
            iri, f"Reference data: {path.name}", "reference-data", f"reference/{path.name}", _sha256(path)
        )
        sources[path.stem] = b
    _countries(ref, minter, sources["countries"], sources["country_aliases"].source)
    _conventions(ref, minter, sources["conventions"])
    _sdgs(ref, sources["sdgs"])
    _organizations(ref, minter, sources["organizations"])
    _offices(ref, minter, sources["offices"])
    _themes(ref, minter, sources["themes"])
    return graph


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _countries(ref: Reference, minter: Minter, b: GraphBuilder, aliases_source: URIRef) -> None:
    for c in ref.countries:
        iri = minter.id("country", c.alpha3)
        kind = ILO.MemberState if c.member_state else ILO.Territory
        short = "Kosovo" if c.alpha3 == "XKX" else c.name
        b.resource(iri, kind, label=short)
        if short != c.name:
            b.add(iri, SKOS.altLabel, c.name, lang="en")
        b.alt_labels(iri, list(c.aliases), pref=short)
        if c.aliases:
            b.graph.add((iri, DCTERMS.source, aliases_source))
        b.add(iri, SCHEMA.name, short, lang="en")
        b.add(iri, SKOS.notation, Literal(c.alpha2, datatype=ILO.ISO3166Alpha2))
        b.add(iri, SKOS.notation, Literal(c.alpha3, datatype=ILO.ISO3166Alpha3))
        if c.m49:
            b.add(iri, SKOS.notation, Literal(c.m49, datatype=ILO.M49))
        b.add(iri, OWL.sameAs, WD[c.wikidata])
        if c.unsd_geoarea:
            b.add(iri, SKOS.exactMatch, URIRef(c.unsd_geoarea))
        b.add(iri, SKOS.exactMatch, EU_COUNTRY[c.alpha3])
        if c.geonames:
            b.add(iri, SKOS.closeMatch, GEONAMES[c.geonames + "/"])
        b.add(iri, ILO.ilostatRefArea, c.ilostat_ref_area)
        b.add(iri, ILO.subregion, c.subregion, lang="en")
        b.add(iri, ILO.verified, c.verified)
        b.add(iri, RDFS.comment, c.source_note, lang="en")
        office = ref.office_by_coverage_name(c.office)
        b.add(minter.id("office", office.key), ILO.covers, iri)


def _conventions(ref: Reference, minter: Minter, b: GraphBuilder) -> None:
    for c in ref.conventions:
        iri = minter.id("convention", c.code)
        b.resource(iri, ILO.Convention, label=c.title)
        b.add(iri, SCHEMA.name, c.title, lang="en")
        b.add(iri, SCHEMA.legislationIdentifier, c.notation)
        b.add(iri, SKOS.notation, c.notation)
        if c.number is not None:
            b.alt_labels(iri, [f"Convention No. {c.number}", f"C{c.number}"])
        if c.code == "MLC2006":
            b.alt_labels(iri, ["Maritime Labour Convention", "MLC, 2006", "MLC 2006"])
        b.add(iri, ILO.adoptionYear, Literal(str(c.year), datatype=XSD.gYear))
        b.add(iri, ILO.conventionCategory, c.category, lang="en")
        b.add(iri, ILO.normlexId, c.normlex_id)
        b.add(iri, RDFS.seeAlso, URIRef(c.normlex_text_url))
        b.add(iri, RDFS.seeAlso, URIRef(c.normlex_ratifications_url))
        if c.wikidata:
            b.add(iri, OWL.sameAs, WD[c.wikidata])
        b.add(iri, ILO.verified, c.verified)
        b.add(iri, RDFS.comment, c.source_note, lang="en")


def _sdgs(ref: Reference, b: GraphBuilder) -> None:
    # Copies of the UN SDG KOS labels, so that pages and queries can show them.
    for g in ref.sdgs:
        iri = URIRef(g.iri)
        b.resource(iri, SKOS.Concept, label=f"Goal {g.goal}: {g.short_title}")
        b.add(iri, SKOS.definition, g.title, lang="en")
        b.add(iri, SKOS.notation, str(g.goal))
        b.add(iri, SKOS.altLabel, g.short_title, lang="en")
        b.add(iri, ILO.verified, g.verified)


def _organizations(ref: Reference, minter: Minter, b: GraphBuilder) -> None:
    ilo = minter.id("organization", ref.ilo.key)
    b.resource(ilo, ILO.InternationalLabourOrganization, ILO.UNAgency, label=ref.ilo.name)
    b.add(ilo, SCHEMA.name, ref.ilo.name, lang="en")
    b.alt_labels(ilo, list(ref.ilo.alt_labels))
    _org_ids(b, ilo, ref.ilo.wikidata, ref.ilo.iati, ref.ilo.verified)
    for o in ref.organizations:
        iri = minter.id("organization", o.key)
        b.resource(iri, ORG_CLASS[o.type], label=o.name)
        b.add(iri, SCHEMA.name, o.name, lang="en")
        b.alt_labels(iri, [a for a in o.alt_labels if a[0].isupper() or a.isupper()], pref=o.name)
        if o.country:
            b.add(iri, SCHEMA.areaServed, minter.id("country", o.country))
        _org_ids(b, iri, o.wikidata, o.iati, o.verified)
        b.add(iri, RDFS.comment, o.source_note, lang="en")


def _org_ids(b: GraphBuilder, iri: URIRef, wikidata: str | None, iati: str | None, verified: str) -> None:
    if wikidata:
        b.add(iri, OWL.sameAs, WD[wikidata])
    if iati:
        b.add(iri, SKOS.notation, Literal(iati, datatype=ILO.IATIOrganisationIdentifier))
    b.add(iri, ILO.verified, verified)


def _offices(ref: Reference, minter: Minter, b: GraphBuilder) -> None:
    for o in ref.offices:
        iri = minter.id("office", o.key)
        b.resource(iri, OFFICE_CLASS[o.type], label=o.name)
        b.add(iri, SCHEMA.name, o.name, lang="en")
        b.alt_labels(iri, list(o.alt_labels), pref=o.name)
        parent = (
            minter.id("organization", o.parent) if o.parent == ref.ilo.key else minter.id("office", o.parent)
        )
        b.add(iri, ILO.partOf, parent)
        b.add(iri, ILO.city, o.city)
        for former in o.former_names:
            b.add(iri, ILO.formerName, former.name, lang="en")
            if former.until:
                b.add(iri, ILO.renamedIn, Literal(former.until, datatype=XSD.gYearMonth))
        if o.founded:
            b.add(iri, ILO.inCitySince, Literal(str(o.founded), datatype=XSD.gYear))
        if o.liaison_with:
            b.add(iri, ILO.liaisonWith, minter.id("organization", o.liaison_with))
        b.add(iri, RDFS.comment, o.note, lang="en")


def _themes(ref: Reference, minter: Minter, b: GraphBuilder) -> None:
    scheme = minter.id("theme", THEME_SCHEME_KEY)
    b.resource(scheme, SKOS.ConceptScheme, label="ILO thematic areas")
    for t in ref.themes:
        iri = minter.id("theme", t.key)
        b.resource(iri, ILO.Theme, label=t.label)
        b.add(iri, SKOS.inScheme, scheme)
        b.alt_labels(iri, _distinct(t.label, t.alt_labels), pref=t.label)
        if t.broader:
            b.add(iri, SKOS.broader, minter.id("theme", t.broader))
        else:
            b.add(iri, SKOS.topConceptOf, scheme)
        b.add(iri, RDFS.comment, t.source_note, lang="en")


def _distinct(label: str, alt_labels: tuple[str, ...]) -> list[str]:
    """Alternative labels that differ from the label and from each other, ignoring case."""
    seen = {label.casefold()}
    out: list[str] = []
    for alt in alt_labels:
        if alt.casefold() not in seen:
            seen.add(alt.casefold())
            out.append(alt)
    return out
