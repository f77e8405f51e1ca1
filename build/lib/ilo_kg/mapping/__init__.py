"""Records -> asserted triples: the only place triples are made from records."""

from ilo_kg.mapping.base import GraphBuilder
from ilo_kg.mapping.reference import map_reference

__all__ = ["GraphBuilder", "map_reference"]
