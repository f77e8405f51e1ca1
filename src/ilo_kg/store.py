"""The query engine behind one small interface: the published Oxigraph store.

Neither Oxigraph nor rdflib can be interrupted from Python, so in pool mode every
query runs in one of a few pre-started worker processes (fresh interpreters), each
holding the store open read-only; a worker that passes the time limit is killed
(SIGKILL) and replaced, and its caller gets :class:`QueryTimeout`.  The in-process
mode (``workers=0``, the CLI and tests) runs queries in the calling thread and
cannot enforce the time limit.

Results cross the process boundary pickled: pyoxigraph terms pickle natively,
which costs the web process less than re-parsing a serialisation (bench/bench_pool.py).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import Any, Literal, Protocol

import pyoxigraph as ox

from ilo_kg.config import Settings
from ilo_kg.safety import QueryError, QueryRefused, QuerySyntaxError, query_dataset

__all__ = [
    "BindingError",
    "EngineBusy",
    "EngineError",
    "MemoryLimit",
    "OxigraphStore",
    "QueryTimeout",
    "Result",
    "ResultKind",
    "Store",
    "Term",
    "UnknownGraph",
]

log = logging.getLogger(__name__)
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[1])

Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
ResultKind = Literal["select", "ask", "construct"]


class QueryTimeout(QueryError):
    """The query passed its time limit and was stopped (its worker killed)."""


class EngineBusy(QueryError):
    """Every worker stayed busy for the whole time limit; try again later."""


class EngineError(QueryError):
    """The engine failed (a worker died, the store could not be read)."""


class MemoryLimit(QueryError):
    """The query needed more memory than a worker may use (``worker_memory_mb``); its worker was replaced."""


class BindingError(QueryError):
    """A parameter cannot be bound (not an RDF term, or not in the SELECT projection)."""


class UnknownGraph(QueryRefused):
    """A requested default or named graph is not a valid graph name (an absolute IRI)."""


@dataclass(frozen=True)
class Result:
    """One query's answer: SELECT rows, an ASK boolean or CONSTRUCT/DESCRIBE triples."""

    kind: ResultKind
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[Term | None, ...], ...] = ()
    """One tuple per solution, aligned with ``variables``; None where unbound."""
    boolean: bool | None = None
    triples: tuple[ox.Triple, ...] = ()
    truncated: bool = False
    """True when the engine had more rows (or triples) than ``max_rows``, or more than ``max_bytes``."""
    cut_by: str | None = None
    """What cut a truncated result: ``rows`` (the row cap) or ``bytes`` (the result-size cap)."""
    body: bytes | None = None
    """The answer written in ``body_format`` by the worker that ran it (rows and triples are then empty)."""
    body_format: str | None = None


class Store(Protocol):
    """What the service needs of a query engine (embedded or, later, remote)."""

    def query(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        base_iri: str | None = None,
    ) -> Result: ...

    def graphs(self) -> tuple[str, ...]: ...

    def triple_count(self) -> int: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class _Request:
    text: str
    bindings: tuple[tuple[str, Term], ...]
    default_graphs: tuple[str, ...] | None
    named_graphs: tuple[str, ...] | None
    text_names_dataset: bool
    max_rows: int
    base_iri: str | None = None
    """Relative IRIs of the query text are resolved against this IRI (a ``BASE`` in the text wins)."""
    formats: tuple[tuple[str, str], ...] = ()
    """Write the answer in these formats (result kind, format name) where the worker runs it."""
    max_bytes: int = 0
    """Cut the result once its terms hold this many bytes (0: no cap)."""


# --- running one query (shared by the in-process mode and the workers) ------------------------


def has_default_graph(store: ox.Store) -> bool:
    """Whether ``store`` holds its own default graph (a release does: the distinct union of its graphs).

    Stores published before releases held one have only named graphs: their default graph is then
    the union of the named graphs, as a bag (a triple stated in two graphs is seen twice).
    """
    return next(iter(store.quads_for_pattern(None, None, None, ox.DefaultGraph())), None) is not None


def named_quads(store: ox.Store) -> int:
    """The quads of the named graphs of ``store`` (its default graph, derived from them, left out)."""
    if not has_default_graph(store):
        return len(store)
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(next(iter(answer))[0].value)  # type: ignore[arg-type]


def fill_default_graph(store: ox.Store, union: Path, graphs: Sequence[ox.NamedNode]) -> None:
    """Write the distinct union of ``graphs`` into the default graph of ``store``.

    ``union`` is the release's sorted N-Triples dump of that union (``ilo-kg.nt``): loaded as it
    is, unless it holds blank nodes, which a load would rename (they would then differ from the
    same nodes in the named graphs); the union is then copied from the store's own quads.
    """
    if not _mentions(union, b"_:"):
        store.bulk_load(path=str(union), format=ox.RdfFormat.N_TRIPLES)
        return
    for graph in graphs:
        triples = [
            ox.Quad(q.subject, q.predicate, q.object)
            for q in store.quads_for_pattern(None, None, None, graph)
        ]
        store.bulk_extend(triples)


def _mentions(path: Path, text: bytes) -> bool:
    tail = b""
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 22), b""):
            if text in tail + chunk:
                return True
            tail = chunk[-len(text) + 1 :]
    return False


def _execute(store: ox.Store, request: _Request) -> Result:
    options: dict[str, Any] = {}
    if request.default_graphs is not None or request.named_graphs is not None:
        # SPARQL protocol: a dataset given by default-graph-uri / named-graph-uri replaces the
        # query's FROM / FROM NAMED whole (a part not given is empty); a graph the store does not
        # hold is an empty graph, and nothing is ever fetched
        options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs or ()]
        options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs or ()]
    elif not request.text_names_dataset and not has_default_graph(store):
        options["use_default_graph_as_union"] = True
    if request.base_iri is not None:
        options["base_iri"] = request.base_iri
    if request.bindings:
        options["substitutions"] = {ox.Variable(name): term for name, term in request.bindings}
    try:
        answer = store.query(request.text, **options)
        result = _collect(answer, request.max_rows, request.max_bytes)
    except SyntaxError as exc:
        raise QuerySyntaxError.from_engine(str(exc)) from None
    except RuntimeError as exc:
        if request.bindings and "projection" in str(exc):
            raise BindingError(f"cannot bind parameters: {exc}") from None
        raise EngineError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise EngineError(str(exc)) from None
    wanted = dict(request.formats).get(result.kind)
    return result if wanted is None else _written(result, wanted)


def _written(result: Result, format_name: str) -> Result:
    """The result with its body written in a format (only bytes cross the process boundary then)."""
    from ilo_kg.formats import FORMATS, serialize

    fmt = next(f for f in FORMATS if f.name == format_name)
    body = serialize(result, fmt)
    return Result(
        kind=result.kind,
        variables=result.variables,
        boolean=result.boolean,
        truncated=result.truncated,
        cut_by=result.cut_by,
        body=body,
        body_format=format_name,
    )


def _written_triples(
    found: Any, format_name: str, prefixes: tuple[tuple[str, str], ...], context: Any = None
) -> bytes:
    from ilo_kg.formats import FORMATS, serialize_triples

    fmt = next(f for f in FORMATS if f.name == format_name)
    return serialize_triples(found.triples, fmt, prefixes=dict(prefixes), context=context)


def _term_bytes(term: Term | None) -> int:
    """About the bytes a term takes in a written result (its lexical form and its type or tag)."""
    if term is None:
        return 0
    if isinstance(term, ox.Literal):
        return len(term.value) + len(term.language or "") + len(term.datatype.value) + 8
    if isinstance(term, ox.NamedNode | ox.BlankNode):
        return len(term.value) + 8
    return len(str(term)) + 8


def _collect(answer: Any, max_rows: int, max_bytes: int = 0) -> Result:
    """The answer's rows or triples, cut at ``max_rows`` or once they hold ``max_bytes`` (0: no cap)."""
    budget = max_bytes if max_bytes > 0 else None
    if isinstance(answer, ox.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows: list[tuple[Term | None, ...]] = []
        size = 0
        for solution in answer:
            if len(rows) == max_rows:
                return Result(kind="select", variables=names, rows=tuple(rows), truncated=True, cut_by="rows")
            row = tuple(solution[i] for i in range(len(names)))
            if budget is not None:
                size += sum(_term_bytes(t) for t in row) + 2
                if size > budget:
                    return Result(
                        kind="select", variables=names, rows=tuple(rows), truncated=True, cut_by="bytes"
                    )
            rows.append(row)
        return Result(kind="select", variables=names, rows=tuple(rows))
    triples: list[ox.Triple] = []
    size = 0
    for triple in answer:
        if len(triples) == max_rows:
            return Result(kind="construct", triples=tuple(triples), truncated=True, cut_by="rows")
        if budget is not None:
            size += _term_bytes(triple.subject) + _term_bytes(triple.predicate) + _term_bytes(triple.object)
            if size > budget:
                return Result(kind="construct", triples=tuple(triples), truncated=True, cut_by="bytes")
        triples.append(triple)
    return Result(kind="construct", triples=tuple(triples))


def _named_graphs(store: ox.Store) -> tuple[str, ...]:
    return tuple(sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))


# --- the worker process -----------------------------------------------------------------------


def _worker_entry() -> None:
    """``python -c`` entry of a worker: ``argv`` holds the pipe's fd, the store path, the memory options
    and the worker's memory limit in bytes (0: none)."""
    limit = int(sys.argv[5]) if len(sys.argv) > 5 else 0
    _worker_main(sys.argv[2], Connection(int(sys.argv[1])), sys.argv[3] or None, int(sys.argv[4]), limit)


OUT_OF_MEMORY_EXIT = 86
"""Exit status of a worker that passed its memory limit (the pool reports it as :class:`MemoryLimit`)."""


def _worker_main(
    path: str,
    conn: Connection,
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
        conn.send(("ready", _named_graphs(disk)))
    except Exception as exc:
        conn.send(("failed", f"cannot open the store at {path}: {exc}"))
        return
    engine: dict[str, ox.Store] = {"store": disk}
    if memory_quads > 0:
        threading.Thread(
            target=_copy_to_memory,
            args=(engine, memory_source, memory_quads, memory_limit),
            name="to-memory",
            daemon=True,
        ).start()
    while True:
        try:
            op, payload = conn.recv()
        except (EOFError, OSError):
            return
        store = engine["store"]
        mode = "disk" if store is disk else "memory"
        try:
            if op == "query":
                reply: tuple[str, Any] = ("ok", _execute(store, payload))
            elif op == "count":
                reply = ("ok", named_quads(store))
            elif op == "describe":
                from ilo_kg.describe import describe

                iri, max_rows, written = payload
                found = describe(OxigraphStore.from_pyoxigraph(store), iri, max_rows=max_rows)
                reply = (
                    "ok",
                    found if written is None or found is None else _written_triples(found, *written),
                )
            elif op == "mode":
                reply = ("ok", mode)
            else:
                return
        except QueryError as exc:
            reply = ("error", exc)
        except Exception as exc:
            reply = ("error", EngineError(f"{type(exc).__name__}: {exc}"))
        # every answer says where the worker's queries run now: the pool keeps it for /status
        conn.send((*reply, "disk" if engine["store"] is disk else "memory"))


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


def copy_to_memory(disk: ox.Store, memory_source: str | None = None, expected: int | None = None) -> ox.Store:
    """An in-memory store holding the quads of ``disk`` (pyoxigraph releases the GIL meanwhile).

    ``expected`` is ``len(disk)`` when the caller already counted it (a count reads the whole store).
    """
    expected = len(disk) if expected is None else expected
    if memory_source and Path(memory_source).is_file():
        memory = ox.Store()
        memory.bulk_load(path=memory_source, format=ox.RdfFormat.N_QUADS)
        extra = []
        for graph in disk.named_graphs():  # graphs the dump leaves out (the VoID description of it)
            if next(iter(memory.quads_for_pattern(None, None, None, graph)), None) is None:
                extra.append(graph)
        union = Path(memory_source).with_name("ilo-kg.nt")
        if has_default_graph(disk) and union.is_file():  # the distinct union of the dumped graphs
            fill_default_graph(
                memory, union, [g for g in memory.named_graphs() if isinstance(g, ox.NamedNode)]
            )
        for graph in extra:
            memory.bulk_extend(disk.quads_for_pattern(None, None, None, graph))
        if len(memory) == expected:
            return memory
        log.warning(
            "%s does not hold the store's %d quads: copying the store itself", memory_source, expected
        )
    with tempfile.TemporaryDirectory(prefix="ilo-kg-worker-") as folder:
        dump = str(Path(folder) / "store.nq")
        disk.dump(output=dump, format=ox.RdfFormat.N_QUADS)
        memory = ox.Store()
        memory.bulk_load(path=dump, format=ox.RdfFormat.N_QUADS)
    return memory


_COPY_BYTES_PER_QUAD = 600
"""What copying a store into memory may take at its peak, per quad (loading and the copy itself)."""


def _copy_to_memory(
    engine: dict[str, ox.Store], memory_source: str | None, memory_quads: int, memory_limit: int = 0
) -> None:
    disk = engine["store"]
    with contextlib.suppress(OSError, AttributeError):
        # lowest CPU priority for this thread (and the loader threads it starts): queries and the
        # service's own start-up go first while the copy is made
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
    try:
        quads = len(disk)
        if quads > memory_quads:
            return
        if memory_limit and quads * _COPY_BYTES_PER_QUAD > memory_limit * 3 // 4:
            # the copy would leave too little of the worker memory limit for queries (or pass it,
            # and the worker would be replaced again and again): stay on disk
            log.warning(
                "query worker stays on disk: a memory copy of %d quads needs about %d MiB, over 3/4 of "
                "the worker memory limit of %d MiB",
                quads,
                quads * _COPY_BYTES_PER_QUAD >> 20,
                memory_limit >> 20,
            )
            return
        engine["store"] = copy_to_memory(disk, memory_source, quads)
    except Exception as exc:  # the worker keeps answering from disk
        log.error("query worker could not copy the store into memory: %s", exc)


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection
    ready: bool = False
    mode: str = "disk"
    """Where its queries ran at its last answer (``disk`` or ``memory``): recorded, never asked for."""
    busy_since: float | None = None
    answered: int = 0
    killed_by_pool: bool = False


def _stopped(pid: int) -> bool:
    """True when the process is stopped (SIGSTOP, a debugger): it would take a query and never answer."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_bytes()
    except OSError:
        return False
    return stat[stat.rindex(b")") + 2 : stat.rindex(b")") + 3] in (b"T", b"t")


class _ThreadWaiter:
    """A thread waiting for a worker (offers are made under the pool's lock)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None
        self.gone = False

    def offer(self, worker: _Worker) -> bool:
        if self.gone:
            return False
        self.worker = worker
        self.event.set()
        return True


class _AsyncWaiter:
    """A coroutine waiting for a worker; the hand-over runs on its loop, and goes back if it gave up."""

    def __init__(self, pool: _Pool, loop: asyncio.AbstractEventLoop) -> None:
        self.pool = pool
        self.loop = loop
        self.future: asyncio.Future[_Worker] = loop.create_future()

    def offer(self, worker: _Worker) -> bool:
        if self.future.done() or self.loop.is_closed():
            return False
        self.loop.call_soon_threadsafe(self._deliver, worker)
        return True

    def _deliver(self, worker: _Worker) -> None:
        if self.future.done():  # timed out or cancelled meanwhile
            self.pool._release(worker)
        else:
            self.future.set_result(worker)


_TIMED_OUT = object()
_WAIT_EPSILON_S = 0.001


class _WorkerDied(Exception):
    """A worker died during an operation (internal: the caller may run the operation once more)."""

    def __init__(self, worker: _Worker, error: QueryError) -> None:
        super().__init__(str(error))
        self.worker = worker
        self.error = error


def _killed_from_outside(worker: _Worker) -> bool:
    """A worker ended by SIGKILL that the pool did not send (an operator, the OOM killer): not the query's
    doing as far as can be told, so its query may run once more on another worker."""
    return worker.process.returncode == -signal.SIGKILL and not worker.killed_by_pool


class _FrameReader:
    """Reads one ``multiprocessing.connection`` message from a non-blocking pipe, on the event loop.

    A message is a 4-byte big-endian length (``-1`` then an 8-byte length beyond 2 GiB) and the
    pickled payload; reading it in loop callbacks never blocks the loop on a large answer.
    """

    def __init__(self, fd: int, future: asyncio.Future[Any]) -> None:
        self.fd = fd
        self.future = future
        self.buffer = bytearray()

    def settle(self, outcome: Any) -> None:
        if not self.future.done():
            self.future.set_result(outcome)

    def on_readable(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            except OSError as exc:
                self.settle(exc)
                return
            if not chunk:
                self.settle(EOFError("the pipe was closed"))
                return
            self.buffer += chunk
            payload = self._payload()
            if payload is not None:
                self.settle(payload)
                return

    def _payload(self) -> bytes | None:
        if len(self.buffer) < 4:
            return None
        (size,) = struct.unpack("!i", self.buffer[:4])
        start = 4
        if size == -1:
            if len(self.buffer) < 12:
                return None
            (size,) = struct.unpack("!Q", self.buffer[4:12])
            start = 12
        if len(self.buffer) < start + size:
            return None
        return bytes(self.buffer[start : start + size])


_WORKER_COMMAND = "import sys; from ilo_kg.store import _worker_entry; _worker_entry()"


class _Pool:
    """Pre-started workers; one query per worker at a time; a killed worker is replaced by a warm spare.

    A worker killed by the pool (time limit, cancellation, memory limit) or found dead costs a process
    start (an interpreter, the store opened: 0.3-1 s, more on a loaded machine).  So that this start is
    not paid by the queries waiting meanwhile, ``spares`` processes are started ahead of time (store
    opened, copied into memory) and one is swapped in at once; a new spare starts in the background.
    While the pool is still short of a worker (no spare left), the time callers wait does not count
    against their wait limit (up to one more ``timeout_s``).
    """

    def __init__(
        self,
        path: Path,
        size: int,
        start_timeout_s: float,
        memory_source: Path | None = None,
        memory_quads: int = 0,
        memory_limit: int = 0,
        spares: int = 0,
    ) -> None:
        self._path = str(path)
        self._memory = (str(memory_source or ""), str(max(0, memory_quads)), str(max(0, memory_limit)))
        self.memory_limit = max(0, memory_limit)
        self._start_timeout_s = start_timeout_s
        self._idle: deque[_Worker] = deque()
        self._waiters: deque[_ThreadWaiter | _AsyncWaiter] = deque()
        self._all: set[_Worker] = set()
        """The pool's workers (idle or busy); spares and processes still starting are not in it."""
        self._every: set[_Worker] = set()
        """Every process started and not yet reaped (the pool's, the spares, those starting)."""
        self._spares: deque[_Worker] = deque()
        self._spare_target = max(0, spares)
        self._starting = 0
        """Processes being started (each becomes a pool worker if the pool is short, else a spare)."""
        self._short = 0
        """Places of the pool without a worker (one was killed and no spare was ready)."""
        self._short_s = 0.0
        self._short_mark = time.monotonic()
        self.counts = dict.fromkeys(
            ("killed", "by_spare", "left_short", "waited_past_limit", "busy", "busy_while_short"), 0
        )
        """What the pool did (for ``/status`` and the soak): workers killed or found dead and replaced,
        by a spare at once or leaving a place short; callers that got a worker after ``timeout_s`` (the
        pool was short meanwhile); callers answered busy, and how many of those while the pool was short."""
        self._lock = threading.Lock()
        self._closed = False
        self.graphs: tuple[str, ...] = ()
        self.startup_s: list[float] = []
        starting = [self._spawn() for _ in range(size)]
        try:
            for worker, started in starting:
                self.graphs = self._await_ready(worker, started)
                with self._lock:
                    self._all.add(worker)
                self._release(worker)
        except Exception:
            self.close()
            raise
        self._top_up()  # the spares start once the pool answers

    def _spawn(self) -> tuple[_Worker, float]:
        # A fresh interpreter (like the 'spawn' start method) that imports only this
        # module: unlike multiprocessing's spawn it never re-runs the caller's __main__.
        parent, child = Pipe(duplex=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([_PACKAGE_PARENT, *filter(None, [env.get("PYTHONPATH")])])
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_COMMAND, str(child.fileno()), self._path, *self._memory],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._every.add(worker)
        return worker, started

    def _await_ready(self, worker: _Worker, started: float) -> tuple[str, ...]:
        if not worker.conn.poll(self._start_timeout_s):
            self._kill(worker)
            raise EngineError(f"a query worker did not start within {self._start_timeout_s:g} s")
        try:
            status, detail = worker.conn.recv()
        except (EOFError, OSError):
            self._kill(worker)
            raise EngineError("a query worker died while starting") from None
        if status != "ready":
            self._kill(worker)
            raise EngineError(str(detail))
        worker.ready = True
        self.startup_s.append(time.perf_counter() - started)
        return tuple(detail)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.poll() is None:
            worker.killed_by_pool = True
            worker.process.kill()  # SIGKILL: the engine cannot be interrupted otherwise
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("query worker %d did not exit after SIGKILL", worker.process.pid)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)
            self._every.discard(worker)

    def _shortage(self, change: int) -> None:
        """Count ``change`` places without a worker, and the time the pool spent short (under the lock)."""
        now = time.monotonic()
        if self._short:
            self._short_s += now - self._short_mark
        self._short_mark = now
        self._short += change

    def _short_time(self) -> float:
        """Seconds the pool has spent short of a worker since it started (under the lock)."""
        return self._short_s + (time.monotonic() - self._short_mark if self._short else 0.0)

    def _replace(self, worker: _Worker) -> None:
        """Kill ``worker`` (SIGKILL, at once) and put a ready spare in its place, or count the place as
        short; processes for the short places and the missing spares start in the background.  The dead
        worker is reaped by a thread, so a caller on the event loop never waits for a process to exit."""
        if worker.process.poll() is None:
            worker.killed_by_pool = True
            worker.process.kill()
        with self._lock:
            self._all.discard(worker)
            spare = self._spares.popleft() if self._spares else None
            self.counts["killed"] += 1
            if spare is not None:
                self._all.add(spare)
                self.counts["by_spare"] += 1
            else:
                self._shortage(+1)
                self.counts["left_short"] += 1
        threading.Thread(target=self._kill, args=(worker,), name="ilo-kg-worker-reap", daemon=True).start()
        if spare is not None:
            self._release(spare)  # a spare found dead or stopped is replaced in turn when taken
        self._top_up()

    def _top_up(self) -> None:
        """Start processes for the pool's short places and its missing spares."""
        with self._lock:
            if self._closed:
                return
            wanted = self._short + self._spare_target - len(self._spares) - self._starting
            self._starting += max(0, wanted)
        for _ in range(wanted):
            threading.Thread(target=self._start_one, name="ilo-kg-worker-start", daemon=True).start()

    def _start_one(self) -> None:
        """Start one process; ready, it fills a short place of the pool or waits as a spare.

        A process that cannot start (the store unreadable, no memory, too many files) is tried again,
        less and less often, for as long as the pool runs: the pool heals once it can."""
        attempt = 0
        while not self._closed:
            try:
                fresh, started = self._spawn()
                self._await_ready(fresh, started)
            except (OSError, EngineError) as exc:  # OSError: no process started at all
                attempt += 1
                log.error("query worker start failed (attempt %d): %s", attempt, exc)
                time.sleep(min(30.0, 0.5 * attempt))
                continue
            with self._lock:
                self._starting -= 1
                closed = self._closed
                to_pool = not closed and self._short > 0
                if to_pool:
                    self._shortage(-1)
                    self._all.add(fresh)
                elif not closed:
                    self._spares.append(fresh)
            if closed:
                self._kill(fresh)
            elif to_pool:
                self._release(fresh)
            return
        with self._lock:
            self._starting -= 1

    # --- handing workers out: thread callers and event-loop callers wait in one FIFO -----------

    def _release(self, worker: _Worker) -> None:
        worker.busy_since = None
        with self._lock:
            while self._waiters:
                if self._waiters.popleft().offer(worker):
                    return
            self._idle.append(worker)

    def _usable(self, worker: _Worker) -> bool:
        """False for a worker that died or was stopped while idle: it is replaced, never handed a query."""
        if worker.process.poll() is None and not _stopped(worker.process.pid):
            return True
        log.warning(
            "query worker %d was found %s while idle: replacing it",
            worker.process.pid,
            "dead" if worker.process.poll() is not None else "stopped",
        )
        self._replace(worker)
        return False

    def _take_idle(self) -> _Worker | None:
        """A live idle worker, or None (dead or stopped ones met on the way are replaced)."""
        while True:
            with self._lock:
                if not self._idle:
                    return None
                worker = self._idle.popleft()
            if self._usable(worker):
                worker.busy_since = time.monotonic()
                return worker

    def _wait_left(self, started: float, short_before: float, timeout_s: float) -> float:
        """Seconds a caller waiting since ``started`` may still wait for a worker: ``timeout_s``, plus the
        time the pool has spent short of a worker meanwhile (a killed worker not yet replaced: the
        caller is not to blame for it), at most ``timeout_s`` more."""
        with self._lock:
            credit = min(timeout_s, self._short_time() - short_before)
        return started + timeout_s + credit - time.monotonic()

    def _acquire(self, timeout_s: float) -> _Worker:
        started = time.monotonic()
        with self._lock:
            short_before = self._short_time()
        while True:
            worker = self._take_idle()
            if worker is not None:
                return worker
            with self._lock:
                if self._idle:
                    continue
                waiter = _ThreadWaiter()
                self._waiters.append(waiter)
            while not waiter.event.wait(max(0.0, self._wait_left(started, short_before, timeout_s))):
                if self._wait_left(started, short_before, timeout_s) > _WAIT_EPSILON_S:
                    continue
                with self._lock:
                    gave_up = waiter.worker is None
                    if gave_up:
                        waiter.gone = True
                        with contextlib.suppress(ValueError):
                            self._waiters.remove(waiter)
                if gave_up:
                    raise self._busy(timeout_s)
                break
            assert waiter.worker is not None
            if self._usable(waiter.worker):
                return self._handed(waiter.worker, started, timeout_s)

    async def _acquire_async(self, timeout_s: float) -> _Worker:
        started = time.monotonic()
        with self._lock:
            short_before = self._short_time()
        while True:
            worker = self._take_idle()
            if worker is not None:
                return worker
            with self._lock:
                if self._idle:
                    continue
                waiter = _AsyncWaiter(self, asyncio.get_running_loop())
                self._waiters.append(waiter)
            try:
                while not waiter.future.done():
                    left = self._wait_left(started, short_before, timeout_s)
                    if left <= _WAIT_EPSILON_S:
                        break
                    await asyncio.wait({waiter.future}, timeout=left)
            except BaseException:  # cancelled (client gone, shutdown): a worker handed over goes back
                if waiter.future.done() and not waiter.future.cancelled():
                    self._release(waiter.future.result())
                waiter.future.cancel()
                raise
            if not waiter.future.done():
                waiter.future.cancel()  # a worker offered meanwhile is given back by _deliver
                raise self._busy(timeout_s)
            worker = waiter.future.result()
            if self._usable(worker):
                return self._handed(worker, started, timeout_s)

    def try_acquire(self) -> _Worker | None:
        """An idle worker now, or None: never waits (used to refresh the recorded modes)."""
        return self._take_idle()

    def _busy(self, timeout_s: float) -> EngineBusy:
        with self._lock:
            self.counts["busy"] += 1
            self.counts["busy_while_short"] += self._short > 0
        return EngineBusy(f"all query workers stayed busy for {timeout_s:g} s; try again later")

    def _handed(self, worker: _Worker, started: float, timeout_s: float) -> _Worker:
        now = time.monotonic()
        if now - started > timeout_s:
            with self._lock:
                self.counts["waited_past_limit"] += 1
        worker.busy_since = now
        return worker

    def _timed_out(self, worker: _Worker, timeout_s: float) -> QueryTimeout:
        self._replace(worker)
        return QueryTimeout(f"the query passed its time limit of {timeout_s:g} s and was stopped")

    def _died(self, worker: _Worker) -> QueryError:
        """Replace a worker that died mid-operation; the error to report (the memory limit says so)."""
        with contextlib.suppress(subprocess.TimeoutExpired):
            worker.process.wait(1)  # its pipe closes as it exits: let it finish, to read its exit status
        self._replace(worker)
        code = worker.process.returncode
        if code == OUT_OF_MEMORY_EXIT:
            return MemoryLimit(
                f"the query needed more than the worker memory limit of {self.memory_limit >> 20} MiB "
                "and was stopped"
            )
        return EngineError(f"the query worker died while answering (exit status {code})")

    def _settle(self, worker: _Worker, reply: tuple[Any, ...]) -> Any:
        status, value, *mode = reply
        if mode:
            worker.mode = str(mode[0])
        worker.answered += 1
        self._release(worker)
        if status == "error":
            raise value
        return value

    def _answer(self, worker: _Worker) -> Any:
        try:
            reply = worker.conn.recv()
        except (EOFError, OSError):
            raise self._died(worker) from None
        return self._settle(worker, reply)

    def call(self, op: str, payload: Any, timeout_s: float) -> Any:
        """Run one operation on a worker, from a thread (blocks)."""
        if self._closed:
            raise EngineError("the query engine is closed")
        for attempt in range(2):
            worker = self._acquire(timeout_s)
            try:
                worker.conn.send((op, payload))
                ready = worker.conn.poll(timeout_s)
            except (EOFError, OSError):
                error = self._died(worker)
            else:
                if not ready:
                    raise self._timed_out(worker, timeout_s)
                try:
                    reply = worker.conn.recv()
                except (EOFError, OSError):
                    error = self._died(worker)
                else:
                    return self._settle(worker, reply)
            if attempt or not _killed_from_outside(worker):
                raise error
            log.warning("query worker %d was killed from outside: the query runs again", worker.process.pid)
        raise AssertionError("unreachable")

    async def call_async(self, op: str, payload: Any, timeout_s: float) -> Any:
        """Run one operation on a worker from the event loop: no thread, the loop watches the pipe."""
        if self._closed:
            raise EngineError("the query engine is closed")
        try:
            return await self._call_async_once(op, payload, timeout_s)
        except _WorkerDied as died:
            if not _killed_from_outside(died.worker):
                raise died.error from None
            log.warning(
                "query worker %d was killed from outside: the query runs again", died.worker.process.pid
            )
        try:
            return await self._call_async_once(op, payload, timeout_s)
        except _WorkerDied as died:
            raise died.error from None

    async def _call_async_once(self, op: str, payload: Any, timeout_s: float) -> Any:
        worker = await self._acquire_async(timeout_s)
        loop = asyncio.get_running_loop()
        try:
            worker.conn.send((op, payload))
        except OSError:
            raise _WorkerDied(worker, self._died(worker)) from None
        reader = _FrameReader(worker.conn.fileno(), loop.create_future())
        os.set_blocking(reader.fd, False)
        loop.add_reader(reader.fd, reader.on_readable)
        timer = loop.call_later(timeout_s, reader.settle, _TIMED_OUT)
        try:
            outcome = await reader.future
        except BaseException:  # cancelled (shutdown, client gone): the worker is mid-query, replace it
            self._stop_reading(loop, reader, timer)
            self._replace(worker)  # after the loop let go of its pipe
            raise
        self._stop_reading(loop, reader, timer)
        if outcome is _TIMED_OUT:
            raise self._timed_out(worker, timeout_s)
        if isinstance(outcome, BaseException):
            raise _WorkerDied(worker, self._died(worker))
        return self._settle(worker, pickle.loads(outcome))

    @staticmethod
    def _stop_reading(
        loop: asyncio.AbstractEventLoop, reader: _FrameReader, timer: asyncio.TimerHandle
    ) -> None:
        timer.cancel()
        loop.remove_reader(reader.fd)
        with contextlib.suppress(OSError):
            os.set_blocking(reader.fd, True)  # thread callers use the same pipe, blocking

    def refresh_modes(self, timeout_s: float) -> None:
        """Ask each worker idle right now where its queries run; busy workers keep their recorded mode.

        Never waits for a busy worker, and every worker taken is given back (or replaced)."""
        with self._lock:
            size = len(self._all)
        taken: list[_Worker] = []
        try:
            for _ in range(size):
                worker = self.try_acquire()
                if worker is None:
                    break
                taken.append(worker)
            for worker in taken[:]:
                taken.remove(worker)
                try:
                    worker.conn.send(("mode", None))
                    if not worker.conn.poll(timeout_s):
                        self._replace(worker)
                        continue
                    self._settle(worker, worker.conn.recv())
                except (EOFError, OSError):
                    self._replace(worker)
                except QueryError:
                    pass
        finally:
            for worker in taken:
                self._release(worker)

    def states(self) -> list[dict[str, Any]]:
        """Each worker's recorded state (pid, starting/idle/busy, mode, answers): no worker is asked."""
        now = time.monotonic()
        with self._lock:
            workers = sorted(self._all, key=lambda w: w.process.pid)
            idle = set(self._idle)
            pending = self._short
        out: list[dict[str, Any]] = []
        for w in workers:
            since = w.busy_since
            state = "starting" if not w.ready else "busy" if since is not None else "idle"
            if w in idle:
                state = "idle"
            entry: dict[str, Any] = {
                "pid": w.process.pid,
                "state": state,
                "mode": w.mode,
                "answered": w.answered,
            }
            if state == "busy" and since is not None:
                entry["busy_s"] = round(now - since, 3)
            out.append(entry)
        out += [{"pid": None, "state": "starting", "mode": "disk", "answered": 0}] * max(0, pending)
        return out

    def figures(self) -> dict[str, Any]:
        """:attr:`counts` and the seconds the pool has spent short of a worker."""
        with self._lock:
            return {**self.counts, "short_s": round(self._short_time(), 3)}

    def spare_states(self) -> list[dict[str, Any]]:
        """The spares: ``ready`` (pid given) or ``starting`` (no pid yet), as recorded."""
        with self._lock:
            ready = sorted(w.process.pid for w in self._spares)
            starting = max(0, self._spare_target - len(ready))
        out: list[dict[str, Any]] = [{"pid": pid, "state": "ready"} for pid in ready]
        return out + [{"pid": None, "state": "starting"}] * starting

    def pids(self) -> tuple[int, ...]:
        with self._lock:
            return tuple(sorted(w.process.pid for w in self._all))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._every)  # the spares and the processes still starting too
        for worker in workers:
            with contextlib.suppress(OSError, ValueError):
                worker.conn.send(("stop", None))
        for worker in workers:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(1)
            self._kill(worker)


# --- the store ----------------------------------------------------------------------------------


class OxigraphStore:
    """The embedded engine: the published Oxigraph store, opened read-only.

    Build it with :meth:`open`, :meth:`from_settings` or (tests) :meth:`from_pyoxigraph`.
    """

    def __init__(
        self,
        *,
        local: ox.Store | None = None,
        pool: _Pool | None = None,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        max_bytes: int = 0,
    ) -> None:
        if (local is None) == (pool is None):
            raise ValueError("OxigraphStore needs exactly one of a local store or a worker pool")
        self._local = local
        self._pool = pool
        self._timeout_s = timeout_s
        self._max_rows = max_rows
        self._max_bytes = max_bytes
        self._graphs = _named_graphs(local) if local is not None else pool.graphs  # type: ignore[union-attr]
        self._count: int | None = None

    @classmethod
    def open(
        cls,
        path: Path,
        *,
        workers: int = 0,
        timeout_s: float = 10.0,
        max_rows: int = 10000,
        start_timeout_s: float = 60.0,
        memory_quads: int = 0,
        memory_source: Path | None = None,
        max_bytes: int = 0,
        worker_memory_mb: int = 0,
        spare_workers: int = 0,
    ) -> OxigraphStore:
        """Open a published store directory; ``workers=0`` runs queries in this process.

        ``memory_quads`` > 0: each worker copies a store of at most that many quads into memory
        after it started (answering from disk meanwhile), from ``memory_source`` (the release's
        N-Quads dump) when given.  ``max_bytes`` > 0 cuts a result once its terms hold that many
        bytes; ``worker_memory_mb`` > 0 ends a worker whose resident memory passes it (its query
        gets :class:`MemoryLimit`).  ``spare_workers`` processes are kept started and ready, to take the
        place of a worker the pool kills (time limit, cancellation, memory limit) at once.
        """
        path = Path(path)
        if not path.is_dir():
            raise FileNotFoundError(f"no published store at {path} (run the build first)")
        if workers <= 0:
            try:
                local = ox.Store.read_only(str(path))
            except OSError as exc:
                raise EngineError(f"cannot open the store at {path}: {exc}") from exc
            return cls(local=local, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes)
        pool = _Pool(
            path, workers, start_timeout_s, memory_source, memory_quads, worker_memory_mb << 20, spare_workers
        )
        return cls(pool=pool, timeout_s=timeout_s, max_rows=max_rows, max_bytes=max_bytes)

    @classmethod
    def from_settings(cls, settings: Settings, *, pool: bool = True) -> OxigraphStore:
        """``<dist>/store`` with the settings' limits; a worker pool unless ``pool=False``.

        The release behind ``<dist>`` is resolved once: every worker (replacements too) reads
        the same release even if a new one is published meanwhile.
        """
        release = settings.dist.resolve()
        return cls.open(
            release / "store",
            workers=settings.workers if pool else 0,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
            memory_quads=settings.memory_quads,
            memory_source=release / "ilo-kg.nq",
            max_bytes=settings.max_result_bytes,
            worker_memory_mb=settings.worker_memory_mb,
            spare_workers=settings.spare_workers,
        )

    def worker_modes(self) -> tuple[str, ...]:
        """``disk`` or ``memory`` for each worker (empty in-process): where its queries run now.

        Idle workers are asked; a busy one is not waited for (its mode at its last answer is given)."""
        if self._pool is None:
            return ()
        self._pool.refresh_modes(self._timeout_s)
        return tuple(sorted(w["mode"] for w in self._pool.states() if w["state"] != "starting"))

    def worker_states(self) -> list[dict[str, Any]]:
        """Each worker's recorded state (pid, ``starting``/``idle``/``busy``, mode at its last answer,
        answers given, seconds busy): read without taking or asking any worker (for ``/status``)."""
        return self._pool.states() if self._pool is not None else []

    def spare_states(self) -> list[dict[str, Any]]:
        """The spare workers (``ready`` with their pid, or ``starting``), as recorded (for ``/status``)."""
        return self._pool.spare_states() if self._pool is not None else []

    def pool_figures(self) -> dict[str, Any]:
        """What the pool did since it started: workers killed and how each was replaced, callers
        answered busy, seconds short of a worker (for ``/status``); empty in-process."""
        return self._pool.figures() if self._pool is not None else {}

    @classmethod
    def from_pyoxigraph(
        cls, store: ox.Store, *, timeout_s: float = 10.0, max_rows: int = 10000
    ) -> OxigraphStore:
        """In-process engine around an existing (e.g. in-memory fixture) pyoxigraph store."""
        return cls(local=store, timeout_s=timeout_s, max_rows=max_rows)

    @property
    def pooled(self) -> bool:
        return self._pool is not None

    def worker_pids(self) -> tuple[int, ...]:
        """Process ids of the live workers (empty in-process)."""
        return self._pool.pids() if self._pool is not None else ()

    def worker_startup_s(self) -> tuple[float, ...]:
        """How long each worker took from start to ready (first ones and replacements)."""
        return tuple(self._pool.startup_s) if self._pool is not None else ()

    def triple_count_if_idle(self) -> int | None:
        """:meth:`triple_count` if it is known or a worker is idle right now to count (once); else None.

        For ``/status``: it never waits for a busy worker."""
        if self._count is not None or self._pool is None:
            return self.triple_count()
        worker = self._pool.try_acquire()
        if worker is None:
            return None
        try:
            worker.conn.send(("count", None))
            ready = worker.conn.poll(max(self._timeout_s, 60.0))
        except (EOFError, OSError):
            self._pool._replace(worker)
            return None
        if not ready:
            self._pool._replace(worker)
            return None
        try:
            self._count = int(self._pool._answer(worker))
        except QueryError:
            return None
        return self._count

    def graphs(self) -> tuple[str, ...]:
        """IRIs of the named graphs the store holds, sorted."""
        return self._graphs

    def triple_count(self) -> int:
        """Number of quads in the named graphs (cached: the store is read-only)."""
        if self._count is None:
            if self._pool is not None:
                self._count = int(self._pool.call("count", None, max(self._timeout_s, 60.0)))
            else:
                self._count = named_quads(self._local)  # type: ignore[arg-type]
        return self._count

    def query(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        formats: Mapping[str, str] | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """Run one SPARQL query; the default graph is the distinct union of the dataset's graphs.

        ``bindings`` bind variables to RDF terms (never spliced into the text); in a
        SELECT a bound variable must be in the projection (SEP-0007, as Oxigraph does).
        ``default_graphs``/``named_graphs`` (SPARQL protocol) override the query's
        FROM/FROM NAMED; a graph the store does not hold is an empty graph (nothing is fetched).
        ``formats`` (result kind to format name, e.g. ``{"select": "json"}``) has the answer
        written where it runs: the result then carries ``body`` instead of rows or triples.
        ``base_iri`` resolves the relative IRIs of the text.
        """
        request = self._request(text, bindings, default_graphs, named_graphs, max_rows, formats, base_iri)
        if self._pool is not None:
            limit = self._timeout_s if timeout_s is None else timeout_s
            result: Result = self._pool.call("query", request, limit)
            return result
        return _execute(self._local, request)  # type: ignore[arg-type]

    async def query_async(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        formats: Mapping[str, str] | None = None,
        base_iri: str | None = None,
    ) -> Result:
        """:meth:`query` for an event loop: the loop waits on the worker's pipe, no thread is used.

        In-process (``workers=0``) the query runs in a thread so that the loop is not blocked.
        """
        request = self._request(text, bindings, default_graphs, named_graphs, max_rows, formats, base_iri)
        if self._pool is not None:
            limit = self._timeout_s if timeout_s is None else timeout_s
            result: Result = await self._pool.call_async("query", request, limit)
            return result
        return await asyncio.to_thread(_execute, self._local, request)  # type: ignore[arg-type]

    async def describe_async(
        self,
        iri: str,
        *,
        timeout_s: float | None = None,
        max_rows: int | None = None,
        format_name: str | None = None,
        prefixes: Mapping[str, str] | None = None,
        context: Mapping[str, Any] | None = None,
    ) -> Any:
        """:func:`ilo_kg.describe.describe` of ``iri`` as one operation of one worker (all its lookups).

        With ``format_name`` (a graph format; ``context`` compacts JSON-LD) the worker writes the
        description's triples and the answer is those bytes (None when the graph says nothing
        about ``iri``).
        """
        from ilo_kg.describe import describe

        rows = self._max_rows if max_rows is None else max_rows
        written = (
            None
            if format_name is None
            else (
                format_name,
                tuple(sorted((prefixes or {}).items())),
                None if context is None else dict(context),
            )
        )
        if self._pool is not None:
            limit = self._timeout_s if timeout_s is None else timeout_s
            return await self._pool.call_async("describe", (iri, rows, written), limit)
        found = await asyncio.to_thread(describe, self, iri, max_rows=rows)
        return found if written is None or found is None else _written_triples(found, *written)

    def _request(
        self,
        text: str,
        bindings: Mapping[str, Term] | None,
        default_graphs: Sequence[str] | None,
        named_graphs: Sequence[str] | None,
        max_rows: int | None,
        formats: Mapping[str, str] | None,
        base_iri: str | None = None,
    ) -> _Request:
        return _Request(
            text=text,
            base_iri=base_iri,
            bindings=_check_bindings(bindings),
            default_graphs=self._check_graphs(default_graphs, "default graph"),
            named_graphs=self._check_graphs(named_graphs, "named graph"),
            text_names_dataset=query_dataset(text) is not None,
            max_rows=self._max_rows if max_rows is None else max_rows,
            formats=tuple(sorted((formats or {}).items())),
            max_bytes=self._max_bytes,
        )

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @staticmethod
    def _check_graphs(iris: Sequence[str] | None, what: str) -> tuple[str, ...] | None:
        """Graph IRIs of the protocol's dataset; one the store does not hold is an empty graph."""
        if iris is None:
            return None
        for iri in iris:
            try:
                ox.NamedNode(iri)
            except ValueError:
                raise UnknownGraph(f"the {what} <{iri}> is not an absolute IRI") from None
        return tuple(iris)


def _check_bindings(bindings: Mapping[str, Term] | None) -> tuple[tuple[str, Term], ...]:
    if not bindings:
        return ()
    checked: list[tuple[str, Term]] = []
    for name, term in bindings.items():
        if not isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple):
            raise BindingError(f"parameter {name!r} must be bound to an RDF term, not {type(term).__name__}")
        checked.append((name.removeprefix("?").removeprefix("$"), term))
    return tuple(checked)
