"""``ilo-kg ingest`` run as a user would, on URLs served by a real HTTP server and on saved pages.

A page that cannot be fetched or read changes nothing: no file in data/sources, no new release, the
published release kept.  A page already there changes nothing either.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from tests.conftest import ROOT
from tests.ingest.conftest import page
from tests.ingest.page_server import PageServer, Route

SCHEMA = "https://schema.org/"
ILO = "https://w3id.org/ilo-kg/ontology#"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "ilo_kg.cli", "--root", str(root), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120)


def ingest(root: Path, source: str, *args: str) -> subprocess.CompletedProcess[str]:
    return run(root, "ingest", source, "--quiet", "--output", str(root / "dist"), *args)


def copy_project(folder: Path) -> Path:
    for part in ("data", "ontology", "shapes", "queries"):
        shutil.copytree(ROOT / part, folder / part)
    return folder


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_project(tmp_path_factory.mktemp("project"))
    done = run(root, "build", "--quiet", "--output", str(root / "dist"))
    assert done.returncode == 0, done.stderr
    return root


def state(root: Path) -> dict[str, object]:
    """Everything an ingest may change: the source files, the published release and the releases kept."""
    sources = root / "data" / "sources"
    return {
        "sources": {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(sources.iterdir())},
        "release": os.readlink(root / "dist"),
        "releases": sorted(p.name for p in (root / ".dist.releases").iterdir()),
    }


def graph(root: Path) -> ox.Store:
    store = ox.Store()
    store.load(path=str(root / "dist" / "ilo-kg.nt"), format=ox.RdfFormat.N_TRIPLES)
    return store


def published(store: ox.Store, headline: str) -> list[str]:
    query = f"""SELECT ?d WHERE {{ ?n <{SCHEMA}headline> ?h ; <{SCHEMA}datePublished> ?d .
                FILTER(str(?h) = "{headline}") }}"""
    return sorted(str(row["d"].value) for row in store.query(query))  # type: ignore[union-attr]


def page_kind(store: ox.Store, text_name: str) -> list[str]:
    source = f"https://w3id.org/ilo-kg/id/source/{text_name.removesuffix('.txt').replace('_', '-')}"
    query = f"SELECT ?k WHERE {{ <{source}> <{ILO}pageKind> ?k }}"
    return [str(row["k"].value) for row in store.query(query)]  # type: ignore[union-attr]


def added(before: dict[str, object], root: Path) -> list[str]:
    old = before["sources"]
    assert isinstance(old, dict)
    return sorted(set(state(root)["sources"]) - set(old))  # type: ignore[arg-type]


def test_a_url_is_ingested_with_its_original_and_origin_then_ingesting_it_again_changes_nothing(
    project: Path, server: PageServer
) -> None:
    server.routes["/robots.txt"] = Route(
        body=b"User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.routes["/budapest/whats-new.htm"] = Route(body=page("whats_new_2015.html"))
    url = server.url("/budapest/whats-new.htm")
    before = state(project)
    done = ingest(project, url)
    assert done.returncode == 0, done.stderr
    new = added(before, project)
    assert len(new) == 3, new
    html, meta_file, txt = new
    stem = txt.removesuffix(".txt")
    assert html == f"{stem}.html" and meta_file == f"{stem}.meta.json"
    sources = project / "data" / "sources"
    assert (sources / html).read_bytes() == page("whats_new_2015.html")
    meta = json.loads((sources / meta_file).read_text())
    assert meta["url"] == url and meta["original"] == html and meta["media_type"] == "text/html"
    assert meta["sha256"] == hashlib.sha256(page("whats_new_2015.html")).hexdigest()
    assert stem.endswith(meta["sha256"][:16])
    assert datetime.fromisoformat(meta["retrieved"].replace("Z", "+00:00")).tzinfo is not None
    assert "kind" not in meta  # detected, not given: later builds detect it again
    assert f"{txt} added (news-listing) from {url}" in done.stdout

    kg = graph(project)
    assert published(kg, "Serbia ratifies the Maritime Labour Convention, 2006") == ["2015-02-05"]
    assert published(kg, "Economic and social councils of the Western Balkans meet in Skopje") == [
        "2015-02-11"
    ]
    assert page_kind(kg, txt) == ["news-listing"]
    assert not [h for h in ("Red Card to Child Labour", "ILO Budapest Newsletter 2014/2") if published(kg, h)]

    # the same page again, by its URL or saved: nothing changes
    settled = state(project)
    again = ingest(project, url)
    assert again.returncode == 0, again.stderr
    assert f"{txt} is already a source (news-listing); nothing changed" in again.stdout
    assert state(project) == settled
    saved = project / "whats-new.html"
    saved.write_bytes(page("whats_new_2015.html"))
    assert ingest(project, str(saved)).returncode == 0
    assert state(project) == settled


def test_the_kind_given_at_ingest_is_remembered_by_later_builds(project: Path, server: PageServer) -> None:
    server.routes["/press.html"] = Route(body=page("press_releases_2017.html"))
    url = server.url("/press.html")
    before = state(project)
    done = ingest(project, url, "--kind", "office-page")
    assert done.returncode == 0, done.stderr
    txt = next(n for n in added(before, project) if n.endswith(".txt"))
    meta = project / "data" / "sources" / txt.replace(".txt", ".meta.json")
    assert json.loads(meta.read_text())["kind"] == "office-page"
    assert page_kind(graph(project), txt) == ["office-page"]

    rebuilt = run(project, "build", "--quiet", "--output", str(project / "dist"))
    assert rebuilt.returncode == 0, rebuilt.stderr
    assert page_kind(graph(project), txt) == ["office-page"]  # not detected again as a news listing

    settled = state(project)
    assert ingest(project, url).returncode == 0  # no --kind: the remembered one stands
    assert state(project) == settled

    changed = ingest(project, url, "--kind", "news-listing")
    assert changed.returncode == 0, changed.stderr
    assert "its kind is now news-listing" in changed.stdout
    assert json.loads(meta.read_text())["kind"] == "news-listing"
    assert page_kind(graph(project), txt) == ["news-listing"]


def test_a_text_file_ingested_with_a_kind_gets_a_sidecar(project: Path, tmp_path: Path) -> None:
    text = page("press_releases_2017.html")  # any page; its text through the converter
    from ilo_kg.sources.html import decode, html_to_text

    saved = tmp_path / "press-2017-09.txt"
    saved.write_text(html_to_text(decode(text)[0]).replace("Press releases", "Press releases of 2017", 1))
    done = ingest(project, str(saved), "--kind", "news-listing")
    assert done.returncode == 0, done.stderr
    sources = project / "data" / "sources"
    assert (sources / saved.name).read_bytes() == saved.read_bytes()
    assert json.loads((sources / "press-2017-09.meta.json").read_text()) == {"kind": "news-listing"}


FAILURES = {
    "404": (Route(404, b"<html><body>Not here</body></html>"), (), "HTTP 404 Not Found"),
    "500": (Route(500, b"oops", "text/plain"), (), "HTTP 500 Internal Server Error"),
    "too slow": (Route(body=b"<p>late</p>", delay_s=3), ("--timeout", "0.5"), "timed out after 0.5 s"),
    "too large": (Route(body=page("whats_new_2015.html")), ("--max-bytes", "1000"), "too large"),
    "pdf": (
        Route(body=b"%PDF-1.7 ...", content_type="application/pdf"),
        (),
        "not an HTML or plain-text page",
    ),
    "not utf-8": (Route(body=b"<p>Caf\xe9</p>", content_type="text/html"), (), "not valid UTF-8"),
    "no text": (
        Route(body=b"<html><body><nav>Home</nav><script>x()</script></body></html>"),
        (),
        "no text left",
    ),
    "no kind": (
        Route(body=b"<html><body><h1>Hello</h1><p>Just words.</p></body></html>"),
        (),
        "fits no known page kind",
    ),
}


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_url_that_cannot_be_read_changes_nothing(project: Path, server: PageServer, case: str) -> None:
    route, options, words = FAILURES[case]
    server.routes["/page.html"] = route
    before = state(project)
    done = ingest(project, server.url("/page.html"), *options)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and words in lines[0] and lines[0].endswith("nothing changed"), done.stderr
    assert lines[0].startswith("ingest failed: ")
    assert state(project) == before


def test_robots_txt_refusals_change_nothing(project: Path, server: PageServer) -> None:
    server.routes["/page.html"] = Route(body=page("whats_new_2015.html"))
    before = state(project)
    server.routes["/robots.txt"] = Route(body=b"User-agent: ilo-kg\nDisallow: /\n", content_type="text/plain")
    done = ingest(project, server.url("/page.html"))
    assert done.returncode == 1 and "robots.txt disallows it for ilo-kg" in done.stderr
    server.routes["/robots.txt"] = Route(503, b"busy", "text/plain")
    done = ingest(project, server.url("/page.html"))
    assert done.returncode == 1 and "robots.txt: HTTP 503" in done.stderr
    assert server.requests.count(("/page.html", server.requests[0][1])) == 0
    assert state(project) == before


@pytest.mark.parametrize(
    ("source", "words"),
    [
        ("http://no-such-host.invalid/news.html", "cannot connect to no-such-host.invalid"),
        ("ftp://example.org/news.html", "only http and https"),
        ("missing.html", "cannot read: No such file or directory"),
    ],
)
def test_unreachable_and_missing_pages_change_nothing(project: Path, source: str, words: str) -> None:
    before = state(project)
    done = ingest(project, source)
    assert done.returncode == 1 and words in done.stderr, done.stderr
    assert state(project) == before


@pytest.mark.parametrize(
    ("name", "data", "words"),
    [
        ("page.html", b"<html><body><p>Caf\xe9 \xff</p></body></html>", "not valid UTF-8"),
        (
            "page.html",
            b"<html><body><div class='cookie-banner'>We use cookies</div></body></html>",
            "no text left",
        ),
        ("page.html", b"", "no text left"),
        ("report.pdf", b"%PDF-1.4\n\xe2\xe3\xcf\xd3\n", "not valid UTF-8"),
        ("page.txt", b"   \n", "empty page"),
    ],
)
def test_saved_pages_that_cannot_be_read_change_nothing(
    project: Path, tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    saved = tmp_path / name
    saved.write_bytes(data)
    before = state(project)
    done = ingest(project, str(saved))
    assert done.returncode == 1 and words in done.stderr and str(saved) in done.stderr, done.stderr
    assert state(project) == before


@pytest.mark.parametrize(
    ("file", "old", "new", "words"),
    [
        # a build error reported as such
        ("data/reference/conventions.csv", "C155,", "C15X,", "column 'code'"),
        # an unexpected error in the build (a broken ontology file): the page goes back out all the same
        ("ontology/ilo-kg.ttl", "@prefix", "@prefix oops", "Traceback"),
    ],
)
def test_a_failed_build_takes_the_page_back_out(
    tmp_path: Path, file: str, old: str, new: str, words: str
) -> None:
    root = copy_project(tmp_path / "p")
    broken = root / file
    broken.write_text(broken.read_text().replace(old, new, 1))
    sources = root / "data" / "sources"
    before = {p.name for p in sources.iterdir()}
    saved = tmp_path / "projects.html"
    saved.write_bytes(page("projects_budapest.html"))
    done = ingest(root, str(saved))
    assert done.returncode == 1
    assert words in done.stderr and "projects.html was not added: the build with it failed" in done.stderr
    assert {p.name for p in sources.iterdir()} == before
    assert not (root / "dist").exists()
