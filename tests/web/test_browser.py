"""The pages in a real headless Chromium (Debian's), around a fixture dataset with a row limit above 10,000.

Editor (highlighting, completion, Ctrl+Enter, the error marked), results (sorting, paging through
10,000 rows, map, timeline, bar chart), a shared URL that runs, a canned example with its parameters,
search to a project page, a country page, a canned form's picker, Swagger UI -- and no request to any
host but the server's own.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest
from fixture_kg import make_dist
from web_support import FIXTURE_QUERIES, TIMEOUT_S, free_port, serve_in_thread

from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.queries import load_catalogue
from ilo_kg.web.app import create_app

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WAIT = 15_000

pytestmark = pytest.mark.browser

# a project about child labour, a theme, and a second office, beside the shared fixture's data
EXTRA = """
<https://w3id.org/ilo-kg/id/theme/child-labour> a skos:Concept ; skos:prefLabel "Child labour"@en .
project:child-labour-free-zones a ilo:Project, schema:Project ;
    skos:prefLabel "Towards child labour free zones in Central Asia"@en ;
    skos:altLabel "CLFZ"@en ;
    schema:startDate "2019-03-01"^^xsd:date ; schema:endDate "2021-02-28"^^xsd:date ;
    schema:funder orgn:european-union ; schema:areaServed country:POL ;
    dcterms:subject <https://w3id.org/ilo-kg/id/theme/child-labour> ; dcterms:source src:projects .
office:moscow a ilo:Office ; skos:prefLabel "ILO Office Moscow"@en ;
    schema:areaServed country:RUS ; dcterms:source src:about .
country:RUS a ilo:Country, schema:Country ; skos:prefLabel "Russian Federation"@en ; skos:altLabel "Russia"@en .
"""


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file() or shutil.which("chromium"):
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + ": the browser test cannot run in CI without it")
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    dist = make_dist(tmp_path_factory.mktemp("workbench") / "dist", EXTRA)
    port = free_port()
    settings = Settings(output=dist, timeout_s=TIMEOUT_S * 5, max_rows=20_000, workers=1, port=port)
    store = OxigraphStore.open(dist / "store", workers=1, timeout_s=TIMEOUT_S * 5, max_rows=20_000)
    app = create_app(settings, store, load_catalogue(FIXTURE_QUERIES))
    try:
        with serve_in_thread(app, port, "uvicorn-browser") as url:
            yield url
    finally:
        store.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """A page that records every request and every script error; both are checked after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    tab.on("request", lambda r: hosts.add(urlparse(r.url).netloc) if r.url.startswith("http") else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.base = server
    try:
        yield tab
        assert hosts <= {urlparse(server).netloc}, f"requests left the server: {hosts}"
        assert not errors, errors
    finally:
        context.close()


def set_query(page: Any, text: str) -> None:
    page.evaluate(
        "t => { const v = window.workbench.view;"
        " v.dispatch({changes: {from: 0, to: v.state.doc.length, insert: t}}) }",
        text,
    )


def run_and_wait(page: Any) -> str:
    page.click(".cm-content")
    page.keyboard.press("Control+Enter")
    page.wait_for_function(
        "() => /row\\(s\\)|triple\\(s\\)|answer|error|graph/.test(document.getElementById('status').textContent)",
        timeout=WAIT,
    )
    return str(page.inner_text("#status"))


def test_editor_highlights_and_completes_prefixes_and_resources(page: Any) -> None:
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    set_query(page, "")
    page.click(".cm-content")
    page.keyboard.type("SELECT ?p WHERE { ?p a sch")
    # highlighting: the keyword and the variable are styled spans of different colours
    colour = "el => getComputedStyle(el).color"
    keyword = page.locator(".cm-line span", has_text="SELECT").first.evaluate(colour)
    variable = page.locator(".cm-line span", has_text="?p").first.evaluate(colour)
    plain = page.locator(".cm-content").evaluate(colour)
    assert keyword != plain and variable != plain and keyword != variable
    # prefix completion
    page.wait_for_selector(".cm-tooltip-autocomplete li", timeout=WAIT)
    assert "schema:" in page.locator(".cm-tooltip-autocomplete .cm-completionLabel").all_inner_texts()
    page.keyboard.press("Escape")
    page.keyboard.type("ema:Proj")
    page.wait_for_selector(".cm-tooltip-autocomplete li", timeout=WAIT)
    labels = page.locator(".cm-tooltip-autocomplete .cm-completionLabel").all_inner_texts()
    assert labels[0] == "schema:Project", labels  # the graph's own vocabulary
    # (clicked: CodeMirror ignores Enter for 75 ms after the list changes, a guard against mistakes)
    page.locator(".cm-tooltip-autocomplete li", has_text="schema:Project").first.click()
    # a resource by its label (a typo and an alternative label tolerated), inserted as a prefixed name
    page.keyboard.type(" ; schema:areaServed hungry")
    page.wait_for_selector(".cm-tooltip-autocomplete li:has-text('Hungary')", timeout=WAIT)
    page.locator(".cm-tooltip-autocomplete li", has_text="Hungary").first.click()
    page.keyboard.type(" }")
    assert page.evaluate("window.workbench.text()").endswith("schema:areaServed country:HUN }")
    # after PREFIX, the whole declaration is completed
    page.keyboard.press("Control+Home")
    page.keyboard.type("PREFIX foa")
    page.locator(".cm-tooltip-autocomplete li", has_text="foaf:").first.click()
    page.keyboard.press("Enter")
    assert page.evaluate("window.workbench.text()").startswith("PREFIX foaf: <http://xmlns.com/foaf/0.1/>\n")
    # the prefixes it needs are added when it runs
    status = run_and_wait(page)
    text = page.evaluate("window.workbench.text()")
    assert "PREFIX country: <https://w3id.org/ilo-kg/id/country/>" in text
    assert "PREFIX schema: <https://schema.org/>" in text
    assert status.startswith("2 row(s)"), (status, text)  # the two projects in Hungary
    assert "query=" in page.url


def test_syntax_error_is_marked_at_its_line_and_column(page: Any) -> None:
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    set_query(page, "SELECT ?s WHERE {\n  ?s ?p ?o .\n  ?s ?p\n}")
    status = run_and_wait(page)
    assert status.startswith("error 400")
    message = page.inner_text("#results pre.error")
    assert "(line 3, column 3)" in message and "{" not in message[:1]  # the message, not a JSON body
    marked = page.locator(".cm-lintRange-error")
    marked.first.wait_for(timeout=WAIT)
    line = marked.first.evaluate("el => el.closest('.cm-line').textContent")
    assert line == "  ?s ?p"
    assert marked.first.inner_text() == "?s"


def test_ten_thousand_rows_paged_and_sorted(page: Any) -> None:
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    # 25 values of ?b, each with the 400 values of ?a (News 0 to News 399)
    set_query(
        page,
        "SELECT ?a ?b WHERE {\n  { SELECT ?b WHERE { ?b a ilo:NewsItem } ORDER BY ?b LIMIT 25 }\n"
        "  ?a a ilo:NewsItem\n}",
    )
    status = run_and_wait(page)
    assert status.startswith("10000 row(s)"), status
    assert "truncated" not in status
    page.wait_for_selector(".tabulator-row", timeout=WAIT)
    rows = page.locator(".tabulator-row")
    assert rows.count() <= 100  # one page in the document, not 10,000 rows
    first_number = "() => document.querySelector('.tabulator-row .tabulator-cell').textContent"
    assert page.evaluate(first_number) == "1"
    page.click(".tabulator-page[data-page='next']")
    assert page.evaluate(first_number) == "101"
    page.click(".tabulator-page[data-page='last']")
    assert page.evaluate(first_number) == "9901"
    assert "of 10000 rows" in page.inner_text(".tabulator-footer")
    # sort by ?a: by label, numbers in labels compared as numbers ("News 399" after "News 99")
    header = page.locator(".tabulator-col[tabulator-field='c0'] .tabulator-col-title")
    cell = "document.querySelector(\".tabulator-row .tabulator-cell[tabulator-field='c0'] a\").textContent"

    def first_a(expected: str) -> None:
        page.wait_for_function(f"() => {cell} === {expected!r}", timeout=WAIT)

    header.click()  # ascending
    header.click()  # descending
    page.click(".tabulator-page[data-page='first']")
    first_a("News 399")
    assert page.evaluate(first_number) != "1"
    page.click(".tabulator-page[data-page='last']")
    first_a("News 3")  # the last 100 rows: News 3 (25 times) then News 2 and so on, descending
    header.click()  # unsorted: the order of the answer again
    page.click(".tabulator-page[data-page='first']")
    page.wait_for_function(f"() => {first_number[6:]} === '1'", timeout=WAIT)
    # the labels came from the server; the prefixed name is beside them
    assert page.locator(".tabulator-row .curie").first.inner_text().startswith("news:item-")


def test_map_of_office_coverage(page: Any) -> None:
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    set_query(
        page,
        "#defaultView:Map\nSELECT ?office ?country WHERE { ?office a ilo:Office ; schema:areaServed ?country }",
    )
    status = run_and_wait(page)
    assert status.startswith("3 row(s)"), status
    page.wait_for_selector("svg.map path.shown", timeout=WAIT)
    shown = page.locator("svg.map path.shown")
    assert sorted(shown.evaluate_all("els => els.map(e => e.dataset.iso3)")) == ["HUN", "POL", "RUS"]
    fills = dict(shown.evaluate_all("els => els.map(e => [e.dataset.iso3, e.style.fill])"))
    assert fills["HUN"] == fills["POL"] != fills["RUS"]  # coloured by office
    assert page.locator("ul.legend li").all_inner_texts() == ["ILO Office Budapest", "ILO Office Moscow"]
    assert page.locator("svg.map path.country").count() > 200  # the world, from Natural Earth
    assert "view=map" not in page.url  # chosen by the comment, not by the URL
    page.click("#views [data-view=table]")
    page.wait_for_selector(".tabulator-row", timeout=WAIT)
    page.click("#views [data-view=chart]")
    page.wait_for_selector("#results canvas", timeout=WAIT)  # rows counted per office
    assert "view=chart" in page.url


def test_timeline_of_projects_from_a_shared_url(page: Any) -> None:
    query = (
        "SELECT ?project ?start ?end WHERE {\n"
        "  ?project a schema:Project ; schema:startDate ?start ; schema:endDate ?end }"
    )
    page.goto(page.base + "/query?" + urlencode({"query": query, "view": "timeline"}))
    page.wait_for_selector(".vis-item.vis-range", timeout=WAIT)  # the shared URL ran its query
    items = page.locator(".vis-item.vis-range .vis-item-content").all_inner_texts()
    assert sorted(items) == ["Safe work \"quoted\" project", "Skills for jobs",
                             "Towards child labour free zones in Central Asia"]  # fmt: skip
    assert page.inner_text("#status").startswith("3 row(s)")
    assert page.get_attribute("#views [data-view=map]", "disabled") is not None  # no countries


def test_example_asks_for_its_parameters(page: Any) -> None:
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    page.select_option("#examples", label="A country's triples")
    picker = page.locator("#params input[data-param=country]")
    assert picker.input_value() == "Hungary"  # the example value, by its name
    picker.fill("Poland")
    picker.dispatch_event("change")
    page.wait_for_function("() => window.workbench.text().includes('country/POL>')", timeout=WAIT)
    text = page.evaluate("window.workbench.text()")
    assert "VALUES ?country { <https://w3id.org/ilo-kg/id/country/POL> }" in text
    assert not text.startswith("#+")  # the header is in the form, not in the editor
    status = run_and_wait(page)
    assert status.startswith("4 triple(s)"), status  # a CONSTRUCT: its triples as rows
    page.wait_for_selector(".tabulator-row", timeout=WAIT)
    headers = page.locator(".tabulator-col-title").all_inner_texts()
    assert headers == ["#", "subject", "predicate", "object"]
    assert "Poland" in page.inner_text("#results")
    assert [a.strip() for a in page.locator("#downloads a").all_inner_texts()][:2] == ["ttl", "nt"]
    # the page of the canned query links here with its values: a name is resolved, then it runs
    page.goto(page.base + "/query?" + urlencode({"example": "country-graph", "country": "Poland"}))
    page.wait_for_function("() => /triple\\(s\\)/.test(document.getElementById('status').textContent)")
    assert page.inner_text("#status").startswith("4 triple(s)")
    assert "VALUES ?country { <https://w3id.org/ilo-kg/id/country/POL> }" in page.evaluate(
        "window.workbench.text()"
    )
    picker = page.locator("#params input[data-param=country]")
    assert picker.input_value() == "Poland"
    picker.fill("")
    picker.dispatch_event("change")
    page.click("#run")
    page.wait_for_function("() => document.getElementById('status').textContent.includes('needs')")
    assert "country" in page.inner_text("#status")  # not 0 rows without a word


def test_search_box_suggests_names_and_opens_the_one_picked(page: Any) -> None:
    page.goto(page.base + "/id/news/")
    box = page.locator("header input[name=q]")
    box.fill("hung")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#nav-suggestions option')].some(o => o.value === 'Hungary')",
        timeout=WAIT,
    )
    box.fill("Hungary")  # as picking the suggestion does
    box.press("Enter")
    page.wait_for_url("**/id/country/HUN", timeout=WAIT)
    assert page.inner_text("h1") == "Hungary"


def test_search_child_labour_reaches_the_project(page: Any) -> None:
    page.goto(page.base + "/")
    page.fill("header input[name=q]", "child labour")
    page.press("header input[name=q]", "Enter")
    page.wait_for_selector("ol.hits li")
    hits = page.locator("ol.hits li").all_inner_texts()
    assert hits[0].startswith("Child labour")  # the theme itself first
    page.click("ol.hits a:has-text('Towards child labour free zones')")
    page.wait_for_selector("h1")
    assert page.inner_text("h1") == "Towards child labour free zones in Central Asia"
    summary = page.inner_text("#summary")
    assert "2019-03-01 – 2021-02-28" in summary and "European Union" in summary
    page.wait_for_selector("#card-map svg.map path.shown", timeout=WAIT)
    assert page.locator("#card-map path.shown").evaluate_all("els => els.map(e => e.dataset.iso3)") == ["POL"]
    assert page.locator("#card-timeline .vis-item").count() >= 1
    assert "CLFZ" in page.inner_text(".alt-labels")


def test_country_page_and_the_kind_lists(page: Any) -> None:
    page.goto(page.base + "/id/country/")
    rows = page.locator("table.browse tbody tr")
    assert rows.count() == 3
    page.click("table.browse th a:has-text('name')")  # now descending
    assert page.locator("table.browse tbody tr td a").first.inner_text() == "Russian Federation"
    page.click("table.browse a:has-text('Hungary')")
    page.wait_for_selector("#summary")
    assert "ILO Office Budapest" in page.inner_text("#summary")
    assert "Skills for jobs" in page.inner_text("#summary")
    page.wait_for_selector("#card-map svg.map path.shown", timeout=WAIT)
    # incoming links once per resource: a news item about Hungary is listed once
    incoming = page.locator("table.incoming td:first-child").all_inner_texts()
    assert len(incoming) == len(set(incoming))


def test_canned_form_picks_a_country_by_name(page: Any) -> None:
    page.goto(page.base + "/queries/country-graph")
    picker = page.locator("input.picker[name=country]")
    picker.fill("Pol")
    page.wait_for_function(
        "() => [...document.querySelectorAll('#picker-country option')].some(o => o.value === 'Poland')",
        timeout=WAIT,
    )
    picker.fill("Poland")
    page.click("form.params button[type=submit]")
    page.wait_for_selector("table.results")
    assert "country=Poland" in page.url
    subjects = page.locator("table.results tbody tr td:first-child a")
    assert set(subjects.evaluate_all("els => els.map(e => e.getAttribute('href'))")) == {"/id/country/POL"}
    assert set(subjects.all_inner_texts()) == {"Poland"}
    page.goto(page.base + "/queries/country-graph?country=Atlantis")
    assert "unknown country 'Atlantis'" in page.inner_text("p.error")


def test_swagger_ui_is_served_from_the_package(page: Any) -> None:
    page.goto(page.base + "/docs")
    page.wait_for_selector(".swagger-ui .info .title", timeout=WAIT)
    assert "ilo-kg" in page.inner_text(".swagger-ui .info .title")
    page.wait_for_selector(".opblock-tag-section", timeout=WAIT)


def test_sparql_text_helpers(page: Any) -> None:
    """The query page's text helpers, in the browser: prefixes used in strings, IRIs or comments don't count."""
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    out = page.evaluate(
        """async () => {
      const m = await import('/static/js/sparql-text.js');
      const known = {schema: 'https://schema.org/', country: 'C/', foo: 'F/', a: 'A/'};
      const q = '#defaultView:Map\\nPREFIX schema: <https://schema.org/>\\n'
        + 'SELECT * { ?s schema:x country:UKR ; a <http://a.b/c:d> . FILTER(?x = "foo:bar") } # a:b';
      const params = [{name: 'country', type: 'iri'}, {name: 'on', type: 'date'}];
      const once = m.withParameters('SELECT ?x WHERE { ?x ?p ?country }', params, {country: 'http://x/HUN', on: ''});
      const twice = m.withParameters(once, params, {country: 'http://x/POL', on: '2024-01-02'});
      return {
        prefixed: m.addMissingPrefixes(q, known),
        view: m.defaultView(q),
        once, twice,
        cleared: m.withParameters(twice, params, {}),
        at: m.errorPosition('SPARQL syntax error (line 2, column 7): oops'),
      };
    }"""
    )
    assert out["prefixed"]["added"] == ["country"]
    assert out["prefixed"]["text"].startswith(
        "#defaultView:Map\nPREFIX schema: <https://schema.org/>\nPREFIX country: <C/>\nSELECT"
    )
    assert out["view"] == "map"
    assert out["once"].count("VALUES") == 1 and "<http://x/HUN>" in out["once"]
    assert out["twice"].count("VALUES") == 2 and "HUN" not in out["twice"]
    assert 'VALUES ?on { "2024-01-02"^^<http://www.w3.org/2001/XMLSchema#date> }' in out["twice"]
    assert out["cleared"] == "SELECT ?x WHERE {\n  ?x ?p ?country }"
    assert out["at"] == {"line": 2, "column": 7}


def test_labels_are_text_not_markup_in_every_view(page: Any) -> None:
    """A literal with markup in it is shown as text in the table, the timeline and the map's tooltips."""
    page.goto(page.base + "/query")
    page.wait_for_selector(".cm-editor")
    set_query(
        page,
        "SELECT ?country ?label ?start WHERE {\n"
        '  VALUES (?country ?label ?start) { (country:HUN "<img src=x onerror=window.hacked=1>" "2020-01-01") }\n'
        "}",
    )
    run_and_wait(page)
    page.wait_for_selector(".tabulator-row", timeout=WAIT)
    assert "<img src=x" in page.inner_text("#results")
    for view in ("timeline", "map"):
        page.click(f"#views [data-view={view}]")
        page.wait_for_selector(".vis-item" if view == "timeline" else "svg.map path.shown", timeout=WAIT)
        assert page.locator("#results img").count() == 0
    assert page.evaluate("window.hacked") is None
