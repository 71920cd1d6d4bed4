"""The administration trail (append-only, hash-chained) and staff invitations."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.audit import ChainedEvent
from app.db import Model, UTCDateTime, utcnow
from app.enums import Language, Role, enum_type

if TYPE_CHECKING:
    from app.staff.models import User


class AdminEvent(ChainedEvent, Model):
    """One administrative change: who, what, when, before and after. Rows are only ever
    inserted; each carries the previous row's hash, so a changed or deleted row breaks the
    chain (`flask audit verify`)."""

    __tablename__ = "admin_events"
    CHAIN_LOCK_KEY = 0x61646D6E  # "admn": its own lock, so it never waits on moderation's
    HASHED_FIELDS = (
        "actor_id", "created_at", "action", "target_type", "target_id", "target_label",
        "before", "after",
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    # NULL when the person acted without an account yet (accepting an invitation).
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(40))
    target_type: Mapped[str] = mapped_column(String(20))
    target_id: Mapped[int | None] = mapped_column(Integer)
    # What the target was called at the time (an e-mail, a slug, an English name).
    target_label: Mapped[str] = mapped_column(String(300))
    # Canonical JSON of the changed fields before and after.
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()


class Invitation(Model):
    """An invitation to become staff. Only the token's SHA-256 is stored; the token itself
    exists only in the e-mail. Valid for a limited time and once."""

    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    role: Mapped[Role] = mapped_column(enum_type(Role, "role"))
    language: Mapped[Language] = mapped_column(enum_type(Language, "language"))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Set when an administrator revokes it before use; the link then answers "cannot be used".
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    invited_by: Mapped[User | None] = relationship(foreign_keys=[invited_by_id])
