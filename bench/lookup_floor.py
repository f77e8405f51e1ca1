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
* the Oxigraph server, ``oxigraph serve-read-only`` on the release's store (asked at ``/query``);
* rdflib-endpoint on the release's N-Quads, at 1 connection only: the bar of the p50 target (a
  twentieth of its p50) in the same run.

Each at 16 connections (throughput, the server's CPU per request) and at 1 connection (p50), on paths
none of them met before, in ``--rounds`` rounds (the machine drifts more from minute to minute than these
servers differ from round to round): each round's figures, and their medians.

Run: ``.venv/bin/python bench/lookup_floor.py`` (after ``bench/honest_speed.py``
made its release, or ``--dist`` another); writes bench/results/lookup_floor.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
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
    from _server import PYTHON, Server, get, ilo_kg_server, load_average, log, rdflib_endpoint_server
    from honest_speed import (
        Peer,
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
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the four servers, one after another")
    parser.add_argument("--skip", action="append", default=[], help="a server to leave out (e.g. rdflib)")
    args = parser.parse_args()
    dist = args.dist.resolve()
    if not (dist / "store").is_dir():
        raise SystemExit(f"no release at {dist}: run bench/honest_speed.py first (it makes it)")
    local = ox.Store.read_only(str(dist / "store"))
    workload = point_lookups(lookup_subjects(local, 6000, pages=False))
    del local
    uvicorn_app = [PYTHON, "-m", "uvicorn", "--app-dir", str(Path(__file__).resolve().parent)]
    uvicorn_app += ["--loop", "uvloop", "--http", "httptools", "--no-access-log", "--log-level", "warning"]
    work = Path("/tmp/ilo-bench/lookup-floor")
    work.mkdir(parents=True, exist_ok=True)
    port = args.port
    first = workload.requests[-1].ilo_path  # the floor's first lookup makes its copy
    peers = [
        Peer("do-nothing app", Server([*uvicorn_app, "lookup_floor:nothing", "--port", str(port)], port)),
        Peer(
            "lookup floor",
            Server(
                [*uvicorn_app, "lookup_floor:app", "--port", str(port + 1)],
                port + 1,
                env={_STORE_ENV: str(dist / "store")},
                probe=first,
            ),
        ),
        Peer(
            "ilo-kg cache off",
            ilo_kg_server(
                dist,
                port + 2,
                env={"ILO_KG_CLIENT_EXEMPT": "127.0.0.1", "ILO_KG_CACHE_MB": "0"},
                log_path=work / "ilo-kg.log",
            ),
        ),
        Peer("oxigraph", oxigraph_server(dist / "store", port + 3, work / "oxigraph.log"), "/query"),
        Peer(
            "rdflib-endpoint",
            rdflib_endpoint_server(dist / "ilo-kg.nq", port + 4, log_path=work / "rdflib.log"),
            "/",
        ),
    ]
    peers = [p for p in peers if not any(s in p.name for s in args.skip)]

    figures: dict[str, Any] = {
        "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "release": str(dist),
        "lookups": len(workload.requests),
        "load_start": load_average(),
        "rounds": [],
    }
    for k in range(args.rounds):  # rdflib-endpoint in the first round only: its p50 is the bar
        this_round: dict[str, Any] = {}
        for peer in peers if k == 0 else [p for p in peers if p.name != "rdflib-endpoint"]:
            server = peer.server
            paths = [peer.path(r) for r in workload.requests]
            slow = peer.name == "rdflib-endpoint"  # its p50 alone: a twentieth of it is the p50 target's bar
            server.start(timeout_s=600)
            try:
                if peer.name == "ilo-kg cache off":
                    wait_in_memory(server.url)
                    time.sleep(4)  # the service's own copy is made after the workers'
                get(server.url + paths[-1], workload.accept, timeout=300)
                pid = server.process.pid  # type: ignore[union-attr]
                # a warm-up on the middle of the list; then 1 connection from its end and 16 from its
                # start: no path is asked twice but by a server that answers more than the whole list
                if not slow:
                    middle = paths[len(paths) // 3 : len(paths) // 3 + 4000]
                    wrk(server.url, middle, workload.accept, 16, 2)
                c1 = wrk(server.url, paths[::-1], workload.accept, 1, 10 if slow else 3)
                c16: dict[str, Any] = {}
                cpu = {"server_ms": 0.0, "children_ms": 0.0}
                if not slow:
                    unasked = paths[: len(paths) - c1["requests"]]
                    before = cpu_seconds(pid)
                    c16 = wrk(server.url, unasked, workload.accept, 16, args.seconds)
                    cpu = cpu_per_request(pid, before, cpu_seconds(pid), c16["requests"])
                # where ilo-kg answered its lookups: in the service process, or in a worker (no copy yet)
                pool = (
                    json.loads(get(server.url + "/status")[1])["pool"]
                    if peer.name.startswith("ilo-kg")
                    else None
                )
            finally:
                server.stop()
            found: dict[str, Any] = {
                "p50_ms_1": c1["p50_ms"],
                "p95_ms_1": c1.get("p95_ms"),
                "statuses_1": c1["statuses"],
            }
            if c16:
                found.update(
                    rps_16=c16["rps"],
                    statuses_16=c16["statuses"],
                    cpu_ms_per_request_16=round(cpu["server_ms"], 4),
                    children_cpu_ms_per_request_16=round(cpu["children_ms"], 4),
                )
            if pool is not None:
                found.update(
                    lookups_here=pool.get("lookups_here"), lookups_to_workers=pool.get("lookups_to_workers")
                )
            this_round[peer.name] = found
            log(f"round {k + 1}, {peer.name}: {found}")
        figures["rounds"].append(this_round)
    # each figure's median over the rounds; the ratios are each round's, their median
    servers: dict[str, dict[str, Any]] = {}
    for name in {n for r in figures["rounds"] for n in r}:
        measured = [r[name] for r in figures["rounds"] if name in r]
        servers[name] = {
            key: statistics.median(m[key] for m in measured)
            for key, value in measured[0].items()
            if isinstance(value, int | float)
        }
    figures["servers"] = servers
    ratios = [
        {n: round(s["rps_16"] / r["oxigraph"]["rps_16"], 3) for n, s in r.items() if "rps_16" in s}
        for r in figures["rounds"]
        if r.get("oxigraph", {}).get("rps_16")
    ]
    if ratios:
        figures["throughput_over_oxigraph_by_round"] = ratios
        figures["throughput_over_oxigraph"] = {n: statistics.median(r[n] for r in ratios) for n in ratios[0]}
    if "rdflib-endpoint" in servers:
        bar = servers["rdflib-endpoint"]["p50_ms_1"] / 20
        figures["p50_bar_ms"] = round(bar, 4)
        figures["p50_within_bar"] = {
            name: [r[name]["p50_ms_1"] <= bar for r in figures["rounds"] if name in r] for name in servers
        }
    figures["load_end"] = load_average()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n")
    log(
        f"throughput / the Oxigraph server's: {figures.get('throughput_over_oxigraph')}; p50 bar "
        f"(rdflib-endpoint's / 20): {figures.get('p50_bar_ms')} ms, met: {figures.get('p50_within_bar')}; "
        f"wrote {RESULTS}"
    )


if __name__ == "__main__":
    main()
