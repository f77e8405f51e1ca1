"""Benchmark: the service's own CPU per point lookup, without the network (issue 11).

The app ``ilo-kg serve`` runs (``create_app`` around the embedded engine with its worker pool, response
cache off, this client exempt from the per-client limits) is called directly as an ASGI app under uvloop,
one distinct lookup after another (``SELECT ?p ?o WHERE { <s> ?p ?o }`` as a GET of ``/sparql``, SPARQL
JSON), once the workers and the service's own copy of the store are in memory.  What it prints is the
CPU time of this process per request: everything the service does for a lookup but uvicorn's HTTP and the
kernel's sockets.  ``--profile`` adds cProfile's top functions (their times inflated by the profiler;
``--sort`` and ``--top`` choose which); ``--cache-mb`` turns the response cache on.

Run: ``.venv/bin/python bench/lookup_inprocess.py`` (after ``bench/honest_speed.py`` made its release, or
``--dist`` another one); writes bench/results/lookup_inprocess.json.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import pstats
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import uvloop

sys.path.append(str(Path(__file__).resolve().parent))

from _server import ROOT, load_average, log
from ilo_kg.config import Settings
from ilo_kg.engine.choice import open_store
from ilo_kg.queries import load_catalogue
from ilo_kg.web.app import create_app

RESULTS = ROOT / "bench" / "results" / "lookup_inprocess.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=Path("/tmp/ilo-bench/honest/dist"))
    parser.add_argument("--lookups", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--sort", default="tottime", help="the profile's order (a pstats key: cumulative, ncalls)"
    )
    parser.add_argument("--top", type=int, default=25, help="the profile's functions shown")
    parser.add_argument("--cache-mb", type=int, default=0, help="the response cache (0: off, as the bench)")
    args = parser.parse_args()
    dist = args.dist.resolve()
    local = ox.Store.read_only(str(dist / "store"))
    subjects = [
        row[0].value  # type: ignore[union-attr]
        for row in local.query(  # type: ignore[union-attr]
            f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(isIRI(?s)) }} LIMIT {args.lookups}"
        )
    ]
    del local
    paths = [
        urllib.parse.urlencode({"query": f"SELECT ?p ?o WHERE {{ <{s}> ?p ?o }}"}).encode() for s in subjects
    ]
    settings = Settings.from_env(
        {"ILO_KG_CACHE_MB": str(args.cache_mb), "ILO_KG_CLIENT_EXEMPT": "127.0.0.1"}
    ).with_(output=dist)
    store = open_store(settings)
    app = create_app(settings, store, load_catalogue(settings.queries_dir))
    deadline = time.monotonic() + 120
    while set(store.worker_modes()) != {"memory"} and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(3)  # the service's own copy is made after the workers' (the same size, the same source)

    async def one(query_string: bytes) -> None:
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "GET",
            "scheme": "http",
            "path": "/sparql",
            "raw_path": b"/sparql",
            "query_string": query_string,
            "root_path": "",
            "headers": [(b"host", b"127.0.0.1"), (b"accept", b"application/sparql-results+json")],
            "client": ("127.0.0.1", 50000),
            "server": ("127.0.0.1", 8000),
            "state": {},
        }
        status: list[int] = []

        async def receive() -> dict[str, Any]:
            return {"type": "http.request", "body": b"", "more_body": False}

        async def send(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                status.append(message["status"])

        await app(scope, receive, send)
        if status != [200]:
            raise RuntimeError(f"a lookup was answered {status}")
        # the loop runs what the request scheduled (a server's loop does between requests): without it
        # the callbacks of every request so far stay queued, and the collector walks them all
        await asyncio.sleep(0)

    figures: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_start": load_average()}

    async def run() -> None:
        for path in paths[:200]:
            await one(path)
        rounds = []
        for _ in range(args.rounds):
            started = time.process_time()
            for path in paths:
                await one(path)
            rounds.append(round((time.process_time() - started) / len(paths) * 1e6, 1))
        figures["cpu_us_per_lookup"] = rounds
        figures["lookups_per_round"] = len(paths)
        figures["pool"] = store.pool_figures()
        if args.profile:
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for path in paths:
                await one(path)
            profiler.disable()
            pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)

    try:
        uvloop.run(run())
    finally:
        store.close()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    log(f"service CPU per lookup, in-process: {figures['cpu_us_per_lookup']} us (rounds of {len(paths)})")


if __name__ == "__main__":
    main()
