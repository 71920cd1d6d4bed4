"""A packet build: what was asked for, how far it got, and where the finished file is.

Rows live in the database (not in a worker's memory) so that the meeting page of any web
process, after any restart, can show a job's progress and serve its file."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.agenda.models import Meeting
from app.db import Model, UTCDateTime, utcnow
from app.enums import Audience, enum_type
from app.i18n import LabelledEnum


class PacketFormat(LabelledEnum):
    PDF = "pdf"
    DOCX = "docx"
    HTML = "html"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {"pdf": _l("PDF"), "docx": _l("Word (DOCX)"), "html": _l("Printable web page")}


class PacketLanguage(LabelledEnum):
    EN = "en"
    ES = "es"
    BOTH = "both"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {"en": _l("English"), "es": _l("Spanish"), "both": _l("English and Spanish")}

    @property
    def languages(self) -> tuple[str, ...]:
        return ("en", "es") if self is PacketLanguage.BOTH else (self.value,)


class JobStatus(LabelledEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"

    @classmethod
    def _labels(cls) -> dict[str, Any]:
        return {
            "queued": _l("Waiting"),
            "running": _l("Building"),
            "done": _l("Ready"),
            "failed": _l("Failed"),
        }


class PacketJob(Model):
    __tablename__ = "packet_jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meetings.id", ondelete="CASCADE"), index=True
    )
    format: Mapped[PacketFormat] = mapped_column(enum_type(PacketFormat, "format"))
    language: Mapped[PacketLanguage] = mapped_column(enum_type(PacketLanguage, "language"))
    audience: Mapped[Audience] = mapped_column(enum_type(Audience, "audience"))
    status: Mapped[JobStatus] = mapped_column(
        enum_type(JobStatus, "status"), default=JobStatus.QUEUED
    )
    # "thread", "rq" or "inline": where it runs, which decides what a stale row means.
    runner: Mapped[str] = mapped_column(String(10), default="inline")
    done: Mapped[int] = mapped_column(Integer, default=0)
    total: Mapped[int] = mapped_column(Integer, default=0)
    pages: Mapped[int | None] = mapped_column(Integer)
    file_name: Mapped[str | None] = mapped_column(String(200))
    # Relative to PACKETS_DIR, so the folder can move (or be a shared volume).
    file_path: Mapped[str | None] = mapped_column(String(300))
    size_bytes: Mapped[int | None] = mapped_column(Integer)
    error: Mapped[str | None] = mapped_column(Text)
    requested_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    meeting: Mapped[Meeting] = relationship()

    @property
    def percent(self) -> int:
        if self.status is JobStatus.DONE:
            return 100
        return int(100 * self.done / self.total) if self.total else 0
