"""``/id/{kind}/``: the resources of one kind, paged and sortable, in HTML or JSON."""

from __future__ import annotations

import json
import math
import re
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import RedirectResponse, Response

from ilo_kg.iris import KINDS
from ilo_kg.web.labels import Entry
from ilo_kg.web.responses import VARY, Problem, html, wants_html
from ilo_kg.web.search import label_index
from ilo_kg.web.state import get_state

router = APIRouter(tags=["Linked data"])

PAGE_SIZES = (25, 50, 100, 500)
DATE_COLUMNS = ("start", "end", "date")
_DIGITS = re.compile(r"(\d+)")


def natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """A sort key comparing the numbers in a text as numbers ("News 99" before "News 374")."""
    return tuple(
        (0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(text.casefold()) if part
    )


def _sort_key(column: str) -> tuple[object, ...] | object:
    def key(e: Entry) -> tuple[object, ...]:
        if column == "label":
            return (natural(e.label), e.iri)
        if column == "key":
            return (e.key.casefold(),)
        value = e.dates.get(column)
        return (value is None, value or "", natural(e.label))

    return key


@router.get("/id/{kind}", include_in_schema=False)
def kind_redirect(kind: str) -> Response:
    if kind not in KINDS:
        raise Problem(404, f"unknown kind {kind!r}; resource kinds are: {', '.join(KINDS)}")
    return RedirectResponse(f"/id/{kind}/", status_code=301)


@router.get("/id/{kind}/", summary="The resources of one kind (a paged, sortable list)")
async def listing(
    request: Request,
    kind: str,
    page: int = Query(1, ge=1, description="Page number, from 1."),
    size: int = Query(50, description=f"Rows per page: one of {', '.join(map(str, PAGE_SIZES))}."),
    sort: str = Query("label", description="label, key, start, end or date."),
    order: str = Query("asc", description="asc or desc."),
    q: str = Query("", description="Only resources whose names match these words."),
    format: str | None = Query(None, description="json or html (else by Accept)."),
) -> Response:
    state = get_state(request)
    if kind not in KINDS:
        raise Problem(404, f"unknown kind {kind!r}; resource kinds are: {', '.join(KINDS)}")
    if size not in PAGE_SIZES:
        raise Problem(400, f"size must be one of {', '.join(map(str, PAGE_SIZES))}, got {size}")
    if sort not in ("label", "key", *DATE_COLUMNS):
        raise Problem(400, f"cannot sort by {sort!r}; sort by label, key, start, end or date")
    if order not in ("asc", "desc"):
        raise Problem(400, f"order must be asc or desc, got {order!r}")
    if format not in (None, "json", "html"):
        raise Problem(400, f"unknown format {format!r}; this list offers: json, html")
    index = await label_index(request)
    entries = list(index.by_kind.get(kind, []))
    if q.strip():
        entries = [h.entry for h in index.search(q, kind=kind, limit=len(entries) or 1)]
    columns = [c for c in DATE_COLUMNS if any(c in e.dates for e in entries)]
    if sort in DATE_COLUMNS and sort not in columns:
        raise Problem(400, f"the {kind} resources have no {sort!r} dates to sort by")
    if not (q.strip() and sort == "label" and "sort" not in request.query_params):
        entries.sort(key=_sort_key(sort), reverse=order == "desc")  # type: ignore[arg-type]
        if order == "desc" and sort in DATE_COLUMNS:  # undated rows last either way
            entries.sort(key=lambda e: sort not in e.dates)
    pages = max(1, math.ceil(len(entries) / size))
    if page > pages:
        raise Problem(404, f"page {page} is past the last page ({pages}) of the {kind} list")
    shown = entries[(page - 1) * size : page * size]
    if format == "json" or (format is None and not wants_html(request)):
        body = {
            "kind": kind,
            "total": len(entries),
            "page": page,
            "pages": pages,
            "size": size,
            "items": [
                {
                    "iri": e.iri,
                    "label": e.label,
                    "key": e.key,
                    "path": state.local(e.iri),
                    "altLabels": list(e.labels[1:]),
                    **{c: e.dates[c] for c in columns if c in e.dates},
                }
                for e in shown
            ],
        }
        return Response(json.dumps(body, ensure_ascii=False), media_type="application/json", headers=VARY)

    def link(**changes: object) -> str:
        params = {"page": page, "size": size, "sort": sort, "order": order, "q": q, **changes}
        defaults = {"page": 1, "size": 50, "sort": "label", "order": "asc", "q": ""}
        kept = {k: v for k, v in params.items() if v != defaults[k]}
        return f"/id/{kind}/" + ("?" + urlencode(kept) if kept else "")

    return html(
        state,
        request,
        "browse.html",
        kind=kind,
        entries=shown,
        total=len(entries),
        page=page,
        pages=pages,
        size=size,
        sort=sort,
        order=order,
        q=q,
        columns=columns,
        link=link,
        json_link=link() + ("&" if "?" in link() else "?") + "format=json",
        heads=[("label", "name"), ("key", "key"), *((c, c) for c in columns)],
        sizes=PAGE_SIZES,
        kinds=index.kinds(),
    )
