"""The moderation queue and a comment's page mark invited comments as verified too, and the
queue's "verified" filter finds them (issue 17, point 5: the invitation marks it verified)."""

from __future__ import annotations

import html

import pytest
from flask import Flask

from app.db import db
from app.enums import Language, Role, SubmissionStatus
from tests.staff.helpers import signed_in
from tests.verified.helpers import INVITED, LISTED, four_kinds

pytestmark = pytest.mark.usefixtures("seeded")

INVITED_LABEL = {"en": "Invited: {}", "es": "Organización invitada: {}"}
VERIFIED_LABEL = {"en": "Verified: {}", "es": "Organización verificada: {}"}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_queue_marks_and_filters_invited_comments_as_verified(app: Flask, lang: str) -> None:
    with app.app_context():
        kinds = four_kinds(db.session, status=SubmissionStatus.PENDING)
        db.session.commit()
        invited_id = kinds.invited.id
    client = signed_in(app, Role.MODERATOR, Language(lang))

    def page(query: str = "") -> str:
        response = client.get(f"/{lang}/staff/queue{query}")
        assert response.status_code == 200
        return html.unescape(response.get_data(as_text=True))

    everything = page()
    assert INVITED_LABEL[lang].format(INVITED) in everything
    assert VERIFIED_LABEL[lang].format(LISTED[lang]) in everything
    verified = page("?verified=yes")
    assert "Invited named" in verified
    assert "Verified named" in verified
    assert "Self-declared" not in verified
    unverified = page("?verified=no")
    assert "Self-declared" in unverified
    assert "Invited named" not in unverified
    one = client.get(f"/{lang}/staff/submissions/{invited_id}")
    assert INVITED_LABEL[lang].format(INVITED) in html.unescape(one.get_data(as_text=True))
