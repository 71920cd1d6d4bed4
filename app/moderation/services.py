"""Changes of state of submissions. Every one writes a moderation event; none commits."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import EventAction, RejectionReason, SubmissionStatus
from app.intake.models import Submission
from app.moderation.audit import event_digest, last_hash, lock_chain
from app.moderation.models import ModerationEvent
from app.staff.models import User


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
    """Append one event to the hash-chained trail."""
    if submission.id is None:
        session.flush()
    lock_chain(session)
    prev = last_hash(session)
    event = ModerationEvent(
        submission_id=submission.id,
        actor_id=actor.id if actor else None,
        created_at=utcnow(),
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        note=note,
        details=json.dumps(details, sort_keys=True, ensure_ascii=False) if details else None,
        prev_hash=prev,
    )
    event.entry_hash = event_digest(event, prev)
    session.add(event)
    session.flush()
    return event


def withdraw(session: Session, submission: Submission) -> None:
    """The submitter takes back a comment no one has decided on yet."""
    if submission.status is not SubmissionStatus.PENDING:
        raise ValueError("only pending submissions can be withdrawn")
    submission.status = SubmissionStatus.WITHDRAWN
    submission.decided_at = utcnow()
    record_event(
        session,
        submission,
        EventAction.STATUS_CHANGED,
        from_status=SubmissionStatus.PENDING,
        to_status=SubmissionStatus.WITHDRAWN,
        note="withdrawn by the submitter",
    )
