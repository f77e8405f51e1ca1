"""Serving a new release: the running service follows the output link between requests.

``ilo-kg build`` (or ``ingest``) publishes a release by switching the output link ``dist`` to a new
release folder.  The service pins one release per request: every request runs from start to end on
the :class:`~ilo_kg.web.state.AppState` (store, manifest, published files, label index) that was
current when it arrived, so no answer mixes two releases.  Here is how the service moves on:

* **A cheap check between requests.**  The link's text is read (one ``readlink``, a few
  microseconds) when a request arrives, at most every :data:`CHECK_EVERY_S`; when it names another
  folder than the one served, the new release is opened in a background thread (its lease taken
  first, then its store: the worker pool started on the new folder) while requests go on being
  answered from the old one.
* **The switch is between requests.**  Once the new release is open, the next request to arrive
  pins it; the response cache is emptied (its keys and ETags carry the version anyway, so no old
  bytes can be served under a new validator).
* **Requests in flight finish on the old release.**  The old state is retired: its workers are
  stopped and its lease given back only when its last request has finished.  Until then the
  pruner keeps its folder.

A release that cannot be opened (removed meanwhile, a broken store) is logged and tried again at
most every :data:`RETRY_S` seconds; the service keeps answering from the release it has.  A remote
engine is not per release (``ilo-kg publish`` switches what it serves): its store is kept and told
to re-read its deployment graph, and only the published files move to the new folder.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable
from pathlib import Path

from starlette.types import ASGIApp, Receive, Scope, Send

from ilo_kg.engine.contract import Store
from ilo_kg.releases import Lease
from ilo_kg.web.state import STATE_KEY, VERSION_KEY, AppState

log = logging.getLogger(__name__)

RETRY_S = 5.0
"""Wait before trying again to open a release that could not be opened."""
CHECK_EVERY_S = 0.1
"""The link is read at most this often (by the first request after): a new release is noticed within
this time of the first request after its publication, and a busy service reads the link ten times a
second rather than once per request."""

Opener = Callable[[AppState, Path], AppState]
"""Opens a release folder as the successor of a state (its store, manifest and files)."""


class ReleaseSwitch:
    """The state each request is pinned to, and the move to a newer release when the link changes."""

    def __init__(self, state: AppState, on_switch: Callable[[AppState], None] = lambda _s: None) -> None:
        self._state = state
        self._on_switch = on_switch
        self._link: Path | None = None
        self._target: str | None = None
        self._opener: Opener | None = None
        self._leases: dict[int, Lease | None] = {id(state): None}
        self._owns_store: dict[int, bool] = {id(state): True}
        self._inflight: dict[int, int] = {}
        self._retired: dict[int, AppState] = {}
        self._ready: tuple[str, AppState, Lease] | None = None
        self._opening = False
        self._failed: tuple[str, float] | None = None
        self._next_check = 0.0
        self._lock = threading.Lock()
        self._closed = False
        self.switches = 0

    @property
    def state(self) -> AppState:
        return self._state

    def follow(self, link: Path, lease: Lease | None, opener: Opener) -> None:
        """Follow ``link`` (the output): a release it names later replaces the served one."""
        try:
            self._target = os.readlink(link)
        except OSError:
            log.warning("%s is not a link to a release folder: a new build is served after a restart", link)
            return
        self._link = link
        self._opener = opener
        self._leases[id(self._state)] = lease

    # --- per request --------------------------------------------------------------------------

    def pin(self) -> AppState:
        """The state a request arriving now runs on (its in-flight count taken): call :meth:`unpin`."""
        if self._ready is not None:
            self._swap()
        if self._link is not None and not self._opening:
            now = time.monotonic()
            if now >= self._next_check:
                self._next_check = now + CHECK_EVERY_S
                self._check()
        state = self._state
        key = id(state)
        self._inflight[key] = self._inflight.get(key, 0) + 1
        return state

    def unpin(self, state: AppState) -> None:
        key = id(state)
        left = self._inflight.get(key, 1) - 1
        if left > 0:
            self._inflight[key] = left
            return
        self._inflight.pop(key, None)
        if key in self._retired:
            self._dispose_later(self._retired.pop(key))

    def _check(self) -> None:
        assert self._link is not None
        try:
            target = os.readlink(self._link)
        except OSError:
            return  # the link is being replaced (or gone): keep serving what we have
        if target == self._target:
            return
        if self._failed is not None and self._failed[0] == target and time.monotonic() < self._failed[1]:
            return
        self._opening = True
        threading.Thread(target=self._open, args=(target,), name="ilo-kg-release-open", daemon=True).start()

    def _open(self, target: str) -> None:
        assert self._link is not None and self._opener is not None
        lease: Lease | None = None
        try:
            release = (self._link.parent / target).resolve()
            if release == self._state.release:  # the link names the served folder again
                self._target = target
                return
            lease = Lease(release)  # before anything is read: the pruner keeps it from now on
            fresh = self._opener(self._state, release)
            with self._lock:
                if self._closed:
                    raise RuntimeError("the service is stopping")
                self._ready = (target, fresh, lease)
            log.info(
                "release %s opened (version %s): served from the next request", release.name, fresh.version
            )
        except Exception as exc:  # any failure leaves the served release in place
            if lease is not None:
                lease.release_lease()
            if not self._closed:
                log.error(
                    "cannot serve the new release %s (%s); still serving %s", target, exc, self._state.version
                )
            self._failed = (target, time.monotonic() + RETRY_S)
        finally:
            self._opening = False

    def _swap(self) -> None:
        ready, self._ready = self._ready, None
        if ready is None:
            return
        target, fresh, lease = ready
        old = self._state
        self._leases[id(fresh)] = lease
        self._owns_store[id(fresh)] = True
        self._state = fresh
        self._target = target
        self.switches += 1
        self._on_switch(fresh)
        log.warning(
            "now serving release %s (version %s, was %s)", fresh.release.name, fresh.version, old.version
        )
        if fresh.store is old.store:
            self._owns_store[id(old)] = False  # the engine outlives the release (a remote engine)
        if self._inflight.get(id(old), 0) > 0:
            self._retired[id(old)] = old
        else:
            self._dispose_later(old)

    # --- giving releases back -----------------------------------------------------------------

    def _dispose_later(self, state: AppState) -> None:
        threading.Thread(
            target=self._dispose, args=(state,), name="ilo-kg-release-close", daemon=True
        ).start()

    def _dispose(self, state: AppState) -> None:
        """Stop the release's workers (unless the next release shares its engine), give back its lease."""
        key = id(state)
        lease = self._leases.pop(key, None)
        owns = self._owns_store.pop(key, True)
        try:
            if owns:
                state.store.close()
        except Exception as exc:  # closing must not take the service down
            log.error("closing the store of release %s failed: %s", state.release.name, exc)
        finally:
            if lease is not None:
                lease.release_lease()

    def close(self) -> None:
        """At shutdown: every release still open (served, retired, just opened) closed, leases given back."""
        with self._lock:
            self._closed = True
            ready, self._ready = self._ready, None
        states = [self._state, *self._retired.values()]
        self._retired.clear()
        if ready is not None:
            _, fresh, lease = ready
            self._leases[id(fresh)] = lease
            self._owns_store[id(fresh)] = fresh.store is not self._state.store
            states.append(fresh)
        for state in states:
            self._dispose(state)


class PinRelease:
    """ASGI middleware: each HTTP request runs on the release current when it arrived."""

    def __init__(self, app: ASGIApp, switch: ReleaseSwitch) -> None:
        self.app = app
        self.switch = switch

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        state = self.switch.pin()
        scope[STATE_KEY] = state
        scope[VERSION_KEY] = state.version
        try:
            await self.app(scope, receive, send)
        finally:
            self.switch.unpin(state)


def reopen_with(open_store: Callable[..., Store]) -> Opener:
    """The opener ``ilo-kg serve`` uses: the embedded engine gets a new store (pool) on the new folder;
    a remote engine is kept (and re-reads its deployment graph), only the published files move."""

    def opener(current: AppState, release: Path) -> AppState:
        settings = current.settings.with_(output=release)
        store: Store
        if settings.engine.strip() == "embedded":
            store = open_store(settings)
        else:
            store = current.store
            store.refresh()
        fresh = AppState.load(settings, store, current.catalogue)
        fresh.cache = current.cache
        fresh.limits = current.limits
        return fresh

    return opener
