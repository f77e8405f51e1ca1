"""Shared helpers of the HTTP benchmarks (bench/http.py, bench/soak.py); not part of the test run.

- :func:`published` makes (or reuses) a release of a generated graph with the real ``ilo-kg build --from``
  (validation, OWL 2 RL inference, every published file; ``ilo-kg.nq`` holds every quad, for peers).
- :class:`Server` starts a service process (the real ``ilo-kg serve``, or rdflib-endpoint) on 127.0.0.1
  and waits for its first 200.
- :func:`wrk` runs Debian's wrk with a Lua script that prints percentiles and a status histogram as JSON.
- :func:`tree_rss_mb` samples the resident memory of a process and its children from /proc.

Run ``.venv/bin/python bench/_server.py rdflib-endpoint DATA.nq PORT`` to serve a file with rdflib-endpoint.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
BASE = "https://w3id.org/ilo-kg/"
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.append(str(Path(__file__).resolve().parent))  # for generate.py


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def wait_quiet(max_load: float = 1.0, max_wait_s: float = 120.0) -> list[float]:
    """Wait (up to ``max_wait_s``) for the 1-minute load average to drop under ``max_load``."""
    deadline = time.monotonic() + max_wait_s
    while os.getloadavg()[0] > max_load and time.monotonic() < deadline:
        time.sleep(5)
    return load_average()


# --- the published folder ---------------------------------------------------------------------


def published(n_triples: int, folder: Path, *, seed: int = 1) -> dict[str, Any]:
    """A release of a generated ``n_triples`` graph made by the real ``ilo-kg build --from`` at ``folder``.

    ``folder`` is the build's output (a link to the release); reused when made with these args.
    The release holds ``store`` (asserted + inferred), ``ilo-kg.nq`` (every quad, for the peers),
    ``manifest.json`` with its summary, ``context.jsonld``: what ``ilo-kg serve`` reads.
    """
    from generate import generate  # bench/generate.py

    stamp = folder / "bench-stamp.json"
    wanted = {"n_triples": n_triples, "seed": seed, "built_by": "ilo-kg build --from"}
    if stamp.is_file():
        made = json.loads(stamp.read_text())
        if made.get("args") == wanted and (folder / "store").is_dir():
            return dict(made)
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    seconds: dict[str, float] = {}
    asserted = folder.parent / f"generated-{n_triples}.nq"
    start = time.perf_counter()
    generate(n_triples, seed=seed, path=asserted)
    seconds["generate"] = time.perf_counter() - start
    start = time.perf_counter()
    command = [str(Path(PYTHON).parent / "ilo-kg"), "build", "--quiet", "--from", str(asserted)]
    subprocess.run([*command, "--output", str(folder)], check=True, cwd=str(ROOT))
    seconds["build"] = time.perf_counter() - start
    asserted.unlink()
    manifest = json.loads((folder / "manifest.json").read_text())
    made = {
        "args": wanted,
        "quads": sum(manifest.get("graphs", {}).values()) or manifest.get("summary", {}).get("quads"),
        "summary": manifest.get("summary"),
        "seconds": seconds,
        "version": manifest.get("version"),
    }
    stamp.write_text(json.dumps(made, indent=2) + "\n")
    return made


# --- service processes -------------------------------------------------------------------------


def get(url: str, accept: str = "*/*", timeout: float = 30.0) -> tuple[int, bytes]:
    request = urllib.request.Request(url, headers={"Accept": accept})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


@dataclass
class Server:
    """One service process on 127.0.0.1:``port``; ``ready_s`` is process start to first 200 on ``probe``."""

    command: list[str]
    port: int
    env: dict[str, str] = field(default_factory=dict)
    probe: str = "/"
    log_path: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    ready_s: float | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 300.0) -> Server:
        out = self.log_path.open("wb") if self.log_path else subprocess.DEVNULL
        started = time.perf_counter()
        self.process = subprocess.Popen(
            self.command,
            env={**os.environ, **self.env},
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=str(ROOT),
            start_new_session=True,
        )
        deadline = started + timeout_s
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.command[:3]} exited with {self.process.returncode}")
            try:
                status, _ = get(self.url + self.probe, timeout=timeout_s)
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.01)
                continue
            if status == 200:
                self.ready_s = time.perf_counter() - started
                return self
            time.sleep(0.01)
        self.stop()
        raise RuntimeError(f"{self.command[:3]} not ready within {timeout_s:g} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        # SIGINT to the service alone (a terminal's Ctrl-C would also reach the workers, which then print
        # KeyboardInterrupt tracebacks): uvicorn shuts down and serve() closes the pool.
        os.kill(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def __enter__(self) -> Server:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def ilo_kg_server(
    dist: Path,
    port: int,
    *,
    timeout_s: float = 10.0,
    log_path: Path | None = None,
    env: dict[str, str] | None = None,
) -> Server:
    """The real ``ilo-kg serve`` command (one uvicorn process, the default worker pool)."""
    command = [str(Path(PYTHON).parent / "ilo-kg"), "serve", "--output", str(dist), "--port", str(port)]
    env = {"ILO_KG_TIMEOUT_S": str(timeout_s), **(env or {})}
    return Server(command, port, env=env, probe="/", log_path=log_path)


def rdflib_endpoint_server(data: Path, port: int, *, log_path: Path | None = None) -> Server:
    command = [PYTHON, str(Path(__file__).resolve()), "rdflib-endpoint", str(data), str(port)]
    probe = "/?query=" + urllib.request.quote("ASK { ?s ?p ?o }")
    return Server(command, port, probe=probe, log_path=log_path)


def _serve_rdflib_endpoint(data: str, port: int) -> None:
    """rdflib-endpoint as its own CLI runs it: a Dataset with a union default graph, uvicorn defaults."""
    import uvicorn
    from rdflib import Dataset
    from rdflib_endpoint import SparqlEndpoint

    dataset = Dataset(default_union=True)
    dataset.parse(data, format="nquads")
    app = SparqlEndpoint(graph=dataset, public_url=f"http://127.0.0.1:{port}/")
    uvicorn.run(app, host="127.0.0.1", port=port)


# --- memory ------------------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            text = Path(f"/proc/{pid}/task/{task}/children").read_text().split()
            found += [int(x) for x in text]
    except OSError:
        pass
    return found


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def tree_rss_mb(pid: int) -> dict[str, Any]:
    """RSS of ``pid`` and of every descendant, in MiB."""
    todo, seen = [pid], []
    while todo:
        p = todo.pop()
        seen.append(p)
        todo += _children(p)
    per = {p: rss_mb(p) for p in seen}
    return {"total": sum(per.values()), "main": per[pid], "children": len(seen) - 1, "per_pid": per}


def service_pid(server: Server) -> int:
    """The uvicorn process: the ``ilo-kg`` console script is itself the Python process."""
    assert server.process is not None
    return server.process.pid


# --- wrk ---------------------------------------------------------------------------------------

_LUA = r"""
local paths = {PATHS}
local headers = {HEADERS}
local threads = {}
local counter = 0
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {} ; counter = 0 end
request = function()
  counter = counter + 1
  local path = paths[(counter - 1) % #paths + 1]
  return wrk.format("GET", path, headers)
end
response = function(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 then
    local kind = string.find(body, "busy", 1, true) and 1503 or 2503
    statuses[kind] = (statuses[kind] or 0) + 1
  end
end
done = function(summary, latency, requests)
  local merged = {}
  for _, t in ipairs(threads) do
    local s = t:get("statuses")
    for k, v in pairs(s) do merged[k] = (merged[k] or 0) + v end
  end
  local parts = {}
  for k, v in pairs(merged) do table.insert(parts, string.format('"%d":%d', k, v)) end
  local e = summary.errors
  io.write(string.format(
    'WRKJSON {"requests":%d,"duration_us":%d,"bytes":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"status_errors":%d,"timeout_errors":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,' ..
    '"max_us":%d,"mean_us":%.1f,"statuses":{%s}}\n',
    summary.requests, summary.duration, summary.bytes, e.connect, e.read, e.write, e.status, e.timeout,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max, latency.mean,
    table.concat(parts, ",")))
end
"""


def _lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def wrk(
    base: str,
    paths: list[str],
    *,
    connections: int,
    seconds: float,
    accept: str = "*/*",
    threads: int | None = None,
    timeout_s: float = 10.0,
    headers: dict[str, str] | None = None,
) -> dict[str, Any]:
    """Run wrk against ``base`` cycling through ``paths``; latency in ms, throughput in requests/s."""
    script = _LUA.replace("{PATHS}", "{" + ", ".join(_lua_string(p) for p in paths) + "}")
    sent = {"Accept": accept, **(headers or {})}
    table = ", ".join(f"[{_lua_string(k)}] = {_lua_string(v)}" for k, v in sent.items())
    script = script.replace("{HEADERS}", "{" + table + "}")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
        lua = f.name
    threads = threads or min(2, connections)
    command = [
        "wrk",
        f"-t{threads}",
        f"-c{connections}",
        f"-d{max(1, round(seconds))}s",
        f"--timeout={max(1, round(timeout_s))}s",
        "-s",
        lua,
        base,
    ]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    finally:
        os.unlink(lua)
    line = next(x for x in done.stdout.splitlines() if x.startswith("WRKJSON "))
    raw = json.loads(line[len("WRKJSON ") :])
    secs = raw["duration_us"] / 1e6
    return {
        "connections": connections,
        "seconds": round(secs, 2),
        "requests": raw["requests"],
        "rps": round(raw["requests"] / secs, 1) if secs else 0.0,
        "p50_ms": raw["p50_us"] / 1000,
        "p90_ms": raw["p90_us"] / 1000,
        "p99_ms": raw["p99_us"] / 1000,
        "max_ms": raw["max_us"] / 1000,
        "mean_ms": round(raw["mean_us"] / 1000, 3),
        "statuses": {int(k): v for k, v in raw["statuses"].items() if int(k) < 1000},
        "503_busy": raw["statuses"].get("1503", 0),  # EngineBusy: no worker free within the limit
        "503_time_limit": raw["statuses"].get("2503", 0),  # QueryTimeout (or another 503)
        "socket_errors": {k: raw[f"{k}_errors"] for k in ("connect", "read", "write", "timeout")},
        "bytes_per_request": round(raw["bytes"] / raw["requests"]) if raw["requests"] else 0,
    }


def write_section(path: Path, name: str, text: str) -> None:
    """Replace (or append) the section ``name`` of a Markdown note, between HTML comment markers."""
    begin, end = f"<!-- begin {name} -->", f"<!-- end {name} -->"
    old = path.read_text() if path.is_file() else "# Benchmarks: the HTTP side (issue 5)\n"
    block = f"{begin}\n{text.rstrip()}\n{end}\n"
    if begin in old and end in old:
        head, _, rest = old.partition(begin)
        _, _, tail = rest.partition(end)
        new = head + block + tail.lstrip("\n")
    else:
        new = old.rstrip("\n") + "\n\n" + block
    path.write_text(new)


EXTRA = Path("/tmp/ilo-bench/extra")  # pip install --target here: uvloop, httptools (never the venv)


def variant_server(dist: Path, port: int, *, access_log: bool, fast_loop: bool) -> Server:
    """``serve()``'s app and store with other uvicorn options, to measure the fixes proposed."""
    command = [PYTHON, str(Path(__file__).resolve()), "variant", str(dist), str(port), str(int(access_log))]
    env = {"PYTHONPATH": str(EXTRA)} if fast_loop else {}
    return Server(command, port, env=env, probe="/")


def _serve_variant(dist: str, port: int, access_log: bool) -> None:
    import uvicorn

    from ilo_kg.config import Settings
    from ilo_kg.engine.oxigraph import OxigraphStore
    from ilo_kg.queries import load_catalogue
    from ilo_kg.web.app import create_app

    settings = Settings.from_env(output=Path(dist), port=port)
    store = OxigraphStore.from_settings(settings)
    try:
        app = create_app(settings, store, load_catalogue(settings.queries_dir))
        uvicorn.run(app, host="127.0.0.1", port=port, log_level="info", access_log=access_log)
    finally:
        store.close()


def main() -> None:
    if len(sys.argv) == 4 and sys.argv[1] == "rdflib-endpoint":
        _serve_rdflib_endpoint(sys.argv[2], int(sys.argv[3]))
        return
    if len(sys.argv) == 5 and sys.argv[1] == "variant":
        _serve_variant(sys.argv[2], int(sys.argv[3]), sys.argv[4] == "1")
        return
    raise SystemExit(
        "usage: bench/_server.py rdflib-endpoint DATA.nq PORT | variant DIST PORT ACCESS_LOG(0|1)"
    )


if __name__ == "__main__":
    main()
