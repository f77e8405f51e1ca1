"""First paint of the query page in Debian's Chromium (headless), cold cache, on the real service.

Starts ``ilo-kg serve`` on the published build, loads ``/query`` N times, each in a new browser context
(nothing cached), and reads the browser's own paint timings: first paint, first contentful paint,
DOMContentLoaded and load, and when the editor (CodeMirror) is ready, with the bytes transferred.
Then, in a warm page, a query of 10,000 rows: from Ctrl+Enter to the first page of the table drawn
(the request, the labels of its resources, the table library loaded and drawn).
Writes ``bench/results/first-paint.json`` and prints a table. Not part of the test run::

    .venv/bin/python bench/first_paint.py [--runs 10]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time

from _server import PYTHON, ROOT, Server, log

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip
TIMINGS = """() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const paint = Object.fromEntries(performance.getEntriesByType('paint').map(e => [e.name, e.startTime]));
  const resources = performance.getEntriesByType('resource');
  const bytes = resources.reduce((n, e) => n + e.transferSize, nav.transferSize);
  return {first_paint_ms: paint['first-paint'], first_contentful_paint_ms: paint['first-contentful-paint'],
          dom_content_loaded_ms: nav.domContentLoadedEventEnd, load_ms: nav.loadEventEnd,
          editor_ready_ms: performance.getEntriesByName('editor-ready')[0].startTime, bytes};
}"""


def measure(url: str, runs: int) -> list[dict[str, float]]:
    from playwright.sync_api import sync_playwright

    samples = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs + 1):  # the first run warms the server (label index, vocabulary)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(url + "/query")
            page.wait_for_selector(".cm-editor")
            page.wait_for_load_state("load")
            samples.append(page.evaluate(TIMINGS))
            context.close()
        browser.close()
    return samples[1:]


ROWS_QUERY = (
    "SELECT ?a ?b ?c WHERE { ?a a schema:Country . ?b a schema:Country . ?c a schema:Country } LIMIT 10000"
)


def measure_rows(url: str, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    samples = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        for _ in range(runs + 1):
            page.goto(url + "/query")
            page.wait_for_selector(".cm-editor")
            page.evaluate(
                "t => { const v = window.workbench.view;"
                " v.dispatch({changes: {from: 0, to: v.state.doc.length, insert: t}}) }",
                ROWS_QUERY,
            )
            page.click(".cm-content")
            started = page.evaluate("() => performance.now()")
            page.keyboard.press("Control+Enter")
            page.wait_for_function("() => document.querySelectorAll('.tabulator-row').length === 100")
            ended = page.evaluate("() => performance.now()")
            status = page.inner_text("#status")
            if not status.startswith("10000 row(s)"):
                raise RuntimeError(f"expected 10000 rows, got {status!r}")
            samples.append(ended - started)
        browser.close()
    return samples[1:]


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--port", type=int, default=8931)
    args = parser.parse_args()
    command = [PYTHON, "-m", "ilo_kg.cli", "--root", str(ROOT), "serve", "--port", str(args.port)]
    with Server(command, args.port, probe="/status") as server:
        log(f"service ready in {server.ready_s:.2f} s; {args.runs} cold loads of /query")
        samples = measure(server.url, args.runs)
        rows = measure_rows(server.url, args.runs)
    for sample, took in zip(samples, rows, strict=True):
        sample["rows_10000_table_ms"] = took
    keys = list(samples[0])
    summary = {
        k: {"median": statistics.median(s[k] for s in samples), "max": max(s[k] for s in samples)}
        for k in keys
    }
    out = {
        "date": time.strftime("%Y-%m-%d %H:%M:%S"),
        "runs": args.runs,
        "browser": "Debian chromium, headless, new context per run (cold cache)",
        "rows_query": ROWS_QUERY,
        "summary": summary,
        "samples": samples,
    }
    path = ROOT / "bench" / "results" / "first-paint.json"
    path.write_text(json.dumps(out, indent=1) + "\n")
    print(f"| /query ({args.runs} cold loads) | median | max |\n| --- | --- | --- |")
    for k in keys:
        unit = "" if k == "bytes" else " ms"
        print(f"| {k} | {summary[k]['median']:.0f}{unit} | {summary[k]['max']:.0f}{unit} |")
    print(f"written to {path.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
