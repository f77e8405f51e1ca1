"""Generated documentation: the CLI reference from ``--help``, the canned-query catalogue from the headers.

``python -m ilo_kg.docgen`` rewrites ``docs/cli.md`` and ``docs/queries.md``; a test fails when stale.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ilo_kg.cli import parser
from ilo_kg.queries import load_catalogue


def cli_markdown() -> str:
    os.environ["COLUMNS"] = "100"  # argparse wraps help to the terminal width: fix it for stable output
    top = parser()
    out = ["# Command line reference", "", "Generated from `ilo-kg --help` by `python -m ilo_kg.docgen`.", ""]
    out += ["```text", top.format_help().rstrip(), "```", ""]
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                out += [f"## `ilo-kg {name}`", "", "```text", sub.format_help().rstrip(), "```", ""]
    return "\n".join(out)


def queries_markdown(folder: Path) -> str:
    out = [
        "# Canned queries",
        "",
        "Generated from the `#+` headers of `queries/*.rq` by `python -m ilo_kg.docgen`.",
        "Each one is served at `/queries/{name}` (with `.json`, `.csv`, `.tsv`, `.ttl`, `.jsonld` suffixes)",
        "and runs from the CLI with `ilo-kg query --name NAME --param key=value`.",
        "",
    ]
    for q in load_catalogue(folder):
        out += [f"## `{q.name}`: {q.title}", "", q.description, ""]
        if q.params:
            out += ["| parameter | type | required | example |", "| --- | --- | --- | --- |"]
            for p in q.params:
                kind = p.type + (f" in `{p.namespace}`" if p.namespace else "")
                example = p.example if p.example is not None else (p.default or "")
                out.append(f"| `{p.name}` | {kind} | {'yes' if p.required else 'no'} | `{example}` |")
            out.append("")
        out += ["```sparql", q.text.strip(), "```", ""]
    return "\n".join(out)


def write(root: Path) -> list[Path]:
    docs = root / "docs"
    docs.mkdir(exist_ok=True)
    files = {docs / "cli.md": cli_markdown(), docs / "queries.md": queries_markdown(root / "queries")}
    for path, text in files.items():
        path.write_text(text)
    return list(files)


if __name__ == "__main__":
    for written in write(Path(sys.argv[1]) if len(sys.argv) > 1 else Path.cwd()):
        print(f"wrote {written}")
