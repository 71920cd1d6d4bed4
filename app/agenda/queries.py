"""Reading meetings and their agendas."""

from __future__ import annotations

from collections.abc import Collection
from functools import cache
from typing import Any

from sqlalchemy import BindParameter, ColumnElement, bindparam, exists, func, or_, select, union
from sqlalchemy.orm import Session, selectinload

from app import outcomes
from app.agenda.models import (
    AgendaEntry,
    AgendaItem,
    AgendaOutcome,
    Meeting,
    meeting_consultations,
)
from app.enums import OutcomeKind, SubmissionStatus
from app.intake.models import Submission
from app.taxonomy.models import Consultation
from app.themes import outcomes as theme_outcomes
from app.themes import queries as themes
from app.themes.models import Theme


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


def unplaced_among(session: Session, meeting_id: int, submission_ids: list[int]) -> list[int]:
    """Which of `submission_ids` may still be placed on the meeting's agenda (the rule of
    `unplaced`), in the order given."""
    found: set[int] = set()
    for offset in range(0, len(submission_ids), 500):
        chunk = submission_ids[offset : offset + 500]
        found.update(
            session.scalars(
                select(Submission.id).where(*_unplaced(meeting_id), Submission.id.in_(chunk))
            )
        )
    return [sid for sid in submission_ids if sid in found]


def item_themes(
    session: Session, entries_by_item: dict[int, list[AgendaEntry]]
) -> dict[int, list[tuple[Theme, int]]]:
    """Each item's themes, read from the comments placed on it (as a packet's "What we heard"
    reads them): the theme and how many of the item's comments it holds, most first."""
    out: dict[int, list[tuple[Theme, int]]] = {}
    for item_id, item_entries in entries_by_item.items():
        found = themes.themes_among(session, [e.submission_id for e in item_entries])
        rows = [(session.get(Theme, tid), len(sids)) for tid, sids in found.items()]
        out[item_id] = sorted(
            ((t, n) for t, n in rows if t is not None), key=lambda row: (-row[1], row[0].id)
        )
    return out


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


def with_outcome(kind: OutcomeKind | None = None) -> ColumnElement[bool]:
    """A submission held (not excluded) by an agenda item that has an outcome, or held by a
    theme (not dismissed) that has one: the comments whose status page shows one
    (items_with_outcome_of, themes_with_outcome_of). With `kind`, the item's or the theme's
    current outcome is of that kind."""
    outcome = [AgendaOutcome.agenda_item_id == AgendaEntry.agenda_item_id]
    if kind is not None:
        outcome += [AgendaOutcome.kind == kind, outcomes.is_current(AgendaOutcome)]
    on_agenda = exists().where(
        AgendaEntry.submission_id == Submission.id,
        AgendaEntry.excluded.is_(False),
        exists().where(*outcome),
    )
    return or_(on_agenda, theme_outcomes.with_outcome(kind))


@cache
def _current_outcomes_stmt() -> Any:
    """current_outcomes_of's statement, built once per process: building it (two
    `is_current` subqueries, a UNION) and its cache key cost about 2 ms of CPU a list page.
    The ids are an expanding bind parameter."""
    ids: BindParameter[Any] = bindparam("submission_ids", expanding=True)
    on_agenda = (
        select(AgendaEntry.submission_id, AgendaOutcome.kind)
        .join(AgendaOutcome, AgendaOutcome.agenda_item_id == AgendaEntry.agenda_item_id)
        .where(
            AgendaEntry.submission_id.in_(ids),
            AgendaEntry.excluded.is_(False),
            outcomes.is_current(AgendaOutcome),
        )
    )
    # One round trip for both (each one costs a millisecond or more on a busy server).
    return union(on_agenda, theme_outcomes.current_kinds_stmt(ids))


def current_outcomes_of(
    session: Session, submission_ids: Collection[int]
) -> dict[int, list[OutcomeKind]]:
    """Per comment, the current outcome of each agenda item that holds it (not excluded) and of
    its theme (not dismissed), each kind once, in OutcomeKind's order: what its status page
    shows of the comment, read for a whole list page in one query."""
    if not submission_ids:
        return {}
    found: dict[int, set[OutcomeKind]] = {}
    rows = session.execute(_current_outcomes_stmt(), {"submission_ids": sorted(submission_ids)})
    for submission_id, kind in rows.tuples():
        found.setdefault(submission_id, set()).add(kind)
    return {sid: outcomes.sorted_kinds(kinds) for sid, kinds in found.items()}


def items_with_outcome(
    session: Session, consultation_id: int | None, after_id: int | None, size: int
) -> list[AgendaItem]:
    """Agenda items that have an outcome, in id order from after `after_id`, `size` + 1 of
    them (the extra one says whether another page follows); of the meetings linked to one
    consultation when given. Each with its meeting and outcomes loaded."""
    stmt = select(AgendaItem).where(AgendaItem.outcomes.any())
    if consultation_id is not None:
        linked = select(meeting_consultations.c.meeting_id).where(
            meeting_consultations.c.consultation_id == consultation_id
        )
        stmt = stmt.where(AgendaItem.meeting_id.in_(linked))
    if after_id is not None:
        stmt = stmt.where(AgendaItem.id > after_id)
    stmt = (
        stmt.options(
            selectinload(AgendaItem.meeting).selectinload(Meeting.consultations),
            selectinload(AgendaItem.outcomes),
        )
        .order_by(AgendaItem.id)
        .limit(size + 1)
    )
    return list(session.scalars(stmt))
