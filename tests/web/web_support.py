"""Shared by the web tests (a module name of its own: ``conftest`` is taken by tests/conftest.py)."""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from ilo_kg.config import Settings
from ilo_kg.store import OxigraphStore

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
