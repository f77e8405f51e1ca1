"""The command line as a new user meets it (issue 11): query from a file or stdin, CONSTRUCT as a
table, a cut result said on stderr, a missing prefix in one line; validate without tracebacks or
``b'...'`` fragments, and against the published graph."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

from ilo_kg.build import BuildResult

OFFICE = "PREFIX ilo: <https://w3id.org/ilo-kg/ontology#> SELECT ?o WHERE { ?o a ilo:Office } ORDER BY ?o"
SOURCE = "https://w3id.org/ilo-kg/id/source/003-c545ded7762d5d2c"


def cli(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ilo_kg.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        timeout=300,
    )


def test_query_from_a_file_and_from_stdin(built: BuildResult, tmp_path: Path) -> None:
    out = str(built.published.folder)
    query = tmp_path / "offices.rq"
    query.write_text(OFFICE + "\n")
    as_text = cli("query", OFFICE, "--format", "csv", "--output", out)
    assert as_text.returncode == 0, as_text.stderr
    from_file = cli("query", "--file", str(query), "--format", "csv", "--output", out)
    from_stdin = cli("query", "-", "--format", "csv", "--output", out, stdin=OFFICE)
    from_stdin_file = cli("query", "--file", "-", "--format", "csv", "--output", out, stdin=OFFICE)
    for res in (from_file, from_stdin, from_stdin_file):
        assert res.returncode == 0, res.stderr
        assert res.stdout == as_text.stdout
    missing = cli("query", "--file", str(tmp_path / "nope.rq"), "--output", out)
    assert missing.returncode == 2 and "nope.rq" in missing.stderr


def test_construct_as_a_table_prints_the_triples(built: BuildResult) -> None:
    text = "CONSTRUCT WHERE { <https://w3id.org/ilo-kg/id/country/HUN> ?p ?o }"
    res = cli("query", text, "--output", str(built.published.folder))
    assert res.returncode == 0, res.stderr
    assert "(0 rows)" not in res.stdout
    lines = res.stdout.splitlines()
    assert lines[0].split(" | ")[0].strip() == "subject"
    assert any('"Hungary"@en' in line for line in lines)
    assert lines[-1].startswith("(") and "triples" in lines[-1]


def test_a_result_cut_at_the_row_cap_says_so_on_stderr(built: BuildResult) -> None:
    out = str(built.published.folder)
    res = cli("query", OFFICE, "--format", "csv", "--output", out, env={"ILO_KG_MAX_ROWS": "2"})
    assert res.returncode == 0, res.stderr
    assert len(res.stdout.splitlines()) == 3  # header and two rows
    assert "cut at 2 rows" in res.stderr
    whole = cli("query", OFFICE, "--format", "csv", "--output", out)
    assert "cut" not in whole.stderr


def test_a_missing_prefix_is_one_line(built: BuildResult) -> None:
    res = cli("query", "SELECT ?s WHERE { ?s a foo:Bar }", "--output", str(built.published.folder))
    assert res.returncode == 1
    assert len(res.stderr.strip().splitlines()) == 1, res.stderr
    assert "undeclared prefix 'foo:'" in res.stderr and "\\u{" not in res.stderr


def test_validate_reports_an_ill_typed_date_without_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad-date.ttl"
    bad.write_text(
        "@prefix schema: <https://schema.org/> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .\n"
        "<https://w3id.org/ilo-kg/id/project/x> a <https://w3id.org/ilo-kg/ontology#Project> ;\n"
        '  schema:startDate "2020-13-45"^^xsd:date .\n'
    )
    res = cli("validate", str(bad))
    assert res.returncode == 1
    assert "Traceback" not in res.stdout + res.stderr
    assert "warning:" in res.stdout and 'ill-typed literal "2020-13-45"' in res.stdout
    assert "Does not conform" in res.stdout


def test_validate_names_a_syntax_error_without_bytes_reprs(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text('@prefix s: <https://schema.org/> .\n<https://example.org/a> s:x "unterminated .\n')
    res = cli("validate", str(broken))
    assert res.returncode == 2
    assert "b'" not in res.stderr and 'b"' not in res.stderr
    assert "broken.ttl" in res.stderr and "line 2" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1


def test_validate_against_the_published_graph(built: BuildResult, tmp_path: Path) -> None:
    page = tmp_path / "new-project.ttl"
    page.write_text(
        "@prefix dcterms: <http://purl.org/dc/terms/> .\n"
        f"<https://w3id.org/ilo-kg/id/project/new-one> a <https://w3id.org/ilo-kg/ontology#Project> ;\n"
        f"  dcterms:source <{SOURCE}> .\n"
    )
    alone = cli("validate", str(page))
    assert alone.returncode == 1
    assert "path <http://purl.org/dc/terms/source>" in alone.stdout  # the page is not known alone
    together = cli("validate", str(page), "--against-published", "--output", str(built.published.folder))
    assert "checked together with the published graph" in together.stdout
    assert "path <http://purl.org/dc/terms/source>" not in together.stdout, together.stdout
    assert "https://w3id.org/ilo-kg/id/project/new-one" in together.stdout  # its own gaps still reported
    nothing = cli("validate", str(page), "--against-published", "--output", str(tmp_path / "none"))
    assert nothing.returncode == 2 and "no published graph" in nothing.stderr
