"""The record of a theme build (ThemeBuild): started, how far it got, what it found or why it
failed. Like packet jobs (app/packets/jobs.py), each write is a short transaction of its own,
never the build's, so any process can show a build's progress while it runs."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import Any

from flask import Flask, current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from app.db import db, table_of, utcnow
from app.taxonomy.models import Consultation, Pillar
from app.themes.models import BuildStatus, ThemeBuild
from app.themes.services import BuildReport, analyse, store

log = logging.getLogger("consulta.themes")


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


# Rebuilds started from the staff pages. Packet builds run on RQ when REDIS_URL is set, a
# thread otherwise (app/packets/jobs.py), but that launcher lives in app.packets, a layer above
# this one, and its worker entry point runs packet jobs only: a rebuild runs in a thread of
# this process for now (runner "thread"); RQ is for when the launcher moves below both.
STALE_THREAD_BUILD = timedelta(minutes=10)
_threads: list[threading.Thread] = []


def latest(session: Session) -> dict[int, ThemeBuild]:
    """Each consultation's most recent build, by consultation id."""
    newest = (
        select(ThemeBuild.consultation_id, func.max(ThemeBuild.id).label("id"))
        .group_by(ThemeBuild.consultation_id)
        .subquery()
    )
    rows = session.scalars(select(ThemeBuild).join(newest, newest.c.id == ThemeBuild.id))
    return {row.consultation_id: row for row in rows}


def is_running(build: ThemeBuild | None) -> bool:
    """Waiting or building and still reporting (a thread that died with its process stops)."""
    if build is None or build.status not in (BuildStatus.QUEUED, BuildStatus.RUNNING):
        return False
    return (build.heartbeat_at or build.created_at) >= utcnow() - STALE_THREAD_BUILD


def execute(job_id: int) -> None:
    """Run build `job_id` (recorded by `start`): read, then write in a transaction of its own,
    recording progress as it goes. Never raises for a build failure: the row says why."""
    session = db.session
    try:
        job = session.get(ThemeBuild, job_id)
        if job is None:
            return
        consultation = session.get(Consultation, job.consultation_id)
        pillar = session.get(Pillar, job.pillar_id) if job.pillar_id is not None else None
        if consultation is None:
            raise LookupError(f"consultation {job.consultation_id} is gone")
        seen = {"done": 0}
        total = job.total

        def progress(step: int) -> None:
            seen["done"] += step
            report_progress(job_id, min(seen["done"], total), total)

        found = analyse(session, consultation, pillar, progress)
        session.rollback()  # the read transaction ends before the writing one starts
        report = store(session, found)
        session.commit()
        finish(job_id, report)
    except Exception as exc:
        log.exception("theme build %s failed", job_id)
        session.rollback()
        fail(job_id, exc)
    finally:
        db.session.remove()


def _thread_main(app: Flask, job_id: int) -> None:
    with app.app_context():
        execute(job_id)


def launch(job_id: int) -> None:
    """Run a recorded build in a thread of this process."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # Flask types its LocalProxy as the app
    thread = threading.Thread(
        target=_thread_main, args=(app, job_id), name=f"theme-build-{job_id}", daemon=True
    )
    _threads.append(thread)
    thread.start()


def wait_for_threads(timeout: float = 120.0) -> None:
    """Wait for this process's theme-build threads (tests)."""
    for thread in list(_threads):
        thread.join(timeout)
        if not thread.is_alive():
            _threads.remove(thread)
