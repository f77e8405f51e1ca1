"""A real uvicorn server on 127.0.0.1 around the fixture dataset, once per session."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import httpx
import pytest
import uvicorn
from fixture_kg import make_dist
from web_support import FIXTURE_QUERIES, MAX_BODY, MAX_ROWS, TIMEOUT_S, Live, free_port

from ilo_kg.config import Settings
from ilo_kg.queries import load_catalogue
from ilo_kg.store import OxigraphStore
from ilo_kg.web.app import create_app


@pytest.fixture(scope="session")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    dist = make_dist(tmp_path_factory.mktemp("kg") / "dist")
    port = free_port()
    settings = Settings(
        output=dist,
        timeout_s=TIMEOUT_S,
        max_rows=MAX_ROWS,
        max_body_bytes=MAX_BODY,
        workers=2,
        host="127.0.0.1",
        port=port,
    )
    store = OxigraphStore.open(dist / "store", workers=2, timeout_s=TIMEOUT_S, max_rows=MAX_ROWS)
    app = create_app(settings, store, load_catalogue(FIXTURE_QUERIES))
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name="uvicorn", daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield Live(f"http://127.0.0.1:{port}", settings, store)
    finally:
        server.should_exit = True
        thread.join(10)
        store.close()


@pytest.fixture(scope="session")
def client(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        yield c
