"""Item 7: an ``ORDER BY`` that makes Oxigraph panic (its sort meets a comparison that is not a total order,
see docs/upstream/oxigraph-order-by-total-order.md) ends its worker; the query gets a 500 that says so, the
worker is replaced and the service goes on answering."""

from __future__ import annotations

import httpx
import pytest
from faults_support import Server

VALUES = (
    '"C209"^^xsd:hexBinary "0A5D"^^xsd:hexBinary "2044"^^xsd:integer "67A9"^^xsd:hexBinary '
    '"1902"^^xsd:integer "2339"^^xsd:integer "2026-03-14"^^xsd:date "2013-05-18"^^xsd:date '
    '"2019-02-11"^^xsd:date "1883"^^xsd:integer "2020-01-01" "50F2"^^xsd:hexBinary '
    '"2027-08-17"^^xsd:date "205"^^xsd:integer "a" "B5D3"^^xsd:hexBinary "ff" '
    '"D3FB"^^xsd:hexBinary "949"^^xsd:integer "2832"^^xsd:integer "b"'
)
PANIC = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    f"SELECT ?v WHERE {{ VALUES ?v {{ {VALUES} }} }} ORDER BY ?v"
)


@pytest.mark.server
def test_the_order_by_panic_is_contained(server: Server) -> None:
    for _ in range(2):
        before = set(server.wait_for_workers())
        r = httpx.get(server.url + "/sparql", params={"query": PANIC}, timeout=30)
        assert r.status_code == 500, r.text[:300]
        assert "the query worker died while answering" in r.text
        server.assert_healthy()
        assert set(server.wait_for_workers()) != before
    assert "does not correctly implement a total order" in server.log.read_text()
