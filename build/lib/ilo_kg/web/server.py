"""``serve(settings)``: open the published store read-only (building once if absent) and run uvicorn."""

from __future__ import annotations

import logging

from ilo_kg.config import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings) -> None:
    """Serve ``<dist>`` on ``settings.host:settings.port`` until interrupted."""
    import uvicorn

    from ilo_kg.engines import open_store
    from ilo_kg.queries import load_catalogue
    from ilo_kg.web.app import create_app

    if not (settings.dist / "manifest.json").is_file():
        from ilo_kg.build import build

        log.warning("nothing published at %s: building once first", settings.dist)
        build(settings)
    catalogue = load_catalogue(settings.queries_dir)
    store = open_store(settings)
    try:
        app = create_app(settings, store, catalogue)
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level="info",
            access_log=settings.access_log,
            loop="uvloop" if _has("uvloop") else "asyncio",
            http="httptools" if _has("httptools") else "h11",
        )
    finally:
        store.close()


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
