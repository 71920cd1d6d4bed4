"""The record of a theme build (ThemeBuild): started, how far it got, what it found or why it
failed. Like packet jobs (app/packets/jobs.py), each write is a short transaction of its own,
never the build's, so any process can show a build's progress while it runs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, update
from sqlalchemy.orm import Session

from app.db import db, table_of, utcnow
from app.themes.models import BuildStatus, ThemeBuild
from app.themes.services import BuildReport


def _update(job_id: int, **values: Any) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(ThemeBuild).where(ThemeBuild.id == job_id).values(**values))


def start(
    session: Session,
    consultation_id: int,
    pillar_id: int | None,
    total: int,
    runner: str,
    requested_by_id: int | None = None,
) -> int:
    """Record a build that starts now; ends `session`'s read transaction first (on SQLite a
    reader that saw another connection write can no longer write itself)."""
    session.rollback()
    now = utcnow()
    with db.engine.begin() as connection:
        result = connection.execute(
            insert(table_of(ThemeBuild)).values(
                consultation_id=consultation_id,
                pillar_id=pillar_id,
                status=BuildStatus.RUNNING.value,
                runner=runner,
                done=0,
                total=total,
                themes=0,
                themed=0,
                unthemed=0,
                requested_by_id=requested_by_id,
                created_at=now,
                started_at=now,
                heartbeat_at=now,
            )
        )
        key = result.inserted_primary_key
        if key is None:  # an INSERT always has one; says so rather than fail obscurely
            raise RuntimeError("theme build row has no id")
        return int(key[0])


def report_progress(job_id: int, done: int, total: int) -> None:
    """Write how far it got, about fifty times a build at most."""
    step = max(1, total // 50)
    if done == total or done % step < 200:
        _update(job_id, done=done, total=total, heartbeat_at=utcnow())


def finish(job_id: int, report: BuildReport) -> None:
    _update(
        job_id,
        status=(BuildStatus.EMPTY if report.empty else BuildStatus.DONE).value,
        done=report.comments,
        total=report.comments,
        themes=report.total("themes"),
        themed=report.total("themed"),
        unthemed=report.total("unthemed"),
        finished_at=utcnow(),
        heartbeat_at=utcnow(),
    )


def fail(job_id: int, exc: BaseException) -> None:
    _update(
        job_id,
        status=BuildStatus.FAILED.value,
        error=f"{type(exc).__name__}: {exc}"[:1000],
        finished_at=utcnow(),
    )
