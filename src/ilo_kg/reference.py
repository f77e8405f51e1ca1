"""Curated reference data (data/reference/*.csv, *.yaml) -> frozen records.

Every loader checks its file and raises :class:`ReferenceError` naming the file,
the row and the problem; nothing is mapped from a file that does not load whole.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ilo_kg.languages.names import LocalizedName, load_localized_names


class ReferenceError(ValueError):
    """Invalid curated reference data."""


@dataclass(frozen=True)
class CityRef:
    """A city of the region and its country (``cities.csv``): where a page places an event only by city."""

    name: str
    alpha3: str
    kind: str  # "capital" or "city"
    source_note: str


@dataclass(frozen=True)
class CountryRef:
    name: str
    alpha2: str
    alpha3: str
    m49: str | None
    wikidata: str
    office: str  # the coverage_name of an office in offices.yaml
    member_state: bool
    geonames: str | None
    unsd_geoarea: str | None
    ilostat_ref_area: str | None
    subregion: str | None
    source_note: str
    verified: str
    aliases: tuple[str, ...] = ()  # other names: skos:altLabel
    demonyms: tuple[str, ...] = ()  # "Albanian": for linking mentions only, not labels


@dataclass(frozen=True)
class ConventionRef:
    code: str  # IRI key: C155, MLC2006
    notation: str  # as written in NORMLEX: C155, "MLC, 2006"
    title: str
    year: int
    category: str
    normlex_id: str
    normlex_text_url: str
    normlex_ratifications_url: str
    wikidata: str | None
    source_note: str
    verified: str

    @property
    def number(self) -> int | None:
        m = re.fullmatch(r"C(\d+)", self.code)
        return int(m.group(1)) if m else None


@dataclass(frozen=True)
class SdgRef:
    goal: int
    iri: str
    short_title: str
    title: str
    wikidata: str | None
    sdgio: str | None
    source_note: str
    verified: str


@dataclass(frozen=True)
class OrganizationRef:
    key: str
    name: str
    type: str
    alt_labels: tuple[str, ...]
    country: str | None
    wikidata: str | None
    iati: str | None
    sources: tuple[str, ...]
    source_note: str
    verified: str


@dataclass(frozen=True)
class FormerName:
    name: str
    until: str | None  # "2010-04"


@dataclass(frozen=True)
class OfficeRef:
    key: str
    name: str
    type: str
    city: str
    parent: str
    coverage_name: str
    source: str
    alt_labels: tuple[str, ...] = ()
    former_names: tuple[FormerName, ...] = ()
    founded: int | None = None
    liaison_with: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class ThemeRef:
    key: str
    label: str
    alt_labels: tuple[str, ...]
    broader: str | None
    source_note: str


@dataclass(frozen=True)
class ProjectRef:
    """A project the pages name under variants the linker cannot derive (curated aliases)."""

    name: str
    alt_labels: tuple[str, ...]
    source_note: str


@dataclass(frozen=True)
class Reference:
    """All curated reference data, loaded and cross-checked."""

    countries: tuple[CountryRef, ...]
    conventions: tuple[ConventionRef, ...]
    sdgs: tuple[SdgRef, ...]
    organizations: tuple[OrganizationRef, ...]
    ilo: OrganizationRef
    offices: tuple[OfficeRef, ...]
    themes: tuple[ThemeRef, ...]
    projects: tuple[ProjectRef, ...]
    regions: dict[str, str]  # region phrase -> office key
    country_groups: dict[str, tuple[str, ...]]  # "Benelux countries" -> alpha-3 codes
    files: tuple[Path, ...]
    localized: tuple[LocalizedName, ...] = ()  # names of organizations and offices in other languages
    cities: tuple[CityRef, ...] = ()  # the region's cities: an event "in Moscow" is in the Russian Federation

    def governments(self) -> dict[str, str]:
        """Country alpha-3 code -> key of its government organization."""
        return {o.country: o.key for o in self.organizations if o.type == "government" and o.country}

    def office_by_coverage_name(self, name: str) -> OfficeRef:
        for office in self.offices:
            if office.coverage_name == name:
                return office
        raise KeyError(name)


OFFICE_TYPES = {"regional", "dwt-co", "country", "liaison"}
ORG_TYPES = {
    "government",
    "eu-institution",
    "un-agency",
    "intergovernmental",
    "national-institution",
    "other",
}
_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _rows(path: Path, required: set[str]) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.is_file():
        raise ReferenceError(f"{path}: reference file is missing")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ReferenceError(f"{path}: not UTF-8 ({exc})") from exc
    reader = csv.DictReader(text.splitlines())
    missing = required - set(reader.fieldnames or ())
    if missing:
        raise ReferenceError(f"{path}: missing column(s) {', '.join(sorted(missing))}")
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise ReferenceError(f"{path}:{number}: more values than columns")
        yield number, {k: (v or "").strip() for k, v in row.items()}


def _need(path: Path, line: int, row: dict[str, str], column: str, pattern: str | None = None) -> str:
    value = row.get(column, "")
    if not value:
        raise ReferenceError(f"{path}:{line}: column {column!r} is empty")
    if pattern and not re.fullmatch(pattern, value):
        raise ReferenceError(f"{path}:{line}: column {column!r} value {value!r} does not match {pattern}")
    return value


def _opt(path: Path, line: int, row: dict[str, str], column: str, pattern: str) -> str | None:
    value = row.get(column, "")
    if not value:
        return None
    if not re.fullmatch(pattern, value):
        raise ReferenceError(f"{path}:{line}: column {column!r} value {value!r} does not match {pattern}")
    return value


def _unique(path: Path, items: list[Any], key: str) -> None:
    seen: set[Any] = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise ReferenceError(f"{path}: duplicate {key} {value!r}")
        seen.add(value)


def load_countries(path: Path, aliases_path: Path) -> tuple[CountryRef, ...]:
    aliases: dict[str, list[str]] = {}
    demonyms: dict[str, list[str]] = {}
    for line, row in _rows(aliases_path, {"iso_alpha3", "alias", "kind", "source_note"}):
        code = _need(aliases_path, line, row, "iso_alpha3", r"[A-Z]{3}")
        kind = _need(aliases_path, line, row, "kind", r"name|demonym")
        target = aliases if kind == "name" else demonyms
        target.setdefault(code, []).append(_need(aliases_path, line, row, "alias"))
    required = {"name_en", "iso_alpha2", "iso_alpha3", "m49", "wikidata_qid", "ilo_office", "in_ilo_51"}
    out: list[CountryRef] = []
    for line, row in _rows(path, required):
        alpha3 = _need(path, line, row, "iso_alpha3", r"[A-Z]{3}")
        member = row.get("in_ilo_51", "").lower()
        if member not in {"yes", "no"}:
            raise ReferenceError(f"{path}:{line}: column 'in_ilo_51' must be yes or no, got {member!r}")
        out.append(
            CountryRef(
                name=_need(path, line, row, "name_en"),
                alpha2=_need(path, line, row, "iso_alpha2", r"[A-Z]{2}"),
                alpha3=alpha3,
                m49=_opt(path, line, row, "m49", r"\d{3}"),
                wikidata=_need(path, line, row, "wikidata_qid", r"Q\d+"),
                office=_need(path, line, row, "ilo_office"),
                member_state=member == "yes",
                geonames=_opt(path, line, row, "geonames_id", r"\d+"),
                unsd_geoarea=_opt(path, line, row, "unsd_geoarea_uri", r"https?://\S+"),
                ilostat_ref_area=row.get("ilostat_ref_area") or None,
                subregion=row.get("ilostat_subregion_detailed") or None,
                source_note=row.get("source_note", ""),
                verified=row.get("verified", "") or "unknown",
                aliases=tuple(aliases.pop(alpha3, [])),
                demonyms=tuple(demonyms.pop(alpha3, [])),
            )
        )
    if aliases:
        raise ReferenceError(
            f"{aliases_path}: aliases for unknown country code(s) {', '.join(sorted(aliases))}"
        )
    _unique(path, out, "alpha3")
    _unique(path, out, "alpha2")
    return tuple(out)


def load_conventions(path: Path) -> tuple[ConventionRef, ...]:
    out: list[ConventionRef] = []
    for line, row in _rows(path, {"code", "title", "year", "category", "normlex_instrument_id"}):
        notation = _need(path, line, row, "code", r"C\d{3}|MLC, 2006")
        out.append(
            ConventionRef(
                code=notation.replace(", ", "").replace(" ", ""),
                notation=notation,
                title=_need(path, line, row, "title"),
                year=int(_need(path, line, row, "year", r"\d{4}")),
                category=_need(path, line, row, "category"),
                normlex_id=_need(path, line, row, "normlex_instrument_id", r"\d+"),
                normlex_text_url=_need(path, line, row, "normlex_text_url", r"https://\S+"),
                normlex_ratifications_url=_need(path, line, row, "normlex_ratifications_url", r"https://\S+"),
                wikidata=_opt(path, line, row, "wikidata_qid", r"Q\d+"),
                source_note=row.get("source_note", ""),
                verified=row.get("verified", "") or "unknown",
            )
        )
    _unique(path, out, "code")
    return tuple(out)


def load_sdgs(path: Path) -> tuple[SdgRef, ...]:
    out: list[SdgRef] = []
    for line, row in _rows(path, {"goal", "uri", "short_title", "title_en"}):
        goal = int(_need(path, line, row, "goal", r"\d{1,2}"))
        iri = _need(path, line, row, "uri", r"http://metadata\.un\.org/sdg/\d{1,2}")
        if not iri.endswith(f"/{goal}"):
            raise ReferenceError(f"{path}:{line}: uri {iri} does not end with the goal number {goal}")
        out.append(
            SdgRef(
                goal=goal,
                iri=iri,
                short_title=_need(path, line, row, "short_title"),
                title=_need(path, line, row, "title_en"),
                wikidata=_opt(path, line, row, "wikidata_qid", r"Q\d+"),
                sdgio=_opt(path, line, row, "sdgio_uri", r"https?://\S+"),
                source_note=row.get("source_note", ""),
                verified=row.get("verified", "") or "unknown",
            )
        )
    _unique(path, out, "goal")
    return tuple(out)


def load_organizations(path: Path) -> tuple[OrganizationRef, ...]:
    out: list[OrganizationRef] = []
    for line, row in _rows(path, {"key", "name", "type", "alt_labels", "source"}):
        kind = _need(path, line, row, "type")
        if kind not in ORG_TYPES:
            raise ReferenceError(f"{path}:{line}: type {kind!r} is not one of {', '.join(sorted(ORG_TYPES))}")
        out.append(
            OrganizationRef(
                key=_need(path, line, row, "key", _SLUG.pattern),
                name=_need(path, line, row, "name"),
                type=kind,
                alt_labels=tuple(a.strip() for a in row["alt_labels"].split("|") if a.strip()),
                country=_opt(path, line, row, "country", r"[A-Z]{3}"),
                wikidata=_opt(path, line, row, "wikidata_qid", r"Q\d+"),
                iati=row.get("iati_id") or None,
                sources=tuple(s for s in _need(path, line, row, "source").split("|") if s),
                source_note=row.get("source_note", ""),
                verified=row.get("verified", "") or "unknown",
            )
        )
    _unique(path, out, "key")
    return tuple(out)


def _yaml(path: Path) -> Any:
    if not path.is_file():
        raise ReferenceError(f"{path}: reference file is missing")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as exc:
        raise ReferenceError(f"{path}: cannot read YAML: {exc}") from exc


def _office(path: Path, index: int, raw: Any) -> OfficeRef:
    where = f"{path}: office #{index + 1}"
    if not isinstance(raw, dict):
        raise ReferenceError(f"{where}: expected a mapping, got {type(raw).__name__}")
    for column in ("key", "name", "type", "city", "parent", "coverage_name", "source"):
        if not raw.get(column):
            raise ReferenceError(f"{where}: {column!r} is missing")
    if not _SLUG.fullmatch(str(raw["key"])):
        raise ReferenceError(f"{where}: key {raw['key']!r} is not a slug")
    if raw["type"] not in OFFICE_TYPES:
        raise ReferenceError(f"{where}: type {raw['type']!r} is not one of {', '.join(sorted(OFFICE_TYPES))}")
    former = tuple(
        FormerName(name=str(f["name"]), until=str(f["until"]) if f.get("until") else None)
        for f in raw.get("former_names") or ()
    )
    return OfficeRef(
        key=str(raw["key"]),
        name=str(raw["name"]),
        type=str(raw["type"]),
        city=str(raw["city"]),
        parent=str(raw["parent"]),
        coverage_name=str(raw["coverage_name"]),
        source=str(raw["source"]),
        alt_labels=tuple(str(a) for a in raw.get("alt_labels") or ()),
        former_names=former,
        founded=int(raw["founded"]) if raw.get("founded") else None,
        liaison_with=raw.get("liaison_with"),
        note=raw.get("note"),
    )


def load_projects(path: Path) -> tuple[ProjectRef, ...]:
    out: list[ProjectRef] = []
    for line, row in _rows(path, {"name", "alt_labels", "source_note"}):
        out.append(
            ProjectRef(
                name=_need(path, line, row, "name"),
                alt_labels=tuple(a.strip() for a in row["alt_labels"].split("|") if a.strip()),
                source_note=_need(path, line, row, "source_note"),
            )
        )
    _unique(path, out, "name")
    return tuple(out)


def load_regions(path: Path, offices: tuple[OfficeRef, ...]) -> dict[str, str]:
    data = _yaml(path)
    regions = data.get("regions") or {}
    if not isinstance(regions, dict):
        raise ReferenceError(f"{path}: 'regions' must map region phrases to office keys")
    keys = {o.key for o in offices}
    for phrase, key in regions.items():
        if key not in keys:
            raise ReferenceError(f"{path}: region {phrase!r}: office {key!r} is not an office")
    return {str(k): str(v) for k, v in regions.items()}


def load_cities(path: Path) -> tuple[CityRef, ...]:
    out: list[CityRef] = []
    for line, row in _rows(path, {"name", "iso_alpha3", "kind", "source_note"}):
        out.append(
            CityRef(
                name=_need(path, line, row, "name", r"[A-Z][^\s,]*(?: [A-Z][^\s,]*)*"),
                alpha3=_need(path, line, row, "iso_alpha3", r"[A-Z]{3}"),
                kind=_need(path, line, row, "kind", r"capital|city"),
                source_note=_need(path, line, row, "source_note"),
            )
        )
    _unique(path, out, "name")
    return tuple(out)


def load_country_groups(path: Path) -> dict[str, tuple[str, ...]]:
    groups = _yaml(path).get("country_groups") or {}
    if not isinstance(groups, dict):
        raise ReferenceError(f"{path}: 'country_groups' must map group names to lists of alpha-3 codes")
    out: dict[str, tuple[str, ...]] = {}
    for name, codes in groups.items():
        if not isinstance(codes, list) or not all(
            isinstance(c, str) and re.fullmatch(r"[A-Z]{3}", c) for c in codes
        ):
            raise ReferenceError(f"{path}: country group {name!r}: expected a list of alpha-3 codes")
        out[str(name)] = tuple(codes)
    return out


def load_offices(path: Path) -> tuple[OrganizationRef, tuple[OfficeRef, ...]]:
    data = _yaml(path)
    if not isinstance(data, dict) or "offices" not in data or "organization" not in data:
        raise ReferenceError(f"{path}: expected top-level keys 'organization' and 'offices'")
    o = data["organization"]
    ilo = OrganizationRef(
        key=str(o["key"]),
        name=str(o["name"]),
        type="un-agency",
        alt_labels=tuple(o.get("alt_labels") or ()),
        country=None,
        wikidata=o.get("wikidata"),
        iati=o.get("iati"),
        sources=(str(o["source"]),),
        source_note="offices.yaml",
        verified=str(o.get("verified", "unknown")),
    )
    offices = tuple(_office(path, i, raw) for i, raw in enumerate(data["offices"] or ()))
    _unique(path, list(offices), "key")
    _unique(path, list(offices), "coverage_name")
    keys = {office.key for office in offices} | {ilo.key}
    for office in offices:
        if office.parent not in keys:
            raise ReferenceError(f"{path}: office {office.key}: parent {office.parent!r} is not an office")
    return ilo, offices


def load_themes(path: Path) -> tuple[ThemeRef, ...]:
    out: list[ThemeRef] = []
    for line, row in _rows(path, {"key", "label", "alt_labels", "broader"}):
        out.append(
            ThemeRef(
                key=_need(path, line, row, "key", _SLUG.pattern),
                label=_need(path, line, row, "label"),
                alt_labels=tuple(a.strip() for a in row["alt_labels"].split("|") if a.strip()),
                broader=row.get("broader") or None,
                source_note=row.get("source_note", ""),
            )
        )
    _unique(path, out, "key")
    keys = {t.key for t in out}
    for theme in out:
        if theme.broader and theme.broader not in keys:
            raise ReferenceError(f"{path}: theme {theme.key}: broader {theme.broader!r} is not a theme")
    return tuple(out)


def load_reference(folder: Path) -> Reference:
    """Load and cross-check every reference file in ``folder``."""
    files = {
        "countries": folder / "countries.csv",
        "aliases": folder / "country_aliases.csv",
        "conventions": folder / "conventions.csv",
        "sdgs": folder / "sdgs.csv",
        "organizations": folder / "organizations.csv",
        "offices": folder / "offices.yaml",
        "themes": folder / "themes.csv",
        "projects": folder / "projects.csv",
        "localized": folder / "localized_names.csv",
        "cities": folder / "cities.csv",
    }
    countries = load_countries(files["countries"], files["aliases"])
    ilo, offices = load_offices(files["offices"])
    organizations = load_organizations(files["organizations"])
    reference = Reference(
        countries=countries,
        conventions=load_conventions(files["conventions"]),
        sdgs=load_sdgs(files["sdgs"]),
        organizations=organizations,
        ilo=ilo,
        offices=offices,
        themes=load_themes(files["themes"]),
        projects=load_projects(files["projects"]),
        regions=load_regions(files["offices"], offices),
        country_groups=load_country_groups(files["offices"]),
        files=tuple(files.values()),
        localized=load_localized_names(files["localized"]),
        cities=load_cities(files["cities"]),
    )
    coverage = {o.coverage_name for o in offices}
    for c in countries:
        if c.office not in coverage:
            raise ReferenceError(
                f"{files['countries']}: {c.name}: ilo_office {c.office!r} is not an office of offices.yaml "
                f"(known: {', '.join(sorted(coverage))})"
            )
    org_keys = {o.key for o in organizations}
    for office in offices:
        if office.liaison_with and office.liaison_with not in org_keys:
            raise ReferenceError(
                f"{files['offices']}: {office.key}: liaison_with {office.liaison_with!r} unknown"
            )
    office_keys = {o.key for o in offices} | {ilo.key}
    for name in reference.localized:
        keys = office_keys if name.kind == "office" else org_keys | {ilo.key}
        if name.key not in keys:
            raise ReferenceError(f"{files['localized']}:{name.line}: {name.kind} {name.key!r} unknown")
    codes = {c.alpha3 for c in countries}
    for city in reference.cities:
        if city.alpha3 not in codes:
            raise ReferenceError(f"{files['cities']}: {city.name}: country {city.alpha3!r} unknown")
    for org in organizations:
        if org.country and org.country not in codes:
            raise ReferenceError(f"{files['organizations']}: {org.key}: country {org.country!r} unknown")
    return reference
