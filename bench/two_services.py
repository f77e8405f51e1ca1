"""Benchmark: what two ``ilo-kg serve`` processes answer together on two cores (issue 11).

One service is one event-loop process: its CPU per lookup caps its throughput whatever the engine does.
This runs two real ``ilo-kg serve`` on the same release (response cache off, the load generator exempt
from the per-client limits), each with its own workers, and wrk against both at once (8 connections
each, the distinct lookups of ``bench/honest_speed.py`` split between them), then one alone with 16
connections, in the same run: what several service processes on one port would give.

Run: ``.venv/bin/python bench/two_services.py`` (after ``bench/honest_speed.py`` made its release, or
``--dist`` another one); writes bench/results/two_services.json.
"""

from __future__ import annotations

import argparse
import json
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.append(str(Path(__file__).resolve().parent))

import honest_speed as hs
from _server import ROOT, ilo_kg_server, load_average, log

RESULTS = ROOT / "bench" / "results" / "two_services.json"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=Path("/tmp/ilo-bench/honest/dist"))
    parser.add_argument("--seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=18791)
    args = parser.parse_args()
    local = ox.Store.read_only(str(args.dist.resolve() / "store"))
    paths = [
        r.ilo_path for r in hs.point_lookups(hs.lookup_subjects(local, hs.LOOKUPS, pages=False)).requests
    ]
    del local
    env = {"ILO_KG_CLIENT_EXEMPT": "127.0.0.1", "ILO_KG_CACHE_MB": "0"}
    work = Path("/tmp/ilo-bench/two")
    work.mkdir(parents=True, exist_ok=True)
    servers = [
        ilo_kg_server(args.dist, args.port + k, log_path=work / f"serve-{k}.log", env=env) for k in range(2)
    ]
    figures: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_start": load_average()}
    try:
        for server in servers:
            server.start(timeout_s=300)
        for server in servers:
            hs.wait_in_memory(server.url)
        time.sleep(3)
        together: dict[int, dict[str, Any]] = {}

        def run(k: int) -> None:
            together[k] = hs.wrk(servers[k].url, paths[k::2], hs.JSON_RESULTS, 8, args.seconds)

        threads = [threading.Thread(target=run, args=(k,)) for k in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        figures["two_services"] = {"rps": sum(together[k]["rps"] for k in range(2)), "each": together}
        alone = hs.wrk(servers[0].url, paths[::-1], hs.JSON_RESULTS, 16, args.seconds)
        figures["one_service"] = {"rps": alone["rps"], "run": alone}
    finally:
        for server in servers:
            server.stop()
    figures["load_end"] = load_average()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    log(
        f"distinct lookups, cache off: two services together {figures['two_services']['rps']:.0f} req/s, "
        f"one alone {figures['one_service']['rps']:.0f} req/s"
    )


if __name__ == "__main__":
    main()
