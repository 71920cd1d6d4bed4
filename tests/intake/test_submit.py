"""The public form: a good submission, every field rule, and every bad input of SPEC.md, in
both languages."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import func, select

from app import audit
from app.db import db, utcnow
from app.enums import EventAction, Language, SubmissionStatus
from app.models import Attachment, ModerationEvent, Submission
from app.taxonomy.models import Consultation, Topic
from tests.intake import files
from tests.intake.helpers import hidden_fields, open_form, submit

pytestmark = pytest.mark.usefixtures("seeded")


def _count(app: Flask, model=Submission) -> int:
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model))


def _stored_files(app: Flask) -> list[Path]:
    root = Path(app.config["UPLOAD_DIR"])
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_spanish_submission_reaches_a_spanish_receipt(app: Flask, client: FlaskClient) -> None:
    response = submit(client, "es", files=[(files.MINIMAL_PDF, "propuesta.pdf")])
    assert response.status_code == 303
    location = response.headers["Location"]
    assert location.startswith("/es/receipt/HLED-")
    receipt = client.get(location).get_data(as_text=True)
    assert "Recibimos su comentario. Gracias por participar." in receipt
    assert "Infraestructura fronteriza para la industria" in receipt
    assert "Nuevo León" in receipt
    assert "propuesta.pdf" in receipt
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.status is SubmissionStatus.PENDING
        assert row.page_language is Language.ES
        assert row.detected_language == "es"
        assert row.region_code == "MX-NLE"
        assert row.country_code == "MX"
        assert {t.code for t in row.topics} == {"semiconductors", "border_infrastructure"}
        [attachment] = row.attachments
        assert attachment.content_type == "application/pdf"
        assert attachment.original_name == "propuesta.pdf"
        assert len(attachment.sha256) == 64
        [event] = row.events
        assert event.action is EventAction.SUBMITTED
        assert audit.verify(db.session, ModerationEvent).intact
    [stored] = _stored_files(app)
    assert stored.name == attachment.sha256
    static = Path(app.static_folder).resolve()
    assert static not in stored.resolve().parents


def test_an_empty_topic_value_is_no_topic(app: Flask, client: FlaskClient) -> None:
    assert submit(client, "es", topics=["", "semiconductors", ""]).status_code == 303
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert [t.code for t in row.topics] == ["semiconductors"]


def test_a_topic_named_twice_is_stored_once(app: Flask, client: FlaskClient) -> None:
    topics = ["semiconductors", "semiconductors", "border_infrastructure"]
    assert submit(client, "en", topics=topics).status_code == 303
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert sorted(t.code for t in row.topics) == ["border_infrastructure", "semiconductors"]


def test_a_long_comment_is_detected_from_its_opening(app: Flask, client: FlaskClient) -> None:
    body = "Proponemos ampliar los cruces fronterizos y agilizar la inspección de carga. " * 250
    assert submit(client, "en", body=body[:19_000]).status_code == 303
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert (row.detected_language, row.body) == ("es", body[:19_000].strip())


def test_language_written_is_detected_apart_from_the_page(app: Flask, client: FlaskClient) -> None:
    body = (
        "We ask both governments to fund apprenticeships in advanced manufacturing along the "
        "border, with shared certification standards."
    )
    assert submit(client, "es", body=body, title="Apprenticeships").status_code == 303
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert (row.page_language, row.detected_language) == (Language.ES, "en")


def test_receipt_mail_goes_to_the_outbox_in_the_visitors_language(
    app: Flask, client: FlaskClient
) -> None:
    submit(client, "es")
    [mail] = list(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))
    text = mail.read_text(encoding="utf-8")
    assert "To: mfgarza@example.org" in text
    assert "Recibimos su comentario HLED-" in text or "=?utf-8?" in text
    assert "/es/receipt/HLED-" in text


def test_no_mail_without_an_address(app: Flask, client: FlaskClient) -> None:
    assert submit(client, "en", email="").status_code == 303
    assert not list(Path(app.config["MAIL_OUTBOX"]).glob("*.eml"))


def test_double_click_creates_one_submission_and_the_same_receipt(
    app: Flask, client: FlaskClient
) -> None:
    hidden = open_form(client)
    first = submit(client, hidden=hidden)
    second = submit(client, hidden=hidden)
    assert first.status_code == second.status_code == 303
    assert first.headers["Location"] == second.headers["Location"]
    assert _count(app) == 1


def test_form_edited_after_back_button_is_kept_not_swapped_for_the_first_receipt(
    app: Flask, client: FlaskClient
) -> None:
    hidden = open_form(client)
    first = submit(client, hidden=hidden)
    code = first.headers["Location"].rsplit("/", 1)[-1]
    edited = "Agregamos: los cruces de Colombia, Nuevo León, deben abrir las 24 horas del día."
    again = submit(client, hidden=hidden, body=edited)
    page = again.get_data(as_text=True)
    assert again.status_code == 409
    assert f"se registró con el folio {code}" in page
    assert "Colombia, Nuevo León, deben abrir" in page
    fresh = hidden_fields(page)
    assert fresh["nonce"] != hidden["nonce"]
    assert _count(app) == 1
    second = submit(client, hidden=fresh, body=edited)
    assert second.status_code == 303
    assert second.headers["Location"] != first.headers["Location"]
    assert _count(app) == 2


@pytest.mark.parametrize(
    ("lang", "field", "value", "message"),
    [
        ("es", "submitter_name", "", "Escriba su nombre."),
        ("en", "submitter_name", "", "Enter your name."),
        ("es", "title", "", "Escriba un título para su comentario."),
        ("es", "title", "x" * 201, "Use como máximo 200 caracteres."),
        ("en", "body", "Too short.", "Write between 20 and 20,000 characters."),
        ("es", "body", "x" * 20_001, "Escriba entre 20 y 20,000 caracteres."),
        ("es", "sector", "", "Elija el sector que representa."),
        ("es", "sector", "royalty", "Elija una de las opciones disponibles."),
        ("en", "topics", ["semiconductors", "made_up"], "Choose one of the options offered."),
        # An empty value first once let the next one through unchecked (a 500, not an error).
        ("es", "topics", ["", "made_up"], "Elija una de las opciones disponibles."),
        ("es", "location", "", "Elija su entidad federativa, estado o país."),
        ("es", "location", "MX-XXX", "Elija una de las opciones disponibles."),
        ("es", "consent", "sell_my_data", "Elija una de las opciones disponibles."),
        ("es", "primary_pillar", "", "Elija el pilar al que se refiere principalmente"),
        ("es", "secondary_pillar", "building_back_together", "Elija un segundo pilar distinto"),
        ("es", "consent", "", "Indíquenos si podemos publicar su comentario."),
        ("es", "email", "no-es-correo", "Escriba un correo electrónico como nombre@ejemplo.org."),
        # The example follows the page's language (it was Spanish on the English page).
        ("en", "email", "a@b", "Enter an e-mail address like name@example.org."),
        (
            "es",
            "body",
            "Texto con un byte nulo \x00 en medio del comentario.",
            "carácter no permitido",
        ),
        ("en", "title", "Broken \ufffd bytes", "could not be read"),
    ],
)
def test_bad_field_is_explained_in_the_page_language_and_text_is_kept(
    app: Flask, client: FlaskClient, lang, field, value, message
) -> None:
    response = submit(client, lang, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert f'<html lang="{lang}">' in page
    assert 'id="error-summary"' in page
    assert message in page
    # What they typed elsewhere is still there.
    assert "María Fernanda Garza" in page or field == "submitter_name"
    assert "cruces fronterizos de Nuevo León" in page or field == "body"
    assert _count(app) == 0


def test_error_message_is_tied_to_its_field(client: FlaskClient) -> None:
    page = submit(client, "es", title="").get_data(as_text=True)
    assert 'aria-describedby="title-error"' in page
    assert 'id="title-error"' in page
    assert 'href="#title"' in page


def test_html_and_script_are_kept_as_text_and_shown_escaped(
    app: Flask, client: FlaskClient
) -> None:
    title = '<script>alert("x")</script> & <b>negritas</b>'
    response = submit(client, "es", title=title)
    assert response.status_code == 303
    receipt = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<script>alert" not in receipt
    assert (
        "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &lt;b&gt;negritas&lt;/b&gt;"
        in receipt
    )
    with app.app_context():
        assert db.session.scalar(select(Submission.title)) == title


def test_invalid_utf8_in_the_request_is_refused_with_text_kept(
    app: Flask, client: FlaskClient
) -> None:
    hidden = open_form(client)
    raw = (
        "csrf_token={csrf_token}&started={started}&nonce={nonce}&sector=academia"
        "&submitter_name=Luis&location=US-TX&primary_pillar=investing_in_our_people"
        "&consent=anonymous&title=T%C3%ADtulo&body=Texto+v%C3%A1lido+y+luego+bytes+rotos+%FF%FE+aqu%C3%AD"
    ).format(**hidden)
    response = client.post(
        "/es/c/hled-2026/submit", data=raw, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 422
    assert "no se pudieron leer" in response.get_data(as_text=True)
    assert _count(app) == 0


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (files.ELF_EXECUTABLE, "informe.pdf", "Solo se aceptan archivos PDF"),
        (b"MZ\x90\x00" + b"\x00" * 100, "foto.png", "Solo se aceptan archivos PDF"),
        (files.macro_docx(), "propuesta.docx", "No se pueden aceptar archivos con macros"),
        (files.zip_bomb_docx(), "propuesta.docx", "dañado o es demasiado complejo"),
        (files.OLE_ENCRYPTED, "tabla.xlsx", "protegidos con contraseña"),
        (files.png(100_000, 100_000), "plano.png", "demasiado grande"),
        (b"%PDF-1.4\n" + b"0" * (10 * 1024 * 1024), "grande.pdf", "como máximo 10 MB"),
    ],
)
def test_bad_attachment_is_refused_by_content_and_nothing_is_stored(
    app: Flask, client: FlaskClient, content: bytes, name: str, message: str
) -> None:
    response = submit(client, "es", files=[(content, name)])
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert message in page
    assert "vuelva a adjuntarlos" in page.lower() or "Vuelva a adjuntarlos" in page
    assert "María Fernanda Garza" in page
    assert _count(app) == 0
    assert _count(app, Attachment) == 0
    assert _stored_files(app) == []


def test_good_attachments_of_each_kind_are_accepted(app: Flask, client: FlaskClient) -> None:
    response = submit(
        client,
        "en",
        files=[(files.docx(), "plan.docx"), (files.png(), "map.png"), (files.MINIMAL_PDF, "x.pdf")],
    )
    assert response.status_code == 303
    with app.app_context():
        kinds = set(db.session.scalars(select(Attachment.content_type)))
    assert kinds == {
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "image/png",
        "application/pdf",
    }


def test_more_than_three_attachments_are_refused(app: Flask, client: FlaskClient) -> None:
    four = [(files.png(i + 1, 1), f"{i}.png") for i in range(4)]
    response = submit(client, "en", files=four)
    assert response.status_code == 422
    assert "at most 3 files" in response.get_data(as_text=True)
    assert _count(app) == 0


def test_a_failure_inside_the_transaction_leaves_no_row_and_no_file(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first moderation event cannot be written (say the database drops): the submission
    row and the file written for it must both be gone."""
    import app.intake.services as services

    def broken(*args, **kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(services, "record_event_row", broken)
    app.testing = False  # answer with the error page instead of raising into the test
    response = submit(client, "es", files=[(files.MINIMAL_PDF, "propuesta.pdf")])
    assert response.status_code == 500
    assert "no se guardó ningún dato" in response.get_data(as_text=True)
    assert _count(app) == 0
    assert _count(app, ModerationEvent) == 0
    assert _stored_files(app) == []


def test_honeypot_stores_nothing(app: Flask, client: FlaskClient) -> None:
    response = submit(client, "es", website="http://spam.example")
    assert response.status_code == 422
    assert "Revise su comentario y vuelva a enviarlo." in response.get_data(as_text=True)
    assert _count(app) == 0


def test_form_sent_faster_than_a_person_can_is_held_back(app: Flask, client: FlaskClient) -> None:
    app.config["FORM_MIN_SECONDS"] = 3
    response = submit(client, "en")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "check your comment, then send it again" in page
    assert "cruces fronterizos de Nuevo León" in page
    assert _count(app) == 0


def test_expired_form_token_keeps_the_comment_text(app: Flask, client: FlaskClient) -> None:
    hidden = open_form(client)
    hidden["csrf_token"] = "expired-or-forged-token"
    response = submit(client, "es", hidden=hidden)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "Su sesión expiró" in page
    assert "cruces fronterizos de Nuevo León" in page
    assert "María Fernanda Garza" in page
    assert _count(app) == 0
    # The page now carries a fresh token: sending again works.
    fresh = {
        k: v
        for k, v in __import__("tests.intake.helpers", fromlist=["x"]).hidden_fields(page).items()
    }
    assert submit(client, "es", hidden=fresh).status_code == 303
    assert _count(app) == 1


def test_form_tokens_last_long_enough_for_a_long_comment(app: Flask) -> None:
    assert app.config["WTF_CSRF_TIME_LIMIT"] >= 4 * 3600


def test_too_many_submissions_from_one_address_get_a_localized_429(
    app: Flask, client: FlaskClient
) -> None:
    app.config["RATELIMIT_SUBMIT"] = "2 per minute"
    codes = [submit(client, "es", title=f"Comentario {i}").status_code for i in range(3)]
    assert codes[:2] == [303, 303]
    assert codes[2] == 429
    last = submit(client, "es")
    assert "Demasiadas solicitudes" in last.get_data(as_text=True)
    assert _count(app) == 2


def test_forged_oversized_nonce_is_refused_not_a_crash(app: Flask, client: FlaskClient) -> None:
    hidden = open_form(client)
    hidden["nonce"] = "n" * 500
    response = submit(client, "es", hidden=hidden)
    assert response.status_code == 422
    assert _count(app) == 0


def test_every_option_is_in_the_page_language(client: FlaskClient) -> None:
    spanish = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    english = client.get("/en/c/hled-2026/submit").get_data(as_text=True)
    assert "Publicar con mi nombre" in spanish
    assert "Publish with my name" not in spanish
    assert "Publish with my name" in english
    assert "Reconstruir juntos" in spanish
    assert "Semiconductores" in spanish
    assert "Sector privado" in spanish
    assert "Nuevo León" in spanish
    assert "Building Back Together" in english


def test_retry_racing_the_first_post_still_gets_the_same_receipt(
    app: Flask, client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two POSTs of one form arrive together: both pass the 'already sent?' check before
    either commits. The database's unique nonce refuses the second insert, and its visitor
    is shown the first one's receipt instead of an error."""
    import app.intake.views as views

    hidden = open_form(client)
    first = submit(client, hidden=hidden)
    real = views.find_by_nonce
    calls = {"n": 0}

    def not_yet_committed(session, nonce):
        calls["n"] += 1
        return None if calls["n"] == 1 else real(session, nonce)

    monkeypatch.setattr(views, "find_by_nonce", not_yet_committed)
    second = submit(client, hidden=hidden)
    assert second.status_code == 303
    assert second.headers["Location"] == first.headers["Location"]
    assert _count(app) == 1


def test_each_visitor_gets_a_form_of_their_own(app: Flask) -> None:
    """The blank form is kept rendered; its token, start time and nonce are each visitor's."""
    first, second = app.test_client(), app.test_client()
    one = hidden_fields(first.get("/es/c/hled-2026/submit").get_data(as_text=True))
    two = hidden_fields(second.get("/es/c/hled-2026/submit").get_data(as_text=True))
    assert set(one) == set(two) == {"csrf_token", "started", "nonce"}
    assert one["nonce"] != two["nonce"]
    assert one["csrf_token"] != two["csrf_token"]
    # Each form is sent with its own session: both are stored.
    assert submit(first, "es", hidden=one).status_code == 303
    assert submit(second, "es", hidden=two, title="Otra propuesta").status_code == 303
    assert _count(app) == 2


def test_a_renamed_topic_shows_on_the_next_form(app: Flask, client: FlaskClient) -> None:
    assert "Semiconductores" in client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    with app.app_context():
        topic = db.session.scalar(select(Topic).where(Topic.code == "semiconductors"))
        assert topic is not None
        topic.name_es = "Chips y semiconductores"
        db.session.commit()
    page = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    assert "Chips y semiconductores" in page


def test_the_landing_page_follows_a_consultation_that_closes(
    app: Flask, client: FlaskClient
) -> None:

    assert "hled-2026" in client.get("/es/").get_data(as_text=True)
    with app.app_context():
        found = db.session.scalar(select(Consultation).where(Consultation.slug == "hled-2026"))
        assert found is not None
        found.closes_at = utcnow() - timedelta(minutes=1)
        db.session.commit()
    assert "hled-2026" not in client.get("/es/").get_data(as_text=True)


def test_a_page_with_a_token_of_its_own_is_never_handed_to_the_next_visitor(
    client: FlaskClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Were a template to draw a form token outside the form (csrf_token()), the page would
    carry the first visitor's: such a page is rendered for each visitor instead of kept."""
    from app.intake import views

    real = views._form_page
    drawn = iter(range(100))

    def with_a_token(*args, **kwargs):  # type: ignore[no-untyped-def]
        token = f'<input type="hidden" name="csrf_token" value="drawn-{next(drawn)}">'
        return real(*args, **kwargs) + token

    monkeypatch.setattr(views, "_form_page", with_a_token)
    first = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    second = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    assert "drawn-0" in first
    assert "drawn-1" in second
