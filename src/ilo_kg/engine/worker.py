"""A query worker: a fresh interpreter that opens the store read-only and answers the pool's requests.

The pool (:mod:`ilo_kg.engine.pool`) starts it with ``python -c`` (``WORKER_COMMAND``), handing it one
end of a socket pair; requests and answers are frames of :mod:`ilo_kg.engine.framing`.  Operations:
``query`` (a :class:`~ilo_kg.engine.oxigraph.Request`), ``count``, ``describe`` and ``mode``; every
answer is ``(status, value, mode)`` with ``mode`` saying where its queries run now (disk or memory).
"""

from __future__ import annotations

import logging
import os
import signal
import sys
import threading
import time
from typing import Any

import pyoxigraph as ox

from ilo_kg.engine.contract import EngineError, QueryError
from ilo_kg.engine.framing import OUT_OF_MEMORY_EXIT, Channel
from ilo_kg.engine.oxigraph import (
    OxigraphStore,
    describe_op,
    execute,
    has_default_graph,
    named_graphs,
    named_quads,
    swap_to_memory,
)

__all__ = ["entry", "main"]

log = logging.getLogger(__name__)


def entry() -> None:
    """``python -c`` entry of a worker: ``argv`` holds the socket's fd, the store path, the memory options
    and the worker's memory limit in bytes (0: none)."""
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    main(sys.argv[2], Channel.from_fd(int(sys.argv[1])), sys.argv[3] or None, int(sys.argv[4]), limit)


def main(
    path: str,
    conn: Channel,
    memory_source: str | None = None,
    memory_quads: int = 0,
    memory_limit: int = 0,
) -> None:
    """Entry point of a worker: open the store read-only once, then answer requests.

    With ``memory_quads`` > 0 a thread copies a store of at most that many quads into memory
    (from ``memory_source``, the release's N-Quads dump, when it holds the same quads; else from
    a dump of the store) while the worker answers from disk; queries then run in memory.
    """
    # Ctrl-C reaches the whole process group: the parent shuts the pool down, workers need not react
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _die_with_parent()
    if memory_limit > 0:
        _watch_memory(memory_limit)
    try:
        disk = ox.Store.read_only(path)
        graphs = named_graphs(disk)
    except Exception as exc:
        _tell(conn, ("failed", f"cannot open the store at {path}: {exc}"))
        return
    if not _tell(conn, ("ready", graphs)):
        return
    engine: dict[str, ox.Store] = {"store": disk}
    if memory_quads > 0:
        threading.Thread(
            target=swap_to_memory,
            args=(engine, memory_source, memory_quads, memory_limit, "query worker"),
            name="to-memory",
            daemon=True,
        ).start()
    known: tuple[ox.Store, bool] | None = None  # a store and whether it holds its own default graph
    while True:
        try:
            op, payload = conn.recv()
        except (EOFError, OSError):
            return
        store = engine["store"]
        mode = "disk" if store is disk else "memory"
        try:
            own_default = False
            if op in ("query", "describe"):
                if known is None or known[0] is not store:
                    known = (store, has_default_graph(store))
                own_default = known[1]
            if op == "query":
                reply: tuple[str, Any] = ("ok", execute(store, payload, own_default=own_default))
            elif op == "count":
                reply = ("ok", named_quads(store))
            elif op == "describe":
                iri, max_rows, written = payload
                wrapped = OxigraphStore.from_pyoxigraph(store)
                reply = ("ok", describe_op(wrapped, iri, max_rows, written, own_default=own_default))
            elif op == "mode":
                reply = ("ok", mode)
            else:
                return
        except QueryError as exc:
            reply = ("error", exc)
        except Exception as exc:
            reply = ("error", EngineError(f"{type(exc).__name__}: {exc}"))
        # every answer says where the worker's queries run now: the pool keeps it for /status
        if not _tell(conn, (*reply, "disk" if engine["store"] is disk else "memory")):
            return


def _tell(conn: Channel, message: tuple[Any, ...]) -> bool:
    """Send ``message`` to the pool; False when the pool is gone (its end closed: the service process
    was killed or stopped while this worker started or answered), and the worker then just ends."""
    try:
        conn.send(message)
    except OSError:  # a broken pipe, a connection reset
        return False
    return True


_PARENT_POLL_S = 0.5


def _die_with_parent() -> None:
    """End this worker when the process that started it is gone, even mid-query.

    A worker whose server was killed (SIGKILL, a crash) would otherwise be re-parented
    and go on running its query.  Linux's parent-death signal cannot be used: it fires
    when the *thread* that started the worker ends, and replacements are started from
    short-lived threads.  A thread polls the parent instead (pyoxigraph releases the GIL
    while it evaluates, so the poll runs during a long query).
    """
    parent = os.getppid()

    def watch() -> None:
        while True:
            time.sleep(_PARENT_POLL_S)
            if os.getppid() != parent:
                os._exit(0)

    threading.Thread(target=watch, name="ilo-kg-parent-watch", daemon=True).start()


_MEMORY_POLL_S = 0.02


def _watch_memory(limit: int) -> None:
    """End this worker (exit status :data:`OUT_OF_MEMORY_EXIT`) when its resident memory passes ``limit``.

    A query can build huge values (nested ``CONCAT``) inside the engine, where no result cap sees them;
    the resident set is read from ``/proc`` by a thread (the engine releases the GIL while it evaluates).
    An address-space limit (``RLIMIT_AS``) would make the engine abort on a failed allocation instead,
    and counts reserved but unused memory: the resident set is what the machine pays for.
    """
    page = os.sysconf("SC_PAGE_SIZE")

    def watch() -> None:
        with open("/proc/self/statm", "rb") as statm:
            while True:
                statm.seek(0)
                resident = int(statm.read().split()[1]) * page
                if resident > limit:
                    message = (
                        f"ilo-kg query worker {os.getpid()}: resident memory {resident >> 20} MiB passed "
                        f"the limit of {limit >> 20} MiB; ending the worker\n"
                    )
                    os.write(2, message.encode())
                    os._exit(OUT_OF_MEMORY_EXIT)
                time.sleep(_MEMORY_POLL_S)

    threading.Thread(target=watch, name="ilo-kg-memory-watch", daemon=True).start()
