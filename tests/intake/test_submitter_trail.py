"""A submitter's own trail: the access code of one who gave no e-mail address, and the link
in the receipt e-mail that confirms the address (issue 17, points 2 and 3)."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import audit
from app.db import db
from app.enums import EventAction, SubmissionStatus
from app.intake.models import ModerationEvent
from app.models import Submission
from tests.intake.helpers import hidden_fields, submit

pytestmark = pytest.mark.usefixtures("seeded")

WORDS = {
    "en": {
        "access": "Your access code",
        "not_found": "We could not find a comment with that tracking code",
        "pending": "Received, waiting for review",
        "ask": "Yes, withdraw my comment",
        "withdrawn": "Your comment has been withdrawn",
        "confirm_button": "I sent this comment: confirm my address",
        "confirmed": "E-mail address confirmed",
        "invalid": "This link does not work",
        "subject": "We received your comment",
    },
    "es": {
        "access": "Su clave de acceso",
        "not_found": "No encontramos ningún comentario con ese folio",
        "pending": "Recibido, en espera de revisión",
        "ask": "Sí, retirar mi comentario",
        "withdrawn": "Su comentario fue retirado",
        "confirm_button": "Yo envié este comentario: confirmar mi correo",
        "confirmed": "Correo electrónico confirmado",
        "invalid": "Este enlace no funciona",
        "subject": "Recibimos su comentario",
    },
}


def _sent_without_email(client: FlaskClient, lang: str) -> tuple[str, str]:
    """The tracking code and the access code read off the receipt, as the sender sees it."""
    response = submit(client, lang, email="")
    assert response.status_code == 303
    code = response.headers["Location"].rsplit("/", 1)[1]
    page = client.get(f"/{lang}/receipt/{code}").get_data(as_text=True)
    assert WORDS[lang]["access"] in page
    access = re.search(r'id="access-code-heading".*?consulta-code[^>]*>([A-Z0-9-]+)<', page, re.S)
    return code, access.group(1)


def _look_up(client: FlaskClient, lang: str, **proof: str):
    token = hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))["csrf_token"]
    return client.post(f"/{lang}/status", data={"csrf_token": token, **proof})


@pytest.mark.parametrize("lang", ["en", "es"])
def test_access_code_is_shown_once_and_only_its_hash_is_stored(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    code, access = _sent_without_email(client, lang)
    again = client.get(f"/{lang}/receipt/{code}").get_data(as_text=True)
    assert access not in again
    assert WORDS[lang]["access"] not in again
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.email is None
        assert row.access_code_hash is not None
        assert access not in row.access_code_hash
        assert access.replace("-", "") not in row.access_code_hash


@pytest.mark.parametrize("lang", ["en", "es"])
def test_status_and_withdrawal_with_the_access_code(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    code, access = _sent_without_email(client, lang)
    page = _look_up(client, lang, tracking_code=code, access_code=access.lower().replace("-", " "))
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert WORDS[lang]["pending"] in text

    token = hidden_fields(text)["csrf_token"]
    proof = {"csrf_token": token, "tracking_code": code, "access_code": access}
    asked = client.post(f"/{lang}/status/withdraw", data=proof)
    assert asked.status_code == 200
    assert WORDS[lang]["ask"] in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Submission.status)) is SubmissionStatus.PENDING

    done = client.post(f"/{lang}/status/withdraw", data={**proof, "confirmed": "yes"})
    assert done.status_code == 303
    assert WORDS[lang]["withdrawn"] in client.get(done.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Submission.status)) is SubmissionStatus.WITHDRAWN


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_wrong_access_code_gets_the_unknown_code_answer(client: FlaskClient, lang: str) -> None:
    code, access = _sent_without_email(client, lang)
    wrong = "2222-3333-4444-5555"
    for proof in (
        {"tracking_code": code, "access_code": wrong},
        {"tracking_code": code[:-4] + "2222", "access_code": access},
        {"tracking_code": code, "email": "someone@example.org"},
    ):
        response = _look_up(client, lang, **proof)
        assert response.status_code == 404
        assert WORDS[lang]["not_found"] in response.get_data(as_text=True)

    token = hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))["csrf_token"]
    refused = client.post(
        f"/{lang}/status/withdraw",
        data={"csrf_token": token, "tracking_code": code, "access_code": wrong, "confirmed": "yes"},
    )
    assert refused.status_code == 404


def test_an_access_code_does_not_open_a_comment_sent_with_an_e_mail_address(
    client: FlaskClient,
) -> None:
    _, access = _sent_without_email(client, "es")
    response = submit(client, "es")
    code = response.headers["Location"].rsplit("/", 1)[1]
    assert _look_up(client, "es", tracking_code=code, access_code=access).status_code == 404


def _receipt_mail(app: Flask) -> email.message.EmailMessage:
    [path] = Path(app.config["MAIL_OUTBOX"]).glob("*.eml")
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def _confirm_link(app: Flask) -> str:
    body = _receipt_mail(app).get_content()
    return re.search(r"https?://[^/\s]+(/\w\w/confirm/\S+)", body).group(1)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_receipt_mail_confirms_the_address_once(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    submit(client, lang)
    mail = _receipt_mail(app)
    assert WORDS[lang]["subject"] in mail["Subject"]
    link = _confirm_link(app)
    assert link.startswith(f"/{lang}/confirm/")

    # Opening the link only asks (a mail scanner's visit confirms nothing).
    stranger = app.test_client()
    page = stranger.get(link)
    assert page.status_code == 200
    assert WORDS[lang]["confirm_button"] in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Submission.email_confirmed_at)) is None

    token = hidden_fields(page.get_data(as_text=True))["csrf_token"]
    done = stranger.post(link, data={"csrf_token": token})
    assert done.status_code == 200
    assert WORDS[lang]["confirmed"] in done.get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.email_confirmed_at is not None
        assert [e.action for e in row.events][-1] is EventAction.EMAIL_CONFIRMED
        assert audit.verify(db.session, ModerationEvent).intact

    # Used: the same page as a link that never existed.
    used = stranger.get(link)
    assert used.status_code == 404
    assert WORDS[lang]["invalid"] in used.get_data(as_text=True)
    again = stranger.post(link, data={"csrf_token": token})
    assert again.status_code == 404


@pytest.mark.parametrize("lang", ["en", "es"])
def test_tampered_unknown_and_expired_links_get_the_same_page(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    submit(client, lang)
    link = _confirm_link(app)
    base, token = link.rsplit("/", 1)
    tampered = f"{base}/{token[:-1]}{'2' if token[-1] != '2' else '3'}"
    unknown = f"/{lang}/confirm/HLED-2222-3333/{token}"
    pages = [(tampered, client.get(tampered)), (unknown, client.get(unknown))]

    with app.app_context():
        row = db.session.scalar(select(Submission))
        row.created_at -= timedelta(days=app.config["EMAIL_LINK_DAYS"])
        db.session.commit()
    pages.append((link, client.get(link)))
    token_field = hidden_fields(client.get(f"/{lang}/status").get_data(as_text=True))
    pages.append((link, client.post(link, data=token_field)))

    # The same page but for the link itself (in the other language's address).
    texts = {p.get_data(as_text=True).replace(path[3:], "") for path, p in pages}
    assert {p.status_code for _, p in pages} == {404}
    assert len(texts) == 1
    [text] = texts
    assert WORDS[lang]["invalid"] in text
    assert f'href="/{lang}/status"' in text
    with app.app_context():
        assert db.session.scalar(select(Submission.email_confirmed_at)) is None
