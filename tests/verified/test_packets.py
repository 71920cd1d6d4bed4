"""The verification mark in agenda packets (issue 17, point 4): "Verified: <organisation>"
(or "Invited: …") on each comment of an internal packet, in a public packet only where the
author may be named; the summary counts verified against self-declared. HTML, PDF and DOCX."""

from __future__ import annotations

import io

import pytest
from docx import Document
from flask import Flask
from flask_babel import force_locale, ngettext
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda.models import AgendaEntry
from app.db import utcnow
from app.enums import Audience, Language
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


# --- a campaign's signatories -------------------------------------------------------------


def _campaign_packet(session: Session, fmt: PacketFormat, lang: str, audience: Audience) -> str:
    """A form letter sent by a named member of a listed organisation, a named invited one, an
    anonymous member of the listed organisation, and a named self-declared one."""
    from app.campaigns.models import Campaign
    from app.enums import Consent
    from app.intake.models import StakeholderInvitation
    from app.security import token_digest
    from app.taxonomy.models import Organization, Sector
    from tests.packets.helpers import place

    agenda = meeting_with_items(session)
    sector = session.scalars(select(Sector).order_by(Sector.position)).first()
    org = Organization(name_en=LISTED["en"], name_es=LISTED["es"], sector=sector, country_code="MX")
    campaign = Campaign()
    session.add_all([org, campaign])
    session.flush()
    letter = {"title": "Water plan for the border", "body": "We ask for a binational water plan.",
              "campaign_id": campaign.id}  # fmt: skip
    members = [
        place(session, agenda, 0, "listed", position=1, organization="Water Alliance",
              consent=Consent.NAMED, verified_organization=org, **letter),
        place(session, agenda, 0, "invited", position=2, organization=INVITED,
              consent=Consent.NAMED, **letter),
        place(session, agenda, 0, "hidden", position=3, organization="Hidden Org",
              consent=Consent.ANONYMOUS, verified_organization=org, **letter),
        place(session, agenda, 0, "typed", position=4, organization="Agua Norte",
              consent=Consent.NAMED, **letter),
    ]  # fmt: skip
    campaign.representative_submission_id = members[0].id
    session.add(
        StakeholderInvitation(
            secret_hash=token_digest("campaign-invited-secret"),
            consultation=members[1].consultation, organization=INVITED, sector=sector,
            email="direccion@camara.example.org", language=Language.ES, used_at=utcnow(),
            submission_id=members[1].id,
        )
    )  # fmt: skip
    session.flush()
    for member in members:
        session.refresh(member)
    built = build_packet_file(session, agenda.meeting, fmt, PacketLanguage(lang), audience)
    if fmt is PacketFormat.HTML:
        return squash(built.data.decode("utf-8"))
    if fmt is PacketFormat.PDF:
        return squash(" ".join(pdf_pages(built.data)))
    return squash("\n".join(p.text for p in Document(io.BytesIO(built.data)).paragraphs))


def _signatories(app: Flask, lang: str) -> list[str]:
    listed = translated(app, lang, "Verified: %(name)s", name=LISTED[lang])
    invited = translated(app, lang, "Invited: %(name)s", name=INVITED)
    return [f"Water Alliance ({listed})", f"{INVITED} ({invited})"]


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("audience", [Audience.INTERNAL, Audience.PUBLIC])
@pytest.mark.parametrize("fmt", [PacketFormat.HTML, PacketFormat.PDF, PacketFormat.DOCX])
def test_a_campaigns_signatories_carry_their_verification_marks(
    app: Flask, db_session: Session, lang: str, audience: Audience, fmt: PacketFormat
) -> None:
    text = _campaign_packet(db_session, fmt, lang, audience)
    if fmt is PacketFormat.PDF:
        text = text.replace("- ", "-")  # PDF text may break a line after a hyphen
    for signatory in _signatories(app, lang):
        assert signatory in text
    # A self-declared signatory has no mark; one who asked not to be named is not listed,
    # and its organisation's mark is not given away (counted among the anonymous).
    assert "Agua Norte;" in text or "Agua Norte." in text
    assert "Hidden Org" not in text
    marked = translated(app, lang, "Verified: %(name)s", name=LISTED[lang])
    assert text.count(f"({marked})") == 1


def test_a_bilingual_packet_marks_signatories_in_both_languages(db_session: Session) -> None:
    text = _campaign_packet(db_session, PacketFormat.HTML, "both", Audience.PUBLIC)
    assert (
        "Water Alliance (Verified: Government of Sonora / "
        "Organización verificada: Gobierno de Sonora)"
    ) in text
