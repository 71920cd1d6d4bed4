"""Invitations to named stakeholders: the secretariat invites an organisation to comment on a
consultation, and the personal link in the e-mail opens the form with the organisation and
sector filled in. Only the hash of the link's secret is stored (app.security.token_digest);
the comment sent through it is marked verified with the invited organisation
(app.intake.publication.verification_of). One comment per link: a used, foreign, tampered or
unknown secret finds nothing, the same nothing. (Staff accounts have invitations of their
own, app.admin.models.Invitation: not these.)"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from app.db import rowcount, utcnow
from app.enums import EventAction, Language
from app.intake.drafts import SECRET_PATTERN, new_draft_secret
from app.intake.models import StakeholderInvitation, Submission
from app.intake.trail import record_event
from app.security import token_digest
from app.staff.models import User
from app.taxonomy.models import Consultation, Sector


def create_invitation(
    session: Session,
    actor: User | None,
    consultation: Consultation,
    organization: str,
    sector: Sector,
    email: str,
    language: Language,
) -> tuple[StakeholderInvitation, str]:
    """A new invitation and the secret of its link (the secret goes in the e-mail and
    nowhere else). Flushes; the caller records it in its trail and commits."""
    secret = new_draft_secret()  # the same 256-bit URL-safe secret as a draft's link
    invitation = StakeholderInvitation(
        secret_hash=token_digest(secret),
        consultation=consultation,
        organization=organization.strip(),
        sector=sector,
        email=email.strip().lower(),
        language=language,
        invited_by_id=actor.id if actor else None,
    )
    session.add(invitation)
    session.flush()
    return invitation, secret


def invitation_for_link(
    session: Session, consultation: Consultation, secret: str | None
) -> StakeholderInvitation | None:
    """The unused invitation this secret opens, for this consultation; None otherwise."""
    if not secret or not SECRET_PATTERN.match(secret):
        return None
    invitation = session.scalar(
        select(StakeholderInvitation).where(
            StakeholderInvitation.secret_hash == token_digest(secret)
        )
    )
    if invitation is None or invitation.consultation_id != consultation.id:
        return None
    if invitation.used_at is not None:
        return None
    return invitation


def spend_invitation(
    session: Session,
    invitation: StakeholderInvitation,
    submission: Submission,
    now: datetime | None = None,
) -> bool:
    """Tie the invitation to the comment sent through it, once: only one UPDATE finds it
    unused, however many requests carry the link at once. False (nothing changes) when it was
    already spent; the caller then stores nothing. Flushes and records the event."""
    now = now or utcnow()
    if submission.id is None:
        session.flush()
    spent = session.execute(
        update(StakeholderInvitation)
        .where(
            StakeholderInvitation.id == invitation.id,
            StakeholderInvitation.used_at.is_(None),
        )
        .values(used_at=now, submission_id=submission.id)
        .execution_options(synchronize_session=False)
    )
    if rowcount(spent) != 1:
        return False
    session.refresh(invitation)
    session.refresh(submission, ["invitation"])
    record_event(
        session,
        submission,
        EventAction.INVITATION_USED,
        details={"invitation_id": invitation.id, "organization": invitation.organization},
    )
    return True
