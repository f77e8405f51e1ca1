"""The life of release folders beside an output link: the build lock, serving leases, pruning.

* **One build at a time per output.** A build holds an exclusive lock (``flock``) on
  ``<releases>/.lock`` from the moment it starts writing its release until the link is switched;
  a second build into the same output says so and waits.
* **A served release stays whole.** Every process serving a release (``ilo-kg serve``) holds a lease
  on it: ``<releases>/.leases/<pid>-<release>.json`` names the release, the pid and the process's start
  time (a service moving to a new release holds both leases until the old one's last request ends).
  The pruner never removes a leased release.  A lease whose process is gone (or whose pid now belongs
  to another process) is stale: ignored and removed.
* **Readable by another user.** A release is made 0755 (folders) / 0644 (files) before it is linked.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import logging
import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import IO

log = logging.getLogger(__name__)

LOCK = ".lock"
LEASES = ".leases"
KEEP_RELEASES = 3


def releases_dir(output: Path) -> Path:
    return output.parent / f".{output.name}.releases"


# --- the build lock -----------------------------------------------------------------------------


@contextlib.contextmanager
def build_lock(home: Path, notify: Callable[[str], None] = lambda _m: None) -> Iterator[None]:
    """Hold the release folder's build lock; when another build holds it, ``notify`` and wait."""
    home.mkdir(parents=True, exist_ok=True)
    with (home / LOCK).open("a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            message = (
                f"another build{_holder(handle)} is publishing into {home.parent}; waiting for it to finish"
            )
            log.warning(message)
            notify(message)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _holder(handle: IO[str]) -> str:
    handle.seek(0)
    pid = handle.read().strip()
    return f" (pid {pid})" if pid.isdigit() else ""


# --- serving leases -----------------------------------------------------------------------------


def _start_time(pid: int) -> str | None:
    """The process's start time in clock ticks since boot (``/proc/<pid>/stat`` field 22), or None."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = stat[stat.rindex(")") + 2 :].split()
    return fields[19] if len(fields) > 19 and fields[0] != "Z" else None


class Lease:
    """This process serves ``release``: the pruner keeps it until :meth:`release` (or this process ends).

    A lease that cannot be written (the service runs as a user who may not write the releases folder,
    a read-only mount) does not stop the service: it serves unleased, and :attr:`problem` says so in
    one line for the operator (the caller prints it)."""

    def __init__(self, release: Path) -> None:
        self.release = release
        self.path: Path | None = None
        self.problem: str | None = None
        folder = release.parent / LEASES
        if release.parent.name.startswith(".") and release.parent.name.endswith(".releases"):
            pid = os.getpid()
            record = {"pid": pid, "start": _start_time(pid), "release": release.name}
            path = folder / f"{pid}-{release.name}.json"  # two while a new release is taken up
            try:
                folder.mkdir(exist_ok=True)
                path.write_text(json.dumps(record) + "\n")
                self.path = path
            except OSError as exc:
                reason = exc.strerror or type(exc).__name__
                self.problem = (
                    f"cannot lease release {release.name}: cannot write {path} ({reason}); serving it "
                    f"unleased, so a build into {release.parent.parent} may prune it while it is served "
                    f"(let this user write {folder} to keep it)"
                )
                log.debug(self.problem)

    def release_lease(self) -> None:
        if self.path is not None:
            with contextlib.suppress(OSError):
                self.path.unlink()
            self.path = None

    def __enter__(self) -> Lease:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release_lease()


def leased(home: Path) -> set[str]:
    """Names of the releases a live process serves; stale leases are removed on the way."""
    names: set[str] = set()
    folder = home / LEASES
    if not folder.is_dir():
        return names
    for path in folder.glob("*.json"):
        try:
            record = json.loads(path.read_text())
            pid = int(record["pid"])
            name = str(record["release"])
        except (OSError, ValueError, KeyError, TypeError):
            continue  # a lease being written, or not ours: leave it
        start = _start_time(pid)
        if start is not None and (record.get("start") in (None, start)):
            names.add(name)
        else:
            with contextlib.suppress(OSError):
                path.unlink()
    return names


# --- publishing and pruning ----------------------------------------------------------------------


def make_readable(folder: Path) -> None:
    """0755 for the folder and every folder in it, 0644 for every file: a service running as
    another user can read the release."""
    folder.chmod(0o755)
    for root, dirs, files in os.walk(folder):
        for name in dirs:
            os.chmod(os.path.join(root, name), 0o755)
        for name in files:
            os.chmod(os.path.join(root, name), 0o644)


def prune(home: Path, keep: Path, *, keep_count: int = KEEP_RELEASES, working: Path | None = None) -> None:
    """Remove all but the ``keep_count`` newest releases, never ``keep`` nor a leased one; also the
    folders of builds that died before publishing (called under the build lock: none is running)."""
    in_use = leased(home)
    releases = []
    for path in home.iterdir():
        if not path.is_dir() or path.name == LEASES:
            continue
        if path.name.endswith(".partial"):
            if path != working:
                shutil.rmtree(path, ignore_errors=True)
            continue
        releases.append(path)
    releases.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    for old in releases[keep_count:]:
        if old == keep or old.name in in_use:
            continue
        shutil.rmtree(old, ignore_errors=True)
