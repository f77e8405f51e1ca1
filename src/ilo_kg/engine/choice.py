"""Choose the query engine the settings name: the embedded store or a remote SPARQL engine."""

from __future__ import annotations

from ilo_kg.config import Settings
from ilo_kg.engine.contract import Store
from ilo_kg.engine.oxigraph import OxigraphStore

__all__ = ["EngineChoiceError", "open_store"]

REMOTE_SCHEMES = ("sparql+http://", "sparql+https://")


class EngineChoiceError(ValueError):
    """``Settings.engine`` names no engine this package can open."""


def open_store(settings: Settings, *, pool: bool = True) -> Store:
    """The ``Store`` for ``settings.engine``: ``embedded`` or ``sparql+http(s)://host:port/path``.

    ``pool`` applies to the embedded store only (worker processes enforcing the time limit);
    a remote engine enforces it itself and on the HTTP client.
    """
    engine = settings.engine.strip()
    if engine == "embedded":
        return OxigraphStore.from_settings(settings, pool=pool)
    if engine.startswith(REMOTE_SCHEMES):
        from ilo_kg.engine.remote import RemoteStore

        try:
            return RemoteStore.from_settings(settings.with_(engine=engine))
        except ValueError as exc:
            raise EngineChoiceError(f"setting ILO_KG_ENGINE: {exc}") from None
    raise EngineChoiceError(
        f"setting ILO_KG_ENGINE: unknown engine {settings.engine!r}; expected 'embedded' or "
        "'sparql+http://host:port/path' (or sparql+https://...) for a remote SPARQL 1.1 engine"
    )
