"""Workers (and the spare) die with their server: a killed server leaves no process behind, even mid-query."""

from __future__ import annotations

import contextlib
import signal
import threading
import time

import httpx
import pytest
from faults_support import CROSS, Server, alive, start_server


@pytest.mark.server
def test_server_killed_mid_query_leaves_no_worker(published, tmp_path) -> None:
    live: Server = start_server(published, tmp_path / "serve.log", timeout_s="120", cache_mb="0")
    try:
        live.wait_for_workers()
        while not any(s["state"] == "ready" for s in live.status()["spares"]):
            time.sleep(0.05)
        workers = live.workers()
        assert len(workers) == 3  # the pool's two and the spare: none may outlive the server

        def slow() -> None:
            with contextlib.suppress(httpx.HTTPError):
                httpx.get(live.url + "/sparql", params={"query": CROSS}, timeout=30)

        thread = threading.Thread(target=slow, daemon=True)
        thread.start()
        time.sleep(1.0)  # the query is running in a worker now
        live.process.send_signal(signal.SIGKILL)
        live.process.wait(10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = [pid for pid in workers if alive(pid)]
        assert not left, f"workers {left} outlived their server"
    finally:
        live.stop()
