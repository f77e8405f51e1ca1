"""The query page in a real headless Chromium: run an example, see the results table."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from web_support import Live

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

pytestmark = pytest.mark.browser


def _require_chromium() -> None:
    if Path(CHROMIUM).is_file() or shutil.which("chromium"):
        return
    message = f"Chromium is not installed at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message + ": the browser test cannot run in CI without it")
    pytest.skip(message)


def test_query_page_runs_an_example_and_shows_a_table(live: Live) -> None:
    _require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            page = browser.new_page()
            page.goto(live.url + "/query")
            page.select_option("#examples", label="Projects by funder")
            assert "schema:funder ?funder" in page.input_value("#query")
            page.click("#run")
            page.wait_for_selector("#results table.results tbody tr", timeout=15_000)
            headers = page.locator("#results th").all_inner_texts()
            assert headers == ["funder", "project", "name", "start"]
            assert "Skills for jobs" in page.inner_text("#results")
            assert "row(s)" in page.inner_text("#status")
            assert "query=" in page.url  # shareable URL
            links = page.locator("#downloads a").all_inner_texts()
            assert links == ["json", "xml", "csv", "tsv"]

            page.goto(page.url)  # the shared URL opens with the same query
            assert "schema:funder ?funder" in page.input_value("#query")

            page.fill("#query", "SELECT ?s WHERE { ?s ?p ")
            page.click("#run")
            page.wait_for_selector("#results pre.error", timeout=15_000)
            assert "syntax error" in page.inner_text("#results").lower()
        finally:
            browser.close()
