"""A comment saved to finish later from a stakeholder's invited form keeps its invitation
(issue 17, points 1 and 5): resumed, the form shows the invitation; sent, it spends the
invitation and is marked invited, as sending from the link would. The draft keeps the
invitation by id, never its secret."""

from __future__ import annotations

import re
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select
from werkzeug.test import EnvironBuilder

from app.db import db
from app.enums import EventAction, Language, Role
from app.intake.models import Draft, StakeholderInvitation, Submission
from tests.admin.helpers import form_as_shown, translated
from tests.intake.test_stakeholder_invitations import (
    ORGANIZATION,
    SLUG,
    _invite,
    _link_in,
    _outbox,
    _send_from,
)
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")

INVITED_NOTICE = (
    "The secretariat invited %(organization)s to comment. A comment sent from this form is "
    "shown as coming from the invited organization; the link works for one comment."
)
GONE_NOTICE = (
    "The invitation this comment was saved from can no longer be used: it may have been used, "
    "revoked or have expired. Sent from here, it is an ordinary comment, not shown as coming "
    "from the invited organization."
)
COMMENT = {
    "submitter_name": "Lucía Ramírez",
    "location": "MX-SON",
    "primary_pillar": "building_back_together",
    "title": "Cruces fronterizos para la industria de Sonora",
    "body": "Proponemos ampliar los cruces fronterizos de Sonora y agilizar la carga.",
    "consent": "named",
}


def _post(client: FlaskClient, lang: str, data: dict[str, Any]):
    builder = EnvironBuilder(
        path=f"/{lang}/c/{SLUG}/submit", method="POST", data=data,
        content_type="multipart/form-data",
    )  # fmt: skip
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        builder.close()
        environ["wsgi.input"].close()


def _shown(client: FlaskClient, path: str) -> tuple[str, dict[str, Any]]:
    page = client.get(path)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    lang = path.split("/")[1]
    return text, dict(form_as_shown(text, f"/{lang}/c/{SLUG}/submit"))


def _save(client: FlaskClient, lang: str, data: dict[str, Any]) -> str:
    """Save the form as shown (with `data`'s answers) and read the resume link."""
    response = _post(client, lang, {**data, "save_draft": "1"})
    assert response.status_code == 303
    saved = client.get(response.headers["Location"]).get_data(as_text=True)
    return re.search(r'id="draft-link"[^>]*value="https?://[^/"]+([^"]+)"', saved).group(1)


def _invited_link(app: Flask, lang: str) -> str:
    staff = signed_in(app, Role.SECRETARIAT, Language(lang))
    assert _invite(staff, lang, language=lang).status_code == 303
    return _link_in(_outbox(app)[-1])


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_draft_saved_from_an_invitation_is_sent_as_invited(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link = _invited_link(app, lang)
    secret = link.rsplit("/", 1)[1]
    _text, data = _shown(client, link)
    data.update({"title": COMMENT["title"], "body": "Proponemos ampliar"})
    resume = _save(client, lang, data)
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        invitation = db.session.scalars(select(StakeholderInvitation)).one()
        assert draft.invitation_id == invitation.id
        # The invitation's secret is kept nowhere in the draft.
        assert secret not in draft.answers
        assert invitation.used_at is None

    # Resumed in another browser (the link is all it takes): the invited form again.
    other = app.test_client()
    text, resumed = _shown(other, resume)
    notice = translated(app, lang, INVITED_NOTICE, organization=ORGANIZATION)
    assert notice in text
    assert resumed["organization"] == [ORGANIZATION]
    assert resumed["sector"] == ["private_sector"]
    assert resumed["email"] == ["direccion@camara-sonora.example.org"]
    assert resumed["invitation"] != [""]
    assert secret not in text

    resumed.update(COMMENT)
    sent = _post(other, lang, resumed)
    assert sent.status_code == 303
    with app.app_context():
        submission = db.session.scalars(select(Submission)).one()
        assert submission.invitation is not None
        assert submission.invitation.organization == ORGANIZATION
        assert submission.invitation.used_at is not None
        assert EventAction.INVITATION_USED in [e.action for e in submission.events]
        assert db.session.scalars(select(Draft)).first() is None
    # Spent: the invitation's own link now opens nothing.
    assert client.get(link).status_code == 404


def test_saving_a_resumed_invited_draft_again_keeps_the_invitation(
    app: Flask, client: FlaskClient
) -> None:
    link = _invited_link(app, "en")
    _text, data = _shown(client, link)
    first = _save(client, "en", {**data, "title": "First go"})
    _text, resumed = _shown(client, first)
    second = _save(client, "en", {**resumed, "title": "Second go"})
    assert client.get(first).status_code == 404
    text, again = _shown(client, second)
    assert translated(app, "en", INVITED_NOTICE, organization=ORGANIZATION) in text
    with app.app_context():
        draft = db.session.scalars(select(Draft)).one()
        assert draft.invitation_id is not None
    again.update(COMMENT)
    assert _post(client, "en", again).status_code == 303
    with app.app_context():
        assert db.session.scalars(select(Submission)).one().invitation is not None


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_draft_whose_invitation_was_used_since_says_so_and_sends_an_ordinary_comment(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link = _invited_link(app, lang)
    _text, data = _shown(client, link)
    resume = _save(client, lang, {**data, "title": "Saved for later"})
    # Meanwhile a colleague sent a comment straight from the invitation's link.
    assert _send_from(app.test_client(), link).status_code == 303

    text, resumed = _shown(client, resume)
    assert translated(app, lang, GONE_NOTICE) in text
    assert translated(app, lang, INVITED_NOTICE, organization=ORGANIZATION) not in text
    assert resumed["invitation"] == [""]
    resumed.update({**COMMENT, "title": "Saved for later", "nonce": ["another-nonce"]})
    assert _post(client, lang, resumed).status_code == 303
    with app.app_context():
        newest = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert newest.title == "Saved for later"
        assert newest.invitation is None


def test_a_resumed_draft_sent_after_its_invitation_was_used_is_refused_and_kept(
    app: Flask, client: FlaskClient
) -> None:
    """Opened while the invitation was good, sent after it was spent: nothing stored, the
    text comes back to be sent as an ordinary comment, as from the invitation's own form."""
    link = _invited_link(app, "en")
    _text, data = _shown(client, link)
    resume = _save(client, "en", {**data, "title": "Saved for later"})
    _text, resumed = _shown(client, resume)
    assert _send_from(app.test_client(), link).status_code == 303
    resumed.update({**COMMENT, "title": "Saved for later"})
    refused = _post(client, "en", resumed)
    assert refused.status_code == 409
    page = refused.get_data(as_text=True)
    assert "Proponemos ampliar los cruces fronterizos" in page
    again = dict(form_as_shown(page, f"/en/c/{SLUG}/submit"))
    assert again["invitation"] == [""]
    assert _post(client, "en", again).status_code == 303
    with app.app_context():
        newest = db.session.scalars(select(Submission).order_by(Submission.id.desc())).first()
        assert newest.title == "Saved for later"
        assert newest.invitation is None
