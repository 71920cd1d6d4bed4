"""Staff sign-in: argon2id passwords, one refusal message, throttling kept in the database,
sessions that end on the server and expire when idle."""

from __future__ import annotations

import re

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app.db import db, utcnow
from app.enums import Language, Role
from app.staff.models import User
from app.staff.services import create_user

PASSWORD = "una contraseña bastante larga"


@pytest.fixture
def moderator(app: Flask) -> str:
    with app.app_context():
        create_user(db.session, "moderadora@example.org", PASSWORD, Role.MODERATOR, Language.ES)
        db.session.commit()
    return "moderadora@example.org"


def _token(client: FlaskClient, lang: str = "es") -> str:
    page = client.get(f"/{lang}/staff/login").get_data(as_text=True)
    return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)


def sign_in(client: FlaskClient, email: str, password: str, lang: str = "es", next_=None):
    url = f"/{lang}/staff/login" + (f"?next={next_}" if next_ else "")
    data = {"csrf_token": _token(client, lang), "email": email, "password": password}
    return client.post(url, data=data)


def test_sign_in_reaches_the_back_office_in_the_users_language(
    moderator: str, client: FlaskClient
) -> None:
    response = sign_in(client, "Moderadora@Example.org", PASSWORD, lang="en")
    assert response.status_code == 302
    assert response.headers["Location"] == "/es/staff/"
    page = client.get("/es/staff/").get_data(as_text=True)
    assert "moderadora@example.org" in page
    assert "con el rol “Moderación”" in page
    # An English URL is sent to the staff member's own language.
    assert client.get("/en/staff/").headers["Location"] == "/es/staff/"


@pytest.mark.parametrize("email", ["moderadora@example.org", "nadie@example.org"])
def test_wrong_password_and_unknown_account_get_the_same_answer(
    moderator: str, client: FlaskClient, email: str
) -> None:
    response = sign_in(client, email, "not the password at all")
    assert response.status_code == 401
    assert "no son correctos" in response.get_data(as_text=True)


def test_five_failures_pause_the_account_even_for_the_right_password(
    moderator: str, client: FlaskClient
) -> None:
    for _ in range(5):
        assert sign_in(client, moderator, "wrong password here").status_code == 401
    response = sign_in(client, moderator, PASSWORD)
    assert response.status_code == 429
    assert client.get("/es/staff/").status_code == 302


def test_five_failures_from_one_address_pause_other_accounts_too(
    moderator: str, client: FlaskClient
) -> None:
    for i in range(5):
        sign_in(client, f"guess{i}@example.org", "wrong password here")
    assert sign_in(client, moderator, PASSWORD).status_code == 429


def test_throttling_holds_across_processes(moderator: str, app: Flask) -> None:
    """The count lives in the database: a second app (another worker) sees it."""
    for _ in range(5):
        sign_in(app.test_client(), moderator, "wrong password here")
    assert sign_in(app.test_client(), moderator, PASSWORD).status_code == 429


def test_a_copied_cookie_is_refused_after_sign_out(moderator: str, client: FlaskClient) -> None:
    sign_in(client, moderator, PASSWORD)
    stolen = client.get_cookie("consulta_session").value
    page = client.get("/es/staff/").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    assert client.post("/es/staff/logout", data={"csrf_token": token}).status_code == 302
    client.set_cookie("consulta_session", stolen)
    response = client.get("/es/staff/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/es/staff/login")


def test_deactivating_an_account_ends_its_sessions(
    moderator: str, app: Flask, client: FlaskClient
) -> None:
    sign_in(client, moderator, PASSWORD)
    assert client.get("/es/staff/").status_code == 200
    with app.app_context():
        user = db.session.scalar(select(User))
        user.is_active = False
        db.session.commit()
    assert client.get("/es/staff/").status_code == 302


def test_an_idle_session_expires(moderator: str, client: FlaskClient) -> None:
    sign_in(client, moderator, PASSWORD)
    with client.session_transaction() as session:
        session["seen"] = utcnow().timestamp() - 9 * 3600
    response = client.get("/es/staff/")
    assert response.status_code == 302
    assert "expired=1" in response.headers["Location"]
    assert "Su sesión expiró" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_every_session_ends_after_the_absolute_limit(moderator: str, client: FlaskClient) -> None:
    sign_in(client, moderator, PASSWORD)
    with client.session_transaction() as session:
        session["since"] = utcnow().timestamp() - 13 * 3600
    assert client.get("/es/staff/").status_code == 302


def test_the_session_is_renewed_at_sign_in(moderator: str, client: FlaskClient) -> None:
    client.get("/es/staff/login")
    with client.session_transaction() as session:
        session["planted"] = "by an attacker"
    sign_in(client, moderator, PASSWORD)
    with client.session_transaction() as session:
        assert "planted" not in session


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_next_never_leaves_the_site(moderator: str, client: FlaskClient, target: str) -> None:
    response = sign_in(client, moderator, PASSWORD, next_=target)
    assert response.headers["Location"] == "/es/staff/"


def test_next_returns_to_the_page_asked_for(moderator: str, client: FlaskClient) -> None:
    first = client.get("/es/staff/")
    assert first.status_code == 302
    target = first.headers["Location"].split("next=", 1)[1]
    response = sign_in(client, moderator, PASSWORD, next_=target)
    assert response.headers["Location"] == "/es/staff/"


def test_staff_choose_their_language_and_stay_on_the_same_page(
    moderator: str, app: Flask, client: FlaskClient
) -> None:
    sign_in(client, moderator, PASSWORD)
    page = client.get("/es/staff/").get_data(as_text=True)
    assert 'name="language" value="en"' in page
    response = client.post(
        "/es/staff/language",
        data={"csrf_token": _token_from(page), "language": "en", "next": "/es/staff/"},
    )
    assert response.headers["Location"] == "/en/staff/"
    assert "Back office" in client.get("/en/staff/").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User)).preferred_language is Language.EN


def _token_from(page: str) -> str:
    return re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)


def _change(client: FlaskClient, current: str, new: str, confirm: str | None = None):
    page = client.get("/es/staff/password").get_data(as_text=True)
    return client.post(
        "/es/staff/password",
        data={"csrf_token": _token_from(page), "current": current, "new": new,
              "confirm": new if confirm is None else confirm},
    )  # fmt: skip


def test_a_password_change_ends_other_sessions_but_not_this_one(
    moderator: str, app: Flask, client: FlaskClient
) -> None:
    other_device = app.test_client()
    sign_in(other_device, moderator, PASSWORD)
    sign_in(client, moderator, PASSWORD)
    response = _change(client, PASSWORD, "otra frase larga y nueva")
    assert response.status_code == 302
    assert "Se cambió su contraseña" in client.get("/es/staff/").get_data(as_text=True)
    assert other_device.get("/es/staff/").status_code == 302
    fresh = app.test_client()
    assert sign_in(fresh, moderator, "otra frase larga y nueva").status_code == 302


@pytest.mark.parametrize(
    ("current", "new", "confirm", "message"),
    [
        (
            "not my password",
            "otra frase larga y nueva",
            None,
            "La contraseña actual no es correcta.",
        ),
        (PASSWORD, "corta", None, "Use al menos 12 caracteres."),
        (PASSWORD, "otra frase larga y nueva", "otra frase distinta", "no coinciden"),
        (
            PASSWORD,
            "moderadora-2026-clave",
            None,
            "no debe contener la parte de su correo electrónico anterior a la @",
        ),
    ],
)
def test_a_refused_password_change_says_why_in_spanish(
    moderator: str, app: Flask, client: FlaskClient, current, new, confirm, message
) -> None:
    sign_in(client, moderator, PASSWORD)
    response = _change(client, current, new, confirm)
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        from app.staff.passwords import verify_password

        assert verify_password(db.session.scalar(select(User)).password_hash, PASSWORD)


@pytest.mark.parametrize(
    ("lang", "too_short", "too_long", "rules"),
    [
        (Language.EN, "Use at least 16 characters.", "Use at most 40 characters.", "16 to 40"),
        (
            Language.ES,
            "Use al menos 16 caracteres.",
            "Use como máximo 40 caracteres.",
            "De 16 a 40",
        ),
    ],
)
def test_a_password_change_names_the_configured_limits(
    app: Flask, lang: Language, too_short: str, too_long: str, rules: str
) -> None:
    app.config.update(PASSWORD_MIN_LENGTH=16, PASSWORD_MAX_LENGTH=40)
    with app.app_context():
        create_user(db.session, "largo@example.org", PASSWORD + " y algo más", Role.MODERATOR, lang)
        db.session.commit()
    client = app.test_client()
    sign_in(client, "largo@example.org", PASSWORD + " y algo más", lang=lang.value)
    page = client.get(f"/{lang.value}/staff/password").get_data(as_text=True)
    assert rules in page
    assert 'maxlength="40"' in page
    for new, message in (
        ("fifteen chars!!", too_short),
        ("forty-one characters, " + "x" * 19, too_long),
    ):
        response = client.post(
            f"/{lang.value}/staff/password",
            data={"csrf_token": _token_from(page), "current": PASSWORD + " y algo más",
                  "new": new, "confirm": new},
        )  # fmt: skip
        assert response.status_code == 422
        assert message in response.get_data(as_text=True)
