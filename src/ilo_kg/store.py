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

import contextlib
import logging
import os
import queue
import signal
import subprocess
import sys
import threading
import time
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


class BindingError(QueryError):
    """A parameter cannot be bound (not an RDF term, or not in the SELECT projection)."""


class UnknownGraph(QueryRefused):
    """A requested default or named graph is not in the dataset."""


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
    """True when the engine had more rows (or triples) than ``max_rows``."""


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


# --- running one query (shared by the in-process mode and the workers) ------------------------


def _execute(store: ox.Store, request: _Request) -> Result:
    options: dict[str, Any] = {}
    if request.default_graphs is not None or request.named_graphs is not None:
        # SPARQL protocol: default-graph-uri / named-graph-uri override FROM / FROM NAMED.
        if request.default_graphs is not None:
            options["default_graph"] = [ox.NamedNode(iri) for iri in request.default_graphs]
        if request.named_graphs is not None:
            options["named_graphs"] = [ox.NamedNode(iri) for iri in request.named_graphs]
    elif not request.text_names_dataset:
        options["use_default_graph_as_union"] = True
    if request.bindings:
        options["substitutions"] = {ox.Variable(name): term for name, term in request.bindings}
    try:
        answer = store.query(request.text, **options)
        return _collect(answer, request.max_rows)
    except SyntaxError as exc:
        raise QuerySyntaxError.from_engine(str(exc)) from None
    except RuntimeError as exc:
        if request.bindings and "projection" in str(exc):
            raise BindingError(f"cannot bind parameters: {exc}") from None
        raise EngineError(str(exc)) from None
    except (OSError, ValueError) as exc:
        raise EngineError(str(exc)) from None


def _collect(answer: Any, max_rows: int) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        return Result(kind="ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = tuple(v.value for v in answer.variables)
        rows: list[tuple[Term | None, ...]] = []
        for solution in answer:
            if len(rows) == max_rows:
                return Result(kind="select", variables=names, rows=tuple(rows), truncated=True)
            rows.append(tuple(solution[i] for i in range(len(names))))
        return Result(kind="select", variables=names, rows=tuple(rows))
    triples: list[ox.Triple] = []
    for triple in answer:
        if len(triples) == max_rows:
            return Result(kind="construct", triples=tuple(triples), truncated=True)
        triples.append(triple)
    return Result(kind="construct", triples=tuple(triples))


def _named_graphs(store: ox.Store) -> tuple[str, ...]:
    return tuple(sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)))


# --- the worker process -----------------------------------------------------------------------


def _worker_entry() -> None:
    """``python -c`` entry of a worker process: ``argv`` holds the pipe's fd and the store path."""
    _worker_main(sys.argv[2], Connection(int(sys.argv[1])))


def _worker_main(path: str, conn: Connection) -> None:
    """Entry point of a worker: open the store read-only once, then answer requests."""
    # Ctrl-C reaches the whole process group: the parent shuts the pool down, workers need not react
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        store = ox.Store.read_only(path)
        conn.send(("ready", _named_graphs(store)))
    except Exception as exc:
        conn.send(("failed", f"cannot open the store at {path}: {exc}"))
        return
    while True:
        try:
            op, payload = conn.recv()
        except (EOFError, OSError):
            return
        try:
            if op == "query":
                reply: tuple[str, Any] = ("ok", _execute(store, payload))
            elif op == "count":
                reply = ("ok", len(store))
            else:
                return
        except QueryError as exc:
            reply = ("error", exc)
        except Exception as exc:
            reply = ("error", EngineError(f"{type(exc).__name__}: {exc}"))
        conn.send(reply)


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Connection


_WORKER_COMMAND = "import sys; from ilo_kg.store import _worker_entry; _worker_entry()"


class _Pool:
    """Pre-started workers; one query per worker at a time; a timed-out worker is replaced."""

    def __init__(self, path: Path, size: int, start_timeout_s: float) -> None:
        self._path = str(path)
        self._start_timeout_s = start_timeout_s
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self.graphs: tuple[str, ...] = ()
        self.startup_s: list[float] = []
        starting = [self._spawn() for _ in range(size)]
        try:
            for worker, started in starting:
                self.graphs = self._await_ready(worker, started)
                self._idle.put(worker)
        except Exception:
            self.close()
            raise

    def _spawn(self) -> tuple[_Worker, float]:
        # A fresh interpreter (like the 'spawn' start method) that imports only this
        # module: unlike multiprocessing's spawn it never re-runs the caller's __main__.
        parent, child = Pipe(duplex=True)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([_PACKAGE_PARENT, *filter(None, [env.get("PYTHONPATH")])])
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", _WORKER_COMMAND, str(child.fileno()), self._path],
            pass_fds=(child.fileno(),),
            stdin=subprocess.DEVNULL,
            env=env,
        )
        child.close()
        worker = _Worker(process, parent)
        with self._lock:
            self._all.add(worker)
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
        self.startup_s.append(time.perf_counter() - started)
        return tuple(detail)

    def _kill(self, worker: _Worker) -> None:
        if worker.process.poll() is None:
            worker.process.kill()  # SIGKILL: the engine cannot be interrupted otherwise
        try:
            worker.process.wait(5)
        except subprocess.TimeoutExpired:
            log.error("query worker %d did not exit after SIGKILL", worker.process.pid)
        worker.conn.close()
        with self._lock:
            self._all.discard(worker)

    def _replace(self, worker: _Worker) -> None:
        self._kill(worker)
        if self._closed:
            return

        def start() -> None:
            for attempt in range(3):
                if self._closed:
                    return
                try:
                    fresh, started = self._spawn()
                    self._await_ready(fresh, started)
                except EngineError as exc:
                    log.error("query worker replacement failed (attempt %d): %s", attempt + 1, exc)
                    time.sleep(0.5 * (attempt + 1))
                    continue
                if self._closed:
                    self._kill(fresh)
                else:
                    self._idle.put(fresh)
                return

        threading.Thread(target=start, name="ilo-kg-worker-replace", daemon=True).start()

    def call(self, op: str, payload: Any, timeout_s: float) -> Any:
        if self._closed:
            raise EngineError("the query engine is closed")
        try:
            worker = self._idle.get(timeout=timeout_s)
        except queue.Empty:
            raise EngineBusy(f"all query workers stayed busy for {timeout_s:g} s; try again later") from None
        try:
            worker.conn.send((op, payload))
            if not worker.conn.poll(timeout_s):
                self._replace(worker)
                raise QueryTimeout(f"the query passed its time limit of {timeout_s:g} s and was stopped")
            status, value = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            self._replace(worker)
            raise EngineError("the query worker died while answering") from None
        self._idle.put(worker)
        if status == "error":
            raise value
        return value

    def pids(self) -> tuple[int, ...]:
        with self._lock:
            return tuple(sorted(w.process.pid for w in self._all))

    def close(self) -> None:
        self._closed = True
        with self._lock:
            workers = list(self._all)
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
    ) -> None:
        if (local is None) == (pool is None):
            raise ValueError("OxigraphStore needs exactly one of a local store or a worker pool")
        self._local = local
        self._pool = pool
        self._timeout_s = timeout_s
        self._max_rows = max_rows
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
    ) -> OxigraphStore:
        """Open a published store directory; ``workers=0`` runs queries in this process."""
        path = Path(path)
        if not path.is_dir():
            raise FileNotFoundError(f"no published store at {path} (run the build first)")
        if workers <= 0:
            try:
                local = ox.Store.read_only(str(path))
            except OSError as exc:
                raise EngineError(f"cannot open the store at {path}: {exc}") from exc
            return cls(local=local, timeout_s=timeout_s, max_rows=max_rows)
        pool = _Pool(path, workers, start_timeout_s)
        return cls(pool=pool, timeout_s=timeout_s, max_rows=max_rows)

    @classmethod
    def from_settings(cls, settings: Settings, *, pool: bool = True) -> OxigraphStore:
        """``<dist>/store`` with the settings' limits; a worker pool unless ``pool=False``."""
        return cls.open(
            settings.dist / "store",
            workers=settings.workers if pool else 0,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
        )

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

    def graphs(self) -> tuple[str, ...]:
        """IRIs of the named graphs the store holds, sorted."""
        return self._graphs

    def triple_count(self) -> int:
        """Number of quads in the store (cached: the store is read-only)."""
        if self._count is None:
            if self._pool is not None:
                self._count = int(self._pool.call("count", None, max(self._timeout_s, 60.0)))
            else:
                self._count = len(self._local)  # type: ignore[arg-type]
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
    ) -> Result:
        """Run one SPARQL query; the default graph is the union of all named graphs.

        ``bindings`` bind variables to RDF terms (never spliced into the text); in a
        SELECT a bound variable must be in the projection (SEP-0007, as Oxigraph does).
        ``default_graphs``/``named_graphs`` (SPARQL protocol) override the query's
        FROM/FROM NAMED and must name graphs the store holds.
        """
        request = _Request(
            text=text,
            bindings=_check_bindings(bindings),
            default_graphs=self._check_graphs(default_graphs, "default graph"),
            named_graphs=self._check_graphs(named_graphs, "named graph"),
            text_names_dataset=query_dataset(text) is not None,
            max_rows=self._max_rows if max_rows is None else max_rows,
        )
        if self._pool is not None:
            limit = self._timeout_s if timeout_s is None else timeout_s
            result: Result = self._pool.call("query", request, limit)
            return result
        return _execute(self._local, request)  # type: ignore[arg-type]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _check_graphs(self, iris: Sequence[str] | None, what: str) -> tuple[str, ...] | None:
        if iris is None:
            return None
        unknown = [iri for iri in iris if iri not in self._graphs]
        if unknown:
            listed = ", ".join(f"<{iri}>" for iri in unknown)
            raise UnknownGraph(f"unknown {what} {listed}: the dataset holds no such graph")
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
