"""Benchmarks of issue 5, one command: ``.venv/bin/python bench/run.py [--sizes 10000,100000,1000000]``.

Writes ``bench/results/build.json``, ``bench/results/query.json`` and ``bench/results.md``.
Each build runs in its own process (peak memory per size from ``getrusage``); pySHACL and owlrl run as
references in a subprocess capped at ``--cap`` seconds ("did not finish in N s" otherwise).
HTTP benchmarks: add a runner to :data:`QUERY_RUNNERS` (hook ``http``) once the service is wired.
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
RESULTS = HERE / "results"
PY = sys.executable
POINT = "SELECT ?p ?o WHERE {{ <{iri}> ?p ?o }}"
JOIN = """PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> PREFIX schema: <https://schema.org/>
SELECT ?project ?name ?funder ?country WHERE {{
  ?project a ilo:Project ; schema:name ?name ; ilo:fundedBy ?funder ; ilo:country ?country ;
           schema:startDate ?start . FILTER (?start >= "{start}"^^<http://www.w3.org/2001/XMLSchema#date>)
}} LIMIT 300"""

CHILD_BUILD = """
import json, sys, time
sys.path.insert(0, {bench!r})
from pathlib import Path
from ilo_kg.config import Settings
from ilo_kg.validate import load_shapes
from ilo_kg.fastbuild import fast_build
s = Settings()
t = time.perf_counter()
r = fast_build(Path({src!r}), output=Path({out!r}), shapes=load_shapes(s.shapes_dir), base_iri=s.base_iri)
print(json.dumps({{"seconds": r.seconds, "total_s": time.perf_counter() - t, "peak_rss_mb": r.peak_rss_mb,
                  "inferred": r.inferred, "rounds": r.rounds, "quads": r.quads,
                  "violations": len(r.report.violations)}}))
"""

CHILD_REFERENCE = """
import json, sys, time, resource
from rdflib import Graph
from ilo_kg.config import Settings
from ilo_kg.build import load_ontology
from ilo_kg.validate import load_shapes, validate
from ilo_kg.infer import infer
s = Settings()
t = time.perf_counter()
g = Graph(); g.parse({src!r}, format="nt")
parse = time.perf_counter() - t
t = time.perf_counter()
if {which!r} == "pyshacl":
    validate(g, load_shapes(s.shapes_dir), load_ontology(s))
else:
    infer(g, load_ontology(s), s.base_iri)
print(json.dumps({{"parse_s": parse, "seconds": time.perf_counter() - t,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}))
"""


def _child(code: str, cap: float) -> dict[str, object]:
    try:
        done = subprocess.run([PY, "-c", code], capture_output=True, text=True, timeout=cap, check=True)
    except subprocess.TimeoutExpired:
        return {"status": f"did not finish in {cap:.0f} s"}
    except subprocess.CalledProcessError as exc:
        return {"status": "failed", "stderr": exc.stderr[-2000:]}
    return {"status": "ok", **json.loads(done.stdout.strip().splitlines()[-1])}


def bench_builds(sizes: list[int], cap: float, tmp: Path) -> list[dict[str, object]]:
    sys.path.insert(0, str(HERE))
    from generate import generate

    rows = []
    for n in sizes:
        nq, nt = tmp / f"g{n}.nq", tmp / f"g{n}.nt"
        t = time.perf_counter()
        generate(n, seed=1, path=nq)
        gen_s = time.perf_counter() - t
        row: dict[str, object] = {"triples": n, "generate_s": gen_s}
        row["oxigraph"] = _child(
            CHILD_BUILD.format(bench=str(HERE), src=str(nq), out=str(tmp / f"out{n}")), 600
        )
        print(n, "oxigraph", row["oxigraph"], flush=True)
        if n <= 100_000:
            generate(n, seed=1, path=nt, quads=False)
            for which in ("pyshacl", "owlrl"):
                row[which] = _child(CHILD_REFERENCE.format(src=str(nt), which=which), cap)
                print(n, which, row[which], flush=True)
        else:
            row["pyshacl"] = row["owlrl"] = {"status": "not run above 100k triples (see the 100k figure)"}
        rows.append(row)
    return rows


def _latency(fn: Callable[[], object], runs: int) -> dict[str, float]:
    for _ in range(min(20, runs)):
        fn()
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    return {"p50_ms": statistics.median(times), "p99_ms": times[int(len(times) * 0.99) - 1], "runs": runs}


def bench_queries(tmp: Path) -> dict[str, object]:
    import pyoxigraph as ox
    from rdflib import Graph

    nt = tmp / "g100000.nt"
    if not nt.exists():
        sys.path.insert(0, str(HERE))
        from generate import generate

        generate(100_000, seed=1, path=nt, quads=False)
    store = ox.Store()
    store.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES)
    graph = Graph()
    graph.parse(nt, format="nt")
    point = POINT.format(iri="https://w3id.org/ilo-kg/id/country/ALB")
    join = JOIN.format(start="2016-01-01")
    rows = {"oxigraph": len(list(store.query(join))), "rdflib": len(graph.query(join))}  # type: ignore[arg-type]
    out: dict[str, object] = {"graph_triples": len(store), "join_rows": rows}
    out["point"] = {
        "oxigraph": _latency(lambda: list(store.query(point)), 2000),  # type: ignore[arg-type]
        "rdflib": _latency(lambda: list(graph.query(point)), 300),
    }
    out["join"] = {
        "oxigraph": _latency(lambda: list(store.query(join)), 300),  # type: ignore[arg-type]
        "rdflib": _latency(lambda: list(graph.query(join)), 20),
    }
    out["http"] = "not measured yet: hook QUERY_RUNNERS['http'] when the service is wired"
    return out


QUERY_RUNNERS: dict[str, Callable[[Path], dict[str, object]]] = {"in-process": bench_queries}


def _fmt(result: object) -> str:
    if not isinstance(result, dict):
        return str(result)
    if result.get("status") != "ok":
        return str(result.get("status"))
    if "total_s" in result:
        s = result["seconds"]
        return (
            f"parse {s['parse']:.1f} s, validate {s['validate']:.1f} s, infer {s['infer']:.1f} s, "
            f"publish {s['publish']:.1f} s = **{result['total_s']:.1f} s**, "
            f"peak {result['peak_rss_mb']:.0f} MiB"
        )
    peak = result["peak_rss_mb"]
    return f"{result['seconds']:.1f} s (+ rdflib parse {result['parse_s']:.1f} s), peak {peak:.0f} MiB"


def write_markdown(builds: list[dict[str, object]], queries: dict[str, object]) -> None:
    lines = [
        "# Benchmarks (issue 5)",
        "",
        f"Machine: {platform.platform()}, Python {platform.python_version()}, "
        f"{__import__('os').cpu_count()} cores. Command: `.venv/bin/python bench/run.py`.",
        "",
        "## Build stages (Oxigraph end to end: `ilo_kg.fastbuild.fast_build`)",
        "",
        "| triples | Oxigraph build | pySHACL validate | owlrl infer |",
        "| --- | --- | --- | --- |",
    ]
    for row in builds:
        lines.append(
            f"| {row['triples']:,} | {_fmt(row['oxigraph'])} | {_fmt(row['pyshacl'])} "
            f"| {_fmt(row['owlrl'])} |"
        )
    lines += [
        "",
        "## Query latency, in process, 100k-triple graph",
        "",
        f"Join rows: {queries['join_rows']}.",
        "",
        "| query | engine | p50 ms | p99 ms |",
        "| --- | --- | --- | --- |",
    ]
    for q in ("point", "join"):
        for engine, r in queries[q].items():  # type: ignore[union-attr]
            lines.append(f"| {q} | {engine} | {r['p50_ms']:.3f} | {r['p99_ms']:.3f} |")
    lines += ["", f"HTTP: {queries['http']}", ""]
    (HERE / "results.md").write_text("\n".join(lines))


def main() -> None:
    parser = argparse.ArgumentParser(description="issue 5 benchmarks")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--cap", type=float, default=120.0, help="time limit of each reference run, seconds")
    args = parser.parse_args()
    RESULTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        builds = bench_builds([int(x) for x in args.sizes.split(",")], args.cap, Path(tmp))
        (RESULTS / "build.json").write_text(json.dumps(builds, indent=2) + "\n")
        queries = QUERY_RUNNERS["in-process"](Path(tmp))
        (RESULTS / "query.json").write_text(json.dumps(queries, indent=2) + "\n")
    write_markdown(builds, queries)
    print((HERE / "results.md").read_text())


if __name__ == "__main__":
    main()
