"""Who may use the staff account routes added for the second factor."""

from __future__ import annotations

from tests.access_rows.roles import ALL_STAFF, PUBLIC

ROWS = {
    # The second step of sign-in: reached half signed in, so nobody is logged in yet.
    "staff.second_factor": PUBLIC,
    "staff.two_factor": ALL_STAFF,
    "staff.remove_two_factor": ALL_STAFF,
}
