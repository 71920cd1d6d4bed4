"""Reading meetings and their agendas."""

from __future__ import annotations

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session, selectinload

from app.agenda.models import AgendaEntry, AgendaItem, Meeting, meeting_consultations
from app.enums import SubmissionStatus
from app.intake.models import Submission
from app.taxonomy.models import Consultation


def meetings(session: Session) -> list[Meeting]:
    stmt = select(Meeting).order_by(Meeting.meeting_date.desc(), Meeting.id.desc())
    return list(session.scalars(stmt))


def meeting(session: Session, meeting_id: int) -> Meeting | None:
    return session.get(Meeting, meeting_id)


def item(session: Session, meeting_id: int, item_id: int) -> AgendaItem | None:
    row = session.get(AgendaItem, item_id)
    return row if row is not None and row.meeting_id == meeting_id else None


def entry(session: Session, meeting_id: int, entry_id: int) -> AgendaEntry | None:
    row = session.get(AgendaEntry, entry_id)
    return row if row is not None and row.meeting_id == meeting_id else None


def consultations(session: Session) -> list[Consultation]:
    return list(session.scalars(select(Consultation).order_by(Consultation.opens_at.desc())))


def _unplaced(meeting_id: int) -> tuple[ColumnElement[bool], ...]:
    placed = select(AgendaEntry.submission_id).where(AgendaEntry.meeting_id == meeting_id)
    linked = select(meeting_consultations.c.consultation_id).where(
        meeting_consultations.c.meeting_id == meeting_id
    )
    return (
        Submission.status == SubmissionStatus.APPROVED,
        Submission.consultation_id.in_(linked),
        Submission.id.not_in(placed),
    )


def unplaced_count(session: Session, meeting_id: int) -> int:
    stmt = select(func.count()).select_from(Submission).where(*_unplaced(meeting_id))
    return session.scalar(stmt) or 0


def unplaced(session: Session, meeting_id: int) -> list[Submission]:
    """Approved submissions of the meeting's consultations not yet on its agenda, oldest
    first."""
    stmt = select(Submission).where(*_unplaced(meeting_id)).order_by(Submission.id)
    return list(session.scalars(stmt))


def entries(session: Session, meeting_id: int) -> list[AgendaEntry]:
    """Every entry of the meeting with what the page shows of its submission."""
    stmt = (
        select(AgendaEntry)
        .where(AgendaEntry.meeting_id == meeting_id)
        .options(
            selectinload(AgendaEntry.submission).selectinload(Submission.sector),
            selectinload(AgendaEntry.submission).selectinload(Submission.region),
            selectinload(AgendaEntry.submission).selectinload(Submission.country),
        )
        .order_by(AgendaEntry.pinned.desc(), AgendaEntry.position, AgendaEntry.id)
    )
    return list(session.scalars(stmt))


def item_entries(session: Session, item_id: int) -> list[AgendaEntry]:
    stmt = (
        select(AgendaEntry)
        .where(AgendaEntry.agenda_item_id == item_id)
        .order_by(AgendaEntry.pinned.desc(), AgendaEntry.position, AgendaEntry.id)
    )
    return list(session.scalars(stmt))


def next_entry_position(session: Session, item_id: int) -> int:
    stmt = select(func.max(AgendaEntry.position)).where(AgendaEntry.agenda_item_id == item_id)
    return (session.scalar(stmt) or 0) + 1


def items_with_outcome_of(session: Session, submission_id: int) -> list[AgendaItem]:
    """The agenda items that hold this comment (not excluded) and have an outcome, the most
    recent meeting first; each with its meeting and outcomes loaded."""
    stmt = (
        select(AgendaItem)
        .join(AgendaEntry, AgendaEntry.agenda_item_id == AgendaItem.id)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(
            AgendaEntry.submission_id == submission_id,
            AgendaEntry.excluded.is_(False),
            AgendaItem.outcomes.any(),
        )
        .options(selectinload(AgendaItem.meeting), selectinload(AgendaItem.outcomes))
        .order_by(Meeting.meeting_date.desc(), AgendaItem.position)
    )
    return list(session.scalars(stmt))
