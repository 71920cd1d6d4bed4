"""An item's "What we heard": its comments' themes with counts, convergence and quotes in the
language they were written in, in English, Spanish and bilingual packets, HTML, PDF and DOCX;
a public packet quotes publishable comments only."""

from __future__ import annotations

import io
import re

import pytest
from docx import Document
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.enums import Audience, Consent, Language
from app.models import Country, Sector
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from app.themes.models import Theme, ThemeMember
from app.themes.services import build
from tests.packets.helpers import meeting_with_items, pdf_pages, place, squash
from tests.themes.test_themes import HOURS_EN, HOURS_ES

pytestmark = pytest.mark.usefixtures("seeded")
PRIVATE = "Commercial lanes at the Nogales crossing should operate 24 hours a day"


def _themed(session: Session):  # type: ignore[no-untyped-def]
    agenda = meeting_with_items(session)
    sectors = session.scalars(select(Sector).order_by(Sector.position)).all()[:3]
    us = session.get(Country, "US")
    for n, body in enumerate(HOURS_EN + HOURS_ES):
        lang = "en" if n < len(HOURS_EN) else "es"
        place(session, agenda, 0, f"h{n}", position=n, title="Hours", body=body,
              detected_language=lang, page_language=Language(lang), sector=sectors[n % 3],
              consent=Consent.NONE if body.startswith(PRIVATE) else Consent.NAMED,
              **({"country": us, "region_code": "US-TX"} if n == 0 else {}))  # fmt: skip
    session.commit()
    build(session, agenda.meeting.consultations[0])
    session.commit()
    theme = session.get(
        Theme,
        session.scalar(
            select(ThemeMember.theme_id).where(ThemeMember.submission_id == agenda.subs["h0"].id)
        ),
    )
    return agenda, theme


def _html(session: Session, agenda, lang: str, audience: Audience) -> str:  # type: ignore[no-untyped-def]
    built = build_packet_file(
        session, agenda.meeting, PacketFormat.HTML, PacketLanguage(lang), audience
    )
    return squash(re.sub(r"<[^>]+>", " ", built.data.decode()))


def test_english_packet_says_what_we_heard_with_quotes_as_written(db_session: Session) -> None:
    agenda, theme = _themed(db_session)
    text = _html(db_session, agenda, "en", Audience.INTERNAL)
    assert "What we heard" in text
    assert theme.label_en in text
    assert "Convergence: backed by at least three sectors and by both countries" in text
    assert "Mexico (5)" in text
    assert "United States (1)" in text
    quoted = re.findall(r"“([^”]+)”", text)
    assert any(q in " ".join(HOURS_EN) for q in quoted)
    assert any(q in " ".join(HOURS_ES) for q in quoted)


def test_public_packet_quotes_publishable_comments_only(db_session: Session) -> None:
    agenda, _theme = _themed(db_session)
    internal = _html(db_session, agenda, "en", Audience.INTERNAL)
    public = _html(db_session, agenda, "en", Audience.PUBLIC)
    assert "What we heard" in public
    assert "Mexico (4)" in public  # the comment without consent is not counted either
    assert PRIVATE not in public
    assert internal.count("“") >= public.count("“")


def test_spanish_and_bilingual_packets(db_session: Session) -> None:
    agenda, theme = _themed(db_session)
    spanish = _html(db_session, agenda, "es", Audience.PUBLIC)
    both = _html(db_session, agenda, "both", Audience.PUBLIC)
    with force_locale("es"):
        heading = _("What we heard")
    assert heading in spanish
    assert theme.label_es in spanish
    assert "México (4)" in spanish
    assert f"{theme.label_en} / {theme.label_es}" in both
    assert "Mexico / México (4)" in both
    assert "What we heard" in both


def test_pdf_and_docx_carry_the_part(db_session: Session) -> None:
    agenda, theme = _themed(db_session)
    pdf = build_packet_file(
        db_session, agenda.meeting, PacketFormat.PDF, PacketLanguage("en"), Audience.PUBLIC
    )
    text = squash(" ".join(pdf_pages(pdf.data)))
    assert "What we heard" in text
    assert squash(theme.label_en) in text
    docx = build_packet_file(
        db_session, agenda.meeting, PacketFormat.DOCX, PacketLanguage("en"), Audience.PUBLIC
    )
    document = Document(io.BytesIO(docx.data))
    headings = {p.text for p in document.paragraphs if p.style.name.startswith("Heading")}
    assert "What we heard" in headings
    assert theme.label_en in headings
    assert any(p.text.startswith("“") for p in document.paragraphs)
