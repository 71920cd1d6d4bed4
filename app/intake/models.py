"""A stakeholder's comment, the files attached to it, and its trail of events."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    event,
    func,
    or_,
    text,
)
from sqlalchemy.ext.hybrid import hybrid_property
from sqlalchemy.orm import Mapped, mapped_column, relationship
from sqlalchemy.sql.elements import ColumnElement

from app.audit import ChainedEvent
from app.db import Model, UTCDateTime, utcnow
from app.enums import (
    Consent,
    EventAction,
    Language,
    RejectionReason,
    SubmissionStatus,
    enum_type,
)
from app.intake.tracking import PUBLIC_ID_LENGTH, new_public_id
from app.text import search_text_for

if TYPE_CHECKING:
    from app.campaigns.models import Campaign
    from app.staff.models import User
    from app.taxonomy.models import (
        Consultation,
        Country,
        Organization,
        Pillar,
        Region,
        Sector,
        Topic,
    )

# What `Submission.redacted` tests, as the partial index's condition.
REDACTED = "public_title IS NOT NULL OR public_body IS NOT NULL"

submission_topics = Table(
    "submission_topics",
    Model.metadata,
    Column("submission_id", ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)


class Submission(Model):
    __tablename__ = "submissions"
    __table_args__ = (
        CheckConstraint(
            "secondary_pillar_id IS NULL OR secondary_pillar_id <> primary_pillar_id",
            name="distinct_pillars",
        ),
        CheckConstraint(
            "rejection_reason IS NULL OR status = 'rejected'", name="reason_only_when_rejected"
        ),
        CheckConstraint("version > 0", name="version_positive"),
        # The moderation queue: pending first, oldest first, keyset on (created_at, id).
        Index("ix_submissions_queue", "status", "created_at", "id"),
        Index("ix_submissions_consultation_queue", "consultation_id", "status", "created_at"),
        # One address behind many comments of a consultation: a moderator's signal
        # (app.moderation.signals), read for a page's addresses and by its queue filter.
        Index("ix_submissions_email_consultation", "email", "consultation_id"),
        # The few comments a moderator redacted: the public search reads their shown text
        # (app.public.queries), which the full-text index does not hold.
        Index(
            "ix_submissions_redacted",
            "consultation_id",
            "status",
            postgresql_where=text(REDACTED),
            sqlite_where=text(REDACTED),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tracking_code: Mapped[str] = mapped_column(String(20), unique=True)
    # What the public record and the API name it by (app/intake/tracking.py): random, so it
    # says nothing of the comment's place or number and cannot be used to withdraw it.
    public_id: Mapped[str] = mapped_column(
        String(PUBLIC_ID_LENGTH), unique=True, index=True, default=new_public_id
    )
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    organization: Mapped[str | None] = mapped_column(String(200))
    submitter_name: Mapped[str] = mapped_column(String(200))
    # Private: never in a public export or page.
    email: Mapped[str | None] = mapped_column(String(254))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"))
    region_code: Mapped[str | None] = mapped_column(ForeignKey("regions.code"), index=True)
    primary_pillar_id: Mapped[int] = mapped_column(ForeignKey("pillars.id"), index=True)
    secondary_pillar_id: Mapped[int | None] = mapped_column(ForeignKey("pillars.id"))
    title: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    # The language of the page used, and the language the body is really written in.
    page_language: Mapped[Language] = mapped_column(enum_type(Language, "page_language"))
    detected_language: Mapped[str | None] = mapped_column(String(8), index=True)
    consent: Mapped[Consent] = mapped_column(enum_type(Consent, "consent"))
    status: Mapped[SubmissionStatus] = mapped_column(
        enum_type(SubmissionStatus, "status"), default=SubmissionStatus.PENDING
    )
    rejection_reason: Mapped[RejectionReason | None] = mapped_column(
        enum_type(RejectionReason, "rejection_reason")
    )
    # The redacted public version; NULL means the original is published as written.
    public_title: Mapped[str | None] = mapped_column(String(200))
    public_body: Mapped[str | None] = mapped_column(Text)
    campaign_id: Mapped[int | None] = mapped_column(
        ForeignKey("campaigns.id", ondelete="SET NULL"), index=True
    )
    # A moderator took it out of its campaign: detection must not put it back.
    campaign_excluded: Mapped[bool] = mapped_column(default=False)
    # Title, organization and body casefolded without accents: what full-text search indexes
    # (see app/moderation/search.py); kept in step by the ORM event below.
    search_text: Mapped[str | None] = mapped_column(Text)
    # One-time form nonce: a retried POST finds the submission it already created.
    form_nonce: Mapped[str | None] = mapped_column(String(64), unique=True)
    # A submitter's own secrets, as hashes only (app.intake.confirmation): the access code of
    # one who gave no e-mail address, and the token of the links in the receipt e-mail.
    access_code_hash: Mapped[str | None] = mapped_column(String(64))
    email_token_hash: Mapped[str | None] = mapped_column(String(64))
    # When the address's owner followed the confirmation link: NULL while unconfirmed.
    email_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # When the address's owner reported "I did not send this": held out of every public
    # surface and packet (app.intake.publication) until a moderator settles it (NULL again).
    disputed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # The listed organisation whose domain the address was at when its owner confirmed it
    # (app.intake.confirmation); never set for an unconfirmed address. No ON DELETE: an
    # organisation that verified comments is not deleted (and SQLite could not add one later).
    verified_organization_id: Mapped[int | None] = mapped_column(
        ForeignKey("organizations.id"), index=True
    )
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    decided_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Optimistic concurrency: every UPDATE checks and bumps it (SQLAlchemy version_id_col).
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    consultation: Mapped[Consultation] = relationship()
    sector: Mapped[Sector] = relationship()
    country: Mapped[Country] = relationship()
    region: Mapped[Region | None] = relationship()
    primary_pillar: Mapped[Pillar] = relationship(foreign_keys=[primary_pillar_id])
    secondary_pillar: Mapped[Pillar | None] = relationship(foreign_keys=[secondary_pillar_id])
    topics: Mapped[list[Topic]] = relationship(secondary=submission_topics)
    attachments: Mapped[list[Attachment]] = relationship(
        back_populates="submission", cascade="all, delete-orphan", order_by="Attachment.id"
    )
    events: Mapped[list[ModerationEvent]] = relationship(
        back_populates="submission", order_by="ModerationEvent.id"
    )
    campaign: Mapped[Campaign | None] = relationship(
        back_populates="members", foreign_keys=[campaign_id]
    )
    claimed_by: Mapped[User | None] = relationship()
    verified_organization: Mapped[Organization | None] = relationship()
    # The stakeholder invitation whose personal link this comment was sent through
    # (app.intake.invitations): verified by the secretariat's invitation rather than a domain.
    invitation: Mapped[StakeholderInvitation | None] = relationship(
        back_populates="submission", uselist=False
    )

    @property
    def sector_differs_from_organization(self) -> bool:
        """Verified, but the sector chosen on the form is not the organisation's: a signal
        for the moderator, never a verdict."""
        org = self.verified_organization
        return org is not None and org.sector_id != self.sector_id

    # What is published (app.intake.publication): the redacted version when a moderator wrote
    # one. Hybrids, so a loaded row and a query (the exports' plain rows) read the same rule.
    @hybrid_property
    def published_title(self) -> str:
        return self.public_title if self.public_title is not None else self.title

    @published_title.inplace.expression
    @classmethod
    def _published_title_expression(cls) -> ColumnElement[str]:
        return func.coalesce(cls.public_title, cls.title)

    @hybrid_property
    def published_body(self) -> str:
        return self.public_body if self.public_body is not None else self.body

    @published_body.inplace.expression
    @classmethod
    def _published_body_expression(cls) -> ColumnElement[str]:
        return func.coalesce(cls.public_body, cls.body)

    @hybrid_property
    def redacted(self) -> bool:
        """A moderator wrote a public version: the public reads that, not the text as written."""
        return self.public_title is not None or self.public_body is not None

    @redacted.inplace.expression
    @classmethod
    def _redacted_expression(cls) -> ColumnElement[bool]:
        return or_(cls.public_title.is_not(None), cls.public_body.is_not(None))

    def __repr__(self) -> str:
        return f"<Submission {self.tracking_code} {self.status.value}>"


class Attachment(Model):
    """A file a stakeholder attached; the bytes live under UPLOAD_DIR by content hash."""

    __tablename__ = "attachments"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), index=True
    )
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    submission: Mapped[Submission] = relationship(back_populates="attachments")


class ModerationEvent(ChainedEvent, Model):
    """One state change or edit of a submission, from its sending on: the submission's trail,
    written by intake (sent, withdrawn), moderation and campaigns through the shared chain
    (app.audit, app.intake.trail)."""

    __tablename__ = "moderation_events"
    CHAIN_LOCK_KEY = 0x636F6E73  # "cons"
    HASHED_FIELDS = (
        "submission_id", "actor_id", "created_at", "action", "from_status", "to_status",
        "reason", "note", "details",
    )  # fmt: skip

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

    submission: Mapped[Submission] = relationship(back_populates="events")
    actor: Mapped[User | None] = relationship()


@event.listens_for(Submission, "before_insert")
@event.listens_for(Submission, "before_update")
def _keep_search_text(mapper: object, connection: object, target: Submission) -> None:
    target.search_text = search_text_for(target.title, target.body, target.organization)


class Draft(Model):
    """A comment saved to finish later (app.intake.drafts): what was typed, as JSON, found
    only by the hash of the secret in its link. Nobody else reaches it: no staff page, export
    or query lists drafts."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # app.security.token_digest of the secret in the link; the secret itself is never stored.
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    page_language: Mapped[Language] = mapped_column(enum_type(Language, "page_language"))
    # The form's fields by name, as typed (app.intake.drafts.DRAFT_FIELDS).
    answers: Mapped[str] = mapped_column(Text)
    # Expiry (DRAFT_DAYS) counts from here; `flask drafts purge` removes what is past it.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    # Saved from a stakeholder invitation's form: sending the draft spends that invitation
    # (app.intake.invitations), as sending from its link would. Its secret is not kept here.
    invitation_id: Mapped[int | None] = mapped_column(ForeignKey("stakeholder_invitations.id"))

    invitation: Mapped[StakeholderInvitation | None] = relationship()
    attachments: Mapped[list[DraftAttachment]] = relationship(
        back_populates="draft",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="DraftAttachment.id",
    )


class DraftAttachment(Model):
    """A file kept with a draft: checked and stored as a submission's (app.intake.attachments,
    by content hash, so the same bytes are one file), and carried over to the submission when
    the draft is sent. Reached only through the draft's link."""

    __tablename__ = "draft_attachments"
    __table_args__ = (
        CheckConstraint("size_bytes > 0", name="size_positive"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    draft_id: Mapped[int] = mapped_column(ForeignKey("drafts.id", ondelete="CASCADE"), index=True)
    original_name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(255), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    draft: Mapped[Draft] = relationship(back_populates="attachments")


class StakeholderInvitation(Model):
    """A named stakeholder the secretariat invited to comment on a consultation
    (app.intake.invitations): found only by the hash of the secret in its personal link, good
    for one comment, which it marks verified with the organisation named here. Not a staff
    invitation (app.admin.models.Invitation)."""

    __tablename__ = "stakeholder_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    # app.security.token_digest of the secret in the link; the secret itself is never stored.
    secret_hash: Mapped[str] = mapped_column(String(64), unique=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    organization: Mapped[str] = mapped_column(String(200))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"))
    email: Mapped[str] = mapped_column(String(254))
    # The language of the e-mail and of the page its link opens.
    language: Mapped[Language] = mapped_column(enum_type(Language, "language"))
    invited_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    # Expiry (INVITATION_DAYS) counts from here.
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Set, with the comment, by the one UPDATE that spends the link.
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    submission_id: Mapped[int | None] = mapped_column(ForeignKey("submissions.id"), unique=True)
    # The secretariat took the link back before it was used (audited); it then opens nothing.
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    consultation: Mapped[Consultation] = relationship()
    sector: Mapped[Sector] = relationship()
    invited_by: Mapped[User | None] = relationship()
    submission: Mapped[Submission | None] = relationship(back_populates="invitation")


class PendingDetection(Model):
    """A new comment waiting for campaign detection: written in the comment's own transaction
    and deleted in the transaction that detects it (app.intake.services.detect_pending), so a
    comment is never left undetected by a process that stopped in between."""

    __tablename__ = "pending_detections"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    # When detection failed: an ordinary drain passes it by, the follower's sweep (at its
    # start and every few minutes) tries it again.
    failed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class DetectionFollower(Model):
    """The campaign follower's sign of life (`flask campaigns follow`, one row): while it is
    recent, the web workers leave detection to it; otherwise they detect after the response."""

    __tablename__ = "detection_follower"

    id: Mapped[int] = mapped_column(primary_key=True)
    beat_at: Mapped[datetime] = mapped_column(UTCDateTime)
