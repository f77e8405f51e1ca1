"""``/data/``: the published dumps with size, SHA-256 and version; VoID and the DCAT record."""

from __future__ import annotations

import hashlib
import json

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, Response

from ilo_kg.formats import GRAPH_FORMATS, HTML, content_type, find, serialize_triples
from ilo_kg.iris import PREFIXES
from ilo_kg.void import SPDX, dcat_record
from ilo_kg.web.resources import _convert, _published
from ilo_kg.web.responses import VARY, Problem, html, not_modified, pick, wants_html
from ilo_kg.web.state import AppState, get_state

router = APIRouter(tags=["Data"])

_OTHER_TYPES = {
    "json": "application/json",
    "txt": "text/plain; charset=utf-8",
    "jsonld": "application/ld+json",
}


def _media_type(name: str) -> str:
    suffix = name.rpartition(".")[2]
    fmt = find(suffix)
    if fmt is not None and fmt.suffix == suffix and fmt.kind == "graph":
        return content_type(fmt)
    return _OTHER_TYPES.get(suffix, "application/octet-stream")


MANIFEST = "manifest.json"


def _files(state: AppState) -> dict[str, dict[str, object]]:
    """The published files: the manifest's list, and the manifest itself (it cannot list its own digest)."""
    files = dict(state.files)
    path = state.release / MANIFEST  # the release the service opened, never through the dist link
    if MANIFEST not in files and path.is_file():
        if MANIFEST not in state._memo:
            data = path.read_bytes()
            state._memo[MANIFEST] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        files[MANIFEST] = state._memo[MANIFEST]
    return files


def listing(state: AppState) -> list[dict[str, object]]:
    return [
        {
            "name": name,
            "url": f"/data/{name}",
            "bytes": info.get("bytes"),
            "sha256": info.get("sha256"),
            "media_type": _media_type(name).split(";")[0],
        }
        for name, info in sorted(_files(state).items())
    ]


@router.get("/data", include_in_schema=False)
@router.get("/data/", summary="The published files: dumps, context, VoID, ontology, shapes")
def data_index(request: Request) -> Response:
    state = get_state(request)
    as_html = request.query_params.get("format") == "html" or (
        request.query_params.get("format") is None and wants_html(request)
    )
    etag = state.etag("data-index", "html" if as_html else "json")
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    files = listing(state)
    if as_html:
        return html(state, request, "data.html", files=files, etag=etag)
    body = json.dumps({"version": state.version, "files": files}, indent=1)
    return Response(body, media_type="application/json", headers={**VARY, "ETag": etag})


@router.get("/data/{name}", summary="One published file")
def data_file(request: Request, name: str) -> Response:
    state = get_state(request)
    info = _files(state).get(name)
    if info is None:
        known = ", ".join(sorted(_files(state))) or "none"
        raise Problem(404, f"no published file {name!r}; the files are: {known}")
    etag = f'"{state.version}-{str(info.get("sha256", ""))[:16]}"'
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    path = _published(state, name)
    return FileResponse(path, media_type=_media_type(name), headers={"ETag": etag}, filename=name)


def _void(request: Request, suffix: str | None = None, *, dcat_only: bool = False) -> Response:
    state = get_state(request)
    fmt = pick(request, (*[f for f in GRAPH_FORMATS if not f.dataset], HTML), suffix)
    if fmt.kind == "page":
        fmt = GRAPH_FORMATS[0]
    etag = state.etag("dcat" if dcat_only else "void", fmt.name)
    cached = not_modified(request, etag)
    if cached is not None:
        return cached
    path = _published(state, "void.ttl")
    if dcat_only:
        triples = dcat_record(list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE)))
        context = state.context() if fmt.name == "jsonld" else None
        body = serialize_triples(triples, fmt, context=context, prefixes={**PREFIXES, "spdx": SPDX})
        response = Response(body, media_type=content_type(fmt), headers=VARY)
        response.headers["Link"] = '</.well-known/void>; rel="related"; title="VoID (counts, partitions)"'
    else:
        response = _convert(state, path, fmt)
        response.headers["Link"] = '</dcat>; rel="related"; title="DCAT record"'
    response.headers["ETag"] = etag
    return response


@router.get("/.well-known/void", summary="VoID description of the dataset (with its DCAT record)")
def void(request: Request) -> Response:
    return _void(request)


@router.get("/dcat", summary="The DCAT record: dataset, distributions, checksums, the SPARQL service")
def dcat(request: Request) -> Response:
    return _void(request, dcat_only=True)
