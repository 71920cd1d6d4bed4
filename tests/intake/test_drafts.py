"""Save and finish later (issue 17, point 1): a draft kept under a secret link that only its
holder can open, shown once and e-mailed, deleted when sent, expiring, and purged."""

from __future__ import annotations

import email
import email.policy
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from app.db import db
from app.enums import Language, Role
from app.intake.models import Draft
from app.models import Submission
from app.security import token_digest
from app.staff.services import create_user
from tests.intake.helpers import hidden_fields, open_form, valid_answers

pytestmark = pytest.mark.usefixtures("seeded")

SLUG = "hled-2026"
WORDS = {
    "en": {
        "button": "Save and finish later",
        "saved": "Your comment is saved",
        "emailed": "We have also sent this link",
        "invalid": "This link does not work",
        "start": "Start a new comment",
        "subject": "Your saved comment",
        "too_long": "Use at most",
    },
    "es": {
        "button": "Guardar y terminar después",
        "saved": "Su comentario está guardado",
        "emailed": "También enviamos este enlace",
        "invalid": "Este enlace no funciona",
        "start": "Empezar un comentario nuevo",
        "subject": "Su comentario guardado",
        "too_long": "Use como máximo",
    },
}

HALF_WRITTEN = {
    "sector": "",
    "organization": "",
    "submitter_name": "",
    "location": "",
    "primary_pillar": "",
    "consent": "",
    "topics": ["semiconductors"],
    "title": "Cruces fronterizos",
    "body": "Proponemos ampliar",  # shorter than a submission's minimum
}


def _post(client: FlaskClient, lang: str, data: dict[str, Any]):
    builder = EnvironBuilder(
        path=f"/{lang}/c/{SLUG}/submit",
        method="POST",
        data=data,
        content_type="multipart/form-data",
    )
    environ = builder.get_environ()
    try:
        return client.open(environ)
    finally:
        builder.close()
        environ["wsgi.input"].close()


def _save(client: FlaskClient, lang: str, hidden: dict[str, str] | None = None, **answers: Any):
    data = {**(hidden or open_form(client, lang)), **valid_answers(**HALF_WRITTEN)}
    data.update(answers)
    data["save_draft"] = "1"
    return _post(client, lang, data)


def _saved_link(client: FlaskClient, lang: str, **answers: Any) -> str:
    """The resume link as the saved page shows it (the path only)."""
    response = _save(client, lang, **answers)
    assert response.status_code == 303
    page = client.get(response.headers["Location"])
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert WORDS[lang]["saved"] in text
    return re.search(r'id="draft-link"[^>]*value="https?://[^/"]+([^"]+)"', text).group(1)


def _outbox(app: Flask) -> list[email.message.EmailMessage]:
    folder = Path(app.config["MAIL_OUTBOX"])
    return [
        email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
        for p in sorted(folder.glob("*.eml"))
    ]


def _count(app: Flask, model: Any) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_form_offers_to_save_and_finish_later(client: FlaskClient, lang: str) -> None:
    page = client.get(f"/{lang}/c/{SLUG}/submit").get_data(as_text=True)
    assert WORDS[lang]["button"] in page
    # Sending stays the first button: the Enter key sends, as before.
    assert page.index('name="save_draft"') > page.index('type="submit"')


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_half_written_comment_is_saved_and_its_link_shown_once(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link = _saved_link(client, lang, email="")
    assert link.startswith(f"/{lang}/c/{SLUG}/draft/")
    secret = link.rsplit("/", 1)[1]
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        assert draft.secret_hash == token_digest(secret)
        assert secret not in draft.secret_hash
        assert secret not in draft.answers
    assert _count(app, Submission) == 0
    assert _outbox(app) == []
    # Shown once: the page does not show it again.
    again = client.get(f"/{lang}/c/{SLUG}/draft-saved")
    assert again.status_code == 303
    assert secret not in client.get(again.headers["Location"]).get_data(as_text=True)


@pytest.mark.parametrize(
    ("lang", "copy", "copied"),
    [("en", "Copy the link", "Link copied"), ("es", "Copiar el enlace", "Enlace copiado")],
)
def test_the_saved_page_has_a_copy_button_for_the_script_to_show(
    client: FlaskClient, lang: str, copy: str, copied: str
) -> None:
    """Hidden without JavaScript (it could not copy); the read-only field is there to select."""
    response = _save(client, lang, email="")
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    button = re.search(r'<button[^>]*id="draft-link-copy"[^>]*>([^<]*)</button>', html)
    assert button is not None
    assert button.group(1) == copy
    assert f'data-copied="{copied}"' in button.group(0)
    assert " hidden" in button.group(0)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_link_opens_the_filled_form(client: FlaskClient, lang: str) -> None:
    link = _saved_link(client, lang)
    page = client.get(link)
    assert page.status_code == 200
    assert page.headers["Cache-Control"] == "no-store"
    text = page.get_data(as_text=True)
    assert 'value="Cruces fronterizos"' in text
    assert re.search(r">\s*Proponemos ampliar</textarea>", text)
    assert 'value="mfgarza@example.org"' in text
    assert re.search(r'value="semiconductors"[^>]*checked', text)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sending_the_form_from_a_draft_deletes_the_draft(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link = _saved_link(client, lang)
    hidden = hidden_fields(client.get(link).get_data(as_text=True))
    secret = link.rsplit("/", 1)[1]
    sent = _post(client, lang, {**hidden, **valid_answers(), "draft": secret})
    assert sent.status_code == 303
    assert "/receipt/" in sent.headers["Location"]
    assert _count(app, Submission) == 1
    assert _count(app, Draft) == 0
    used = client.get(link)
    assert used.status_code == 404
    assert WORDS[lang]["invalid"] in used.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_saving_again_replaces_the_draft_and_its_link(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    first = _saved_link(client, lang, email="")
    hidden = hidden_fields(client.get(first).get_data(as_text=True))
    secret = first.rsplit("/", 1)[1]
    second = _saved_link(client, lang, email="", draft=secret, title="Otro título")
    assert second != first
    assert _count(app, Draft) == 1
    assert client.get(first).status_code == 404
    assert 'value="Otro título"' in client.get(second).get_data(as_text=True)
    assert hidden  # the resumed form carried its tokens


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_e_mailed_link_works_in_the_page_language(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    shown = _saved_link(client, lang)
    [mail] = _outbox(app)
    assert WORDS[lang]["subject"] in mail["Subject"]
    assert mail["To"] == "mfgarza@example.org"
    body = mail.get_content()
    link = re.search(r"https?://[^/\s]+(/\w\w/c/\S+/draft/\S+)", body).group(1)
    assert link == shown
    assert link.startswith(f"/{lang}/")
    stranger_with_the_link = app.test_client()
    page = stranger_with_the_link.get(link)
    assert page.status_code == 200
    assert 'value="Cruces fronterizos"' in page.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_saved_page_says_so_when_the_link_was_e_mailed(client: FlaskClient, lang: str) -> None:
    response = _save(client, lang)
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    assert WORDS[lang]["emailed"] in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_another_browser_without_the_link_sees_nothing(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    response = _save(client, lang)
    other = app.test_client()
    saved_page = other.get(response.headers["Location"])
    assert saved_page.status_code == 303
    for page in (other.get(saved_page.headers["Location"]), other.get(f"/{lang}/c/{SLUG}/")):
        assert "Cruces fronterizos" not in page.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_guessed_id_does_not_open_a_draft(app: Flask, client: FlaskClient, lang: str) -> None:
    _saved_link(client, lang)
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        guesses = [str(draft.id), draft.secret_hash, "A" * 43]
    for guess in guesses:
        response = client.get(f"/{lang}/c/{SLUG}/draft/{guess}")
        assert response.status_code == 404
        assert "Cruces fronterizos" not in response.get_data(as_text=True)


def _staff_client(app: Flask, role: Role) -> FlaskClient:
    address = f"{role.value}@example.org"
    password = "a long enough password for tests"
    with app.app_context():
        create_user(db.session, address, password, role, Language.EN)
        db.session.commit()
    staff = app.test_client()
    token = hidden_fields(staff.get("/en/staff/login").get_data(as_text=True))["csrf_token"]
    signed_in = staff.post(
        "/en/staff/login", data={"csrf_token": token, "email": address, "password": password}
    )
    assert signed_in.status_code == 302
    return staff


@pytest.mark.parametrize("lang", ["en", "es"])
def test_staff_cannot_see_a_draft(app: Flask, client: FlaskClient, lang: str) -> None:
    _saved_link(client, lang)
    with app.app_context():
        draft_id = db.session.scalar(select(Draft.id))
    for role in (Role.ADMIN, Role.MODERATOR):
        staff = _staff_client(app, role)
        queue = staff.get("/en/staff/queue")  # staff pages speak the user's language
        assert queue.status_code == 200
        assert "Cruces fronterizos" not in queue.get_data(as_text=True)
        guessed = staff.get(f"/{lang}/c/{SLUG}/draft/{draft_id}")
        assert guessed.status_code == 404
        assert "Cruces fronterizos" not in guessed.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_expired_used_tampered_and_unknown_links_get_the_same_page(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    used = _saved_link(client, lang, email="")
    hidden = hidden_fields(client.get(used).get_data(as_text=True))
    assert _post(client, lang, {**hidden, **valid_answers(), "draft": used.rsplit("/", 1)[1]})
    expired = _saved_link(client, lang, email="")
    base, secret = expired.rsplit("/", 1)
    tampered = f"{base}/{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    unknown = f"{base}/{'x' * 43}"
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        draft.created_at -= timedelta(days=app.config["DRAFT_DAYS"])
        db.session.commit()
    links = (used, expired, tampered, unknown)
    pages = [client.get(link) for link in links]
    assert {p.status_code for p in pages} == {404}
    # The same page but for the link itself (in the other language's address).
    texts = {
        p.get_data(as_text=True).replace(link[3:], "") for link, p in zip(links, pages, strict=True)
    }
    assert len(texts) == 1
    [text] = texts
    assert WORDS[lang]["invalid"] in text
    assert WORDS[lang]["start"] in text
    assert f'href="/{lang}/c/{SLUG}/submit"' in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_draft_refuses_what_is_never_allowed(app: Flask, client: FlaskClient, lang: str) -> None:
    too_long = _save(client, lang, title="x" * 201)
    assert too_long.status_code == 422
    assert WORDS[lang]["too_long"] in too_long.get_data(as_text=True)
    nul = _save(client, lang, body="texto\x00oculto")
    assert nul.status_code == 422
    unoffered = _save(client, lang, sector="not_a_sector")
    assert unoffered.status_code == 422
    assert _count(app, Draft) == 0


def test_purge_removes_only_expired_drafts(app: Flask, client: FlaskClient, runner) -> None:
    _saved_link(client, "en", email="")
    kept = _saved_link(client, "es", email="")
    with app.app_context():
        old = db.session.scalar(select(Draft).order_by(Draft.id))
        old.created_at -= timedelta(days=app.config["DRAFT_DAYS"], seconds=1)
        db.session.commit()
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 expired draft" in result.output
    assert _count(app, Draft) == 1
    assert client.get(kept).status_code == 200


def test_draft_days_defaults_to_thirty(app: Flask) -> None:
    assert app.config["DRAFT_DAYS"] == 30
