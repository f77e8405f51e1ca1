"""A worker killed by a limit or a cancellation costs honest clients nothing: a warm spare takes its place.

Every cancellation (a client gone) and every time-limit or memory-limit stop kills a worker; its
replacement needs a process start (an interpreter, the store opened).  Before the spares, the pool was
short meanwhile and honest queries waiting behind an abuser's got "all query workers stayed busy" (503):
0.6-1.5% of the soak's honest requests with the abusive clients running, none without them.
"""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from faults_support import ASK, CROSS, Server, start_server
from test_client_limits import abandon_slow_query


def ready_spares(live: Server, count: int = 1, within_s: float = 60) -> list[int]:
    deadline = time.monotonic() + within_s
    while True:
        ready = [s["pid"] for s in live.status()["spares"] if s["state"] == "ready"]
        if len(ready) >= count or time.monotonic() > deadline:
            return ready
        time.sleep(0.05)


@pytest.mark.server
def test_a_worker_stopped_by_the_time_limit_is_replaced_by_the_spare_at_once(published, tmp_path) -> None:
    live = start_server(published, tmp_path / "serve.log", timeout_s="1", cache_mb="0")
    try:
        live.wait_for_workers()
        (spare,) = ready_spares(live)
        with live.client("127.0.0.2") as c:
            r = c.get("/sparql", params={"query": CROSS})
        assert r.status_code == 503 and "time limit" in r.text, r.text[:300]
        # right after the 503: the spare is in the pool, no place is empty, nothing waits for a start
        workers = live.status()["workers"]
        assert spare in [w["pid"] for w in workers]
        assert [w["state"] for w in workers] == ["idle", "idle"], workers
        assert live.ask().status_code == 200
        assert ready_spares(live) != [spare]  # a new spare started in the background
        live.assert_healthy()
    finally:
        live.stop()


@pytest.mark.server
@pytest.mark.parametrize("spares", ["1", "0"], ids=["one-spare", "no-spare"])
def test_honest_queries_get_no_503_while_abusers_get_workers_killed(published, tmp_path, spares: str) -> None:
    # a 1 s time limit, so the wait for a worker is short too: two abandoned queries hold both workers
    # for about 0.8 s (0.3 s, then the 0.5 s a gone client's query may still take), then both are
    # killed.  With a spare, one takes a killed worker's place at once; without (and for the second
    # one), the time the pool is short of a worker does not count against the honest queries' wait.
    live = start_server(
        published,
        tmp_path / "serve.log",
        timeout_s="1",
        cache_mb="0",
        client_exempt="127.0.0.1",
        spare_workers=spares,
    )
    statuses: list[int] = []
    bodies: list[str] = []
    stop = threading.Event()

    def honest() -> None:
        with live.client("127.0.0.1", timeout=30) as c:
            while not stop.is_set():
                r = c.get("/sparql", params={"query": ASK}, headers={"Accept": "application/json"})
                statuses.append(r.status_code)
                if r.status_code != 200:
                    bodies.append(r.text[:200])

    try:
        live.wait_for_workers()
        if spares == "1":
            ready_spares(live)
        threads = [threading.Thread(target=honest) for _ in range(4)]
        for t in threads:
            t.start()
        limited: list[httpx.Response] = []
        for _ in range(4):
            sockets = [abandon_slow_query(live, "127.0.0.3"), abandon_slow_query(live, "127.0.0.4")]
            time.sleep(0.3)
            for s in sockets:
                s.close()
            with live.client("127.0.0.5") as c:  # and one more worker stopped by the time limit
                limited.append(c.get("/sparql", params={"query": CROSS}))
        stop.set()
        for t in threads:
            t.join(30)
        assert len(statuses) > 20
        assert set(statuses) == {200}, (sorted(set(statuses)), bodies[:3])
        assert all(r.status_code == 503 and "time limit" in r.text for r in limited), [
            r.text[:100] for r in limited
        ]
        assert live.status()["clients"]["cancelled_on_disconnect"] >= 8
        live.assert_healthy()
    finally:
        stop.set()
        live.stop()
