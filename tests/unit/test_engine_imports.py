"""The engine wing's import structure: no cycles, the contract depends on nothing of the package.

Two checks: each engine module imports on its own in a fresh interpreter (an import cycle shows as an
ImportError there, whichever module is imported first), and the module-level imports of the whole
package, read from the source, form no cycle that passes through the engine wing, the formats or the
descriptions (the modules that were once tangled with the store).
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "ilo_kg"
ENGINE_MODULES = sorted(
    f"ilo_kg.engine.{p.stem}" for p in (PACKAGE / "engine").glob("*.py") if p.stem != "__init__"
)
WATCHED = ("ilo_kg.engine", "ilo_kg.formats", "ilo_kg.describe", "ilo_kg.safety")


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """Package modules imported at module level (imports inside functions run later and cannot cycle)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(n for n in names if n in modules)
    return found


def _graph() -> dict[str, set[str]]:
    paths = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    return {name: _top_level_imports(path, modules) - {name} for name, path in paths.items()}


def _cycle_through(graph: dict[str, set[str]], start: str) -> list[str] | None:
    """A path start -> ... -> start, if the graph has one."""
    stack: list[tuple[str, list[str]]] = [(start, [start])]
    seen: set[str] = set()
    while stack:
        node, path = stack.pop()
        for nxt in graph.get(node, ()):
            if nxt == start:
                return [*path, start]
            if nxt not in seen:
                seen.add(nxt)
                stack.append((nxt, [*path, nxt]))
    return None


def test_the_engine_package_is_found() -> None:
    assert {"ilo_kg.engine.contract", "ilo_kg.engine.oxigraph", "ilo_kg.engine.pool"} <= set(ENGINE_MODULES)


@pytest.mark.parametrize("module", ENGINE_MODULES)
def test_each_engine_module_imports_alone_in_a_fresh_interpreter(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr


def test_no_import_cycle_passes_through_the_engine_wing() -> None:
    graph = _graph()
    cycles = [
        _cycle_through(graph, name) for name in sorted(graph) if name.startswith(WATCHED) and name in graph
    ]
    assert [c for c in cycles if c] == []


def test_the_contract_depends_on_no_module_of_the_package() -> None:
    assert _graph()["ilo_kg.engine.contract"] == set()


def test_the_engine_package_module_imports_nothing() -> None:
    # a worker imports ilo_kg.engine.worker: the package's own module must not pull in the rest
    assert _graph()["ilo_kg.engine"] == set()


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert _cycle_through({"a": {"b"}, "b": {"c"}, "c": {"a"}}, "a") == ["a", "b", "c", "a"]
    assert _cycle_through({"a": {"b"}, "b": set()}, "a") is None
