"""Folding and normalising text, the one way every area compares words: search, campaign
fingerprints, sorting names, codes made from names."""

from __future__ import annotations

import re
import unicodedata

import idna

WORD = re.compile(r"\w+", re.UNICODE)


# Whether a character is a combining mark, asked of unicodedata once per character.
_IS_MARK: dict[str, bool] = {}


def fold(text: str) -> str:
    """Casefolded, accents removed ("Educación" and "EDUCACION" fold alike; ñ becomes n, as
    typed without a Spanish keyboard). Line breaks and punctuation are kept."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    if decomposed.isascii():
        return decomposed
    # A text holds a handful of distinct characters: removing each mark with str.replace (in
    # C, a pass per mark) is about twice as fast as str.translate, which calls back into a
    # table for every character (fingerprinting a campaign rebuild folds every text).
    for char in set(decomposed):
        mark = _IS_MARK.get(char)
        if mark is None:
            mark = _IS_MARK[char] = unicodedata.combining(char) != 0
        if mark:
            decomposed = decomposed.replace(char, "")
    return decomposed


def normalise(text: str) -> str:
    """Folded words, one space between them."""
    return " ".join(WORD.findall(fold(text)))


def search_text_for(title: str | None, body: str | None, organization: str | None) -> str:
    """What full-text search indexes for a submission (app/moderation/search.py)."""
    return normalise(" ".join(part for part in (title, organization, body) if part))


def normalise_domain(value: str) -> str:
    """An e-mail domain as stored and compared: IDNA (UTS #46) A-labels, lower case, no
    trailing dot ("Sonora.GOB.mx." and "sonora.gob.mx" are one domain; "méxico.mx" is kept as
    "xn--mxico-bsa.mx"). ValueError for anything that is not a domain with at least two labels
    (a bare "mx" would verify a whole country)."""
    host = value.strip().rstrip(".")
    if not host or "@" in host or "/" in host or ":" in host or any(c.isspace() for c in host):
        raise ValueError(value)
    try:
        ascii_host = idna.encode(host, uts46=True).decode("ascii").lower()
    except idna.IDNAError:
        raise ValueError(value) from None
    if "." not in ascii_host or len(ascii_host) > 253:
        raise ValueError(value)
    return ascii_host


def display_domain(domain: str) -> str:
    """A stored (A-label) domain as people read it: "xn--mxico-bsa.mx" is "méxico.mx"."""
    try:
        return str(idna.decode(domain))
    except idna.IDNAError:
        return domain


def email_domain(address: str | None) -> str | None:
    """The normalised domain of an e-mail address, or None when it has none usable."""
    if not address or "@" not in address:
        return None
    try:
        return normalise_domain(address.rpartition("@")[2])
    except ValueError:
        return None
