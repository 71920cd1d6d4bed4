"""Folding and normalising text, the one way every area compares words: search, campaign
fingerprints, sorting names, codes made from names."""

from __future__ import annotations

import re
import unicodedata

WORD = re.compile(r"\w+", re.UNICODE)


class _WithoutMarks(dict[int, int | None]):
    """A str.translate table that drops combining marks: each character's answer is asked of
    unicodedata once, then remembered (a text is translated in C, not a character at a time
    in Python: fingerprinting a campaign rebuild folds every text)."""

    def __missing__(self, code: int) -> int | None:
        kept = None if unicodedata.combining(chr(code)) else code
        self[code] = kept
        return kept


_WITHOUT_MARKS = _WithoutMarks()


def fold(text: str) -> str:
    """Casefolded, accents removed ("Educación" and "EDUCACION" fold alike; ñ becomes n, as
    typed without a Spanish keyboard). Line breaks and punctuation are kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    return decomposed.translate(_WITHOUT_MARKS)


def normalise(text: str) -> str:
    """Folded words, one space between them."""
    return " ".join(WORD.findall(fold(text)))


def search_text_for(title: str | None, body: str | None, organization: str | None) -> str:
    """What full-text search indexes for a submission (app/moderation/search.py)."""
    return normalise(" ".join(part for part in (title, organization, body) if part))
