"""The result-size cap (``max_result_bytes``) on the remote engine: cut and marked as on the embedded one.

The answer is parsed as it streams in from Virtuoso and cut once its terms hold the cap (the embedded
store's measure, so both engines keep the same rows), or once the answer read passed twice the cap:
one huge term is never read whole into the service's memory.
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from fastapi.testclient import TestClient
from remote_support import BASE, ROOT

from ilo_kg.engine.oxigraph import OxigraphStore
from ilo_kg.engine.remote import RemoteStore
from ilo_kg.queries import load_catalogue
from ilo_kg.web.app import create_app

CAP = 4000
# IRIs and their English labels: an order both engines agree on (code points of the IRIs, then labels)
ROWS = (
    "SELECT ?s ?label WHERE { ?s <http://www.w3.org/2004/02/skos/core#prefLabel> ?label "
    'FILTER(LANG(?label) = "en") } ORDER BY STR(?s) STR(?label)'
)
TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
COPIES = 1024  # one term of 1,024 copies of a 1 KiB string (1 MiB): the capped answer may take 72 KiB
HUGE = (
    f'SELECT ?big WHERE {{ BIND("{"x" * 1024}" AS ?w) BIND(CONCAT({", ".join(["?w"] * COPIES)}) AS ?big) }}'
)


class Counting(httpx.BaseTransport):
    """HTTP to the engine, counting the bytes of its answers that were read."""

    def __init__(self) -> None:
        self.inner = httpx.HTTPTransport()
        self.read = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        response = self.inner.handle_request(request)
        stream = response.stream
        assert isinstance(stream, httpx.SyncByteStream)
        counter = self

        class Counted(httpx.SyncByteStream):
            def __iter__(self) -> Iterator[bytes]:
                for chunk in stream:
                    counter.read += len(chunk)
                    yield chunk

            def close(self) -> None:
                stream.close()

        return httpx.Response(
            response.status_code, headers=response.headers, stream=Counted(), extensions=response.extensions
        )

    def close(self) -> None:
        self.inner.close()


@pytest.fixture()
def counting() -> Counting:
    return Counting()


@pytest.fixture()
def capped(virtuoso, published, counting) -> Iterator[RemoteStore]:
    store = RemoteStore(
        virtuoso.url, base_iri=BASE, timeout_s=10.0, max_rows=10000, max_bytes=CAP, transport=counting
    )
    yield store
    store.close()


@pytest.fixture(scope="module")
def capped_kg(built) -> Iterator[OxigraphStore]:
    store = OxigraphStore.open(built.published.folder / "store", workers=0, max_bytes=CAP)
    yield store
    store.close()


def test_rows_past_the_cap_are_cut_and_marked_like_the_embedded_store(capped, capped_kg, remote) -> None:
    cut = capped.query(ROWS)
    assert cut.truncated and cut.cut_by == "bytes"
    assert 0 < len(cut.rows) < len(remote.query(ROWS).rows)
    assert cut.rows == capped_kg.query(ROWS).rows  # the same rows kept as on the embedded engine
    # under the cap: whole, not marked
    small = capped.query(ROWS + " LIMIT 3")
    assert not small.truncated and small.cut_by is None and len(small.rows) == 3
    # the row cap still says it is the row cap
    by_rows = capped.query(ROWS, max_rows=2)
    assert by_rows.truncated and by_rows.cut_by == "rows" and len(by_rows.rows) == 2


def test_triples_past_the_cap_are_cut_and_marked(capped, remote) -> None:
    cut = capped.query(TRIPLES)
    assert cut.kind == "construct" and cut.truncated and cut.cut_by == "bytes"
    whole = remote.query(TRIPLES)
    assert 0 < len(cut.triples) < len(whole.triples)
    assert set(cut.triples) <= set(whole.triples)


def test_one_huge_term_is_not_read_whole(capped, counting, remote) -> None:
    # uncapped, Virtuoso sends the whole value: the query works on this engine
    whole = remote.query(HUGE)
    (value,) = whole.rows[0]
    assert value is not None and len(value.value) == 1024 * COPIES
    # capped: the answer is cut while the term is still arriving; no row, marked cut by size
    counting.read = 0
    cut = capped.query(HUGE)
    assert cut.truncated and cut.cut_by == "bytes" and cut.rows == ()
    # the answer was dropped after twice the cap and a slack (72 KiB), plus what one read brings in
    assert counting.read < 256 * 1024, counting.read
    assert capped.query("ASK { ?s ?p ?o }").boolean is True  # the next query is answered


def test_the_service_marks_a_remote_answer_cut_by_size(capped, build_settings) -> None:
    settings = build_settings.with_(engine=capped.url, max_result_bytes=CAP, cache_mb=0)
    app = create_app(settings, capped, load_catalogue(ROOT / "queries"))
    with TestClient(app) as web:
        r = web.get("/sparql", params={"query": ROWS}, headers={"Accept": "application/sparql-results+json"})
        assert r.status_code == 200
        assert r.headers["x-result-truncated"] == f"true; max-bytes={CAP}"
        assert r.json()["truncated"] is True
        csv = web.get("/sparql", params={"query": ROWS}, headers={"Accept": "text/csv"})
        assert csv.text.rstrip().endswith(
            f"# truncated: the result passed the result-size cap of {CAP} bytes"
        )
        graph = web.get("/sparql", params={"query": TRIPLES}, headers={"Accept": "application/n-triples"})
        assert graph.headers["x-result-truncated"] == f"true; max-bytes={CAP}"
