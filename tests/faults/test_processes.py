"""Several service processes on one port (``processes``): all answer, one that dies is replaced, SIGTERM
stops every one of them and their workers, and a count below one is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import threading
import time
from pathlib import Path

import httpx
import pytest
from faults_support import ASK, CLI, CROSS, ROOT, Server, alive, children, start_server


def _service_processes(server: Server, count: int, within_s: float = 60) -> list[int]:
    deadline = time.monotonic() + within_s
    while True:
        found = children(server.process.pid)
        if len(found) >= count or time.monotonic() > deadline:
            return found
        time.sleep(0.1)


def _answering(server: Server, want: set[int], tries: int = 200) -> set[int]:
    """The service processes seen answering ``/status`` on fresh connections (until ``want`` are seen)."""
    seen: set[int] = set()
    for _ in range(tries):
        r = httpx.get(server.url + "/status", timeout=10)  # a new connection each time
        assert r.status_code == 200
        seen.add(int(r.json()["process"]))
        if want <= seen:
            break
    return seen


@pytest.mark.server
def test_two_processes_answer_on_one_port_and_stop_together(published: Path, tmp_path: Path) -> None:
    server = start_server(published, tmp_path / "serve.log", processes="2", cache_mb="0")
    try:
        services = _service_processes(server, 2)
        assert len(services) == 2, services
        assert _answering(server, set(services)) == set(services)
        everyone = set(services)
        for pid in services:
            everyone |= set(children(pid))  # each process's own query workers
        assert len(everyone) > 2

        # one service process killed: the others go on answering, and it is replaced
        os.kill(services[0], signal.SIGKILL)
        r = httpx.get(server.url + "/sparql", params={"query": ASK}, timeout=30)
        assert r.status_code == 200
        deadline = time.monotonic() + 60
        replaced: list[int] = []
        while time.monotonic() < deadline:
            replaced = [p for p in children(server.process.pid) if p not in services]
            if replaced:
                break
            time.sleep(0.1)
        assert replaced, "the killed service process was not replaced"
        now = set(_service_processes(server, 2))
        assert now == {services[1], *replaced}
        assert _answering(server, now) == now
        for pid in now:
            everyone |= set(children(pid))
    finally:
        server.stop()
    assert server.process.returncode == 0, server.log.read_text()[-2000:]
    deadline = time.monotonic() + 15
    while any(alive(pid) for pid in everyone) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in everyone if alive(pid)], "a service process or a worker outlived the service"
    assert "Traceback" not in server.log.read_text()


def test_a_process_count_below_one_is_refused(tmp_path: Path) -> None:
    flag = subprocess.run(
        [*CLI, "serve", "--processes", "0", "--output", str(tmp_path / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert flag.returncode == 2
    assert "expected 1 or more, got 0" in flag.stderr
    setting = subprocess.run(
        [*CLI, "serve", "--output", str(tmp_path / "dist")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "ILO_KG_PROCESSES": "0"},
    )
    assert setting.returncode != 0
    assert "ILO_KG_PROCESSES" in setting.stderr and "expected 1 or more" in setting.stderr


def _status_of_each(server: Server, want: set[int], tries: int = 200) -> dict[int, dict]:
    """``/status`` as each service process in ``want`` answers it (fresh connections until all did)."""
    seen: dict[int, dict] = {}
    for _ in range(tries):
        body = httpx.get(server.url + "/status", timeout=10).json()
        seen.setdefault(int(body["process"]), body)
        if want <= set(seen):
            break
    return seen


@pytest.mark.server
def test_a_clients_limits_hold_across_the_processes(published: Path, tmp_path: Path) -> None:
    # one query at a time per client; the kernel hands each new connection to either process
    server = start_server(
        published, tmp_path / "serve.log", processes="2", cache_mb="0", client_queries="1", timeout_s="60"
    )
    try:
        services = _service_processes(server, 2)
        assert len(services) == 2, services
        outcome: dict[str, object] = {}

        def slow() -> None:
            try:
                with server.client("127.0.0.21") as c:
                    outcome["answer"] = c.get("/sparql", params={"query": CROSS})
            except httpx.HTTPError as exc:
                outcome["error"] = exc

        thread = threading.Thread(target=slow)
        thread.start()
        busy: dict[int, dict] = {}
        deadline = time.monotonic() + 60
        while not busy and time.monotonic() < deadline:
            each = _status_of_each(server, set(services))
            busy = {pid: s for pid, s in each.items() if any(w["state"] == "busy" for w in s["workers"])}
        assert len(busy) == 1, "the slow query runs in no service process"
        (running_in,) = busy
        # every process counts the client's query: a second one is refused on any connection
        each = _status_of_each(server, set(services))
        assert {pid: s["clients"]["running"] for pid, s in each.items()} == dict.fromkeys(services, 1)
        refused = [server.ask("127.0.0.21").status_code for _ in range(12)]
        assert refused == [429] * 12
        assert server.ask("127.0.0.22").status_code == 200  # another client is not limited

        # the process running it killed: its query no longer counts, the client may run again
        os.kill(running_in, signal.SIGKILL)
        thread.join(60)
        assert isinstance(outcome.get("error"), httpx.RemoteProtocolError)  # dropped with the process
        deadline = time.monotonic() + 30
        while server.ask("127.0.0.21").status_code == 429 and time.monotonic() < deadline:
            time.sleep(0.1)
        statuses = [server.ask("127.0.0.21").status_code for _ in range(12)]
        assert statuses == [200] * 12
    finally:
        server.stop()
    assert "Traceback" not in server.log.read_text()
