"""Item 6: client errors are 4xx, cut results are marked in every body that can hold a mark, and a
client that sends its headers slowly is cut off."""

from __future__ import annotations

import contextlib
import socket
import time

import httpx
import pytest
from faults_support import Server, start_server


@pytest.fixture
def live(published, tmp_path):
    server = start_server(published, tmp_path / "serve.log", cache_mb="0", max_rows="5", header_timeout_s="1")
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.server
@pytest.mark.parametrize("key", ["ALB%20X", "%00", "%ff", "%22", "ALB%22.ttl", "%3Cx%3E", "a%5Cb"])
@pytest.mark.parametrize("accept", ["text/html", "text/turtle", "application/json"])
def test_odd_resource_keys_are_client_errors(live: Server, key: str, accept: str) -> None:
    r = httpx.get(f"{live.url}/id/country/{key}", headers={"Accept": accept}, timeout=30)
    assert r.status_code in (400, 404), (r.status_code, r.text[:300])
    assert "Traceback" not in live.log.read_text()


SELECT = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
MARKS = {
    ("text/csv", SELECT): "# truncated: the engine had more rows than the result-row cap of 5",
    (
        "text/tab-separated-values",
        SELECT,
    ): "# truncated: the engine had more rows than the result-row cap of 5",
    ("text/turtle", CONSTRUCT): "# truncated: the engine had more rows than the result-row cap of 5",
    (
        "application/n-triples",
        CONSTRUCT,
    ): "# truncated: the engine had more rows than the result-row cap of 5",
    ("application/n-quads", CONSTRUCT): "# truncated: the engine had more rows than the result-row cap of 5",
    ("application/trig", CONSTRUCT): "# truncated: the engine had more rows than the result-row cap of 5",
    (
        "application/rdf+xml",
        CONSTRUCT,
    ): "<!-- truncated: the engine had more rows than the result-row cap of 5 -->",
    (
        "application/sparql-results+xml",
        SELECT,
    ): "<!-- truncated: the engine had more rows than the result-row cap -->",
}


@pytest.mark.server
@pytest.mark.parametrize(("accept", "query"), sorted(MARKS))
def test_a_cut_result_is_marked_in_the_body(live: Server, accept: str, query: str) -> None:
    r = httpx.get(live.url + "/sparql", params={"query": query}, headers={"Accept": accept}, timeout=30)
    assert r.status_code == 200, r.text[:300]
    assert r.headers["x-result-truncated"] == "true; limit=5"
    assert r.text.rstrip().splitlines()[-1] == MARKS[(accept, query)]


@pytest.mark.server
def test_a_cut_result_still_parses(live: Server) -> None:
    import pyoxigraph as ox

    for accept, fmt in (
        ("text/turtle", ox.RdfFormat.TURTLE),
        ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ):
        r = httpx.get(
            live.url + "/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept}, timeout=30
        )
        assert len(list(ox.parse(r.content, format=fmt))) == 5


def _closed_within(sock: socket.socket, seconds: float, trickle: bytes = b"") -> bool:
    """True when the server closes the connection while ``trickle`` is sent a byte at a time."""
    sock.settimeout(0.2)
    deadline = time.monotonic() + seconds
    sent = 0
    while time.monotonic() < deadline:
        try:
            if sock.recv(1024) == b"":
                return True
        except TimeoutError:
            pass
        except OSError:
            return True
        if sent < len(trickle):
            try:
                sock.sendall(trickle[sent : sent + 1])
            except OSError:
                return True
            sent += 1
    return False


@pytest.mark.server
def test_slow_headers_are_cut_off(live: Server) -> None:
    host, port = live.url.removeprefix("http://").split(":")
    # a connection that never sends anything, and one that sends its headers a byte at a time
    with socket.create_connection((host, int(port))) as silent:
        assert _closed_within(silent, 20)
    with socket.create_connection((host, int(port))) as slow:
        headers = b"GET /status HTTP/1.1\r\nHost: x\r\n" + b"X-Padding: " + b"a" * 400
        assert _closed_within(slow, 20, headers)
    assert httpx.get(live.url + "/status", timeout=10).status_code == 200


@pytest.mark.server
def test_endless_headers_are_refused(live: Server) -> None:
    host, port = live.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port))) as endless:
        endless.settimeout(20)
        with contextlib.suppress(OSError):  # closed while sending: refused
            endless.sendall(b"GET /status HTTP/1.1\r\nHost: x\r\nX-Long: " + b"a" * 400_000)
        answer = b""
        while True:
            try:
                chunk = endless.recv(4096)
            except OSError:
                break
            if not chunk:
                break
            answer += chunk
    assert answer == b"" or answer.startswith(b"HTTP/1.1 431 "), answer[:200]
    # a long GET query string below the limit is still read
    long_query = "ASK { ?s ?p ?o } #" + "x" * 60_000
    r = httpx.get(live.url + "/sparql", params={"query": long_query}, timeout=30)
    assert r.status_code == 200, r.text[:300]


def _read_answer(sock: socket.socket, buffered: bytes = b"") -> tuple[bytes, bytes, bytes]:
    """One HTTP/1.1 answer with a Content-Length: (head, body, what came after it)."""
    data = buffered
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, data
        data += chunk
    head, _, rest = data.partition(b"\r\n\r\n")
    length = next(
        int(line.split(b":", 1)[1])
        for line in head.split(b"\r\n")
        if line.lower().startswith(b"content-length:")
    )
    while len(rest) < length:
        chunk = sock.recv(65536)
        assert chunk, rest
        rest += chunk
    return head, rest[:length], rest[length:]


@pytest.mark.server
def test_answers_written_in_one_write_keep_their_order_and_a_100_continue_is_not_held(live: Server) -> None:
    """A small answer's head and body leave together (web/one_write.py): pipelined requests on one
    connection are answered in order, whole; a HEAD and a 304 (no body) are not held back; a
    ``100 Continue`` (a head alone) reaches the client that waits for it before sending its body."""
    host, port = live.url.removeprefix("http://").split(":")
    etag = httpx.get(live.url + "/id/country/HUN", headers={"Accept": "text/turtle"}).headers["etag"]
    with socket.create_connection((host, int(port))) as sock:
        sock.settimeout(20)
        sock.sendall(
            b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\nAccept: application/sparql-results+json\r\n\r\n"
            b"HEAD /id/country/HUN HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\n\r\n"
            b"GET /id/country/HUN HTTP/1.1\r\nHost: x\r\nAccept: text/turtle\r\nIf-None-Match: "
            + etag.encode()
            + b"\r\n\r\n"
        )
        head, body, rest = _read_answer(sock)
        assert head.startswith(b"HTTP/1.1 200 ") and b'"boolean"' in body
        data = rest
        while data.count(b"\r\n\r\n") < 2:  # the HEAD's answer and the 304, neither with a body
            chunk = sock.recv(65536)
            assert chunk, data
            data += chunk
        heads = data.split(b"\r\n\r\n")
        assert heads[0].startswith(b"HTTP/1.1 200 ") and heads[1].startswith(b"HTTP/1.1 304 "), data[:400]
        assert heads[2] == b""
        query = b"query=ASK%7B%7D"
        sock.sendall(
            b"POST /sparql HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
            b"Content-Type: application/x-www-form-urlencoded\r\n"
            b"Content-Length: %d\r\nAccept: application/sparql-results+json\r\n\r\n" % len(query)
        )
        interim = b""
        while b"\r\n\r\n" not in interim:
            chunk = sock.recv(65536)
            assert chunk, interim
            interim += chunk
        assert interim.startswith(b"HTTP/1.1 100 "), interim[:200]
        sock.sendall(query)
        head, body, _ = _read_answer(sock, interim.partition(b"\r\n\r\n")[2])
        assert head.startswith(b"HTTP/1.1 200 ") and b'"boolean"' in body
