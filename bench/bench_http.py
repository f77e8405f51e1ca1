"""Benchmark: the service over HTTP (wrk) side by side with rdflib-endpoint and pyoxigraph called directly.

Issue 5's HTTP targets on a generated 100k-triple graph, one service worker process (the real
``ilo-kg serve``), on 127.0.0.1: point lookups, every canned query, a resource page and a JSON-LD
resource, unloaded (1 connection) and at 16 connections; in-process latency of the same queries;
``ilo-kg serve`` start-up on a published 1M-triple store.

Run: ``.venv/bin/python bench/bench_http.py`` (``--help`` for durations, ``--no-peer``, ``--no-1m``).
Needs ``wrk`` (``apt-get install -y wrk``) and, for the peer, ``pip install rdflib-endpoint`` in the venv
(a benchmark-only package, not a project dependency).  Prints the figures and writes
bench/results/http.json and the "http" section of bench/results-http.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent))

import pyoxigraph as ox

from _server import (
    BASE,
    ROOT,
    get,
    ilo_kg_server,
    load_average,
    log,
    published,
    rdflib_endpoint_server,
    tree_rss_mb,
    wait_quiet,
    write_section,
    wrk,
)
from ilo_kg.engine.oxigraph import OxigraphStore, copy_to_memory
from ilo_kg.formats import find, serialize_triples
from ilo_kg.iris import PREFIXES
from ilo_kg.queries import load_catalogue

RESULTS = ROOT / "bench" / "results" / "http.json"
NOTE = ROOT / "bench" / "results-http.md"
ID = BASE + "id/"
JSON_RESULTS = "application/sparql-results+json"

# Parameters of the canned queries that exist in the generated graph (the .rq examples name seed data).
PARAMS: dict[str, dict[str, str]] = {
    "country-timeline": {"country": ID + "country/ALB"},
    "office-for-country": {"country": ID + "country/MDA"},
    "office-staff": {"office": ID + "office/dwt-co-budapest"},
    "project-profile": {"project": ID + "project/skills-recovery-migration-610"},
    "projects-active-on": {"date": "2022-06-01"},
    "projects-by-funder": {"funder": ID + "organization/government-of-partner-12"},
    "projects-by-theme": {"theme": ID + "theme/employment-creation"},
}
LOOKUP = ID + "project/skills-recovery-migration-610"
JOIN = "canned:projects-active-on"  # the canned join returning about 300 rows (306 here)


@dataclass
class Target:
    """One thing measured: its path on ilo-kg, and the same work for the engine and the peer."""

    name: str
    path: str
    accept: str
    kind: str  # lookup | canned | page
    sparql: str | None = None  # the same query as plain text (bindings inlined) for the peer
    engine: Callable[[], object] | None = None  # pyoxigraph directly
    engine_json: Callable[[], object] | None = None  # pyoxigraph (in memory) + its SPARQL JSON writer
    disk_json: Callable[[], object] | None = None  # the same on the on-disk store
    store_fn: Callable[[OxigraphStore], object] | None = None  # the project's store, as the route calls it
    rows: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


def inline(text: str, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The query with its bindings as a VALUES block at the start of the WHERE group (for the peer)."""
    if not bindings:
        return text
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())
    head, sep, rest = text.partition("WHERE {")
    assert sep, "a canned query without 'WHERE {'"
    return f"{head}WHERE {{ VALUES ({names}) {{ ({terms}) }}{rest}"


LOOP = asyncio.new_event_loop()  # one loop for the in-process async calls (asyncio.run would add its set-up)


def targets(raw: ox.Store, disk: ox.Store) -> list[Target]:
    """Every target; ``raw`` is the engine as the service runs it (the in-memory copy), ``disk`` the store."""
    catalogue = load_catalogue(ROOT / "queries")
    union = {"use_default_graph_as_union": True}
    out: list[Target] = []

    def engine_of(text: str, subs: dict[ox.Variable, Any], store: ox.Store = raw) -> tuple[Any, Any]:
        def rows() -> object:
            answer = store.query(text, substitutions=subs, **union)
            return bool(answer) if isinstance(answer, ox.QueryBoolean) else [tuple(s) for s in answer]

        def as_json() -> object:
            return store.query(text, substitutions=subs, **union).serialize(format=ox.QueryResultsFormat.JSON)

        return rows, as_json

    ask = f"ASK {{ <{LOOKUP}> ?p ?o }}"
    select = f"SELECT ?p ?o WHERE {{ <{LOOKUP}> ?p ?o }}"
    written = {"select": "json", "ask": "json"}
    for name, text in (("lookup:sparql-ask", ask), ("lookup:sparql-select", select)):
        rows, as_json = engine_of(text, {})
        out.append(
            Target(
                name,
                "/sparql?" + urllib.parse.urlencode({"query": text}),
                JSON_RESULTS,
                "lookup",
                sparql=text,
                engine=rows,
                engine_json=as_json,
                disk_json=engine_of(text, {}, disk)[1],
                store_fn=lambda s, t=text: s.query(t, formats=written).body,
            )
        )
    key = LOOKUP.removeprefix(ID)
    for name, accept, fmt in (
        ("lookup:id-turtle", "text/turtle", "turtle"),
        ("page:resource-html", "text/html", None),
        ("page:resource-jsonld", "application/ld+json", "jsonld"),
    ):
        graph_fmt = find(fmt, _graph_formats()) if fmt else None

        def via_store(s: OxigraphStore, f: Any = graph_fmt) -> object:
            d = LOOP.run_until_complete(s.describe_async(LOOKUP))  # as the route: one worker operation
            assert d is not None
            if f is None:
                return d
            ctx = dict(PREFIXES) if f.name == "jsonld" else None  # as the published context
            return serialize_triples(d.triples, f, context=ctx, prefixes=PREFIXES)

        out.append(
            Target(name, f"/id/{key}", accept, "lookup" if fmt == "turtle" else "page", store_fn=via_store)
        )
    for query in catalogue:
        values = PARAMS.get(query.name, {})
        bindings = query.bind(values)
        text, remaining = query.prepared(bindings)  # what the route runs: parameters written in
        subs = {ox.Variable(k): v for k, v in remaining.items()}
        rows, as_json = engine_of(text, subs)
        path = f"/queries/{query.name}.json" + ("?" + urllib.parse.urlencode(values) if values else "")
        out.append(
            Target(
                f"canned:{query.name}",
                path,
                JSON_RESULTS,
                "canned",
                sparql=inline(query.text, bindings),  # type: ignore[arg-type]
                engine=rows,
                engine_json=as_json,
                disk_json=engine_of(text, subs, disk)[1],
                store_fn=lambda s, t=text, r=remaining, k=query.kind: (
                    s.query(t, bindings=r, formats={k: "json"}).body
                ),
            )
        )
    return out


def _result_formats() -> tuple[Any, ...]:
    from ilo_kg.formats import RESULT_FORMATS

    return tuple(RESULT_FORMATS)


def _graph_formats() -> tuple[Any, ...]:
    from ilo_kg.formats import GRAPH_FORMATS

    return tuple(GRAPH_FORMATS)


def timed(fn: Callable[[], object], budget_s: float, max_runs: int = 5000) -> dict[str, float]:
    """p50/p99 of ``fn`` in ms over as many runs as fit in ``budget_s`` (at least 20, after warm-up)."""
    start = time.perf_counter()
    fn()
    least = 5 if time.perf_counter() - start > 0.1 else 20
    for _ in range(2 if least == 20 else 0):
        fn()
    times: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(times) < least or (time.perf_counter() < deadline and len(times) < max_runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    times.sort()
    return {
        "runs": len(times),
        "p50_ms": round(statistics.median(times) * 1000, 4),
        "p99_ms": round(times[min(len(times) - 1, int(len(times) * 0.99))] * 1000, 4),
        "mean_ms": round(statistics.fmean(times) * 1000, 4),
    }


def json_rows(body: bytes) -> int | None:
    try:
        doc = json.loads(body)
    except ValueError:
        return None
    if "boolean" in doc:
        return 1
    return len(doc.get("results", {}).get("bindings", []))


def measure_http(
    base: str, ts: list[Target], path_of: Callable[[Target], str | None], args: argparse.Namespace, label: str
) -> dict[str, Any]:
    """Unloaded (1 connection) and 16-connection wrk runs of every target the server answers."""
    out: dict[str, Any] = {}
    for t in ts:
        path = path_of(t)
        if path is None:
            continue
        started = time.perf_counter()
        status, body = get(base + path, t.accept, timeout=120)
        first_ms = (time.perf_counter() - started) * 1000
        entry: dict[str, Any] = {"path": path, "check_status": status, "check_bytes": len(body)}
        entry["check_first_ms"] = round(first_ms, 2)
        if t.accept == JSON_RESULTS:
            entry["check_rows"] = json_rows(body)
        if status != 200:
            log(f"{label} {t.name}: status {status}: {body[:200]!r}")
            out[t.name] = entry
            continue
        slow = first_ms > 200
        load = wait_quiet(args.max_load, args.max_wait)
        entry["load_before"] = load
        entry["c1"] = wrk(
            base,
            [path],
            connections=1,
            seconds=args.unloaded_seconds * (2 if slow else 1),
            accept=t.accept,
            timeout_s=60,
        )
        entry["c16"] = wrk(
            base,
            [path],
            connections=16,
            seconds=args.seconds * (2 if slow else 1),
            accept=t.accept,
            timeout_s=60,
        )
        c1, c16 = entry["c1"], entry["c16"]
        log(
            f"{label:16} {t.name:34} 1c p50 {c1['p50_ms']:8.2f} p99 {c1['p99_ms']:8.2f} ms | "
            f"16c {c16['rps']:8.1f} req/s p50 {c16['p50_ms']:8.2f} p99 {c16['p99_ms']:8.2f} ms "
            f"| statuses {c16['statuses']} load {load[0]}"
        )
        out[t.name] = entry
    return out


def not_modified(base: str, ts: list[Target], args: argparse.Namespace) -> dict[str, Any]:
    """16 connections sending If-None-Match: the route's 304 (validator checked, no engine, no body)."""
    out: dict[str, Any] = {}
    for t in ts:
        if t.name not in ("lookup:sparql-ask", JOIN):
            continue
        request = urllib.request.Request(base + t.path, headers={"Accept": t.accept})
        with urllib.request.urlopen(request, timeout=60) as response:
            etag = response.headers.get("ETag")
        if not etag:
            continue
        wait_quiet(args.max_load, args.max_wait)
        out[t.name] = wrk(
            base,
            [t.path],
            connections=16,
            seconds=args.seconds,
            accept=t.accept,
            headers={"If-None-Match": etag},
        )
        r = out[t.name]
        log(
            f"304 path {t.name:30} {r['rps']:8.1f} req/s p50 {r['p50_ms']:.2f} "
            f"p99 {r['p99_ms']:.2f} {r['statuses']}"
        )
    return out


def wait_in_memory(url: str, limit_s: float = 600) -> float:
    """Seconds until /status shows every query worker answering from its in-memory copy."""
    started = time.perf_counter()
    while time.perf_counter() - started < limit_s:
        doc = json.loads(get(url + "/status", "application/json")[1])
        modes = doc.get("worker_modes", {})
        if modes.get("memory") and not modes.get("disk"):
            break
        time.sleep(0.2)
    return round(time.perf_counter() - started, 2)


def serve_ready(dist: Path, port: int, repeats: int) -> dict[str, Any]:
    """Process start to the first 200 on / (the target), and on a cheap /sparql ASK, for ``ilo-kg serve``."""
    ask = "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    runs = []
    for probe in ["/"] * repeats + [ask] * repeats:
        server = ilo_kg_server(dist, port)
        server.probe = probe
        server.start(timeout_s=300)
        try:
            run: dict[str, Any] = {"probe": "/" if probe == "/" else "/sparql ASK"}
            run["ready_s"] = round(server.ready_s or 0.0, 3)
            for name, path, accept in (
                ("home_ms", "/", "text/html"),
                ("resource_turtle_ms", "/id/" + LOOKUP.removeprefix(ID), "text/turtle"),
            ):
                started = time.perf_counter()
                status, _ = get(server.url + path, accept, timeout=60)
                run[name] = round((time.perf_counter() - started) * 1000, 1)
                run[name.replace("_ms", "_status")] = status
            rss = tree_rss_mb(server.process.pid)  # type: ignore[union-attr]
            run.update(
                rss_total_mb=round(rss["total"], 1),
                rss_web_mb=round(rss["main"], 1),
                processes=1 + rss["children"],
            )
            runs.append(run)
        finally:
            server.stop()
        log(f"serve on the 1M store: {runs[-1]}")
    home = [r["ready_s"] for r in runs if r["probe"] == "/"]
    cheap = [r["ready_s"] for r in runs if r["probe"] != "/"]
    return {
        "runs": runs,
        "ready_s_median": statistics.median(home),
        "ready_ask_s_median": statistics.median(cheap),
    }


def check(results: list[dict[str, Any]], what: str, value: float | None, goal: str, ok: bool | None) -> None:
    results.append({"target": what, "value": value, "goal": goal, "met": ok})


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--triples", type=int, default=100_000)
    p.add_argument("--work", type=Path, default=Path("/tmp/ilo-bench"), help="where the stores are made")
    p.add_argument("--seconds", type=float, default=10, help="duration of each 16-connection run")
    p.add_argument("--unloaded-seconds", type=float, default=5, help="duration of each 1-connection run")
    p.add_argument("--engine-budget", type=float, default=2.0, help="seconds of in-process runs per query")
    p.add_argument("--port", type=int, default=8731)
    p.add_argument("--max-load", type=float, default=1.0, help="wait for a 1-min load under this")
    p.add_argument("--max-wait", type=float, default=15, help="longest wait for a low load per target (s)")
    p.add_argument("--peer-from", type=Path, help="reuse rdflib-endpoint's figures of an earlier http.json")
    p.add_argument("--no-peer", action="store_true", help="skip rdflib-endpoint")
    p.add_argument("--no-1m", action="store_true", help="skip the 1M-triple start-up measurement")
    p.add_argument("--only", help="comma-separated target names (default: all)")
    args = p.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk")

    figures: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__,
            "cpus": __import__("os").cpu_count(),
            "wrk": subprocess.run(["wrk", "--version"], capture_output=True, text=True).stdout.split("\n")[0],
            "load_start": load_average(),
            "started": time.strftime("%Y-%m-%d %H:%M:%S"),
        },
        "args": {k: str(v) for k, v in vars(args).items()},
    }
    log(f"load average {figures['machine']['load_start']}")
    dist = args.work / f"d{args.triples // 1000}k"
    figures["dataset"] = published(args.triples, dist)
    log(f"dataset: {figures['dataset']}")

    disk = ox.Store.read_only(str(dist / "store"))
    raw = copy_to_memory(disk, str(dist / "ilo-kg.nq"))  # the engine as the service's workers run it
    ts = targets(raw, disk)
    if args.only:
        keep = set(args.only.split(","))
        ts = [t for t in ts if t.name in keep]

    # --- in-process: pyoxigraph directly, the project's store in-process and through its worker pool
    wait_quiet(args.max_load, 60)
    inproc: dict[str, Any] = {}
    local = OxigraphStore.from_pyoxigraph(raw)
    pool = OxigraphStore.open(dist / "store", workers=2, memory_quads=10**8, memory_source=dist / "ilo-kg.nq")
    while pool.worker_modes() != ("memory", "memory"):
        time.sleep(0.2)
    for t in ts:
        entry: dict[str, Any] = {}
        if t.engine is not None:
            entry["pyoxigraph"] = timed(t.engine, args.engine_budget)
            entry["pyoxigraph_json"] = timed(t.engine_json, args.engine_budget)  # type: ignore[arg-type]
            entry["pyoxigraph_disk_json"] = timed(t.disk_json, args.engine_budget)  # type: ignore[arg-type]
            value = t.engine()
            t.rows = 1 if isinstance(value, bool) else len(value)  # type: ignore[arg-type]
            entry["rows"] = t.rows
        assert t.store_fn is not None
        entry["store_in_process"] = timed(lambda t=t: t.store_fn(local), args.engine_budget)  # type: ignore[misc]
        entry["store_pool"] = timed(lambda t=t: t.store_fn(pool), args.engine_budget)  # type: ignore[misc]
        inproc[t.name] = entry
        log(
            f"in-process {t.name:34} rows {entry.get('rows', '-')!s:>5} | pyoxigraph "
            f"{entry.get('pyoxigraph', {}).get('p50_ms', float('nan')):8.3f} ms (+json "
            f"{entry.get('pyoxigraph_json', {}).get('p50_ms', float('nan')):8.3f}, disk "
            f"{entry.get('pyoxigraph_disk_json', {}).get('p50_ms', float('nan')):8.3f}) | store "
            f"{entry['store_in_process']['p50_ms']:8.3f} | pool {entry['store_pool']['p50_ms']:8.3f} ms"
        )
    pool.close()
    local.close()
    figures["in_process"] = inproc

    # --- ilo-kg serve over HTTP: the engine path (response cache off), then as shipped (cache on)
    http: dict[str, Any] = {}
    for label, cache_mb in (("ilo-kg", "0"), ("ilo-kg+cache", None)):
        env = {} if cache_mb is None else {"ILO_KG_CACHE_MB": cache_mb}
        server = ilo_kg_server(dist, args.port, log_path=args.work / f"serve-{label}.log", env=env)
        with server:
            warm_s = wait_in_memory(server.url)
            pid = server.process.pid  # type: ignore[union-attr]
            me: dict[str, Any] = {"ready_s": server.ready_s, "in_memory_after_s": warm_s}
            me["rss_start"] = tree_rss_mb(pid)["total"]
            me["targets"] = measure_http(server.url, ts, lambda t: t.path, args, label)
            if cache_mb is not None:
                me["not_modified"] = not_modified(server.url, ts, args)
            me["rss_end"] = tree_rss_mb(pid)["total"]
            me["status"] = json.loads(get(server.url + "/status", "application/json")[1])
        http[label] = me
    import importlib.util

    http["ilo-kg"]["uvloop_httptools_installed"] = all(
        importlib.util.find_spec(m) is not None for m in ("uvloop", "httptools")
    )

    # --- rdflib-endpoint on the same quads, the same queries as text
    if args.peer_from:
        earlier = json.loads(args.peer_from.read_text())
        http["rdflib-endpoint"] = {
            **earlier["http"]["rdflib-endpoint"],
            "from_run": earlier["machine"]["started"],
            "load_start": earlier["machine"]["load_start"],
        }
        figures["before"] = {  # the earlier run of ilo-kg itself, for a before/after comparison
            "started": earlier["machine"]["started"],
            "targets": {
                n: {k: e[k] for k in ("c1", "c16") if k in e}
                for n, e in earlier["http"]["ilo-kg"]["targets"].items()
            },
        }
    elif not args.no_peer:
        try:
            import rdflib_endpoint  # noqa: F401

            peer = rdflib_endpoint_server(dist / "ilo-kg.nq", args.port + 1, log_path=args.work / "peer.log")
            peer.start(timeout_s=600)  # (not `with`: Server.__enter__ starts it)
            try:
                http["rdflib-endpoint"] = {"ready_s": peer.ready_s}
                http["rdflib-endpoint"]["targets"] = measure_http(
                    peer.url,
                    ts,
                    lambda t: "/?" + urllib.parse.urlencode({"query": t.sparql}) if t.sparql else None,
                    args,
                    "rdflib-endpoint",
                )
            finally:
                peer.stop()
        except ImportError:
            http["rdflib-endpoint"] = {
                "error": "rdflib-endpoint is not installed (pip install rdflib-endpoint)"
            }
            log(http["rdflib-endpoint"]["error"])
    figures["http"] = http

    if not args.no_1m:
        big = args.work / "d1000k"
        log("making the 1M-triple store (reused when present)")
        figures["dataset_1m"] = published(1_000_000, big)
        wait_quiet(args.max_load, 60)
        figures["serve_ready_1m"] = serve_ready(big, args.port + 2, repeats=3)

    figures["machine"]["load_end"] = load_average()
    figures["checks"] = evaluate(figures)
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2, sort_keys=True, default=str) + "\n")
    text = report(figures)
    write_section(NOTE, "http", text)
    print(text)


def evaluate(f: dict[str, Any]) -> list[dict[str, Any]]:
    """Each target of the issue, for the engine path (cache off) and as shipped (cache on)."""
    out: list[dict[str, Any]] = []
    peer = f["http"].get("rdflib-endpoint", {}).get("targets", {})
    inproc = f["in_process"]
    for label in ("ilo-kg", "ilo-kg+cache"):
        ours = f["http"].get(label, {}).get("targets", {})
        tag = "cache off" if label == "ilo-kg" else "cache on"
        for n in [n for n in ours if n.startswith("lookup:") and "c1" in ours[n]]:
            c1, c16 = ours[n]["c1"], ours[n]["c16"]
            check(out, f"[{tag}] {n} p50 unloaded (ms)", c1["p50_ms"], "<= 1 ms", c1["p50_ms"] <= 1)
            check(out, f"[{tag}] {n} req/s at 16 connections", c16["rps"], ">= 2000", c16["rps"] >= 2000)
            check(
                out, f"[{tag}] {n} p99 at 16 connections (ms)", c16["p99_ms"], "<= 20 ms", c16["p99_ms"] <= 20
            )
        if JOIN in ours and "c16" in ours[JOIN]:
            rps = ours[JOIN]["c16"]["rps"]
            rows = inproc.get(JOIN, {}).get("rows")
            check(out, f"[{tag}] {JOIN} ({rows} rows) req/s at 16 connections", rps, ">= 200", rps >= 200)
        for n, e in ours.items():
            if "c1" not in e or n not in inproc or "pyoxigraph" not in inproc[n]:
                continue
            ratio = e["c1"]["p50_ms"] / inproc[n]["pyoxigraph_json"]["p50_ms"]
            check(
                out,
                f"[{tag}] {n} service overhead: HTTP p50 / pyoxigraph+JSON p50",
                round(ratio, 2),
                "<= 1.5x",
                ratio <= 1.5,
            )
        for n, e in ours.items():
            if n not in peer or "c16" not in e or "c16" not in peer[n]:
                continue
            ratio = e["c16"]["rps"] / peer[n]["c16"]["rps"] if peer[n]["c16"]["rps"] else None
            goal = 2.5 if n.startswith("lookup:") else 50.0
            check(
                out,
                f"[{tag}] {n} throughput vs rdflib-endpoint at 16 connections",
                None if ratio is None else round(ratio, 1),
                f">= {goal:g}x",
                None if ratio is None else ratio >= goal,
            )
    if "serve_ready_1m" in f:
        ready = f["serve_ready_1m"]["ready_s_median"]
        check(
            out,
            "ilo-kg serve ready on the 1M store: first 200 on / (s, median of 3)",
            ready,
            "<= 2 s",
            ready <= 2,
        )
        cheap = f["serve_ready_1m"]["ready_ask_s_median"]
        check(out, "(for reference) first 200 on a /sparql ASK (s, median of 3)", cheap, "<= 2 s", cheap <= 2)
    return out


def _fmt(x: Any, digits: int = 2) -> str:
    if x is None:
        return "-"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def report(f: dict[str, Any]) -> str:
    m = f["machine"]
    ours = f["http"]["ilo-kg"]["targets"]
    cached = f["http"].get("ilo-kg+cache", {}).get("targets", {})
    peer = f["http"].get("rdflib-endpoint", {}).get("targets", {})
    inproc = f["in_process"]
    d = f["dataset"]
    me = f["http"]["ilo-kg"]
    fast = "installed" if me.get("uvloop_httptools_installed") else "not installed"
    lines = [
        "## HTTP: ilo-kg serve vs rdflib-endpoint vs pyoxigraph (bench/bench_http.py)",
        "",
        f"Run {m['started']}; {m['cpus']} CPUs; Python {m['python']}, pyoxigraph {m['pyoxigraph']}, "
        f"{m['wrk']}. "
        f"Load average (1, 5, 15 min) at start {m['load_start']}, at end {m['load_end']}.",
        f"Dataset: bench/generate.py {d['args']['n_triples']} triples (seed {d['args']['seed']}) built by "
        f"`ilo-kg build --from` (validated, OWL 2 RL inferred) = {d['quads']} quads. One uvicorn process "
        f"(`ilo-kg serve`: default pool of 2 query workers, each answering from its in-memory copy of the "
        f"store once warm ({me.get('in_memory_after_s', '-')} s after start here); access log off; uvloop + "
        f"httptools {fast}); wrk runs on the same 2 cores (1 thread for 1 connection, 2 threads for 16). "
        "Two runs of the service: **cache off** (`ILO_KG_CACHE_MB=0`: every request runs the query, the "
        "engine path) and **cache on** (as shipped: a repeated GET is replayed from the response cache, "
        "which is what wrk's repeated requests hit). rdflib-endpoint 0.6.3 serves the same quads (rdflib "
        "Dataset, union default graph) with the same queries as text (canned parameters inlined as VALUES).",
        "",
        "Latency in ms. `1c` = 1 connection (unloaded), `16c` = 16 connections. In-process columns are p50 "
        "of: pyoxigraph `Store.query` on the in-memory copy + reading every row; the same + pyoxigraph's "
        "SPARQL-JSON writer (the engine's limit); that on the on-disk store; the project's "
        "`OxigraphStore.query` writing JSON in-process; the same through the worker pool (as the routes "
        "call it, canned parameters written into the text).",
        "",
        "| target | rows | pyoxigraph | +json | disk +json | store | pool | off: 1c p50 | off: 1c p99 "
        "| off: 16c req/s | off: 16c p99 | on: 1c p50 | on: 16c req/s | on: 16c p99 | peer 1c p50 "
        "| peer 16c req/s |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, e in ours.items():
        ip = inproc.get(name, {})
        pe = peer.get(name, {})
        c1, c16 = e.get("c1", {}), e.get("c16", {})
        k1, k16 = cached.get(name, {}).get("c1", {}), cached.get(name, {}).get("c16", {})
        lines.append(
            "| "
            + " | ".join(
                [
                    name,
                    _fmt(ip.get("rows", e.get("check_rows"))),
                    _fmt(ip.get("pyoxigraph", {}).get("p50_ms"), 3),
                    _fmt(ip.get("pyoxigraph_json", {}).get("p50_ms"), 3),
                    _fmt(ip.get("pyoxigraph_disk_json", {}).get("p50_ms"), 3),
                    _fmt(ip.get("store_in_process", {}).get("p50_ms"), 3),
                    _fmt(ip.get("store_pool", {}).get("p50_ms"), 3),
                    _fmt(c1.get("p50_ms")),
                    _fmt(c1.get("p99_ms")),
                    _fmt(c16.get("rps"), 0),
                    _fmt(c16.get("p99_ms")),
                    _fmt(k1.get("p50_ms")),
                    _fmt(k16.get("rps"), 0),
                    _fmt(k16.get("p99_ms")),
                    _fmt(pe.get("c1", {}).get("p50_ms")),
                    _fmt(pe.get("c16", {}).get("rps"), 1),
                ]
            )
            + " |"
        )
    bad = {
        f"{label} {n}": e["c16"]["statuses"]
        for label in ("ilo-kg", "ilo-kg+cache")
        for n, e in f["http"].get(label, {}).get("targets", {}).items()
        if set(e.get("c16", {}).get("statuses", {})) - {200}
    }
    lines += ["", f"Non-200 responses under load (ilo-kg, both runs): {bad or 'none'}.", ""]
    status = f["http"].get("ilo-kg+cache", {}).get("status", {})
    if status.get("cache"):
        c = status["cache"]
        lines += [
            f"Response cache after the cache-on run (/status): {c['entries']} entries, {c['bytes']} bytes "
            f"of {c['budget_bytes']}, {c['hits']} hits, {c['misses']} misses.",
            "",
        ]
    nm = f["http"]["ilo-kg"].get("not_modified", {})
    if nm:
        cells = "; ".join(
            f"{n}: {r['rps']:.0f} req/s, p99 {r['p99_ms']:.1f} ms (statuses {r['statuses']})"
            for n, r in nm.items()
        )
        lines += [
            "The 304 path with the cache off (16 connections with If-None-Match: the route checks the "
            f"validator, no engine, no body): {cells}.",
            "",
        ]
    pr = f["http"].get("rdflib-endpoint", {})
    if pr.get("from_run"):
        lines += [
            f"The rdflib-endpoint columns come from the run of {pr['from_run']} (same data, same queries, "
            "load "
            f"average {pr['load_start']} at its start): the peer does not depend on this project's code.",
            "",
        ]
    if f.get("before"):
        lines += [
            f"Before/after: the same targets in the run of {f['before']['started']} "
            "(the earlier figures this run was compared with), 16 connections, req/s:",
            "",
            "| target | before | now, cache off | now, cache on |",
            "|---|---:|---:|---:|",
        ]
        for name, e in ours.items():
            old = f["before"]["targets"].get(name, {}).get("c16")
            on = cached.get(name, {}).get("c16", {}).get("rps")
            if old and "c16" in e:
                lines.append(f"| {name} | {old['rps']:.0f} | {e['c16']['rps']:.0f} | {_fmt(on, 0)} |")
        lines.append("")
    if "serve_ready_1m" in f:
        d1 = f["dataset_1m"]
        sr = f["serve_ready_1m"]
        runs = sr["runs"]
        home = [r for r in runs if r["probe"] == "/"]
        lines.append(
            f"`ilo-kg serve` on the 1M-triple store ({d1['quads']} quads with inference): process start to "
            f"first 200 on `/`: {', '.join(_fmt(r['ready_s']) for r in home)} s "
            f"(median {_fmt(sr['ready_s_median'])} s); to the first 200 on a `/sparql` ASK: median "
            f"{_fmt(sr['ready_ask_s_median'])} s. Once up, `/` takes "
            f"{statistics.median(r['home_ms'] for r in runs):.0f} ms and a project's Turtle "
            f"{statistics.median(r['resource_turtle_ms'] for r in runs):.0f} ms (status "
            f"{runs[-1]['resource_turtle_status']}); RSS of the service and its workers "
            f"{runs[-1]['rss_total_mb']:.0f} MiB ({runs[-1]['processes']} processes)."
        )
        lines.append("")
    lines += ["### Targets", "", "| target | measured | goal | met |", "|---|---:|---|---|"]
    for c in f["checks"]:
        met = {True: "yes", False: "**no**", None: "-"}[c["met"]]
        lines.append(f"| {c['target']} | {_fmt(c['value'])} | {c['goal']} | {met} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
