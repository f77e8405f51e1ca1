"""``publish_remote``: named graphs kept and counted; a failure midway leaves the previous data answering."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from remote_support import BASE, Counting

from ilo_kg.config import Settings
from ilo_kg.engine.choice import EngineChoiceError, open_store
from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.engine.remote import RemoteStore
from ilo_kg.remote_publish import PublishError, endpoints_for, publish_remote

SHRUNK = BASE + "graph/source/003-"
COUNT_BY_GRAPH = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"


def counts(store: RemoteStore | OxigraphStore) -> dict[str, int]:
    return {str(g.value): int(n.value) for g, n in store.query(COUNT_BY_GRAPH).rows}  # type: ignore[union-attr]


def another_version(dist: Path, folder: Path, *, corrupt: bool = False, miscount: bool = False) -> Settings:
    """A copy of the build with one graph's triples halved (a new version), or broken on purpose."""
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("ilo-kg.nq", "void.ttl", "manifest.json"):
        shutil.copy(dist / name, folder / name)
    lines = (folder / "ilo-kg.nq").read_text().splitlines(keepends=True)
    graph_of = [re.search(r"<([^<>]*)> \.\s*$", line) for line in lines]
    dropped = [i for i, g in enumerate(graph_of) if g and g.group(1).startswith(SHRUNK)][::2]
    kept = [line for i, line in enumerate(lines) if i not in set(dropped)]
    if corrupt:
        kept.insert(len(kept) // 2, "<https://w3id.org/ilo-kg/id/x> this is not N-Quads .\n")
    (folder / "ilo-kg.nq").write_text("".join(kept))
    manifest = json.loads((folder / "manifest.json").read_text())
    manifest["version"] = manifest["version"] + ".other"
    graph = next(g for g in manifest["graphs"] if g.startswith(SHRUNK))
    manifest["graphs"][graph] -= 0 if miscount else len(dropped)
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return Settings(output=folder)


@pytest.fixture()
def restore(virtuoso, build_settings, published) -> Iterator[None]:
    yield
    publish_remote(build_settings, virtuoso.publish_url, replace=True)


def live(virtuoso) -> RemoteStore:
    return RemoteStore(virtuoso.url, base_iri=BASE)


def test_every_graph_is_loaded_and_counted(kg, virtuoso, published, build_settings) -> None:
    manifest = json.loads((build_settings.dist / "manifest.json").read_text())
    assert published.version == manifest["version"]
    derived = (BASE + "graph/void", BASE + "graph/default")  # the VoID graph; the default graph (a set)
    assert {g: n for g, n in published.graphs.items() if g not in derived} == manifest["graphs"]
    nt = (build_settings.dist / "ilo-kg.nt").read_text().splitlines()
    assert published.graphs[BASE + "graph/default"] == len([line for line in nt if line.strip()])
    with live(virtuoso) as store:
        named = {g: n for g, n in published.graphs.items() if g != BASE + "graph/default"}
        assert counts(store) == counts(kg) == named
        assert store.version == manifest["version"]
    assert "***" in published.url or virtuoso.password not in published.url


def test_publishing_the_same_version_again_changes_nothing(virtuoso, published, build_settings) -> None:
    again = publish_remote(build_settings, virtuoso.publish_url, replace=False)
    assert not again.changed and again.graphs == published.graphs


def test_another_version_needs_replace(kg, virtuoso, published, build_settings, tmp_path) -> None:
    other = another_version(build_settings.dist, tmp_path / "other")
    with pytest.raises(PublishError, match="--replace"):
        publish_remote(other, virtuoso.publish_url, replace=False)
    with live(virtuoso) as store:
        assert counts(store) == counts(kg)


def test_replace_switches_to_the_new_version(
    kg, virtuoso, published, build_settings, tmp_path, restore
) -> None:
    other = another_version(build_settings.dist, tmp_path / "other")
    report = publish_remote(other, virtuoso.publish_url, replace=True)
    assert report.changed and report.previous_version == published.version
    with live(virtuoso) as store:
        assert store.version == report.version
        now = counts(store)
    shrunk = next(g for g in now if g.startswith(SHRUNK))
    assert now[shrunk] < counts(kg)[shrunk]
    assert {g: n for g, n in now.items() if g != shrunk} == {
        g: n for g, n in counts(kg).items() if g != shrunk
    }


def test_connection_lost_while_loading_leaves_the_previous_data(
    kg, virtuoso, published, build_settings, tmp_path
):
    other = another_version(build_settings.dist, tmp_path / "other")
    puts: list[httpx.Request] = []

    def third_load(request: httpx.Request) -> bool:
        if request.method in ("PUT", "POST") and "graph-crud" in request.url.path:
            puts.append(request)
            return len(puts) == 3
        return False

    with pytest.raises(PublishError, match="previous data"):
        publish_remote(other, virtuoso.publish_url, replace=True, transport=Counting(third_load))
    with live(virtuoso) as store:
        assert store.version == published.version
        assert counts(store) == counts(kg)
    assert not staged_graphs(virtuoso)


def test_failure_during_the_switch_restores_the_previous_data(
    kg, virtuoso, published, build_settings, tmp_path
):
    other = another_version(build_settings.dist, tmp_path / "other")
    transport = Counting()

    def after_switch(request: httpx.Request) -> bool:  # the engine switches, then the answer is lost
        if b"ilo-kg-staged" in request.content and b"COPY+%3C" in request.content.replace(
            b"COPY+SILENT", b""
        ):
            transport.inner.handle_request(request).read()
            return True
        return False

    transport.fail_on = after_switch
    with pytest.raises(PublishError, match="previous data was restored"):
        publish_remote(other, virtuoso.publish_url, replace=True, transport=transport)
    with live(virtuoso) as store:
        assert store.version == published.version
        assert counts(store) == counts(kg)
    assert not staged_graphs(virtuoso)


@pytest.mark.parametrize("broken", ["corrupt", "miscount"])
def test_a_broken_build_sends_nothing(virtuoso, published, build_settings, tmp_path, broken: str) -> None:
    other = another_version(build_settings.dist, tmp_path / broken, **{broken: True})
    transport = Counting()
    with pytest.raises(PublishError, match=r"ilo-kg\.nq"):
        publish_remote(other, virtuoso.publish_url, replace=True, transport=transport)
    assert transport.requests == []


def test_wrong_credentials_are_reported(virtuoso, published, build_settings, tmp_path) -> None:
    other = another_version(build_settings.dist, tmp_path / "other")
    wrong = virtuoso.publish_url.replace(virtuoso.password, "wrong")
    with pytest.raises(PublishError, match=r"401|credentials"):
        publish_remote(other, wrong, replace=True)


def staged_graphs(virtuoso) -> list[str]:
    text = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?g), '?ilo-kg-')) }"
    answer = httpx.post(f"{virtuoso.http}/sparql", data={"query": text}, headers={"Accept": "text/csv"})
    return answer.text.splitlines()[1:]


def test_endpoints_for_virtuoso_and_explicit_layouts() -> None:
    ep = endpoints_for("sparql+http://dba:s3cret@127.0.0.1:8890/sparql")
    assert (ep.query, ep.update, ep.graph_store) == (
        "http://127.0.0.1:8890/sparql",
        "http://127.0.0.1:8890/sparql-auth",
        "http://127.0.0.1:8890/sparql-graph-crud-auth",
    )
    assert isinstance(ep.auth, httpx.DigestAuth)
    fuseki = endpoints_for(
        "sparql+http://h:3030/ds/sparql?update=/ds/update&graph-store=/ds/data&auth=basic", ("u", "p")
    )
    assert (fuseki.query, fuseki.update, fuseki.graph_store) == (
        "http://h:3030/ds/sparql",
        "http://h:3030/ds/update",
        "http://h:3030/ds/data",
    )
    assert isinstance(fuseki.auth, httpx.BasicAuth)
    with pytest.raises(PublishError):
        endpoints_for("ftp://example.org/sparql")


def test_open_store_chooses_the_engine(built, virtuoso, published) -> None:
    embedded = open_store(Settings(output=built.published.folder), pool=False)
    assert isinstance(embedded, OxigraphStore)
    embedded.close()
    remote = open_store(Settings(engine=virtuoso.url))
    assert isinstance(remote, RemoteStore) and remote.graphs()
    remote.close()
    for bad in ("oxigraph", "http://127.0.0.1:8890/sparql", "sparql+ftp://x/sparql", "sparql+http:///sparql"):
        with pytest.raises(EngineChoiceError, match="ILO_KG_ENGINE"):
            open_store(Settings(engine=bad))
