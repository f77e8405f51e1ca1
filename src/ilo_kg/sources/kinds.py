"""The registry of page kinds: how each kind is recognised and read.

A kind is one row of :data:`KINDS`: a :class:`PageKind`, a ``detect`` function that scores
how well a page's layout fits it (0: not at all), and an ``extract`` function that reads the
page's records.  The page takes the kind with the highest score; the ``article`` kind fits
any page with text (a newsletter, a country page, an "About us" text with no office
statements), so no page with text is ever refused for its shape.  A new kind is one module
with its two functions and one row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import cached_property

from ilo_kg.records import ExtractionWarning, Page, PageKind
from ilo_kg.sources.dated import dated_news, month_bulleted_news
from ilo_kg.sources.layout import Heading, Layout
from ilo_kg.sources.news import extract_news, looks_like_news_item
from ilo_kg.sources.newsletter import extract_newsletter, issue_month
from ilo_kg.sources.offices import OfficeFacts
from ilo_kg.sources.projects import extract_projects, looks_like_project_item
from ilo_kg.sources.teasers import stacked_teasers, undated_teasers


@dataclass(frozen=True)
class Reading:
    """A page as the detectors and extractors see it: its layout and its office statements."""

    layout: Layout
    facts: OfficeFacts
    path: str
    source_id: str
    language: str = "en"

    @cached_property
    def counts(self) -> tuple[int, int]:
        """(items with a date range, items with a date line): read once, asked by several detectors."""
        items = self.layout.items
        return (
            sum(1 for it in items if looks_like_project_item(it)),
            sum(1 for it in items if looks_like_news_item(it)),
        )


@dataclass(frozen=True)
class Kind:
    kind: PageKind
    detect: Callable[[Reading], float]
    extract: Callable[[Reading], Page]
    description: str


def _page(r: Reading, kind: PageKind, warnings: list[ExtractionWarning], **records: object) -> Page:
    return Page(
        r.path,
        r.source_id,
        kind,
        r.layout.title,
        tuple(r.layout.paragraphs),
        warnings=tuple(warnings),
        language=r.language,
        subtitle=_subtitle(r),
        **records,  # type: ignore[arg-type]
    )


def _subtitle(r: Reading) -> str | None:
    """The heading right under the page's title, before any text (a page titled by its topic, subtitled by
    what it presents: "Syrian Refugees" / "ILO's Response to Syrian Refugee Crisis")."""
    first = r.layout.blocks[0] if r.layout.blocks else None
    return first.text if isinstance(first, Heading) and not first.month else None


def _office_records(r: Reading) -> dict[str, object]:
    f = r.facts
    return {
        "coverage": tuple(f.coverage),
        "network": tuple(f.network),
        "coordinators": tuple(f.coordinators),
        "identity": tuple(f.identity),
    }


def _is_about(r: Reading) -> bool:
    return bool(r.facts.network or r.facts.coordinators or r.layout.title.lower().startswith("about"))


def _strong_office(r: Reading) -> bool:
    f = r.facts
    return bool(f.coverage or _is_about(r) or any(i.former_names or i.since_year for i in f.identity))


# --- project listing ----------------------------------------------------------------------------


def _detect_projects(r: Reading) -> float:
    ranged, dated = r.counts
    return 5.0 if ranged and ranged >= dated else 0.0


def _extract_projects(r: Reading) -> Page:
    projects, warnings = extract_projects(r.layout, r.path)
    return _page(r, PageKind.PROJECT_LISTING, warnings, projects=tuple(projects))


# --- news listing -------------------------------------------------------------------------------


def _detect_news(r: Reading) -> float:
    _, dated = r.counts
    return 3.0 if dated else 0.0


def _extract_news(r: Reading) -> Page:
    news, warnings = extract_news(r.layout.items, r.path)
    if not news:
        warnings.append(ExtractionWarning(r.path, r.layout.title_line or 1, "no news items found"))
    return _stacked(r, _page(r, PageKind.NEWS_LISTING, warnings, news=tuple(news)))


# --- about page and office page -----------------------------------------------------------------


def _detect_about(r: Reading) -> float:
    return 4.5 if _strong_office(r) and _is_about(r) else 0.0


def _detect_office(r: Reading) -> float:
    if _strong_office(r) and not _is_about(r):
        return 4.0
    return 2.0 if r.facts.identity else 0.0


def _office_page(kind: PageKind) -> Callable[[Reading], Page]:
    def extract(r: Reading) -> Page:
        news, warnings = extract_news(r.layout.items, r.path)
        f = r.facts
        if not (f.coverage or f.identity or f.network or f.coordinators):
            warnings.append(ExtractionWarning(r.path, r.layout.title_line or 1, "no office statements found"))
        return _teasers(r, _page(r, kind, warnings, news=tuple(news), **_office_records(r)))

    return extract


# --- article: running text of any other page ----------------------------------------------------


ARTICLE_WORDS = 40


def _detect_article(r: Reading) -> float:
    """Running text of some length (a few words under a title are no page of record)."""
    words = sum(len(p.text.split()) for p in r.layout.paragraphs)
    words += sum(len(text.split()) for it in r.layout.items for _, text in it.blocks())
    return 1.0 if words >= ARTICLE_WORDS else 0.0


def _stacked(r: Reading, page: Page) -> Page:
    """A run of line-by-line teasers ("headline / summary / ©") beside a page's other items (English)."""
    if r.language != "en":
        return page
    stacked, rest = stacked_teasers(r.layout)
    return replace(page, news=page.news + tuple(stacked), paragraphs=tuple(rest)) if stacked else page


def _teasers(r: Reading, page: Page) -> Page:
    """Undated teasers of an English page (their layouts are read so far): numbered or bulleted ones when
    the page has no dated item, and a run of line-by-line ones on any."""
    if r.language != "en" or any(looks_like_project_item(it) for it in r.layout.items):
        return page
    page = _stacked(r, page)
    if page.news:
        return page
    teasers, rest = undated_teasers(r.layout)
    return replace(page, news=tuple(teasers), paragraphs=tuple(rest)) if teasers else page


def _extract_article(r: Reading) -> Page:
    news, warnings = extract_news(r.layout.items, r.path)
    page = _page(r, PageKind.ARTICLE, warnings, news=tuple(news), **_office_records(r))
    if not news:  # news written as dated paragraphs ("30 Avril 2015 - Headline")
        dated, used = dated_news(r.layout)
        if dated:
            rest = tuple(p for p in page.paragraphs if p.line not in used)
            page = replace(page, news=tuple(dated), paragraphs=rest)
    if not page.news:  # bulleted headlines under month headings ("Février 2016" / "• Headline")
        monthly, lines = month_bulleted_news(r.layout)
        if monthly:
            rest = tuple(p for p in page.paragraphs if p.line not in lines)
            page = replace(page, news=tuple(monthly), paragraphs=rest)
    return _teasers(r, page)


# --- newsletter issue -----------------------------------------------------------------------------


def _detect_newsletter(r: Reading) -> float:
    """An issue title with its month ("ILO Budapest Newsletter 2023 March") over unnumbered headlines.

    An issue with no headline (only its introduction) is running text: an article.
    """
    _, dated = r.counts
    if dated or issue_month(r.layout.title) is None:
        return 0.0
    return 3.5 if extract_newsletter(r.layout, r.path)[0] else 0.0


def _extract_newsletter(r: Reading) -> Page:
    news, rest, warnings = extract_newsletter(r.layout, r.path)
    if not news:
        warnings.append(ExtractionWarning(r.path, r.layout.title_line or 1, "no newsletter headlines found"))
    page = _page(r, PageKind.NEWSLETTER, warnings, news=tuple(news))
    return replace(page, paragraphs=tuple(rest))  # a summary is its item's text, not the page's


KINDS: tuple[Kind, ...] = (
    Kind(PageKind.PROJECT_LISTING, _detect_projects, _extract_projects, "numbered projects with date ranges"),
    Kind(PageKind.ABOUT_PAGE, _detect_about, _office_page(PageKind.ABOUT_PAGE), "offices and coverage"),
    Kind(PageKind.OFFICE_PAGE, _detect_office, _office_page(PageKind.OFFICE_PAGE), "an office and its news"),
    Kind(PageKind.NEWS_LISTING, _detect_news, _extract_news, "numbered items with a date line"),
    Kind(PageKind.NEWSLETTER, _detect_newsletter, _extract_newsletter, "an issue's headlines and summaries"),
    Kind(PageKind.ARTICLE, _detect_article, _extract_article, "running text: country pages, statements"),
)
BY_KIND = {k.kind: k for k in KINDS}


def detect(r: Reading) -> PageKind | None:
    """The kind that fits the page best (registry order breaks ties), or None if none fits."""
    best: tuple[float, int, PageKind] | None = None
    for order, k in enumerate(KINDS):
        score = k.detect(r)
        if score > 0 and (best is None or (score, -order) > best[:2]):
            best = (score, -order, k.kind)
    return best[2] if best else None
