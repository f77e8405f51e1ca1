"""One query's way through the service, the same for every caller and every engine.

``check`` → ``prepare`` → ``run`` → ``write``:

* **check**: a text from outside (``/sparql``, ``ilo-kg query``) is refused here or nowhere: its
  nesting, its syntax, SPARQL Update, a SERVICE outside the allow-list (:func:`ilo_kg.safety.check_query`).
  Texts written by the project (the canned catalogue, checked when it is loaded; the pages' own
  queries) are prepared with ``check=False``.
* **prepare**: the text with its bindings, the protocol's dataset, the base IRI and the formats the
  engine may write the answer in (from the request's :class:`~ilo_kg.formats.Plan`).
* **run**: on the engine behind the :class:`~ilo_kg.engine.contract.Store` contract, awaited from an
  event loop (:meth:`QueryService.run_async`) or blocking (:meth:`QueryService.run`), with the
  settings' time limit and row cap.
* **write**: the answer in the planned format, the body the engine wrote used as it is, a cut answer
  noted where the format has comments.

The web layer (``/sparql``, canned queries, pages) and the CLI both go through it; what an error
becomes over HTTP is :mod:`ilo_kg.web.problems`' table.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ilo_kg.config import Settings
from ilo_kg.engine.contract import EngineError, Result, Store, Term
from ilo_kg.formats import Format, Plan, serialize
from ilo_kg.safety import CheckedQuery, check_query

__all__ = ["Prepared", "QueryService"]


@dataclass(frozen=True)
class Prepared:
    """A query ready to run: what the engine is given."""

    text: str
    bindings: Mapping[str, Term] | None = None
    default_graphs: Sequence[str] | None = None
    named_graphs: Sequence[str] | None = None
    base_iri: str | None = None
    formats: Mapping[str, str] = field(default_factory=dict)
    """Result kind to format name: the engine may write the answer where it runs."""


@dataclass(frozen=True)
class QueryService:
    """Check, prepare, run and write queries on one engine with the settings' limits."""

    store: Store
    timeout_s: float
    max_rows: int
    max_result_bytes: int = 0
    service_allowlist: tuple[str, ...] = ()

    @classmethod
    def from_settings(cls, store: Store, settings: Settings) -> QueryService:
        return cls(
            store,
            timeout_s=settings.timeout_s,
            max_rows=settings.max_rows,
            max_result_bytes=settings.max_result_bytes,
            service_allowlist=tuple(settings.service_allowlist),
        )

    def check(self, text: str, *, base_iri: str | None = None) -> CheckedQuery:
        """Refuse what may not run (:class:`QuerySyntaxError`, :class:`QueryRefused`); the one place
        where a text from outside is checked, whichever engine runs it."""
        return check_query(
            text,
            known_graphs=self.store.graphs(),
            service_allowlist=self.service_allowlist,
            base_iri=base_iri,
        )

    def prepare(
        self,
        text: str,
        *,
        bindings: Mapping[str, Term] | None = None,
        default_graphs: Sequence[str] | None = None,
        named_graphs: Sequence[str] | None = None,
        base_iri: str | None = None,
        plan: Plan | None = None,
        check: bool = True,
    ) -> Prepared:
        """The query, checked unless it is the project's own text (``check=False``)."""
        if check:
            self.check(text, base_iri=base_iri)
        return Prepared(
            text=text,
            bindings=bindings,
            default_graphs=default_graphs,
            named_graphs=named_graphs,
            base_iri=base_iri,
            formats=plan.engine_formats() if plan is not None else {},
        )

    async def run_async(self, prepared: Prepared) -> Result:
        """Run on the engine from an event loop (the loop is never blocked)."""
        return await self.store.query_async(
            prepared.text,
            bindings=prepared.bindings,
            default_graphs=prepared.default_graphs,
            named_graphs=prepared.named_graphs,
            timeout_s=self.timeout_s,
            max_rows=self.max_rows,
            formats=prepared.formats or None,
            base_iri=prepared.base_iri,
        )

    def run(self, prepared: Prepared) -> Result:
        """Run on the engine, blocking this thread (the answer's rows or triples come back)."""
        return self.store.query(
            prepared.text,
            bindings=prepared.bindings,
            default_graphs=prepared.default_graphs,
            named_graphs=prepared.named_graphs,
            timeout_s=self.timeout_s,
            max_rows=self.max_rows,
            base_iri=prepared.base_iri,
        )

    def write(
        self,
        result: Result,
        fmt: Format,
        *,
        context: Mapping[str, Any] | None = None,
        note_truncation: bool = True,
    ) -> bytes:
        """The answer in ``fmt``: the engine's body when it wrote it, else written here (``context``
        compacts JSON-LD); a cut answer ends with a comment saying why where the format has comments."""
        if result.body is not None:
            if result.body_format != fmt.name:  # a plan is negotiated once: this is a bug, not a request
                raise EngineError(f"the answer was written as {result.body_format}, not {fmt.name}")
            body = result.body
        else:
            body = serialize(result, fmt, context=context)
        note = self.truncation_note(result)
        if note_truncation and note is not None and fmt.comment is not None:
            marker = fmt.comment.format(f"truncated: {note}").encode()
            body = body + marker if body.endswith(b"\n") else body + b"\n" + marker
        return body

    def truncation_note(self, result: Result) -> str | None:
        """Why the answer was cut (None when it was not)."""
        if not result.truncated:
            return None
        if result.cut_by == "bytes":
            return f"the result passed the result-size cap of {self.max_result_bytes} bytes"
        return f"the engine had more rows than the result-row cap of {self.max_rows}"
