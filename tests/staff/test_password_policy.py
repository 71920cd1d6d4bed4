"""What a new staff password must not be: a well-known one (a list of the 30,000 most common,
decorations at the end ignored), the current one; and administrators in production need a
second factor."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from flask import Flask
from flask.testing import FlaskClient
from flask_babel import force_locale
from sqlalchemy import select

from app.config import load_config
from app.db import db
from app.enums import Language, Role
from app.staff.models import User
from app.staff.passwords import (
    PasswordProblem,
    common_passwords,
    hash_password,
    password_problem,
    verify_password,
)
from app.staff.services import create_user

PASSWORD = "una contraseña bastante larga"


@pytest.mark.parametrize(
    "password",
    [
        "Password123456!",  # the probe's example: a top password, capitalised and decorated
        "password1234567",
        "Dragon12345678",
        "Sunshine2024!!",
        "iloveyou 123456",
        "Contraseña123!",  # Spanish, not in the English list
        "Consulta2026!!",  # the application's own name (ASVS 6.1.2)
        "qwertyqwertyqwerty",  # a common one repeated
        "Superman#1234",
        "123456789012",
    ],
)
def test_well_known_passwords_are_refused_however_decorated(app: Flask, password: str) -> None:
    with app.test_request_context():
        assert password_problem(password, "ana@example.org") is PasswordProblem.TOO_COMMON


@pytest.mark.parametrize(
    "password",
    ["123456789012", "123123123123", "000000000000", "passwordpassword", "qwertyuiopas",
     "abcdefghijkl", "administrator", "adminadminadmin", "letmeinletmein", "welcome12345",
     "changeme1234", "mexico123456", "contrasena1234", "abc123abc123"],
)  # fmt: skip
def test_the_short_list_of_before_is_still_refused(app: Flask, password: str) -> None:
    with app.test_request_context():
        assert password_problem(password, "") in {
            PasswordProblem.TOO_COMMON,
            PasswordProblem.TOO_REPETITIVE,
        }


@pytest.mark.parametrize(
    "password",
    ["una contraseña bastante larga", "correct horse battery staple", "password manager 7 rules",
     "Dragones de Oaxaca 1987"],
)  # fmt: skip
def test_passphrases_are_accepted(app: Flask, password: str) -> None:
    with app.test_request_context():
        assert password_problem(password, "ana@example.org") is None


def test_the_list_holds_the_top_ten_thousand_and_is_loaded_once() -> None:
    """At least the 10,000 most common passwords (ASVS asks for 3,000), as one set built once
    per process, so each check is a few set look-ups."""
    known = common_passwords()
    assert isinstance(known, frozenset)
    assert len(known) >= 10_000
    assert {"123456", "password", "sunshine", "trustno1"} <= known
    assert common_passwords() is known


def _sign_in(client: FlaskClient, email: str, password: str) -> None:
    page = client.get("/es/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page)[1]
    data = {"csrf_token": token, "email": email, "password": password}
    assert client.post("/es/staff/login", data=data).status_code == 302


@pytest.mark.parametrize(
    ("new", "message"),
    [(PASSWORD, "La nueva contraseña debe ser distinta de la actual."),
     ("Password123456!", "Esta contraseña es demasiado común"),
],
)  # fmt: skip
def test_a_password_change_refuses_the_current_and_common_passwords(
    app: Flask, client: FlaskClient, new: str, message: str
) -> None:
    with app.app_context():
        create_user(db.session, "ana@example.org", PASSWORD, Role.MODERATOR, Language.ES)
        db.session.commit()
    _sign_in(client, "ana@example.org", PASSWORD)
    page = client.get("/es/staff/password").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page)[1]
    response = client.post(
        "/es/staff/password",
        data={"csrf_token": token, "current": PASSWORD, "new": new, "confirm": new},
    )
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    with app.app_context():
        assert verify_password(db.session.scalar(select(User)).password_hash, PASSWORD)


@pytest.mark.parametrize(
    ("lang", "says"),
    [("en", "the part of your e-mail address before the @"),
     ("es", "la parte de su correo electrónico anterior a la @")],
)  # fmt: skip
def test_a_password_holding_the_name_before_the_at_says_which_part(
    app: Flask, lang: str, says: str
) -> None:
    """Only the part before the @ is looked for, so the message names that part (it said
    "your e-mail address", which the password did not contain)."""
    with app.test_request_context(), force_locale(lang):
        problem = password_problem("una frase con marisol adentro", "marisol@example.org")
        assert problem is PasswordProblem.CONTAINS_EMAIL
        assert says in problem.message


def test_the_refusal_of_the_current_password_is_in_english_too(app: Flask) -> None:
    with app.test_request_context(), force_locale("en"):
        assert PasswordProblem.SAME_AS_CURRENT.message == (
            "The new password must be different from the current one."
        )


@pytest.mark.parametrize(
    ("env", "required"),
    [({}, False), ({"CONSULTA_CONFIG": "production"}, True),
     ({"CONSULTA_CONFIG": "production", "REQUIRE_2FA_FOR_ADMINS": "0"}, False),
     ({"REQUIRE_2FA_FOR_ADMINS": "1"}, True)],
)  # fmt: skip
def test_production_requires_a_second_factor_for_administrators(
    tmp_path: Path, env: dict, required: bool
) -> None:
    base = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k", "ALLOW_SQLITE_IN_PRODUCTION": "1",
            "PUBLIC_BASE_URL": "https://consulta.example.org"}  # fmt: skip
    assert load_config({**base, **env})["REQUIRE_2FA_FOR_ADMINS"] is required


def test_the_application_hashes_at_argon2s_recommended_cost(production_password_cost) -> None:
    """The suite hashes cheaply (tests/conftest.py); the application itself must not."""
    encoded = hash_password("a long enough password for tests")
    recommended = PasswordHasher()
    assert encoded.startswith("$argon2id$")
    assert f"m={recommended.memory_cost},t={recommended.time_cost},p={recommended.parallelism}" in (
        encoded
    )
