""" "I did not send this" (issue 17, point 6): the report link in the receipt e-mail, the
disputed comment kept out of every public surface and packet until a moderator settles it,
its mark in the internal export and the queue, and its trail."""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import select

from app import audit
from app.db import db
from app.enums import Audience, EventAction, Language, Role, SubmissionStatus
from app.intake import publication
from app.intake.models import ModerationEvent
from app.models import Submission
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests.intake.helpers import hidden_fields, submit
from tests.packets.helpers import meeting_with_items, place
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")

WORDS = {
    "en": {
        "ask": "I did not send this comment",
        "done": "Thank you for telling us",
        "invalid": "This link does not work",
        "mail": "If you did not send this comment",
    },
    "es": {
        "ask": "Yo no envié este comentario",
        "done": "Gracias por avisarnos",
        "invalid": "Este enlace no funciona",
        "mail": "Si usted no envió este comentario",
    },
}


def _links(app: Flask) -> tuple[str, str, str]:
    [path] = Path(app.config["MAIL_OUTBOX"]).glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    body = message.get_content()
    report = re.search(r"https?://[^/\s]+(/\w\w/not-mine/\S+)", body).group(1)
    confirm = re.search(r"https?://[^/\s]+(/\w\w/confirm/\S+)", body).group(1)
    return body, report, confirm


def _report(client: FlaskClient, link: str, note: str = ""):
    page = client.get(link)
    token = hidden_fields(page.get_data(as_text=True))["csrf_token"]
    return page, client.post(link, data={"csrf_token": token, "note": note})


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_report_link_disputes_the_comment_once(
    app: Flask, client: FlaskClient, lang: str
) -> None:
    submit(client, lang)
    body, report, confirm = _links(app)
    assert WORDS[lang]["mail"] in body
    assert report.startswith(f"/{lang}/not-mine/")

    stranger = app.test_client()
    asked, done = _report(stranger, report, note="No conozco esta organización.")
    assert asked.status_code == 200
    assert WORDS[lang]["ask"] in asked.get_data(as_text=True)
    assert done.status_code == 200
    assert WORDS[lang]["done"] in done.get_data(as_text=True)
    with app.app_context():
        row = db.session.scalar(select(Submission))
        assert row.disputed_at is not None
        assert not publication.is_publishable(row)
        last = row.events[-1]
        assert last.action is EventAction.DISPUTED
        assert last.note == "No conozco esta organización."
        assert audit.verify(db.session, ModerationEvent).intact

    # Used: the report link and the confirmation link both get the unknown link's page.
    for link in (report, confirm):
        again = stranger.get(link)
        assert again.status_code == 404
        assert WORDS[lang]["invalid"] in again.get_data(as_text=True)


def test_a_tampered_report_link_changes_nothing(app: Flask, client: FlaskClient) -> None:
    submit(client, "es")
    _, report, _ = _links(app)
    tampered = report[:-1] + ("2" if report[-1] != "2" else "3")
    assert client.get(tampered).status_code == 404
    token = hidden_fields(client.get("/es/status").get_data(as_text=True))["csrf_token"]
    refused = client.post(tampered, data={"csrf_token": token})
    assert refused.status_code == 404
    assert WORDS["es"]["invalid"] in refused.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Submission.disputed_at)) is None


def test_a_disputed_comment_is_out_of_every_public_surface_and_packet(app: Flask) -> None:
    with app.app_context():
        agenda = meeting_with_items(db.session)
        kept = place(db.session, agenda, 0, "kept", title="Kept comment")
        place(db.session, agenda, 0, "disputed", title="Disputed comment")
        agenda.subs["disputed"].disputed_at = kept.created_at
        db.session.commit()
        codes = set(
            db.session.scalars(
                select(Submission.tracking_code).where(*publication.publishable_conditions())
            )
        )
        assert codes == {kept.tracking_code}
        for audience in (Audience.PUBLIC, Audience.INTERNAL):
            html = build_packet_file(
                db.session, agenda.meeting, PacketFormat.HTML, PacketLanguage.EN, audience
            ).data.decode("utf-8")
            assert "Kept comment" in html
            assert "Disputed comment" not in html
        slug = agenda.meeting.consultations[0].slug

    client = signed_in(app, Role.SECRETARIAT)
    raw = client.get("/en/staff/exports/submissions.csv").get_data().decode("utf-8-sig")
    assert "Kept comment" in raw
    assert "Disputed comment" not in raw
    feed = app.test_client().get(f"/feeds/{slug}.atom")
    assert feed.status_code == 200
    assert "Kept comment" in feed.get_data(as_text=True)
    assert "Disputed comment" not in feed.get_data(as_text=True)

    raw = client.get(
        "/en/staff/exports/submissions.csv?audience=internal&status=approved"
    ).get_data()
    rows = {r["title"]: r for r in csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))}
    assert rows["Disputed comment"]["disputed"].endswith("Z")
    assert rows["Kept comment"]["disputed"] == ""


@pytest.mark.parametrize(
    ("lang", "tag", "settled"),
    [
        (Language.EN, "Reported as not sent", "The report is settled and the comment is kept."),
        (
            Language.ES,
            "Reportado como no enviado",
            "Se resolvió el reporte y se conserva el comentario.",
        ),
    ],
)
def test_a_moderator_finds_the_report_first_and_settles_it(
    app: Flask, lang: Language, tag: str, settled: str
) -> None:
    with app.app_context():
        agenda = meeting_with_items(db.session)
        place(
            db.session, agenda, 0, "other", title="Other comment", status=SubmissionStatus.PENDING
        )
        sub = place(db.session, agenda, 0, "disputed", title="Disputed comment")
        sub.disputed_at = sub.created_at
        db.session.commit()
        sub_id = sub.id
    moderator = signed_in(app, Role.MODERATOR, lang)
    prefix = f"/{lang.value}/staff"
    queue = moderator.get(f"{prefix}/queue?status=&disputed=yes").get_data(as_text=True)
    assert "Disputed comment" in queue
    assert "Other comment" not in queue
    assert f'<span class="usa-tag">{tag}</span>' in queue
    # The reports filter is the first of the queue's filters.
    selects = re.findall(r'<select[^>]*name="(\w+)"', queue)
    assert selects.index("disputed") < selects.index("status")

    page = moderator.get(f"{prefix}/submissions/{sub_id}").get_data(as_text=True)
    token = hidden_fields(page)["csrf_token"]
    response = moderator.post(
        f"{prefix}/submissions/{sub_id}/dispute",
        data={"csrf_token": token, "note": "Confirmed by phone with the organization."},
    )
    assert response.status_code == 302
    assert settled in moderator.get(response.headers["Location"]).get_data(as_text=True)
    with app.app_context():
        row = db.session.get(Submission, sub_id)
        assert row.disputed_at is None
        assert publication.is_publishable(row)
        assert row.events[-1].action is EventAction.DISPUTE_SETTLED
        assert audit.verify(db.session, ModerationEvent).intact
    again = moderator.post(f"{prefix}/submissions/{sub_id}/dispute", data={"csrf_token": token})
    assert again.status_code == 409
