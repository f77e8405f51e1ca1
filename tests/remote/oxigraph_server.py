"""A throw-away Oxigraph server (``oxigraph serve``, PyPI package ``oxigraph``) on 127.0.0.1.

The second real engine of the remote-engine tests, beside Virtuoso: the same Rust engine as the
embedded store, but behind the SPARQL 1.1 Protocol, the Graph Store HTTP Protocol and SPARQL Update
(``/query``, ``/store``, ``/update``), loaded by ``ilo-kg publish --to``.  ``start_oxigraph(folder)``
starts ``oxigraph serve`` on a free port with its database in ``folder``, waits until ``/query``
answers; ``OxigraphServer.stop()`` ends that one process (by its id).
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx


class OxigraphUnavailable(RuntimeError):
    """The ``oxigraph`` command is missing or does not start; the message says why."""


def oxigraph_command() -> str:
    """The ``oxigraph`` console script of this interpreter's environment (the test extra installs it)."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if not found:
        raise OxigraphUnavailable("the `oxigraph` command is missing: pip install -e '.[test]' installs it")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OxigraphServer:
    origin: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        """``ILO_KG_ENGINE`` for the service: queries go to ``/query``."""
        return f"sparql+{self.origin}/query"

    @property
    def publish_url(self) -> str:
        """``ilo-kg publish --to``: Oxigraph's update and Graph Store endpoints (no authentication)."""
        return f"sparql+{self.origin}/query?update=/update&graph-store=/store"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def start_oxigraph(folder: Path, *, timeout_s: float = 60, engine_timeout_s: int = 5) -> OxigraphServer:
    """``oxigraph serve`` on a free port of 127.0.0.1, its database in ``folder/db``, once it answers.

    ``engine_timeout_s`` is the server's own query time limit (``--timeout-s``: it has no per-request
    one): a query the client gave up on (ilo-kg's ``timeout_s``) stops there instead of taking a core."""
    command = oxigraph_command()
    port = free_port()
    log = folder / "oxigraph.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [
                command,
                "serve",
                "--location",
                str(folder / "db"),
                "--bind",
                f"127.0.0.1:{port}",
                "--timeout-s",
                str(engine_timeout_s),
            ],
            stdout=sink,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    origin = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout_s
    while True:
        if process.poll() is not None:
            raise OxigraphUnavailable(
                f"oxigraph serve exited with {process.returncode}: {log.read_text()[-2000:]}"
            )
        try:
            answer = httpx.get(origin + "/query", params={"query": "ASK {}"}, timeout=2)
            if answer.status_code == 200:
                return OxigraphServer(origin, process, log)
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            process.kill()
            process.wait(5)
            raise OxigraphUnavailable(f"oxigraph serve did not answer within {timeout_s:g} s")
        time.sleep(0.1)
