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
    event = ModerationEvent(
        submission_id=submission.id,
        actor_id=actor.id if actor else None,
        created_at=utcnow(),
        action=action,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        note=note,
        details=event_details(details),
    )
    audit.append(session, event)
    return event
