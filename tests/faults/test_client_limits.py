"""Item 5: abandoned queries are cancelled; per-client concurrency and query-time budget (429).

Two slow queries sent and abandoned (about 150 bytes each) used to hold both workers for the whole time
limit; now each is cancelled when its client disconnects (its worker killed and replaced), and another
client is answered at once.
"""

from __future__ import annotations

import socket
import time
import urllib.parse

import pytest
from faults_support import CROSS, Server, start_server


def abandon_slow_query(live: Server, address: str) -> socket.socket:
    host, port = live.url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), source_address=(address, 0))
    path = "/sparql?" + urllib.parse.urlencode({"query": CROSS})
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
    return sock


@pytest.mark.server
def test_two_abandoned_slow_queries_do_not_block_other_clients(published, tmp_path) -> None:
    # a time limit far longer than the test: without cancellation the workers stay taken for 120 s
    live = start_server(published, tmp_path / "serve.log", timeout_s="120", cache_mb="0")
    try:
        live.wait_for_workers()
        sockets = [abandon_slow_query(live, "127.0.0.4"), abandon_slow_query(live, "127.0.0.5")]
        while sum(w["state"] == "busy" for w in live.status()["workers"]) < 2:
            pass  # both workers are running the slow queries now
        for s in sockets:
            s.close()
        with live.client("127.0.0.6", timeout=60) as c:
            r = c.get("/sparql", params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": "application/json"})
        assert r.status_code == 200 and r.json()["boolean"] is True
        # both abandoned queries are cancelled: one at once (the ASK waited for a worker), the other
        # when the ASK no longer waits, at the end of its grace (CANCEL_GRACE_S), maybe after the answer
        deadline = time.monotonic() + 30
        while live.status()["clients"]["cancelled_on_disconnect"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert live.status()["clients"]["cancelled_on_disconnect"] == 2
        live.assert_healthy()
    finally:
        live.stop()


@pytest.mark.server
def test_one_client_past_its_concurrency_gets_429_and_others_do_not(published, tmp_path) -> None:
    live = start_server(published, tmp_path / "serve.log", timeout_s="4", cache_mb="0", client_queries="1")
    try:
        live.wait_for_workers()
        thread, outcome = live.slow_query("127.0.0.7")
        while not any(w["state"] == "busy" for w in live.status()["workers"]):
            pass
        r = live.ask("127.0.0.7")
        assert r.status_code == 429, r.text[:300]
        assert r.headers["retry-after"] == "1"
        assert "too many queries at once" in r.text
        assert live.ask("127.0.0.8").status_code == 200  # another client is not limited by it
        thread.join(30)
        assert outcome["slow"].status_code == 503
        assert live.ask("127.0.0.7").status_code == 200  # its query ended: the client may run again
    finally:
        live.stop()


@pytest.mark.server
def test_a_client_past_its_query_time_budget_gets_429_with_retry_after(published, tmp_path) -> None:
    live = start_server(published, tmp_path / "serve.log", timeout_s="1", cache_mb="0", client_budget_s="2")
    try:
        statuses = []
        with live.client("127.0.0.9") as c:
            for _ in range(6):
                r = c.get("/sparql", params={"query": CROSS})
                statuses.append(r.status_code)
                if r.status_code == 429:
                    break
        assert statuses[:2] == [503, 503] and statuses[-1] == 429, statuses
        assert "query-time budget used up" in r.text
        assert int(r.headers["retry-after"]) >= 1
        other = live.ask("127.0.0.10")
        assert other.status_code == 200, other.text[:300]
        assert live.status()["clients"]["refused"] >= 1
    finally:
        live.stop()
