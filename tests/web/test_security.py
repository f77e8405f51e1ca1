"""Security probes: nothing reaches the file system or the network, nothing writes, time limits hold."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpx
import pytest
from web_support import TIMEOUT_S, Live, free_port

COUNT_NEWS = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/ilo-kg/ontology#NewsItem> }"


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection it receives."""

    def __init__(self) -> None:
        self.port = free_port()
        self.connections = 0
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", self.port))
        self._sock.listen()
        self._sock.settimeout(0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.connections += 1
            conn.close()

    def close(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._sock.close()


@pytest.fixture
def listener() -> Iterator[Listener]:
    probe = Listener()
    try:
        yield probe
    finally:
        probe.close()


def test_from_a_file_is_an_empty_graph_never_read(client: httpx.Client) -> None:
    # SPARQL 1.1 Protocol: a graph the dataset does not hold is an empty graph; nothing is read
    for clause in ("FROM <file:///etc/passwd>", "FROM NAMED <file:///etc/passwd>"):
        r = client.get("/sparql", params={"query": f"SELECT * {clause} WHERE {{ ?s ?p ?o }}"})
        assert r.status_code == 200, r.text
        assert r.json()["results"]["bindings"] == []
        assert "root:" not in r.text
    r = client.get(
        "/sparql", params={"query": "SELECT * { ?s ?p ?o }", "default-graph-uri": "file:///etc/passwd"}
    )
    assert r.json()["results"]["bindings"] == []


@pytest.mark.parametrize(
    "params",
    [
        {"query": "SELECT * FROM <http://127.0.0.1:{port}/data.ttl> WHERE {{ ?s ?p ?o }}"},
        {
            "query": "SELECT * FROM NAMED <http://127.0.0.1:{port}/data.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}"
        },
        {"query": "SELECT * WHERE {{ ?s ?p ?o }}", "default-graph-uri": "http://127.0.0.1:{port}/data.ttl"},
        {
            "query": "SELECT * WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
            "named-graph-uri": "http://127.0.0.1:{port}/a",
        },
    ],
)
def test_from_the_network_is_an_empty_graph_never_fetched(
    client: httpx.Client, listener: Listener, params: dict[str, str]
) -> None:
    sent = {k: v.format(port=listener.port) for k, v in params.items()}
    r = client.get("/sparql", params=sent)
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"] == []
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ BIND(<http://127.0.0.1:{port}/sparql> AS ?e) SERVICE ?e {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o . \\u0053ERVICE <http://127.0.0.1:{port}/sparql> {{ ?s ?p ?o }} }}",
    ],
)
def test_service_is_refused_and_never_called(client: httpx.Client, listener: Listener, template: str) -> None:
    q = template.format(port=listener.port)
    r = client.get("/sparql", params={"query": q})
    assert r.status_code in (400, 403), r.text
    assert "SERVICE" in r.text or "syntax" in r.text.lower()
    time.sleep(0.3)
    assert listener.connections == 0


@pytest.mark.parametrize(
    "update",
    [
        "LOAD <file:///etc/passwd>",
        "LOAD <http://127.0.0.1:9/x.ttl> INTO GRAPH <urn:x>",
        'INSERT DATA { <urn:a> <urn:b> "c" }',
        "CLEAR ALL",
        "DROP DEFAULT",
        "DELETE WHERE { ?s ?p ?o }",
    ],
)
def test_updates_are_refused(client: httpx.Client, update: str) -> None:
    for r in (
        client.get("/sparql", params={"query": update}),
        client.post("/sparql", data={"query": update}),
        client.post("/sparql", data={"update": update}),
        client.post(
            "/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"}
        ),
    ):
        assert r.status_code == 403, r.text
        assert "read-only" in r.text
    r = client.get("/sparql", params={"query": COUNT_NEWS})
    assert r.json()["results"]["bindings"][0]["n"]["value"] == "400"
    r = client.get("/sparql", params={"query": "ASK { <urn:a> <urn:b> ?c }"})
    assert r.json()["boolean"] is False


def test_cross_product_is_stopped_and_others_are_answered(client: httpx.Client, live: Live) -> None:
    cross = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    outcome: dict[str, object] = {}

    def slow() -> None:
        started = time.monotonic()
        with httpx.Client(base_url=live.url, timeout=60) as other:
            outcome["response"] = other.get("/sparql", params={"query": cross})
        outcome["seconds"] = time.monotonic() - started

    thread = threading.Thread(target=slow)
    thread.start()
    time.sleep(0.3)
    started = time.monotonic()
    quick = client.get("/sparql", params={"query": "ASK { ?s ?p ?o }"})
    quick_s = time.monotonic() - started
    thread.join(30)
    assert quick.status_code == 200 and quick.json()["boolean"] is True
    assert quick_s < TIMEOUT_S, f"a second request waited {quick_s:.2f} s behind the long one"
    response = outcome["response"]
    assert isinstance(response, httpx.Response)
    assert response.status_code in (503, 504)
    assert "time limit" in response.text and f"{TIMEOUT_S:g} s" in response.text
    assert float(outcome["seconds"]) < TIMEOUT_S + 3  # type: ignore[arg-type]
    # the killed worker is replaced: the service keeps answering
    deadline = time.monotonic() + 20
    while True:
        r = client.get("/sparql", params={"query": COUNT_NEWS})
        if r.status_code == 200 or time.monotonic() > deadline:
            break
        time.sleep(0.2)
    assert r.status_code == 200
    assert len(live.store.worker_pids()) >= 1
