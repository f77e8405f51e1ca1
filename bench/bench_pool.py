"""Benchmark: the worker pool's overhead on a cheap query vs in-process, and worker start-up.

Run: ``.venv/bin/python bench/bench_pool.py``; prints the figures and writes bench/results/pool.json.
"""

from __future__ import annotations

import asyncio
import json
import pickle
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox

from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.safety import check_query

RESULTS = Path(__file__).parent / "results" / "pool.json"
EX = "https://w3id.org/ilo-kg/id/"
G = "https://w3id.org/ilo-kg/graph/"
CHEAP = f"ASK {{ <{EX}thing/t1> ?p ?o }}"
TYPICAL = f"""PREFIX schema: <https://schema.org/>
SELECT ?s ?name WHERE {{ ?s schema:name ?name . OPTIONAL {{ ?s <{EX}p/1> ?o }} }} ORDER BY ?name LIMIT 20"""
ROWS_10K = "SELECT ?s ?p ?o { ?s ?p ?o } LIMIT 10000"


def build(path: Path, n: int = 20000) -> None:
    store = ox.Store(str(path))
    store.bulk_extend(
        ox.Quad(
            ox.NamedNode(f"{EX}thing/t{i}"),
            ox.NamedNode("https://schema.org/name"),
            ox.Literal(f"Thing {i}", language="en"),
            ox.NamedNode(G + ("reference", "inferred")[i % 2]),
        )
        for i in range(n)
    )
    store.flush()
    del store


def median_ms(fn: Callable[[], object], runs: int) -> float:
    for _ in range(min(20, runs)):
        fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


BIG = Path("/tmp/ilo-bench/d1000k")  # the 1M release bench/bench_http.py makes (skipped when absent)


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def worker_memory(release: Path) -> dict[str, object]:
    """Start-up, RSS per worker on disk and once its in-memory copy is made, on a published release."""
    out: dict[str, object] = {"release": str(release)}
    started = time.perf_counter()
    with OxigraphStore.open(
        release / "store", workers=2, memory_quads=10**8, memory_source=release / "ilo-kg.nq"
    ) as pool:
        out["open_s"] = round(time.perf_counter() - started, 3)
        out["quads"] = pool.triple_count()
        out["rss_disk_mb"] = [round(_rss_mb(pid), 1) for pid in pool.worker_pids()]
        while pool.worker_modes() != ("memory", "memory"):
            time.sleep(0.2)
        out["in_memory_after_s"] = round(time.perf_counter() - started, 2)
        out["rss_memory_mb"] = [round(_rss_mb(pid), 1) for pid in pool.worker_pids()]
    return out


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "store"
        build(path)
        figures: dict[str, object] = {"python": platform.python_version(), "pyoxigraph": ox.__version__}
        with OxigraphStore.open(path, workers=0) as local:
            figures["in_process_cheap_ms"] = median_ms(lambda: local.query(CHEAP), 2000)
            figures["in_process_typical_ms"] = median_ms(lambda: local.query(TYPICAL), 500)
            figures["in_process_10k_rows_ms"] = median_ms(lambda: local.query(ROWS_10K), 20)
            big = local.query(ROWS_10K)
            figures["pickle_10k_rows_dumps_ms"] = median_ms(lambda: pickle.dumps(big, protocol=5), 10)
            blob = pickle.dumps(big, protocol=5)
            figures["pickle_10k_rows_loads_ms"] = median_ms(lambda: pickle.loads(blob), 10)
            figures["pickle_10k_rows_bytes"] = len(blob)
            known = local.graphs()
            figures["safety_check_typical_us"] = 1000 * median_ms(
                lambda: check_query(TYPICAL, known_graphs=known), 2000
            )
            with_from = TYPICAL.replace("WHERE", f"FROM <{G}reference> WHERE")
            figures["safety_check_with_from_cached_us"] = 1000 * median_ms(
                lambda: check_query(with_from, known_graphs=known), 2000
            )
        started = time.perf_counter()
        with OxigraphStore.open(path, workers=2) as pool:
            figures["pool_open_2_workers_s"] = time.perf_counter() - started
            figures["worker_startup_s"] = list(pool.worker_startup_s())
            figures["pool_cheap_ms"] = median_ms(lambda: pool.query(CHEAP), 2000)
            figures["pool_typical_ms"] = median_ms(lambda: pool.query(TYPICAL), 500)
            figures["pool_10k_rows_ms"] = median_ms(lambda: pool.query(ROWS_10K), 20)
            loop = asyncio.new_event_loop()  # the web routes' path: the loop watches the pipe, no thread
            figures["pool_async_cheap_ms"] = median_ms(
                lambda: loop.run_until_complete(pool.query_async(CHEAP)), 2000
            )
            figures["pool_async_cheap_json_ms"] = median_ms(
                lambda: loop.run_until_complete(pool.query_async(CHEAP, formats={"ask": "json"})), 2000
            )
            loop.close()
        figures["pool_overhead_cheap_ms"] = float(figures["pool_cheap_ms"]) - float(  # type: ignore[arg-type]
            figures["in_process_cheap_ms"]
        )  # type: ignore[arg-type]
        figures["pool_async_overhead_cheap_ms"] = float(figures["pool_async_cheap_ms"]) - float(  # type: ignore[arg-type]
            figures["in_process_cheap_ms"]
        )  # type: ignore[arg-type]
    if BIG.is_dir():
        figures["big_release"] = worker_memory(BIG)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    for key, value in figures.items():
        print(f"{key:36} {value:.4f}" if isinstance(value, float) else f"{key:36} {value}")


if __name__ == "__main__":
    main()
