"""A meeting, its agenda items and the approved submissions placed on them, in order."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.db import Model, UTCDateTime, utcnow
from app.enums import MeetingLevel, enum_type
from app.outcomes import OutcomeRecord, newest_first

if TYPE_CHECKING:
    from app.intake.models import Submission
    from app.taxonomy.models import Consultation, Pillar

meeting_consultations = Table(
    "meeting_consultations",
    Model.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("consultation_id", ForeignKey("consultations.id"), primary_key=True, index=True),
)


class Meeting(Model):
    __tablename__ = "meetings"

    id: Mapped[int] = mapped_column(primary_key=True)
    title_en: Mapped[str] = mapped_column(String(300))
    title_es: Mapped[str] = mapped_column(String(300))
    level: Mapped[MeetingLevel] = mapped_column(enum_type(MeetingLevel, "level"))
    meeting_date: Mapped[date] = mapped_column(Date)
    # Where it takes place, as each language writes it ("Mexico City" / "Ciudad de México").
    place_en: Mapped[str] = mapped_column(String(200), default="")
    place_es: Mapped[str] = mapped_column(String(200), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    consultations: Mapped[list[Consultation]] = relationship(secondary=meeting_consultations)
    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="AgendaItem.position"
    )


class AgendaItem(Model):
    """A section of the agenda, usually one per pillar, with the secretariat's summary."""

    __tablename__ = "agenda_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    pillar_id: Mapped[int | None] = mapped_column(ForeignKey("pillars.id"))
    title_en: Mapped[str] = mapped_column(String(300))
    title_es: Mapped[str] = mapped_column(String(300))
    summary_en: Mapped[str] = mapped_column(Text, default="")
    summary_es: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[Meeting] = relationship(back_populates="items")
    pillar: Mapped[Pillar | None] = relationship()
    entries: Mapped[list[AgendaEntry]] = relationship(
        back_populates="item",
        order_by="(AgendaEntry.pinned.desc(), AgendaEntry.position)",
    )
    # Every outcome ever recorded, newest first: the first is the current one, the rest are
    # its history (app.outcomes).
    outcomes: Mapped[list[AgendaOutcome]] = relationship(
        back_populates="item", cascade="all, delete-orphan", order_by=newest_first("AgendaOutcome")
    )

    @property
    def outcome(self) -> AgendaOutcome | None:
        return self.outcomes[0] if self.outcomes else None


class AgendaEntry(Model):
    """An approved submission's place on a meeting's agenda: which item, in what order,
    pinned to the top, or excluded from this meeting altogether."""

    __tablename__ = "agenda_entries"
    __table_args__ = (
        UniqueConstraint("meeting_id", "submission_id"),
        CheckConstraint("excluded OR agenda_item_id IS NOT NULL", name="placed_or_excluded"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"))
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    pinned: Mapped[bool] = mapped_column(default=False)
    excluded: Mapped[bool] = mapped_column(default=False)

    item: Mapped[AgendaItem | None] = relationship(back_populates="entries")
    submission: Mapped[Submission] = relationship()


class AgendaOutcome(OutcomeRecord, Model):
    """What the dialogue did with an agenda item, with a note in each language (the columns
    and rules are app.outcomes'). Recording a new outcome adds a row; the newest row is the
    item's outcome."""

    __tablename__ = "agenda_outcomes"
    SUBJECT = "agenda_item_id"

    agenda_item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="CASCADE"), index=True
    )

    item: Mapped[AgendaItem] = relationship(back_populates="outcomes")
