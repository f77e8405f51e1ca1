"""Constants and helpers shared by the remote-engine tests."""

from __future__ import annotations

from pathlib import Path

import httpx

BASE = "https://w3id.org/ilo-kg/"
ID = BASE + "id/"
ROOT = Path(__file__).resolve().parents[2]


class Counting(httpx.BaseTransport):
    """A real HTTP transport that counts requests and can fail one on purpose.

    ``fail_on(request) -> bool`` decides which request dies as a dropped connection.
    """

    def __init__(self, fail_on: object = None) -> None:
        self.inner = httpx.HTTPTransport()
        self.requests: list[httpx.Request] = []
        self.fail_on = fail_on

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if callable(self.fail_on) and self.fail_on(request):
            raise httpx.RemoteProtocolError("connection dropped (test)", request=request)
        return self.inner.handle_request(request)

    def close(self) -> None:
        self.inner.close()
