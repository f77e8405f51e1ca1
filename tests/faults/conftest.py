"""Fixtures of the fault-injection suite (a real ``ilo-kg serve`` per test)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults_support import CLI, ROOT, Server, start_server


@pytest.fixture(scope="session")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed graph, built once by the real command into a folder of its own."""
    out = tmp_path_factory.mktemp("faults") / "dist"
    subprocess.run([*CLI, "build", "--quiet", "--output", str(out)], cwd=ROOT, check=True, timeout=300)
    return out


@pytest.fixture
def server(published: Path, tmp_path: Path) -> Iterator[Server]:
    live = start_server(published, tmp_path / "serve.log", timeout_s="3", cache_mb="0")
    try:
        yield live
    finally:
        live.stop()
