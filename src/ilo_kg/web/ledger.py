"""The per-client accounts behind :mod:`ilo_kg.web.limits`: kept by one service process, or shared by all.

A client's account holds the queries it runs now and the worker time in its leaky bucket.  One service
process keeps its accounts in a dict (:class:`LocalLedger`).  Several service processes (``ilo-kg serve
--processes N``) share one table in memory mapped before they are forked (:class:`SharedLedger`): the
kernel hands each connection to any of them, and a client's limits hold across all of them as one
process's would (its queries at once counted wherever they run, its budget spent wherever they ran).

The shared table is an open-addressing hash table of fixed-size entries (a client's address as its key),
in an anonymous ``MAP_SHARED`` mapping.  Each entry counts its running queries per process, each process
changing only its own count, so the counts of a process that died are cleared by the supervisor before
it starts the replacement (:meth:`SharedLedger.clear_process`) and its queries stop counting.  Every read
and change is made holding a POSIX record lock (``fcntl.lockf``) on a file opened before the fork: the
kernel releases it when its holder dies, so a process killed at any point cannot wedge the others.
Accounts with nothing running and an empty bucket are dropped when the table is half full; should it
fill all the same (more live clients than entries), the newcomers share one overflow account.
"""

from __future__ import annotations

import fcntl
import hashlib
import mmap
import struct
import tempfile
import zlib
from collections.abc import Iterator
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import IO, Protocol

__all__ = ["Account", "Ledger", "LocalLedger", "SharedLedger"]


class Account(Protocol):
    """One client's account, its bucket drained up to the moment it was read."""

    @property
    def running(self) -> int:
        """Its queries running now (in every process)."""
        ...

    @property
    def spent(self) -> float:
        """Seconds of worker time in its bucket."""
        ...

    def start(self) -> None:
        """One more query running (in this process)."""

    def finish(self, seconds: float) -> None:
        """A query of this process ended after ``seconds``: it runs no more and its time is charged."""

    def add(self, seconds: float) -> None:
        """``seconds`` more in the bucket."""


class Ledger(Protocol):
    def held(self) -> AbstractContextManager[object]:
        """Hold the accounts for one read-and-change (not re-entered)."""
        ...

    def account(self, client: str, now: float, drain_per_s: float) -> Account:
        """``client``'s account (a new one if none), its bucket drained up to ``now``; while held."""
        ...

    def count(self, event: str) -> None:
        """Count a ``"refused"`` request or a ``"cancelled"`` query, in the totals (while held)."""

    def totals(self) -> dict[str, int]:
        """The counts of :meth:`count` so far."""
        ...

    def figures(self, now: float, drain_per_s: float) -> tuple[int, int]:
        """Clients with an account still open (something running or in the bucket), queries running."""
        ...


def _drained(spent: float, at: float, now: float, drain_per_s: float) -> float:
    return max(0.0, spent - (now - at) * drain_per_s)


# --- one process ---------------------------------------------------------------------------------


@dataclass
class _LocalAccount:
    running: int = 0
    spent: float = 0.0
    """Seconds of worker time in the bucket at ``at``."""
    at: float = 0.0

    def start(self) -> None:
        self.running += 1

    def finish(self, seconds: float) -> None:
        self.running -= 1
        self.spent += seconds

    def add(self, seconds: float) -> None:
        self.spent += seconds


_FORGET_PAST = 10_000
"""Accounts one process keeps before it forgets those with nothing running and an empty bucket."""


def _next_sweep(floor: int, kept: int, step: int) -> int:
    """When to drop the idle accounts again: at ``floor`` accounts, or ``step`` more than the ``kept`` live
    ones if that is later (so that many live accounts cost one sweep per ``step`` newcomers, not one
    each)."""
    return max(floor, kept + step)


@dataclass
class LocalLedger:
    """The accounts of one service process, in a dict."""

    accounts: dict[str, _LocalAccount] = field(default_factory=dict)
    events: dict[str, int] = field(default_factory=lambda: {"refused": 0, "cancelled": 0})
    forget_at: int = _FORGET_PAST
    """The number of accounts at which the idle ones are next forgotten."""

    def held(self) -> AbstractContextManager[object]:
        return nullcontext()  # the event loop's thread alone changes them, between two awaits

    def account(self, client: str, now: float, drain_per_s: float) -> _LocalAccount:
        account = self.accounts.get(client)
        if account is None:
            if len(self.accounts) >= self.forget_at:
                self._forget(now, drain_per_s)
                self.forget_at = _next_sweep(_FORGET_PAST, len(self.accounts), _FORGET_PAST // 8)
            account = self.accounts[client] = _LocalAccount(at=now)
        account.spent = _drained(account.spent, account.at, now, drain_per_s)
        account.at = now
        return account

    def _forget(self, now: float, drain_per_s: float) -> None:
        for client, account in list(self.accounts.items()):
            if account.running == 0 and _drained(account.spent, account.at, now, drain_per_s) <= 0:
                del self.accounts[client]

    def count(self, event: str) -> None:
        self.events[event] += 1

    def totals(self) -> dict[str, int]:
        return dict(self.events)

    def figures(self, now: float, drain_per_s: float) -> tuple[int, int]:
        self._forget(now, drain_per_s)
        return len(self.accounts), sum(a.running for a in self.accounts.values())


# --- several processes ---------------------------------------------------------------------------

_KEY = 64
"""Bytes of an entry's key: its length, then the client's address in UTF-8 (a longer one by its digest)."""
_FIELDS = struct.Struct("<dd")
"""spent (seconds in the bucket at ``at``), at (``time.monotonic()``, one clock for all processes)."""
_COUNT = struct.Struct("<i")
"""A process's running queries in an entry."""
_HEADER = struct.Struct("<qqqq")
"""Entries in use, refused requests, cancelled queries, entries in use at which the next sweep is made."""
_HEADER_SIZE = 64
_EVENTS = {"refused": 1, "cancelled": 2}
_OVERFLOW = b"\x00overflow"
"""The key of the account newcomers share when the table is full (no address looks like it)."""


def _key(client: str) -> bytes:
    raw = client.encode("utf-8", "surrogateescape")
    if len(raw) >= _KEY:
        raw = b"\x00" + hashlib.sha256(raw).digest()  # 33 bytes: no address starts with NUL
    return raw


class SharedLedger:
    """The accounts of all the service processes of one ``ilo-kg serve``, made before they are forked.

    ``processes``: how many there are (each has a count in every entry); ``capacity``: entries (a power of
    two).  A process says which it is by :meth:`join` once forked."""

    def __init__(self, processes: int, capacity: int = 16_384) -> None:
        if processes < 1:
            raise ValueError(f"processes: expected 1 or more, got {processes}")
        if capacity < 4 or capacity & (capacity - 1):
            raise ValueError(f"capacity: expected a power of two of at least 4, got {capacity}")
        self.processes = processes
        self.capacity = capacity
        self.process = 0
        """This process's count in every entry (:meth:`join`)."""
        self._counts = struct.Struct(f"<{processes}i")
        self._entry = _KEY + _FIELDS.size + self._counts.size
        self._entry += -self._entry % 8
        self._map = mmap.mmap(-1, _HEADER_SIZE + capacity * self._entry)  # anonymous, shared on fork
        # the lock's file: unnamed, open for as long as the ledger (every process holds it by its own fd)
        self._lock: IO[bytes] = tempfile.TemporaryFile(prefix="ilo-kg-ledger-")  # noqa: SIM115
        self._held = _Held(self._lock.fileno())
        with self.held():
            self._set_header(3, capacity // 2)
            self._insert(_OVERFLOW, 0.0)

    def join(self, process: int) -> None:
        """Say which service process this is (``0 <= process < processes``), once forked."""
        if not 0 <= process < self.processes:
            raise ValueError(f"process: expected 0 to {self.processes - 1}, got {process}")
        self.process = process

    def held(self) -> _Held:
        return self._held

    def close(self) -> None:
        self._map.close()
        self._lock.close()

    # entries

    def _offset(self, slot: int) -> int:
        return _HEADER_SIZE + slot * self._entry

    def _find(self, key: bytes) -> tuple[int | None, int | None]:
        """The offset of ``key``'s entry (None: none), else of the free entry where it would go (None:
        the table is full)."""
        mask = self.capacity - 1
        slot = zlib.crc32(key) & mask
        memory = self._map
        for _ in range(self.capacity):
            offset = self._offset(slot)
            length = memory[offset]
            if length == 0:
                return None, offset
            if length == len(key) and memory[offset + 1 : offset + 1 + length] == key:
                return offset, None
            slot = (slot + 1) & mask
        return None, None

    def _insert(self, key: bytes, now: float) -> int | None:
        found, free = self._find(key)
        if found is not None:
            return found
        if free is None:
            return None
        memory = self._map
        memory[free : free + self._entry] = bytes(self._entry)
        memory[free] = len(key)
        memory[free + 1 : free + 1 + len(key)] = key
        _FIELDS.pack_into(memory, free + _KEY, 0.0, now)
        self._add_header(0, 1)
        return free

    def _set_header(self, index: int, value: int) -> None:
        values = list(_HEADER.unpack_from(self._map, 0))
        values[index] = value
        _HEADER.pack_into(self._map, 0, *values)

    def _add_header(self, index: int, step: int) -> None:
        self._set_header(index, _HEADER.unpack_from(self._map, 0)[index] + step)

    def _entries(self) -> Iterator[int]:
        """The offsets of the entries in use."""
        lengths = self._map[_HEADER_SIZE :: self._entry]
        for slot, length in enumerate(lengths):
            if length:
                yield self._offset(slot)

    def _open(self, offset: int, now: float, drain_per_s: float) -> bool:
        """Whether an entry still holds something: a query running or time in its bucket."""
        if any(self._counts.unpack_from(self._map, offset + _KEY + _FIELDS.size)):
            return True
        spent, at = _FIELDS.unpack_from(self._map, offset + _KEY)
        return _drained(spent, at, now, drain_per_s) > 0

    def _sweep(self, now: float, drain_per_s: float) -> None:
        """Drop the entries with nothing running and an empty bucket, and lay the others out again."""
        kept: list[bytes] = []
        for offset in self._entries():
            raw = self._map[offset : offset + self._entry]
            if self._open(offset, now, drain_per_s) or raw[1 : 1 + raw[0]] == _OVERFLOW:
                kept.append(raw)
        self._map[_HEADER_SIZE:] = bytes(len(self._map) - _HEADER_SIZE)
        self._set_header(0, 0)
        for raw in kept:
            _, free = self._find(raw[1 : 1 + raw[0]])
            assert free is not None  # fewer entries than before
            self._map[free : free + self._entry] = raw
            self._add_header(0, 1)
        self._set_header(3, _next_sweep(self.capacity // 2, len(kept), self.capacity // 8))

    # the ledger

    def account(self, client: str, now: float, drain_per_s: float) -> _SharedAccount:
        key = _key(client)
        offset, _ = self._find(key)
        if offset is None:
            in_use, _, _, sweep_at = _HEADER.unpack_from(self._map, 0)
            if in_use >= sweep_at:
                self._sweep(now, drain_per_s)
            offset = self._insert(key, now)
            if offset is None:  # every entry is in use: newcomers share one account
                offset, _ = self._find(_OVERFLOW)
                assert offset is not None
        spent, at = _FIELDS.unpack_from(self._map, offset + _KEY)
        spent = _drained(spent, at, now, drain_per_s)
        _FIELDS.pack_into(self._map, offset + _KEY, spent, now)
        return _SharedAccount(self, offset, spent, now)

    def count(self, event: str) -> None:
        self._add_header(_EVENTS[event], 1)

    def totals(self) -> dict[str, int]:
        with self.held():
            values = _HEADER.unpack_from(self._map, 0)
        return {event: values[index] for event, index in _EVENTS.items()}

    def figures(self, now: float, drain_per_s: float) -> tuple[int, int]:
        clients = running = 0
        with self.held():
            for offset in self._entries():
                if self._open(offset, now, drain_per_s):
                    key = self._map[offset + 1 : offset + 1 + self._map[offset]]
                    clients += key != _OVERFLOW
                    running += sum(self._counts.unpack_from(self._map, offset + _KEY + _FIELDS.size))
        return clients, running

    def clear_process(self, process: int) -> None:
        """Forget the running queries of service process ``process`` (it died: they run no more)."""
        place = _KEY + _FIELDS.size + 4 * process
        with self.held():
            for offset in self._entries():
                _COUNT.pack_into(self._map, offset + place, 0)


class _Held:
    """The ledger's lock held (``with``): a POSIX record lock on the whole of its file."""

    __slots__ = ("_fd",)

    def __init__(self, fd: int) -> None:
        self._fd = fd

    def __enter__(self) -> None:
        fcntl.lockf(self._fd, fcntl.LOCK_EX)

    def __exit__(self, *exc: object) -> None:
        fcntl.lockf(self._fd, fcntl.LOCK_UN)


class _SharedAccount:
    """An entry of a :class:`SharedLedger` as read when its ledger was held, and changed while it still is
    (no other process changes it meanwhile)."""

    __slots__ = ("_at", "_fields", "_ledger", "_mine", "spent")

    def __init__(self, ledger: SharedLedger, offset: int, spent: float, at: float) -> None:
        self._ledger = ledger
        self._fields = offset + _KEY
        self._mine = offset + _KEY + _FIELDS.size + 4 * ledger.process
        self.spent = spent
        self._at = at

    @property
    def running(self) -> int:
        ledger = self._ledger
        return sum(ledger._counts.unpack_from(ledger._map, self._fields + _FIELDS.size))

    def _write(self, running: int = 0) -> None:
        memory = self._ledger._map
        _FIELDS.pack_into(memory, self._fields, self.spent, self._at)
        if running:
            (mine,) = _COUNT.unpack_from(memory, self._mine)
            _COUNT.pack_into(memory, self._mine, mine + running)

    def start(self) -> None:
        self._write(running=1)

    def finish(self, seconds: float) -> None:
        self.spent += seconds
        self._write(running=-1)

    def add(self, seconds: float) -> None:
        self.spent += seconds
        self._write()
