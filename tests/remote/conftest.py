"""A real Virtuoso for the remote-engine tests: installed when missing, private, stopped afterwards.

In CI (``CI=true``) a Virtuoso that cannot be installed or started fails the run; elsewhere
the tests that need it are skipped with the reason.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from remote_support import BASE, ROOT
from virtuoso_server import Virtuoso, VirtuosoUnavailable, start_virtuoso

from ilo_kg.build import BuildResult
from ilo_kg.config import Settings
from ilo_kg.engine.remote import RemoteStore
from ilo_kg.remote_publish import RemotePublishReport, publish_remote


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Virtuoso]:
    try:
        server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    except VirtuosoUnavailable as exc:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI must run the Virtuoso tests: {exc}")
        pytest.skip(f"Virtuoso tests skipped: {exc}")
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def build_settings(built: BuildResult) -> Settings:
    return Settings(root=ROOT, output=built.published.folder)


@pytest.fixture(scope="session")
def published(virtuoso: Virtuoso, build_settings: Settings) -> RemotePublishReport:
    return publish_remote(build_settings, virtuoso.publish_url, replace=False)


@pytest.fixture()
def remote(virtuoso: Virtuoso, published: RemotePublishReport) -> Iterator[RemoteStore]:
    store = RemoteStore(virtuoso.url, base_iri=BASE, timeout_s=10.0, max_rows=10000)
    yield store
    store.close()
