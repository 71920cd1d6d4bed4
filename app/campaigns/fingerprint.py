"""What makes two comments "the same letter": a normalised text, its exact hash, a MinHash
signature of its word 3-shingles cut into LSH band keys, and how much of a campaign's letter
(the shingles its first members share) a text contains. Pure functions, no database.

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
from typing import Any

import numpy as np

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
# Containment: the share of a campaign's letter (the shingles its first two members share) that
# a text contains, from which it joins the campaign however much it adds of its own. Measured
# on the labelled corpus: personalised copies (the letter plus up to as much again of their
# own, the asks reordered or the opening rewritten) keep 0.75-1.0 of the letter; look-alikes
# that reuse its opening or its list of asks in a comment of their own keep at most 0.6.
CONTAINMENT = 0.75
# Only the letter's shingles a text has in runs of at least this many consecutive ones count
# (six words in a row for 3-shingles): phrases every comment on a topic uses ("before the
# end of the year") match a letter here and there, never in long runs.
RUN = 4
# ... and the letter must make at least this share of the text: a long comment that quotes a
# letter whole among much of its own is that person's comment, not a copy.
LETTER_SHARE = 0.35
# Between those bounds and these, a text is a look-alike: it keeps less than CLEAR_CONTAINMENT
# of the letter and the letter is less than CLEAR_SHARE of it (a comment of its own that quotes
# the letter's opening and asks, a sentence or two of each left out). Found on dev seed 8: the
# look-alikes that joined kept 0.78-0.79 of their letters, the letter 0.42 of their text; a
# personalised copy keeps more of the letter (0.8 and up) or the letter is most of it.
CLEAR_CONTAINMENT = 0.80
CLEAR_SHARE = 0.44
# Two campaigns are one letter (and merge when a new text joins both) when they share this
# share of the larger letter: a letter that is only a part of another (a paragraph that two
# look-alikes reuse) is another letter.
ONE_LETTER = 0.75
# The letter is settled by this many first members (fingerprint.letter_of).
LETTER_VOTERS = 3
# Two texts that resemble each other start a campaign of their own only if they still do
# once the shingles of settled letters are set aside, whenever those shingles are at least
# this share of what they have in common: two look-alikes that reuse the same opening of a
# letter are alike through the letter, not through each other (alike_beyond_letters).
FROM_LETTERS = 0.5
# A text quotes a letter when it has at least this share of it in long runs (covered): a
# look-alike reuses its opening or its asks (a third to 60 % of it); a sentence two letters on
# one topic happen to share is less.
QUOTED = 0.3
# A letter is never fewer shingles than this (else the first text's whole set is used).
MIN_LETTER = 6
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
    shingles: np.ndarray  # the distinct 32-bit shingle hashes, sorted (uint32)
    sequence: np.ndarray  # the shingle hashes in the text's order, repeats kept (uint32)

    @property
    def signature_bytes(self) -> bytes:
        return self.signature.astype("<u4").tobytes()


def frame_stripped_lines(folded: str) -> list[str]:
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
    return WORD.findall("\n".join(frame_stripped_lines(fold(text))))


def normalise(text: str) -> str:
    """One space between casefolded, accent-free words, without greeting and signature."""
    return " ".join(words_of(text))


_PRIME = np.uint64(0x9E3779B97F4A7C15)
_MASK32 = np.uint64(0xFFFFFFFF)
# Word hashes are combined into shingle hashes with these odd multipliers (mod 2^32).
_K1, _K2 = np.uint64(0x9E3779B1), np.uint64(0x85EBCA77)


def shingle_sequence(words: list[str]) -> np.ndarray:
    """32-bit hashes of the word 3-shingles in the text's order: each word hashed once
    (CRC-32), the three of a shingle combined, so no shingle string is ever built. MinHash
    mixes them again (datasketch's affine32 scheme applies the MurmurHash3 finalizer first)."""
    values = list(map(_WORD_HASHES.get, words))  # map: no Python frame per word
    if None in values:
        values = [_word_hash(w) if v is None else v for w, v in zip(words, values, strict=True)]
    hashed = np.array(values, dtype=np.uint64)
    if len(hashed) < SHINGLE:
        combined = np.array([int(np.bitwise_xor.reduce(hashed * _K1))], dtype=np.uint64)
    else:
        combined = hashed[:-2] * _K1 + hashed[1:-1] * _K2 + hashed[2:]
    return (combined & _MASK32).astype(np.uint32)


def shingle_hashes(words: list[str]) -> np.ndarray:
    """The distinct shingle hashes, sorted."""
    return distinct(shingle_sequence(words))


def distinct(values: np.ndarray) -> np.ndarray:
    """np.unique of a small array, in a third of its time (np.unique's dispatch and checks
    cost more than sorting a text's hundred-odd values; the rebuild does it for every text)."""
    ordered = np.sort(values)
    if len(ordered) < 2:
        return ordered
    keep = np.empty(len(ordered), dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    return ordered[keep]


_WORD_HASHES: dict[str, int] = {}


def _word_hash(word: str) -> int:
    # Consultations reuse a vocabulary of tens of thousands of words: remember their hashes.
    found = _WORD_HASHES.get(word)
    if found is None:
        if len(_WORD_HASHES) > 500_000:
            _WORD_HASHES.clear()
        found = _WORD_HASHES[word] = zlib.crc32(word.encode("utf-8"))
    return found


def _permutations(seed: int, count: int) -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of datasketch's MinHash(num_perm=count, seed=seed, scheme="affine32")
    permutations h -> a*h + b mod 2^32 (odd a), drawn the same way without importing
    datasketch, whose import (it loads scipy) cost every `campaigns rebuild` and web process
    about a second of CPU. tests/campaigns/test_signature.py checks they are datasketch's."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, count, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, count, dtype=np.uint32)
    return a, b


_A, _B = _permutations(SEED, NUM_PERM)
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35), np.uint32(16))


def minhash_of(shingles: np.ndarray) -> np.ndarray:
    """The MinHash signature (NUM_PERM uint32) of distinct 32-bit shingle hashes: the values
    datasketch's MinHash (scheme "affine32", these permutations) gives, computed in one
    numpy pass without building a MinHash object (the rebuild fingerprints every text):
    each hash pre-mixed by the MurmurHash3 finalizer, then a*h + b mod 2^32, the minimum."""
    if not len(shingles):
        return np.full(NUM_PERM, 0xFFFFFFFF, dtype=np.uint32)
    hashed = shingles.astype(np.uint32)  # a copy: changed in place below
    s1, m1, s2, m2, s3 = _FMIX
    # In place (uint32 arrays wrap around without a warning): no temporary array per step.
    hashed ^= hashed >> s1
    hashed *= m1
    hashed ^= hashed >> s2
    hashed *= m2
    hashed ^= hashed >> s3
    permuted = np.multiply.outer(hashed, _A)
    permuted += _B
    signature: np.ndarray = permuted.min(axis=0)
    return signature


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
    sequence = shingle_sequence(words)
    shingles = distinct(sequence)
    signature = minhash_of(shingles)
    exact = hashlib.blake2b(normalised.encode("utf-8"), digest_size=16).hexdigest()
    return Fingerprint(len(words), exact, signature, band_keys(signature), shingles, sequence)


def signature_from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(np.uint32)


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def shingles_of(text: str) -> np.ndarray:
    """The text's distinct shingle hashes (uint32, sorted); empty for a text too short."""
    words = words_of(text)
    if len(words) < MIN_WORDS:
        return np.empty(0, dtype=np.uint32)
    return shingle_hashes(words)


def letter_of(first: np.ndarray, *others: np.ndarray) -> np.ndarray:
    """A campaign's letter: the shingles its first two members share, or, from its third
    member on, those at least two of its first three have (what one adds of its own, a
    paragraph or a typo, is left out; what one dropped stays); the first's own when they
    share too few."""
    if len(others) == 1:
        common = np.intersect1d(first, others[0], assume_unique=True)
    else:
        values, counts = np.unique(np.concatenate([first, *others]), return_counts=True)
        common = values[counts >= 2]
    return common if len(common) >= MIN_LETTER else first


def contains(letter_size: Any, shared: Any, text_size: Any) -> Any:
    """Whether a text that has `shared` of a letter's `letter_size` shingles (and
    `text_size` of its own) is a copy of the letter: CONTAINMENT of the letter, and the
    letter at least LETTER_SHARE of the text; and unless it keeps CLEAR_CONTAINMENT of the
    letter, the letter at least CLEAR_SHARE of the text (else a look-alike). Numbers, or numpy
    arrays of letters."""
    return (
        (letter_size > 0)
        & (shared >= CONTAINMENT * letter_size)
        & (shared >= LETTER_SHARE * text_size)
        & ((shared >= CLEAR_CONTAINMENT * letter_size) | (shared >= CLEAR_SHARE * text_size))
    )


def covered(letter: np.ndarray, sequence: np.ndarray) -> int:
    """How many of the letter's shingles (sorted, distinct) the text (its shingle `sequence`)
    has in runs of at least RUN consecutive letter shingles."""
    if not len(letter) or not len(sequence):
        return 0
    # Each shingle's place in the letter (a binary search; np.isin sorts both every call).
    where = np.searchsorted(letter, sequence)
    np.minimum(where, len(letter) - 1, out=where)
    inside = letter[where] == sequence
    # Runs of True: their starts and ends from the changes of a padded mask.
    padded = np.zeros(len(inside) + 2, dtype=np.int8)
    padded[1:-1] = inside
    edges = np.flatnonzero(padded[1:] != padded[:-1])
    starts, ends = edges[::2], edges[1::2]
    long = ends - starts >= RUN
    if not long.any():
        return 0
    # The positions inside long runs (a run ends before the next starts: no mark is set
    # twice), then the distinct letter shingles they hold.
    marks = np.zeros(len(sequence) + 1, dtype=np.int8)
    marks[starts[long]] = 1
    marks[ends[long]] = -1
    hit = np.zeros(len(letter), dtype=bool)
    hit[where[np.cumsum(marks[:-1]) > 0]] = True
    return int(np.count_nonzero(hit))


def one_letter(first_size: int, second_size: int, shared: int) -> bool:
    """Whether two campaigns' letters are one letter: they share ONE_LETTER of the larger."""
    return shared >= ONE_LETTER * max(first_size, second_size) > 0


def quotes(letter: np.ndarray, sequence: np.ndarray, size: int | None = None) -> bool:
    """Whether a text (its shingle sequence) quotes the letter (QUOTED of it in long runs).
    `size`: the letter's size when `letter` holds only the shingles of it the text may have."""
    return covered(letter, sequence) >= QUOTED * (len(letter) if size is None else size)


def alike_beyond_letters(first: np.ndarray, second: np.ndarray, letters: np.ndarray) -> bool:
    """Whether two texts (their distinct shingles, sorted) resemble each other for reasons of
    their own: when FROM_LETTERS or more of the shingles they share belong to settled letters
    (`letters`: those shingles, sorted, distinct; the letters neither text is a copy of), the
    Jaccard similarity of what is left of each must still reach THRESHOLD."""
    shared = np.intersect1d(first, second, assume_unique=True)
    if not len(shared) or not len(letters):
        return True
    from_letters = np.intersect1d(shared, letters, assume_unique=True)
    if len(from_letters) < FROM_LETTERS * len(shared):
        return True
    rest = len(shared) - len(from_letters)
    union = (
        len(first)
        + len(second)
        - len(shared)
        - (len(np.intersect1d(np.union1d(first, second), letters, assume_unique=True)))
    )
    # Nothing of their own at all: they are the same part of a letter, copies of each other.
    return union == 0 or rest / union >= THRESHOLD


def to_signed(hashes: np.ndarray) -> list[int]:
    """uint32 shingle hashes as the signed 32-bit integers a database column stores."""
    values: list[int] = hashes.astype(np.uint32).view(np.int32).tolist()
    return values


def from_signed(values: list[int]) -> np.ndarray:
    return np.unique(np.array(values, dtype=np.int64).astype(np.int32).view(np.uint32))
