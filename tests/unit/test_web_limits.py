"""Per-client limits (ilo_kg.web.limits) without a server: concurrency, the time budget, exemptions."""

from __future__ import annotations

import asyncio
import threading

import pytest

from ilo_kg.web import limits as limits_module
from ilo_kg.web.limits import ClientGone, ClientLimits, TooManyQueries, guarded


def test_concurrency_is_per_client() -> None:
    limits = ClientLimits(concurrency=1, budget_s=0)

    async def scenario() -> None:
        async with limits.slot("a"):
            with pytest.raises(TooManyQueries) as refused:
                async with limits.slot("a"):
                    pass
            assert refused.value.retry_after == 1
            async with limits.slot("b"):  # another client runs meanwhile
                pass
        async with limits.slot("a"):  # its first query ended: it may run again
            pass

    asyncio.run(scenario())
    assert limits.refused == 1


def test_the_budget_refuses_with_the_seconds_to_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    clock = [1000.0]
    monkeypatch.setattr(limits_module.time, "monotonic", lambda: clock[0])
    limits = ClientLimits(concurrency=0, budget_s=6)  # drains 0.1 s per second

    async def spend(seconds: float) -> None:
        async with limits.slot("a"):
            clock[0] += seconds

    asyncio.run(spend(7))  # 7 s of worker time, over the 6 s budget
    with pytest.raises(TooManyQueries) as refused:
        asyncio.run(spend(0))
    assert "query-time budget used up" in refused.value.message
    assert refused.value.retry_after == 11  # (7 - 6) / 0.1 s, plus one
    clock[0] += 11
    asyncio.run(spend(0))  # drained below the budget
    asyncio.run(spend(0))


def test_exempt_clients_and_calls_outside_a_request_are_not_limited() -> None:
    limits = ClientLimits(concurrency=1, budget_s=0.001, exempt=("10.0.0.1",))

    async def scenario() -> None:
        async with limits.slot("10.0.0.1"), limits.slot("10.0.0.1"):
            pass
        assert await guarded(limits, lambda: asyncio.sleep(0, result=42)) == 42  # no request: just runs

    asyncio.run(scenario())
    assert limits.snapshot()["refused"] == 0


def _gone_client_query(limits: ClientLimits, runs_s: float) -> tuple[str, float]:
    """Run a query of ``runs_s`` seconds for a request whose client has already gone: what became of it
    (``answered`` or ``cancelled``), and after how long."""

    async def disconnected() -> dict[str, str]:
        return {"type": "http.disconnect"}

    async def scenario() -> tuple[str, float]:
        token = limits_module._CURRENT.set(limits_module._Connection("10.0.0.9", disconnected))
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            await guarded(limits, lambda: asyncio.sleep(runs_s))
        except ClientGone as gone:
            assert "10.0.0.9" in str(gone)
            return ("cancelled" if "cancelled" in str(gone) else "answered"), loop.time() - started
        finally:
            limits_module._CURRENT.reset(token)
        raise AssertionError("a gone client's query answered as if someone were there")

    return asyncio.run(scenario())


def test_a_gone_clients_query_keeps_its_worker_for_the_grace_while_no_one_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits_module, "CANCEL_GRACE_S", 0.6)
    limits = ClientLimits(concurrency=0, budget_s=0)
    assert _gone_client_query(limits, runs_s=0.2)[0] == "answered"  # finished within the grace
    outcome, took = _gone_client_query(limits, runs_s=30)
    assert outcome == "cancelled" and took >= 0.6  # the whole grace, then cancelled
    assert limits.cancelled == 1


def test_a_gone_clients_query_is_cancelled_at_once_when_another_query_waits(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(limits_module, "CANCEL_GRACE_S", 60)  # longer than the test may take
    limits = ClientLimits(concurrency=0, budget_s=0)
    waiting = threading.Event()
    limits.contended = waiting.is_set
    someone_comes = threading.Timer(0.3, waiting.set)  # another query waits for a worker 0.3 s in
    someone_comes.start()
    try:
        outcome, took = _gone_client_query(limits, runs_s=120)
    finally:
        someone_comes.cancel()
    assert outcome == "cancelled" and 0.3 <= took < 60
    assert limits.cancelled == 1


def test_a_query_cancelled_on_disconnect_charges_its_client_the_replacement() -> None:
    # cancelled at once (someone waits): each hang-up costs CANCEL_CHARGE_S of the client's budget
    limits = ClientLimits(concurrency=0, budget_s=limits_module.CANCEL_CHARGE_S * 1.5)
    limits.contended = lambda: True
    assert _gone_client_query(limits, runs_s=120)[0] == "cancelled"
    assert _gone_client_query(limits, runs_s=120)[0] == "cancelled"
    with pytest.raises(TooManyQueries) as refused:
        asyncio.run(_one_query(limits, "10.0.0.9"))
    assert "budget used up" in refused.value.message
    asyncio.run(_one_query(limits, "10.0.0.10"))  # another client is not charged
    # an exempt client is cancelled all the same, and never charged
    exempt = ClientLimits(concurrency=0, budget_s=0.001, exempt=("10.0.0.9",))
    exempt.contended = lambda: True
    for _ in range(3):
        assert _gone_client_query(exempt, runs_s=120)[0] == "cancelled"
    asyncio.run(_one_query(exempt, "10.0.0.9"))


async def _one_query(limits: ClientLimits, client: str) -> None:
    async with limits.slot(client):
        pass
