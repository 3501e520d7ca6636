"""The lookup form of a place name: how a surface form and a gazetteer name are made comparable."""

from __future__ import annotations

import re
import unicodedata

# Letters that Unicode does not decompose into a base letter and an accent.
_FOLD = str.maketrans(
    {
        "ł": "l",
        "ø": "o",
        "đ": "d",
        "ħ": "h",
        "ı": "i",
        "ß": "ss",
        "æ": "ae",
        "œ": "oe",
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "`": "'",
        "–": "-",
        "—": "-",
    }
)
_SPACES = re.compile(r"\s+")


def lookup_key(name: str) -> str:
    """Casefold, drop accents and apostrophes, unify dashes and spaces: "Łask" → "lask", "Homyel'" → "homyel"."""
    # Decompose before and after casefolding: "🄐" only becomes "(A)" under NFKD, and only then folds to "(a)".
    decomposed = unicodedata.normalize("NFKD", name)
    folded = unicodedata.normalize("NFKD", decomposed.casefold().translate(_FOLD))
    bare = "".join(ch for ch in folded if not unicodedata.combining(ch)).replace("'", "")
    return _SPACES.sub(" ", bare.replace("-", " ")).strip()
