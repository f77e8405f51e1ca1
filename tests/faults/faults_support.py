"""Shared by the fault-injection tests: the service as a user starts it, ``ilo-kg serve`` in its own process."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-m", "ilo_kg.cli"]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def children(pid: int) -> list[int]:
    """Process ids whose parent is ``pid`` (read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name is in parentheses and may hold spaces: the parent pid follows it
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return state[state.rindex(")") + 2] != "Z"


CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
"""A query that cannot finish within any time limit (a cross product of the graph with itself twice)."""
ASK = "ASK { ?s ?p ?o }"


@dataclass
class Server:
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def workers(self) -> list[int]:
        return children(self.process.pid)

    def status(self) -> dict:
        return httpx.get(self.url + "/status", timeout=10).json()

    def client(self, address: str = "127.0.0.1", timeout: float = 60) -> httpx.Client:
        """An HTTP client whose connections come from ``address`` (any 127.x.y.z is this machine): the
        service counts each address as one client."""
        transport = httpx.HTTPTransport(local_address=address)
        return httpx.Client(base_url=self.url, transport=transport, timeout=timeout)

    def slow_query(
        self, address: str, query: str = CROSS
    ) -> tuple[threading.Thread, dict[str, httpx.Response]]:
        """Send ``query`` from ``address`` in a thread (started); its response lands in ``outcome["slow"]``."""
        outcome: dict[str, httpx.Response] = {}

        def run() -> None:
            with self.client(address) as c:
                outcome["slow"] = c.get("/sparql", params={"query": query})

        thread = threading.Thread(target=run)
        thread.start()
        return thread, outcome

    def ask(self, address: str = "127.0.0.1") -> httpx.Response:
        with self.client(address) as c:
            return c.get("/sparql", params={"query": ASK}, headers={"Accept": "application/json"})

    def wait_for_workers(self, count: int = 2, within_s: float = 60) -> list[int]:
        """The worker pids once ``count`` of them are ready (replacements take a moment)."""
        deadline = time.monotonic() + within_s
        while True:
            ready = [w["pid"] for w in self.status()["workers"] if w["state"] != "starting"]
            if len(ready) >= count or time.monotonic() > deadline:
                return ready
            time.sleep(0.1)

    def assert_healthy(self) -> None:
        """The server runs, answers, and has its full pool again."""
        assert self.process.poll() is None, self.log.read_text()[-2000:]
        assert len(self.wait_for_workers()) == 2
        for _ in range(4):
            r = self.ask()
            assert r.status_code == 200 and r.json()["boolean"] is True, r.text[:300]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_server(dist: Path, log: Path, **settings: str) -> Server:
    """``ilo-kg serve --output dist`` with ``ILO_KG_<NAME>`` settings, once it answers."""
    port = free_port()
    env = dict(os.environ)
    env.update({f"ILO_KG_{k.upper()}": v for k, v in settings.items()})
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [*CLI, "serve", "--output", str(dist), "--port", str(port)],
            cwd=ROOT,
            env=env,
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"ilo-kg serve exited with {process.returncode}: {log.read_text()[-2000:]}")
        try:
            if httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"ilo-kg serve did not answer within 60 s: {log.read_text()[-2000:]}")
        time.sleep(0.1)
    return Server(url, process, log)
