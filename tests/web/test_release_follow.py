"""The release switch of a running service (``ilo_kg.web.release_switch``), around real stores.

Two release folders as the build publishes them and an output link; the app follows the link. The real
``ilo-kg serve`` doing a real build is ``tests/faults/test_release_switch.py``; here the corners: a request
pinned before the switch keeps its release (and its store stays open) until it ends, a release that
cannot be opened leaves the served one in place and is tried again later, closing gives every store back.
"""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path
from typing import ClassVar

import pytest
from fastapi.testclient import TestClient
from fixture_kg import make_dist
from web_support import FIXTURE_QUERIES

from ilo_kg.config import Settings
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.queries import load_catalogue
from ilo_kg.web import release_switch
from ilo_kg.web.app import create_app
from ilo_kg.web.state import AppState


class Recorded(OxigraphStore):
    closed: ClassVar[list[str]] = []

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.name = ""

    def close(self) -> None:
        Recorded.closed.append(self.name)
        super().close()


def release(home: Path, version: str) -> Path:
    folder = make_dist(home / version)
    manifest = json.loads((folder / "manifest.json").read_text())
    (folder / "manifest.json").write_text(json.dumps({**manifest, "version": version}))
    return folder


def point(link: Path, folder: Path) -> None:
    temp = link.parent / "link.tmp"
    temp.symlink_to(os.path.relpath(folder, link.parent))
    os.replace(temp, link)


def open_recorded(current: AppState, folder: Path) -> AppState:
    if not (folder / "store").is_dir():
        raise FileNotFoundError(f"no published store at {folder / 'store'}")
    store = Recorded.open(folder / "store", workers=0)
    store.name = folder.name  # type: ignore[attr-defined]
    fresh = AppState.load(current.settings.with_(output=folder), store, current.catalogue)
    fresh.cache, fresh.limits = current.cache, current.limits
    return fresh


def wait_for(client: TestClient, version: str, within_s: float = 20) -> None:
    deadline = time.monotonic() + within_s
    while client.get("/status").json()["version"] != version:
        assert time.monotonic() < deadline, f"{version} not served within {within_s} s"
        time.sleep(0.05)


@pytest.fixture()
def served(tmp_path: Path) -> tuple[Path, Path, Path]:
    home = tmp_path / ".dist.releases"
    one, two = release(home, "1.0"), release(home, "2.0")
    link = tmp_path / "dist"
    point(link, one)
    return link, one, two


def test_a_pinned_request_keeps_its_release_until_it_ends(served, caplog) -> None:
    link, one, two = served
    Recorded.closed = []
    store = Recorded.open(one / "store", workers=0)
    store.name = one.name  # type: ignore[attr-defined]
    settings = Settings(output=one)
    app = create_app(settings, store, load_catalogue(FIXTURE_QUERIES))
    switch = app.state.releases
    switch.follow(link, None, open_recorded)
    with TestClient(app) as client:
        assert client.get("/status").json()["version"] == "1.0"
        pinned = switch.pin()  # a request that arrived before the build and is still running
        point(link, two)
        wait_for(client, "2.0")
        assert client.get("/data/", headers={"Accept": "application/json"}).json()["version"] == "2.0"
        assert pinned.version == "1.0" and Recorded.closed == []  # still open for the pinned request
        switch.unpin(pinned)
        deadline = time.monotonic() + 10
        while Recorded.closed != ["1.0"] and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Recorded.closed == ["1.0"]
        # a release that cannot be opened: the served one stays, the failure is logged and retried later
        broken = link.parent / ".dist.releases" / "3.0"
        broken.mkdir()
        point(link, broken)
        with caplog.at_level(logging.ERROR, logger=release_switch.__name__):
            for _ in range(20):
                assert client.get("/status").json()["version"] == "2.0"
                time.sleep(0.05)
        assert any("cannot serve the new release" in r.getMessage() for r in caplog.records)
        assert switch.switches == 1
        point(link, one)  # a good release again: served
        wait_for(client, "1.0", within_s=release_switch.RETRY_S + 20)
    switch.close()
    assert sorted(Recorded.closed) == ["1.0", "1.0", "2.0"]


def test_the_link_is_read_at_most_every_check_interval(served, monkeypatch: pytest.MonkeyPatch) -> None:
    link, one, two = served
    store = Recorded.open(one / "store", workers=0)
    store.name = one.name  # type: ignore[attr-defined]
    app = create_app(Settings(output=one), store, load_catalogue(FIXTURE_QUERIES))
    switch = app.state.releases
    switch.follow(link, None, open_recorded)
    reads: list[float] = []
    readlink = os.readlink

    def counted(path: os.PathLike[str] | str) -> str:
        reads.append(time.monotonic())
        return readlink(path)

    monkeypatch.setattr(release_switch.os, "readlink", counted)
    started = time.monotonic()
    for _ in range(2000):  # a busy service: requests far more often than the interval
        switch.unpin(switch.pin())
    took = time.monotonic() - started
    assert 1 <= len(reads) <= 1 + took / release_switch.CHECK_EVERY_S + 1, (len(reads), took)
    point(link, two)  # a new release: noticed by the first request once the interval has passed
    time.sleep(release_switch.CHECK_EVERY_S)
    deadline = time.monotonic() + 20
    while switch.state.version != "2.0":
        assert time.monotonic() < deadline, "the new release was not served"
        switch.unpin(switch.pin())
        time.sleep(0.01)
    switch.close()
