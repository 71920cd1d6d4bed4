"""The verification mark in agenda packets (issue 17, point 4): "Verified: <organisation>"
(or "Invited: …") on each comment of an internal packet, in a public packet only where the
author may be named; the summary counts verified against self-declared. HTML, PDF and DOCX."""

from __future__ import annotations

import io

import pytest
from docx import Document
from flask import Flask
from flask_babel import force_locale, ngettext
from sqlalchemy.orm import Session

from app.agenda.models import AgendaEntry
from app.enums import Audience
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests.admin.helpers import translated
from tests.packets.helpers import meeting_with_items, pdf_pages, squash
from tests.verified.helpers import INVITED, LISTED, VERIFIED_LABEL, four_kinds

pytestmark = pytest.mark.usefixtures("seeded")


def _packet(session: Session, fmt: PacketFormat, lang: str, audience: Audience) -> str:
    agenda = meeting_with_items(session)
    kinds = four_kinds(session, primary_pillar=agenda.pillars[0], detected_language="es")
    subs = [kinds.verified_named, kinds.verified_anonymous, kinds.invited, kinds.self_declared]
    for position, sub in enumerate(subs):
        session.add(
            AgendaEntry(
                meeting_id=agenda.meeting.id,
                agenda_item_id=agenda.items[0].id,
                submission_id=sub.id,
                position=position,
            )
        )
    session.flush()
    built = build_packet_file(session, agenda.meeting, fmt, PacketLanguage(lang), audience)
    if fmt is PacketFormat.HTML:
        return built.data.decode("utf-8")
    if fmt is PacketFormat.PDF:
        return squash(" ".join(pdf_pages(built.data)))
    document = Document(io.BytesIO(built.data))
    return "\n".join(p.text for p in document.paragraphs)


def _counted(app: Flask, lang: str, verified: int, total: int) -> str:
    """The summary's line as the catalog words it in `lang` (a plural message)."""
    with app.test_request_context(), force_locale(lang):
        return ngettext(
            "%(verified)s of %(total)s comment from verified organizations",
            "%(verified)s of %(total)s comments from verified organizations",
            total,
            verified=str(verified),
            total=str(total),
        )


@pytest.mark.parametrize("lang", ["en", "es"])
def test_internal_packet_marks_every_verified_comment_and_counts_them(
    app: Flask, db_session: Session, lang: str
) -> None:
    html = _packet(db_session, PacketFormat.HTML, lang, Audience.INTERNAL)
    # Named and anonymous alike: an internal packet is for officials.
    assert html.count(VERIFIED_LABEL[lang].format(LISTED[lang])) == 2
    assert html.count(translated(app, lang, "Invited: %(name)s", name=INVITED)) == 1
    assert _counted(app, lang, 3, 4) in html


@pytest.mark.parametrize("lang", ["en", "es"])
def test_public_packet_marks_only_comments_whose_authors_may_be_named(
    app: Flask, db_session: Session, lang: str
) -> None:
    html = _packet(db_session, PacketFormat.HTML, lang, Audience.PUBLIC)
    assert html.count(VERIFIED_LABEL[lang].format(LISTED[lang])) == 1
    assert html.count(translated(app, lang, "Invited: %(name)s", name=INVITED)) == 1
    # The count agrees with the marks the reader sees.
    assert _counted(app, lang, 2, 4) in html


def test_the_mark_follows_its_comment_and_a_self_declared_one_has_none(
    db_session: Session,
) -> None:
    html = _packet(db_session, PacketFormat.HTML, "en", Audience.INTERNAL)
    blocks = html.split('class="packet-comment')
    by_title = {t: next(b for b in blocks if t in b) for t in ("Verified named", "Self-declared")}
    assert "Verified: Government of Sonora" in by_title["Verified named"]
    assert "Verified:" not in by_title["Self-declared"]
    assert "Invited:" not in by_title["Self-declared"]


def test_pdf_packet_carries_the_mark(db_session: Session) -> None:
    text = _packet(db_session, PacketFormat.PDF, "en", Audience.PUBLIC)
    assert "Verified: Government of Sonora" in text
    assert "2 of 4 comments from verified organizations" in text


@pytest.mark.parametrize(("audience", "marks"), [(Audience.INTERNAL, 2), (Audience.PUBLIC, 1)])
def test_docx_packet_carries_the_mark_under_the_same_rule(
    db_session: Session, audience: Audience, marks: int
) -> None:
    text = _packet(db_session, PacketFormat.DOCX, "en", audience)
    assert text.count("Verified: Government of Sonora") == marks
    assert "Invited: Cámara de Comercio de Sonora" in text
    assert "comments from verified organizations" in text


def test_bilingual_packet_names_the_organisation_in_both_languages(
    db_session: Session,
) -> None:
    html = _packet(db_session, PacketFormat.HTML, "both", Audience.INTERNAL)
    assert "Verified: Government of Sonora / Organización verificada: Gobierno de Sonora" in html
