"""The secret offered while enrolling a second factor is kept on the server (the user's row,
with an expiry), never in the session cookie, which is signed but readable by anyone holding
it."""

from __future__ import annotations

import base64
import re
import zlib
from datetime import timedelta

import pyotp
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db, utcnow
from app.enums import Role
from app.staff.models import User
from tests.staff.helpers import csrf_from, signed_in

EMAIL = "moderator@example.org"


def _offered(client: FlaskClient) -> tuple[str, str]:
    page = client.get("/en/staff/two-factor").get_data(as_text=True)
    return re.search(r'class="totp-secret">([A-Z2-7]+)<', page).group(1), page


def _cookie_payload(app: Flask, client: FlaskClient) -> bytes:
    """What anyone holding the cookie can read: itsdangerous's payload, base64 (zlib when it
    starts with a dot), before the timestamp and signature."""
    value = client.get_cookie(app.config["SESSION_COOKIE_NAME"]).value
    compressed = value.startswith(".")
    payload = value.lstrip(".").split(".")[0]
    raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    return zlib.decompress(raw) if compressed else raw


def _user(app: Flask) -> User:
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == EMAIL))


def test_the_enrolment_secret_is_not_in_the_session_cookie(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR)
    secret, _page = _offered(client)
    assert secret.encode() not in _cookie_payload(app, client)
    assert b"totp" not in _cookie_payload(app, client).lower()
    user = _user(app)
    assert user.pending_totp_secret == secret
    assert user.totp_secret is None


def test_the_pending_secret_is_kept_until_confirmed_then_cleared(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR)
    secret, page = _offered(client)
    assert _offered(client)[0] == secret
    code = pyotp.TOTP(secret).now()
    response = client.post(
        "/en/staff/two-factor", data={"csrf_token": csrf_from(page), "code": code}
    )
    assert response.status_code == 302
    user = _user(app)
    assert user.totp_secret == secret
    assert user.pending_totp_secret is None
    assert user.pending_totp_expires_at is None
    assert secret.encode() not in _cookie_payload(app, client)


def test_an_expired_pending_secret_is_replaced_and_refused(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR)
    secret, page = _offered(client)
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == EMAIL))
        user.pending_totp_expires_at = utcnow() - timedelta(seconds=1)
        db.session.commit()
    code = pyotp.TOTP(secret).now()
    response = client.post(
        "/en/staff/two-factor", data={"csrf_token": csrf_from(page), "code": code}
    )
    assert response.status_code == 422
    assert _user(app).totp_secret is None
    assert _offered(client)[0] != secret
