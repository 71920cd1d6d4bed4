"""Names and texts administrators enter (pillars, topics, sectors, sector introductions, the
consultation's title and description) are shown as text on every page that shows them:
markup in them is escaped, never run."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import db
from app.enums import Audience, Language
from app.models import Consultation, Pillar, Sector, SectorIntro, Topic
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests.admin.helpers import admin_client
from tests.packets.helpers import full_agenda

pytestmark = pytest.mark.usefixtures("seeded")

HOSTILE = "<b>x</b><script>alert(1)</script>"
ESCAPED = "&lt;b&gt;x&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
RAW = ("<b>x</b>", "<script>alert(1)")


def _hostile_names(session: Session) -> Consultation:
    """Every admin-editable name and text of the seeded consultation, in both languages."""
    consultation = session.scalars(select(Consultation)).one()
    rows = [
        *session.scalars(select(Pillar)),
        *session.scalars(select(Topic)),
        *session.scalars(select(Sector)),
    ]
    for row in rows:
        row.name_en = f"{row.code} EN {HOSTILE}"
        row.name_es = f"{row.code} ES {HOSTILE}"
    for pillar in session.scalars(select(Pillar)):
        pillar.description_en = pillar.description_es = f"About {HOSTILE}"
    consultation.title_en = consultation.title_es = f"Consulta {HOSTILE}"
    consultation.description_en = consultation.description_es = f"Description {HOSTILE}"
    for sector in session.scalars(select(Sector)):
        session.add(
            SectorIntro(
                consultation=consultation, sector=sector,
                intro_en=f"Intro {HOSTILE}", intro_es=f"Intro {HOSTILE}",
            )
        )  # fmt: skip
    return consultation


def _shown_as_text(page: str, where: str) -> None:
    for raw in RAW:
        assert raw not in page, where
    assert ESCAPED in page, where


def test_public_pages_show_admin_names_as_text(app: Flask) -> None:
    with app.app_context():
        _hostile_names(db.session)
        db.session.commit()
    client = app.test_client()
    for lang in ("en", "es"):
        for path in (f"/{lang}/", f"/{lang}/c/hled-2026/", f"/{lang}/c/hled-2026/submit"):
            response = client.get(path)
            assert response.status_code == 200, path
            _shown_as_text(response.get_data(as_text=True), path)


@pytest.mark.parametrize("lang", [Language.EN, Language.ES])
def test_staff_pages_show_admin_names_as_text(app: Flask, lang: Language) -> None:
    with app.app_context():
        consultation_id = _hostile_names(db.session).id
        db.session.commit()
    admin = admin_client(app, lang)
    paths = [
        f"/{lang.value}/staff/admin/consultations/{consultation_id}/edit",
        f"/{lang.value}/staff/admin/consultations/{consultation_id}/preview/es",
        f"/{lang.value}/staff/admin/consultations/{consultation_id}/preview/en",
        f"/{lang.value}/staff/admin/consultations",
        f"/{lang.value}/staff/admin/taxonomy",
        f"/{lang.value}/staff/queue",
    ]
    for path in paths:
        response = admin.get(path)
        assert response.status_code == 200, path
        _shown_as_text(response.get_data(as_text=True), path)


@pytest.mark.parametrize("lang", ["en", "es", "both"])
def test_html_packet_shows_admin_names_as_text(db_session: Session, lang: str) -> None:
    _hostile_names(db_session)
    agenda = full_agenda(db_session)
    built = build_packet_file(
        db_session, agenda.meeting, PacketFormat.HTML, PacketLanguage(lang), Audience.PUBLIC
    )
    _shown_as_text(built.data.decode("utf-8"), f"packet {lang}")
