"""A submitter's own secrets, beside the tracking code: the access code of one who gave no
e-mail address (shown once on the receipt) and the token of the links in the receipt e-mail
(confirm the address, or report "I did not send this"). Only their hashes are stored
(app.security.token_digest); an expired, used, tampered or unknown secret finds nothing, the
same nothing."""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from app.db import utcnow
from app.enums import EventAction
from app.intake.models import Submission
from app.intake.queries import submission_by_code
from app.intake.tracking import new_access_code
from app.intake.trail import record_event
from app.security import token_digest, token_matches
from app.staff.models import User
from app.taxonomy.models import Organization
from app.taxonomy.queries import organization_for_email


def issue_secret(email: str | None) -> tuple[str, dict[str, str]]:
    """The one secret a new submission's sender takes away, and the column that keeps its
    hash: the e-mail links' token when an address was given, otherwise the access code.
    Stored with the INSERT; shown or sent once."""
    if email:
        token = new_link_token()
        return token, {"email_token_hash": token_digest(token)}
    code = new_access_code()
    return code, {"access_code_hash": token_digest(code)}


def new_link_token() -> str:
    # The tracking alphabet again: a link a person may have to retype from a printed e-mail.
    return new_access_code().replace("-", "")


def _link_expired(submission: Submission, now: datetime) -> bool:
    days: int = current_app.config["EMAIL_LINK_DAYS"]
    return now >= submission.created_at + timedelta(days=days)


def submission_for_link(
    session: Session, code: str, token: str, now: datetime | None = None
) -> Submission | None:
    """The submission whose e-mail link this is, while the link is valid; None otherwise."""
    submission = submission_by_code(session, code)
    if submission is None or not token_matches(token.upper(), submission.email_token_hash):
        return None
    if _link_expired(submission, now or utcnow()):
        return None
    return submission


def confirm_email(
    session: Session, code: str, token: str, now: datetime | None = None
) -> Submission | None:
    """Mark the address confirmed and record it; None (nothing changes) for a link that is
    unknown, tampered, expired or already used."""
    now = now or utcnow()
    submission = submission_for_link(session, code, token, now)
    if submission is None or submission.email_confirmed_at is not None:
        return None
    submission.email_confirmed_at = now
    # Decided once, here: only a confirmed address may verify, and the organisation is the
    # one listed for its domain at the moment its owner proved it.
    organization = organization_for_email(session, submission.email)
    submission.verified_organization = organization
    details = {"verified_organization_id": organization.id} if organization else None
    record_event(session, submission, EventAction.EMAIL_CONFIRMED, details=details)
    return submission


def verify_confirmed_at(
    session: Session, organization: Organization, actor: User | None = None
) -> list[int]:
    """Comments whose address was confirmed before one of `organization`'s domains was listed:
    verified with it now, by the rule confirm_email applies (organization_for_email: the
    longest listed domain wins; only a confirmed address). Comments already verified keep
    their organisation. Each comment's own trail records it (by `actor`, who listed the
    domain); their ids, for the caller's administration trail."""
    domains = [d.domain for d in organization.domains]
    if not domains:
        return []
    address = func.lower(Submission.email)
    candidates = session.scalars(
        select(Submission).where(
            Submission.email_confirmed_at.is_not(None),
            Submission.verified_organization_id.is_(None),
            or_(*(address.like(f"%@{d}") | address.like(f"%.{d}") for d in domains)),
        )
    )
    verified = []
    for submission in candidates:
        found = organization_for_email(session, submission.email)
        if found is not None and found.id == organization.id:
            submission.verified_organization = organization
            # The names as they were: the trail says what the comment was verified as.
            details = {
                "verified_organization_id": organization.id,
                "name_en": organization.name_en,
                "name_es": organization.name_es,
            }
            record_event(
                session, submission, EventAction.ORGANIZATION_VERIFIED, actor, details=details
            )
            verified.append(submission.id)
    return verified


def report_not_sent(
    session: Session, code: str, token: str, note: str | None, now: datetime | None = None
) -> Submission | None:
    """ "I did not send this": the submission is disputed (out of every public surface and
    packet, app.intake.publication) until a moderator settles it, and the e-mail's links are
    spent. None, and nothing changes, for a link that is unknown, tampered, expired or used."""
    now = now or utcnow()
    submission = submission_for_link(session, code, token, now)
    if submission is None or submission.disputed_at is not None:
        return None
    submission.disputed_at = now
    submission.email_token_hash = None
    record_event(session, submission, EventAction.DISPUTED, note=note or None)
    return submission
