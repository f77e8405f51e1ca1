"""A real HTTP server on 127.0.0.1 (http.server in a thread) serving pages, robots.txt, redirects,
slow answers, large bodies and errors, route by route, for the fetch and ingest tests."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0  # before the status line
    trickle_s: float = 0.0  # between chunks of the body
    chunks: int = 1
    length: bool = True  # send Content-Length (else the body ends when the connection closes)


class _Handler(BaseHTTPRequestHandler):
    server: PageServer  # type: ignore[assignment]
    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))
        route = self.server.routes.get(self.path)
        if route is None:
            route = Route(404, b"not found", "text/plain")
        if route.delay_s:
            time.sleep(route.delay_s)
        self.send_response(route.status)
        if route.content_type:
            self.send_header("Content-Type", route.content_type)
        for key, value in route.headers.items():
            self.send_header(key, value)
        if route.length:
            self.send_header("Content-Length", str(len(route.body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        step = max(1, len(route.body) // route.chunks)
        try:
            for start in range(0, len(route.body), step):
                self.wfile.write(route.body[start : start + step])
                self.wfile.flush()
                if route.trickle_s:
                    time.sleep(route.trickle_s)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        pass


class PageServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, str]] = []
        self.thread = threading.Thread(target=self.serve_forever, args=(0.02,), daemon=True)

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a client that hung up: not news
            super().handle_error(request, client_address)  # type: ignore[arg-type]

    def url(self, path: str) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}{path}"

    def __enter__(self) -> PageServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()
