"""The per-client accounts shared by several service processes (ilo_kg.web.ledger.SharedLedger), with
real forked processes: one client's limits hold across them, a dead process's queries stop counting, a
process killed while it holds the ledger does not wedge the others, and a full table still limits."""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest

from ilo_kg.web.ledger import SharedLedger
from ilo_kg.web.limits import ClientLimits, TooManyQueries


def in_child(ledger: SharedLedger, place: int, work: Callable[[], int]) -> int:
    """Run ``work`` in a forked process that joined the ledger at ``place``; its exit status."""
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            ledger.join(place)
            code = work()
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    return os.waitstatus_to_exitcode(status)


def enter(limits: ClientLimits, client: str) -> int:
    """0: the query may start (it is counted as running); 1: too many at once; 2: the budget is spent."""
    try:
        limits._enter(client)
    except TooManyQueries as refused:
        return 1 if "at once" in refused.message else 2
    return 0


@contextmanager
def limited(capacity: int, concurrency: int = 1, budget_s: float = 0) -> Iterator[ClientLimits]:
    """Limits on a ledger of ``capacity`` entries for one process, closed afterwards."""
    shared = SharedLedger(processes=1, capacity=capacity)
    try:
        yield ClientLimits(concurrency=concurrency, budget_s=budget_s, ledger=shared)
    finally:
        shared.close()


@pytest.fixture
def ledger() -> Iterator[SharedLedger]:
    shared = SharedLedger(processes=3, capacity=64)
    yield shared
    shared.close()


def test_a_clients_queries_count_in_every_process(ledger: SharedLedger) -> None:
    limits = ClientLimits(concurrency=2, budget_s=0, ledger=ledger)
    assert enter(limits, "10.0.0.1") == 0  # here, process 0
    assert in_child(ledger, 1, lambda: enter(limits, "10.0.0.1")) == 0  # a second one, in process 1
    # a third one is refused wherever it comes: two run already, one in each process
    assert in_child(ledger, 2, lambda: enter(limits, "10.0.0.1")) == 1
    assert enter(limits, "10.0.0.1") == 1
    assert in_child(ledger, 2, lambda: enter(limits, "10.0.0.2")) == 0  # another client is not limited
    snapshot = limits.snapshot()
    assert snapshot["running"] == 3 and snapshot["clients"] == 2 and snapshot["refused"] == 2

    limits._leave("10.0.0.1", started=0.0)  # this process's query ends
    assert in_child(ledger, 2, lambda: enter(limits, "10.0.0.1")) == 0


def test_the_budget_is_spent_in_every_process(ledger: SharedLedger) -> None:
    limits = ClientLimits(concurrency=0, budget_s=6, ledger=ledger)

    def spend() -> int:
        limits.charge("10.0.0.3", 7.0)  # over the 6 s budget
        return 0

    assert in_child(ledger, 1, spend) == 0
    assert enter(limits, "10.0.0.3") == 2
    assert in_child(ledger, 2, lambda: enter(limits, "10.0.0.3")) == 2
    assert enter(limits, "10.0.0.4") == 0


def test_the_queries_of_a_dead_process_stop_counting_once_cleared(ledger: SharedLedger) -> None:
    limits = ClientLimits(concurrency=1, budget_s=0, ledger=ledger)

    def run_and_die() -> int:
        assert enter(limits, "10.0.0.5") == 0
        os.kill(os.getpid(), signal.SIGKILL)  # while its query runs
        return 0

    assert in_child(ledger, 1, run_and_die) == -signal.SIGKILL
    assert enter(limits, "10.0.0.5") == 1  # its query still counts
    ledger.clear_process(1)  # as the supervisor does before starting its replacement
    assert enter(limits, "10.0.0.5") == 0
    assert limits.snapshot()["running"] == 1


def test_a_process_killed_holding_the_ledger_does_not_wedge_the_others(ledger: SharedLedger) -> None:
    def die_holding() -> int:
        with ledger.held():
            os.kill(os.getpid(), signal.SIGKILL)
        return 0

    assert in_child(ledger, 1, die_holding) == -signal.SIGKILL
    previous = signal.signal(signal.SIGALRM, lambda *_: pytest.fail("the ledger stayed locked"))
    signal.alarm(10)
    try:
        limits = ClientLimits(concurrency=1, budget_s=0, ledger=ledger)
        assert enter(limits, "10.0.0.6") == 0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_idle_accounts_are_dropped_and_live_ones_kept_when_the_table_fills() -> None:
    with limited(capacity=16, budget_s=60) as limits:  # drains 1 s per second
        assert enter(limits, "busy") == 0  # runs all along
        limits.charge("spent", 1000.0)  # its bucket stays full
        for n in range(40):  # clients whose queries took no time: nothing left once they end
            assert enter(limits, f"10.1.0.{n}") == 0
            limits._leave(f"10.1.0.{n}", started=float("inf"))
        assert limits.snapshot()["clients"] == 2
        assert enter(limits, "busy") == 1  # still running: still counted
        assert enter(limits, "spent") == 2  # still spent


def test_newcomers_share_one_account_when_every_entry_is_live() -> None:
    with limited(capacity=8) as limits:
        n = 0
        while enter(limits, f"10.2.0.{n}") == 0 and n < 20:  # each keeps a query running
            n += 1
        # the table holds 8 entries, one of them the overflow account: 7 clients have their own, the
        # 8th got the shared one, and the 9th is refused since the 8th's query runs there
        assert n == 8
        assert limits.snapshot()["running"] == 8


def test_long_client_names_are_told_apart() -> None:
    with limited(capacity=16) as limits:
        first, second = "unix:" + "a" * 200, "unix:" + "a" * 199 + "b"
        assert enter(limits, first) == 0
        assert enter(limits, second) == 0
        assert enter(limits, first) == 1


def test_many_live_accounts_cost_one_sweep_per_few_newcomers(monkeypatch: pytest.MonkeyPatch) -> None:
    sweeps = []
    sweep = SharedLedger._sweep

    def counted(self: SharedLedger, now: float, drain_per_s: float) -> None:
        sweeps.append(now)
        sweep(self, now, drain_per_s)

    monkeypatch.setattr(SharedLedger, "_sweep", counted)
    with limited(capacity=64) as limits:
        for n in range(40):  # each keeps a query running: no sweep can drop it
            assert enter(limits, f"10.3.0.{n}") == 0
        # the table was half full at the 32nd entry (the overflow account and 31 clients): one sweep
        # kept them all, and the next comes 8 newcomers later, not at each one
        assert len(sweeps) == 2
        assert limits.snapshot()["running"] == 40


def test_the_slot_and_cancellations_go_through_the_shared_ledger(ledger: SharedLedger) -> None:
    limits = ClientLimits(concurrency=1, budget_s=0, ledger=ledger)

    async def scenario() -> None:
        async with limits.slot("10.0.0.7"):
            assert in_child(ledger, 1, lambda: enter(limits, "10.0.0.7")) == 1
        assert in_child(ledger, 1, lambda: enter(limits, "10.0.0.7")) == 0

    asyncio.run(scenario())

    def cancel() -> int:
        limits.cancelled_one()
        return 0

    assert in_child(ledger, 2, cancel) == 0
    assert limits.cancelled == 1
    assert limits.refused == 1


def test_a_ledger_refuses_what_it_cannot_hold() -> None:
    with pytest.raises(ValueError, match="processes: expected 1 or more, got 0"):
        SharedLedger(processes=0)
    with pytest.raises(ValueError, match="power of two"):
        SharedLedger(processes=1, capacity=100)
    ledger = SharedLedger(processes=2, capacity=8)
    try:
        with pytest.raises(ValueError, match="process: expected 0 to 1, got 2"):
            ledger.join(2)
    finally:
        ledger.close()
