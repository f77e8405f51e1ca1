"""Fair use of the query workers: per-client limits and queries cancelled when their client leaves.

* **Concurrency**: a client (its address as uvicorn reports it, after trusted proxy headers) runs at
  most ``client_queries`` queries at once; one more is answered ``429`` with ``Retry-After``.
* **Query-time budget**: the worker time a client's queries took is counted in a leaky bucket that
  drains at ``client_budget_s`` per minute; a client whose bucket is full is answered ``429`` with
  ``Retry-After`` (the seconds until it may run again), as the Wikidata Query Service does.
* **Cancel on disconnect**: while a query runs, the connection is watched; when the client goes away
  the query gets :data:`CANCEL_GRACE_S` to finish, then it is cancelled, which kills its worker and
  starts a replacement (the engine cannot be interrupted otherwise), so an abandoned query holds no
  worker for long.  The grace keeps cheap queries whose clients hang up from costing a new worker each;
  it is cut short as soon as another query waits for a worker (or the gone client's own query still
  waits for one): a worker someone needs is not kept for no one.  A cancelled query charges its
  client :data:`CANCEL_CHARGE_S` of query time besides the time it ran (a killed worker's replacement
  is not free), so a client that keeps hanging up meets its budget.

Only requests that run a query are counted: responses replayed from the cache, 304s, dumps and
pages that need no query are not.  Addresses in ``client_exempt`` (a monitoring host, a trusted
batch client) are not limited, but their queries are still cancelled when they disconnect.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import time
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from starlette.types import ASGIApp, Receive, Scope, Send

from ilo_kg.config import Settings
from ilo_kg.web.ledger import Ledger, LocalLedger

T = TypeVar("T")

_WINDOW_S = 60.0
CANCEL_GRACE_S = 0.5
"""Time a query whose client disconnected may still take before its worker is killed, while no other
query waits for a worker."""
_CONTENTION_POLL_S = 0.02
CANCEL_CHARGE_S = 1.0
"""Query time charged to a client whose query was cancelled on its disconnect, besides the time it ran:
about what starting the killed worker's replacement costs."""


@dataclass
class _Connection:
    client: str
    receive: Receive


_CURRENT: ContextVar[_Connection | None] = ContextVar("ilo_kg_connection", default=None)


class ClientContext:
    """ASGI middleware: remembers the request's client and its ``receive`` for :func:`guarded`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        client = scope.get("client")
        token = _CURRENT.set(_Connection(str(client[0]) if client else "unknown", receive))
        try:
            await self.app(scope, receive, send)
        finally:
            _CURRENT.reset(token)


class _Slot:
    """One query of a client between :meth:`ClientLimits._enter` and :meth:`ClientLimits._leave` (a
    class, not a generator-based context manager: it is entered for every query, lookups included)."""

    __slots__ = ("client", "limits", "started")

    def __init__(self, limits: ClientLimits, client: str) -> None:
        self.limits = limits
        self.client = client
        self.started: float | None = None

    async def __aenter__(self) -> None:
        if self.limits._enter(self.client):
            self.started = time.monotonic()

    async def __aexit__(self, *exc: object) -> None:
        if self.started is not None:
            self.limits._leave(self.client, self.started)


_UNLIMITED = contextlib.nullcontext()
"""The slot of a request outside any limits (no :class:`ClientLimits`)."""


class TooManyQueries(Exception):
    """A client passed its concurrency limit or its query-time budget (HTTP 429)."""

    def __init__(self, message: str, retry_after: int) -> None:
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class ClientGone(Exception):
    """The client disconnected while its query ran; the query was cancelled."""


class ClientLimits:
    """Per-client concurrency and query-time budget (see the module's description).

    The accounts are this process's own (:class:`~ilo_kg.web.ledger.LocalLedger`) unless a ``ledger``
    shared by the service processes is given (:class:`~ilo_kg.web.ledger.SharedLedger`)."""

    def __init__(
        self, concurrency: int, budget_s: float, exempt: tuple[str, ...] = (), ledger: Ledger | None = None
    ) -> None:
        self.concurrency = concurrency
        self.budget_s = budget_s
        self.exempt = frozenset(exempt)
        self.ledger: Ledger = ledger if ledger is not None else LocalLedger()
        self.contended: Callable[[], bool] = _never
        """Whether some query waits for a worker now (the engine's, set by the app)."""

    @classmethod
    def from_settings(cls, settings: Settings, ledger: Ledger | None = None) -> ClientLimits:
        return cls(settings.client_queries, settings.client_budget_s, settings.client_exempt, ledger)

    @property
    def _drain_per_s(self) -> float:
        return self.budget_s / _WINDOW_S

    @property
    def refused(self) -> int:
        """Requests refused so far (by every service process sharing the ledger)."""
        return self.ledger.totals()["refused"]

    @property
    def cancelled(self) -> int:
        """Queries cancelled on their client's disconnect so far (likewise)."""
        return self.ledger.totals()["cancelled"]

    def slot(self, client: str) -> _Slot:
        """``async with`` it to run one query for ``client``, or raise :class:`TooManyQueries`; the time
        it took is charged."""
        return _Slot(self, client)

    def _enter(self, client: str) -> bool:
        """Count a query starting for ``client`` (False: an exempt client, nothing counted)."""
        if client in self.exempt:
            return False
        ledger = self.ledger
        with ledger.held():
            account = ledger.account(client, time.monotonic(), self._drain_per_s)
            if self.concurrency > 0 and account.running >= self.concurrency:
                ledger.count("refused")
                refusal = TooManyQueries(
                    f"too many queries at once from {client}: at most {self.concurrency} may run together; "
                    "wait for one to finish",
                    1,
                )
            elif self.budget_s > 0 and account.spent >= self.budget_s:
                wait = math.ceil((account.spent - self.budget_s) / self._drain_per_s) + 1
                ledger.count("refused")
                refusal = TooManyQueries(
                    f"query-time budget used up: the queries of {client} took {account.spent:.1f} s of "
                    f"the {self.budget_s:g} s allowed per minute; retry in {wait} s",
                    wait,
                )
            else:
                account.start()
                return True
        raise refusal

    def _leave(self, client: str, started: float) -> None:
        ended = time.monotonic()
        with self.ledger.held():
            self.ledger.account(client, ended, self._drain_per_s).finish(ended - started)

    def charge(self, client: str, seconds: float) -> None:
        """Add ``seconds`` to ``client``'s query time (not for an exempt client)."""
        if client not in self.exempt:
            with self.ledger.held():
                self.ledger.account(client, time.monotonic(), self._drain_per_s).add(seconds)

    def cancelled_one(self) -> None:
        """Count a query cancelled on its client's disconnect."""
        with self.ledger.held():
            self.ledger.count("cancelled")

    def snapshot(self) -> dict[str, Any]:
        """Figures for ``/status``: the limits, clients counted, queries running, requests refused."""
        clients, running = self.ledger.figures(time.monotonic(), self._drain_per_s)
        totals = self.ledger.totals()
        return {
            "concurrency": self.concurrency,
            "budget_s_per_minute": self.budget_s,
            "clients": clients,
            "running": running,
            "refused": totals["refused"],
            "cancelled_on_disconnect": totals["cancelled"],
        }


def _never() -> bool:
    return False


async def _disconnected(receive: Receive) -> None:
    """Returns when the client has gone (the request body, if any, was read before)."""
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            return


async def guarded(limits: ClientLimits | None, run: Callable[[], Awaitable[T]]) -> T:
    """Run one engine call for the current request: within its client's limits, cancelled (its worker
    replaced) when the client disconnects.  Outside a request (tests, the CLI) it just runs.

    The call runs in the request's own task.  The connection is watched (a task reading it for a
    disconnect) from the first time the call waits: a query answered without waiting (a lookup run in
    this process) costs no watcher task.
    """
    connection = _CURRENT.get()
    if connection is None:
        return await run()
    slot = limits.slot(connection.client) if limits is not None else _UNLIMITED
    async with slot:
        task = asyncio.current_task()
        assert task is not None
        watch = _Watch(connection.receive, task, limits.contended if limits is not None else _never)
        # the connection is watched from the first time the call waits (a later start let some abandoned
        # queries run to their time limit in tests/faults/test_spare_workers.py)
        timer = asyncio.get_running_loop().call_soon(watch.start)
        try:
            result = await run()
        except asyncio.CancelledError:
            if not watch.cancelled:
                raise  # the server's doing (shutdown), not the client's
            task.uncancel()
            if limits is not None:
                limits.cancelled_one()
                # a cancelled query may have cost a worker: its client pays for the replacement, so
                # hanging up on queries cannot make workers start faster than the budget allows
                limits.charge(connection.client, CANCEL_CHARGE_S)
            gone = f"the client {connection.client} disconnected: its query was cancelled"
            raise ClientGone(gone) from None
        finally:
            timer.cancel()
            watch.stop()
        if watch.gone:  # the query finished within the grace: there is no one to answer
            raise ClientGone(f"the client {connection.client} disconnected before its answer was sent")
        return result


class _Watch:
    """Reads a request's connection until the client disconnects; then, after :data:`CANCEL_GRACE_S`
    (or as soon as ``contended()`` says a query waits for a worker), cancels the task running its query
    (unless :meth:`stop` came first)."""

    def __init__(self, receive: Receive, task: asyncio.Task[Any], contended: Callable[[], bool]) -> None:
        self.receive = receive
        self.task = task
        self.contended = contended
        self.watcher: asyncio.Task[None] | None = None
        self.gone = False
        self.cancelled = False
        self.stopped = False

    def start(self) -> None:
        if not self.stopped:
            self.watcher = asyncio.ensure_future(self._watch())

    async def _watch(self) -> None:
        await _disconnected(self.receive)
        self.gone = True
        # a query about to finish is let finish (killing its worker costs more), unless another query
        # (or this one) waits for a worker meanwhile
        loop = asyncio.get_running_loop()
        deadline = loop.time() + CANCEL_GRACE_S
        while not self.contended():
            left = deadline - loop.time()
            if left <= 0:
                break
            await asyncio.sleep(min(_CONTENTION_POLL_S, left))
        if not self.stopped:
            self.cancelled = True
            self.task.cancel()

    def stop(self) -> None:
        self.stopped = True
        if self.watcher is not None:
            self.watcher.cancel()
