"""An administrator revokes an invitation not yet used: a POST with CSRF from the accounts
page, recorded in the administration trail; the link then answers "cannot be used"."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.admin.models import Invitation
from app.db import db
from app.enums import Language
from app.staff.models import User
from tests.admin.helpers import admin_client, events, post, translated
from tests.admin.test_users import NEW_PASSWORD
from tests.staff.helpers import csrf_from


def _invite(app: Flask, client: FlaskClient, language: str = "en") -> tuple[None, str]:
    """Invite nueva@example.org from the admin's own language's pages; the mailed link."""
    page = f"/{language}/staff/admin/users/invite"
    data = {"email": "nueva@example.org", "role": "moderator", "language": language}
    assert post(client, page, data, page=page).status_code == 303
    mail = sorted(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))[-1].read_text()
    return None, re.search(r"http://localhost(/\S+)", mail).group(1)


def _invitation_id(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(Invitation.id))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_revoked_invitation_link_answers_no_longer_valid(app: Flask, lang: str) -> None:
    client = admin_client(app, Language(lang))
    _message, link = _invite(app, client, language=lang)
    invitation_id = _invitation_id(app)
    users_page = f"/{lang}/staff/admin/users"
    page = client.get(users_page).get_data(as_text=True)
    action = f"/{lang}/staff/admin/users/invitations/{invitation_id}/revoke"
    assert f'action="{action}"' in page
    assert translated(app, lang, "Revoke invitation") in page

    response = post(client, action, page=users_page)
    assert response.status_code == 303
    shown = client.get(users_page).get_data(as_text=True)
    assert translated(
        app, lang, "The invitation to %(email)s is revoked; its link no longer works.",
        email="nueva@example.org",
    ) in shown  # fmt: skip
    assert translated(app, lang, "No invitation is waiting.") in shown

    [event] = events(app, "invitation.revoked")
    assert (event.target_type, event.target_id) == ("invitation", invitation_id)
    assert event.target_label == "nueva@example.org"
    trail = client.get(f"/{lang}/staff/admin/events").get_data(as_text=True)
    assert translated(app, lang, "Revoked an invitation") in trail

    visitor = app.test_client()
    refused = visitor.get(link)
    assert refused.status_code == 410
    assert translated(app, lang, "This invitation cannot be used") in refused.get_data(as_text=True)
    token = csrf_from(visitor.get(f"/{lang}/staff/login").get_data(as_text=True))
    accepted = visitor.post(
        link, data={"csrf_token": token, "password": NEW_PASSWORD, "confirm": NEW_PASSWORD}
    )
    assert accepted.status_code == 410
    with app.app_context():
        assert db.session.scalar(select(User).where(User.email == "nueva@example.org")) is None


def test_an_open_form_cannot_accept_once_revoked(app: Flask) -> None:
    """The invitee opened the link before the revocation and sends the form after it."""
    client = admin_client(app)
    _message, link = _invite(app, client, language="en")
    visitor = app.test_client()
    form = visitor.get(link).get_data(as_text=True)
    revoke = f"/en/staff/admin/users/invitations/{_invitation_id(app)}/revoke"
    assert post(client, revoke).status_code == 303
    sent = visitor.post(
        link,
        data={"csrf_token": csrf_from(form), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    assert sent.status_code == 410


def test_a_used_invitation_cannot_be_revoked_and_nothing_is_recorded(app: Flask) -> None:
    client = admin_client(app)
    _message, link = _invite(app, client, language="en")
    visitor = app.test_client()
    form = visitor.get(link).get_data(as_text=True)
    visitor.post(
        link,
        data={"csrf_token": csrf_from(form), "password": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    revoke = f"/en/staff/admin/users/invitations/{_invitation_id(app)}/revoke"
    response = post(client, revoke)
    assert response.status_code == 302
    page = client.get("/en/staff/admin/users").get_data(as_text=True)
    assert "This invitation can no longer be revoked" in page
    assert events(app, "invitation.revoked") == []


def test_revoking_needs_the_form_token(app: Flask) -> None:
    client = admin_client(app)
    _invite(app, client, language="en")
    revoke = f"/en/staff/admin/users/invitations/{_invitation_id(app)}/revoke"
    assert client.post(revoke).status_code == 400
    with app.app_context():
        assert db.session.scalar(select(Invitation.revoked_at)) is None
    assert re.search(r"invitation\.revoked", str([e.action for e in events(app)])) is None
