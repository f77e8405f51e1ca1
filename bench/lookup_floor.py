"""Benchmark: the floor of a point lookup served from Python, beside ilo-kg and the Oxigraph server.

What one uvicorn process can answer when it does nothing for a lookup but the lookup itself: the query
string read, the text recognised (``ilo_kg.safety.lookup``), the store's index read and the answer written
(``ilo_kg.engine.pattern.write_lookup``, on an in-memory copy of the release, as ilo-kg's service process
answers lookups), a status line and two headers.  No checks, limits, negotiation, validators, CORS,
release pin, cache or error handling: a ceiling that no service doing at least this much in one Python
process can pass, whatever its own code.  In the same run, on the same 96,000 distinct lookups of the
release of ``bench/honest_speed.py``:

* a do-nothing app (a fixed body, ``bench/bench_floor.py``'s), the floor of uvicorn itself;
* the lookup floor (this module's ``app``);
* ``ilo-kg serve``, response cache off, the load generator exempt from the per-client limits;
* the Oxigraph server, ``oxigraph serve-read-only`` on the release's store.

Each at 16 connections (throughput, the server's CPU per request) and at 1 connection (p50), on paths
none of them met before.  Run: ``.venv/bin/python bench/lookup_floor.py`` (after ``bench/honest_speed.py``
made its release, or ``--dist`` another); writes bench/results/lookup_floor.json.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.parse
from pathlib import Path
from typing import Any

import pyoxigraph as ox

sys.path.append(str(Path(__file__).resolve().parent))

RESULTS = Path(__file__).resolve().parent / "results" / "lookup_floor.json"
_STORE_ENV = "LOOKUP_FLOOR_STORE"
_JSON = b"application/sparql-results+json"
_BODY = b'{"head":{},"boolean":true}'
_store: ox.Store | None = None


def _in_memory(folder: str) -> ox.Store:
    """The release's own default graph copied into memory (the service's copy holds the same)."""
    disk = ox.Store.read_only(folder)
    memory = ox.Store()
    memory.bulk_extend(disk.quads_for_pattern(None, None, None, None))
    return memory


async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The lookup floor: ``GET /sparql?query=<a lookup>`` answered in SPARQL JSON, nothing else."""
    global _store
    if scope["type"] != "http":
        return
    from ilo_kg.engine.pattern import write_lookup
    from ilo_kg.safety import lookup

    if _store is None:
        _store = _in_memory(os.environ[_STORE_ENV])
    text = urllib.parse.unquote_plus(scope["query_string"].decode().partition("query=")[2])
    found = lookup(text)
    body = write_lookup(_store, found, 10_000, 1 << 20) if found is not None else None
    status = 200 if body is not None else 400
    body = body if body is not None else b"not a lookup"
    headers = [(b"content-type", _JSON), (b"content-length", b"%d" % len(body))]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


async def nothing(scope: dict[str, Any], receive: Any, send: Any) -> None:
    """The do-nothing app: a fixed ASK answer, whatever is asked."""
    if scope["type"] != "http":
        return
    headers = [(b"content-type", _JSON), (b"content-length", b"%d" % len(_BODY))]
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": _BODY})


def main() -> None:
    from _server import PYTHON, Server, get, ilo_kg_server, load_average, log
    from honest_speed import (
        cpu_per_request,
        cpu_seconds,
        lookup_subjects,
        oxigraph_server,
        point_lookups,
        wait_in_memory,
        wrk,
    )

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=Path("/tmp/ilo-bench/honest/dist"))
    parser.add_argument("--seconds", type=float, default=6.0, help="wrk duration at 16 connections")
    parser.add_argument("--port", type=int, default=18960)
    args = parser.parse_args()
    dist = args.dist.resolve()
    if not (dist / "store").is_dir():
        raise SystemExit(f"no release at {dist}: run bench/honest_speed.py first (it makes it)")
    local = ox.Store.read_only(str(dist / "store"))
    workload = point_lookups(lookup_subjects(local, 6000, pages=False))
    del local
    paths = [r.ilo_path for r in workload.requests]
    uvicorn_app = [PYTHON, "-m", "uvicorn", "--app-dir", str(Path(__file__).resolve().parent)]
    uvicorn_app += ["--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"]
    work = Path("/tmp/ilo-bench/lookup-floor")
    work.mkdir(parents=True, exist_ok=True)

    def servers(port: int) -> list[tuple[str, Server]]:
        return [
            ("do-nothing app", Server([*uvicorn_app, "lookup_floor:nothing", "--port", str(port)], port)),
            (
                "lookup floor",
                Server(
                    [*uvicorn_app, "lookup_floor:app", "--port", str(port + 1)],
                    port + 1,
                    env={_STORE_ENV: str(dist / "store")},
                    probe=paths[-1],  # its first lookup makes its copy
                ),
            ),
            (
                "ilo-kg cache off",
                ilo_kg_server(
                    dist,
                    port + 2,
                    env={"ILO_KG_CLIENT_EXEMPT": "127.0.0.1", "ILO_KG_CACHE_MB": "0"},
                    log_path=work / "ilo-kg.log",
                ),
            ),
            ("oxigraph", oxigraph_server(dist / "store", port + 3, work / "oxigraph.log")),
        ]

    figures: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "release": str(dist),
        "lookups": len(paths),
        "load_start": load_average(),
        "servers": {},
    }
    next_path = 0
    for name, server in servers(args.port):
        server.start(timeout_s=600)
        try:
            if name == "ilo-kg cache off":
                wait_in_memory(server.url)
                time.sleep(4)  # the service's own copy is made after the workers'
            get(server.url + paths[-1], workload.accept, timeout=300)  # the floor's copy made
            wrk(server.url, paths[::-1][:4000], workload.accept, 16, 2)  # warm-up, from the other end
            pid = server.process.pid  # type: ignore[union-attr]
            unasked = paths[next_path:]
            before = cpu_seconds(pid)
            c16 = wrk(server.url, unasked, workload.accept, 16, args.seconds)
            cpu = cpu_per_request(pid, before, cpu_seconds(pid), c16["requests"])
            next_path += c16["requests"]
            c1 = wrk(server.url, paths[next_path:], workload.accept, 1, 3)
            next_path = 0 if next_path > len(paths) // 2 else next_path
        finally:
            server.stop()
        figures["servers"][name] = {
            "rps_16": c16["rps"],
            "statuses_16": c16["statuses"],
            "cpu_ms_per_request_16": round(cpu["server_ms"] + cpu["children_ms"], 4),
            "p50_ms_1": c1["p50_ms"],
            "p95_ms_1": c1.get("p95_ms"),
        }
        log(f"{name}: {figures['servers'][name]}")
    oxigraph = figures["servers"]["oxigraph"]["rps_16"]
    figures["ratios_to_oxigraph"] = {
        name: round(s["rps_16"] / oxigraph, 3) for name, s in figures["servers"].items() if oxigraph
    }
    figures["load_end"] = load_average()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    log(f"throughput / the Oxigraph server's: {figures['ratios_to_oxigraph']}; wrote {RESULTS}")


if __name__ == "__main__":
    main()
