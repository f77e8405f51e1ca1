"""Settings from the environment: typed, and a bad value names its variable."""

from __future__ import annotations

from pathlib import Path

import pytest

from ilo_kg.config import Settings


def test_environment_and_overrides():
    s = Settings.from_env(
        {
            "ILO_KG_PORT": "8123",
            "ILO_KG_TIMEOUT_S": "2.5",
            "ILO_KG_SERVICE_ALLOWLIST": "http://a/sparql, http://b/q",
            "ILO_KG_ACCESS_LOG": "on",
            "ILO_KG_OUTPUT": "/tmp/x",
        },
        port=9000,
    )
    assert s.port == 9000 and s.timeout_s == 2.5 and s.access_log is True
    assert s.service_allowlist == ("http://a/sparql", "http://b/q")
    assert s.dist == Path("/tmp/x")
    assert Settings().dist == Settings().root / "dist"


@pytest.mark.parametrize(
    ("name", "value"),
    [("ILO_KG_PORT", "eighty"), ("ILO_KG_TIMEOUT_S", "soon"), ("ILO_KG_ACCESS_LOG", "maybe")],
)
def test_bad_values_name_the_variable(name, value):
    with pytest.raises(ValueError, match=name):
        Settings.from_env({name: value})


@pytest.mark.parametrize("name", ["CACHE_MB", "MEMORY_QUADS"])
def test_memory_budgets_must_not_be_negative(name: str) -> None:
    with pytest.raises(ValueError, match=rf"ILO_KG_{name}.*0 \(off\) or a positive number"):
        Settings.from_env({f"ILO_KG_{name}": "-1"})
    assert getattr(Settings.from_env({f"ILO_KG_{name}": "0"}), name.lower()) == 0
