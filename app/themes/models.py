"""Themes: what the approved comments of a consultation ask for, found within each pillar
across English and Spanish, and what people decided about them.

A rebuild (app/themes/services.py) recomputes the themes from the texts but never undoes a
human decision: a renamed label (`label_edited`), a dismissed theme, a theme a person made
(`origin` human: a split), a theme with an outcome and a comment a person placed
(`ThemeMember.placed_by` human: moved, merged or split) are kept as they are. Rows live in the
database so that every process sees the same themes and the same vector space a newly approved
comment is placed with."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.audit import ChainedEvent
from app.db import Model, UTCDateTime, utcnow
from app.enums import enum_type
from app.i18n import LabelledEnum
from app.outcomes import OutcomeRecord, newest_first

if TYPE_CHECKING:
    from app.intake.models import Submission
    from app.staff.models import User
    from app.taxonomy.models import Consultation, Pillar


class ThemeOrigin(LabelledEnum):
    BUILT = "built"
    HUMAN = "human"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {"built": _l("Found by the analysis"), "human": _l("Made by a person")}


class Placement(LabelledEnum):
    """Who put a comment in its theme. Only a build's and an assignment's placements are
    redone by a rebuild; a person's stays."""

    BUILD = "build"
    ASSIGNED = "assigned"
    HUMAN = "human"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "build": _l("Grouped by the analysis"),
            "assigned": _l("Joined when approved"),
            "human": _l("Placed by a person"),
        }


class BuildStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    # Nothing to group: the consultation (or pillar) has no approved comment; nothing written.
    EMPTY = "empty"
    FAILED = "failed"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "queued": _l("Waiting"),
            "running": _l("Building"),
            "done": _l("Ready"),
            "empty": _l("No approved comments"),
            "failed": _l("Failed"),
        }


class Theme(Model):
    """A group of approved comments of one consultation and pillar that ask for the same
    thing, in either language, with a label in each."""

    __tablename__ = "themes"
    __table_args__ = (Index("ix_themes_consultation_pillar", "consultation_id", "pillar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    pillar_id: Mapped[int] = mapped_column(ForeignKey("pillars.id"))
    label_en: Mapped[str] = mapped_column(String(200))
    label_es: Mapped[str] = mapped_column(String(200))
    # A person renamed it: a rebuild keeps both labels as they are.
    label_edited: Mapped[bool] = mapped_column(default=False)
    # Dismissed as noise: kept (with whatever a rebuild finds for it) so it does not return.
    dismissed: Mapped[bool] = mapped_column(default=False)
    origin: Mapped[ThemeOrigin] = mapped_column(
        enum_type(ThemeOrigin, "origin"), default=ThemeOrigin.BUILT
    )
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    # Support: a form-letter campaign counts once (`support`), every comment in `comments`.
    support: Mapped[int] = mapped_column(Integer, default=0, index=True)
    comments: Mapped[int] = mapped_column(Integer, default=0)
    # The theme's centre in its pillar's vector space (ThemeSpace): {term: weight}, as JSON,
    # the strongest terms only; what a newly approved comment is compared with.
    centroid: Mapped[str | None] = mapped_column(Text)
    # Its key terms, strongest first, as JSON (what the labels were made from).
    key_terms: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    built_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    consultation: Mapped[Consultation] = relationship()
    pillar: Mapped[Pillar] = relationship()
    members: Mapped[list[ThemeMember]] = relationship(
        back_populates="theme", cascade="all, delete-orphan", passive_deletes=True
    )
    # Every outcome ever recorded, newest first: the first is the current one, the rest are
    # its history (app.outcomes).
    outcomes: Mapped[list[ThemeOutcome]] = relationship(
        back_populates="theme",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by=newest_first("ThemeOutcome"),
    )

    @property
    def outcome(self) -> ThemeOutcome | None:
        return self.outcomes[0] if self.outcomes else None

    @property
    def human_touched(self) -> bool:
        """A person decided something about it (an outcome included): a rebuild keeps the row."""
        return (
            self.label_edited
            or self.dismissed
            or self.origin is ThemeOrigin.HUMAN
            or bool(self.outcomes)
        )

    def __repr__(self) -> str:
        return f"<Theme {self.id} {self.label_en!r}>"


class ThemeMember(Model):
    """An approved comment in a theme; a comment sits in one theme at most. Campaign members
    sit in their campaign's theme and count once in its support."""

    __tablename__ = "theme_members"

    submission_id: Mapped[int] = mapped_column(
        ForeignKey("submissions.id", ondelete="CASCADE"), primary_key=True
    )
    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)
    placed_by: Mapped[Placement] = mapped_column(
        enum_type(Placement, "placed_by"), default=Placement.BUILD
    )
    # Cosine similarity to the theme's centre when placed (None when a person placed it).
    similarity: Mapped[float | None] = mapped_column(Float)
    joined_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    theme: Mapped[Theme] = relationship(back_populates="members")
    submission: Mapped[Submission] = relationship()


class ThemeSpace(Model):
    """The vector space a build made for one consultation and pillar: every kept term with its
    inverse document frequency. A comment approved after the build is placed in it."""

    __tablename__ = "theme_spaces"
    __table_args__ = (UniqueConstraint("consultation_id", "pillar_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id", ondelete="CASCADE"))
    pillar_id: Mapped[int] = mapped_column(ForeignKey("pillars.id"))
    # {term: idf} as JSON.
    idf: Mapped[str] = mapped_column(Text)
    # Which method made it (app/themes/analysis.py METHOD): a change of method needs a rebuild.
    method: Mapped[str] = mapped_column(String(40))
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ThemeBuild(Model):
    """One build, from the command line or the staff pages: what was asked, how far it got
    and what it found. Written in short transactions of its own, like packet jobs, so any
    process can show a build's progress."""

    __tablename__ = "theme_builds"
    __table_args__ = (
        # One waiting-or-running build per consultation: of two clicks at the same instant,
        # the second insert fails (app/themes/jobs.py start), on both engines.
        Index(
            "uq_theme_builds_one_running",
            "consultation_id",
            unique=True,
            postgresql_where=text("status IN ('queued', 'running')"),
            sqlite_where=text("status IN ('queued', 'running')"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(
        ForeignKey("consultations.id", ondelete="CASCADE"), index=True
    )
    # None: every pillar of the consultation.
    pillar_id: Mapped[int | None] = mapped_column(ForeignKey("pillars.id"))
    status: Mapped[BuildStatus] = mapped_column(
        enum_type(BuildStatus, "status"), default=BuildStatus.QUEUED
    )
    # "cli", "thread" or "rq": where it runs.
    runner: Mapped[str] = mapped_column(String(10), default="cli")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    themes: Mapped[int] = mapped_column(Integer, default=0)
    themed: Mapped[int] = mapped_column(Integer, default=0)
    unthemed: Mapped[int] = mapped_column(Integer, default=0)
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def percent(self) -> int:
        if self.status in (BuildStatus.DONE, BuildStatus.EMPTY):
            return 100
        return int(100 * self.done / self.total) if self.total else 0


class ThemeEvent(ChainedEvent, Model):
    """One correction of a theme by a person (renamed, dismissed, reviewed, a comment moved,
    two themes merged, comments split off into a new theme): who, when, what it was before and
    after. Its own chain in the shared engine (app.audit), like the administration trail; rows
    are only ever inserted."""

    __tablename__ = "theme_events"
    CHAIN_LOCK_KEY = 0x7468656D  # "them": its own lock, never waiting on moderation's
    HASHED_FIELDS = (
        "actor_id", "created_at", "action", "theme_id", "theme_label", "before", "after",
    )  # fmt: skip

    id: Mapped[int] = mapped_column(primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    action: Mapped[str] = mapped_column(String(20))
    # No foreign key: a merged theme is deleted, its trail stays.
    theme_id: Mapped[int] = mapped_column(Integer, index=True)
    # The theme's English label at the time.
    theme_label: Mapped[str] = mapped_column(String(300))
    # Canonical JSON of what changed, before and after.
    before: Mapped[str | None] = mapped_column(Text)
    after: Mapped[str | None] = mapped_column(Text)

    actor: Mapped[User | None] = relationship()


class ThemeOutcome(OutcomeRecord, Model):
    """What the dialogue did with a theme, with a note in each language (the columns and rules
    are app.outcomes', as for an agenda item). Rows are only ever added; the newest is the
    theme's outcome. Each is also chained in the themes' trail (ThemeEvent "outcome")."""

    __tablename__ = "theme_outcomes"
    SUBJECT = "theme_id"

    theme_id: Mapped[int] = mapped_column(ForeignKey("themes.id", ondelete="CASCADE"), index=True)

    theme: Mapped[Theme] = relationship(back_populates="outcomes")
