"""Settings: paths, base IRI and limits.

Built in entry points (CLI, tests) and passed down; nothing reads the
environment at import time.  Every field is documented in ``docs/settings.md``
and a test checks that the two agree.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from ilo_kg.iris import DEFAULT_BASE_IRI, normalise_base


def _project_root() -> Path:
    # src/ilo_kg/config.py -> project root
    return Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Settings:
    """All knobs of a build or a service.  Environment names are ``ILO_KG_<FIELD>``."""

    root: Path = field(default_factory=_project_root)
    """Project folder holding data/, ontology/, shapes/ and queries/."""
    output: Path | None = None
    """Where the build publishes; default ``<root>/dist``."""
    base_iri: str = DEFAULT_BASE_IRI
    """Base of every IRI the graph mints; normalised once here (absolute, a trailing slash added)."""
    timeout_s: float = 10.0
    """Time limit of one query, in seconds; the query is killed when it passes it."""
    max_rows: int = 10000
    """Result-row cap; a cut result says so in a header and in the body."""
    max_body_bytes: int = 1_000_000
    """Largest accepted request body."""
    max_result_bytes: int = 50_000_000
    """Result-size cap in bytes (the terms' text); a result cut by it says so like the row cap."""
    worker_memory_mb: int = 3072
    """Resident memory a query worker may use, in MiB; a query that needs more is stopped (503) and its
    worker replaced; 0: no limit.  A worker copies its store into memory only when the copy (about 600
    bytes per quad at its peak) fits in 3/4 of it."""
    workers: int = 2
    """Query worker processes in the pool."""
    spare_workers: int = 1
    """Worker processes kept started and ready (store opened) besides the pool: one takes the place of a
    worker killed by a limit or a cancellation at once, so the pool is not short while a new one starts;
    0: none (a killed worker's place is empty until its replacement has started)."""
    service_allowlist: tuple[str, ...] = ()
    """SERVICE endpoints a query may call; empty refuses every SERVICE."""
    engine: str = "embedded"
    """``embedded`` (the published Oxigraph store) or ``sparql+http://host:port/path``."""
    checker: str = "oxigraph"
    """How the build validates and infers: ``oxigraph`` (shapes compiled to SPARQL, OWL 2 RL rules as SPARQL
    updates) or ``reference`` (pySHACL and owlrl); both give the same results."""
    memory_quads: int = 3_000_000
    """Query workers copy a store of at most this many quads into memory after they start (answering
    from disk meanwhile): queries run 3-6x faster for about 400 bytes per quad per worker; the service
    process makes one copy too, for the lookups it answers itself; 0 keeps every query on disk."""
    cache_mb: int = 64
    """Memory for whole cached responses, in MiB (a release never changes, so neither do its answers);
    0 turns the response cache off."""
    follow_release: bool = True
    """A running ``ilo-kg serve`` moves to a release published into its output (a build, an ingest)
    between requests; false: it serves the release it started with until restarted."""
    processes: int = 1
    """Service processes answering on the one port (each with its own worker pool and response cache; the
    per-client limits shared by all); more than 1 lets the HTTP work use more than one core."""
    access_log: bool = False
    """Log every request (uvicorn's access log); off by default, it costs about 10% of throughput."""
    client_queries: int = 2
    """Queries one client (address) may run at once; one more is answered 429 with Retry-After; 0: no
    limit.  Below ``workers``, no single client can take every worker."""
    client_budget_s: float = 30.0
    """Worker time one client's queries may take per minute (a leaky bucket); past it, 429 with
    Retry-After until enough has drained; 0: no budget."""
    client_exempt: tuple[str, ...] = ()
    """Comma-separated client addresses the per-client limits do not apply to (monitoring, trusted)."""
    header_timeout_s: float = 10.0
    """Time a client has to send a request's headers (from connecting, or from the first byte of the next
    request on a kept-alive connection); a slower connection is closed (a slowloris guard)."""
    host: str = "127.0.0.1"
    """Address the service listens on."""
    port: int = 8000
    """Port the service listens on."""

    def __post_init__(self) -> None:
        # the base IRI has one owner: normalised here once (trailing slash), minted by iris.Minter
        object.__setattr__(self, "base_iri", normalise_base(self.base_iri))

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    @property
    def sources_dir(self) -> Path:
        return self.root / "data" / "sources"

    @property
    def reference_dir(self) -> Path:
        return self.root / "data" / "reference"

    @property
    def ontology_dir(self) -> Path:
        return self.root / "ontology"

    @property
    def shapes_dir(self) -> Path:
        return self.root / "shapes"

    @property
    def queries_dir(self) -> Path:
        return self.root / "queries"

    @property
    def dist(self) -> Path:
        return self.output if self.output is not None else self.root / "dist"

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None, **overrides: object) -> Settings:
        """Settings from ``ILO_KG_*`` variables, then explicit overrides (CLI options)."""
        env = os.environ if environ is None else environ
        values: dict[str, object] = {}
        for f in fields(cls):
            raw = env.get(f"ILO_KG_{f.name.upper()}")
            if raw is None:
                continue
            values[f.name] = _coerce(f.name, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def _coerce(name: str, raw: str) -> object:
    try:
        if name in {"root", "output"}:
            return Path(raw)
        if name in {"timeout_s", "header_timeout_s", "client_budget_s"}:
            return float(raw)
        if name in {"max_rows", "max_body_bytes", "max_result_bytes", "workers", "port", "client_queries"}:
            return int(raw)
        if name == "processes":
            number = int(raw)
            if number < 1:
                raise ValueError("expected 1 or more")
            return number
        if name in {"cache_mb", "memory_quads", "worker_memory_mb", "spare_workers"}:
            number = int(raw)
            if number < 0:
                raise ValueError("expected 0 (off) or a positive number")
            return number
        if name in {"access_log", "follow_release"}:
            if raw.lower() not in {"1", "0", "true", "false", "yes", "no", "on", "off"}:
                raise ValueError(f"expected true or false, got {raw!r}")
            return raw.lower() in {"1", "true", "yes", "on"}
        if name in {"service_allowlist", "client_exempt"}:
            return tuple(s for s in (p.strip() for p in raw.split(",")) if s)
    except ValueError as exc:
        raise ValueError(f"setting ILO_KG_{name.upper()}: cannot read {raw!r}: {exc}") from exc
    return raw


def setting_names() -> list[str]:
    return [f.name for f in fields(Settings)]
