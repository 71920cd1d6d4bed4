"""Reads for packets: what goes into a meeting's packet, and the meeting's packet jobs."""

from __future__ import annotations

from flask import current_app
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.agenda.models import AgendaEntry, AgendaItem, Meeting
from app.enums import SubmissionStatus
from app.intake import publication
from app.intake.models import Submission
from app.packets.models import PacketJob


def meeting(session: Session, meeting_id: int) -> Meeting | None:
    return session.scalar(
        select(Meeting)
        .where(Meeting.id == meeting_id)
        .options(selectinload(Meeting.items), selectinload(Meeting.consultations))
    )


def _packet_filter(meeting_id: int, internal: bool) -> list:
    """Placed, not excluded, approved now (a comment withdrawn or re-decided after it was
    placed drops out by itself), publishable unless the packet is internal, and sent from a
    confirmed address when PACKETS_CONFIRMED_EMAIL_ONLY says so."""
    conditions = [
        AgendaEntry.meeting_id == meeting_id,
        AgendaEntry.excluded.is_(False),
        AgendaEntry.agenda_item_id.is_not(None),
    ]
    if internal:
        conditions += [Submission.status == SubmissionStatus.APPROVED, publication.not_disputed()]
    else:
        conditions += publication.publishable_conditions()
    if current_app.config["PACKETS_CONFIRMED_EMAIL_ONLY"]:
        conditions.append(Submission.email_confirmed_at.is_not(None))
    return conditions


def packet_entries(session: Session, meeting_id: int, internal: bool) -> list[AgendaEntry]:
    """The packet's entries in agenda order: item by item, pinned first, then by position."""
    stmt = (
        select(AgendaEntry)
        .join(AgendaEntry.submission)
        .join(AgendaItem, AgendaItem.id == AgendaEntry.agenda_item_id)
        .where(*_packet_filter(meeting_id, internal))
        .order_by(
            AgendaItem.position,
            AgendaItem.id,
            AgendaEntry.pinned.desc(),
            AgendaEntry.position,
            AgendaEntry.id,
        )
        .options(
            selectinload(AgendaEntry.submission).options(
                selectinload(Submission.sector),
                selectinload(Submission.country),
                selectinload(Submission.region),
                selectinload(Submission.primary_pillar),
                selectinload(Submission.campaign),
                # What the verification mark reads (app.intake.publication.verification_of).
                selectinload(Submission.verified_organization),
                selectinload(Submission.invitation),
            )
        )
    )
    return list(session.scalars(stmt))


def packet_size(session: Session, meeting_id: int, internal: bool) -> int:
    stmt = (
        select(func.count())
        .select_from(AgendaEntry)
        .join(AgendaEntry.submission)
        .where(*_packet_filter(meeting_id, internal))
    )
    return session.scalar(stmt) or 0


def meeting_jobs(session: Session, meeting_id: int, limit: int = 30) -> list[PacketJob]:
    stmt = (
        select(PacketJob)
        .where(PacketJob.meeting_id == meeting_id)
        .order_by(PacketJob.created_at.desc(), PacketJob.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))


def meeting_job(session: Session, meeting_id: int, job_id: int) -> PacketJob | None:
    job = session.get(PacketJob, job_id)
    if job is None or job.meeting_id != meeting_id:
        return None
    return job
