"""A real uvicorn server on 127.0.0.1 around the fixture dataset, once per session."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fixture_kg import make_dist
from web_support import FIXTURE_QUERIES, MAX_BODY, MAX_ROWS, TIMEOUT_S, Live, free_port, serve_in_thread

from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.queries import load_catalogue
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
    try:
        with serve_in_thread(app, port) as url:
            yield Live(url, settings, store)
    finally:
        store.close()


@pytest.fixture(scope="session")
def client(live: Live) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live.url, timeout=30) as c:
        yield c
