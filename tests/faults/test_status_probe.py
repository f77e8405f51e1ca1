"""Item 2: ``/status`` never takes a worker out of the pool nor waits for a busy one."""

from __future__ import annotations

import httpx
import pytest
from faults_support import Server, start_server


@pytest.mark.server
def test_status_polling_while_a_slow_query_holds_a_worker(published, tmp_path) -> None:
    live: Server = start_server(published, tmp_path / "serve.log", timeout_s="4", cache_mb="0")
    try:
        thread, outcome = live.slow_query("127.0.0.2")
        seen_busy = False
        polls = 0
        while thread.is_alive() or polls < 3:
            # every poll is answered at once from what the pool recorded: one worker busy, one idle
            doc = httpx.get(live.url + "/status", timeout=2).json()
            polls += 1
            states = sorted(w["state"] for w in doc["workers"])
            assert len(doc["workers"]) == 2, doc
            seen_busy = seen_busy or states == ["busy", "idle"]
            assert doc["quads"] > 0
            # what the process loaded to serve was frozen out of the collector's sight before serving
            assert doc["collector"]["frozen"] > 10_000 and len(doc["collector"]["collections"]) == 3
        thread.join(30)
        assert seen_busy, "no poll saw the busy worker"
        assert outcome["slow"].status_code == 503 and "time limit" in outcome["slow"].text
        # no worker was lost to the probes: every query is answered, the pool is whole
        for _ in range(10):
            assert live.ask().status_code == 200
        live.assert_healthy()
        modes = live.status()["worker_modes"]
        assert sum(modes.values()) == 2
    finally:
        live.stop()
