"""Who may use a submitter's own links (issue 17): anyone holding the secret in the link; and
the moderator's answer to a report "I did not send this"."""

from __future__ import annotations

from app.enums import Role
from tests.access_rows.roles import PUBLIC

ROWS = {
    "intake.confirm_email": PUBLIC,
    "intake.report_not_mine": PUBLIC,
    "moderation.settle_dispute_view": {Role.MODERATOR},
}
