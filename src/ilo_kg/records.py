"""Frozen records extracted from source pages.

The extractors in :mod:`ilo_kg.sources` turn page text into these records by the
structure of the page kind; they know nothing of RDF.  Linking and mapping to
triples happen later (:mod:`ilo_kg.link`, :mod:`ilo_kg.mapping`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Literal


class PageKind(StrEnum):
    """The kinds of source page the extractors understand."""

    PROJECT_LISTING = "project-listing"  # "Overview of current projects"
    NEWS_LISTING = "news-listing"  # news by month headings, or a "What's new" list
    ABOUT_PAGE = "about-page"  # regional "About us": offices, coverage, coordinators
    OFFICE_PAGE = "office-page"  # an office's home page: names, history, coverage, news
    ARTICLE = "article"  # running text of any other page: a country page, a statement
    NEWSLETTER = (
        "newsletter"  # an issue of a newsletter: headlines over summaries, dated by the month
    )


@dataclass(frozen=True)
class ExtractionWarning:
    """Something odd in a page that did not stop extraction."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text (not a numbered item), with its first line number."""

    text: str
    line: int
    section: str | None = None  # the heading it sits under, e.g. "National coordinators"
    bullet: bool = False  # it opens with a bullet ("•"): an entry of a list, e.g. a home page's teaser


@dataclass(frozen=True)
class ProjectItem:
    """One numbered item of a project listing."""

    number: int
    title: str
    start: date | None
    end: date | None
    description: str
    line: int
    truncated: bool = False


@dataclass(frozen=True)
class NewsItem:
    """One numbered item of a news listing or of an office page's news list."""

    number: int
    headline: str
    published: date | None  # None: the page gives the item no date (a home page's teaser)
    summary: str
    line: int
    category: str | None = None  # e.g. "Video", "Labour inspection", "Employment creation in Moldova"
    credit: str | None = None  # the "©" line without the sign, e.g. "ILO 2024"
    group: str | None = None  # the month heading it sits under, e.g. "November 2021"
    truncated: bool = False
    precision: Literal["day", "month"] = (
        "day"  # "month": the page dates it by month only (``published``: its 1st)
    )


@dataclass(frozen=True)
class CoverageStatement:
    """'Under the responsibility of <office> are the following countries: A, B and C.'

    ``office`` is the office mention as written (e.g. "ILO DWT/CO in Moscow");
    ``city`` the city named in it when there is one.  ``countries`` are the
    country mentions as written, in page order.  ``also`` holds territories or
    countries said to be covered in a following sentence ("The Office also
    covers activities in Kosovo ...").
    """

    office: str
    city: str | None
    countries: tuple[str, ...]
    line: int
    also: tuple[str, ...] = ()
    stated_count: int | None = None  # "in ten countries: ..." -> 10, when the sentence states a number
    # names given in passing ("from the Baltic States to Albania", "with a focus on the Western Balkans"):
    # each is taken only when it is a country's name, and is never reported as unresolved
    in_passing: tuple[str, ...] = ()


@dataclass(frozen=True)
class OfficeNetworkStatement:
    """A sentence naming offices by city, with what each covers when stated.

    e.g. "an Office in Brussels ensuring the liaison with the European Union
    Institutions and the Benelux countries" -> city "Brussels", role "liaison",
    covers ("Benelux countries",); "Rome (also covering San Marino)" -> city
    "Rome", covers ("San Marino",).  ``fallback`` is True for the office that
    serves "all other countries".
    """

    city: str
    line: int
    role: str | None = None
    covers: tuple[str, ...] = ()
    fallback: bool = False
    office: str | None = None  # the office mention when named, e.g. "Regional Office"
    liaison: tuple[str, ...] = ()  # bodies liaised with, not countries: "European Union Institutions"


@dataclass(frozen=True)
class CoordinatorStatement:
    """'National Coordinators in ... - currently in A, B and C.'"""

    countries: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class OfficeIdentity:
    """What an office page says about the office itself.

    ``name`` is the present name; ``former_names`` earlier ones; ``renamed`` the
    date text of the change when stated ("April 2010"); ``city`` and
    ``since_year`` from "has worked in Moscow since 1959"; ``country_count`` the
    number stated ("ten countries", "51 countries").
    """

    name: str
    line: int
    former_names: tuple[str, ...] = ()
    renamed: str | None = None
    city: str | None = None
    since_year: int | None = None
    country_count: int | None = None


@dataclass(frozen=True)
class Page:
    """Everything extracted from one source page."""

    path: str
    source_id: str  # slug of the file stem, e.g. "000_cbae26d3a4f12fc4" -> "000-cbae26d3a4f12fc4"
    kind: PageKind
    title: str
    paragraphs: tuple[Paragraph, ...] = ()
    projects: tuple[ProjectItem, ...] = ()
    news: tuple[NewsItem, ...] = ()
    coverage: tuple[CoverageStatement, ...] = ()
    network: tuple[OfficeNetworkStatement, ...] = ()
    coordinators: tuple[CoordinatorStatement, ...] = ()
    identity: tuple[OfficeIdentity, ...] = ()
    warnings: tuple[ExtractionWarning, ...] = field(default=())
    language: str = "en"  # ISO 639-1 code of the page's text; text mining reads English only
    subtitle: str | None = None  # a heading right under the title ("ILO's Response to Syrian Refugee Crisis")
