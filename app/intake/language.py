"""Which language a comment is really written in, with lingua's bundled models (nothing is
downloaded at run time). People write on the Spanish page in English and the reverse, and
packets group comments by the language they were written in."""

from __future__ import annotations

from functools import lru_cache

from lingua import Language, LanguageDetector, LanguageDetectorBuilder

# The languages a North American consultation realistically receives.
CANDIDATES = (Language.ENGLISH, Language.SPANISH, Language.FRENCH, Language.PORTUGUESE)
MIN_LETTERS = 12
# Enough text to tell these four apart; a 20,000-character comment costs no more than this.
SAMPLE_CHARS = 2_000


@lru_cache(maxsize=1)
def _detector() -> LanguageDetector:
    return (
        LanguageDetectorBuilder.from_languages(*CANDIDATES)
        .with_minimum_relative_distance(0.1)
        .build()
    )


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or None when it is too short or unclear."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


def warm_up() -> None:
    """Load the language models now (about a second) rather than on a visitor's request."""
    _detector()
