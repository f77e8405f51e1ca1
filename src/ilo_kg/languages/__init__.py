"""Text mining of pages in the region's other languages: a table row per language, shared readers.

:mod:`ilo_kg.languages.table` holds the words of each language, :mod:`ilo_kg.languages.facts` the
sentence shapes filled with them, :mod:`ilo_kg.languages.names` the names of countries and curated
bodies in each language.
"""

from ilo_kg.languages.table import LANGUAGES, Language, language

__all__ = ["LANGUAGES", "Language", "language"]
