"""What makes two comments "the same letter": a normalised text, its exact hash, and a MinHash
signature of its word 3-shingles cut into LSH band keys. Pure functions, no database.

Normalisation drops what varies between copies of a form letter without changing what it
says: case, accents, punctuation and spacing, the greeting at the top ("Dear Secretary,",
"Estimada Secretaria:") and the sign-off and signature at the bottom ("Sincerely, Ana",
"Atentamente, Juan Pérez, Cámara de Comercio"), in English and Spanish.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from app.text import fold

NUM_PERM = 128
# 20 bands of 5 values (the first 100): a pair at Jaccard 0.7 shares a band 97.5% of the time,
# at 0.75 99.5%, and a copy usually has several earlier members to be found through; a pair
# at 0.3 shares one 5% of the time. The index finds candidates; the similarity over all 128
# values, against THRESHOLD, decides. More bands cost rows: the index is the rebuild's
# largest write (20 rows per distinct text).
BANDS = 20
ROWS = 5
SEED = 20261128
SHINGLE = 3
# Estimated Jaccard similarity of the shingle sets from which a text joins another's campaign.
# "About 0.8" in the issue; measured on the labelled corpus (benchmarks/corpus.py), one added
# sentence or two typos in a 70-word letter already land at 0.72-0.8, while different letters
# on the same topic stay under 0.4: 0.7 keeps recall without a single false merge.
THRESHOLD = 0.7
# Texts shorter than this (after normalisation) are not fingerprinted: "I agree." written by
# many people independently is not a form letter.
MIN_WORDS = 8

WORD = re.compile(r"\w+", re.UNICODE)

# Matched against the casefolded, accent-free start of the text or of its first line.
GREETING = re.compile(
    r"^\s*(?:"
    r"dear|hello|hi|hey|greetings|good (?:morning|afternoon|evening|day)|"
    r"to whom it may concern|attention|attn|honou?rable|respected|"
    r"estimad[oa]s?|querid[oa]s?|hola|buen[oa]s? (?:dias|tardes|noches)|saludos|"
    r"a quien corresponda|distinguid[oa]s?|apreciabl[e]s?|respetabl[e]s?|"
    r"senor(?:a|es|as)?|sr\.?|sra\.?|c\.|h\.|ciudadan[oa]s?"
    r")\b"
)
# A sign-off: it and everything after it (names, titles, organizations) is the signature.
SIGN_OFF = re.compile(
    r"^\s*[-\u2013\u2014]*\s*(?:"
    r"sincerely|yours (?:truly|sincerely|faithfully)|(?:best|kind|warm|warmest)? ?regards|"
    r"respectfully(?: yours)?|with (?:thanks|appreciation|gratitude)|thank you|thanks|"
    r"cordially|best wishes|best|cheers|signed|on behalf of|"
    r"atentamente|saludos(?: cordiales)?|cordialmente|un (?:cordial )?saludo|"
    r"reciba(?:n)? un cordial saludo|(?:muchas )?gracias|sin mas por el momento|"
    r"respetuosamente|quedo a (?:sus|su) ordenes|firma|firmado|en nombre de"
    r")\b"
)
SENTENCE_END = re.compile(r"[.!?…:;]\s*$")


@dataclass(frozen=True)
class Fingerprint:
    words: int  # how many words the normalised text has
    exact_hash: str
    signature: np.ndarray  # NUM_PERM uint32 MinHash values
    band_keys: tuple[int, ...]  # BANDS signed 64-bit keys, band i at index i

    @property
    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def _frame_stripped_lines(folded: str) -> list[str]:
    """The folded text's lines without greeting, sign-off and signature."""
    lines = [line.strip() for line in folded.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return lines
    # Greeting: a whole short first line, or the start of the first line up to , or :
    if GREETING.match(lines[0]):
        if len(WORD.findall(lines[0])) <= 10 and (len(lines) > 1 or SENTENCE_END.search(lines[0])):
            lines = lines[1:]
        else:
            cut = re.search(r"[,:;]", lines[0])
            if cut and len(WORD.findall(lines[0][: cut.start()])) <= 8:
                lines[0] = lines[0][cut.end() :].strip()
    # Sign-off on a line of its own among the last lines: it and what follows go.
    for index in range(len(lines) - 1, max(-1, len(lines) - 8), -1):
        if index > 0 and SIGN_OFF.match(lines[index]) and len(WORD.findall(lines[index])) <= 12:
            lines = lines[:index]
            break
    else:
        # Or run into the last paragraph: "... support it. Sincerely, Ana Gómez".
        last = lines[-1]
        for match in re.finditer(r"[.!?]\s+", last):
            tail = last[match.end() :]
            if SIGN_OFF.match(tail) and len(WORD.findall(tail)) <= 12:
                lines[-1] = last[: match.end()].strip()
                break
    # Trailing name / title / organization lines: short and without a sentence's end.
    dropped = 0
    while len(lines) > 1 and dropped < 4:
        last = lines[-1]
        if len(WORD.findall(last)) <= 7 and not re.search(r"[.!?…]\s*$", last):
            lines.pop()
            dropped += 1
        else:
            break
    return lines


def words_of(text: str) -> list[str]:
    """The words that count: folded, without greeting and signature."""
    return WORD.findall("\n".join(_frame_stripped_lines(fold(text))))


def normalise(text: str) -> str:
    """One space between casefolded, accent-free words, without greeting and signature."""
    return " ".join(words_of(text))


_TEMPLATE = MinHash(num_perm=NUM_PERM, seed=SEED, scheme="affine32")
_PRIME = np.uint64(0x9E3779B97F4A7C15)
_MASK32 = np.uint64(0xFFFFFFFF)
# Word hashes are combined into shingle hashes with these odd multipliers (mod 2^32).
_K1, _K2 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """32-bit hashes of the distinct word 3-shingles: each word hashed once (CRC-32), the
    three of a shingle combined, so no shingle string is ever built. MinHash mixes them
    again (datasketch's affine32 scheme applies the MurmurHash3 finalizer first)."""
    hashed = np.array([_word_hash(w) for w in words], dtype=np.uint64)
    if len(hashed) < SHINGLE:
        combined = np.array([int(np.bitwise_xor.reduce(hashed * _K1))], dtype=np.uint64)
    else:
        combined = hashed[:-2] * _K1 + hashed[1:-1] * _K2 + hashed[2:]
    return np.unique(combined & _MASK32)


_WORD_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    # Consultations reuse a vocabulary of tens of thousands of words: remember their hashes.
    found = _WORD_HASHES.get(word)
    if found is None:
        if len(_WORD_HASHES) > 500_000:
            _WORD_HASHES.clear()
        found = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return found


# band key = sum(value_i * P^(ROWS-1-i)) mod 2^64, then mixed: one matrix product for all bands.
_POWERS = np.array([pow(int(_PRIME), ROWS - 1 - i, 1 << 64) for i in range(ROWS)], np.uint64)


def band_keys(signature: np.ndarray) -> tuple[int, ...]:
    """One 64-bit key per band of ROWS values (a polynomial hash mod 2^64, then a mix)."""
    keys = signature[: BANDS * ROWS].astype(np.uint64).reshape(BANDS, ROWS) @ _POWERS
    keys ^= keys >> np.uint64(31)
    keys *= np.uint64(0xBF58476D1CE4E5B9)
    keys ^= keys >> np.uint64(29)
    return tuple(keys.view(np.int64).tolist())


def fingerprint(text: str) -> Fingerprint | None:
    """None when the text is too short to be told apart from independent writing."""
    words = words_of(text)
    if len(words) < MIN_WORDS:
        return None
    normalised = " ".join(words)
    minhash = MinHash(
        num_perm=NUM_PERM,
        seed=SEED,
        permutations=_TEMPLATE.permutations,
        scheme="affine32",
        hashfunc=int,
    )
    minhash.update_batch(shingle_hashes(words).tolist())
    signature = minhash.hashvalues.astype(np.uint32)
    exact = hashlib.blake2b(normalised.encode("utf-8"), digest_size=16).hexdigest()
    return Fingerprint(len(words), exact, signature, band_keys(signature))


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM
