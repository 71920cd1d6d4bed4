"""Every limit lives in app/config.py (overridable by environment variable) and is read when a
request needs it: with other values configured, the English and Spanish pages state the new
numbers (singular and plural) and the limits are enforced at them."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app.admin.models import Invitation
from app.config import load_config
from app.db import db, utcnow
from app.enums import Language, Role
from app.models import Submission
from app.security import limiter
from app.staff.models import SignInAttempt
from app.staff.services import create_user
from tests.admin.helpers import admin_client, post
from tests.intake import files
from tests.intake.helpers import submit

MB = 1024 * 1024
DEFAULTS = {
    "MAX_ATTACHMENTS": 3,
    "MAX_ATTACHMENT_BYTES": 10 * MB,
    "RATELIMIT_SUBMIT": "5 per minute;40 per hour",
    "RATELIMIT_STATUS": "10 per minute;60 per hour",
    "RATELIMIT_SIGN_IN": "30 per minute",
    "RATELIMIT_INVITATION": "30 per minute",
    "SIGN_IN_MAX_FAILURES": 5,
    "SIGN_IN_THROTTLE_MINUTES": 15,
    "STAFF_IDLE_MINUTES": 480,
    "STAFF_ABSOLUTE_HOURS": 12,
    "INVITATION_HOURS": 72,
}


def test_defaults_and_environment_overrides(tmp_path: Path) -> None:
    settings = load_config({"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k"})
    assert {key: settings[key] for key in DEFAULTS} == DEFAULTS
    env = {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k", "MAX_ATTACHMENTS": "2",
           "MAX_ATTACHMENT_BYTES": str(5 * MB), "SIGN_IN_THROTTLE_MINUTES": "30",
           "INVITATION_HOURS": "24", "RATELIMIT_SIGN_IN": "3 per minute"}  # fmt: skip
    settings = load_config(env)
    assert (settings["MAX_ATTACHMENTS"], settings["MAX_ATTACHMENT_BYTES"]) == (2, 5 * MB)
    assert settings["SIGN_IN_THROTTLE_MINUTES"] == 30
    assert settings["INVITATION_HOURS"] == 24
    assert settings["RATELIMIT_SIGN_IN"] == "3 per minute"


# --- attachments ------------------------------------------------------------------------------

HINTS = {
    (2, "en"): "Up to 2 files: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, 5 MB each.",
    (2, "es"): "Hasta 2 archivos: PDF, Word (.docx), Excel (.xlsx), PNG o JPEG, de 5 MB cada "
    "uno como máximo.",
    (1, "en"): "At most 1 file: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, up to 5 MB.",
    (1, "es"): "Hasta 1 archivo: PDF, Word (.docx), Excel (.xlsx), PNG o JPEG, de 5 MB como "
    "máximo.",
}
TOO_MANY = {
    (2, "en"): "You can attach at most 2 files.",
    (2, "es"): "Puede adjuntar como máximo 2 archivos.",
    (1, "en"): "You can attach at most 1 file.",
    (1, "es"): "Puede adjuntar como máximo 1 archivo.",
}
TOO_LARGE = {
    "en": "Each file may be at most 5 MB.",
    "es": "Cada archivo puede pesar como máximo 5 MB.",
}


def _count(app: Flask) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(Submission)) or 0


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("allowed", [2, 1])
def test_the_form_states_and_enforces_the_configured_attachment_limits(
    app: Flask, client: FlaskClient, lang: str, allowed: int
) -> None:
    app.config.update(MAX_ATTACHMENTS=allowed, MAX_ATTACHMENT_BYTES=5 * MB)
    page = client.get(f"/{lang}/c/hled-2026/submit").get_data(as_text=True)
    assert HINTS[(allowed, lang)] in page

    pngs = [(files.png(i + 1, 1), f"{i}.png") for i in range(allowed + 1)]
    refused = submit(client, lang, files=pngs)
    assert refused.status_code == 422
    assert TOO_MANY[(allowed, lang)] in refused.get_data(as_text=True)

    big = b"%PDF-1.4\n" + b"0" * (5 * MB)  # just over 5 MB, well under the old 10 MB
    refused = submit(client, lang, files=[(big, "grande.pdf")])
    assert refused.status_code == 422
    assert TOO_LARGE[lang] in refused.get_data(as_text=True)
    assert _count(app) == 0

    assert submit(client, lang, files=pngs[:allowed]).status_code == 303
    assert _count(app) == 1


@pytest.mark.usefixtures("seeded")
def test_more_files_and_larger_ones_pass_when_the_limits_are_raised(
    app: Flask, client: FlaskClient
) -> None:
    app.config.update(MAX_ATTACHMENTS=4, MAX_ATTACHMENT_BYTES=12 * MB)
    page = client.get("/en/c/hled-2026/submit").get_data(as_text=True)
    assert "Up to 4 files: PDF, Word (.docx), Excel (.xlsx), PNG or JPEG, 12 MB each." in page
    big = b"%PDF-1.4\n" + b"0" * (11 * MB)
    four = [(files.png(i + 1, 1), f"{i}.png") for i in range(3)] + [(big, "grande.pdf")]
    assert submit(client, "en", files=four).status_code == 303


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Attachments may be at most 5 MB each"),
     ("es", "Cada archivo adjunto puede pesar como máximo 5 MB")],
)  # fmt: skip
def test_the_too_large_page_states_the_configured_size(
    app: Flask, client: FlaskClient, lang: str, expected: str
) -> None:
    app.config.update(MAX_ATTACHMENT_BYTES=5 * MB, MAX_CONTENT_LENGTH=1000)
    response = client.post(f"/{lang}/c/hled-2026/submit", data={"body": "x" * 5000})
    assert response.status_code == 413
    assert expected in response.get_data(as_text=True)


# --- sign-in ----------------------------------------------------------------------------------

PASSWORD = "una contraseña bastante larga"
REFUSAL = {
    (30, "en"): "Please try again in 30 minutes.",
    (30, "es"): "Inténtelo de nuevo en 30 minutos.",
    (1, "en"): "Please try again in 1 minute.",
    (1, "es"): "Inténtelo de nuevo en 1 minuto.",
}


def _sign_in(client: FlaskClient, lang: str, email_: str, password: str):
    page = client.get(f"/{lang}/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, "email": email_, "password": password}
    return client.post(f"/{lang}/staff/login", data=data)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("minutes", [30, 1])
def test_the_sign_in_throttle_states_and_uses_the_configured_window(
    app: Flask, client: FlaskClient, lang: str, minutes: int
) -> None:
    app.config.update(SIGN_IN_THROTTLE_MINUTES=minutes, SIGN_IN_MAX_FAILURES=2)
    address = "moderadora@example.org"
    with app.app_context():
        create_user(db.session, address, PASSWORD, Role.MODERATOR, Language(lang))
        # A failure from before the window does not count; one inside it does.
        for age in (minutes + 5, minutes - 0.5):
            db.session.add(SignInAttempt(email=address, client_address="127.0.0.1",
                                         succeeded=False,
                                         created_at=utcnow() - timedelta(minutes=age)))  # fmt: skip
        db.session.commit()
    wrong = _sign_in(client, lang, address, "not the password at all")
    assert wrong.status_code == 401
    assert REFUSAL[(minutes, lang)] in wrong.get_data(as_text=True)
    # Two failures inside the window: paused, even with the right password.
    paused = _sign_in(client, lang, address, PASSWORD)
    assert paused.status_code == 429
    assert REFUSAL[(minutes, lang)] in paused.get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [("en", "Too many wrong codes. Please try again in 30 minutes."),
     ("es", "Demasiados códigos incorrectos. Inténtelo de nuevo en 30 minutos.")],
)  # fmt: skip
def test_the_second_factor_throttle_states_the_configured_window(
    app: Flask, lang: str, expected: str
) -> None:
    from flask_babel import force_locale

    from app.staff.views import CODE_THROTTLED

    app.config["SIGN_IN_THROTTLE_MINUTES"] = 30
    with app.test_request_context(), force_locale(lang):
        assert CODE_THROTTLED() == expected


def test_the_sign_in_rate_limit_is_the_configured_one(app: Flask, client: FlaskClient) -> None:
    app.config["RATELIMIT_SIGN_IN"] = "2 per minute"
    with app.app_context():
        limiter.reset()
    codes = [_sign_in(client, "en", f"n{i}@example.org", "wrong").status_code for i in range(3)]
    assert codes == [401, 401, 429]


# --- invitations ------------------------------------------------------------------------------


def _outbox(app: Flask) -> list[email.message.EmailMessage]:
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))
    ]


@pytest.mark.parametrize(
    ("lang", "page_text", "flash_text", "mail_text"),
    [
        ("en", "valid for 24 hours and usable once", "It is valid for 24 hours.",
         "within 24 hours:"),
        ("es", "válido durante 24 horas y de un solo uso", "Es válida durante 24 horas.",
         "en un plazo de 24 horas:"),
    ],
)  # fmt: skip
def test_invitations_state_and_use_the_configured_validity(
    app: Flask, lang: str, page_text: str, flash_text: str, mail_text: str
) -> None:
    app.config["INVITATION_HOURS"] = 24
    client = admin_client(app, Language(lang))
    page = client.get(f"/{lang}/staff/admin/users/invite").get_data(as_text=True)
    assert page_text in page
    response = post(client, f"/{lang}/staff/admin/users/invite",
                    {"email": "nueva@example.org", "role": "moderator", "language": lang},
                    page=f"/{lang}/staff/admin/users/invite")  # fmt: skip
    assert response.status_code == 303
    assert flash_text in client.get(response.headers["Location"]).get_data(as_text=True)
    assert mail_text in _outbox(app)[-1].get_content()
    with app.app_context():
        invitation = db.session.scalar(select(Invitation))
        assert invitation.expires_at - invitation.created_at == timedelta(hours=24)


def test_an_invitation_valid_for_one_hour_says_hour(app: Flask) -> None:
    app.config["INVITATION_HOURS"] = 1
    client = admin_client(app)
    page = client.get("/en/staff/admin/users/invite").get_data(as_text=True)
    assert "valid for 1 hour and usable once" in page


def test_the_invitation_rate_limit_is_the_configured_one(app: Flask, client: FlaskClient) -> None:
    app.config["RATELIMIT_INVITATION"] = "2 per minute"
    with app.app_context():
        limiter.reset()
    page = client.get("/en/staff/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    url = "/en/invitation/not-a-token"
    codes = [client.post(url, data={"csrf_token": token}).status_code for _ in range(3)]
    assert codes == [410, 410, 429]
