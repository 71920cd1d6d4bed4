"""A member's differences from its campaign's representative text, paragraph by paragraph:
copies often move paragraphs around, and a plain word diff would then mark half the letter."""

from __future__ import annotations

import difflib
import re

from app.moderation.redaction import diff_segments

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
