#!/usr/bin/env python3
"""Screenshots of the pages for the README: the query page (table, map, timeline), a project and a country.

Serves the published build (``ilo-kg serve``, which builds once when nothing is published) on a free port
and drives Debian's Chromium with Playwright (``pip install -e '.[test]'``)::

    .venv/bin/python scripts/screenshots.py [--out docs/screenshots] [--root .]
"""

from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip

TABLE = """SELECT DISTINCT ?project ?start ?end ?funder ?country WHERE {
  ?project a schema:Project ; schema:startDate ?start ; schema:endDate ?end .
  OPTIONAL { ?project schema:funder ?funder }
  OPTIONAL { ?project schema:areaServed ?country }
} ORDER BY ?start
"""
TIMELINE = """#defaultView:Timeline
SELECT ?project ?name ?start ?end WHERE {
  ?project a schema:Project ; skos:prefLabel ?name ; schema:startDate ?start ; schema:endDate ?end .
}
"""
MAP = """#defaultView:Map
SELECT ?country ?office WHERE {
  ?office a ilo:Office ; schema:areaServed ?country .
  ?country a schema:Country .
}
"""
PROJECT = "/id/project/local-employment-partnerships-2"
COUNTRY = "/id/country/UKR"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def serve(root: Path, port: int) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "ilo-kg"), "--root", str(root), "serve", "--port", str(port)]
    process = subprocess.Popen(command, cwd=root, start_new_session=True)
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"ilo-kg serve exited with {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/status", timeout=5) as r:
                if r.status == 200:
                    return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise SystemExit("ilo-kg serve did not answer within 300 s")


def query_url(base: str, text: str) -> str:
    return f"{base}/query?" + urlencode({"query": text})


def shoot(base: str, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, device_scale_factor=1)

        def save(name: str, full: bool = False) -> None:
            path = out / f"{name}.png"
            page.screenshot(path=str(path), full_page=full)
            written.append(path)

        page.goto(query_url(base, TABLE))
        page.wait_for_selector(".tabulator-row", timeout=30_000)
        save("query-table")
        page.goto(query_url(base, MAP))
        page.wait_for_selector("svg.map path.shown", timeout=30_000)
        save("query-map", full=True)
        page.goto(query_url(base, TIMELINE))
        page.wait_for_selector(".vis-item", timeout=30_000)
        page.wait_for_timeout(500)  # the timeline's first layout
        save("query-timeline", full=True)
        for name, path in (("project", PROJECT), ("country", COUNTRY)):
            page.goto(base + path)
            page.wait_for_selector("#card-map svg.map path.shown", timeout=30_000)
            page.wait_for_timeout(500)  # the timeline's first layout
            save(name, full=True)
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--root", type=Path, default=ROOT, help="the project folder (its published build)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    port = free_port()
    process = serve(args.root.resolve(), port)
    try:
        for path in shoot(f"http://127.0.0.1:{port}", args.out):
            print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    finally:
        os.kill(process.pid, signal.SIGINT)
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
