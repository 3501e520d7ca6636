"""The shape of a verb-like word (a prefixed verb), read from `data/nlp/morphology.yaml`: one definition for
every stage that asks whether a word could be a verb before any tagger has looked at it."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from peristiwa.knowledge import load_yaml


@cache
def verb_shape(data_dir: Path) -> re.Pattern[str]:
    """A pattern that matches a whole lower-case word of prefix + stem (use `fullmatch`)."""
    raw = load_yaml(data_dir / "nlp" / "morphology.yaml")
    prefixes = "|".join(re.escape(p) for p in sorted(raw["verb_prefixes"], key=len, reverse=True))
    return re.compile(rf"(?:{prefixes})[^\W\dA-Z_]{{{int(raw['verb_stem_min'])},}}")


def is_verb_like(word: str, data_dir: Path) -> bool:
    return word.islower() and verb_shape(data_dir).fullmatch(word) is not None
