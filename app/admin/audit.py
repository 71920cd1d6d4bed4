"""The administration trail: every change to accounts, consultations and the taxonomy, in its
own hash chain with the same guarantees as the moderation trail (app.moderation.audit):
append-only rows, each hash covering its content and the previous hash, writers serialised by
a PostgreSQL advisory lock."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.admin.models import AdminEvent
from app.db import utcnow
from app.moderation.audit import ChainReport
from app.staff.models import User

ADMIN_CHAIN_LOCK_KEY = 0x61646D6E  # "admn": its own lock, so it never waits on moderation's


def _canonical(data: dict[str, Any] | None) -> str | None:
    if data is None:
        return None
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def event_digest(event: AdminEvent, prev_hash: str | None) -> str:
    payload = {
        "actor_id": event.actor_id,
        "created_at": event.created_at.isoformat(),
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "target_label": event.target_label,
        "before": event.before,
        "after": event.after,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Hold the chain until this transaction ends (SQLite already writes one at a time)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": ADMIN_CHAIN_LOCK_KEY})


def last_hash(session: Session) -> str | None:
    return session.scalar(select(AdminEvent.entry_hash).order_by(AdminEvent.id.desc()).limit(1))


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
    lock_chain(session)
    prev = last_hash(session)
    event = AdminEvent(
        actor_id=actor.id if actor else None,
        created_at=utcnow(),
        action=action,
        target_type=target_type,
        target_id=target_id,
        target_label=target_label[:300],
        before=_canonical(before),
        after=_canonical(after),
        prev_hash=prev,
    )
    event.entry_hash = event_digest(event, prev)
    session.add(event)
    session.flush()
    return event


def _events(session: Session, batch: int = 5000) -> Iterator[AdminEvent]:
    after = 0
    while True:
        rows = session.scalars(
            select(AdminEvent).where(AdminEvent.id > after).order_by(AdminEvent.id).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id


def verify_chain(session: Session) -> ChainReport:
    prev: str | None = None
    checked = 0
    for event in _events(session):
        checked += 1
        if event.prev_hash != prev or event_digest(event, prev) != event.entry_hash:
            return ChainReport(checked, event.id)
        prev = event.entry_hash
    return ChainReport(checked, None)
