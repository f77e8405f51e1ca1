"""Fixtures of the ingest tests: a real HTTP server on 127.0.0.1 and the HTML pages it serves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from tests.ingest.page_server import PageServer

HTML = Path(__file__).resolve().parents[1] / "fixtures" / "html"


@pytest.fixture
def server() -> Iterator[PageServer]:
    with PageServer() as s:
        yield s


def page(name: str) -> bytes:
    return (HTML / name).read_bytes()
