"""An invited comment's organisation in the exports' `verified_organization` column (the
same rule as every surface: a listed organisation first, else the invitation's; in a public
export only where the author may be named)."""

from __future__ import annotations

import csv
import io

import pytest
from flask import Flask

from app.db import db
from app.enums import Role
from tests.staff.helpers import signed_in
from tests.verified.helpers import INVITED, LISTED, four_kinds

pytestmark = pytest.mark.usefixtures("seeded")


@pytest.mark.parametrize(
    ("query", "anonymous"),
    [("?audience=internal&status=approved", LISTED["en"]), ("", "")],
)
def test_invited_comments_export_their_organisation(app: Flask, query: str, anonymous: str) -> None:
    with app.app_context():
        four_kinds(db.session)
        db.session.commit()
    client = signed_in(app, Role.SECRETARIAT)
    raw = client.get(f"/en/staff/exports/submissions.csv{query}").get_data().decode("utf-8-sig")
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(raw, newline=""))}
    assert rows["Invited named"]["verified_organization"] == INVITED
    assert rows["Verified named"]["verified_organization"] == LISTED["en"]
    assert rows["Verified anonymous"]["verified_organization"] == anonymous
    assert rows["Self-declared"]["verified_organization"] == ""
