"""A throw-away Virtuoso (Debian's virtuoso-opensource 7.2) on 127.0.0.1 for tests and benchmarks.

``start_virtuoso(folder)`` installs the package when it is missing (``apt-get``, as root),
writes a ``virtuoso.ini`` whose database, log and ports are all its own, starts
``virtuoso-t +foreground``, waits until the SPARQL endpoint answers and sets a fresh dba
password.  ``Virtuoso.stop()`` ends that one process (by its id).
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

APT_INSTALL = (
    "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq virtuoso-opensource"
)
VAD_DIR = "/usr/share/virtuoso-opensource-7/vad"
VSP_DIR = "/var/lib/virtuoso-opensource-7/vsp"


class VirtuosoUnavailable(RuntimeError):
    """Virtuoso cannot be installed or started here; the message says why."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def ensure_installed() -> str:
    """Path of ``virtuoso-t``, installing Debian's package when it is missing."""
    found = shutil.which("virtuoso-t")
    if found:
        return found
    if shutil.which("apt-get") is None:
        raise VirtuosoUnavailable("virtuoso-t is not installed and there is no apt-get to install it")
    if os.geteuid() != 0:
        raise VirtuosoUnavailable(f"virtuoso-t is not installed; run as root: {APT_INSTALL}")
    done = subprocess.run(["sh", "-c", APT_INSTALL], capture_output=True, text=True, timeout=900)
    found = shutil.which("virtuoso-t")
    if done.returncode != 0 or not found:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise VirtuosoUnavailable(f"`{APT_INSTALL}` failed (exit {done.returncode}): " + " | ".join(tail))
    return found


INI = """\
[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql}
DisableUnixSocket = 1
CaseMode = 2
DirsAllowed = ., {d}, {vad}
VADInstallDir = {vad}/
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
MaxQueryMem = 500M
; ilo-kg asks for max_rows + 1 rows, ORDER BY included: both caps must be above it
MaxSortedTopRows = 100001

[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {vsp}
ServerThreads = 10
MaxClientConnections = 10
Charset = UTF-8

[SPARQL]
ResultSetMaxRows = 100001
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime = 60
"""


@dataclass
class Virtuoso:
    folder: Path
    http_port: int
    sql_port: int
    process: subprocess.Popen[bytes]
    password: str = "dba"

    @property
    def url(self) -> str:
        """The engine setting: ``sparql+http://127.0.0.1:<port>/sparql``."""
        return f"sparql+http://127.0.0.1:{self.http_port}/sparql"

    @property
    def publish_url(self) -> str:
        return f"sparql+http://dba:{self.password}@127.0.0.1:{self.http_port}/sparql"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.http_port}"

    def log(self) -> str:
        path = self.folder / "virtuoso.log"
        return path.read_text(errors="replace")[-3000:] if path.is_file() else ""

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)


def start_virtuoso(folder: Path, *, ready_timeout_s: float = 90.0) -> Virtuoso:
    """Install if needed, then start a private Virtuoso in ``folder``; raises VirtuosoUnavailable."""
    binary = ensure_installed()
    folder.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    vsp = VSP_DIR if Path(VSP_DIR).is_dir() else str(folder)
    ini = folder / "virtuoso.ini"
    ini.write_text(INI.format(d=folder, sql=sql_port, http=http_port, vad=VAD_DIR, vsp=vsp))
    with (folder / "stdout.log").open("wb") as out:
        process = subprocess.Popen(
            [binary, "+foreground", "+configfile", str(ini)],
            cwd=folder,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Virtuoso(folder, http_port, sql_port, process)
    deadline = time.monotonic() + ready_timeout_s
    while True:
        if process.poll() is not None:
            raise VirtuosoUnavailable(f"virtuoso-t exited with {process.returncode}: {server.log()[-800:]}")
        try:
            answer = httpx.get(f"{server.http}/sparql", params={"query": "ASK {}"}, timeout=2)
            if answer.status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline:
            server.stop()
            raise VirtuosoUnavailable(
                f"Virtuoso did not answer within {ready_timeout_s:g} s: {server.log()[-800:]}"
            )
        time.sleep(0.3)
    _set_password(server, secrets.token_urlsafe(12))
    return server


def _set_password(server: Virtuoso, password: str) -> None:
    isql = shutil.which("isql-vt") or shutil.which("isql")
    if isql is None:
        return  # keep the default dba password (the server listens on 127.0.0.1 only)
    done = subprocess.run(
        [
            isql,
            f"127.0.0.1:{server.sql_port}",
            "dba",
            server.password,
            f"exec=user_set_password('dba', '{password}');",
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    if done.returncode == 0:
        server.password = password
