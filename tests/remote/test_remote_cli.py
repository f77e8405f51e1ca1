"""The command line over a real Virtuoso: ``ilo-kg publish --to`` and ``ilo-kg query`` with a remote engine."""

from __future__ import annotations

import os
import subprocess
import sys

from tests.conftest import ROOT


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_publish_then_query_through_the_remote_engine(virtuoso, published, build_settings):
    out = str(build_settings.dist)
    again = cli("publish", "--quiet", "--to", virtuoso.publish_url, "--output", out)
    assert again.returncode == 0, again.stderr
    assert "already published" in again.stdout
    assert virtuoso.password not in again.stdout  # the report masks the password
    q = "PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a ilo:MemberState }"
    res = cli("query", q, "--format", "csv", "--output", out, env={"ILO_KG_ENGINE": virtuoso.url})
    assert res.returncode == 0, res.stderr
    assert res.stdout.split() == ["n", "51"]
    canned = cli(
        "query",
        "--name",
        "ratifications",
        "--format",
        "csv",
        "--output",
        out,
        env={"ILO_KG_ENGINE": virtuoso.url},
    )
    assert canned.returncode == 0, canned.stderr
    assert len(canned.stdout.strip().splitlines()) == 4
    update = cli(
        "query", "INSERT DATA { <a:b> <a:c> <a:d> }", "--output", out, env={"ILO_KG_ENGINE": virtuoso.url}
    )
    assert update.returncode == 1


def test_publish_to_a_dead_engine_fails_clearly(build_settings):
    res = cli(
        "publish",
        "--quiet",
        "--to",
        "sparql+http://dba:dba@127.0.0.1:9/sparql",
        "--output",
        str(build_settings.dist),
    )
    assert res.returncode == 1
    assert "publish failed" in res.stderr
