"""Time the default build as a user runs it: `ilo-kg build` on this project's data (every source page).

    python bench/bench_default_build.py [--runs 5]

Each run is the real command in a fresh process into a fresh output folder; the script prints wall time
and peak memory (the children's peak resident set, `resource.getrusage`) per run and their median, and
saves them to `bench/results/default_build.json`. The build must stay deterministic: every run's sorted
N-Triples are compared byte for byte.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def one_run(out: Path) -> tuple[float, float, str]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", "--root", str(ROOT), "build", "--quiet", "--output", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    peak_kib = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    digest = hashlib.sha256((out / "ilo-kg.nt").read_bytes()).hexdigest()
    return wall, peak_kib / 1024, digest


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    pages = sorted((ROOT / "data" / "sources").glob("*.txt"))
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(args.runs):
            wall, peak, digest = one_run(Path(tmp) / f"out{i}")
            runs.append({"wall_s": round(wall, 3), "peak_mib": round(peak, 1), "nt_sha256": digest})
            print(f"run {i + 1}: {wall:.2f} s, peak {peak:.0f} MiB")
    walls = [r["wall_s"] for r in runs]
    deterministic = len({r["nt_sha256"] for r in runs}) == 1
    summary = {
        "command": "ilo-kg build (default root, every page of data/sources)",
        "pages": len(pages),
        "runs": runs,
        "median_wall_s": statistics.median(walls),
        "max_wall_s": max(walls),
        "deterministic": deterministic,
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "load": os.getloadavg()},
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
    }
    print(
        f"{len(pages)} pages: median {summary['median_wall_s']:.2f} s, max {max(walls):.2f} s; "
        f"byte-identical N-Triples: {deterministic}"
    )
    out = ROOT / "bench" / "results" / "default_build.json"
    out.write_text(json.dumps(summary, indent=1) + "\n")
    print(f"wrote {out}")
    return 0 if deterministic else 1


if __name__ == "__main__":
    sys.exit(main())
