"""Soak: mixed queries at 16 connections for 10 minutes, with queries that pass the time limit and abusers.

``ilo-kg serve`` (one uvicorn process, the default pool of 2 workers) on the generated 100k-triple store
with ``ILO_KG_TIMEOUT_S=1``.  wrk cycles through point lookups and every canned query in one-minute
chunks; meanwhile a probe sends a cross-product query (which cannot finish) every ``--probe-every``
seconds and expects 503 with the time-limit message; the resident memory of the service process and
its worker children is sampled every ``--sample-every`` seconds.  Abusive clients (bench/abusers.py, each
from its own loopback address; wrk's 127.0.0.1 is exempt from the per-client limits) run meanwhile:
deeply nested queries, pairs of slow queries abandoned 0.3 s after sending, 25-doubling ``CONCAT``
results and ``/status`` polling.  Checks: no error response other than the expected time-limit 503s,
every abuser answered as expected (400, cancelled, cut or memory limit, 200), no worker lost, and memory
flat (start/end/max, least-squares slope after warm-up).

Run: ``.venv/bin/python bench/soak.py [--seconds 600]``; writes bench/results/soak.json and the "soak"
section of bench/results-http.md.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent))

from _server import (
    BASE,
    ROOT,
    get,
    ilo_kg_server,
    load_average,
    log,
    published,
    tree_rss_mb,
    wait_quiet,
    write_section,
    wrk,
)
from abusers import Abusers

RESULTS = ROOT / "bench" / "results" / "soak.json"
CONTROL = ROOT / "bench" / "results" / "soak-no-abusers.json"
NOTE = ROOT / "bench" / "results-http.md"
ID = BASE + "id/"
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PARAMS = {
    "country-timeline": {"country": ID + "country/ALB"},
    "office-for-country": {"country": ID + "country/MDA"},
    "office-staff": {"office": ID + "office/dwt-co-budapest"},
    "project-profile": {"project": ID + "project/skills-recovery-migration-610"},
    "projects-active-on": {"date": "2022-06-01"},
    "projects-by-funder": {"funder": ID + "organization/government-of-partner-12"},
    "projects-by-theme": {"theme": ID + "theme/employment-creation"},
}
NO_PARAMS = ("member-state-count", "national-coordinators", "office-coverage", "ratifications")


def mix(with_pages: bool = True) -> list[str]:
    """Mostly cheap lookups, each canned query once per cycle, and (``with_pages``) resource pages."""
    lookups = []
    for k in range(10):
        iri = f"{ID}project/skills-recovery-migration-610" if k % 2 else f"{ID}country/ALB"
        lookups.append("/sparql?" + urllib.parse.urlencode({"query": f"ASK {{ <{iri}> ?p ?o }}"}))
        lookups.append(
            "/sparql?" + urllib.parse.urlencode({"query": f"SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"})
        )
    canned = [f"/queries/{n}.json?" + urllib.parse.urlencode(v) for n, v in PARAMS.items()]
    canned += [f"/queries/{n}.json" for n in NO_PARAMS]
    out: list[str] = []
    for i, path in enumerate(canned):
        out += [*lookups[(2 * i) % 20 : (2 * i) % 20 + 2], path]
    pages = [f"/id/project/skills-recovery-migration-610.{x}" for x in ("ttl", "jsonld", "html")]
    pages += ["/id/country/ALB.html", "/id/person/specialist-610.ttl"]
    return out + lookups + (pages if with_pages else [])


def slope_per_min(samples: list[dict[str, float]], key: str, after_s: float) -> float | None:
    pts = [(s["t"], s[key]) for s in samples if s["t"] >= after_s]
    if len(pts) < 3:
        return None
    mt = statistics.fmean(t for t, _ in pts)
    mv = statistics.fmean(v for _, v in pts)
    den = sum((t - mt) ** 2 for t, _ in pts)
    return 60 * sum((t - mt) * (v - mv) for t, v in pts) / den if den else None


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--seconds", type=float, default=600)
    p.add_argument("--chunk", type=float, default=60, help="length of one wrk run")
    p.add_argument("--connections", type=int, default=16)
    p.add_argument("--timeout-s", type=float, default=1.0, help="the service's query time limit")
    p.add_argument("--probe-every", type=float, default=15.0, help="seconds between time-limit probes")
    p.add_argument("--sample-every", type=float, default=5.0)
    p.add_argument("--warmup", type=float, default=60.0, help="seconds left out of the memory slope")
    p.add_argument("--no-pages", action="store_true", help="leave resource pages out of the mix")
    p.add_argument("--no-abusers", action="store_true", help="leave the abusive clients out")
    p.add_argument("--work", type=Path, default=Path("/tmp/ilo-bench"))
    p.add_argument("--port", type=int, default=8741)
    p.add_argument("--max-load", type=float, default=1.0)
    p.add_argument(
        "--spare-workers",
        default="1",
        help="ILO_KG_SPARE_WORKERS of the service (ready processes that take a killed worker's place)",
    )
    p.add_argument(
        "--cache-mb",
        default="0",
        help="ILO_KG_CACHE_MB of the service (default 0: every request runs its query, the hardest case)",
    )
    args = p.parse_args()

    dist = args.work / "d100k"
    dataset = published(100_000, dist)
    load_start = wait_quiet(args.max_load, 120)
    log(f"load average {load_start}; soak {args.seconds:g} s at {args.connections} connections")
    paths = mix(not args.no_pages)
    server = ilo_kg_server(
        dist,
        args.port,
        timeout_s=args.timeout_s,
        log_path=args.work / "soak-serve.log",
        env={
            "ILO_KG_CACHE_MB": str(args.cache_mb),
            "ILO_KG_CLIENT_EXEMPT": "127.0.0.1",
            "ILO_KG_SPARE_WORKERS": str(args.spare_workers),
        },
    )
    samples: list[dict[str, float]] = []
    probes: list[dict[str, Any]] = []
    stop = threading.Event()
    with server:
        pid = server.process.pid  # type: ignore[union-attr]
        t0 = time.perf_counter()

        def sample() -> None:
            while not stop.is_set():
                r = tree_rss_mb(pid)
                samples.append(
                    {
                        "t": round(time.perf_counter() - t0, 1),
                        "total": round(r["total"], 1),
                        "main": round(r["main"], 1),
                        "children": r["children"],
                        "load1": round(load_average()[0], 2),
                    }
                )
                stop.wait(args.sample_every)

        def probe() -> None:
            url = server.url + "/sparql?" + urllib.parse.urlencode({"query": CROSS})
            while not stop.wait(args.probe_every):
                started = time.perf_counter()
                status, body = get(url, "application/sparql-results+json", timeout=30)
                probes.append(
                    {
                        "t": round(started - t0, 1),
                        "status": status,
                        "ms": round((time.perf_counter() - started) * 1000, 1),
                        "time_limit_message": b"time limit" in body,
                    }
                )

        threads = [threading.Thread(target=sample, daemon=True), threading.Thread(target=probe, daemon=True)]
        for t in threads:
            t.start()
        abusers = None if args.no_abusers else Abusers(server.url, t0)
        if abusers is not None:
            abusers.start()
        chunks: list[dict[str, Any]] = []
        remaining = args.seconds
        while remaining >= 1:
            run = wrk(
                server.url,
                paths,
                connections=args.connections,
                seconds=min(args.chunk, remaining),
                accept="application/sparql-results+json",
                timeout_s=30,
            )
            run["t_end"] = round(time.perf_counter() - t0, 1)
            run["load1"] = load_average()[0]
            chunks.append(run)
            remaining -= run["seconds"]
            last = samples[-1]
            log(
                f"t={run['t_end']:6.0f}s {run['rps']:7.1f} req/s p50 {run['p50_ms']:.1f} "
                f"p99 {run['p99_ms']:.1f} ms statuses {run['statuses']} busy {run['503_busy']} | "
                f"RSS {last['total']:.0f} MiB (web {last['main']:.0f}) | "
                f"probes {[x['status'] for x in probes[-4:]]} load {run['load1']}"
            )
        stop.set()
        if abusers is not None:
            abusers.stop()
        for t in threads:
            t.join(35)
        time.sleep(2)  # a replacement started by the last abuser is ready by now
        final = tree_rss_mb(pid)
        status, body = get(server.url + "/status", "application/json")
        final_status = json.loads(body) if status == 200 else {}
    log_text = (args.work / "soak-serve.log").read_text(errors="replace")
    abuse = abusers.figures() if abusers is not None else None
    figures = summarise(
        args, dataset, chunks, samples, probes, final, load_start, log_text, abuse, final_status
    )
    out = RESULTS if abusers is not None else CONTROL
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, sort_keys=True) + "\n")
    text = report(figures)
    write_section(NOTE, "soak" if abusers is not None else "soak-control", text)
    print(text)


def summarise(
    args: argparse.Namespace,
    dataset: dict[str, Any],
    chunks: list[dict[str, Any]],
    samples: list[dict[str, float]],
    probes: list[dict[str, Any]],
    final: dict[str, Any],
    load_start: list[float],
    log_text: str,
    abuse: dict[str, Any] | None = None,
    final_status: dict[str, Any] | None = None,
) -> dict[str, Any]:
    statuses: dict[int, int] = {}
    for c in chunks:
        for k, v in c["statuses"].items():
            statuses[k] = statuses.get(k, 0) + v
    socket = {k: sum(c["socket_errors"][k] for c in chunks) for k in ("connect", "read", "write", "timeout")}
    requests = sum(c["requests"] for c in chunks)
    busy = sum(c["503_busy"] for c in chunks)
    limit = sum(c["503_time_limit"] for c in chunks)
    unexpected = {k: v for k, v in statuses.items() if k not in (200, 503)}
    probe_ok = sum(1 for x in probes if x["status"] == 503 and x["time_limit_message"])
    mem: dict[str, Any] = {}
    for key in ("total", "main"):
        values = [s[key] for s in samples]
        after = [s[key] for s in samples if s["t"] >= args.warmup] or values
        mem[key] = {
            "start_mb": values[0] if values else None,
            "after_warmup_mb": after[0] if after else None,
            "end_mb": values[-1] if values else None,
            "max_mb": max(values) if values else None,
            "min_mb": min(values) if values else None,
            "slope_mb_per_min_after_warmup": slope_per_min(samples, key, args.warmup),
        }
    growth = (mem["main"]["end_mb"] or 0) - (mem["main"]["after_warmup_mb"] or 0)
    slope = mem["main"]["slope_mb_per_min_after_warmup"] or 0.0
    workers_end = [w for w in (final_status or {}).get("workers", []) if w.get("state") != "starting"]
    spares_end = [w for w in (final_status or {}).get("spares", []) if w.get("state") == "ready"]
    clients = (final_status or {}).get("clients") or {}
    checks_abuse: dict[str, bool] = {}
    if abuse is not None:
        checks_abuse = {
            "abusers_answered_as_expected": all(v["unexpected"] == 0 for v in abuse.values()),
            # wrk closing its connections at the end of each chunk cancels its queries in flight too
            "abandoned_queries_cancelled": (clients.get("cancelled_on_disconnect") or 0)
            >= abuse["abandon"]["queries_abandoned"],
        }
    return {
        "args": {k: str(v) for k, v in vars(args).items()},
        "dataset": dataset,
        "load_start": load_start,
        "load_end": load_average(),
        "mix_paths": len(mix(not args.no_pages)),
        "pages_in_mix": not args.no_pages,
        "requests": requests,
        "rps_mean": round(requests / sum(c["seconds"] for c in chunks), 1) if chunks else 0,
        "statuses": statuses,
        "503_busy": busy,
        "503_time_limit_in_mix": limit,
        "socket_errors": socket,
        "chunks": chunks,
        "probes": probes,
        "probes_503_time_limit": probe_ok,
        "memory": mem,
        "memory_samples": samples,
        "final_processes": 1 + final["children"],
        "server_log_tracebacks": log_text.count("Traceback") - log_text.count("KeyboardInterrupt"),
        "abusers": abuse,
        "status_end": {
            "workers_ready": len(workers_end),
            "spares_ready": len(spares_end),
            "clients": clients,
            "pool": (final_status or {}).get("pool"),
        },
        "checks": {
            **checks_abuse,
            # every process is a pool worker or a ready spare (none left behind, none missing)
            "no_worker_lost": len(workers_end) == 2
            and len(spares_end) == int(args.spare_workers)
            and final["children"] == 2 + len(spares_end),
            "no_unexpected_errors": not unexpected and busy == 0 and limit == 0 and not any(socket.values()),
            "every_probe_hit_the_time_limit": bool(probes) and probe_ok == len(probes),
            "memory_flat": abs(slope) < 1.0 and growth < 20,
        },
    }


def report(f: dict[str, Any]) -> str:
    m, c = f["memory"], f["checks"]
    p99s = [x["p99_ms"] for x in f["chunks"]]
    rps = [x["rps"] for x in f["chunks"]]
    pm = [x["ms"] for x in f["probes"]]

    def yn(ok: bool) -> str:
        return "yes" if ok else "**no**"

    args, tot, web = f["args"], m["total"], m["main"]
    pages = (
        " and resource pages in Turtle, JSON-LD and HTML"
        if f.get("pages_in_mix")
        else "; no resource pages: the mix was fixed while describe() still took 1.4 s, over the 1 s limit "
        "(before e6429b4)"
    )
    tot_slope = _r(tot["slope_mb_per_min_after_warmup"])
    web_slope = _r(web["slope_mb_per_min_after_warmup"])
    lines = [
        "## Soak: 16 connections of mixed queries with time-limit hits"
        + (" and abusive clients" if f.get("abusers") else ", no abusive clients (the control)")
        + " (bench/soak.py)",
        "",
        "`ilo-kg serve` (one uvicorn process, pool of 2 workers in memory, "
        f"`ILO_KG_SPARE_WORKERS={args.get('spare_workers', '0 (before spares)')}`), "
        f"`ILO_KG_TIMEOUT_S={args['timeout_s']}`, "
        f"`ILO_KG_CACHE_MB={args.get('cache_mb', '64')}`"
        + (" (response cache off: every request runs its query)" if str(args.get("cache_mb")) == "0" else "")
        + ", "
        f"generated 100k-triple store ({f['dataset']['quads']} quads). {float(args['seconds']):.0f} s of wrk "
        f"in {len(f['chunks'])} chunks cycling through {f['mix_paths']} GETs (point lookups by SPARQL "
        f"ASK/SELECT, every canned query{pages}). A probe sent a cross-product SELECT every "
        f"{float(args['probe_every']):.0f} s. Load average at start {f['load_start']}, "
        f"at end {f['load_end']}.",
        "",
        f"- Requests: {f['requests']} ({f['rps_mean']} req/s mean; per chunk {min(rps):.0f}-{max(rps):.0f}); "
        f"p99 per chunk {min(p99s):.1f}-{max(p99s):.1f} ms.",
        f"- Statuses: {f['statuses']}; 503 busy {f['503_busy']}, 503 time limit in the mix "
        f"{f['503_time_limit_in_mix']}; socket errors {f['socket_errors']}; tracebacks in the server log "
        f"{f['server_log_tracebacks']}.",
        f"- Time-limit probes: {f['probes_503_time_limit']} of {len(f['probes'])} answered 503 with the "
        f"time-limit message, in {min(pm) if pm else 0:.0f}-{max(pm) if pm else 0:.0f} ms.",
        f"- RSS, service + workers (MiB): start {tot['start_mb']}, after warm-up {tot['after_warmup_mb']}, "
        f"end {tot['end_mb']}, max {tot['max_mb']}, slope {tot_slope} MiB/min after warm-up.",
        f"- RSS, web process alone (MiB): start {web['start_mb']}, after warm-up {web['after_warmup_mb']}, "
        f"end {web['end_mb']}, max {web['max_mb']}, slope {web_slope} MiB/min; "
        f"{f['final_processes']} processes at the end.",
        *_pool_lines(f),
        "",
        *_abuse_lines(f),
        f"Checks: no error responses other than the time-limit ones: {yn(c['no_unexpected_errors'])}; "
        f"every probe hit the time limit: {yn(c['every_probe_hit_the_time_limit'])}; memory flat "
        f"(web-process slope under 1 MiB/min and growth under 20 MiB after warm-up): {yn(c['memory_flat'])}; "
        f"no worker lost: {yn(c.get('no_worker_lost', True))}"
        + (
            f"; every abuser answered as expected: {yn(c['abusers_answered_as_expected'])}; every abandoned "
            f"query cancelled: {yn(c['abandoned_queries_cancelled'])}."
            if "abusers_answered_as_expected" in c
            else "."
        ),
    ]
    return "\n".join(lines) + "\n"


def _abuse_lines(f: dict[str, Any]) -> list[str]:
    a = f.get("abusers")
    if not a:
        return []
    clients = f["status_end"]["clients"]
    return [
        f"- Abusive clients (each from its own address): deep nesting {a['deep']['requests']} requests "
        f"{a['deep']['statuses']}; huge results (25 doublings) {a['huge']['requests']} "
        f"{a['huge']['statuses']} "
        f"in {a['huge']['ms_median']} ms median; {a['abandon']['queries_abandoned']} slow queries abandoned, "
        f"{clients.get('cancelled_on_disconnect')} queries cancelled on disconnect (theirs and wrk's "
        "in flight at the end of each chunk); /status polled "
        f"{a['status']['requests']} times {a['status']['statuses']}, {a['status']['ms_median']} ms median, "
        f"{a['status']['ms_max']} ms max, a replacement worker starting in "
        f"{a['status']['polls_with_a_worker_starting']} polls; unexpected answers "
        f"{sum(v['unexpected'] for v in a.values())}; workers ready at the end "
        f"{f['status_end']['workers_ready']}, spares ready {f['status_end'].get('spares_ready', '-')}.",
        "",
    ]


def _pool_lines(f: dict[str, Any]) -> list[str]:
    pool = f["status_end"].get("pool")
    if not pool:
        return []
    return [
        f"- The pool (from `/status` at the end): {pool['killed']} workers killed or found dead, "
        f"{pool['by_spare']} replaced by a ready spare at once and {pool['left_short']} leaving a place "
        f"short until a new process started ({pool['short_s']} s short in all); "
        f"{pool['waited_past_limit']} queries got a worker after waiting past `timeout_s` (the pool short "
        f"meanwhile); {pool['busy']} answered busy, {pool['busy_while_short']} of them while the pool was "
        "short."
    ]


def _r(x: float | None) -> str:
    return "-" if x is None else f"{x:.2f}"


if __name__ == "__main__":
    main()
