"""Who may use the drafts of the public form (issue 17, point 1): the page that shows a new
draft's link once, and the link itself, public to whoever holds the secret in it."""

from __future__ import annotations

from tests.access_rows.roles import PUBLIC

ROWS = {
    "intake.draft_saved": PUBLIC,
    "intake.resume_draft": PUBLIC,
}
