"""Who is who in the access table."""

from __future__ import annotations

from app.enums import Role

PUBLIC = "public"
ALL_STAFF = frozenset({Role.MODERATOR, Role.SECRETARIAT, Role.ADMIN})
SECRETARIAT = frozenset({Role.SECRETARIAT})
MODERATOR = frozenset({Role.MODERATOR})
ADMIN_ONLY = frozenset()  # admins may use every staff route; nobody else

ROWS: dict = {}
