"""``/status``: what the service runs on right now (release, engine, workers, response cache)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from ilo_kg.web.state import get_state

router = APIRouter(tags=["Service"])


@router.get("/status", summary="The service's state: release, engine, query workers, response cache")
async def status(request: Request) -> JSONResponse:
    """Live figures, never cached: the release served, each query worker's process id and whether
    its queries run on the disk store or on its in-memory copy, and the response cache's use."""
    state = get_state(request)
    store = state.store
    workers: list[dict[str, Any]] = []
    pids = getattr(store, "worker_pids", lambda: ())()
    if pids:
        modes = await run_in_threadpool(store.worker_modes)  # type: ignore[attr-defined]
        workers = [{"pid": pid} for pid in pids]
        body_modes = {"memory": modes.count("memory"), "disk": modes.count("disk")}
    else:
        body_modes = {}
    cache = state.cache
    body: dict[str, Any] = {
        "version": state.version,
        "engine": state.settings.engine,
        "quads": await run_in_threadpool(store.triple_count),
        "workers": workers,
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
    return JSONResponse(body, headers={"Cache-Control": "no-store"})
