"""The canned-query catalogue: one ``.rq`` file per query, a ``#+`` YAML header each.

A file is valid SPARQL; its header (comment lines starting with ``#+``) declares
the title, description and typed parameters::

    #+ title: Projects by funder
    #+ params:
    #+   funder: {type: iri, namespace: "https://w3id.org/ilo-kg/id/organization/", required: true}

Request values are checked against the declared type and bound as RDF terms to
the variable of the same name (``?funder``).  Request text is never spliced into the
query: :meth:`CannedQuery.prepared` writes each bound term as one validated token in
place of its variable (engines plan constants far better than substitutions), or, where
that cannot be done safely, passes the terms to the engine as substitutions.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox
import yaml

from ilo_kg.engine.contract import BindingError, ResultKind, Term
from ilo_kg.safety import QuerySyntaxError, check_query
from ilo_kg.sparql_text import inline_constants

__all__ = [
    "PARAM_TYPES",
    "CannedQuery",
    "Catalogue",
    "CatalogueError",
    "Param",
    "ParameterError",
    "UnknownQuery",
    "load_catalogue",
    "parse_query_file",
]

ParamType = Literal["iri", "string", "integer", "date", "enum"]
PARAM_TYPES: tuple[str, ...] = ("iri", "string", "integer", "date", "enum")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGER = re.compile(r"^[+-]?[0-9]+$")
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
_FILE_NAME = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
_IRI_FORBIDDEN = re.compile(r"[\x00-\x20<>\"{}|^`\\]")
_KIND = re.compile(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


class _Loader(yaml.SafeLoader):
    """YAML 1.2 booleans only: a parameter named ``on`` or ``no`` stays a name."""


_Loader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class CatalogueError(ValueError):
    """A query file cannot be loaded; the message names the file and the problem."""


class UnknownQuery(KeyError):
    """No canned query of that name."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "unknown query"


class ParameterError(ValueError):
    """A request value does not fit the declared parameter (answer 400)."""

    def __init__(self, name: str, message: str) -> None:
        super().__init__(f"parameter {name!r}: {message}")
        self.name = name


@dataclass(frozen=True)
class Param:
    """One declared parameter of a canned query."""

    name: str
    type: ParamType
    description: str = ""
    namespace: str | None = None
    values: tuple[str, ...] = ()
    required: bool = False
    default: str | None = None
    example: str | None = None

    def expected(self) -> str:
        """What a value must look like, in words."""
        if self.type == "iri":
            where = f" in the namespace <{self.namespace}>" if self.namespace else ""
            return f"an absolute IRI{where}"
        if self.type == "integer":
            return "an integer (e.g. 42)"
        if self.type == "date":
            return "a date as YYYY-MM-DD"
        if self.type == "enum":
            return "one of " + ", ".join(self.values)
        return "a string"

    def term(self, raw: str) -> Term:
        """The RDF term for a request value; raises :class:`ParameterError`."""
        value = raw.strip() if self.type != "string" else raw
        if self.type == "string":
            return ox.Literal(value)
        if self.type == "integer":
            if not _INTEGER.match(value):
                raise ParameterError(self.name, f"expected {self.expected()}, got {raw!r}")
            return ox.Literal(str(int(value)), datatype=ox.NamedNode(_XSD + "integer"))
        if self.type == "date":
            try:
                if not _DATE.match(value):
                    raise ValueError(value)
                day = dt.date.fromisoformat(value)
            except ValueError:
                raise ParameterError(self.name, f"expected {self.expected()}, got {raw!r}") from None
            return ox.Literal(day.isoformat(), datatype=ox.NamedNode(_XSD + "date"))
        if self.type == "enum":
            if value not in self.values:
                raise ParameterError(self.name, f"expected {self.expected()}, got {raw!r}")
            if self.namespace:
                return ox.NamedNode(self.namespace + value)
            return ox.Literal(value)
        return self._iri(value, raw)

    def _iri(self, value: str, raw: str) -> ox.NamedNode:
        if self.namespace and ":" not in value and value:
            value = self.namespace + value  # a bare key: "european-union"
        if not value or _IRI_FORBIDDEN.search(value) or not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", value):
            raise ParameterError(self.name, f"expected {self.expected()}, got {raw!r}")
        if self.namespace and not value.startswith(self.namespace):
            raise ParameterError(
                self.name, f"expected an IRI in the namespace <{self.namespace}>, got <{value}>"
            )
        try:
            return ox.NamedNode(value)
        except ValueError:
            raise ParameterError(self.name, f"expected {self.expected()}, got {raw!r}") from None

    def schema(self) -> dict[str, Any]:
        """The JSON Schema of the parameter (for the OpenAPI document)."""
        out: dict[str, Any]
        if self.type == "integer":
            out = {"type": "integer"}
        elif self.type == "date":
            out = {"type": "string", "format": "date"}
        elif self.type == "enum":
            out = {"type": "string", "enum": list(self.values)}
        elif self.type == "iri":
            out = {"type": "string", "format": "iri"}
            if self.namespace:
                out["pattern"] = "^" + re.escape(self.namespace)
        else:
            out = {"type": "string"}
        if self.default is not None:
            out["default"] = int(self.default) if self.type == "integer" else self.default
        return out


@dataclass(frozen=True)
class CannedQuery:
    """One ``.rq`` file: its header and its SPARQL text."""

    name: str
    title: str
    description: str
    params: tuple[Param, ...]
    text: str
    kind: ResultKind
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bind(self, values: Mapping[str, str | Sequence[str]]) -> dict[str, Term]:
        """Check request values and return ``{variable: term}``; raises :class:`ParameterError`.

        A value may be a string or a sequence (a repeated query parameter, refused).
        Missing parameters take their default; a missing required one is an error.
        """
        declared = {p.name for p in self.params}
        for name in values:
            if name not in declared:
                known = ", ".join(sorted(declared)) or "none"
                raise ParameterError(name, f"unknown parameter of query {self.name!r} (it takes: {known})")
        bindings: dict[str, Term] = {}
        for param in self.params:
            raw = values.get(param.name)
            if not isinstance(raw, str) and raw is not None:
                if len(raw) != 1:
                    raise ParameterError(param.name, "given more than once")
                raw = raw[0]
            if raw is None or (raw == "" and param.type != "string"):
                raw = param.default
            if raw is None:
                if param.required:
                    raise ParameterError(param.name, f"required: expected {param.expected()}")
                continue
            bindings[param.name] = param.term(raw)
        return bindings

    def prepared(self, bindings: Mapping[str, Term]) -> tuple[str, dict[str, Term]]:
        """The text to run and the bindings still to substitute (none when they were written in)."""
        try:
            text = inline_constants(self.text, tuple(bindings.items()))
        except BindingError:
            text = None
        if text is None:
            return self.text, dict(bindings)
        return text, {}

    def example_values(self) -> dict[str, str]:
        """Example (or default) values of the parameters that have one."""
        out: dict[str, str] = {}
        for p in self.params:
            value = p.example if p.example is not None else p.default
            if value is not None:
                out[p.name] = value
        return out


@dataclass(frozen=True)
class Catalogue:
    """Every canned query, by name (sorted)."""

    queries: tuple[CannedQuery, ...] = ()

    def get(self, name: str) -> CannedQuery:
        for query in self.queries:
            if query.name == name:
                return query
        known = ", ".join(q.name for q in self.queries) or "none"
        raise UnknownQuery(f"no canned query named {name!r} (known: {known})")

    def __contains__(self, name: object) -> bool:
        return any(q.name == name for q in self.queries)

    def __iter__(self) -> Iterator[CannedQuery]:
        return iter(self.queries)

    def __len__(self) -> int:
        return len(self.queries)


def load_catalogue(folder: Path) -> Catalogue:
    """Every ``*.rq`` file of ``folder`` (an absent folder is an empty catalogue)."""
    if not folder.is_dir():
        return Catalogue()
    return Catalogue(tuple(parse_query_file(path) for path in sorted(folder.glob("*.rq"))))


def parse_query_file(path: Path) -> CannedQuery:
    """One ``.rq`` file; raises :class:`CatalogueError` naming the file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogueError(f"{path}: cannot read the query file: {exc}") from None
    return parse_query_text(path.stem, text, path=path)


def parse_query_text(name: str, text: str, *, path: Path | None = None) -> CannedQuery:
    where = str(path) if path is not None else name
    if not _FILE_NAME.match(name):
        raise CatalogueError(f"{where}: a query name must be lowercase letters, digits, '-' or '_'")
    header = _header(text)
    try:
        meta = yaml.load(header, Loader=_Loader) if header.strip() else None
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{where}: the '#+' header is not valid YAML: {exc}") from None
    if not isinstance(meta, dict):
        raise CatalogueError(f"{where}: the '#+' header must be a mapping with at least 'title'")
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise CatalogueError(f"{where}: the header needs a 'title' (a string)")
    description = meta.get("description", "")
    if not isinstance(description, str):
        raise CatalogueError(f"{where}: 'description' must be a string")
    unknown = set(meta) - {"title", "description", "params"}
    if unknown:
        raise CatalogueError(f"{where}: unknown header key(s): {', '.join(sorted(map(str, unknown)))}")
    params = _params(meta.get("params") or {}, where, text)
    try:
        check_query(text, known_graphs=(), service_allowlist=())
    except QuerySyntaxError as exc:
        raise CatalogueError(f"{where}: {exc}") from None
    except Exception as exc:  # refused: an update, or SERVICE
        if "Update" in str(exc) or "SERVICE" in str(exc):
            raise CatalogueError(f"{where}: {exc}") from None
    query = CannedQuery(name, title.strip(), description.strip(), params, text, _kind(text), path)
    for param in params:  # defaults and examples must themselves be valid values
        for label, value in (("default", param.default), ("example", param.example)):
            if value is not None:
                try:
                    param.term(value)
                except ParameterError as exc:
                    raise CatalogueError(f"{where}: the {label} of {exc}") from None
    return query


def _header(text: str) -> str:
    lines = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("#+"):
            body = stripped[2:]
            lines.append(body[1:] if body.startswith(" ") else body)
    return "\n".join(lines)


def _params(raw: object, where: str, text: str) -> tuple[Param, ...]:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{where}: 'params' must be a mapping of parameter name to its declaration")
    params: list[Param] = []
    for name, decl in raw.items():
        if not isinstance(name, str) or not _NAME.match(name):
            raise CatalogueError(f"{where}: parameter name {name!r} is not a SPARQL variable name")
        if name in ("format", "query"):
            raise CatalogueError(f"{where}: parameter name {name!r} is reserved")
        if not isinstance(decl, dict):
            raise CatalogueError(f"{where}: parameter {name!r} must be a mapping with at least 'type'")
        unknown = set(decl) - {"type", "description", "namespace", "values", "required", "default", "example"}
        if unknown:
            raise CatalogueError(f"{where}: parameter {name!r}: unknown key(s) {', '.join(sorted(unknown))}")
        kind = decl.get("type")
        if kind not in PARAM_TYPES:
            raise CatalogueError(
                f"{where}: parameter {name!r}: type must be one of {', '.join(PARAM_TYPES)}, got {kind!r}"
            )
        values = decl.get("values") or ()
        if kind == "enum" and (not isinstance(values, list) or not values):
            raise CatalogueError(f"{where}: parameter {name!r}: an enum needs a non-empty 'values' list")
        namespace = decl.get("namespace")
        if namespace is not None and not isinstance(namespace, str):
            raise CatalogueError(f"{where}: parameter {name!r}: 'namespace' must be a string")
        if not re.search(r"[?$]" + name + r"\b", _body(text)):
            raise CatalogueError(f"{where}: parameter {name!r} is not used as ?{name} in the query")
        params.append(
            Param(
                name=name,
                type=kind,
                description=str(decl.get("description", "")),
                namespace=namespace,
                values=tuple(str(v) for v in values),
                required=bool(decl.get("required", False)),
                default=None if decl.get("default") is None else _text(decl["default"]),
                example=None if decl.get("example") is None else _text(decl["example"]),
            )
        )
    return tuple(params)


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _body(text: str) -> str:
    """The query text without comment-only lines."""
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


def _kind(text: str) -> ResultKind:
    body = re.sub(r"<[^>]*>", "<>", _body(text))
    match = _KIND.search(body)
    word = match.group(1).upper() if match else "SELECT"
    if word == "ASK":
        return "ask"
    if word in ("CONSTRUCT", "DESCRIBE"):
        return "construct"
    return "select"
