"""Benchmark: the floor of any uvicorn service here, a do-nothing ASGI app answering a fixed ASK result.

What an HTTP request costs on this machine before any routing, negotiation or engine work: uvicorn with
uvloop and httptools (as ``ilo-kg serve`` runs), wrk at 1 connection (latency) and 16 connections
(throughput) on 127.0.0.1.  The issue's "service overhead at most 1.5x the raw engine" cannot hold for
a query the engine answers in less than two thirds of this floor.

Run: ``.venv/bin/python bench/bench_floor.py``; prints the figures and writes bench/results/floor.json.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent))

from _server import PYTHON, ROOT, Server, load_average, log, wrk

RESULTS = ROOT / "bench" / "results" / "floor.json"
BODY = b'{"head":{},"boolean":true}'


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    if scope["type"] != "http":
        return
    headers = [(b"content-type", b"application/sparql-results+json"), (b"content-length", b"%d" % len(BODY))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": BODY})


def main() -> None:
    port = 8797
    command = [
        PYTHON,
        "-m",
        "uvicorn",
        "bench_floor:app",
        "--app-dir",
        str(Path(__file__).resolve().parent),
        "--port",
        str(port),
        "--loop",
        "uvloop",
        "--http",
        "httptools",
        "--no-access-log",
        "--log-level",
        "warning",
    ]
    figures: dict[str, Any] = {"started": time.strftime("%Y-%m-%d %H:%M:%S"), "load_start": load_average()}
    with Server(command, port) as server:
        figures["c1"] = wrk(server.url, ["/"], connections=1, seconds=5, accept="*/*")
        figures["c16"] = wrk(server.url, ["/"], connections=16, seconds=5, accept="*/*")
    figures["wrk"] = subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[
        0
    ]
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    c1, c16 = figures["c1"], figures["c16"]
    log(
        f"do-nothing uvicorn app: 1c p50 {c1['p50_ms'] * 1000:.0f} us p99 {c1['p99_ms'] * 1000:.0f} us; "
        f"16c {c16['rps']:.0f} req/s p99 {c16['p99_ms']:.2f} ms"
    )


if __name__ == "__main__":
    main()
