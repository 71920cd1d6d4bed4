"""Who may use the invitations to named stakeholders (issue 17, point 5): the secretariat
(and administrators) send them; the personal link is public to whoever holds its secret."""

from __future__ import annotations

from tests.access_rows.roles import PUBLIC, SECRETARIAT

ROWS = {
    "admin.stakeholder_invitations": SECRETARIAT,
    "admin.stakeholder_invitation_new": SECRETARIAT,
    "admin.stakeholder_invitation_revoke": SECRETARIAT,
    "intake.invited": PUBLIC,
}
