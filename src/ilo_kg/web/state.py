"""What every route needs: the settings, the store, the catalogue, the published files."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from fastapi import Request
from fastapi.templating import Jinja2Templates
from markupsafe import Markup, escape

from ilo_kg.config import Settings
from ilo_kg.engine.contract import Store, Term
from ilo_kg.engine.service import QueryService
from ilo_kg.iris import ONTOLOGY_IRI, PREFIXES, Minter
from ilo_kg.queries import Catalogue

TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
STATE_KEY = "ilo_kg.state"
"""Where a request's pinned :class:`AppState` sits in its ASGI scope (:mod:`ilo_kg.web.release_switch`)."""
VERSION_KEY = "ilo_kg.version"
"""The pinned release's version in the scope (the response cache keys its entries by it)."""


@dataclass
class AppState:
    settings: Settings
    store: Store
    catalogue: Catalogue
    manifest: dict[str, Any]
    release: Path
    """The release folder the service opened (``dist`` resolved once): every published file is read
    from it, so a build that switches ``dist`` meanwhile never mixes two releases' bytes."""
    templates: Jinja2Templates = field(init=False)
    cache: Any = None
    limits: Any = None
    """The per-client limits (:class:`ilo_kg.web.limits.ClientLimits`)."""
    labels: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    """The label index of this release (:mod:`ilo_kg.web.labels`), read on first use."""
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False)
    """The response cache (:class:`ilo_kg.web.cache.ResponseCache`) once the app has started."""

    def __post_init__(self) -> None:
        self.templates = Jinja2Templates(directory=str(TEMPLATES))
        env = self.templates.env
        env.globals.update(term=self.term_html, local=self.local, curie=curie, state=self)
        env.filters["curie"] = curie

    @classmethod
    def load(cls, settings: Settings, store: Store, catalogue: Catalogue) -> AppState:
        release = settings.dist.resolve()
        path = release / "manifest.json"
        manifest: dict[str, Any] = json.loads(path.read_text()) if path.is_file() else {}
        return cls(settings=settings, store=store, catalogue=catalogue, manifest=manifest, release=release)

    @property
    def service(self) -> QueryService:
        """The query service on this state's engine, with its settings' limits (every route's queries
        go through it: check, prepare, run, write)."""
        service = self._memo.get("service")
        if not isinstance(service, QueryService) or service.store is not self.store:
            service = self._memo["service"] = QueryService.from_settings(self.store, self.settings)
        return service

    @property
    def version(self) -> str:
        return str(self.manifest.get("version", "unversioned"))

    @property
    def files(self) -> dict[str, dict[str, Any]]:
        files = self.manifest.get("files", {})
        return files if isinstance(files, dict) else {}

    @property
    def base(self) -> str:
        return self.settings.base_iri

    def context(self) -> dict[str, Any] | None:
        """The published JSON-LD context's ``@context`` (None when not published); read once."""
        if "context" not in self._memo:
            self._memo["context"] = self._read_context()
        context: dict[str, Any] | None = self._memo["context"]
        return context

    def _read_context(self) -> dict[str, Any] | None:
        path = self.release / "context.jsonld"
        if not path.is_file():
            return None
        doc = json.loads(path.read_text())
        ctx = doc.get("@context", doc) if isinstance(doc, dict) else None
        return ctx if isinstance(ctx, dict) else None

    def etag(self, *parts: str) -> str:
        """A strong validator: the dataset version and what selects the representation."""
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]
        return f'"{self.version}-{digest}"'

    def local(self, iri: str) -> str:
        """This host's path for an IRI of the dataset (the IRI itself otherwise)."""
        if iri.startswith(Minter(self.base).id_space):
            return "/" + iri[len(self.base) :]
        if iri.startswith(ONTOLOGY_IRI + "#"):
            return "/ontology#" + iri.split("#", 1)[1]
        if iri == ONTOLOGY_IRI:
            return "/ontology"
        return iri

    def term_html(self, term: Term | str | None, label: str | None = None) -> Markup:
        """A term as HTML: IRIs as labelled links (local where ours), literals with tag or type."""
        if term is None:
            return Markup("")
        if isinstance(term, str):
            term = ox.NamedNode(term)
        if isinstance(term, ox.NamedNode):
            text = label or curie(term.value)
            title = escape(term.value)
            return Markup(f'<a href="{escape(self.local(term.value))}" title="{title}">{escape(text)}</a>')
        if isinstance(term, ox.BlankNode):
            return Markup(f"<code>_:{escape(term.value)}</code>")
        if isinstance(term, ox.Literal):
            extra = ""
            if term.language:
                extra = f' <span class="tag">@{escape(term.language)}</span>'
            elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
                extra = f' <span class="tag">{escape(curie(term.datatype.value))}</span>'
            return Markup(f"{escape(term.value)}{extra}")
        return Markup(f"<code>{escape(str(term))}</code>")


def curie(iri: str) -> str:
    """``schema:Project`` for a known namespace; the IRI otherwise."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        rest = iri[len(PREFIXES[best]) :]
        if rest and all(c.isalnum() or c in "_-." for c in rest):
            return f"{best}:{rest}"
    return iri


def get_state(request: Request) -> AppState:
    """The release this request runs on: pinned when it arrived, so a request never mixes two releases."""
    state: AppState | None = request.scope.get(STATE_KEY)
    if state is None:
        state = request.app.state.kg
    return state
