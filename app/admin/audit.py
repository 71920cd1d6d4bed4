"""The administration trail: every change to accounts, consultations and the taxonomy, an
AdminEvent appended to its own chain through the shared engine (app.audit)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from app import audit
from app.admin.models import AdminEvent
from app.db import utcnow
from app.staff.models import User


def record(
    session: Session,
    actor: User | None,
    action: str,
    target_type: str,
    target_id: int | None,
    target_label: str,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AdminEvent:
    """Append one event to the chain. Flushes; the caller commits."""
    event = AdminEvent(
        actor_id=actor.id if actor else None,
        created_at=utcnow(),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:300],
        before=audit.canonical(before),
        after=audit.canonical(after),
    )
    audit.append(session, event)
    return event


def verify_chain(session: Session) -> audit.ChainReport:
    return audit.verify(session, AdminEvent)
