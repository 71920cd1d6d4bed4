"""The TOTP second factor: enrolment confirmed by a code, single-use codes, throttled wrong
codes, admins made to enrol when configured, and only one's own factor ever changed."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.db import db
from app.enums import Language, Role
from app.staff.models import SignInAttempt, User
from app.staff.services import create_user
from tests.staff.helpers import PASSWORD, csrf_from, signed_in

SECRET = pyotp.random_base32()


def _user(app: Flask, email: str, role: Role = Role.MODERATOR, secret: str | None = SECRET,
          lang: Language = Language.EN) -> str:  # fmt: skip
    with app.app_context():
        user = create_user(db.session, email, PASSWORD, role, lang)
        user.totp_secret = secret
        db.session.commit()
    return email


def _password_step(client: FlaskClient, email: str, lang: str = "en"):
    token = csrf_from(client.get(f"/{lang}/staff/login").get_data(as_text=True))
    return client.post(
        f"/{lang}/staff/login", data={"csrf_token": token, "email": email, "password": PASSWORD}
    )


def _code_step(client: FlaskClient, code: str, lang: str = "en"):
    token = csrf_from(client.get(f"/{lang}/staff/login/code").get_data(as_text=True))
    return client.post(f"/{lang}/staff/login/code", data={"csrf_token": token, "code": code})


def _stored(app: Flask, email: str) -> tuple[str | None, int | None]:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == email))
        return user.totp_secret, user.totp_last_step


def test_sign_in_asks_for_the_code_and_is_not_signed_in_before_it(
    app: Flask, client: FlaskClient
) -> None:
    email = _user(app, "dos@example.org")
    response = _password_step(client, email)
    assert response.headers["Location"] == "/en/staff/login/code"
    # Half signed in is not signed in.
    assert "/staff/login" in client.get("/en/staff/").headers["Location"]
    assert _code_step(client, pyotp.TOTP(SECRET).now()).headers["Location"] == "/en/staff/"
    assert client.get("/en/staff/").status_code == 200


def test_the_code_step_needs_the_password_step(client: FlaskClient, app: Flask) -> None:
    _user(app, "dos@example.org")
    response = client.get("/en/staff/login/code")
    assert response.headers["Location"] == "/en/staff/login"


def test_a_code_is_accepted_once_only(app: Flask) -> None:
    email = _user(app, "dos@example.org")
    code = pyotp.TOTP(SECRET).now()
    first = app.test_client()
    _password_step(first, email)
    assert _code_step(first, code).status_code == 302
    # A replay of the same code in the same 30-second window, from another browser.
    second = app.test_client()
    _password_step(second, email)
    response = _code_step(second, code)
    assert response.status_code == 401
    assert "already been used" in response.get_data(as_text=True)
    assert "/staff/login" in second.get("/en/staff/").headers["Location"]


def test_an_earlier_step_is_refused_after_a_later_one(app: Flask) -> None:
    email = _user(app, "dos@example.org")
    totp = pyotp.TOTP(SECRET)
    client = app.test_client()
    _password_step(client, email)
    now = time.time()
    # The next window's code (valid_window=1 accepts a clock a little ahead) ...
    assert _code_step(client, totp.at(now + 30)).status_code == 302
    other = app.test_client()
    _password_step(other, email)
    # ... after which the current one is older and refused.
    assert _code_step(other, totp.at(now)).status_code == 401


def test_wrong_codes_are_throttled_like_passwords(app: Flask) -> None:
    email = _user(app, "dos@example.org")
    client = app.test_client()
    _password_step(client, email)
    for _ in range(5):
        assert _code_step(client, "000000").status_code == 401
    # Even the right code is now refused for the rest of the window.
    response = _code_step(client, pyotp.TOTP(SECRET).now())
    assert response.status_code == 429
    assert "Too many wrong codes" in response.get_data(as_text=True)
    with app.app_context():
        failures = db.session.scalar(
            select(func.count()).select_from(SignInAttempt).where(
                SignInAttempt.email == email, SignInAttempt.succeeded.is_(False)
            )
        )  # fmt: skip
    assert failures == 5
    # The password step is paused too: it shares the counter.
    assert _password_step(app.test_client(), email).status_code == 429


def _enrolment_secret(client: FlaskClient, lang: str = "en") -> tuple[str, str]:
    page = client.get(f"/{lang}/staff/two-factor").get_data(as_text=True)
    secret = re.search(r'class="totp-secret">([A-Z2-7]+)<', page).group(1)
    return secret, page


def test_enrolment_needs_a_valid_code(app: Flask) -> None:
    client = signed_in(app, Role.MODERATOR)
    secret, page = _enrolment_secret(client)
    assert "otpauth://totp/Consulta:moderator%40example.org?secret=" + secret in page
    token = csrf_from(page)
    wrong = client.post("/en/staff/two-factor", data={"csrf_token": token, "code": "123456"})
    assert wrong.status_code == 422
    assert "not correct" in wrong.get_data(as_text=True)
    assert _stored(app, "moderator@example.org") == (None, None)
    # The same secret is offered until confirmed.
    assert _enrolment_secret(client)[0] == secret
    code = pyotp.TOTP(secret).now()
    right = client.post("/en/staff/two-factor", data={"csrf_token": token, "code": code})
    assert right.status_code == 302
    stored_secret, step = _stored(app, "moderator@example.org")
    assert stored_secret == secret
    assert step is not None
    # The confirming code cannot then be used to sign in.
    other = app.test_client()
    _password_step(other, "moderator@example.org")
    assert _code_step(other, code).status_code == 401


def test_removal_needs_a_current_code(app: Flask) -> None:
    email = _user(app, "dos@example.org")
    client = app.test_client()
    _password_step(client, email)
    totp = pyotp.TOTP(SECRET)
    now = time.time()
    assert _code_step(client, totp.at(now - 30)).status_code == 302
    token = csrf_from(client.get("/en/staff/two-factor").get_data(as_text=True))
    refused = client.post(
        "/en/staff/two-factor/remove", data={"csrf_token": token, "remove-code": "111111"}
    )
    assert refused.status_code == 422
    assert _stored(app, email)[0] == SECRET
    removed = client.post(
        "/en/staff/two-factor/remove", data={"csrf_token": token, "remove-code": totp.at(now)}
    )
    assert removed.status_code == 302
    assert _stored(app, email) == (None, None)


def test_the_routes_act_on_the_signed_in_user_only(app: Flask) -> None:
    """There is no route naming another account; extra fields naming one change nothing."""
    _user(app, "otra@example.org", secret=None)
    _user(app, "tercera@example.org")
    client = signed_in(app, Role.MODERATOR)
    with app.app_context():
        other_id = db.session.scalar(select(User.id).where(User.email == "otra@example.org"))
        third_id = db.session.scalar(select(User.id).where(User.email == "tercera@example.org"))
    secret, page = _enrolment_secret(client)
    token = csrf_from(page)
    data = {"csrf_token": token, "code": pyotp.TOTP(secret).now(), "user_id": other_id,
            "email": "otra@example.org"}  # fmt: skip
    assert client.post(f"/en/staff/two-factor?user_id={other_id}", data=data).status_code == 302
    assert _stored(app, "otra@example.org") == (None, None)
    assert _stored(app, "moderator@example.org")[0] == secret
    # Removing with another account's valid code and id touches neither account.
    data = {"csrf_token": token, "remove-code": pyotp.TOTP(SECRET).now(), "user_id": third_id}
    assert client.post("/en/staff/two-factor/remove", data=data).status_code == 422
    assert _stored(app, "tercera@example.org")[0] == SECRET
    assert _stored(app, "moderator@example.org")[0] == secret
    rules = {rule.rule for rule in app.url_map.iter_rules() if "two-factor" in rule.rule}
    assert all("<" not in rule.replace("<lang:lang>", "") for rule in rules)


@pytest.mark.parametrize("required", [True, False])
def test_admins_must_enrol_when_configured(app: Flask, required: bool) -> None:
    app.config["REQUIRE_2FA_FOR_ADMINS"] = required
    admin = app.test_client()
    _user(app, "jefa@example.org", Role.ADMIN, secret=None)
    response = _password_step(admin, "jefa@example.org")
    if not required:
        assert response.headers["Location"] == "/en/staff/"
        assert admin.get("/en/staff/admin/users").status_code == 200
        return
    assert response.headers["Location"] == "/en/staff/two-factor"
    for url in ("/en/staff/", "/en/staff/queue", "/en/staff/admin/users", "/en/staff/password"):
        assert admin.get(url).headers["Location"] == "/en/staff/two-factor", url
    page = admin.get("/en/staff/two-factor").get_data(as_text=True)
    assert "Administrators must set up a second factor" in page
    secret = re.search(r'class="totp-secret">([A-Z2-7]+)<', page).group(1)
    admin.post("/en/staff/two-factor",
               data={"csrf_token": csrf_from(page), "code": pyotp.TOTP(secret).now()})  # fmt: skip
    assert admin.get("/en/staff/").status_code == 200
    # A moderator without a second factor is not held up.
    moderator = signed_in(app, Role.MODERATOR)
    assert moderator.get("/en/staff/queue").status_code == 200
