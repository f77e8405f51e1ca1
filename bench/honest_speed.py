"""Benchmark: honest speed (issue 11), four servers side by side in one run on one 100k-triple release.

The servers, all on 127.0.0.1, all answering from the same release (made by the real ``ilo-kg build --from``
on ``bench/generate.py``'s graph):

* ``ilo-kg serve`` with the response cache off (``ILO_KG_CACHE_MB=0``: every request runs its query);
* ``ilo-kg serve --processes 2`` with the response cache off (two service processes on the port, each
  with its own workers: the HTTP work on both cores);
* ``ilo-kg serve`` as shipped (the response cache on, 64 MiB);
* the Oxigraph server, ``oxigraph serve-read-only --location <release>/store`` (PyPI ``oxigraph``: the same
  engine in Rust, on the very store folder the service's workers open);
* rdflib-endpoint (PyPI ``rdflib-endpoint``, the ``bench`` extra) on the release's ``ilo-kg.nq``, a union
  default graph, as its own CLI runs it.

Both ``ilo-kg serve`` runs exempt the load generator's address from the per-client limits
(``ILO_KG_CLIENT_EXEMPT=127.0.0.1``: by default one address may run two queries at once, so 16
connections from one address would mostly measure 429s); everything else is the default, workers
answering from their in-memory copy (measured once ``/status`` shows it).

The workloads, every request distinct (the 1-connection run asks from the end of the list, the
16-connection run then the paths it did not ask, each wrk thread its own slice of them, so no URL is
asked twice until a run wraps around; the ``X-Cache`` hits of the cached run are counted and reported,
and a run of which more than 1% of the answers were hits is not evaluated against the targets):

* **point lookups**: 6,000 distinct subjects (of the 13,923 the ID space holds, fragments included),
  ``SELECT ?p ?o WHERE { <s> ?p ?o }`` as a SPARQL Protocol GET, each subject with 16 spellings of the
  variable names (96,000 distinct texts: a fast server answers more than 6,000 requests in one run, and
  the cached ilo-kg would otherwise replay the second round)
  (``/sparql`` on ilo-kg, ``/query`` on Oxigraph, ``/`` on rdflib-endpoint), SPARQL JSON results;
* **canned joins**: the parameterised canned queries over distinct parameter values (every country,
  office, project, funder and theme the graph holds, and distinct dates), ``/queries/{name}?param=…`` on
  ilo-kg; the peers get the very SPARQL text ilo-kg runs (the ``.rq`` file), with the parameter bound by a
  ``VALUES`` block opening its WHERE group (ilo-kg binds it with Oxigraph's substitutions);
* **resource descriptions**: every resource with a page of its own (4,983 in this release, up to 6,000),
  ``/id/{kind}/{key}`` as Turtle on ilo-kg (the outgoing and incoming statements, and those of the
  resource's fragments); the peers a ``CONSTRUCT`` of the outgoing and incoming triples as Turtle
  (less work than ilo-kg's description).

Each workload: throughput at 16 connections (wrk, 2 threads) and p50/p95 latency at 1 connection. The row
counts of a sample of lookups and joins are checked equal across the servers before measuring.  The CPU
time the server's processes (ilo-kg's query workers included) spent per request is read from ``/proc``
around each run: on a shared machine it is the figure the neighbours' load disturbs least. The
targets of issue 11 are evaluated and printed with their ratios.  The machine's load (``uptime``) is
recorded before and after each server's runs: figures taken under load from other processes say so.

Run: ``.venv/bin/python bench/honest_speed.py`` (``--help``: durations, ``--skip rdflib``, …).  Needs
``wrk`` (``apt-get install -y wrk``) and ``pip install -e '.[test,bench]'``.  Writes
``bench/results/honest_speed.json`` and ``bench/results/honest_speed.md``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.append(str(Path(__file__).resolve().parent))

import pyoxigraph as ox

from _server import (
    BASE,
    PYTHON,
    ROOT,
    Server,
    get,
    ilo_kg_server,
    log,
    published,
    rdflib_endpoint_server,
)
from ilo_kg.queries import CannedQuery, load_catalogue

RESULTS_JSON = ROOT / "bench" / "results" / "honest_speed.json"
RESULTS_MD = ROOT / "bench" / "results" / "honest_speed.md"
ID = BASE + "id/"
JSON_RESULTS = "application/sparql-results+json"
TURTLE = "text/turtle"
LOOKUPS = 6000

# --- the workloads ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Request:
    """One distinct request: its path on ilo-kg and the SPARQL text the peers get for the same work."""

    ilo_path: str
    sparql: str


@dataclass(frozen=True)
class Workload:
    name: str
    accept: str
    requests: tuple[Request, ...]


def lookup_subjects(store: ox.Store, count: int, *, pages: bool) -> list[str]:
    """``count`` distinct subjects of the ID space in a fixed shuffled order; ``pages``: only those with a
    page of their own (no ``#`` fragment), as many as there are up to ``count``."""
    no_fragment = ' && !CONTAINS(STR(?s), "#")' if pages else ""
    wanted = f'isIRI(?s) && STRSTARTS(STR(?s), "{ID}"){no_fragment}'
    rows = store.query(f"SELECT DISTINCT ?s WHERE {{ ?s ?p ?o FILTER({wanted}) }}")
    subjects = sorted(row[0].value for row in rows)  # type: ignore[index, union-attr]
    if len(subjects) < count and not pages:
        raise SystemExit(f"the release holds {len(subjects)} subjects, fewer than the {count} lookups asked")
    random.Random(11).shuffle(subjects)
    return subjects[:count]


SPELLINGS = (
    ("p", "o"),
    ("q", "v"),
    ("pred", "obj"),
    ("x", "y"),
    ("a", "b"),
    ("k", "w"),
    ("r", "t"),
    ("m", "n"),
    ("c", "d"),
    ("e", "f"),
    ("g", "h"),
    ("i", "j"),
    ("s1", "s2"),
    ("u", "z"),
    ("prop", "val"),
    ("l", "oo"),
)
"""Variable names of the lookup: the same work spelled differently, so that no request repeats in a run."""


def point_lookups(subjects: list[str]) -> Workload:
    """Each subject asked once per spelling, the spellings in turn: 6,000 subjects x 16 = 96,000 distinct
    requests, more than any server answers in one run here (a response cache meets none twice)."""
    requests = []
    for first, second in SPELLINGS:
        for s in subjects:
            text = f"SELECT ?{first} ?{second} WHERE {{ <{s}> ?{first} ?{second} }}"
            requests.append(Request("/sparql?" + urllib.parse.urlencode({"query": text}), text))
    return Workload("point lookups", JSON_RESULTS, tuple(requests))


def bound_text(canned: CannedQuery, bindings: dict[str, ox.NamedNode | ox.Literal]) -> str:
    """The ``.rq`` text with its bindings as a VALUES block opening the WHERE group (for the peers)."""
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(v) for v in bindings.values())
    head, sep, rest = canned.text.partition("WHERE {")
    assert sep, f"canned query {canned.name} has no 'WHERE {{'"
    return f"{head}WHERE {{ VALUES ({names}) {{ ({terms}) }}{rest}"


def canned_joins(store: ox.Store, limit: int) -> Workload:
    """Every parameterised canned query over distinct values of its parameter, interleaved."""
    catalogue = load_catalogue(ROOT / "queries")
    per_query: list[list[Request]] = []
    for canned in catalogue:
        if len(canned.params) != 1:
            continue
        param = canned.params[0]
        if param.type == "iri" and param.namespace:
            found = store.query(
                "SELECT DISTINCT ?v WHERE { ?s ?p ?v FILTER(isIRI(?v) && STRSTARTS(STR(?v), "
                f'"{param.namespace}") && !CONTAINS(STR(?v), "#")) }}'
            )
            values = sorted(row[0].value for row in found)  # type: ignore[index, union-attr]
        elif param.type == "date":
            first = dt.date(2008, 1, 1)
            values = [(first + dt.timedelta(days=3 * k)).isoformat() for k in range(limit)]
        else:
            continue
        requests = []
        for value in values:
            bindings = canned.bind({param.name: value})
            path = f"/queries/{canned.name}?" + urllib.parse.urlencode({param.name: value})
            requests.append(Request(path, bound_text(canned, bindings)))  # type: ignore[arg-type]
        per_query.append(requests)
    mixed: list[Request] = []
    while len(mixed) < limit and any(per_query):
        for requests in per_query:
            if requests and len(mixed) < limit:
                mixed.append(requests.pop(0))
    return Workload("canned joins", JSON_RESULTS, tuple(mixed))


def descriptions(subjects: list[str]) -> Workload:
    requests = []
    for s in subjects:
        text = (
            f"CONSTRUCT {{ <{s}> ?p ?o . ?x ?q <{s}> }} WHERE {{ {{ <{s}> ?p ?o }} UNION {{ ?x ?q <{s}> }} }}"
        )
        requests.append(Request("/id/" + urllib.parse.quote(s.removeprefix(ID), safe="/"), text))
    return Workload("resource descriptions", TURTLE, tuple(requests))


# --- the servers --------------------------------------------------------------------------------


@dataclass
class Peer:
    """How a server is asked: ilo-kg by its own paths, the others by SPARQL Protocol GETs on ``endpoint``."""

    name: str
    server: Server
    endpoint: str | None = None  # None: ilo-kg (its own paths)

    def path(self, request: Request) -> str:
        if self.endpoint is None:
            return request.ilo_path
        return self.endpoint + "?" + urllib.parse.urlencode({"query": request.sparql})


def oxigraph_server(store: Path, port: int, log_path: Path) -> Server:
    command = [str(Path(PYTHON).parent / "oxigraph"), "serve-read-only", "--location", str(store)]
    command += ["--bind", f"127.0.0.1:{port}"]
    probe = "/query?" + urllib.parse.urlencode({"query": "ASK { ?s ?p ?o }"})
    return Server(command, port, probe=probe, log_path=log_path)


def wait_in_memory(url: str, limit_s: float = 600) -> float:
    """Seconds until every query worker answers from its in-memory copy (a worker's mode is the one of its
    last answer: a few queries are sent meanwhile)."""
    started = time.perf_counter()
    sent = 0
    while time.perf_counter() - started < limit_s:
        for _ in range(4):  # each one distinct: the response cache must not answer it
            sent += 1
            get(url + "/sparql?" + urllib.parse.urlencode({"query": f"ASK {{ ?s ?p ?o }} # {sent}"}))
        doc = json.loads(get(url + "/status", "application/json")[1])
        modes = doc.get("worker_modes", {})
        if modes.get("memory") and not modes.get("disk"):
            break
        time.sleep(0.2)
    return round(time.perf_counter() - started, 2)


# --- wrk ------------------------------------------------------------------------------------------

_LUA = r"""
local paths = {PATHS}
local accept = {ACCEPT}
local threads = {}
local made = 0
function setup(thread)
  -- a global of the thread's own Lua state (a top-level local would be each state's own copy, 0)
  thread:set("slice", made)
  made = made + 1
  table.insert(threads, thread)
end
function init(args)
  statuses = {} ; hits = 0 ; counter = 0
  -- each thread walks its own slice of the distinct paths (no path twice until the slice wraps)
  offset = math.floor(#paths * slice / {THREADS})
end
request = function()
  local path = paths[(offset + counter) % #paths + 1]
  counter = counter + 1
  return wrk.format("GET", path, {["Accept"] = accept})
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if headers["x-cache"] == "hit" or headers["X-Cache"] == "hit" then hits = hits + 1 end
end
done = function(summary, latency, requests)
  local merged = {} ; local allhits = 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do merged[k] = (merged[k] or 0) + v end
    allhits = allhits + t:get("hits")
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%d":%d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"errors":%d,"timeouts":%d,"p50_us":%d,"p95_us":%d,' ..
    '"p99_us":%d,"hits":%d,"statuses":{%s}}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write, e.timeout,
    latency:percentile(50), latency:percentile(95), latency:percentile(99), allhits,
    table.concat(parts, ",")))
end
"""


def _lua(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(base: str, paths: list[str], accept: str, connections: int, seconds: float) -> dict[str, Any]:
    threads = 1 if connections == 1 else 2
    script = _LUA.replace("{PATHS}", "{" + ",\n".join(_lua(p) for p in paths) + "}")
    script = script.replace("{ACCEPT}", _lua(accept)).replace("{THREADS}", str(threads))
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        lua = f.name
    command = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout=30s"]
    try:
        done = subprocess.run([*command, "-s", lua, base], capture_output=True, text=True, check=True)
    finally:
        os.unlink(lua)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line.removeprefix("WRKJSON "))
    secs = raw["duration_us"] / 1e6
    statuses = {int(k): v for k, v in raw["statuses"].items()}
    ok = statuses.get(200, 0)
    answered = raw["requests"] > 0  # no answer within the window: no latency figure (not 0 ms)
    return {
        "connections": connections,
        "seconds": round(secs, 2),
        "requests": raw["requests"],
        "rps": round(ok / secs, 1) if secs else 0.0,  # successful answers only
        "rps_below": None if ok else round(1 / secs, 3),  # none answered: fewer than 1 per window
        "p50_ms": raw["p50_us"] / 1000 if answered else None,
        "p95_ms": raw["p95_us"] / 1000 if answered else None,
        "p99_ms": raw["p99_us"] / 1000 if answered else None,
        "statuses": statuses,
        "socket_errors": raw["errors"],
        "timeouts": raw["timeouts"],
        "cache_hits": raw["hits"],
    }


# --- checks and the run --------------------------------------------------------------------------


def rows_of(body: bytes, accept: str) -> int:
    if accept == JSON_RESULTS:
        return len(json.loads(body)["results"]["bindings"])
    return sum(1 for _ in ox.parse(body, format=ox.RdfFormat.TURTLE))


def check_same_work(peers: list[Peer], workloads: list[Workload], sample: int) -> dict[str, Any]:
    """Row counts of a sample of each workload, server by server (descriptions: ilo-kg says more)."""
    out: dict[str, Any] = {}
    for w in workloads:
        step = max(1, len(w.requests) // sample)
        mismatches = []
        for request in w.requests[::step][:sample]:
            counts = {}
            for peer in peers:
                status, body = get(peer.server.url + peer.path(request), w.accept, timeout=120)
                counts[peer.name] = rows_of(body, w.accept) if status == 200 else f"HTTP {status}"
            values = set(counts.values())
            failed = any(isinstance(v, str) for v in values)
            differ = w.name != "resource descriptions" and len(values) > 1
            if failed or differ:
                mismatches.append({"path": request.ilo_path, "rows": counts})
        out[w.name] = {"checked": min(sample, len(w.requests)), "mismatches": mismatches}
        log(f"same work, {w.name}: {len(mismatches)} mismatches in {out[w.name]['checked']}")
    return out


def _port_free(port: int) -> None:
    """Refuse to measure whatever already listens on ``port`` (a server left from an earlier run)."""
    import socket

    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            raise SystemExit(f"port {port} is already in use: stop what listens there, or pass --port")


_TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> dict[int, float]:
    """User + system CPU seconds of ``pid`` and of each of its descendants (from ``/proc``)."""
    out: dict[int, float] = {}
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            stat = Path(f"/proc/{p}/stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            out[p] = (int(fields[11]) + int(fields[12])) / _TICK
            for task in os.listdir(f"/proc/{p}/task"):
                todo += [int(x) for x in Path(f"/proc/{p}/task/{task}/children").read_text().split()]
        except (OSError, ValueError):
            continue
    return out


def cpu_per_request(pid: int, before: dict[int, float], after: dict[int, float], n: int) -> dict[str, float]:
    """CPU ms per request of the server process and of its children (ilo-kg's query workers): unlike
    throughput on a shared machine, what a request costs in CPU does not depend on the neighbours' load."""
    main = after.get(pid, 0.0) - before.get(pid, 0.0)
    children = sum(v - before.get(p, 0.0) for p, v in after.items() if p != pid)
    if not n:
        return {"server_ms": 0.0, "children_ms": 0.0}
    return {"server_ms": round(main / n * 1000, 3), "children_ms": round(children / n * 1000, 3)}


def uptime() -> str:
    return subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()


def measure(peer: Peer, workloads: list[Workload], args: argparse.Namespace) -> dict[str, Any]:
    figures: dict[str, Any] = {"load_before": uptime()}
    slow = peer.name == "rdflib-endpoint"
    for w in workloads:
        paths = [peer.path(r) for r in w.requests]
        # 1 connection first, from the end of the list; then 16 over the paths it did not ask, each of
        # wrk's threads from its own slice of them: the cached run meets a path twice only once the
        # runs have covered the list (its hits are counted)
        # one request first, not measured: what a server builds on first use (ilo-kg's label index for
        # the descriptions) is not counted in the figures
        get(peer.server.url + paths[0], w.accept, timeout=300)
        pid = peer.server.process.pid  # type: ignore[union-attr]
        before = cpu_seconds(pid)
        c1 = wrk(peer.server.url, paths[::-1], w.accept, 1, args.slow_seconds if slow else args.seconds_1)
        middle = cpu_seconds(pid)
        unasked = paths[: max(len(paths) - c1["requests"], len(paths) // 2)]
        c16 = wrk(peer.server.url, unasked, w.accept, 16, args.slow_seconds if slow else args.seconds_16)
        c1["cpu_per_request"] = cpu_per_request(pid, before, middle, c1["requests"])
        c16["cpu_per_request"] = cpu_per_request(pid, middle, cpu_seconds(pid), c16["requests"])
        figures[w.name] = {"c16": c16, "c1": c1}
        log(
            f"{peer.name:22} {w.name:22} 16c {_rps(c16):>9} req/s (hits {c16['cache_hits']}, "
            f"{c16['statuses']}) | 1c p50 {_ms(c1['p50_ms'])} ms p95 {_ms(c1['p95_ms'])} ms "
            f"(hits {c1['cache_hits']}) | CPU ms/request at 16c {c16['cpu_per_request']}"
        )
    figures["load_after"] = uptime()
    return figures


def evaluate(results: dict[str, Any], workloads: list[Workload]) -> list[dict[str, Any]]:
    servers = results["servers"]
    off, shipped, oxi = (
        servers.get("ilo-kg cache off"),
        servers.get("ilo-kg as shipped"),
        servers.get("oxigraph"),
    )
    two = servers.get("ilo-kg cache off, 2 processes")
    rdf = servers.get("rdflib-endpoint")
    checks: list[dict[str, Any]] = []

    def add(
        what: str, value: float | None, target: float, higher_is_better: bool = True, cached: str = ""
    ) -> None:
        if cached:  # a figure made of cache hits says nothing of the engine: not evaluated
            checks.append({"target": what, "value": None, "goal": target, "met": None, "why": cached})
            return
        if value is None:
            checks.append({"target": what, "value": None, "goal": target, "met": None})
            return
        met = value >= target if higher_is_better else value <= target
        checks.append({"target": what, "value": round(value, 3), "goal": target, "met": met})

    def rps(s: dict[str, Any] | None, w: str) -> float | None:
        """Requests/s; for a server that answered none in the window, its bound (fewer than 1 per window):
        a ratio against it is then a lower bound, marked so."""
        if not s or w not in s:
            return None
        run = s[w]["c16"]
        return float(run["rps"] or run["rps_below"] or 0) or None

    def p50(s: dict[str, Any] | None, w: str) -> float | None:
        if not s or w not in s:
            return None
        run = s[w]["c1"]
        return run["p50_ms"] if run["p50_ms"] is not None else run["seconds"] * 1000  # none within it

    def ratio(a: float | None, b: float | None) -> float | None:
        return a / b if a is not None and b else None

    lookups = "point lookups"
    add(
        "point lookups, cache off: throughput / Oxigraph server's at 16 conns",
        ratio(rps(off, lookups), rps(oxi, lookups)),
        0.5,
    )
    add("point lookups, cache off: p50 at 1 conn (ms)", p50(off, lookups), 0.5, higher_is_better=False)
    add(
        "point lookups, cache off, 2 service processes: throughput / Oxigraph server's at 16 conns",
        ratio(rps(two, lookups), rps(oxi, lookups)),
        0.5,
    )
    joins = "canned joins"
    add(
        "canned joins, cache off: throughput / Oxigraph server's at 16 conns",
        ratio(rps(off, joins), rps(oxi, joins)),
        1.0,
    )
    add(
        "canned joins, as shipped: throughput / Oxigraph server's at 16 conns",
        ratio(rps(shipped, joins), rps(oxi, joins)),
        1.0,
    )

    def hits(s: dict[str, Any] | None, w: str, run: str) -> str:
        """Why a run cannot be evaluated: more than 1% of its answers came from the response cache (the
        workload had fewer distinct requests than the server answered); else ""."""
        if not s or w not in s:
            return ""
        figures = s[w][run]
        if figures["requests"] and figures["cache_hits"] > 0.01 * figures["requests"]:
            return f"{figures['cache_hits']} of {figures['requests']} answers were cache hits"
        return ""

    for label, s in (("cache off", off), ("cache off, 2 service processes", two), ("as shipped", shipped)):
        for w in workloads:
            # rdflib-endpoint answered none within the window: its figure is a bound, the ratio a floor
            floor = bool(rdf and w.name in rdf and rdf[w.name]["c16"]["rps_below"] is not None)
            add(
                f"{w.name}, {label}: throughput / rdflib-endpoint's at 16 conns" + (" (at least)" * floor),
                ratio(rps(s, w.name), rps(rdf, w.name)),
                20.0,
                cached=hits(s, w.name, "c16"),
            )
            floor = bool(rdf and w.name in rdf and rdf[w.name]["c1"]["p50_ms"] is None)
            add(
                f"{w.name}, {label}: rdflib-endpoint's p50 / ilo-kg's at 1 conn" + (" (at least)" * floor),
                ratio(p50(rdf, w.name), p50(s, w.name)),
                20.0,
                cached=hits(s, w.name, "c1"),
            )
    return checks


def table(results: dict[str, Any], workloads: list[Workload]) -> str:
    lines = [
        "| workload | server | 16 conns: req/s | non-200 | cache hits (16c + 1c) | 1 conn: p50 ms | p95 ms "
        "| CPU ms/request (16c): server + workers | load before → after |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for w in workloads:
        for name, figures in results["servers"].items():
            if w.name not in figures:
                continue
            c16, c1 = figures[w.name]["c16"], figures[w.name]["c1"]
            bad = (
                sum(v for k, v in c16["statuses"].items() if k != 200)
                + c16["socket_errors"]
                + c16["timeouts"]
            )
            load = f"{_load(figures['load_before'])} → {_load(figures['load_after'])}"
            lines.append(
                f"| {w.name} | {name} | {_rps(c16)} | {bad} | {c16['cache_hits']} + {c1['cache_hits']} | "
                f"{_ms(c1['p50_ms'])} | {_ms(c1['p95_ms'])} | {_cpu(c16)} | {load} |"
            )
    return "\n".join(lines)


def _rps(run: dict[str, Any]) -> str:
    return f"{run['rps']:.1f}" if run["rps_below"] is None else f"< {run['rps_below']:g}"


def _cpu(run: dict[str, Any]) -> str:
    cost = run.get("cpu_per_request") or {}
    if not run["requests"]:
        return "n/a"
    server, children = cost.get("server_ms", 0.0), cost.get("children_ms", 0.0)
    return f"{server:.3f} + {children:.3f}" if children else f"{server:.3f}"


def _ms(value: float | None) -> str:
    return "none answered" if value is None else f"{value:.3f}"


def _load(text: str) -> str:
    return text.rsplit("load average:", 1)[-1].strip() if "load average" in text else text


def targets_table(checks: list[dict[str, Any]]) -> str:
    lines = ["| target | value | goal | met |", "| --- | ---: | ---: | --- |"]
    for c in checks:
        value = "n/a" if c["value"] is None else f"{c['value']:g}"
        goal = ("<= " if "p50 at 1 conn (ms)" in c["target"] else ">= ") + f"{c['goal']:g}"
        met = {True: "yes", False: "**no**", None: "not measured"}[c["met"]]
        if c.get("why"):
            met = f"not evaluated: {c['why']}"
        lines.append(f"| {c['target']} | {value} | {goal} | {met} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--triples", type=int, default=100_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/ilo-bench/honest"))
    parser.add_argument("--seconds-16", type=float, default=8.0, help="wrk duration at 16 connections")
    parser.add_argument("--seconds-1", type=float, default=6.0, help="wrk duration at 1 connection")
    parser.add_argument("--slow-seconds", type=float, default=20.0, help="wrk durations for rdflib-endpoint")
    parser.add_argument("--joins", type=int, default=6000, help="distinct canned joins")
    parser.add_argument("--sample", type=int, default=30, help="requests per workload checked across servers")
    parser.add_argument("--skip", action="append", default=[], help="a server to leave out (e.g. rdflib)")
    parser.add_argument("--port", type=int, default=18700)
    parser.add_argument(
        "--only", action="append", default=[], help="run only the workloads whose name holds this word"
    )
    parser.add_argument("--out", type=Path, default=None, help="write the results here (JSON; .md beside)")
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    dist = args.work / "dist"
    log(f"release of {args.triples} triples at {dist} (ilo-kg build --from)")
    made = published(args.triples, dist)
    release = dist.resolve()
    log(f"version {made['version']}, {made['quads']} quads")
    local = ox.Store.read_only(str(release / "store"))
    subjects = lookup_subjects(local, LOOKUPS, pages=False)
    pages = lookup_subjects(local, LOOKUPS, pages=True)
    workloads = [point_lookups(subjects), canned_joins(local, args.joins), descriptions(pages)]
    if args.only:
        workloads = [w for w in workloads if any(word in w.name for word in args.only)]
    del local
    for w in workloads:
        log(f"workload {w.name}: {len(w.requests)} distinct requests")

    exempt = {"ILO_KG_CLIENT_EXEMPT": "127.0.0.1"}
    specs: list[tuple[str, Any]] = [
        (
            "ilo-kg cache off",
            lambda p: Peer(
                "ilo-kg cache off",
                ilo_kg_server(
                    dist, p, log_path=args.work / "off.log", env={**exempt, "ILO_KG_CACHE_MB": "0"}
                ),
            ),
        ),
        (
            "ilo-kg cache off, 2 processes",
            lambda p: Peer(
                "ilo-kg cache off, 2 processes",
                ilo_kg_server(
                    dist,
                    p,
                    log_path=args.work / "off-2.log",
                    env={**exempt, "ILO_KG_CACHE_MB": "0", "ILO_KG_PROCESSES": "2"},
                ),
            ),
        ),
        (
            "ilo-kg as shipped",
            lambda p: Peer(
                "ilo-kg as shipped", ilo_kg_server(dist, p, log_path=args.work / "shipped.log", env=exempt)
            ),
        ),
        (
            "oxigraph",
            lambda p: Peer(
                "oxigraph", oxigraph_server(release / "store", p, args.work / "oxigraph.log"), "/query"
            ),
        ),
        (
            "rdflib-endpoint",
            lambda p: Peer(
                "rdflib-endpoint",
                rdflib_endpoint_server(release / "ilo-kg.nq", p, log_path=args.work / "rdflib.log"),
                "/",
            ),
        ),
    ]
    specs = [(n, f) for n, f in specs if not any(s in n for s in args.skip)]
    results: dict[str, Any] = {
        "meta": {
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "host": platform.node(),
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "pyoxigraph": ox.__version__,
            "oxigraph_server": subprocess.run(
                [str(Path(PYTHON).parent / "oxigraph"), "--version"], capture_output=True, text=True
            ).stdout.strip(),
            "release": {
                "version": made["version"],
                "quads": made["quads"],
                "triples_generated": args.triples,
            },
            "workloads": {w.name: len(w.requests) for w in workloads},
            "uptime_start": uptime(),
            "settings": {
                "seconds_16": args.seconds_16,
                "seconds_1": args.seconds_1,
                "slow_seconds": args.slow_seconds,
                "ilo_kg_env": exempt,
            },
        },
        "servers": {},
    }
    peers: list[Peer] = []
    try:
        for k, (name, factory) in enumerate(specs):
            peer: Peer = factory(args.port + k)
            log(f"starting {name}")
            peers.append(peer)  # stopped in the end whatever happens, even while it starts
            _port_free(args.port + k)
            peer.server.start(timeout_s=600)
            if peer.endpoint is None:
                log(f"{name}: workers in memory after {wait_in_memory(peer.server.url)} s")
                time.sleep(5)  # /status speaks for one service process: the others' copies, started with it
        results["same_work"] = check_same_work(peers, workloads, args.sample)
        for peer in peers:
            results["servers"][peer.name] = measure(peer, workloads, args)
    finally:
        for peer in peers:
            peer.server.stop()
    results["meta"]["uptime_end"] = uptime()
    checks = evaluate(results, workloads)
    results["targets"] = checks
    figures = table(results, workloads)
    verdicts = targets_table(checks)
    print("\n" + figures + "\n\n" + verdicts)
    out_json = args.out or RESULTS_JSON
    out_md = out_json.with_suffix(".md")
    out_json.parent.mkdir(parents=True, exist_ok=True)
    out_json.write_text(json.dumps(results, indent=2) + "\n")
    m = results["meta"]
    note = [
        "# Honest speed (issue 11): ilo-kg beside the Oxigraph server and rdflib-endpoint",
        "",
        f"Run {m['started']} on {m['cpus']} CPUs (shared: see the load columns), Python {m['python']}, "
        f"pyoxigraph {m['pyoxigraph']}, {m['oxigraph_server']}; release {m['release']['version']} "
        f"({m['release']['quads']} quads from {args.triples} generated triples). "
        f"Load at start: `{m['uptime_start']}`; at the end: `{m['uptime_end']}`.",
        "",
        "Every request of a workload is distinct ("
        + ", ".join(f"{k}: {v}" for k, v in m["workloads"].items())
        + "). Throughput counts 200 answers only. Made by `bench/honest_speed.py` (its docstring says "
        "what each server gets).",
        "",
        figures,
        "",
        "## Targets",
        "",
        verdicts,
        "",
        "Same work: row counts of a sample of each workload compared across the servers: "
        + "; ".join(
            f"{k}: {len(v['mismatches'])} mismatches in {v['checked']}"
            for k, v in results["same_work"].items()
        )
        + " (descriptions: ilo-kg's says more than the peers' CONSTRUCT; only errors count there).",
        "",
    ]
    out_md.write_text("\n".join(note))
    log(f"wrote {out_json} and {out_md}")


if __name__ == "__main__":
    main()
