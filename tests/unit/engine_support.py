"""What the engine tests share: a query as the service hands it to the engine."""

from __future__ import annotations

from ilo_kg.engine.oxigraph import Request


def engine_request(text: str, fmt: str = "json", max_rows: int = 50, max_bytes: int = 0) -> Request:
    """A request as the service makes it for ``text``, its SELECT or ASK answer written in ``fmt``;
    ``fmt="none"``: the rows come back, written by no one."""
    return Request(
        text=text,
        bindings=(),
        default_graphs=None,
        named_graphs=None,
        text_names_dataset=False,
        max_rows=max_rows,
        formats=() if fmt == "none" else (("select", fmt), ("ask", fmt)),
        max_bytes=max_bytes,
    )
