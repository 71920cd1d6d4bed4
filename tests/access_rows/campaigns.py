"""Who may use the campaign pages: moderators (and admins)."""

from __future__ import annotations

from tests.access_rows.roles import MODERATOR

ROWS = {
    "campaigns.index": MODERATOR,
    "campaigns.campaign": MODERATOR,
    "campaigns.decide": MODERATOR,
    "campaigns.take_out_member": MODERATOR,
}
