"""A meeting whose agenda holds comments of every kind a packet must treat differently."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date

from pypdf import PdfReader
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.campaigns.models import Campaign
from app.enums import Consent, Language, MeetingLevel, SubmissionStatus
from app.models import Consultation, Pillar, Submission
from tests import factories


@dataclass
class Agenda:
    meeting: Meeting
    items: list[AgendaItem]
    pillars: list[Pillar]
    subs: dict[str, Submission] = field(default_factory=dict)


def meeting_with_items(session: Session) -> Agenda:
    consultation = session.scalars(select(Consultation)).first()
    pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))
    meeting = Meeting(
        title_en="Cabinet meeting",
        title_es="Reunión ministerial",
        level=MeetingLevel.CABINET,
        meeting_date=date(2026, 12, 10),
        place_en="Washington, D.C.",
        place_es="Washington, D. C.",
    )
    meeting.consultations.append(consultation)
    session.add(meeting)
    items = []
    for position, pillar in enumerate(pillars, start=1):
        item = AgendaItem(
            position=position,
            pillar=pillar,
            title_en=pillar.name_en,
            title_es=pillar.name_es,
            summary_en=f"Secretariat summary of pillar {position}.",
            summary_es=f"Resumen de la Secretaría del pilar {position}.",
        )
        meeting.items.append(item)
        items.append(item)
    session.flush()
    return Agenda(meeting, items, pillars)


def place(
    session: Session,
    agenda: Agenda,
    item_index: int,
    key: str,
    *,
    position: int = 0,
    pinned: bool = False,
    excluded: bool = False,
    **overrides,
) -> Submission:
    values = {
        "status": SubmissionStatus.APPROVED,
        "primary_pillar": agenda.pillars[item_index],
        "title": f"Title {key}",
        "body": f"Body of {key}. Proponemos mejorar la frontera.",
        "detected_language": "es",
    }
    values.update(overrides)
    sub = factories.submission(session, **values)
    session.add(
        AgendaEntry(
            meeting_id=agenda.meeting.id,
            agenda_item_id=None if excluded else agenda.items[item_index].id,
            submission_id=sub.id,
            position=position,
            pinned=pinned,
            excluded=excluded,
        )
    )
    session.flush()
    agenda.subs[key] = sub
    return sub


def full_agenda(session: Session) -> Agenda:
    """Every case: named, anonymous, not consented, excluded, pending, redacted, pinned,
    written in English, and a three-member form-letter campaign."""
    agenda = meeting_with_items(session)
    place(session, agenda, 0, "named", position=1, title="Named comment",
          organization="Cámara de Comercio Fronteriza", submitter_name="Ana López",
          consent=Consent.NAMED)  # fmt: skip
    place(session, agenda, 0, "pinned", position=2, pinned=True, title="Pinned comment",
          consent=Consent.NAMED, organization="Consejo del Bajío")  # fmt: skip
    place(session, agenda, 1, "anonymous", title="Anonymous comment",
          organization="Hidden Organization", submitter_name="Secret Person",
          consent=Consent.ANONYMOUS)  # fmt: skip
    place(session, agenda, 1, "private", title="Private comment", consent=Consent.NONE,
          submitter_name="Private Person")  # fmt: skip
    place(session, agenda, 2, "excluded", excluded=True, title="Excluded comment",
          consent=Consent.NAMED)  # fmt: skip
    place(session, agenda, 2, "pending", title="Pending comment",
          status=SubmissionStatus.PENDING, consent=Consent.NAMED)  # fmt: skip
    place(session, agenda, 2, "redacted", title="Original title with secret",
          public_title="Redacted public title", body="Call me at 555-0100 about ports.",
          public_body="Call me at [removed] about ports.", consent=Consent.NAMED,
          organization="Port Authority")  # fmt: skip
    place(session, agenda, 3, "english", title="Apprenticeships for the border",
          body="Apprenticeships along the border need stable funding.",
          page_language=Language.EN, detected_language="en", consent=Consent.NAMED,
          organization="El Paso Community College")  # fmt: skip
    campaign = Campaign()
    session.add(campaign)
    session.flush()
    for number, (org, consent) in enumerate(
        [
            ("Water Alliance", Consent.NAMED),
            ("Agua Norte", Consent.NAMED),
            ("Nobody Knows", Consent.ANONYMOUS),
        ],  # fmt: skip
        start=1,
    ):
        sub = place(session, agenda, 3, f"campaign{number}", position=10 + number,
                    title="Water plan for the border", body="We ask for a binational water plan.",
                    organization=org, consent=consent, campaign_id=campaign.id)  # fmt: skip
        if number == 1:
            campaign.representative_submission_id = sub.id
    session.flush()
    return agenda


def pdf_pages(data: bytes) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages]


def squash(text: str) -> str:
    """Text with its line breaks and runs of spaces made single spaces (PDF lines wrap)."""
    return " ".join(text.split())
