"""The append-only audit trail of every change to a submission, and form-letter campaigns."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, SmallInteger, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import UTCDateTime, db, utcnow
from app.enums import EventAction, RejectionReason, SubmissionStatus, enum_type

if TYPE_CHECKING:
    from app.intake.models import Submission
    from app.staff.models import User


class ModerationEvent(db.Model):
    """One state change or edit. Rows are only ever inserted; each carries the hash of the
    previous event so that a changed or deleted row breaks the chain (`flask audit verify`)."""

    __tablename__ = "moderation_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    # NULL when the submitter (or the system) acted rather than a staff member.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[EventAction] = mapped_column(enum_type(EventAction, "action"))
    from_status: Mapped[SubmissionStatus | None] = mapped_column(
        enum_type(SubmissionStatus, "from_status")
    )
    to_status: Mapped[SubmissionStatus | None] = mapped_column(
        enum_type(SubmissionStatus, "to_status")
    )
    reason: Mapped[RejectionReason | None] = mapped_column(enum_type(RejectionReason, "reason"))
    note: Mapped[str | None] = mapped_column(Text)
    # JSON describing an edit (old and new tags, redaction diff); canonical for hashing.
    details: Mapped[str | None] = mapped_column(Text)
    prev_hash: Mapped[str | None] = mapped_column(String(64))
    entry_hash: Mapped[str] = mapped_column(String(64), unique=True)

    submission: Mapped[Submission] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


class Campaign(db.Model):
    """A cluster of near-identical submissions decided and shown once."""

    __tablename__ = "campaigns"

    id: Mapped[int] = mapped_column(primary_key=True)
    # use_alter: campaigns and submissions point at each other. Unique: two intake processes
    # that both start a campaign around the same text cannot make two (app/campaigns).
    representative_submission_id: Mapped[int | None] = mapped_column(
        ForeignKey("submissions.id", use_alter=True, ondelete="SET NULL"), unique=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Kept by app/campaigns/services.py with the membership, so lists sort largest first.
    member_count: Mapped[int] = mapped_column(default=0, index=True)

    members: Mapped[list[Submission]] = relationship(
        back_populates="campaign", foreign_keys="Submission.campaign_id"
    )
    representative: Mapped[Submission | None] = relationship(
        foreign_keys=[representative_submission_id], post_update=True
    )


class QueueTally(db.Model):
    """How many submissions share one combination of the queue's filterable columns but the
    state, kept in step by database triggers on `submissions` (see the queue tallies
    migration), so the queue's counts per status are a sum over a few thousand rows instead
    of a count over every submission. Absent values are stored as 0 or '' so the key can be a
    primary key."""

    __tablename__ = "queue_tallies"

    consultation_id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    primary_pillar_id: Mapped[int] = mapped_column(primary_key=True)
    secondary_pillar_id: Mapped[int] = mapped_column(primary_key=True)  # 0: none
    sector_id: Mapped[int] = mapped_column(primary_key=True)
    country_code: Mapped[str] = mapped_column(String(2), primary_key=True)
    detected_language: Mapped[str] = mapped_column(String(8), primary_key=True)  # '': unknown
    in_campaign: Mapped[bool] = mapped_column(primary_key=True)
    # submission id % 4: concurrent intakes of look-alike comments (consecutive ids) update
    # different rows instead of queueing behind each other's commit on one.
    slot: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger)


class QueueRegionTally(db.Model):
    """The same tallies with the state first, for a queue filtered by state: its rows are a
    range of this table's primary key. ('' holds comments that name no state.)"""

    __tablename__ = "queue_region_tallies"

    region_code: Mapped[str] = mapped_column(String(10), primary_key=True)
    consultation_id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column(String(16), primary_key=True)
    primary_pillar_id: Mapped[int] = mapped_column(primary_key=True)
    secondary_pillar_id: Mapped[int] = mapped_column(primary_key=True)
    sector_id: Mapped[int] = mapped_column(primary_key=True)
    detected_language: Mapped[str] = mapped_column(String(8), primary_key=True)
    in_campaign: Mapped[bool] = mapped_column(primary_key=True)
    slot: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    total: Mapped[int] = mapped_column(BigInteger)
