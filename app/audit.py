"""The one hash-chained event engine behind every audit trail (a submission's moderation
events, the administration trail): rows are only ever inserted, and each carries the previous
row's hash and a hash of its own content, so changing or deleting any row breaks every hash
after it (`flask audit verify`)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import RowMapping, Select, String, insert, select, text
from sqlalchemy.orm import Mapped, Session, mapped_column

from app.db import table_of, utcnow

BATCH = 1000


class ChainedEvent:
    """What every chained event model shares: the two hash columns, the advisory lock key
    that serialises its writers, and the fields its hash covers (changing them breaks every
    existing chain)."""

    CHAIN_LOCK_KEY: ClassVar[int]
    HASHED_FIELDS: ClassVar[tuple[str, ...]]

    id: Mapped[int]
    created_at: Mapped[datetime]
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)


@dataclass(frozen=True)
class ChainReport:
    checked: int
    first_bad_id: int | None

    @property
    def intact(self) -> bool:
        return self.first_bad_id is None


def canonical(data: dict[str, Any] | None) -> str | None:
    """The before or after of an audited change as stored: JSON with sorted keys, so the same
    state is always the same text (and the same hash)."""
    if data is None:
        return None
    return json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def _plain(value: object) -> object:
    if isinstance(value, datetime):
        return value.isoformat()
    return getattr(value, "value", value)


def digest(
    model: type[ChainedEvent], fields: Mapping[str, Any] | RowMapping, prev_hash: str | None
) -> str:
    """SHA-256 of the canonical JSON of the hashed fields and the previous hash."""
    payload = {name: _plain(fields[name]) for name in model.HASHED_FIELDS}
    payload["prev_hash"] = prev_hash
    canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def lock(session: Session, model: type[ChainedEvent]) -> None:
    """Hold the model's chain until this transaction ends, so two writers never extend the
    same link. SQLite needs nothing: its write transactions are already one at a time. Taken
    once per transaction: a comment's INSERT takes it, and its event would take it again (a
    round trip for nothing). Not remembered inside a savepoint, whose rollback releases it."""
    if session.get_bind().dialect.name != "postgresql":
        return
    real = session() if callable(session) else session  # db.session is a scoped proxy
    held = real.info.get(_HELD)
    key = model.CHAIN_LOCK_KEY
    if held is not None and held[0] is real.get_transaction() and key in held[1]:
        return
    real.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": key})
    if real.in_nested_transaction():
        return
    transaction = real.get_transaction()
    if held is None or held[0] is not transaction:
        # The transaction itself is kept (not its id): a later one cannot be mistaken for it.
        held = real.info[_HELD] = (transaction, set[int]())
    held[1].add(key)


# session.info key: (the transaction that holds chain locks, their keys).
_HELD = "audit.chain_locks_held"


def last_hash(session: Session, model: type[ChainedEvent]) -> str | None:
    statement = _LAST_HASH.get(model)
    if statement is None:
        # Built once per chain: a statement keeps its cache key (read at every append).
        statement = _LAST_HASH[model] = select(model.entry_hash).order_by(model.id.desc()).limit(1)
    return session.scalar(statement)


_LAST_HASH: dict[type[ChainedEvent], Select[tuple[str]]] = {}


def append(session: Session, event: ChainedEvent) -> ChainedEvent:
    """Chain one event after the last and flush it; the caller commits."""
    model = type(event)
    if event.created_at is None:
        event.created_at = utcnow()
    lock(session, model)
    event.prev_hash = last_hash(session, model)
    fields = {name: getattr(event, name) for name in model.HASHED_FIELDS}
    event.entry_hash = digest(model, fields, event.prev_hash)
    session.add(event)
    session.flush()
    return event


def append_many(
    session: Session, model: type[ChainedEvent], rows: Sequence[dict[str, Any]]
) -> None:
    """Chain many events at once, inserted in batches without an ORM object each: a campaign
    rebuild that moves tens of thousands of memberships cannot afford a round trip per link.
    Each row holds the model's hashed fields (and any other column)."""
    if not rows:
        return
    lock(session, model)
    prev = last_hash(session, model)
    chained = []
    for row in rows:
        entry_hash = digest(model, row, prev)
        chained.append({**row, "prev_hash": prev, "entry_hash": entry_hash})
        prev = entry_hash
    # In chain order: ids are given in insertion order, and verify() walks by id.
    table = table_of(model)
    for offset in range(0, len(chained), BATCH):
        session.execute(insert(table), chained[offset : offset + BATCH])


def _rows(session: Session, model: type[ChainedEvent], batch: int) -> Iterator[RowMapping]:
    """Plain rows by id, a batch at a time: no ORM objects, so a long chain costs no memory."""
    table = table_of(model)
    after = 0
    while True:
        rows = session.execute(
            select(table).where(table.c.id > after).order_by(table.c.id).limit(batch)
        ).mappings()
        fetched = rows.all()
        if not fetched:
            return
        yield from fetched
        after = fetched[-1]["id"]


def verify(session: Session, model: type[ChainedEvent], batch: int = 5000) -> ChainReport:
    """Walk the chain from its first row; the first row whose links or hash do not hold."""
    prev: str | None = None
    checked = 0
    for row in _rows(session, model, batch):
        checked += 1
        if row["prev_hash"] != prev or digest(model, row, prev) != row["entry_hash"]:
            return ChainReport(checked, row["id"])
        prev = row["entry_hash"]
    return ChainReport(checked, None)
