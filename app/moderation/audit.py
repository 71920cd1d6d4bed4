"""The hash chain over moderation events: each event's hash covers its content and the
previous event's hash, so changing or deleting any row breaks every hash after it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from app.moderation.models import ModerationEvent

CHAIN_LOCK_KEY = 0x636F6E73  # "cons": one advisory lock serialises writers of the chain


def _value(value: object) -> object:
    return getattr(value, "value", value)


def event_digest(event: ModerationEvent, prev_hash: str | None) -> str:
    payload = {
        "submission_id": event.submission_id,
        "actor_id": event.actor_id,
        "created_at": event.created_at.isoformat(),
        "action": _value(event.action),
        "from_status": _value(event.from_status),
        "to_status": _value(event.to_status),
        "reason": _value(event.reason),
        "note": event.note,
        "details": event.details,
        "prev_hash": prev_hash,
    }
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lock_chain(session: Session) -> None:
    """Hold the chain until this transaction ends, so two writers never extend the same
    link. SQLite needs nothing: its write transactions are already one at a time."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CHAIN_LOCK_KEY})


def last_hash(session: Session) -> str | None:
    return session.scalar(
        select(ModerationEvent.entry_hash).order_by(ModerationEvent.id.desc()).limit(1)
    )


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_id: int | None

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None


def _events(session: Session, batch: int = 5000) -> Iterator[ModerationEvent]:
    after = 0
    while True:
        rows = session.scalars(
            select(ModerationEvent)
            .where(ModerationEvent.id > after)
            .order_by(ModerationEvent.id)
            .limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        after = rows[-1].id
        session.expunge_all()


def verify_chain(session: Session) -> ChainReport:
    prev: str | None = None
    checked = 0
    for event in _events(session):
        checked += 1
        if event.prev_hash != prev or event_digest(event, prev) != event.entry_hash:
            return ChainReport(checked, event.id)
        prev = event.entry_hash
    return ChainReport(checked, None)
