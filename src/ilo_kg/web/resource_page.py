"""What a resource's HTML page shows besides its description: the summary card and the grouped table."""

from __future__ import annotations

import json
from typing import Any

from fastapi import Request

from ilo_kg.describe import Description
from ilo_kg.web.resource_view import build_view, inferred_pairs
from ilo_kg.web.search import label_index_or_empty
from ilo_kg.web.state import AppState
from ilo_kg.web.summaries import summary


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


async def similar(request: Request, kind: str, key: str) -> list[Any]:
    """Resources of the kind whose names are like a key that named none (for the 404 page)."""
    index = await label_index_or_empty(request)
    return index.search(key.replace("-", " ").replace("_", " "), kind=kind, limit=8)


async def resource_page(request: Request, state: AppState, d: Description, kind: str) -> dict[str, Any]:
    index = await label_index_or_empty(request)
    inferred = await inferred_pairs(state, d.iri)
    view = build_view(d, index, inferred, state.base, kind)
    card = await summary(state, index, d, kind)
    return {
        "view": view,
        "card": card,
        "map_json": _json(card.map) if card.map else None,
        "timeline_json": _json(card.timeline) if card.timeline else None,
    }
