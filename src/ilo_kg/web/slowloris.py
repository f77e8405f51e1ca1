"""A time limit for reading a request's headers (a slowloris guard) around uvicorn's HTTP protocol.

uvicorn closes an idle keep-alive connection after ``timeout_keep_alive``, but a connection that sends
its request line and headers one byte at a time, or nothing at all after connecting, is kept open for
ever.  The protocol below closes a connection whose request headers are not complete within
``header_timeout_s`` of the connection opening, or of the first byte of the next request on it, and
one that sends more than :data:`MAX_HEADER_BYTES` before its headers are complete (a request line and
headers that never end) gets ``431`` and is closed: llhttp itself sets no such limit.

The same protocol writes through :class:`~ilo_kg.web.one_write.OneWrite`: a small answer leaves in one
socket write instead of two.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ilo_kg.web.one_write import OneWrite

MAX_HEADER_BYTES = 256 * 1024
"""Bytes a request line and headers may take (a long GET query string included)."""


def guarded_protocol(header_timeout_s: float) -> type[asyncio.Protocol] | str:
    """uvicorn's httptools protocol with a deadline for the request headers (plain ``h11`` when
    httptools is missing: then only uvicorn's own limits apply)."""
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol as Base
    except ImportError:  # pragma: no cover - httptools is a dependency
        return "h11"

    class HeaderDeadline(Base):
        _deadline: asyncio.TimerHandle | None = None
        _header_bytes = 0

        def _arm(self) -> None:
            self._disarm()
            self._header_bytes = 0
            if header_timeout_s > 0:
                self._deadline = self.loop.call_later(header_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.transport.close()

        def data_received(self, data: bytes) -> None:
            if self._deadline is not None:  # the headers are not complete yet
                self._header_bytes += len(data)
                if self._header_bytes > MAX_HEADER_BYTES:
                    self._disarm()
                    if not self.transport.is_closing():
                        message = b"request line and headers too large"
                        self.transport.write(
                            b"HTTP/1.1 431 Request Header Fields Too Large\r\ncontent-type: text/plain\r\n"
                            b"content-length: %d\r\nconnection: close\r\n\r\n%s" % (len(message), message)
                        )
                        self.transport.close()
                    return
            super().data_received(data)

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            self.transport = OneWrite(transport, self.loop)  # type: ignore[assignment]
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._deadline is None:
                self._arm()

        def on_headers_complete(self) -> None:
            self._disarm()
            super().on_headers_complete()

    return HeaderDeadline
