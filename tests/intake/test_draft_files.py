"""Files kept with a saved comment (issue 17, point 1): checked and stored as a submission's,
listed on the resumed form with a way to remove each, carried over to the submission when it
is sent, replaced when the draft is saved again, purged with it, counted by `storage check`,
and fetched by nobody but the holder of the link."""

from __future__ import annotations

import hashlib
import io
import re
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import func, select
from werkzeug.test import EnvironBuilder

from app.db import db
from app.enums import Language, Role
from app.intake.attachments import storage_key
from app.models import Attachment, Draft, DraftAttachment, Submission
from app.staff.services import create_user
from tests.admin.helpers import translated
from tests.intake import files
from tests.intake.helpers import hidden_fields, open_form, submit, valid_answers

pytestmark = pytest.mark.usefixtures("seeded")

SLUG = "hled-2026"
WORDS = {
    "en": {
        "kept_one": "1 attached file is kept with it.",
        "kept_two": "2 attached files are kept with it.",
        "refused": "Your text is saved, but these files were refused",
        "type": "Only PDF, Word (.docx), Excel (.xlsx), PNG or JPEG files.",
        "macros": "Files with macros cannot be accepted.",
        "too_many": "You can attach at most 3 files.",
        "already": "Already attached:",
        "remove": "Remove",
        "hint": "Keeps what you have written and the files you attached",
        "invalid": "This link does not work",
    },
    "es": {
        "kept_one": "Se guarda con él 1 archivo adjunto.",
        "kept_two": "Se guardan con él 2 archivos adjuntos.",
        "refused": "Su texto está guardado, pero estos archivos se rechazaron",
        "type": "Solo se aceptan archivos PDF, Word (.docx), Excel (.xlsx), PNG o JPEG.",
        "macros": "No se pueden aceptar archivos con macros.",
        "too_many": "Puede adjuntar como máximo 3 archivos.",
        "already": "Ya adjunto:",
        "remove": "Quitar",
        "hint": "Guarda lo que ha escrito y los archivos que adjuntó",
        "invalid": "Este enlace no funciona",
    },
}

HALF_WRITTEN = {
    "sector": "",
    "organization": "",
    "submitter_name": "",
    "location": "",
    "primary_pillar": "",
    "consent": "",
    "email": "",
    "topics": ["semiconductors"],
    "title": "Cruces fronterizos",
    "body": "Proponemos ampliar",
}
PNG = files.png(2, 2)


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


def _uploads(*named: tuple[bytes, str]) -> list[tuple[io.BytesIO, str]]:
    return [(io.BytesIO(content), name) for content, name in named]


def _save(
    client: FlaskClient,
    lang: str,
    attached: tuple[tuple[bytes, str], ...] = (),
    hidden: dict[str, str] | None = None,
    **answers: Any,
) -> tuple[str, str]:
    """Save a draft; returns the resume link (path) and the saved page's text."""
    data = {**(hidden or open_form(client, lang)), **valid_answers(**HALF_WRITTEN), **answers}
    data["save_draft"] = "1"
    if attached:
        data["attachments"] = _uploads(*attached)
    response = _post(client, lang, data)
    assert response.status_code == 303, response.get_data(as_text=True)
    text = client.get(response.headers["Location"]).get_data(as_text=True)
    link = re.search(r'id="draft-link"[^>]*value="https?://[^/"]+([^"]+)"', text).group(1)
    return link, text


def _count(app: Flask, model: Any) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _file_links(page: str) -> dict[str, str]:
    """The kept files the resumed form lists: name -> download path."""
    return {
        name: href
        for href, name in re.findall(
            r'<a href="([^"]*/files/\d+)" id="kept-file-\d+">([^<]+)</a>', page
        )
    }


def _remove_boxes(page: str) -> list[str]:
    return re.findall(r'name="remove_file" value="(\d+)"', page)


def _on_disk(app: Flask, content: bytes) -> bool:
    key = storage_key(hashlib.sha256(content).hexdigest())
    return (Path(app.config["UPLOAD_DIR"]) / key).is_file()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_form_no_longer_says_files_are_not_kept(client: FlaskClient, lang: str) -> None:
    page = client.get(f"/{lang}/c/{SLUG}/submit").get_data(as_text=True)
    assert WORDS[lang]["hint"] in page
    assert "Attached files are not kept" not in page
    assert "Los archivos adjuntos no se guardan" not in page


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_saved_draft_keeps_its_files_and_the_resumed_form_lists_them(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"), (PNG, "mapa.png")))
    assert WORDS[lang]["kept_two"] in saved
    assert _count(app, DraftAttachment) == 2
    assert _count(app, Attachment) == 0
    assert _on_disk(app, files.MINIMAL_PDF)
    assert _on_disk(app, PNG)
    page = client.get(link).get_data(as_text=True)
    assert page.count(WORDS[lang]["already"]) == 2
    assert set(_file_links(page)) == {"carta.pdf", "mapa.png"}
    assert len(_remove_boxes(page)) == 2
    assert WORDS[lang]["remove"] in page
    assert re.search(r"carta\.pdf</a> \([^)]*(bytes|B)\)", page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_holder_of_the_link_fetches_a_kept_file(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    href = _file_links(client.get(link).get_data(as_text=True))["carta.pdf"]
    got = app.test_client().get(href)  # another browser, holding the link
    assert got.status_code == 200
    assert got.data == files.MINIMAL_PDF
    assert got.headers["Content-Type"] == "application/pdf"
    assert got.headers["Content-Disposition"].startswith("attachment")
    assert got.headers["X-Content-Type-Options"] == "nosniff"
    assert got.headers["Cache-Control"] == "no-store"
    got.close()


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
def test_nobody_without_the_link_fetches_a_kept_file(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    other_link, _ = _save(client, lang, ((PNG, "otro.png"),))
    href = _file_links(client.get(link).get_data(as_text=True))["carta.pdf"]
    base, file_id = href.rsplit("/files/", 1)
    secret = base.rsplit("/", 1)[1]
    with app.app_context():
        draft_id = db.session.scalar(
            select(DraftAttachment.draft_id).where(DraftAttachment.id == int(file_id))
        )
    tampered = f"{secret[:-1]}{'A' if secret[-1] != 'A' else 'B'}"
    guesses = [
        href.replace(secret, tampered),  # a tampered secret
        href.replace(secret, "A" * 43),  # an unknown one
        href.replace(secret, str(draft_id)),  # the draft's id
        f"{other_link}/files/{file_id}",  # another draft's link with this file's id
    ]
    stranger = app.test_client()
    for guess in guesses:
        response = stranger.get(guess)
        assert response.status_code == 404, guess
        assert files.MINIMAL_PDF not in response.data
        assert WORDS[lang]["invalid"] in response.get_data(as_text=True)
    # Staff reach submissions' files by id, never a draft's.
    for role in (Role.ADMIN, Role.MODERATOR):
        staff = _staff_client(app, role)
        response = staff.get(f"/en/staff/attachments/{file_id}")
        assert response.status_code == 404
        assert files.MINIMAL_PDF not in response.data
        assert staff.get(guesses[2]).status_code == 404


@pytest.mark.parametrize("lang", ["en", "es"])
def test_sending_carries_the_kept_files_over_and_deletes_the_draft_rows(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    page = client.get(link).get_data(as_text=True)
    secret = link.rsplit("/", 1)[1]
    sent = _post(
        client,
        lang,
        {
            **hidden_fields(page),
            **valid_answers(),
            "draft": secret,
            "attachments": _uploads((PNG, "mapa.png")),
        },
    )
    assert sent.status_code == 303
    receipt = client.get(sent.headers["Location"]).get_data(as_text=True)
    assert "carta.pdf" in receipt
    assert "mapa.png" in receipt
    assert _count(app, Draft) == 0
    assert _count(app, DraftAttachment) == 0
    with app.app_context():
        submission = db.session.scalar(select(Submission))
        assert sorted(a.original_name for a in submission.attachments) == ["carta.pdf", "mapa.png"]
        [event] = submission.events
        assert '"attachments": 2' in event.details
    assert _on_disk(app, files.MINIMAL_PDF)
    assert _on_disk(app, PNG)
    assert client.get(_file_links(page)["carta.pdf"]).status_code == 404


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_file_ticked_remove_is_not_sent_and_leaves_the_disk(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"), (PNG, "mapa.png")))
    page = client.get(link).get_data(as_text=True)
    pdf_id = _file_links(page)["carta.pdf"].rsplit("/", 1)[1]
    sent = _post(
        client,
        lang,
        {
            **hidden_fields(page),
            **valid_answers(),
            "draft": link.rsplit("/", 1)[1],
            "remove_file": [pdf_id],
        },
    )
    assert sent.status_code == 303
    with app.app_context():
        assert [a.original_name for a in db.session.scalars(select(Attachment))] == ["mapa.png"]
    assert not _on_disk(app, files.MINIMAL_PDF)
    assert _on_disk(app, PNG)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_send_that_fails_keeps_the_draft_files_listed_and_the_ticks(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    page = client.get(link).get_data(as_text=True)
    [box] = _remove_boxes(page)
    failed = _post(
        client,
        lang,
        {
            **hidden_fields(page),
            **valid_answers(body="corto"),
            "draft": link.rsplit("/", 1)[1],
            "remove_file": [box],
        },
    )
    assert failed.status_code == 422
    text = failed.get_data(as_text=True)
    assert "carta.pdf" in text
    assert re.search(rf'value="{box}" id="remove-file-{box}"[^>]*checked', text)
    assert _count(app, Submission) == 0
    assert _count(app, DraftAttachment) == 1


@pytest.mark.parametrize("lang", ["en", "es"])
def test_saving_again_replaces_the_draft_files(app: Flask, client: FlaskClient, lang: str) -> None:
    first, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"), (PNG, "mapa.png")))
    page = client.get(first).get_data(as_text=True)
    old_links = _file_links(page)
    pdf_id = old_links["carta.pdf"].rsplit("/", 1)[1]
    docx = files.docx()
    second, saved = _save(
        client,
        lang,
        ((docx, "anexo.docx"),),
        hidden=hidden_fields(page),
        draft=first.rsplit("/", 1)[1],
        remove_file=[pdf_id],
    )
    assert WORDS[lang]["kept_two"] in saved
    assert _count(app, Draft) == 1
    with app.app_context():
        names = sorted(db.session.scalars(select(DraftAttachment.original_name)))
    assert names == ["anexo.docx", "mapa.png"]
    assert set(_file_links(client.get(second).get_data(as_text=True))) == {"anexo.docx", "mapa.png"}
    for href in old_links.values():
        assert client.get(href).status_code == 404
    assert not _on_disk(app, files.MINIMAL_PDF)
    assert _on_disk(app, PNG)
    assert _on_disk(app, docx)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_refused_files_do_not_cost_the_text_and_are_named(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, saved = _save(
        client,
        lang,
        (
            (b"MZ\x90\x00 not a document", "programa.pdf"),
            (files.macro_docx(), "macros.docx"),
            (PNG, "mapa.png"),
        ),
    )
    assert WORDS[lang]["refused"] in saved
    assert f"programa.pdf: {WORDS[lang]['type']}" in saved
    assert f"macros.docx: {WORDS[lang]['macros']}" in saved
    assert WORDS[lang]["kept_one"] in saved
    page = client.get(link).get_data(as_text=True)
    assert 'value="Cruces fronterizos"' in page
    assert set(_file_links(page)) == {"mapa.png"}
    with app.app_context():
        assert list(db.session.scalars(select(DraftAttachment.original_name))) == ["mapa.png"]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_files_past_the_limit_are_refused_by_name(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    first, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"), (PNG, "mapa.png")))
    page = client.get(first).get_data(as_text=True)
    _second, saved = _save(
        client,
        lang,
        ((files.png(3, 3), "tres.png"), (files.png(4, 4), "cuatro.png")),
        hidden=hidden_fields(page),
        draft=first.rsplit("/", 1)[1],
    )
    assert f"cuatro.png: {WORDS[lang]['too_many']}" in saved
    assert "tres.png:" not in saved
    assert _count(app, DraftAttachment) == 3


def test_a_draft_refused_as_a_draft_stores_no_file(app: Flask, client: FlaskClient) -> None:
    data = {**open_form(client, "en"), **valid_answers(**HALF_WRITTEN), "title": "x" * 201}
    data["save_draft"] = "1"
    data["attachments"] = _uploads((files.MINIMAL_PDF, "carta.pdf"))
    assert _post(client, "en", data).status_code == 422
    assert _count(app, Draft) == 0
    assert _count(app, DraftAttachment) == 0
    assert not _on_disk(app, files.MINIMAL_PDF)


def test_purge_deletes_expired_drafts_files_but_not_a_shared_one(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    docx = files.docx()
    _save(client, "en", ((files.MINIMAL_PDF, "carta.pdf"), (PNG, "mapa.png")))
    kept_link, _ = _save(client, "es", ((docx, "anexo.docx"),))
    # A submission holds the same PNG bytes: one file on disk, two rows.
    assert submit(client, "en", files=[(PNG, "mapa.png")]).status_code == 303
    with app.app_context():
        old = db.session.scalar(select(Draft).order_by(Draft.id))
        old.created_at -= timedelta(days=app.config["DRAFT_DAYS"], seconds=1)
        db.session.commit()
    result = runner.invoke(args=["drafts", "purge"])
    assert result.exit_code == 0, result.output
    assert "Removed 1 expired draft" in result.output
    assert _count(app, DraftAttachment) == 1
    assert not _on_disk(app, files.MINIMAL_PDF)
    assert _on_disk(app, PNG)  # the submission's
    assert _on_disk(app, docx)  # the draft that has not expired
    assert client.get(kept_link).status_code == 200


def test_storage_check_counts_draft_files_and_never_calls_them_orphans(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    _save(client, "en", ((files.MINIMAL_PDF, "carta.pdf"),))
    assert _count(app, DraftAttachment) == 1
    result = runner.invoke(
        args=["storage", "check", "--grace", "0", "--verify-hashes", "--delete-orphans"]
    )
    assert result.exit_code == 0, result.output
    assert "1 files, 1 attachment rows; 0 orphan(s), 0 missing, 0 damaged" in result.output
    assert "1 are files kept with drafts" in result.output
    assert _on_disk(app, files.MINIMAL_PDF)


def _kept_ids(page: str) -> list[str]:
    return re.findall(r'name="kept_file" value="(\d+)"', page)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_draft_expiring_between_opening_and_sending_says_its_files_are_lost(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    """Sending would leave the kept files out without a word: nothing is sent, the page says
    why, and the text comes back to be sent (with the files attached again, or without)."""
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    page = client.get(link).get_data(as_text=True)
    kept = _kept_ids(page)
    assert len(kept) == 1
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        draft.created_at -= timedelta(days=app.config["DRAFT_DAYS"])
        db.session.commit()
    answers = {**hidden_fields(page), **valid_answers(), "draft": link.rsplit("/", 1)[1]}
    refused = _post(client, lang, {**answers, "kept_file": kept})
    assert refused.status_code == 409
    text = refused.get_data(as_text=True)
    notice = (
        "The link of the comment you saved no longer works (it has expired, or the comment was "
        "sent or saved again), so the files attached to it are no longer kept. Your comment has "
        "not been sent. Everything you wrote is below: attach the files again, or send it "
        "without them."
    )
    assert translated(app, lang, notice).replace("'", "&#39;") in text
    assert _count(app, Submission) == 0
    # The form comes back without the dead link: sent again, it goes, without the file.
    assert re.search(r'name="draft"[^>]*value=""', text) or 'name="draft" value' not in text
    again = _post(client, lang, {**hidden_fields(text), **valid_answers()})
    assert again.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(Submission)).attachments == []


def test_a_file_ticked_remove_is_not_missed_when_the_draft_expires(
    app: Flask, client: FlaskClient
) -> None:
    """Only the files the visitor meant to send count: one ticked Remove is not "lost"."""
    link, _saved = _save(client, "en", ((files.MINIMAL_PDF, "carta.pdf"),))
    page = client.get(link).get_data(as_text=True)
    kept = _kept_ids(page)
    with app.app_context():
        draft = db.session.scalar(select(Draft))
        draft.created_at -= timedelta(days=app.config["DRAFT_DAYS"])
        db.session.commit()
    sent = _post(
        client,
        "en",
        {**hidden_fields(page), **valid_answers(), "draft": link.rsplit("/", 1)[1],
         "kept_file": kept, "remove_file": kept},
    )  # fmt: skip
    assert sent.status_code == 303


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_failed_send_of_a_resumed_draft_says_its_kept_files_are_kept(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    link, _saved = _save(client, lang, ((files.MINIMAL_PDF, "carta.pdf"),))
    page = client.get(link).get_data(as_text=True)
    failed = _post(
        client,
        lang,
        {**hidden_fields(page), **valid_answers(body="corto"), "draft": link.rsplit("/", 1)[1],
         "kept_file": _kept_ids(page), "attachments": _uploads((PNG, "mapa.png"))},
    )  # fmt: skip
    assert failed.status_code == 422
    text = failed.get_data(as_text=True)
    dropped = (
        "For your security, attached files are not kept when the form is shown again. Please "
        "attach them again before sending."
    )
    partly = (
        "The files already attached to your saved comment are still kept. For your security, "
        "the files you added just now are not kept when the form is shown again: please attach "
        "them again before sending."
    )
    assert translated(app, lang, dropped) not in text
    assert translated(app, lang, partly) in text
    assert "carta.pdf" in text
    # Without a draft, the plain notice as before.
    plain = _post(
        client,
        lang,
        {**hidden_fields(page), **valid_answers(body="corto"),
         "attachments": _uploads((PNG, "mapa.png"))},
    )  # fmt: skip
    assert translated(app, lang, dropped) in plain.get_data(as_text=True)
