"""Shared by the web tests (a module name of its own: ``conftest`` is taken by tests/conftest.py)."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn

from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore

FIXTURE_QUERIES = Path(__file__).resolve().parents[1] / "fixtures" / "queries"
TIMEOUT_S = 2.0
MAX_ROWS = 50
MAX_BODY = 20_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Live:
    url: str
    settings: Settings
    store: OxigraphStore


@contextmanager
def serve_in_thread(app: Any, port: int, name: str = "uvicorn") -> Iterator[str]:
    """A real uvicorn server for ``app`` on 127.0.0.1:``port`` in a thread; yields its URL, stops it after."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=name, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the test server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
