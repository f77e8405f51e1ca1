"""Docs are tested: every setting, CLI command and canned query is documented; generated docs are current."""

from __future__ import annotations

import argparse

from tests.conftest import ROOT

from ilo_kg.cli import parser
from ilo_kg.config import setting_names
from ilo_kg.docgen import cli_markdown, queries_markdown
from ilo_kg.queries import load_catalogue


def test_every_setting_is_documented():
    text = (ROOT / "docs" / "settings.md").read_text()
    for name in setting_names():
        assert f"`{name}`" in text, name
        assert f"ILO_KG_{name.upper()}" in text, name


def test_every_cli_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text()
    sub = next(a for a in parser()._actions if isinstance(a, argparse._SubParsersAction))
    for name in sub.choices:
        assert f"ilo-kg {name}" in readme, name


def test_generated_docs_are_current():
    assert (ROOT / "docs" / "cli.md").read_text() == cli_markdown(), "run: python -m ilo_kg.docgen"
    assert (ROOT / "docs" / "queries.md").read_text() == queries_markdown(ROOT / "queries"), (
        "run: python -m ilo_kg.docgen"
    )


def test_every_canned_query_is_documented():
    text = (ROOT / "docs" / "queries.md").read_text()
    for q in load_catalogue(ROOT / "queries"):
        assert f"## `{q.name}`" in text


def test_readme_starts_with_the_two_commands():
    readme = (ROOT / "README.md").read_text()
    assert ".venv/bin/ilo-kg serve" in readme
    assert ".venv/bin/python -m pytest" in readme
    ci = (ROOT / ".ci" / "run").read_text()
    assert ".venv/bin/python -m pytest" in ci


def test_every_module_the_architecture_map_names_exists():
    import re

    text = (ROOT / "docs" / "architecture.md").read_text()
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z_]+\.py)`", text))
    assert named, "the map names no module"
    for path in named:
        found = (ROOT / "src" / "ilo_kg" / path).is_file() or (ROOT / path).is_file()
        assert found, f"docs/architecture.md names {path}, which does not exist"


def test_the_limits_table_gives_the_retry_after_of_the_error_table():
    from ilo_kg.engine.contract import EngineBusy, QueryTimeout
    from ilo_kg.web.problems import problem_for

    lines = (ROOT / "docs" / "deployment.md").read_text().splitlines()
    for label, error in (("time limit", QueryTimeout("x")), ("busy pool", EngineBusy("x"))):
        row = next(line for line in lines if line.startswith(f"| {label} |"))
        problem = problem_for(error)
        assert problem is not None
        assert f"`Retry-After: {problem.headers['Retry-After']}`" in row, label
