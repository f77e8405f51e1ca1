"""What an ingest would write, decided in memory (no build): names, sidecars, the lock."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import threading
import time
from pathlib import Path

import pytest
from tests.ingest.conftest import page
from tests.ingest.page_server import PageServer, Route

from ilo_kg.ingest import IngestError, locked, stage, write
from ilo_kg.records import PageKind
from ilo_kg.sources import PageError
from ilo_kg.sources.origin import MetaError, SourceMeta, read_meta, remembered_kind

NEWS = "What's new\n\n  1. A headline\n\n    03 August 2021\n\n    A summary.\n"


@pytest.fixture
def sources(tmp_path: Path) -> Path:
    folder = tmp_path / "sources"
    folder.mkdir()
    (folder / "000_aaaa.txt").write_text(NEWS)
    (folder / "007_bbbb.txt").write_text(NEWS.replace("A headline", "Another headline"))
    return folder


def test_a_saved_html_page_is_numbered_after_the_last_source(sources: Path, tmp_path: Path) -> None:
    saved = tmp_path / "Projects - ILO Budapest.htm"
    saved.write_bytes(page("projects_budapest.html"))
    staged = stage(sources, str(saved), None)
    sha = hashlib.sha256(page("projects_budapest.html")).hexdigest()
    assert staged.name == f"008_{sha[:16]}.txt" and not staged.unchanged
    names = [n for n, _ in staged.files]
    assert names == [f"008_{sha[:16]}.html", f"008_{sha[:16]}.meta.json", f"008_{sha[:16]}.txt"]
    meta = json.loads(dict(staged.files)[names[1]])
    assert meta == {
        "charset": "utf-8",
        "converter": "ilo-kg 0.1.0 (HTML to text)",
        "media_type": "text/html",
        "original": f"008_{sha[:16]}.html",
        "original_name": "Projects - ILO Budapest.htm",
        "sha256": sha,
    }
    assert staged.page.kind is PageKind.PROJECT_LISTING and len(staged.page.projects) == 3
    assert sorted(p.name for p in sources.iterdir()) == ["000_aaaa.txt", "007_bbbb.txt"]  # nothing written


def test_a_text_file_keeps_its_name_and_gets_a_txt_suffix(sources: Path, tmp_path: Path) -> None:
    saved = tmp_path / "news-2021.text"
    saved.write_text(NEWS.replace("A headline", "A third headline"))
    staged = stage(sources, str(saved), None)
    assert [n for n, _ in staged.files] == ["news-2021.txt"]  # no sidecar: nothing to remember
    staged = stage(sources, str(saved), PageKind.OFFICE_PAGE)
    assert [n for n, _ in staged.files] == ["news-2021.meta.json", "news-2021.txt"]
    assert json.loads(staged.files[0][1]) == {"kind": "office-page"}


def test_a_text_file_whose_name_is_taken_by_another_page_is_refused(sources: Path, tmp_path: Path) -> None:
    saved = tmp_path / "000_aaaa.txt"
    saved.write_text(NEWS.replace("A headline", "A fourth headline"))
    with pytest.raises(IngestError, match="exists with other content; rename the page"):
        stage(sources, str(saved), None)


def test_the_same_text_under_any_name_is_already_a_source(sources: Path, tmp_path: Path) -> None:
    saved = tmp_path / "copy.txt"
    saved.write_text(NEWS)
    staged = stage(sources, str(saved), None)
    assert staged.unchanged and staged.name == "000_aaaa.txt" and staged.files == ()


def test_another_kind_for_a_page_already_there_changes_only_its_sidecar(
    sources: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "copy.txt"
    saved.write_text(NEWS)
    staged = stage(sources, str(saved), PageKind.OFFICE_PAGE)
    assert not staged.unchanged and [n for n, _ in staged.files] == ["000_aaaa.meta.json"]
    undo = write(staged, sources)
    assert remembered_kind(sources / "000_aaaa.txt") is PageKind.OFFICE_PAGE
    assert stage(sources, str(saved), PageKind.OFFICE_PAGE).unchanged
    assert stage(sources, str(saved), None).unchanged
    undo()
    assert not (sources / "000_aaaa.meta.json").exists()


def test_write_is_undone_file_by_file(sources: Path, tmp_path: Path) -> None:
    (sources / "000_aaaa.meta.json").write_text('{"kind": "news-listing"}')
    saved = tmp_path / "copy.txt"
    saved.write_text(NEWS)
    undo = write(stage(sources, str(saved), PageKind.OFFICE_PAGE), sources)
    assert json.loads((sources / "000_aaaa.meta.json").read_text()) == {"kind": "office-page"}
    undo()
    assert json.loads((sources / "000_aaaa.meta.json").read_text()) == {"kind": "news-listing"}
    assert not [p for p in sources.iterdir() if p.name.endswith(".partial")]


def test_a_page_that_fits_no_kind_is_refused_before_anything_is_written(
    sources: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "hello.html"
    saved.write_text("<h1>Hello</h1><p>Just words.</p>")
    with pytest.raises(PageError, match="fits no known page kind"):
        stage(sources, str(saved), None)


def test_size_limit_for_saved_pages(sources: Path, tmp_path: Path) -> None:
    from ilo_kg.sources.fetch import FetchLimits

    saved = tmp_path / "big.html"
    saved.write_bytes(page("whats_new_2015.html"))
    with pytest.raises(IngestError, match="too large"):
        stage(sources, str(saved), None, FetchLimits(max_bytes=1000))


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("{", "cannot read as JSON"),
        ("[]", "expected a JSON object"),
        ('{"kind": "brochure"}', "kind 'brochure' is not a page kind"),
        ('{"knd": "about-page"}', "unknown field(s) knd"),
        ('{"url": 3}', "field(s) url must be strings"),
    ],
)
def test_sidecars_that_cannot_be_read_are_named(sources: Path, content: str, words: str) -> None:
    (sources / "000_aaaa.meta.json").write_text(content)
    with pytest.raises(MetaError) as info:
        read_meta(sources / "000_aaaa.txt")
    assert "000_aaaa.meta.json" in str(info.value) and words in str(info.value)
    assert isinstance(info.value, PageError)  # the build reports it as a page error


def test_a_sidecar_round_trips(sources: Path) -> None:
    meta = SourceMeta(
        kind="about-page", url="https://www.ilo.org/budapest/", retrieved="2026-12-02T05:00:00Z"
    )
    (sources / "000_aaaa.meta.json").write_bytes(meta.to_json())
    assert read_meta(sources / "000_aaaa.txt") == meta
    assert read_meta(sources / "007_bbbb.txt") is None


def test_one_ingest_at_a_time(sources: Path) -> None:
    order: list[str] = []

    def second() -> None:
        with locked(sources):
            order.append("second")

    with locked(sources):
        fd = os.open(sources, os.O_RDONLY)
        with pytest.raises(BlockingIOError):
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        os.close(fd)
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]
    with pytest.raises(IngestError, match="no such folder"), locked(sources / "nope"):
        pass


def test_a_plain_text_url_is_stored_as_utf8_with_its_origin(sources: Path, server: PageServer) -> None:
    text = NEWS.replace("A headline", "Café owners meet in Chișinău").replace("ș", "s").replace("ă", "a")
    server.routes["/news.txt"] = Route(
        body=text.encode("latin-1"), content_type="text/plain; charset=ISO-8859-1"
    )
    staged = stage(sources, server.url("/news.txt"), None)
    names = [n for n, _ in staged.files]
    assert len(names) == 2 and names[0].endswith(".meta.json") and names[1].startswith("008_")
    assert staged.files[1][1] == text.encode("utf-8")
    meta = json.loads(staged.files[0][1])
    assert meta["url"] == server.url("/news.txt") and meta["media_type"] == "text/plain"
    assert meta["charset"] == "cp1252" and "original" not in meta and "retrieved" in meta
    assert staged.page.news[0].headline == "Café owners meet in Chisinau"


def test_the_same_original_is_the_same_page_even_if_its_text_would_differ(
    sources: Path, tmp_path: Path
) -> None:
    saved = tmp_path / "projects.html"
    saved.write_bytes(page("projects_budapest.html"))
    staged = stage(sources, str(saved), PageKind.PROJECT_LISTING)
    write(staged, sources)
    # the text as an older converter might have written it
    (sources / staged.name).write_text((sources / staged.name).read_text().replace("Overview", "Overview:"))
    again = stage(sources, str(saved), None)
    assert again.unchanged and again.name == staged.name and again.page.kind is PageKind.PROJECT_LISTING
