"""Who may use the reading workspace: the secretariat and moderators (admins, as everywhere)."""

from __future__ import annotations

from app.enums import Role

ROWS = {
    "reading.comments": frozenset({Role.MODERATOR, Role.SECRETARIAT}),
}
