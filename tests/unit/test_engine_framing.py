"""The pool-worker framing: whole frames both ways, a closed end is EOFError, a stray header is refused."""

from __future__ import annotations

import asyncio
import os
import threading
from typing import Any

import pyoxigraph as ox
import pytest

from ilo_kg.engine.contract import QuerySyntaxError, Result
from ilo_kg.engine.framing import HEADER, Channel, FrameReader, FramingError


def test_values_cross_whole_both_ways() -> None:
    left, right = Channel.pair()
    result = Result(kind="select", variables=("s",), rows=((ox.NamedNode("https://example.org/a"),),))
    left.send(("query", result))
    assert right.poll(1.0)
    assert right.recv() == ("query", result)
    right.send(("error", QuerySyntaxError("bad", 1, 2)))
    status, error = left.recv()
    assert status == "error" and isinstance(error, QuerySyntaxError) and (error.line, error.column) == (1, 2)
    left.close()
    right.close()


def test_a_frame_larger_than_the_socket_buffer_arrives_whole() -> None:
    left, right = Channel.pair()
    big = b"x" * (8 << 20)
    sender = threading.Thread(target=left.send, args=(big,))
    sender.start()
    assert right.recv() == big
    sender.join()


def test_nothing_to_read_is_seen_by_poll() -> None:
    left, right = Channel.pair()
    assert not right.poll(0.05)
    left.send(1)
    assert right.poll(1.0)


def test_a_closed_end_is_eof_even_mid_frame() -> None:
    left, right = Channel.pair()
    left.close()
    with pytest.raises(EOFError):
        right.recv()
    left, right = Channel.pair()
    os.write(left.fileno(), HEADER.pack(100) + b"only part")
    left.close()
    with pytest.raises(EOFError):
        right.recv()


def test_a_header_no_frame_could_have_is_refused() -> None:
    left, right = Channel.pair()
    os.write(left.fileno(), b"GET / HTTP/1.1\r\n")
    with pytest.raises(FramingError):
        right.recv()


def test_a_closed_channel_cannot_be_polled() -> None:
    left, _ = Channel.pair()
    left.close()
    with pytest.raises(OSError):
        left.poll(0)


def _read_on_loop(channel: Channel) -> Any:
    async def read() -> Any:
        loop = asyncio.get_running_loop()
        reader = FrameReader(channel.fileno(), loop.create_future())
        os.set_blocking(reader.fd, False)
        loop.add_reader(reader.fd, reader.on_readable)
        try:
            return await asyncio.wait_for(reader.future, 5)
        finally:
            loop.remove_reader(reader.fd)
            os.set_blocking(reader.fd, True)

    return asyncio.run(read())


def test_the_loop_reader_gives_the_payload_of_one_frame() -> None:
    import pickle

    left, right = Channel.pair()
    payload = list(range(200_000))
    sender = threading.Thread(target=left.send, args=(("ok", payload, "disk"),))
    sender.start()
    outcome = _read_on_loop(right)
    sender.join()
    assert pickle.loads(outcome) == ("ok", payload, "disk")


def test_the_loop_reader_reports_a_closed_end_and_a_stray_header() -> None:
    left, right = Channel.pair()
    left.close()
    assert isinstance(_read_on_loop(right), EOFError)
    left, right = Channel.pair()
    os.write(left.fileno(), b"\xff" * 16)
    assert isinstance(_read_on_loop(right), FramingError)
