"""SHACL validation (pySHACL) -> a report object with readable text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from ilo_kg.iris import DEFAULT_BASE_IRI, SH, Minter


@dataclass(frozen=True)
class Violation:
    """One result of a SHACL validation."""

    focus: str
    path: str | None
    value: str | None
    message: str
    constraint: str  # the constraint component, e.g. "MinCountConstraintComponent"
    shape: str
    severity: str  # Violation, Warning, Info

    def __str__(self) -> str:
        parts = [f"{self.severity}: {self.focus}"]
        if self.path:
            parts.append(f"path {self.path}")
        if self.value is not None:
            parts.append(f"value {self.value}")
        parts.append(f"[{self.constraint}]")
        return " ".join(parts) + f"\n    {self.message}"


@dataclass(frozen=True)
class ValidationReport:
    violations: tuple[Violation, ...]
    checked_triples: int

    @property
    def conforms(self) -> bool:
        return not any(v.severity == "Violation" for v in self.violations)

    def text(self) -> str:
        if not self.violations:
            return f"Conforms: {self.checked_triples} triples checked, no violations.\n"
        errors = sum(v.severity == "Violation" for v in self.violations)
        head = f"{'Does not conform' if errors else 'Conforms'}: {errors} violation(s)"
        others = len(self.violations) - errors
        if others:
            head += f", {others} warning(s)"
        lines = [head + f" in {self.checked_triples} triples checked.", ""]
        lines += [str(v) for v in sorted(self.violations, key=lambda v: (v.focus, v.path or "", v.message))]
        return "\n".join(lines) + "\n"


def load_shapes(folder: Path, base_iri: str = DEFAULT_BASE_IRI) -> Graph:
    """All shapes in ``folder``; IRI patterns written for the default base are moved to ``base_iri``."""
    shapes = Graph()
    for path in sorted(folder.glob("*.ttl")):
        text = path.read_text(encoding="utf-8")
        if base_iri != DEFAULT_BASE_IRI:
            # only instance IRIs move with the base; the ontology namespace never does
            for old_id, new_id in ((Minter(DEFAULT_BASE_IRI).id_space, Minter(base_iri).id_space),):
                text = text.replace(old_id.replace(".", "\\\\."), new_id.replace(".", "\\\\."))
                text = text.replace(old_id, new_id)
        shapes.parse(data=text, format="turtle", publicID=path.resolve().as_uri())
    return shapes


def _show(node: Node | None, data: Graph) -> str | None:
    if node is None:
        return None
    if isinstance(node, Literal):
        return node.n3()
    if isinstance(node, URIRef):
        return f"<{node}>"
    # a property path or another blank node: describe it in Turtle-ish form
    return node.n3()


def _short(node: Node | None) -> str:
    text = str(node or "")
    return text.rsplit("#", 1)[-1] if "#" in text else text.rsplit("/", 1)[-1]


def validate(data: Graph, shapes: Graph, ontology: Graph) -> ValidationReport:
    """Validate ``data`` against ``shapes``; class hierarchy from ``ontology`` (no other inference)."""
    _conforms, results, _text = shacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=True,
        advanced=True,
    )
    assert isinstance(results, Graph)
    violations = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        message = results.value(result, SH.resultMessage)
        shape = results.value(result, SH.sourceShape)
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_show(results.value(result, SH.resultPath), results),
                value=_show(results.value(result, SH.value), results),
                message=str(message) if message is not None else "constraint not met",
                constraint=_short(results.value(result, SH.sourceConstraintComponent)),
                shape=str(shape) if isinstance(shape, URIRef) else _short(shape),
                severity=_short(results.value(result, SH.resultSeverity)),
            )
        )
    return ValidationReport(violations=tuple(violations), checked_triples=len(data))


class InputError(ValueError):
    """A file to validate cannot be read: the message names the file and where it goes wrong."""


@dataclass(frozen=True)
class FileCheck:
    """What ``ilo-kg validate`` reports: the SHACL report and what reading the files noticed."""

    report: ValidationReport
    warnings: tuple[str, ...]
    against: str | None = None
    """The published graph the files were checked together with, if any."""

    def text(self) -> str:
        lines = [f"warning: {w}" for w in self.warnings]
        if self.against:
            lines.append(f"checked together with the published graph at {self.against}")
        return "".join(line + "\n" for line in lines) + self.report.text()


def _rdf_format(path: Path) -> tuple[str, Any]:
    """(rdflib format name, Oxigraph format) by the file's suffix; Turtle when the suffix says nothing."""
    import pyoxigraph as ox
    from rdflib.util import guess_format

    name = guess_format(path.name) or "turtle"
    oxigraph = {
        "turtle": ox.RdfFormat.TURTLE,
        "nt": ox.RdfFormat.N_TRIPLES,
        "ntriples": ox.RdfFormat.N_TRIPLES,
        "nquads": ox.RdfFormat.N_QUADS,
        "trig": ox.RdfFormat.TRIG,
        "xml": ox.RdfFormat.RDF_XML,
        "n3": ox.RdfFormat.N3,
    }.get(name)  # (JSON-LD is left to rdflib: its @context may be a document to load)
    return name, oxigraph


def read_files(paths: Sequence[Path]) -> tuple[Graph, tuple[str, ...]]:
    """The triples of every file (graph names dropped), and warnings (ill-typed literals...).

    Syntax is checked by Oxigraph first (its messages name line and column); rdflib then reads the
    file, its log messages captured as warnings instead of printed with their tracebacks.
    Raises :class:`InputError` (a missing file, a syntax error) and FileNotFoundError.
    """
    import logging

    import pyoxigraph as ox
    from rdflib import Dataset

    notes: list[str] = []

    class _Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            message = record.getMessage().splitlines()[0]
            error = record.exc_info[1] if record.exc_info else None
            datatype = re.search(r"Datatype=(\S+?),", message)
            lexical = _local("lexical", record.exc_info[2] if record.exc_info else None)
            if datatype and lexical is not None:  # rdflib could not read a typed literal
                message = f'ill-typed literal "{lexical}"^^<{datatype.group(1)}>'
            if error is not None:
                message += f": {error}"
            notes.append(f"{current}: {message}")

    data = Dataset(default_union=True)
    handler = _Collect(logging.WARNING)
    rdflib_log = logging.getLogger("rdflib")
    rdflib_log.addHandler(handler)
    propagate, rdflib_log.propagate = rdflib_log.propagate, False
    try:
        for path in paths:
            current = path
            if not path.is_file():
                raise FileNotFoundError(f"{path}: no such file")
            name, oxigraph = _rdf_format(path)
            if oxigraph is not None:
                try:
                    for _ in ox.parse(path=str(path), format=oxigraph, base_iri=path.resolve().as_uri()):
                        pass
                except SyntaxError as exc:
                    raise InputError(f"{path}: cannot parse as {name}: {exc}") from None
            try:
                data.parse(path, format=name)
            except Exception as exc:  # rdflib raises many parser error types
                raise InputError(f"{path}: cannot parse as {name}: {_readable(str(exc))}") from None
    finally:
        rdflib_log.removeHandler(handler)
        rdflib_log.propagate = propagate
    graph = Graph()
    for quad in data.quads():
        graph.add(quad[:3])
    return graph, tuple(dict.fromkeys(notes))


def _local(name: str, tb: Any) -> object | None:
    """A local variable of the frames of a traceback (the innermost one that has it)."""
    found = None
    while tb is not None:
        found = tb.tb_frame.f_locals.get(name, found)
        tb = tb.tb_next
    return found


def _readable(message: str) -> str:
    """rdflib's parser messages without the Python ``b'...'`` reprs of the text around the error."""
    message = re.sub(r"""\bb(['"])(.*?)\1""", lambda m: m.group(2), message, flags=re.S)
    return " ".join(message.replace("\\n", " ").split())


def check_files(
    paths: Sequence[Path], shapes: Graph, ontology: Graph, *, published: Path | None = None
) -> FileCheck:
    """Validate files against the shapes; with ``published`` (a release folder), together with its graph.

    Checked together, the files' links to resources the published graph holds (a source page, an
    office) meet their constraints; only results about the files' own subjects are reported.
    """
    data, notes = read_files(paths)
    if published is None:
        return FileCheck(validate(data, shapes, ontology), notes)
    union = published / "ilo-kg.nt"
    if not union.is_file():
        raise FileNotFoundError(f"no published graph at {published} (run the build first)")
    own = {str(s) for s in data.subjects()}
    merged = Graph()
    merged.parse(union, format="nt")
    for triple in data:
        merged.add(triple)
    report = validate(merged, shapes, ontology)
    mine = tuple(v for v in report.violations if v.focus in own)
    return FileCheck(ValidationReport(mine, len(data)), notes, against=str(published))
