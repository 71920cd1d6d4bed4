"""Building packets: the file itself, and the job rows that track a build."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from sqlalchemy.orm import Session

from app.agenda.models import Meeting
from app.enums import Audience
from app.packets import queries
from app.packets.document import Progress, build_document, file_stem
from app.packets.models import PacketFormat, PacketJob, PacketLanguage
from app.packets.render import EXTENSIONS, render
from app.staff.models import User


@dataclass
class BuiltPacket:
    file_name: str
    data: bytes
    pages: int | None
    comments: int


def packets_dir() -> Path:
    return Path(current_app.config["PACKETS_DIR"])


def file_name(
    meeting: Meeting, fmt: PacketFormat, language: PacketLanguage, audience: Audience
) -> str:
    stem = file_stem(meeting, language, audience, current_app.config.get("PACKET_FILE_PREFIX"))
    return f"{stem}.{EXTENSIONS[fmt]}"


def build_packet_file(
    session: Session,
    meeting: Meeting,
    fmt: PacketFormat,
    language: PacketLanguage,
    audience: Audience,
    progress: Progress | None = None,
    on_layout: Callable[[], None] | None = None,
) -> BuiltPacket:
    """The packet's bytes; reads only. `progress(done, total)` follows the comments read;
    `on_layout()` is called when they are all read and the pages are being laid out."""
    doc = build_document(session, meeting, language, audience, progress)
    if on_layout is not None:
        on_layout()
    rendered = render(doc, fmt)
    return BuiltPacket(
        file_name(meeting, fmt, language, audience), rendered.data, rendered.pages, doc.total
    )


def request_packet(
    session: Session,
    meeting: Meeting,
    fmt: PacketFormat,
    language: PacketLanguage,
    audience: Audience,
    user: User | None,
) -> PacketJob:
    """A job row for a build, with where it will run: small packets in this process (a thread
    the request waits for), large ones on RQ when Redis is configured, else a local thread."""
    total = queries.packet_size(session, meeting.id, audience is Audience.INTERNAL)
    small = total <= current_app.config["PACKET_INLINE_MAX"]
    runner = "rq" if current_app.config.get("REDIS_URL") and not small else "thread"
    job = PacketJob(
        meeting_id=meeting.id,
        format=fmt,
        language=language,
        audience=audience,
        runner=runner,
        total=total,
        done=0,
        requested_by_id=user.id if user is not None else None,
        file_name=file_name(meeting, fmt, language, audience),
    )
    session.add(job)
    session.flush()
    return job


def stored_path(job: PacketJob) -> Path | None:
    """The finished file, if it is still there (never outside PACKETS_DIR)."""
    if not job.file_path:
        return None
    base = packets_dir().resolve()
    path = (base / job.file_path).resolve()
    if base not in path.parents or not path.is_file():
        return None
    return path
