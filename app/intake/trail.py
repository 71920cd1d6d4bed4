"""Appending to a submission's trail: the one way any area records what happened to a
submission (sent, decided, edited, moved between campaigns), through the shared chain."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.db import utcnow
from app.enums import EventAction, RejectionReason, SubmissionStatus
from app.intake.models import ModerationEvent, Submission
from app.staff.models import User


def event_details(details: dict[str, Any] | None) -> str | None:
    """Canonical JSON, so the hash of the same details is always the same."""
    return json.dumps(details, sort_keys=True, ensure_ascii=False) if details else None


def record_event(
    session: Session,
    submission: Submission,
    action: EventAction,
    actor: User | None = None,
    *,
    from_status: SubmissionStatus | None = None,
    to_status: SubmissionStatus | None = None,
    reason: RejectionReason | None = None,
    note: str | None = None,
    details: dict[str, Any] | None = None,
) -> ModerationEvent:
    """Append one event to the hash-chained trail. Flushes; the caller commits."""
    if submission.id is None:
        session.flush()
    columns = _event_columns(
        submission.id, action, actor, from_status, to_status, reason, note, details
    )
    event = ModerationEvent(**columns)
    audit.append(session, event)
    return event


def record_event_row(
    session: Session,
    submission_id: int,
    action: EventAction,
    *,
    to_status: SubmissionStatus | None = None,
    details: dict[str, Any] | None = None,
) -> None:
    """`record_event` for a caller that needs no event object back (a new comment's
    'submitted'): the same row and the same link of the chain, inserted with Core
    (app.audit.append_many) rather than through the unit of work."""
    row = _event_columns(submission_id, action, None, None, to_status, None, None, details)
    audit.append_many(session, ModerationEvent, [row])


def _event_columns(
    submission_id: int,
    action: EventAction,
    actor: User | None,
    from_status: SubmissionStatus | None,
    to_status: SubmissionStatus | None,
    reason: RejectionReason | None,
    note: str | None,
    details: dict[str, Any] | None,
) -> dict[str, Any]:
    return {
        "submission_id": submission_id,
        "actor_id": actor.id if actor else None,
        "created_at": utcnow(),
        "action": action,
        "from_status": from_status,
        "to_status": to_status,
        "reason": reason,
        "note": note,
        "details": event_details(details),
    }
