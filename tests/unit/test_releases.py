"""Release folders: the build lock, serving leases (stale ones ignored), pruning."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from ilo_kg.releases import LEASES, Lease, build_lock, leased, prune


def _releases(home: Path, *names: str) -> list[Path]:
    made = []
    for k, name in enumerate(names):
        folder = home / name
        folder.mkdir(parents=True)
        os.utime(folder, (1000 + k, 1000 + k))  # oldest first
        made.append(folder)
    return made


def test_a_second_build_waits_for_the_lock_and_says_so(tmp_path: Path) -> None:
    home = tmp_path / ".dist.releases"
    said: list[str] = []
    order: list[str] = []
    with build_lock(home):
        second = threading.Thread(target=lambda: _locked(home, said, order))
        second.start()
        while not said:
            time.sleep(0.01)
        order.append("first done")
    second.join(10)
    assert order == ["first done", "second"]
    assert "another build (pid" in said[0] and "waiting" in said[0]


def _locked(home: Path, said: list[str], order: list[str]) -> None:
    with build_lock(home, said.append):
        order.append("second")


def test_stale_leases_are_ignored_and_removed(tmp_path: Path) -> None:
    home = tmp_path / ".dist.releases"
    old, served, _a, _b, new = _releases(home, "v0", "v1", "v2", "v3", "v4")
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    (home / LEASES).mkdir()
    (home / LEASES / f"{gone.pid}.json").write_text(json.dumps({"pid": gone.pid, "release": "v0"}))
    # a live pid whose start time does not match: the pid was reused by another process
    (home / LEASES / "reused.json").write_text(
        json.dumps({"pid": os.getpid(), "start": "1", "release": "v0"})
    )
    with Lease(served) as lease:
        assert lease.path is not None and lease.path.is_file()
        assert leased(home) == {"v1"}
        assert not (home / LEASES / f"{gone.pid}.json").exists()
        (home / "release.abc.partial").mkdir()  # a build that died before publishing
        prune(home, keep=new, keep_count=2)
        left = sorted(p.name for p in home.iterdir() if not p.name.startswith("."))
        assert left == ["v1", "v3", "v4"]  # the two newest and the leased one
        assert not old.exists()
    assert leased(home) == set()


@pytest.mark.parametrize("cause", ["not-a-folder", "read-only"])
def test_a_lease_that_cannot_be_written_says_so_in_one_line(tmp_path: Path, cause: str) -> None:
    home = tmp_path / ".dist.releases"
    (served,) = _releases(home, "v1")
    if cause == "not-a-folder":
        (home / LEASES).write_text("")  # the lease folder cannot be made: a file holds its name
    else:
        if os.geteuid() == 0:
            pytest.skip("root writes into a read-only folder")
        home.chmod(0o555)
    try:
        with Lease(served) as lease:
            assert lease.path is None
            assert lease.problem is not None and "\n" not in lease.problem
            assert lease.problem.startswith("cannot lease release v1: cannot write ")
            assert "may prune it while it is served" in lease.problem
            assert leased(home) == set()  # nothing protects it: the operator was told
    finally:
        home.chmod(0o755)


def test_a_written_lease_has_no_problem(tmp_path: Path) -> None:
    (served,) = _releases(tmp_path / ".dist.releases", "v1")
    with Lease(served) as lease:
        assert lease.problem is None and lease.path is not None
