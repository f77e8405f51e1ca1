"""``serve(settings)``: open the published store read-only (building once if absent) and run uvicorn."""

from __future__ import annotations

import logging
import signal
import sys

from ilo_kg.config import Settings

log = logging.getLogger(__name__)


def serve(settings: Settings) -> None:
    """Serve ``<dist>`` on ``settings.host:settings.port`` until interrupted."""
    import uvicorn

    from ilo_kg.engine.choice import open_store
    from ilo_kg.queries import load_catalogue
    from ilo_kg.releases import Lease
    from ilo_kg.web.app import create_app
    from ilo_kg.web.release_switch import reopen_with
    from ilo_kg.web.slowloris import guarded_protocol

    if not (settings.dist / "manifest.json").is_file():
        from ilo_kg.build import build

        log.warning("nothing published at %s: building once first", settings.dist)
        build(settings)
    catalogue = load_catalogue(settings.queries_dir)
    # The release behind the dist link is resolved at start, and leased for as long as this process
    # serves it: the store, its replacement workers and every published file come from that one folder,
    # and no build prunes it meanwhile.  A release published later into the same output replaces it
    # between requests (ilo_kg.web.release_switch), unless follow_release is off.
    release = settings.dist.resolve()
    # uvicorn re-raises SIGTERM once it has shut down: as an exception here, so that the workers are
    # stopped and the lease given back on the way out (the default action would end the process at once)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    lease = Lease(release)
    if lease.problem is not None:
        print(f"warning: {lease.problem}", file=sys.stderr, flush=True)
    try:
        served = settings.with_(output=release)
        store = open_store(served)
    except BaseException:
        lease.release_lease()
        raise
    app = None
    try:
        app = create_app(served, store, catalogue)
        if settings.follow_release:
            app.state.releases.follow(settings.dist, lease, reopen_with(open_store))
        uvicorn.run(
            app,
            host=settings.host,
            port=settings.port,
            log_level="info",
            access_log=settings.access_log,
            loop="uvloop" if _has("uvloop") else "asyncio",
            http=guarded_protocol(settings.header_timeout_s),
            timeout_keep_alive=5,
        )
    finally:
        if app is not None:
            app.state.releases.close()  # every release still open: its workers stopped, its lease given back
        else:
            store.close()
        lease.release_lease()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(128 + signum)


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None
