"""The bundled front-end libraries match the pinned versions and ship their licences (no npm needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENDOR = ROOT / "src" / "ilo_kg" / "web" / "static" / "vendor"


def _bundled() -> dict[str, str]:
    rows = re.findall(r"^\| (\S+) \| (\S+) \| .+ \| .+ \|$", (VENDOR / "README.md").read_text(), re.M)
    return {name: version for name, version in rows if name not in ("package", "---")}


def test_bundles_are_the_locked_versions_with_their_licences() -> None:
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    bundled = _bundled()
    assert {"@codemirror/view", "tabulator-tables", "d3-geo", "world-atlas", "vis-timeline", "chart.js",
            "swagger-ui-dist"} <= set(bundled)  # fmt: skip
    for name, version in bundled.items():
        assert lock[f"node_modules/{name}"]["version"] == version, name
        licences = list((VENDOR / "licenses" / name).iterdir())
        assert licences and all(f.stat().st_size > 0 for f in licences), name
    declared = json.loads((ROOT / "package.json").read_text())["devDependencies"]
    for name, version in declared.items():
        assert lock[f"node_modules/{name}"]["version"] == version, f"{name} is not pinned exactly"


def test_no_page_or_bundle_names_another_host_to_load_from() -> None:
    """Nothing is fetched from a CDN: no script, stylesheet or import names an absolute URL."""
    sources = [*VENDOR.parent.glob("js/*.js"), *(VENDOR.parent.parent / "templates").glob("*.html")]
    for path in sources:
        text = path.read_text()
        assert not re.search(r'(?:src|href)="(?:https?:)?//', text), path
        assert not re.search(r'(?:from|import\()\s*"(?:https?:)?//', text), path
    world = json.loads((VENDOR / "world" / "countries-50m.json").read_text())
    codes = {g["properties"].get("iso3") for g in world["objects"]["countries"]["geometries"]}
    assert {"UKR", "XKX", "KGZ", "MDA", "TUR", "RUS"} <= codes  # Natural Earth shapes with ISO alpha-3 codes
