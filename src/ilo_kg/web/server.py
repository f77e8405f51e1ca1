"""``serve(settings)``: open the published store read-only (building once if absent) and run uvicorn."""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import signal
import socket
import sys
import time
from typing import TYPE_CHECKING, Any

from ilo_kg.config import Settings

if TYPE_CHECKING:
    from ilo_kg.web.ledger import Ledger

log = logging.getLogger(__name__)


def serve(settings: Settings) -> None:
    """Serve ``<dist>`` on ``settings.host:settings.port`` until interrupted (``settings.processes``
    processes answering on the one port, each as one alone would)."""
    if not (settings.dist / "manifest.json").is_file():
        from ilo_kg.build import build

        log.warning("nothing published at %s: building once first", settings.dist)
        build(settings)
    if settings.processes <= 1:
        _serve_here(settings)
        return
    _supervise(settings)


_QUICK_EXIT_S = 10.0
"""A service process that exits with an error this soon after it started failed to start (a store that
cannot be opened): the others are stopped and the service ends with an error.  One ended by a signal is
replaced whenever it ends."""


def _supervise(settings: Settings) -> None:
    """Bind the port here, then fork ``settings.processes`` service processes that all accept on it; a
    process that ends while the service runs is replaced; SIGTERM or SIGINT stops them all.

    The processes are forked before anything is opened (no thread, no store, no worker yet): each opens
    the release, starts its workers and makes its copies as a single ``ilo-kg serve`` does.  The response
    cache and ``/status`` are each process's own; the per-client limits are kept in one ledger all of them
    share (:class:`~ilo_kg.web.ledger.SharedLedger`, made here), each process with its place in it (a
    replacement takes the place of the process it replaces, whose running queries are cleared first).
    """
    import uvicorn

    from ilo_kg.web.ledger import SharedLedger

    # the socket only: the app is opened by each process
    sock = uvicorn.Config("ilo_kg.web.app:create_app", host=settings.host, port=settings.port).bind_socket()
    ledger = SharedLedger(settings.processes)
    children: dict[int, tuple[float, int]] = {}  # pid -> when it started, its place in the ledger
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True
        for pid in list(children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    def start(place: int) -> None:
        pid = os.fork()
        if pid == 0:  # the service process
            code = 1
            try:
                signal.signal(signal.SIGTERM, signal.SIG_DFL)
                signal.signal(signal.SIGINT, signal.default_int_handler)
                ledger.join(place)
                _serve_here(settings, sock, ledger)
                code = 0
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            except BaseException:
                log.exception("service process %d failed", os.getpid())
            finally:
                os._exit(code)
        children[pid] = (time.monotonic(), place)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    failed = False
    for place in range(settings.processes):
        start(place)
    while children:
        try:
            pid, status = os.wait()
        except ChildProcessError:
            break
        child = children.pop(pid, None)
        if child is None or stopping:
            continue
        started, place = child
        ledger.clear_process(place)  # its queries run no more: they count no more
        code = os.waitstatus_to_exitcode(status)
        if code > 0 and time.monotonic() - started < _QUICK_EXIT_S:  # its own exit, not a signal's
            log.error("service process %d ended (%d) as it started: stopping the others", pid, code)
            failed = True
            stop(signal.SIGTERM, None)
            continue
        log.error("service process %d ended (%d): starting another", pid, code)
        start(place)
    sock.close()
    ledger.close()
    if failed:
        raise SystemExit(1)


def _serve_here(settings: Settings, sock: socket.socket | None = None, ledger: Ledger | None = None) -> None:
    """One service process: its release leased, its store and workers, its app; on ``sock`` (bound by
    :func:`_supervise`, with the ``ledger`` of per-client limits the processes share) or on the settings'
    host and port."""
    import uvicorn

    from ilo_kg.engine.choice import open_store
    from ilo_kg.queries import load_catalogue
    from ilo_kg.releases import Lease
    from ilo_kg.web.app import create_app
    from ilo_kg.web.release_switch import reopen_with
    from ilo_kg.web.slowloris import guarded_protocol

    catalogue = load_catalogue(settings.queries_dir)
    # The release behind the dist link is resolved at start, and leased for as long as this process
    # serves it: the store, its replacement workers and every published file come from that one folder,
    # and no build prunes it meanwhile.  A release published later into the same output replaces it
    # between requests (ilo_kg.web.release_switch), unless follow_release is off.
    release = settings.dist.resolve()
    # uvicorn re-raises SIGTERM once it has shut down: as an exception here, so that the workers are
    # stopped and the lease given back on the way out (the default action would end the process at once)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    lease = Lease(release)
    if lease.problem is not None:
        print(f"warning: {lease.problem}", file=sys.stderr, flush=True)
    try:
        served = settings.with_(output=release)
        store = open_store(served)
    except BaseException:
        lease.release_lease()
        raise
    app = None
    try:
        app = create_app(served, store, catalogue, ledger=ledger)
        if settings.follow_release:
            app.state.releases.follow(settings.dist, lease, reopen_with(open_store))
        options: dict[str, Any] = {
            "log_level": "info",
            "access_log": settings.access_log,
            "loop": "uvloop" if _has("uvloop") else "asyncio",
            "http": guarded_protocol(settings.header_timeout_s),
            "timeout_keep_alive": 5,
        }
        # what the process loaded to serve (modules, the app, the catalogue, the ontology: about 70,000
        # objects) lives as long as it does: out of the collector's sight, a full collection walks only
        # what was made since (it took 40-110 ms, a pause every request in flight waited for)
        gc.collect()
        gc.freeze()
        if sock is None:
            uvicorn.run(app, host=settings.host, port=settings.port, **options)
        else:
            uvicorn.Server(uvicorn.Config(app, **options)).run(sockets=[sock])
    finally:
        if app is not None:
            app.state.releases.close()  # every release still open: its workers stopped, its lease given back
        else:
            store.close()
        lease.release_lease()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
