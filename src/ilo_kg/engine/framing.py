"""The framing protocol between the pool and its workers, owned here and used by both ends.

A worker and the pool talk over one stream socket (a ``socketpair``; the worker gets its end as an
inherited file descriptor).  Every message is one frame: an 8-byte big-endian length, then that many
bytes of a pickled Python value.  The pool sends ``(operation, payload)``; a worker answers
``(status, value, mode)``.  pyoxigraph terms pickle natively, which costs the web process less than
re-parsing a serialisation (bench/bench_pool.py).

Both ends read and write through :class:`Channel`; an event loop reads a frame with
:class:`FrameReader`, in loop callbacks, so a large answer never blocks the loop.
"""

from __future__ import annotations

import asyncio
import os
import pickle
import select
import socket
import struct
from typing import Any

__all__ = ["HEADER", "OUT_OF_MEMORY_EXIT", "Channel", "FrameReader", "FramingError"]

HEADER = struct.Struct("!Q")
"""A frame's header: the payload's length in bytes."""

MAX_FRAME = 1 << 40
"""A header announcing more than this is not a frame of this protocol (a stray write, a wrong fd)."""


class FramingError(OSError):
    """The other end sent something that is not a frame of this protocol."""


class Channel:
    """One end of a pool-worker connection: whole frames in, whole frames out (blocking)."""

    def __init__(self, sock: socket.socket) -> None:
        self._sock = sock

    @classmethod
    def pair(cls) -> tuple[Channel, Channel]:
        """Two connected ends (the second is handed to a worker by its file descriptor)."""
        left, right = socket.socketpair()
        return cls(left), cls(right)

    @classmethod
    def from_fd(cls, fd: int) -> Channel:
        """The end a worker inherited as file descriptor ``fd``."""
        return cls(socket.socket(fileno=fd))

    def fileno(self) -> int:
        return self._sock.fileno()

    def set_blocking(self, flag: bool) -> None:
        """Non-blocking (the pool's end, read by an event loop): :meth:`send` and :meth:`recv` still
        deliver whole frames, waiting for the socket when it is not ready."""
        self._sock.setblocking(flag)

    def send(self, value: Any) -> None:
        """Write one frame holding ``value`` (OSError when the other end is gone)."""
        data = pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
        if len(data) < 1 << 16:
            self._send_all(HEADER.pack(len(data)) + data)
        else:  # no copy of a large answer just to put the header in front
            self._send_all(HEADER.pack(len(data)))
            self._send_all(data)

    def _send_all(self, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                sent = self._sock.send(view)
            except BlockingIOError:
                select.select([], [self._sock], [])
                continue
            view = view[sent:]

    def poll(self, timeout_s: float | None) -> bool:
        """Whether a frame (or the other end's close) can be read within ``timeout_s`` seconds."""
        if self.closed:
            raise OSError("the connection is closed")
        readable, _, _ = select.select([self._sock], [], [], timeout_s)
        return bool(readable)

    def recv(self) -> Any:
        """Read one whole frame (blocking); EOFError when the other end closed before or during it."""
        (size,) = HEADER.unpack(self._exactly(HEADER.size))
        if size > MAX_FRAME:
            raise FramingError(f"a frame header announced {size} bytes: not a frame of this protocol")
        return pickle.loads(self._exactly(size))

    def _exactly(self, size: int) -> bytes:
        buffer = bytearray(size)
        view = memoryview(buffer)
        got = 0
        while got < size:
            try:
                n = self._sock.recv_into(view[got:], size - got)
            except BlockingIOError:
                select.select([self._sock], [], [])
                continue
            if n == 0:
                raise EOFError("the other end closed the connection")
            got += n
        return bytes(buffer)

    def close(self) -> None:
        self._sock.close()

    @property
    def closed(self) -> bool:
        return self._sock.fileno() < 0


class FrameReader:
    """Reads one frame from a non-blocking descriptor on an event loop, settling ``future`` with the
    pickled payload's bytes, or with the exception that ended the read (EOFError, OSError).

    Give :meth:`on_readable` to ``loop.add_reader``; :meth:`settle` also lets a timer end the wait.
    """

    def __init__(self, fd: int, future: asyncio.Future[Any]) -> None:
        self.fd = fd
        self.future = future
        self.buffer = bytearray()

    def settle(self, outcome: Any) -> None:
        if not self.future.done():
            self.future.set_result(outcome)

    def on_readable(self) -> None:
        while True:
            try:
                chunk = os.read(self.fd, 1 << 20)
            except BlockingIOError:
                return
            except OSError as exc:
                self.settle(exc)
                return
            if not chunk:
                self.settle(EOFError("the other end closed the connection"))
                return
            self.buffer += chunk
            try:
                payload = self._payload()
            except FramingError as exc:
                self.settle(exc)
                return
            if payload is not None:
                self.settle(payload)
                return

    def _payload(self) -> bytes | None:
        if len(self.buffer) < HEADER.size:
            return None
        (size,) = HEADER.unpack_from(self.buffer)
        if size > MAX_FRAME:
            raise FramingError(f"a frame header announced {size} bytes: not a frame of this protocol")
        if len(self.buffer) < HEADER.size + size:
            return None
        return bytes(self.buffer[HEADER.size : HEADER.size + size])


OUT_OF_MEMORY_EXIT = 86
"""Exit status of a worker that passed its memory limit (the pool reports it as ``MemoryLimit``)."""
