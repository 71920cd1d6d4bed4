"""Reads for the administration pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.admin.models import AdminEvent, Invitation
from app.db import utcnow
from app.intake.models import StakeholderInvitation
from app.staff.models import User

EVENTS_PER_PAGE = 50


def staff_accounts(session: Session) -> list[User]:
    return list(session.scalars(select(User).order_by(User.is_active.desc(), User.email)))


def pending_invitations(session: Session) -> list[Invitation]:
    stmt = (
        select(Invitation)
        .where(
            Invitation.used_at.is_(None),
            Invitation.revoked_at.is_(None),
            Invitation.expires_at > utcnow(),
        )
        .order_by(Invitation.created_at.desc())
    )
    return list(session.scalars(stmt))


def events_page(session: Session, before: int | None = None) -> list[AdminEvent]:
    """Newest first, keyset on id."""
    stmt = select(AdminEvent).options(selectinload(AdminEvent.actor))
    if before:
        stmt = stmt.where(AdminEvent.id < before)
    stmt = stmt.order_by(AdminEvent.id.desc()).limit(EVENTS_PER_PAGE)
    return list(session.scalars(stmt))


def stakeholder_invitations(session: Session) -> list[StakeholderInvitation]:
    """Every stakeholder invitation, newest first, with what the list shows."""
    stmt = (
        select(StakeholderInvitation)
        .options(
            selectinload(StakeholderInvitation.consultation),
            selectinload(StakeholderInvitation.sector),
            selectinload(StakeholderInvitation.invited_by),
            selectinload(StakeholderInvitation.submission),
        )
        .order_by(StakeholderInvitation.created_at.desc(), StakeholderInvitation.id.desc())
    )
    return list(session.scalars(stmt))
