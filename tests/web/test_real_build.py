"""The service over the real build (built once per session by tests/conftest.py), via ``serve()``."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from web_support import free_port

from ilo_kg.config import Settings
from ilo_kg.queries import load_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUE = load_catalogue(Settings(root=ROOT).queries_dir)

pytestmark = pytest.mark.server


@pytest.fixture(scope="module")
def served(built: object) -> Iterator[httpx.Client]:
    """``ilo_kg.web.server.serve`` in a subprocess, on the session's build."""
    dist = built.published.folder  # type: ignore[attr-defined]
    port = free_port()
    code = (
        "from pathlib import Path; from ilo_kg.config import Settings; from ilo_kg.web.server import serve; "
        f"serve(Settings(root=Path({str(ROOT)!r}), output=Path({str(dist)!r}), port={port}, workers=2))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    process = subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(url + "/sparql", params={"query": "ASK {}"}).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                err = process.stderr.read().decode() if process.stderr else ""
                raise RuntimeError(f"serve() did not start: {err[-2000:]}")
            time.sleep(0.2)
        with httpx.Client(base_url=url, timeout=60) as client:
            yield client
    finally:
        process.terminate()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()


@pytest.mark.parametrize("name", [q.name for q in CATALOGUE])
def test_every_canned_query_runs_with_its_examples(served: httpx.Client, name: str) -> None:
    query = CATALOGUE.get(name)
    r = served.get(f"/queries/{name}.json", params=query.example_values())
    assert r.status_code == 200, r.text
    assert r.json()["results"]["bindings"], f"{name} returned no rows for its example values"
    page = served.get(f"/queries/{name}", params=query.example_values(), headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert query.title in page.text


def test_openapi_lists_every_real_query(served: httpx.Client) -> None:
    paths = served.get("/openapi.json").json()["paths"]
    assert {f"/queries/{q.name}" for q in CATALOGUE} <= set(paths)


def test_real_resources_dereference(served: httpx.Client) -> None:
    for path in ("/id/country/HUN", "/id/organization/european-union"):
        r = served.get(path, headers={"Accept": "text/html"})
        assert r.status_code == 200, path
        assert served.get(path + ".ttl").status_code == 200
        assert served.get(path + ".jsonld").status_code == 200


def test_real_home_ontology_and_data(served: httpx.Client) -> None:
    home = served.get("/", headers={"Accept": "text/html"})
    assert home.status_code == 200 and "Resources by class" in home.text
    onto = served.get("/ontology", headers={"Accept": "text/html"})
    assert onto.status_code == 200 and "subclass of" in onto.text
    listing = served.get("/data/").json()
    assert {"ilo-kg.trig", "ilo-kg.nt", "void.ttl"} <= {f["name"] for f in listing["files"]}
    assert served.get("/.well-known/void").status_code == 200
