"""Tallies kept by database triggers: the queue's, and the public list's (publishable
comments per pillar)."""

from __future__ import annotations

from sqlalchemy import BigInteger, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from app.db import Model


class QueueTally(Model):
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


class QueueRegionTally(Model):
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


class PublicTally(Model):
    """How many publishable comments (app.intake.publication's rule) a consultation holds
    under each main pillar, kept in step by database triggers on `submissions` (see the
    public tallies migration): the public list's counts per pillar when nothing narrows it,
    without counting the record on each visit."""

    __tablename__ = "public_tallies"

    consultation_id: Mapped[int] = mapped_column(primary_key=True)
    primary_pillar_id: Mapped[int] = mapped_column(primary_key=True)
    slot: Mapped[int] = mapped_column(SmallInteger, primary_key=True)  # id % 4, as the queue's
    total: Mapped[int] = mapped_column(BigInteger)
