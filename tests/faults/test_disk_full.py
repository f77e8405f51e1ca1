"""A full disk during a build: a one-line error, nothing published, the previous release intact.

The output lives on a small tmpfs (mounted here: this needs root; the test skips without it)."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from faults_support import CLI, ROOT


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=96m", "tmpfs", str(mount)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (root needed): {done.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def build(out: Path, base_iri: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, "--base-iri", base_iri, "build", "--quiet", "--output", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_a_full_disk_during_a_build_is_one_clear_line(small_disk: Path) -> None:
    out = small_disk / "dist"
    first = build(out, "https://w3id.org/ilo-kg/")
    assert first.returncode == 0, first.stderr
    release = out.resolve()
    manifest = json.loads((out / "manifest.json").read_text())
    stat = os.statvfs(small_disk)
    free = stat.f_bavail * stat.f_frsize
    (small_disk / "filler").write_bytes(b"\0" * (free - 1_500_000))  # about 1.5 MB left: not enough

    second = build(out, "https://example.org/full/")

    assert second.returncode == 1
    lines = second.stderr.strip().splitlines()
    assert len(lines) == 1, second.stderr
    assert lines[0].startswith("build failed: No space left on device"), lines[0]
    assert "nothing was published" in lines[0] and "Traceback" not in second.stderr
    assert out.resolve() == release  # still the previous release, whole
    for name, info in manifest["files"].items():
        assert hashlib.sha256((release / name).read_bytes()).hexdigest() == info["sha256"], name
    assert not [p for p in release.parent.iterdir() if p.name.endswith(".partial")]
    (small_disk / "filler").unlink()
    again = build(out, "https://example.org/full/")  # with room again, the build publishes
    assert again.returncode == 0, again.stderr
