"""``/status``: what the service runs on right now (release, engine, workers, response cache).

A monitoring probe must never cost capacity: the workers are described from what the pool recorded
(their pids, whether each is idle, busy or starting, and where its queries ran at its last answer),
never by taking a worker out of the pool or waiting for a busy one.
"""

from __future__ import annotations

import gc
import os
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ilo_kg.web.state import get_state

router = APIRouter(tags=["Service"])


@router.get("/status", summary="The service's state: release, engine, query workers, response cache")
async def status(request: Request) -> JSONResponse:
    """Live figures, never cached: the release served, each query worker's process id, state (idle,
    busy, starting) and whether its queries ran on the disk store or on its in-memory copy at its last
    answer, the spare workers ready to take a killed worker's place, the response cache's use and the
    garbage collector's figures.
    Answered without asking any worker."""
    state = get_state(request)
    store = state.store
    workers: list[dict[str, Any]] = store.worker_states()
    modes = [w["mode"] for w in workers if w.get("state") != "starting"]
    body_modes = {"memory": modes.count("memory"), "disk": modes.count("disk")} if workers else {}
    cache = state.cache
    summary = state.manifest.get("summary")
    quads = summary.get("quads") if isinstance(summary, dict) else None
    if quads is None:  # a release without the build's summary: counted once, by an idle worker only
        quads = await run_in_threadpool(store.triple_count_if_idle)
    body: dict[str, Any] = {
        "version": state.version,
        "release": state.release.name,
        "engine": state.settings.engine,
        "process": os.getpid(),  # with several service processes (``processes``), the one that answered
        "quads": quads,
        "workers": workers,
        "spares": store.spare_states(),
        "pool": store.pool_figures(),
        "worker_modes": body_modes,
        "cache": None
        if cache is None
        else {
            "entries": len(cache),
            "bytes": cache.size,
            "budget_bytes": cache.max_bytes,
            "hits": cache.hits,
            "misses": cache.misses,
        },
    }
    # the garbage collector: objects frozen at start (out of its sight) and the collections per generation
    body["collector"] = {
        "frozen": gc.get_freeze_count(),
        "collections": [generation["collections"] for generation in gc.get_stats()],
    }
    limits = getattr(state, "limits", None)
    if limits is not None:
        body["clients"] = limits.snapshot()
    return JSONResponse(body, headers={"Cache-Control": "no-store"})
