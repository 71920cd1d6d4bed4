"""A confirmed e-mail address as staff see it (issue 17, point 2): the queue's badge and
filter, the submission page, the internal export's `email_confirmed`, internal packets, and
the setting that keeps unconfirmed comments out of packets."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from flask import Flask
from sqlalchemy.orm import Session

from app.db import db
from app.enums import Audience, Language, Role, SubmissionStatus
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests import factories
from tests.packets.helpers import meeting_with_items, place
from tests.staff.helpers import signed_in

pytestmark = pytest.mark.usefixtures("seeded")
CONFIRMED_AT = datetime(2026, 12, 1, 15, 30, tzinfo=UTC)


def _two(app: Flask, status: SubmissionStatus = SubmissionStatus.PENDING) -> tuple[int, int]:
    with app.app_context():
        sure = factories.submission(
            db.session, title="Confirmed one", email_confirmed_at=CONFIRMED_AT, status=status
        )
        unsure = factories.submission(db.session, title="Unconfirmed one", status=status)
        db.session.commit()
        return sure.id, unsure.id


@pytest.mark.parametrize(
    ("lang", "badge", "confirmed", "unconfirmed"),
    [
        (Language.EN, "E-mail confirmed", "Confirmed on", "Not confirmed"),
        (Language.ES, "Correo confirmado", "Confirmado el", "Sin confirmar"),
    ],
)
def test_queue_and_submission_page_show_and_filter_it(
    app: Flask, lang: Language, badge: str, confirmed: str, unconfirmed: str
) -> None:
    sure, unsure = _two(app)
    client = signed_in(app, Role.MODERATOR, lang)
    prefix = f"/{lang.value}/staff"
    page = client.get(f"{prefix}/queue").get_data(as_text=True)
    assert page.count(f'<span class="usa-tag">{badge}</span>') == 1
    only = client.get(f"{prefix}/queue?email_confirmed=yes").get_data(as_text=True)
    assert "Confirmed one" in only
    assert "Unconfirmed one" not in only
    others = client.get(f"{prefix}/queue?email_confirmed=no").get_data(as_text=True)
    assert "Unconfirmed one" in others
    assert "Confirmed one" not in others

    assert confirmed in client.get(f"{prefix}/submissions/{sure}").get_data(as_text=True)
    assert unconfirmed in client.get(f"{prefix}/submissions/{unsure}").get_data(as_text=True)


def test_internal_export_carries_email_confirmed_and_the_public_one_does_not(
    app: Flask,
) -> None:
    _two(app, SubmissionStatus.APPROVED)
    client = signed_in(app, Role.SECRETARIAT)
    url = "/en/staff/exports/submissions.csv"

    def rows(query: str) -> list[dict[str, str]]:
        raw = client.get(url + query).get_data().decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(raw, newline="")))

    internal = {r["title"]: r for r in rows("?audience=internal&status=approved")}
    assert internal["Confirmed one"]["email_confirmed"] == "2026-12-01T15:30:00Z"
    assert internal["Unconfirmed one"]["email_confirmed"] == ""
    filtered = rows("?audience=internal&status=approved&email_confirmed=yes")
    assert [r["title"] for r in filtered] == ["Confirmed one"]
    public = rows("")
    assert public
    assert "email_confirmed" not in public[0]


def _packet_html(session: Session, audience: Audience) -> str:
    agenda = meeting_with_items(session)
    place(session, agenda, 0, "sure", title="Sure comment", email_confirmed_at=CONFIRMED_AT)
    place(session, agenda, 0, "unsure", title="Unsure comment")
    built = build_packet_file(
        session, agenda.meeting, PacketFormat.HTML, PacketLanguage.EN, audience
    )
    return built.data.decode("utf-8")


def test_internal_packet_marks_confirmed_addresses(db_session: Session) -> None:
    html = _packet_html(db_session, Audience.INTERNAL)
    assert html.count("E-mail confirmed") == 1
    assert "Unsure comment" in html
    assert "E-mail confirmed" not in _packet_html(db_session, Audience.PUBLIC)


@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.PUBLIC])
def test_a_setting_keeps_unconfirmed_comments_out_of_packets(
    app: Flask, db_session: Session, audience: Audience
) -> None:
    app.config["PACKETS_CONFIRMED_EMAIL_ONLY"] = True
    html = _packet_html(db_session, audience)
    assert "Sure comment" in html
    assert "Unsure comment" not in html
