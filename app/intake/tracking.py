"""Tracking codes: short enough to read over the phone, random enough not to be guessed. And
public ids: what a published comment's permalink and the API name it by (never the tracking
code, which lets its holder withdraw the comment; never the row id, which counts comments)."""

from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L or U: nothing a person can misread or that spells words easily.
ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
GROUPS = 2
GROUP_LENGTH = 4


def prefix_for(slug: str) -> str:
    letters = re.sub(r"[^A-Z]", "", slug.split("-", 1)[0].upper())
    return (letters or "C")[:6]


def new_tracking_code(slug: str) -> str:
    groups = ("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(GROUPS))
    return "-".join((prefix_for(slug), *groups))


def normalise_tracking_code(value: str) -> str:
    """Accept what people type: lower case, spaces, missing dashes, a zero typed for an O in
    the prefix (the random part has neither)."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", value).upper()
    if len(cleaned) <= GROUPS * GROUP_LENGTH:
        return cleaned
    body = cleaned[-GROUPS * GROUP_LENGTH :]
    prefix = cleaned[: -GROUPS * GROUP_LENGTH].replace("0", "O")
    parts = [body[i : i + GROUP_LENGTH] for i in range(0, len(body), GROUP_LENGTH)]
    return "-".join([prefix, *parts])


# Lower case: it sits in URLs. 30 symbols ** 12 is about 2**59: not guessed, not enumerated.
PUBLIC_ID_ALPHABET = ALPHABET.lower()
PUBLIC_ID_LENGTH = 12


def new_public_id() -> str:
    return "".join(secrets.choice(PUBLIC_ID_ALPHABET) for _ in range(PUBLIC_ID_LENGTH))


def looks_like_public_id(value: str) -> bool:
    """Whether `value` could be a public id (checked before any query: odd input is a 404)."""
    return len(value) == PUBLIC_ID_LENGTH and all(c in PUBLIC_ID_ALPHABET for c in value)


# The access code: the second secret of a submitter who gave no e-mail address, from the same
# alphabet, 16 characters (about 78 bits: beyond guessing under the status rate limit).
ACCESS_GROUPS = 4


def new_access_code() -> str:
    groups = (
        "".join(secrets.choice(ALPHABET) for _ in range(GROUP_LENGTH)) for _ in range(ACCESS_GROUPS)
    )
    return "-".join(groups)


def normalise_access_code(value: str) -> str:
    """As people type it: any case, spaces or dashes anywhere."""
    cleaned = re.sub(r"[^A-Za-z0-9]", "", value).upper()
    return "-".join(cleaned[i : i + GROUP_LENGTH] for i in range(0, len(cleaned), GROUP_LENGTH))
