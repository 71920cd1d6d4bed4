"""Folding and normalising text, the one way every area compares words: search, campaign
fingerprints, sorting names, codes made from names."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


def fold(text: str) -> str:
    """Casefolded, accents removed ("Educación" and "EDUCACION" fold alike; ñ becomes n, as
    typed without a Spanish keyboard). Line breaks and punctuation are kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def normalise(text: str) -> str:
    """Folded words, one space between them."""
    return " ".join(WORD.findall(fold(text)))


def search_text_for(title: str | None, body: str | None, organization: str | None) -> str:
    """What full-text search indexes for a submission (app/moderation/search.py)."""
    return normalise(" ".join(part for part in (title, organization, body) if part))
