"""A small answer leaves in one socket write; nothing is reordered, lost or held past its loop iteration."""

from __future__ import annotations

import asyncio

from ilo_kg.web.one_write import JOIN_MAX, OneWrite

HEAD = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\n"


class Recorder:
    def __init__(self) -> None:
        self.writes: list[bytes] = []
        self.closed = False

    def write(self, data: bytes) -> None:
        assert not self.closed
        self.writes.append(bytes(data))

    def is_closing(self) -> bool:
        return self.closed

    def close(self) -> None:
        self.closed = True

    def get_extra_info(self, name: str) -> str:
        return f"info {name}"


def _run(steps: list[bytes | str]) -> Recorder:
    """Writes (bytes), ``"yield"`` (the loop runs one iteration), ``"close"``; then the loop runs on."""
    recorder = Recorder()

    async def main() -> None:
        transport = OneWrite(recorder, asyncio.get_running_loop())
        for step in steps:
            if step == "yield":
                await asyncio.sleep(0)
            elif step == "close":
                transport.close()
            else:
                assert isinstance(step, bytes)
                transport.write(step)
        await asyncio.sleep(0)

    asyncio.run(main())
    return recorder


def test_a_head_and_its_body_leave_in_one_write() -> None:
    assert _run([HEAD, b"hello"]).writes == [HEAD + b"hello"]


def test_two_answers_on_one_connection_keep_their_order() -> None:
    second = HEAD.replace(b"200 OK", b"404 Not Found")
    assert _run([HEAD, b"hello", second, b"nope!"]).writes == [HEAD + b"hello", second + b"nope!"]


def test_a_head_without_a_body_yet_leaves_at_the_end_of_the_loop_iteration() -> None:
    recorder = _run([HEAD, "yield", b"hello"])
    assert recorder.writes == [HEAD, b"hello"]
    continue_ = b"HTTP/1.1 100 Continue\r\n\r\n"
    assert _run([continue_]).writes == [continue_]


def test_a_large_body_is_not_copied_to_be_joined() -> None:
    body = b"x" * (JOIN_MAX + 1)
    assert _run([HEAD, body]).writes == [HEAD, body]
    assert _run([HEAD, b"x" * JOIN_MAX]).writes == [HEAD + b"x" * JOIN_MAX]


def test_a_chunked_body_after_its_head() -> None:
    head = b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
    chunks = [b"5\r\nhello\r\n", b"0\r\n\r\n"]
    assert _run([head, *chunks]).writes == [head + chunks[0], chunks[1]]


def test_a_held_head_is_sent_before_the_connection_closes() -> None:
    recorder = _run([HEAD, "close"])
    assert recorder.writes == [HEAD] and recorder.closed


def test_anything_else_is_the_transport_s() -> None:
    recorder = Recorder()

    async def main() -> str:
        return str(OneWrite(recorder, asyncio.get_running_loop()).get_extra_info("peername"))

    assert asyncio.run(main()) == "info peername"
