"""A form letter in a packet quotes, under it, what its senders added in their own words
(the published text: a redaction holds), and nothing for copies that added nothing."""

from __future__ import annotations

import io

import pytest
from docx import Document
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.campaigns.fingerprint import letter_of, shingles_of
from app.campaigns.services import _set_letter
from app.enums import Audience
from app.models import Submission
from app.packets.models import PacketFormat, PacketLanguage
from app.packets.services import build_packet_file
from tests.packets.helpers import Agenda, full_agenda, pdf_pages, squash

LETTER = """We ask both governments for a binational water plan for the border, with shared
measurements of the aquifers and a yearly report to the public.

Cities on both sides draw from the same rivers and must plan together."""
OWN = "In Ciudad Acuña our wells dropped four meters in two years; call me at 555-0100."
PUBLIC_OWN = "In Ciudad Acuña our wells dropped four meters in two years; call me at [removed]."


def _personalised_campaign(session: Session) -> Agenda:
    agenda = full_agenda(session)
    members = [agenda.subs[f"campaign{n}"] for n in (1, 2, 3)]
    for member in members:
        member.body = LETTER
    members[1].body = f"{LETTER}\n\n{OWN}"
    members[1].public_body = f"{LETTER}\n\n{PUBLIC_OWN}"
    session.flush()
    _set_letter(
        session, members[0].campaign_id, letter_of(shingles_of(LETTER), shingles_of(LETTER))
    )
    session.flush()
    return agenda


@pytest.mark.usefixtures("seeded")
def test_a_packet_quotes_what_senders_added_under_the_letter(db_session: Session) -> None:
    agenda = _personalised_campaign(db_session)
    built = build_packet_file(
        db_session, agenda.meeting, PacketFormat.PDF, PacketLanguage.EN, Audience.PUBLIC
    )
    text = squash(" ".join(pdf_pages(built.data)))
    label = "added by senders in their own words"  # set in capitals by the style sheet
    assert label in text.lower()
    assert squash(PUBLIC_OWN) in text
    assert "555-0100" not in text
    assert text.index("Cities on both sides") < text.lower().index(label)
    # Once, under the letter: the copies that added nothing are not quoted.
    assert text.lower().count(label) == 1
    named = db_session.scalar(select(Submission).where(Submission.body.contains(OWN)))
    assert named.organization in text[text.lower().index(label) :]

    document = Document(
        io.BytesIO(
            build_packet_file(
                db_session, agenda.meeting, PacketFormat.DOCX, PacketLanguage.EN, Audience.PUBLIC
            ).data
        )
    )
    paragraphs = [p.text for p in document.paragraphs]
    assert PUBLIC_OWN in paragraphs
    assert paragraphs.index("Added by senders in their own words") < paragraphs.index(PUBLIC_OWN)
