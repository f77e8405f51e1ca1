"""The worker pool: pre-started worker processes, one query per worker at a time.

A worker that passes the time limit is killed (SIGKILL: the engine cannot be interrupted otherwise)
and replaced, and its caller gets :class:`QueryTimeout`; one that dies is replaced and its caller told
why (:class:`MemoryLimit` when it passed its memory limit).  Thread callers and event-loop callers wait
for a free worker in one FIFO; an event-loop caller waits on the worker's socket with the loop, never
with a thread.  The workers run :mod:`ilo_kg.engine.worker`; both ends speak
:mod:`ilo_kg.engine.framing`.  The pool knows nothing of queries: it carries operations and answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import pickle
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ilo_kg.engine.contract import EngineBusy, EngineError, MemoryLimit, QueryError, QueryTimeout, WorkerState
from ilo_kg.engine.framing import OUT_OF_MEMORY_EXIT, Channel, FrameReader

__all__ = ["Pool"]

log = logging.getLogger(__name__)
_PACKAGE_PARENT = str(Path(__file__).resolve().parents[2])
WORKER_COMMAND = "from ilo_kg.engine.worker import entry; entry()"
"""What a worker runs with ``python -c`` (:func:`ilo_kg.engine.worker.entry`): a fresh interpreter
that imports only the engine's modules; unlike multiprocessing's spawn it never re-runs the caller's
``__main__``."""


@dataclass(eq=False)
class _Worker:
    process: subprocess.Popen[bytes]
    conn: Channel
    ready: bool = False
    mode: str = "disk"
    """Where its queries ran at its last answer (``disk`` or ``memory``): recorded, never asked for."""
    busy_since: float | None = None
    answered: int = 0
    killed_by_pool: bool = False


def _unusable(process: subprocess.Popen[bytes]) -> str | None:
    """``dead`` or ``stopped`` (SIGSTOP, a debugger: it would take a query and never answer) when the
    process is either, else None; runs on every hand-out.

    The state is read from ``/proc/<pid>/stat``: its main thread shows ``T`` as soon as it stops, while
    ``waitid`` reports a stop only once every thread of the process has stopped.
    """
    if process.poll() is not None:
        return "dead"
    try:
        fd = os.open(f"/proc/{process.pid}/stat", os.O_RDONLY)
    except OSError:
        return None
    try:
        stat = os.read(fd, 1024)
    except OSError:
        return None
    finally:
        os.close(fd)
    end = stat.rfind(b")")
    return "stopped" if stat[end + 2 : end + 3] in (b"T", b"t") else None


class _ThreadWaiter:
    """A thread waiting for a worker (offers are made under the pool's lock)."""

    def __init__(self) -> None:
        self.event = threading.Event()
        self.worker: _Worker | None = None
        self.gone = False

    def waits(self) -> bool:
        return not self.gone and self.worker is None

    def offer(self, worker: _Worker) -> bool:
        if self.gone:
            return False
        self.worker = worker
        self.event.set()
        return True


class _AsyncWaiter:
    """A coroutine waiting for a worker; the hand-over runs on its loop, and goes back if it gave up."""

    def __init__(self, pool: Pool, loop: asyncio.AbstractEventLoop) -> None:
        self.pool = pool
        self.loop = loop
        self.future: asyncio.Future[_Worker] = loop.create_future()
        self.offered = False

    def waits(self) -> bool:
        return not self.offered and not self.future.done()

    def offer(self, worker: _Worker) -> bool:
        if self.future.done() or self.loop.is_closed():
            return False
        self.offered = True
        self.loop.call_soon_threadsafe(self._deliver, worker)
        return True

    def _deliver(self, worker: _Worker) -> None:
        if self.future.done():  # timed out or cancelled meanwhile
            self.pool._release(worker)
        else:
            self.future.set_result(worker)


_TIMED_OUT = object()
_WAIT_EPSILON_S = 0.001
_EXIT_WAIT_S = 5.0
"""How long the event loop's callers let a worker whose socket closed finish exiting (in a thread)."""


def _wait_quietly(process: subprocess.Popen[bytes], timeout_s: float) -> None:
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout_s)


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


class Pool:
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
        parent, child = Channel.pair()
        parent.set_blocking(False)  # read by an event loop's reader; thread callers wait with poll()
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join([_PACKAGE_PARENT, *filter(None, [env.get("PYTHONPATH")])])
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-c", WORKER_COMMAND, str(child.fileno()), self._path, *self._memory],
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
        found = _unusable(worker.process)
        if found is None:
            return True
        log.warning("query worker %d was found %s while idle: replacing it", worker.process.pid, found)
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

    def call_if_idle(self, op: str, payload: Any, timeout_s: float) -> Any | None:
        """Run one operation if a worker is idle right now, else None: never waits for a busy worker
        (for ``/status``).  A worker that does not answer within ``timeout_s`` is replaced (None)."""
        worker = self.try_acquire()
        if worker is None:
            return None
        try:
            worker.conn.send((op, payload))
            ready = worker.conn.poll(timeout_s)
        except (EOFError, OSError):
            self._replace(worker)
            return None
        if not ready:
            self._replace(worker)
            return None
        return self._answer(worker)

    def waiting(self) -> int:
        """Callers waiting for a worker now (those that gave up are not counted)."""
        with self._lock:
            return sum(w.waits() for w in self._waiters)

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
            worker.process.wait(1)  # its socket closes as it exits: let it finish, to read its exit status
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
        """Run one operation on a worker from the event loop: no thread, the loop watches the socket."""
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
            await self._exited(worker)
            raise _WorkerDied(worker, self._died(worker)) from None
        reader = FrameReader(worker.conn.fileno(), loop.create_future())
        loop.add_reader(reader.fd, reader.on_readable)
        timer = loop.call_later(timeout_s, reader.settle, _TIMED_OUT)
        try:
            outcome = await reader.future
        except BaseException:  # cancelled (shutdown, client gone): the worker is mid-query, replace it
            self._stop_reading(loop, reader, timer)
            self._replace(worker)  # after the loop let go of its socket
            raise
        self._stop_reading(loop, reader, timer)
        if outcome is _TIMED_OUT:
            raise self._timed_out(worker, timeout_s)
        if isinstance(outcome, BaseException):
            await self._exited(worker)
            raise _WorkerDied(worker, self._died(worker))
        return self._settle(worker, pickle.loads(outcome))

    async def _exited(self, worker: _Worker) -> None:
        """Wait, off the loop, for a worker whose socket closed to finish exiting (up to
        :data:`_EXIT_WAIT_S`): its exit status says whether it was killed from outside (its query
        then runs again) or passed its memory limit.  A process that held a large store in memory
        can take more than a second to exit on a loaded machine."""
        try:
            await asyncio.to_thread(_wait_quietly, worker.process, _EXIT_WAIT_S)
        except BaseException:  # cancelled meanwhile: the worker still goes
            self._replace(worker)
            raise

    @staticmethod
    def _stop_reading(
        loop: asyncio.AbstractEventLoop, reader: FrameReader, timer: asyncio.TimerHandle
    ) -> None:
        timer.cancel()
        loop.remove_reader(reader.fd)

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

    def states(self) -> list[WorkerState]:
        """Each worker's recorded state (pid, starting/idle/busy, mode, answers): no worker is asked."""
        now = time.monotonic()
        with self._lock:
            workers = sorted(self._all, key=lambda w: w.process.pid)
            idle = set(self._idle)
            pending = self._short
        out: list[WorkerState] = []
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

    def spare_states(self) -> list[WorkerState]:
        """The spares: ``ready`` (pid given) or ``starting`` (no pid yet), as recorded."""
        with self._lock:
            ready = sorted(w.process.pid for w in self._spares)
            starting = max(0, self._spare_target - len(ready))
        out: list[WorkerState] = [{"pid": pid, "state": "ready"} for pid in ready]
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
