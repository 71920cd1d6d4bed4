"""Who may use the theme pages: moderators and the secretariat read; the secretariat (and
admins) correct."""

from __future__ import annotations

from app.enums import Role
from tests.access_rows.roles import SECRETARIAT

READERS = frozenset({Role.MODERATOR, Role.SECRETARIAT})

ROWS = {
    "themes.index": READERS,
    "themes.theme": READERS,
    "themes.rename": SECRETARIAT,
    "themes.dismiss": SECRETARIAT,
    "themes.review": SECRETARIAT,
    "themes.move": SECRETARIAT,
    "themes.merge": SECRETARIAT,
    "themes.split": SECRETARIAT,
    "themes.outcome": SECRETARIAT,
    "themes.rebuild": SECRETARIAT,
}
