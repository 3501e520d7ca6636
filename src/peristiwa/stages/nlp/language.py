"""Language identification with lingua, which ships its models and tells Indonesian from Malay."""

from __future__ import annotations

from functools import cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# Languages a page in our stream is likely to be in; restricting the set keeps lingua fast and small.
CANDIDATES = (
    Language.INDONESIAN, Language.MALAY, Language.ENGLISH, Language.TAGALOG, Language.DUTCH,
    Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.PORTUGUESE, Language.ARABIC,
    Language.CHINESE, Language.JAPANESE, Language.KOREAN, Language.RUSSIAN, Language.VIETNAMESE,
    Language.THAI, Language.TURKISH, Language.ITALIAN,
)
SAMPLE_CHARS = 3000


@cache
def _detector() -> LanguageDetector:
    return LanguageDetectorBuilder.from_languages(*CANDIDATES).build()


def identify_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code of the text's language and lingua's confidence in it."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None, 0.0
    values = _detector().compute_language_confidence_values(sample)
    if not values:
        return None, 0.0
    best = values[0]
    return best.language.iso_code_639_1.name.lower(), float(best.value)
