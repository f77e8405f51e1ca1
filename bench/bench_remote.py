"""Benchmark: the canned queries on Virtuoso (RemoteStore) next to the embedded store, p50/p99.

Run: ``.venv/bin/python bench/bench_remote.py [--runs 100] [--engine sparql+http://host:port/sparql]``.
Without ``--engine`` it builds the graph into a temporary folder, starts a private Virtuoso
(Debian's virtuoso-opensource, installed when missing; tests/remote/virtuoso_server.py) and
publishes the build into it.  With ``--engine`` the engine must already serve this build.
Prints the figures and writes bench/results/remote.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "remote"))

from virtuoso_server import start_virtuoso  # noqa: E402

from ilo_kg.build import build  # noqa: E402
from ilo_kg.config import Settings  # noqa: E402
from ilo_kg.engine.contract import Store, Term  # noqa: E402
from ilo_kg.engine.oxigraph import OxigraphStore  # noqa: E402
from ilo_kg.engine.remote import RemoteStore  # noqa: E402
from ilo_kg.queries import load_catalogue  # noqa: E402
from ilo_kg.remote_publish import publish_remote  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "remote.json"
EXTRA = {
    "all-rows (SELECT ?s ?p ?o over the union)": ("SELECT ?s ?p ?o WHERE { ?s ?p ?o }", {}),
    "count (COUNT(*) over the union)": ("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", {}),
}


def timings_ms(fn: Callable[[], object], runs: int) -> dict[str, float]:
    for _ in range(min(5, runs)):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return {
        "p50_ms": round(statistics.median(times), 3),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))], 3),
        "runs": runs,
    }


def workload(settings: Settings) -> dict[str, tuple[str, dict[str, Term]]]:
    out: dict[str, tuple[str, dict[str, Term]]] = {}
    for canned in load_catalogue(settings.queries_dir):
        out[canned.name] = (canned.text, canned.bind(canned.example_values()))
    out.update(EXTRA)  # type: ignore[arg-type]
    return out


def run(runs: int, engine: str | None) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(root=ROOT, output=Path(tmp) / "dist", max_rows=100000, timeout_s=30.0)
        build(settings)
        server = None
        publish_s = None
        if engine is None:
            server = start_virtuoso(Path(tmp) / "virtuoso")
            engine = server.url
            started = time.perf_counter()
            publish_remote(settings, server.publish_url, replace=True)
            publish_s = time.perf_counter() - started
        stores: dict[str, Store] = {
            "embedded_in_process": OxigraphStore.from_settings(settings, pool=False),
            "embedded_pool": OxigraphStore.from_settings(settings.with_(workers=2)),
            "virtuoso": RemoteStore.from_settings(settings.with_(engine=engine)),
        }
        try:
            triples = stores["embedded_in_process"].triple_count()
            queries = workload(settings)
            figures: dict[str, dict[str, dict[str, float]]] = {}
            for name, (text, bindings) in queries.items():
                figures[name] = {}
                for label, store in stores.items():
                    figures[name][label] = timings_ms(
                        lambda s=store, t=text, b=bindings: s.query(t, bindings=b or None), runs
                    )
        finally:
            for store in stores.values():
                store.close()
            if server is not None:
                server.stop()
    return {
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
        "engine": "Virtuoso 7.2 (Debian virtuoso-opensource) on 127.0.0.1" if server else engine,
        "quads": triples,
        "publish_s": None if publish_s is None else round(publish_s, 3),
        "note": "wall-clock per query from the caller's side: Virtuoso over HTTP on loopback, the embedded "
        "store in this process (in_process) or through the worker pool the service uses (pool)",
        "queries": figures,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=100)
    parser.add_argument("--engine", help="an engine that already serves this build (sparql+http://...)")
    args = parser.parse_args()
    report = run(args.runs, args.engine)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"{'query':<44} {'engine':<20} {'p50 ms':>9} {'p99 ms':>9}")
    for name, by_engine in report["queries"].items():  # type: ignore[attr-defined]
        for label, t in by_engine.items():
            print(f"{name[:44]:<44} {label:<20} {t['p50_ms']:>9.2f} {t['p99_ms']:>9.2f}")
    print(f"publish into Virtuoso: {report['publish_s']} s; written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
