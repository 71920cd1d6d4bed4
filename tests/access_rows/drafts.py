"""Who may use the drafts of the public form (issue 17, point 1): the page that shows a new
draft's link once, the link itself and the files kept with the draft, public to whoever
holds the secret in the link (tests/intake/test_draft_files.py: nobody else)."""

from __future__ import annotations

from tests.access_rows.roles import PUBLIC

ROWS = {
    "intake.draft_saved": PUBLIC,
    "intake.resume_draft": PUBLIC,
    "intake.draft_file": PUBLIC,
}
