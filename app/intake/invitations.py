"""Invitations to named stakeholders: the secretariat invites an organisation to comment on a
consultation, and the personal link in the e-mail opens the form with the organisation and
sector filled in. Only the hash of the link's secret is stored (app.security.token_digest);
the comment sent through it is marked verified with the invited organisation
(app.intake.publication.verification_of). One comment per link, for INVITATION_DAYS, until the
secretariat revokes it: a used, expired, revoked, foreign, tampered or unknown secret finds
nothing, the same nothing. A draft saved from the invited form keeps the invitation (by id,
Draft.invitation_id), and sending it spends the invitation as sending from the link would.
(Staff accounts have invitations of their own, app.admin.models.Invitation: not these.)"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, select, update
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement

from app.db import rowcount, utcnow
from app.enums import EventAction, Language
from app.intake.drafts import SECRET_PATTERN, draft_for_link, new_draft_secret
from app.intake.models import Draft, StakeholderInvitation, Submission
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


def _cutoff(now: datetime) -> datetime:
    """Invitations sent before this have expired (INVITATION_DAYS)."""
    days: int = current_app.config["INVITATION_DAYS"]
    return now - timedelta(days=days)


def usable_condition(now: datetime | None = None) -> ColumnElement[bool]:
    """The one rule, in SQL: not used, not revoked, not expired (the UPDATE that spends a
    link checks it again)."""
    return and_(
        StakeholderInvitation.used_at.is_(None),
        StakeholderInvitation.revoked_at.is_(None),
        StakeholderInvitation.created_at > _cutoff(now or utcnow()),
    )


def invitation_usable(invitation: StakeholderInvitation, now: datetime | None = None) -> bool:
    """usable_condition for a loaded invitation."""
    return (
        invitation.used_at is None
        and invitation.revoked_at is None
        and invitation.created_at > _cutoff(now or utcnow())
    )


def invitation_for_link(
    session: Session, consultation: Consultation, secret: str | None
) -> StakeholderInvitation | None:
    """The usable invitation this secret opens, for this consultation; None otherwise."""
    if not secret or not SECRET_PATTERN.match(secret):
        return None
    invitation = session.scalar(
        select(StakeholderInvitation).where(
            StakeholderInvitation.secret_hash == token_digest(secret)
        )
    )
    if invitation is None or invitation.consultation_id != consultation.id:
        return None
    return invitation if invitation_usable(invitation) else None


def invitation_of_draft(
    session: Session, consultation: Consultation, draft: Draft | None
) -> StakeholderInvitation | None:
    """The usable invitation a draft was saved from (None for a draft saved without one, or
    whose invitation was used, revoked or has expired since)."""
    invitation = draft.invitation if draft is not None else None
    if invitation is None or invitation.consultation_id != consultation.id:
        return None
    return invitation if invitation_usable(invitation) else None


# What a resumed draft's form carries in place of the invitation's secret, which it never had
# (a draft keeps its invitation by id): "the invitation of the draft this form came from".
# Never a secret's shape (SECRET_PATTERN), so it cannot open an invitation by itself.
FROM_DRAFT = "draft"


def invitation_for_form(
    session: Session, consultation: Consultation, carried: str | None, draft_secret: str | None
) -> StakeholderInvitation | None:
    """The usable invitation a sent or saved form comes from: the one its link's secret
    opens, or (FROM_DRAFT) the one the draft it was resumed from was saved with. None when
    there is none, or it was used, revoked or has expired, or the draft has."""
    if carried != FROM_DRAFT:
        return invitation_for_link(session, consultation, carried)
    draft = draft_for_link(session, consultation, draft_secret) if draft_secret else None
    return invitation_of_draft(session, consultation, draft)


def revoke_invitation(
    session: Session, invitation: StakeholderInvitation, now: datetime | None = None
) -> bool:
    """Take back an invitation not yet used, so that its link opens nothing: one conditional
    UPDATE, so a comment sent through it at the same instant and the revocation cannot both
    succeed. False (nothing changes) when it was used, revoked or has expired. Flushes; the
    caller records it in the administration trail."""
    now = now or utcnow()
    revoked = session.execute(
        update(StakeholderInvitation)
        .where(StakeholderInvitation.id == invitation.id, usable_condition(now))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    if rowcount(revoked) != 1:
        return False
    session.refresh(invitation)
    return True


def spend_invitation(
    session: Session,
    invitation: StakeholderInvitation,
    submission: Submission,
    now: datetime | None = None,
) -> bool:
    """Tie the invitation to the comment sent through it, once: only one UPDATE finds it
    usable, however many requests carry the link at once. False (nothing changes) when it was
    already spent, revoked or has expired; the caller then stores nothing. Flushes and
    records the event."""
    now = now or utcnow()
    if submission.id is None:
        session.flush()
    spent = session.execute(
        update(StakeholderInvitation)
        .where(StakeholderInvitation.id == invitation.id, usable_condition(now))
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
