"""What the moderation pages say when there is nothing to show or something to correct
(issue 14, points 4 and 17): an empty queue says why it is empty, and a rejection without a
reason comes back with the error summary that links to the reason."""

from __future__ import annotations

import re

import pytest
from flask import Flask

from app.db import db
from app.enums import Language, Role, SubmissionStatus
from tests import factories
from tests.admin.helpers import translated
from tests.staff.helpers import csrf_from, signed_in

pytestmark = pytest.mark.usefixtures("seeded")


def _message(page: str) -> str:
    found = re.search(r'class="usa-alert__text">\s*(.*?)\s*</p>', page, re.S)
    assert found, "the queue shows no message"
    return found.group(1)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_queue_without_any_comment_says_there_are_none_yet(app: Flask, lang: str) -> None:
    client = signed_in(app, Role.MODERATOR, Language(lang))
    page = client.get(f"/{lang}/staff/queue").get_data(as_text=True)
    assert _message(page) == translated(app, lang, "There are no comments yet.")
    assert translated(app, lang, "No comments match these filters.") not in page


def test_a_queue_with_nothing_pending_says_nothing_waits(app: Flask) -> None:
    with app.app_context():
        factories.submission(db.session, status=SubmissionStatus.APPROVED)
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue").get_data(as_text=True)
    assert _message(page) == "No comments are waiting for a decision."


def test_a_filter_that_matches_nothing_says_so(app: Flask) -> None:
    with app.app_context():
        factories.submission(db.session)
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    page = client.get("/en/staff/queue?status=approved").get_data(as_text=True)
    assert _message(page) == "No comments match these filters."
    page = client.get("/en/staff/queue?q=nothing+like+this").get_data(as_text=True)
    assert _message(page) == "No comments match these filters."


def test_rejecting_without_a_reason_shows_the_error_summary_linked_to_the_reason(
    app: Flask,
) -> None:
    with app.app_context():
        sid = factories.submission(db.session).id
        db.session.commit()
    client = signed_in(app, Role.MODERATOR)
    page = client.get(f"/en/staff/submissions/{sid}").get_data(as_text=True)
    response = client.post(
        f"/en/staff/submissions/{sid}/decide",
        data={"csrf_token": csrf_from(page), "decision": "rejected", "version": 1, "reason": ""},
    )
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    summary = re.search(
        r'<div class="usa-alert usa-alert--error"[^>]*id="error-summary".*?</ul>', page, re.S
    )
    assert summary, "no error summary"
    links = re.findall(r'<a href="#([^"]+)">([^<]*)</a>', summary.group(0))
    assert links == [("reason", "Choose the reason for the rejection.")]
    assert 'id="reason"' in page
