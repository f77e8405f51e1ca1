"""SHACL validation (pySHACL) -> a report object with readable text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyshacl import validate as shacl_validate
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.term import Node

from ilo_kg.iris import DEFAULT_BASE_IRI, SH


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
            for old_id, new_id in ((DEFAULT_BASE_IRI + "id/", base_iri + "id/"),):
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
