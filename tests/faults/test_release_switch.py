"""Issue 11: a running ``ilo-kg serve`` picks up a release built into its output, between requests.

The real server (response cache on, as shipped) serves a seed build; a second build with another base IRI
(so another version and other IRIs) is published into the same output while a download loop runs and one
request is held in flight (its headers sent, its body not yet).  Then: ``/status``, ``/data/``, VoID, the
same ``/sparql`` URL (cached before) and a canned query answer from the new release; every download, before,
during and after, matches its ETag and its release's listing; the held request, finished after the switch,
is answered from the old release; the old workers and the old lease are gone once it has finished.
"""

from __future__ import annotations

import hashlib
import json
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from faults_support import Server, alive, start_server
from test_release_lifecycle import build

from ilo_kg.releases import releases_dir

NEW_BASE = "https://example.org/kg2/"
ASK_NEW = f'ASK {{ ?s ?p ?o FILTER(STRSTARTS(STR(?s), "{NEW_BASE}")) }}'


class CheckedDownloads:
    """Downloads the published files again and again, across releases: each body must match the digest in
    its ETag, and the SHA-256 the listing of the ETag's version gives for it."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.stop = threading.Event()
        self.count = 0
        self.versions: set[str] = set()
        self.listings: dict[str, dict[str, str]] = {}
        self.problems: list[str] = []
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        with self.server.client("127.0.0.3") as c:
            while not self.stop.is_set():
                listing = c.get("/data/", headers={"Accept": "application/json"}).json()
                self.listings[listing["version"]] = {f["name"]: f["sha256"] for f in listing["files"]}
                for entry in listing["files"]:
                    r = c.get(entry["url"])
                    self.count += 1
                    if r.status_code != 200:
                        self.problems.append(f"{entry['name']}: {r.status_code}")
                        continue
                    version, _, digest = r.headers["etag"].strip('"').rpartition("-")
                    self.versions.add(version)
                    sha = hashlib.sha256(r.content).hexdigest()
                    if sha[:16] != digest:
                        self.problems.append(
                            f"{entry['name']}: body {sha[:16]} under ETag {r.headers['etag']}"
                        )
                    listed = self.listings.get(version, {}).get(entry["name"])
                    if listed is not None and listed != sha:
                        self.problems.append(f"{entry['name']}: not the bytes release {version} lists")

    def __enter__(self) -> CheckedDownloads:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(60)


def held_post(url: str, query: str) -> tuple[socket.socket, bytes]:
    """A POST /sparql whose headers are sent (the request has arrived) and whose body is not: the rest."""
    parts = urlsplit(url)
    encoded = str(httpx.QueryParams({"query": query})).encode()
    head = (
        f"POST /sparql HTTP/1.1\r\nHost: {parts.netloc}\r\nAccept: application/sparql-results+json\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(encoded)}\r\nConnection: close\r\n\r\n"
    ).encode()
    sock = socket.create_connection((parts.hostname, parts.port), timeout=60)
    sock.sendall(head + encoded[:5])
    return sock, encoded[5:]


def finish(sock: socket.socket, rest: bytes) -> tuple[int, bytes]:
    sock.sendall(rest)
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
    sock.close()
    head, _, body = data.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    if b"transfer-encoding: chunked" in head.lower():
        body = _unchunk(body)
    return status, body


def _unchunk(body: bytes) -> bytes:
    out = b""
    while body:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            break
        out, body = out + body[:size], body[size + 2 :]
    return out


def wait_for_version(server: Server, old: str, within_s: float = 90) -> dict:
    deadline = time.monotonic() + within_s
    while True:
        status = server.status()
        if status["version"] != old:
            return status
        assert time.monotonic() < deadline, f"still serving {old} {within_s} s after the build"
        time.sleep(0.2)


@pytest.mark.server
def test_a_build_into_the_served_output_is_served_between_requests(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert (first := build(out)).returncode == 0, first.stderr
    old_release = out.resolve()
    live = start_server(out, tmp_path / "serve.log", timeout_s="10")  # response cache on, as shipped
    try:
        before = live.status()
        old_version, old_workers = before["version"], [w["pid"] for w in before["workers"]]
        with live.client() as c:
            first_answer = c.get("/sparql", params={"query": ASK_NEW}, headers={"Accept": "application/json"})
            again = c.get("/sparql", params={"query": ASK_NEW}, headers={"Accept": "application/json"})
        assert first_answer.json()["boolean"] is False
        assert again.headers["x-cache"] == "hit" and again.headers["etag"].startswith(f'"{old_version}-')
        sock, rest = held_post(live.url, ASK_NEW)  # in flight on the old release
        time.sleep(0.3)
        with CheckedDownloads(live) as loop:
            assert (second := build(out, NEW_BASE)).returncode == 0, second.stderr
            new_release = out.resolve()
            status = wait_for_version(live, old_version)
            time.sleep(1.0)  # downloads go on after the switch
        assert not loop.problems, loop.problems[:10]
        new_version = status["version"]
        assert status["release"] == new_release.name != old_release.name
        assert new_version in loop.versions and loop.count >= 10
        new_workers = live.wait_for_workers(2)
        assert not set(new_workers) & set(old_workers)
        # the held request still runs on the old release: its workers and its lease are kept meanwhile
        leases = {
            json.loads(p.read_text())["release"] for p in (releases_dir(out) / ".leases").glob("*.json")
        }
        assert leases == {old_release.name, new_release.name}
        assert all(alive(pid) for pid in old_workers)
        code, body = finish(sock, rest)
        assert code == 200 and json.loads(body)["boolean"] is False, body[:300]
        # the old release is given back in the background once its last request has ended: its workers
        # are stopped, then its lease removed
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            leases = {
                json.loads(p.read_text())["release"] for p in (releases_dir(out) / ".leases").glob("*.json")
            }
            if leases == {new_release.name} and not any(alive(pid) for pid in old_workers):
                break
            time.sleep(0.1)
        assert not any(alive(pid) for pid in old_workers), "the old release's workers were not stopped"
        assert leases == {new_release.name}
        # everything a client reads now is the new release's
        with live.client() as c:
            answer = c.get("/sparql", params={"query": ASK_NEW}, headers={"Accept": "application/json"})
            assert answer.json()["boolean"] is True
            assert answer.headers["x-cache"] == "miss"
            assert answer.headers["etag"].startswith(f'"{new_version}-')
            listing = c.get("/data/", headers={"Accept": "application/json"}).json()
            assert listing["version"] == new_version
            for entry in listing["files"]:
                r = c.get(entry["url"])
                assert r.status_code == 200 and hashlib.sha256(r.content).hexdigest() == entry["sha256"]
            void = c.get("/.well-known/void", headers={"Accept": "text/turtle"}).text
            assert NEW_BASE in void and new_version in void
            countries = c.get("/queries/office-coverage", headers={"Accept": "application/json"})
            assert countries.status_code == 200, countries.text[:300]
            iris = [b["country"]["value"] for b in countries.json()["results"]["bindings"]]
            assert iris and all(i.startswith(NEW_BASE) for i in iris)
        live.assert_healthy()
    finally:
        live.stop()
    assert not list((releases_dir(out) / ".leases").glob("*.json")), "a lease was not given back"
