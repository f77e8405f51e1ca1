"""Errors as HTTP answers: :class:`Problem`, and the one table saying what each engine error becomes.

Every route that runs a query (``/sparql``, the canned queries, resource pages, the label index)
turns the errors of the engine contract and of the per-client limits into responses through
:data:`ERROR_TABLE`, so an error gets the same status, ``Retry-After`` and message wherever it
happens.  To change what a client sees for an error, change its row; a new engine error gets a row
(rows are tried in order: a subclass goes before its base).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass

from ilo_kg.engine.contract import (
    BindingError,
    EngineBusy,
    MemoryLimit,
    QueryError,
    QueryRefused,
    QuerySyntaxError,
    QueryTimeout,
    UnknownGraph,
)
from ilo_kg.web.limits import ClientGone, TooManyQueries

__all__ = ["ERROR_TABLE", "ErrorRow", "Problem", "engine_problems", "problem_for"]


class Problem(Exception):
    """An HTTP error with a message for the body (rendered by the app's handler)."""

    def __init__(self, status: int, message: str, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = dict(headers or {})


@dataclass(frozen=True)
class ErrorRow:
    """What one kind of error becomes: its status, its ``Retry-After`` (seconds, None: no header;
    a function when the error knows) and its message (``{error}`` is the error's own text)."""

    error: type[Exception]
    status: int
    retry_after: int | Callable[[Exception], int] | None = None
    message: str = "{error}"


def _client_retry(exc: Exception) -> int:
    return exc.retry_after if isinstance(exc, TooManyQueries) else 1


ERROR_TABLE: tuple[ErrorRow, ...] = (
    ErrorRow(TooManyQueries, 429, _client_retry),
    ErrorRow(ClientGone, 499),
    ErrorRow(QuerySyntaxError, 400),
    ErrorRow(UnknownGraph, 400),
    ErrorRow(QueryRefused, 403),
    ErrorRow(BindingError, 400),
    ErrorRow(QueryTimeout, 503, 5),
    ErrorRow(EngineBusy, 503, 2),
    ErrorRow(MemoryLimit, 503),
    ErrorRow(QueryError, 500, message="the query engine failed: {error}"),
)
"""Engine and client-limit errors, most specific first (see the module doc)."""


def problem_for(exc: Exception, doing: str | None = None) -> Problem | None:
    """The Problem the table gives ``exc`` (None when no row names it); ``doing`` (``the label index
    could not be read``) goes before the message, to say what the request was doing."""
    for row in ERROR_TABLE:
        if isinstance(exc, row.error):
            text = exc.message if isinstance(exc, TooManyQueries) else str(exc)
            message = row.message.format(error=text)
            if doing:
                message = f"{doing}: {message}"
            retry = row.retry_after(exc) if callable(row.retry_after) else row.retry_after
            return Problem(row.status, message, {} if retry is None else {"Retry-After": str(retry)})
    return None


@contextlib.contextmanager
def engine_problems(doing: str | None = None) -> Iterator[None]:
    """Errors of the table raised inside become their Problems; any other error goes on."""
    try:
        yield
    except (QueryError, TooManyQueries, ClientGone) as exc:
        problem = problem_for(exc, doing)
        if problem is None:  # pragma: no cover - every class caught has a row
            raise
        raise problem from None
