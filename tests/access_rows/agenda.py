"""Who may use the meeting and agenda routes: the secretariat (and admins)."""

from __future__ import annotations

from tests.access_rows.roles import SECRETARIAT

ROWS = {
    "agenda.meeting_list": SECRETARIAT,
    "agenda.meeting_new": SECRETARIAT,
    "agenda.meeting": SECRETARIAT,
    "agenda.meeting_edit": SECRETARIAT,
    "agenda.item_add": SECRETARIAT,
    "agenda.item_edit": SECRETARIAT,
    "agenda.item_up": SECRETARIAT,
    "agenda.item_down": SECRETARIAT,
    "agenda.item_delete": SECRETARIAT,
    "agenda.item_outcome": SECRETARIAT,
    "agenda.place": SECRETARIAT,
    "agenda.propose": SECRETARIAT,
    "agenda.entry_move": SECRETARIAT,
    "agenda.entry_exclude": SECRETARIAT,
    "agenda.entry_restore": SECRETARIAT,
    "agenda.entry_up": SECRETARIAT,
    "agenda.entry_down": SECRETARIAT,
    "agenda.entry_pin": SECRETARIAT,
}
