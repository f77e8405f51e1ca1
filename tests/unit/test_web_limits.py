"""Per-client limits (ilo_kg.web.limits) without a server: concurrency, the time budget, exemptions."""

from __future__ import annotations

import asyncio

import pytest

from ilo_kg.web import limits as limits_module
from ilo_kg.web.limits import ClientLimits, TooManyQueries, guarded


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
