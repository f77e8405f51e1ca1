"""ilo-kg: a linked-data knowledge graph of the ILO's Europe and Central Asia region."""

__version__ = "0.1.0"
