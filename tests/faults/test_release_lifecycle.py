"""Item 3: a served release stays whole while builds publish and prune beside it.

A download loop (a soak of ``/data/`` files, VoID and the ontology) runs against a real server while two
builds race into the same output, two more follow (pruning the releases beyond three) and the served
version is rebuilt: every download matches the listing's SHA-256 and ETag, nothing 404s, and a worker
replaced afterwards still opens the served release.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import stat
import subprocess
import threading
from pathlib import Path

import httpx
import pytest
from faults_support import CLI, ROOT, Server, start_server

from ilo_kg.releases import LEASES, leased, releases_dir


def build(out: Path, base_iri: str | None = None) -> subprocess.CompletedProcess[str]:
    args = [*CLI, *(["--base-iri", base_iri] if base_iri else []), "build", "--quiet", "--output", str(out)]
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=600)


class Downloads:
    """Downloads every published file again and again; records each mismatch."""

    def __init__(self, server: Server) -> None:
        self.server = server
        self.stop = threading.Event()
        self.count = 0
        self.problems: list[str] = []
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        with self.server.client("127.0.0.3") as c:
            listing = c.get("/data/", headers={"Accept": "application/json"}).json()
            version = listing["version"]
            void = c.get("/.well-known/void", headers={"Accept": "text/turtle"}).content
            while not self.stop.is_set():
                for entry in listing["files"]:
                    r = c.get(entry["url"])
                    self.count += 1
                    if r.status_code != 200:
                        self.problems.append(f"{entry['name']}: {r.status_code}")
                        continue
                    digest = hashlib.sha256(r.content).hexdigest()
                    if digest != entry["sha256"]:
                        self.problems.append(
                            f"{entry['name']}: sha256 {digest[:12]} not {entry['sha256'][:12]}"
                        )
                    if r.headers["etag"] != f'"{version}-{entry["sha256"][:16]}"':
                        self.problems.append(f"{entry['name']}: ETag {r.headers['etag']}")
                again = c.get("/.well-known/void", headers={"Accept": "text/turtle"})
                if again.status_code != 200 or again.content != void:
                    self.problems.append(f"VoID changed ({again.status_code})")
                for path in ("/ontology.ttl", "/shapes.ttl", "/context.jsonld"):
                    r = c.get(path)
                    if r.status_code != 200:
                        self.problems.append(f"{path}: {r.status_code}")

    def __enter__(self) -> Downloads:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(60)


@pytest.mark.server
def test_builds_and_prunes_while_serving_leave_the_served_release_whole(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    first = build(out)
    assert first.returncode == 0, first.stderr
    served = out.resolve()
    live = start_server(out, tmp_path / "serve.log", timeout_s="5", cache_mb="0", follow_release="false")
    try:
        version = live.status()["version"]
        with Downloads(live) as loop:
            racing = []
            for k in (1, 2):  # two builds into one output at once: one waits for the other
                racing.append(
                    subprocess.Popen(
                        [*CLI, "--base-iri", f"https://example.org/kg{k}/", "build", "--output", str(out)],
                        cwd=ROOT,
                        stdout=subprocess.PIPE,
                        stderr=subprocess.PIPE,
                        text=True,
                    )
                )
            for process in racing:
                _, err = process.communicate(timeout=600)
                assert process.returncode == 0, err
                assert "Traceback" not in err
            for k in (3, 4):  # more releases than are kept: the pruner runs
                done = build(out, f"https://example.org/kg{k}/")
                assert done.returncode == 0, done.stderr
            again = build(out)  # the served version once more
            assert again.returncode == 0, again.stderr
        assert loop.count >= 10, loop.count  # downloads ran during the builds
        assert not loop.problems, loop.problems[:10]
        # the served release is still there, and it is the one the link points to again
        assert served.is_dir() and (served / "store").is_dir()
        assert out.resolve() == served
        home = releases_dir(out)
        kept = sorted(p.name for p in home.iterdir() if p.is_dir() and not p.name.startswith("."))
        assert len(kept) == 3, kept  # the three newest (the served one among them), the rest pruned
        assert not [p for p in home.iterdir() if p.name.endswith(".partial")]
        # a worker started now (a replacement) opens the served release
        for worker in live.workers():
            os.kill(worker, 9)
        live.assert_healthy()
        assert live.status()["version"] == version
        lease = json.loads(next((home / ".leases").glob("*.json")).read_text())
        assert lease["pid"] == live.process.pid and lease["release"] == served.name
    finally:
        live.stop()
    assert not list((releases_dir(out) / ".leases").glob("*.json")), "the lease was not given back"


@pytest.mark.server
def test_a_leased_release_is_never_pruned(tmp_path: Path) -> None:
    out = tmp_path / "dist"
    assert build(out).returncode == 0
    served = out.resolve()
    live = start_server(out, tmp_path / "serve.log", timeout_s="5", cache_mb="0", follow_release="false")
    try:
        for k in range(1, 5):  # four newer releases: the served one is the oldest of five
            done = build(out, f"https://example.org/p{k}/")
            assert done.returncode == 0, done.stderr
        assert served.is_dir(), "the served release was pruned"
        r = httpx.get(live.url + "/data/ilo-kg.nt", timeout=30)
        listing = httpx.get(live.url + "/data/", headers={"Accept": "application/json"}, timeout=30).json()
        nt = next(f for f in listing["files"] if f["name"] == "ilo-kg.nt")
        assert hashlib.sha256(r.content).hexdigest() == nt["sha256"]
        for worker in live.workers():
            os.kill(worker, 9)
        live.assert_healthy()
    finally:
        live.stop()
    # no server any more: the next build prunes it
    assert build(out, "https://example.org/p5/").returncode == 0
    assert not served.exists()


def test_releases_are_readable_by_another_user(published: Path) -> None:
    release = published.resolve()
    for root, _dirs, files in os.walk(release):
        assert stat.S_IMODE(os.stat(root).st_mode) == 0o755, root
        for name in files:
            assert stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode) == 0o644, name


@pytest.mark.server
def test_a_service_that_cannot_lease_its_release_warns_in_one_line_and_serves(published, tmp_path) -> None:
    # a copy of the published release, whose lease folder cannot be made (a file holds its name; as
    # root, a read-only folder would not stop the write): the service warns once and serves, unleased
    home = releases_dir(tmp_path / "dist")
    release = home / published.resolve().name
    shutil.copytree(published.resolve(), release, symlinks=True)
    (tmp_path / "dist").symlink_to(release)
    (home / LEASES).write_text("")
    live = start_server(tmp_path / "dist", tmp_path / "serve.log", cache_mb="0")
    try:
        live.assert_healthy()
        warnings = [line for line in live.log.read_text().splitlines() if "lease" in line]
        assert len(warnings) == 1, warnings
        assert warnings[0].startswith(f"warning: cannot lease release {release.name}: cannot write ")
        assert "may prune it while it is served" in warnings[0]
        assert leased(home) == set()
    finally:
        live.stop()
    assert "Traceback" not in live.log.read_text()
