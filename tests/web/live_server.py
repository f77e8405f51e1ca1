"""A real uvicorn server in a thread around a published folder (for tests with their own build)."""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator

import uvicorn
from web_support import free_port

from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.queries import load_catalogue
from ilo_kg.web.app import create_app


@contextlib.contextmanager
def running(settings: Settings) -> Iterator[str]:
    """Serve ``settings.dist`` (its store through a worker pool); yields the base URL."""
    port = free_port()
    store = OxigraphStore.from_settings(settings)
    app = create_app(settings.with_(port=port), store, load_catalogue(settings.queries_dir))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 30
        while not server.started:
            if time.monotonic() > deadline or not thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()
