"""Benchmark: one change measured A/B, the service at a git revision (A) against the working tree (B).

Both serve the release of ``bench/honest_speed.py`` (made by it first), response cache off, this client
exempt from the per-client limits; they run one after the other, alternating, ``--rounds`` times, so
that the machine's drift weighs on both alike.  Each round: the workers' copies in memory, a warm-up,
then wrk at 16 connections over the workload's distinct requests (throughput, the service's and its
workers' CPU per request from ``/proc``) and at 1 connection (p50).  A is the revision's ``src``
checked out in a temporary worktree and put first on ``PYTHONPATH`` (the same venv and dependencies).

Run: ``.venv/bin/python bench/ab.py --rev HEAD --workload lookups`` (``descriptions``; ``--processes
2``); prints each round and the means, writes bench/results/ab-<workload>.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.append(str(Path(__file__).resolve().parent))

from _server import ROOT, get, ilo_kg_server, load_average, log
from honest_speed import (
    cpu_per_request,
    cpu_seconds,
    descriptions,
    lookup_subjects,
    point_lookups,
    wait_in_memory,
    wrk,
)


def one_round(
    dist: Path, port: int, paths: list[str], accept: str, env: dict[str, str], seconds: float
) -> dict[str, Any]:
    server = ilo_kg_server(dist, port, env=env)
    server.start(timeout_s=600)
    try:
        wait_in_memory(server.url)
        time.sleep(4)  # the service's own copy is made after the workers'
        get(server.url + paths[0], accept, timeout=300)
        wrk(server.url, paths[::-1], accept, 16, 2)  # warm-up, from the other end of the list
        pid = server.process.pid  # type: ignore[union-attr]
        before = cpu_seconds(pid)
        c16 = wrk(server.url, paths, accept, 16, seconds)
        cpu = cpu_per_request(pid, before, cpu_seconds(pid), c16["requests"])
        c1 = wrk(server.url, paths[len(paths) // 2 :], accept, 1, 3)
    finally:
        server.stop()
    return {
        "rps": c16["rps"],
        "statuses": c16["statuses"],
        "cpu_ms": round(cpu["server_ms"] + cpu["children_ms"], 3),
        "p50_ms": c1["p50_ms"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rev", default="HEAD", help="the git revision measured as A")
    parser.add_argument("--workload", choices=["lookups", "descriptions"], default="lookups")
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=5.0, help="wrk duration at 16 connections")
    parser.add_argument("--dist", type=Path, default=Path("/tmp/ilo-bench/honest/dist"))
    parser.add_argument("--port", type=int, default=18900)
    args = parser.parse_args()
    dist = args.dist.resolve()
    if not (dist / "store").is_dir():
        raise SystemExit(f"no release at {dist}: run bench/honest_speed.py first (it makes it)")
    local = ox.Store.read_only(str(dist / "store"))
    if args.workload == "lookups":
        workload = point_lookups(lookup_subjects(local, 6000, pages=False))
    else:
        workload = descriptions(lookup_subjects(local, 6000, pages=True))
    del local
    paths = [r.ilo_path for r in workload.requests]
    revision = subprocess.run(
        ["git", "rev-parse", "--short", args.rev], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    base = {
        "ILO_KG_CLIENT_EXEMPT": "127.0.0.1",
        "ILO_KG_CACHE_MB": "0",
        "ILO_KG_PROCESSES": str(args.processes),
    }
    figures: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "a": revision,
        "b": "working tree",
        "workload": args.workload,
        "processes": args.processes,
        "load_start": load_average(),
        "rounds": {"A": [], "B": []},
    }
    with tempfile.TemporaryDirectory(prefix="ilo-ab-") as tmp:
        tree = Path(tmp) / "a"
        subprocess.run(
            ["git", "worktree", "add", "--detach", "-q", str(tree), revision], cwd=ROOT, check=True
        )
        try:
            for k in range(args.rounds):
                for name, env in (("A", {**base, "PYTHONPATH": str(tree / "src")}), ("B", base)):
                    result = one_round(dist, args.port, paths, workload.accept, env, args.seconds)
                    figures["rounds"][name].append(result)
                    log(f"round {k + 1} {name}: {result}")
        finally:
            subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
    for name in ("A", "B"):
        rounds = figures["rounds"][name]
        figures[name] = {
            key: round(statistics.mean(r[key] for r in rounds), 3) for key in ("rps", "cpu_ms", "p50_ms")
        }
        log(f"{name} ({revision if name == 'A' else 'working tree'}): means {figures[name]}")
    figures["load_end"] = load_average()
    out = ROOT / "bench" / "results" / f"ab-{args.workload}.json"
    out.write_text(json.dumps(figures, indent=2) + "\n")
    log(f"wrote {out}")


if __name__ == "__main__":
    main()
