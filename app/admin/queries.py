"""Reads for the administration pages."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.admin.models import AdminEvent, Invitation
from app.db import utcnow
from app.intake.models import StakeholderInvitation
from app.staff.models import User

EVENTS_PER_PAGE = 50
STAKEHOLDER_INVITATIONS_PER_PAGE = 50


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


def stakeholder_invitations(
    session: Session, page: int = 1
) -> tuple[list[StakeholderInvitation], bool]:
    """One page of stakeholder invitations, newest first, with what the list shows, and
    whether there is another page."""
    per_page = STAKEHOLDER_INVITATIONS_PER_PAGE
    stmt = (
        select(StakeholderInvitation)
        .options(
            selectinload(StakeholderInvitation.consultation),
            selectinload(StakeholderInvitation.sector),
            selectinload(StakeholderInvitation.invited_by),
            selectinload(StakeholderInvitation.submission),
        )
        .order_by(StakeholderInvitation.created_at.desc(), StakeholderInvitation.id.desc())
        .offset((page - 1) * per_page)
        .limit(per_page + 1)
    )
    rows = list(session.scalars(stmt))
    return rows[:per_page], len(rows) > per_page
