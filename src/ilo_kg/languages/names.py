"""Names in the page's own language: countries (ISO 3166 names translated by pycountry's own gettext
catalogues) and the curated organizations and offices (``data/reference/localized_names.csv``).

The gazetteer matches a language's names only in text of that language (see
:meth:`ilo_kg.link.Gazetteer.reading`), so a French country name that is also a given name
("Maurice", "Dominique") never turns an English page's person into a place.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ilo_kg.languages.table import LANGUAGES


@dataclass(frozen=True)
class LocalizedName:
    """A curated organization's or office's name in one language, with the note saying where it is from."""

    kind: str  # "organization" or "office"
    key: str
    lang: str
    name: str
    line: int


def load_localized_names(path: Path) -> tuple[LocalizedName, ...]:
    """Rows of ``localized_names.csv``; a bad row is a :class:`ilo_kg.reference.ReferenceError` naming it."""
    from ilo_kg.reference import ReferenceError, _need, _rows

    out = []
    for line, row in _rows(path, {"kind", "key", "lang", "name", "source_note"}):
        kind = _need(path, line, row, "kind", r"organization|office")
        lang = _need(path, line, row, "lang", "|".join(sorted(LANGUAGES)))
        _need(path, line, row, "source_note")
        out.append(
            LocalizedName(kind, _need(path, line, row, "key"), lang, _need(path, line, row, "name"), line)
        )
    seen: set[tuple[str, str]] = set()
    for n in out:
        if (n.lang, n.name.casefold()) in seen:
            raise ReferenceError(f"{path}:{n.line}: duplicate name {n.name!r} for language {n.lang!r}")
        seen.add((n.lang, n.name.casefold()))
    return tuple(out)


def variants(name: str, lang: str) -> list[str]:
    """The forms a name takes in running text: German adjectives decline ("Vereinte Nationen" is also
    "Vereinten Nationen", "Internationale Organisation" also "Internationalen Organisation")."""
    out = [name]
    if lang == "de":
        declined = re.sub(r"\b([A-ZÄÖÜ][a-zäöüß]+e)\b(?=\s+[A-ZÄÖÜ])", r"\1n", name)
        if declined != name:
            out.append(declined)
    return out


@lru_cache(maxsize=8)
def country_names(lang: str) -> dict[str, str]:
    """ISO 3166 country names in ``lang`` -> alpha-3 code, from pycountry's gettext catalogues.

    The short name, the common name and the official name are translated; a translated name shared
    by two countries is left out (it would name neither for sure).
    """
    import pycountry

    try:
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return {}
    found: dict[str, set[str]] = {}
    for c in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            english = getattr(c, attr, None)
            if not english:
                continue
            local = catalogue.gettext(english)
            if not local or (local == english and attr != "name"):
                continue
            found.setdefault(local, set()).add(c.alpha_3)
            if "," in local:  # "Russie, Fédération de" -> "Fédération de Russie"
                head, _, tail = local.partition(",")
                found.setdefault(f"{tail.strip()} {head.strip()}", set()).add(c.alpha_3)
    return {name: next(iter(codes)) for name, codes in found.items() if len(codes) == 1}
