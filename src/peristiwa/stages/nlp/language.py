"""Language identification with lingua, which ships its models and tells Indonesian from Malay."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Any

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

from peristiwa.patterns import load_yaml

# Languages a page in our stream is likely to be in; restricting the set keeps lingua fast and small.
CANDIDATES = (
    Language.INDONESIAN,
    Language.MALAY,
    Language.ENGLISH,
    Language.TAGALOG,
    Language.DUTCH,
    Language.FRENCH,
    Language.GERMAN,
    Language.SPANISH,
    Language.PORTUGUESE,
    Language.ARABIC,
    Language.CHINESE,
    Language.JAPANESE,
    Language.KOREAN,
    Language.RUSSIAN,
    Language.VIETNAMESE,
    Language.THAI,
    Language.TURKISH,
    Language.ITALIAN,
)
SAMPLE_CHARS = 3000  # for the Malay/Indonesian marker words, which are rare
DETECTOR_CHARS = 1500  # lingua is as sure on ~200 words as on 450 and takes half the time


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def identify_language(text: str, data_dir: Path) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and lingua's confidence in it."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample[:DETECTOR_CHARS])
    if not values:
        return None, 0.0
    best = values[0]
    code = best.language.iso_code_639_1.name.lower()
    if code in ("id", "ms"):
        return _malay_or_indonesian(sample, code, data_dir), float(best.value)
    return code, float(best.value)


@cache
def _markers(data_dir: Path) -> dict[str, Any]:
    return load_yaml(data_dir / "nlp" / "malay_indonesian.yaml")


def _malay_or_indonesian(text: str, guess: str, data_dir: Path) -> str:
    """Decide between the two close relatives by their marker words (see the data file for why). Only
    lower-case words count: "Wang Yi" is a name, "wang" is Malay for money."""
    markers = _markers(data_dir)
    padded = " " + " ".join(re.findall(r"\b[a-z]+\b", text)) + " "
    malay = sum(padded.count(f" {w} ") for w in markers["malay"])
    indonesian = sum(padded.count(f" {w} ") for w in markers["indonesian"])
    if malay != indonesian:
        return "ms" if malay > indonesian else "id"
    return "id"  # no evidence either way: our input language
