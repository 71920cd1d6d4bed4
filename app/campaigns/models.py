"""Form-letter campaigns, and where campaign detection keeps what it knows, in the database so
every process and machine sees the same: each submission's fingerprint, and the LSH band keys
that find candidates."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, LargeBinary, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, UTCDateTime, utcnow

if TYPE_CHECKING:
    from app.intake.models import Submission


class Campaign(Model):
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
    # How many shingles its letter has (CampaignShingle rows): what a text must contain a
    # share of to join it (app/campaigns/fingerprint.py).
    letter_size: Mapped[int] = mapped_column(default=0)
    # A moderator took members out of it: it stays as they left it, never merged with another
    # campaign by detection (the members themselves are marked campaign_excluded).
    moderator_changed: Mapped[bool] = mapped_column(default=False)

    members: Mapped[list[Submission]] = relationship(
        back_populates="campaign", foreign_keys="Submission.campaign_id"
    )
    representative: Mapped[Submission | None] = relationship(
        foreign_keys=[representative_submission_id], post_update=True
    )


class SubmissionFingerprint(Model):
    """A submission's normalised text, summarised: its exact hash and MinHash signature."""

    __tablename__ = "submission_fingerprints"
    # Exact copies: the first (oldest) one with a hash, straight from the index.
    __table_args__ = (Index("ix_submission_fingerprints_exact", "exact_hash", "submission_id"),)

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    # blake2b-128 of the normalised text: equal for exact copies (greeting and signature aside).
    exact_hash: Mapped[str] = mapped_column(String(32))
    # NUM_PERM little-endian uint32 MinHash values (app/campaigns/fingerprint.py).
    minhash: Mapped[bytes] = mapped_column(LargeBinary)
    words: Mapped[int] = mapped_column(Integer)


class LshBand(Model):
    """One band key of the LSH index and the first submission that had it. The primary key
    (key, band) is the index candidates are looked up by (key first: one `key IN (…)` list
    probes it directly); later texts with the same key are reached through that first one (a
    copy of a copy is found through its campaign), which keeps each lookup to at most one row
    per band however large a campaign grows."""

    __tablename__ = "lsh_bands"

    key: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    band: Mapped[int] = mapped_column(SmallInteger, primary_key=True, autoincrement=False)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )


class CampaignShingle(Model):
    """One shingle of a campaign's letter (the shingles its first members share). The primary
    key (shingle, campaign) is what a new text's shingles are looked up by: one `shingle IN
    (…)` probe counts how much of each letter it contains."""

    __tablename__ = "campaign_shingles"

    # The 32-bit shingle hash as a signed integer (fingerprint.to_signed).
    shingle: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    campaign_id: Mapped[int] = mapped_column(
        ForeignKey("campaigns.id", ondelete="CASCADE"), primary_key=True, index=True
    )
