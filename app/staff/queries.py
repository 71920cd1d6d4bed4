"""Reads of staff accounts."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.staff.models import User


def active_user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email, User.is_active.is_(True)))
