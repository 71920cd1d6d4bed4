"""A member's differences from its campaign's representative text, paragraph by paragraph:
copies often move paragraphs around, and a plain word diff would then mark half the letter.
And what a member added to the campaign's letter: the part the person wrote themselves."""

from __future__ import annotations

import difflib
import re

import numpy as np

from app.campaigns.fingerprint import WORD, frame_stripped_lines, shingle_hashes
from app.moderation.redaction import diff_segments
from app.text import fold

PARAGRAPH = re.compile(r"\n\s*\n")
SAME_PARAGRAPH = 0.5


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in PARAGRAPH.split(text.replace("\r\n", "\n")) if p.strip()]


def member_diff(representative: str, member: str) -> list[tuple[str, str]]:
    """(op, text) segments as diff_segments gives them: each paragraph of the member is
    compared with the representative's paragraph it resembles most; paragraphs of the
    representative that no member paragraph resembles come last, as removed."""
    theirs = _paragraphs(representative)
    words = [p.split() for p in theirs]
    used: set[int] = set()
    segments: list[tuple[str, str]] = []
    for index, paragraph in enumerate(_paragraphs(member)):
        if index:
            segments.append(("same", "\n\n"))
        mine = paragraph.split()
        best, best_ratio = None, SAME_PARAGRAPH
        for j, other in enumerate(words):
            if j in used:
                continue
            ratio = difflib.SequenceMatcher(a=other, b=mine, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = j, ratio
        if best is None:
            segments.append(("added", paragraph))
            continue
        used.add(best)
        segments.extend(diff_segments(theirs[best], paragraph))
    for j, paragraph in enumerate(theirs):
        if j not in used:
            segments += [("same", "\n\n"), ("removed", paragraph)]
    return segments


SENTENCE = re.compile(r"(?<=[.!?…])\s+")
# A paragraph or sentence of a member is its own when fewer than this share of its shingles
# are in the campaign's letter.
OWN = 0.5
# Sentences shorter than this (in words) are not judged alone: too few shingles.
SENTENCE_WORDS = 4


def _letter_share(letter: np.ndarray, text: str) -> float:
    words = WORD.findall(fold(text))
    if not words:
        return 1.0
    hashes = shingle_hashes(words).astype(np.uint32)
    return float(np.isin(hashes, letter).mean())


def added_parts(letter: np.ndarray, body: str) -> list[str]:
    """What a member wrote themselves, in its own words: its paragraphs that are mostly not
    the campaign's letter (`letter`: its shingle hashes), and, inside a paragraph that is
    the letter's, the sentences that are not. Greeting and signature are left out."""
    if not len(letter):
        return []
    kept = set(frame_stripped_lines(fold(body)))
    parts: list[str] = []
    for paragraph in _paragraphs(body):
        lines = [line.strip() for line in paragraph.splitlines() if line.strip()]
        lines = [line for line in lines if _kept(fold(line), kept)]
        if not lines:
            continue
        text = " ".join(lines)
        if _letter_share(letter, text) < OWN:
            parts.append(text)
            continue
        own = [
            sentence
            for sentence in SENTENCE.split(text)
            if len(WORD.findall(sentence)) >= SENTENCE_WORDS
            and _letter_share(letter, sentence) < OWN
        ]
        if own:
            parts.append(" ".join(own))
    return parts


def _kept(folded_line: str, kept: set[str]) -> bool:
    """Whether a line survives the greeting and signature cut (whole, or what is left of it
    when the greeting or sign-off shared the line)."""
    return folded_line in kept or any(k and k in folded_line for k in kept)
