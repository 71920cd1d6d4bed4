"""Changes of state of submissions. Every one writes a moderation event; none commits."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy.orm import Session

from app.db import rowcount, utcnow
from app.enums import EventAction, RejectionReason, SubmissionStatus
from app.errors import InvalidTransition
from app.intake.models import ModerationEvent, Submission
from app.intake.trail import record_event
from app.moderation.reasons import reason_problem
from app.staff.models import User
from app.taxonomy.models import Pillar, Sector, Topic
from app.themes.services import after_status_change

# Which decisions each state allows. Withdrawn is final: the submitter took it back.
TRANSITIONS: dict[SubmissionStatus, frozenset[SubmissionStatus]] = {
    SubmissionStatus.PENDING: frozenset(
        {SubmissionStatus.APPROVED, SubmissionStatus.REJECTED, SubmissionStatus.ESCALATED}
    ),
    SubmissionStatus.ESCALATED: frozenset(
        {SubmissionStatus.APPROVED, SubmissionStatus.REJECTED, SubmissionStatus.PENDING}
    ),
    SubmissionStatus.APPROVED: frozenset({SubmissionStatus.PENDING}),
    SubmissionStatus.REJECTED: frozenset({SubmissionStatus.PENDING}),
    SubmissionStatus.WITHDRAWN: frozenset(),
}


class Conflict(Exception):
    """Someone changed the submission since the moderator's page was loaded."""

    def __init__(self, submission: Submission) -> None:
        super().__init__(f"{submission.tracking_code} is now at version {submission.version}")
        self.submission = submission


def check_reason(to_status: SubmissionStatus, reason: RejectionReason | None) -> None:
    """Refuse a rejection without a reason, and a reason on anything else (the rule is
    app.moderation.reasons'; the decision forms say it to the moderator first, so reaching
    this is a caller's bug)."""
    problem = reason_problem(to_status, reason)
    if problem is not None:
        raise ValueError(f"reason {problem.value}: {to_status.value}")


def change_status(
    session: Session,
    submission: Submission,
    actor: User,
    to_status: SubmissionStatus,
    seen_version: int,
    reason: RejectionReason | None = None,
    note: str | None = None,
) -> ModerationEvent:
    """Decide on a submission the moderator saw at `seen_version`. A stale page is a
    Conflict, never a silent overwrite; the database's version check catches a race that
    passes this first check (StaleDataError at flush)."""
    if submission.version != seen_version:
        raise Conflict(submission)
    if to_status not in TRANSITIONS[submission.status]:
        raise InvalidTransition(f"{submission.status.value} -> {to_status.value}")
    check_reason(to_status, reason)
    from_status = submission.status
    submission.status = to_status
    submission.rejection_reason = reason
    submission.decided_at = utcnow() if to_status is not SubmissionStatus.PENDING else None
    submission.claimed_by_id = None
    submission.claimed_until = None
    session.flush()
    event = record_event(
        session,
        submission,
        EventAction.STATUS_CHANGED,
        actor,
        from_status=from_status,
        to_status=to_status,
        reason=reason,
        note=note or None,
    )
    # Themes: an approved comment joins its nearest theme, one no longer approved leaves it;
    # a failure there is logged and never costs the decision.
    after_status_change(session, submission, from_status, to_status)
    return event


class BulkConflict(Exception):
    """Some of the selected submissions changed since the queue page was loaded."""

    def __init__(self, codes: list[str]) -> None:
        super().__init__(", ".join(codes))
        self.codes = codes


def bulk_change_status(
    session: Session,
    actor: User,
    selected: list[tuple[Submission, int]],
    to_status: SubmissionStatus,
    reason: RejectionReason | None = None,
) -> int:
    """One decision for many, all or nothing: if any submission moved on since the page was
    loaded, or the decision does not apply to one of them, nothing is changed. Each member
    still gets its own event in the audit trail."""
    stale = [s.tracking_code for s, seen in selected if s.version != seen]
    if stale:
        raise BulkConflict(stale)
    for submission, seen in selected:
        change_status(session, submission, actor, to_status, seen, reason)
    return len(selected)


CLAIM_MINUTES = 10


def claim(session: Session, submission: Submission, user: User) -> bool:
    """Hold a submission for a few minutes so colleagues see someone is on it. Succeeds when
    it is free, already ours, or the previous claim ran out. A claim is not an edit: it
    neither bumps the version nor writes an audit event."""
    now = utcnow()
    result = session.execute(
        update(Submission)
        .where(
            Submission.id == submission.id,
            or_(
                Submission.claimed_by_id.is_(None),
                Submission.claimed_by_id == user.id,
                Submission.claimed_until < now,
            ),
        )
        .values(claimed_by_id=user.id, claimed_until=now + timedelta(minutes=CLAIM_MINUTES))
        .execution_options(synchronize_session=False)
    )
    session.refresh(submission, ["claimed_by_id", "claimed_until"])
    return rowcount(result) == 1


def redact(
    session: Session,
    submission: Submission,
    actor: User,
    public_title: str,
    public_body: str,
    seen_version: int,
) -> ModerationEvent:
    """Set the public version of title and body; the original stays untouched. A public
    text equal to the original is stored as NULL (nothing redacted)."""
    if submission.version != seen_version:
        raise Conflict(submission)
    old = (submission.published_title, submission.published_body)
    submission.public_title = public_title if public_title != submission.title else None
    submission.public_body = public_body if public_body != submission.body else None
    session.flush()
    return record_event(
        session,
        submission,
        EventAction.REDACTED,
        actor,
        details={
            "title_changed": old[0] != submission.published_title,
            "body_changed": old[1] != submission.published_body,
            "public_title": submission.public_title,
            "public_body": submission.public_body,
        },
    )


def settle_dispute(
    session: Session, submission: Submission, actor: User, note: str | None
) -> ModerationEvent:
    """A moderator keeps a comment reported "I did not send this": it may be published again
    (app.intake.publication). To drop it instead, the moderator rejects it as usual."""
    if submission.disputed_at is None:
        raise InvalidTransition("no report awaits a decision")
    submission.disputed_at = None
    return record_event(session, submission, EventAction.DISPUTE_SETTLED, actor, note=note or None)


def add_note(session: Session, submission: Submission, actor: User, note: str) -> ModerationEvent:
    """An internal note: part of the trail, never published, no change to the submission."""
    return record_event(session, submission, EventAction.NOTE_ADDED, actor, note=note)


def retag(
    session: Session,
    submission: Submission,
    actor: User,
    seen_version: int,
    *,
    sector: Sector,
    primary_pillar: Pillar,
    secondary_pillar: Pillar | None,
    topics: list[Topic],
) -> ModerationEvent:
    """Correct how a submitter classified their comment; the event keeps before and after."""
    if submission.version != seen_version:
        raise Conflict(submission)
    if secondary_pillar is not None and secondary_pillar.id == primary_pillar.id:
        # RetagForm refuses this first; reaching this is a caller's bug.
        raise ValueError("the second pillar must differ from the main one")

    def snapshot() -> dict[str, Any]:
        return {
            "sector": submission.sector.code,
            "primary_pillar": submission.primary_pillar.code,
            "secondary_pillar": submission.secondary_pillar.code
            if submission.secondary_pillar
            else None,
            "topics": sorted(t.code for t in submission.topics),
        }

    before = snapshot()
    submission.sector = sector
    submission.primary_pillar = primary_pillar
    submission.secondary_pillar = secondary_pillar
    submission.topics = topics
    session.flush()
    return record_event(
        session,
        submission,
        EventAction.RETAGGED,
        actor,
        details={"before": before, "after": snapshot()},
    )
