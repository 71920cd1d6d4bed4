"""Helping a moderator publish a comment without personal data: find what looks like
personal data in the text, and show what the public version changed."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

PATTERNS = [
    ("email", _l("e-mail address"), re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    # Mexican CURP and RFC, U.S. SSN: identity numbers people paste by mistake.
    ("curp", _l("CURP"), re.compile(r"\b[A-Z]{4}\d{6}[HM][A-Z]{5}[A-Z0-9]\d\b", re.I)),
    ("rfc", _l("RFC"), re.compile(r"\b[A-ZÑ&]{3,4}\d{6}[A-Z0-9]{3}\b", re.I)),
    ("ssn", _l("social security number"), re.compile(r"\b\d{3}-\d{2}-\d{4}\b")),
    (
        "phone",
        _l("phone number"),
        re.compile(
            r"(?<![\w])(?:\+?\d{1,3}[\s.-]?)?(?:\(?\d{2,3}\)?[\s.-]?)\d{3,4}[\s.-]?\d{4}(?![\w])"
        ),
    ),
]


@dataclass(frozen=True)
class Finding:
    kind: str
    label: str
    text: str


def personal_data(text: str) -> list[Finding]:
    found: list[Finding] = []
    seen: set[str] = set()
    for kind, label, pattern in PATTERNS:
        for match in pattern.finditer(text or ""):
            value = match.group(0).strip()
            if value not in seen:
                seen.add(value)
                found.append(Finding(kind, str(label), value))
    return found


def diff_segments(original: str, public: str) -> list[tuple[str, str]]:
    """Word-level difference as (op, text) pairs, op in 'same', 'removed', 'added'; the
    template renders them as text inside <del>/<ins>, so nothing is interpreted as HTML."""
    before = re.findall(r"\S+|\s+", original)
    after = re.findall(r"\S+|\s+", public)
    segments: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            segments.append(("same", "".join(before[a1:a2])))
            continue
        if a2 > a1:
            segments.append(("removed", "".join(before[a1:a2])))
        if b2 > b1:
            segments.append(("added", "".join(after[b1:b2])))
    return segments
