"""One folding of text (app/text.py) for every area that compares words: search, campaign
fingerprints and the packets' alphabetical lists must agree on what is "the same word", or a
moderator finds by search what campaign detection calls different (or the other way round)."""

from __future__ import annotations

import pytest

from app.campaigns.fingerprint import normalise as letter_words
from app.moderation.search import terms
from app.text import fold, search_text_for

# Accents a Spanish keyboard types, capitals, and combining marks outside the common
# U+0300–U+036F block (Hebrew points, the supplement's U+1DC4): all fold away.
SAME = [
    ("Educación pública", "EDUCACION PUBLICA"),
    ("Año de la niñez", "ano de la ninez"),
    ("Pingüino", "pinguino"),
    ("שָׁלוֹם עֲלֵיכֶם", "שלום עליכם"),
    ("Adua\u1dc4na fronteriza", "aduana fronteriza"),
]


@pytest.mark.parametrize(("written", "typed"), SAME)
def test_search_and_campaigns_fold_alike(written: str, typed: str) -> None:
    # Search: what a moderator types finds what the stakeholder wrote.
    assert terms(typed) == search_text_for(written, None, None).split()
    # Campaigns: the two texts are the same letter.
    assert letter_words(written) == letter_words(typed)
    # Sorting and codes: one folded form.
    assert fold(written).split() == fold(typed).split()


def test_folding_keeps_letters_that_are_not_accents() -> None:
    assert fold("Straße Ñandú, ¿Dónde?") == "strasse nandu, ¿donde?"


def test_folding_drops_every_combining_mark_and_nothing_else() -> None:
    import unicodedata

    # Every code point (surrogates aside), decomposed: the marks go, every other character stays.
    text = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000)
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    assert fold(text) == "".join(c for c in decomposed if not unicodedata.combining(c))
