"""The abusive clients of the soak (bench/soak.py), each from its own loopback address.

Every 127.x.y.z address is this machine, and the service counts each address as one client, so the
abusers meet the per-client limits while wrk (127.0.0.1, exempt) plays the honest traffic:

- ``deep``: 2,500 nested braces (once a crash of the whole server): expects 400;
- ``abandon``: two slow queries (a cross product) from two addresses, each connection closed 0.3 s
  after sending (the queries must be cancelled, not hold the workers for the time limit);
- ``huge``: 25 doublings of a string by ``BIND(CONCAT(?v, ?v))``: expects 200 cut by the result-size cap
  (``X-Result-Truncated: true; max-bytes=…``), or 503 at the worker memory limit or the time limit (or
  with every worker busy, on a saturated machine);
- ``status``: ``GET /status`` every second: expects 200 at once, listing the workers.
"""

from __future__ import annotations

import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from typing import Any

import httpx

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
DEEP = "SELECT * WHERE " + "{" * 2500 + "}" * 2500
HUGE = (
    'SELECT * WHERE { BIND("ab" AS ?v0) '
    + " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(25))
    + " }"
)


class Abusers:
    """Runs the abusive clients in threads until :meth:`stop`; :meth:`figures` sums up what each saw."""

    def __init__(self, url: str, t0: float, every: dict[str, float] | None = None) -> None:
        self.url = url
        self.t0 = t0
        self.every = {"deep": 5.0, "abandon": 10.0, "huge": 15.0, "status": 1.0, **(every or {})}
        self.records: dict[str, list[dict[str, Any]]] = {k: [] for k in self.every}
        self._stop = threading.Event()
        self._threads = [
            threading.Thread(target=self._loop, args=(kind, job), name=f"abuser-{kind}", daemon=True)
            for kind, job in (
                ("deep", self._deep),
                ("abandon", self._abandon),
                ("huge", self._huge),
                ("status", self._status),
            )
        ]

    def start(self) -> None:
        for t in self._threads:
            t.start()

    def stop(self) -> None:
        self._stop.set()
        for t in self._threads:
            t.join(60)

    def _loop(self, kind: str, job: Callable[[httpx.Client], dict[str, Any]]) -> None:
        address = {"deep": "127.0.0.2", "abandon": "127.0.0.3", "huge": "127.0.0.5", "status": "127.0.0.6"}
        transport = httpx.HTTPTransport(local_address=address[kind])
        with httpx.Client(base_url=self.url, transport=transport, timeout=60) as client:
            while not self._stop.wait(self.every[kind]):
                started = time.perf_counter()
                try:
                    record = job(client)
                except httpx.HTTPError as exc:
                    record = {"status": None, "error": f"{type(exc).__name__}: {exc}", "ok": False}
                record["t"] = round(started - self.t0, 1)
                record["ms"] = round((time.perf_counter() - started) * 1000, 1)
                self.records[kind].append(record)

    def _deep(self, client: httpx.Client) -> dict[str, Any]:
        r = client.get("/sparql", params={"query": DEEP})
        return {"status": r.status_code, "ok": r.status_code == 400 and "levels deep" in r.text}

    def _abandon(self, client: httpx.Client) -> dict[str, Any]:
        host, port = self.url.removeprefix("http://").split(":")
        path = "/sparql?" + urllib.parse.urlencode({"query": CROSS})
        sockets = []
        for address in ("127.0.0.3", "127.0.0.4"):
            s = socket.create_connection((host, int(port)), source_address=(address, 0))
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
            sockets.append(s)
        time.sleep(0.3)
        for s in sockets:
            s.close()
        return {"status": None, "sent": 2, "ok": True}

    def _huge(self, client: httpx.Client) -> dict[str, Any]:
        r = client.get(
            "/sparql", params={"query": HUGE}, headers={"Accept": "application/sparql-results+json"}
        )
        cut = r.headers.get("x-result-truncated", "")
        # cut by the result-size cap, or stopped by the worker memory limit or the time limit (or, on a
        # saturated machine, no worker free within the time limit)
        limits = ("memory limit", "time limit", "stayed busy")
        ok = (r.status_code == 200 and cut.startswith("true; max-bytes=")) or (
            r.status_code == 503 and any(w in r.text for w in limits)
        )
        return {
            "status": r.status_code,
            "bytes": len(r.content),
            "ok": ok,
            "why": r.text[:80] if not ok else "",
        }

    def _status(self, client: httpx.Client) -> dict[str, Any]:
        r = client.get("/status")
        doc = r.json() if r.status_code == 200 else {}
        workers = doc.get("workers", [])
        return {
            "status": r.status_code,
            "ok": r.status_code == 200,
            "workers": len(workers),
            "ready": sum(1 for w in workers if w.get("state") != "starting"),
            "busy": sum(1 for w in workers if w.get("state") == "busy"),
            "cancelled": (doc.get("clients") or {}).get("cancelled_on_disconnect"),
        }

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for kind, records in self.records.items():
            statuses: dict[str, int] = {}
            for r in records:
                statuses[str(r["status"])] = statuses.get(str(r["status"]), 0) + 1
            ms = sorted(r["ms"] for r in records)
            out[kind] = {
                "requests": len(records),
                "statuses": statuses,
                "unexpected": sum(1 for r in records if not r["ok"]),
                "ms_median": ms[len(ms) // 2] if ms else None,
                "ms_max": ms[-1] if ms else None,
            }
        status = self.records["status"]
        out["status"]["min_workers_listed"] = min((r["workers"] for r in status if r["ok"]), default=None)
        out["status"]["polls_with_a_worker_starting"] = sum(1 for r in status if r["ok"] and r["ready"] < 2)
        out["abandon"]["queries_abandoned"] = 2 * len(self.records["abandon"])
        return out
