"""The record of a theme build (ThemeBuild) and where a rebuild from the staff pages runs: on
RQ when REDIS_URL is set (`flask --app wsgi themes worker`, or a bare `rq worker` running
app.worker.run_theme_build), a thread of the web process otherwise. Like packet jobs
(app/packets/jobs.py), each write of the record is a short transaction of its own, never the
build's, so any process can show a build's progress while it runs.

One waiting-or-running build per consultation: a unique partial index
(`uq_theme_builds_one_running`) makes the check and the insert one statement, so of two clicks
at the same instant, in two processes, one insert fails and starts nothing."""

from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from app.db import db, table_of, utcnow, writer_transaction
from app.taxonomy.models import Consultation, Pillar
from app.themes.models import BuildStatus, ThemeBuild
from app.themes.services import BuildReport, analyse, store

if TYPE_CHECKING:
    from rq import Queue

log = logging.getLogger("consulta.themes")

# A build that stopped reporting for this long died with its process (a thread, the CLI) or its
# worker (RQ): shown as stopped, and it no longer holds the consultation's one running build.
# A build waiting on RQ for a worker is never stale: waiting is not failing.
STALE_THREAD_BUILD = timedelta(minutes=10)
STALE_RQ_BUILD = timedelta(minutes=40)
ACTIVE = (BuildStatus.QUEUED, BuildStatus.RUNNING)


def _update(job_id: int, **values: Any) -> None:
    with db.engine.begin() as connection:
        connection.execute(update(ThemeBuild).where(ThemeBuild.id == job_id).values(**values))


def _stopped(status: BuildStatus, runner: str, last_seen: datetime, now: datetime) -> bool:
    """The one rule of a build that stopped reporting (see STALE_THREAD_BUILD)."""
    if status not in ACTIVE:
        return False
    if runner == "rq" and status is BuildStatus.QUEUED:
        return False
    limit = STALE_RQ_BUILD if runner == "rq" else STALE_THREAD_BUILD
    return last_seen < now - limit


def _retire_stopped(connection: Connection, consultation_id: int, now: datetime) -> None:
    """Mark the consultation's builds that stopped reporting as failed, so the unique index
    lets a new one start."""
    rows = connection.execute(
        select(
            ThemeBuild.id,
            ThemeBuild.status,
            ThemeBuild.runner,
            ThemeBuild.heartbeat_at,
            ThemeBuild.created_at,
        ).where(ThemeBuild.consultation_id == consultation_id, ThemeBuild.status.in_(ACTIVE))
    ).all()
    stopped = [
        row.id
        for row in rows
        if _stopped(row.status, row.runner, row.heartbeat_at or row.created_at, now)
    ]
    if stopped:
        connection.execute(
            update(ThemeBuild)
            .where(ThemeBuild.id.in_(stopped), ThemeBuild.status.in_(ACTIVE))
            .values(status=BuildStatus.FAILED, error="stopped reporting", finished_at=now)
        )


def start(
    session: Session,
    consultation_id: int,
    pillar_id: int | None,
    total: int,
    runner: str,
    requested_by_id: int | None = None,
) -> int | None:
    """Record a build of the consultation: running now (the CLI, a thread) or waiting for an
    RQ worker. None when another build of it is waiting or running: the unique partial index
    refuses the insert, so two clicks at the same instant cannot both start one. Ends
    `session`'s read transaction first (on SQLite a reader that saw another connection write
    can no longer write itself)."""
    session.rollback()
    now = utcnow()
    status = BuildStatus.QUEUED if runner == "rq" else BuildStatus.RUNNING
    try:
        with writer_transaction() as connection:
            _retire_stopped(connection, consultation_id, now)
            result = connection.execute(
                insert(table_of(ThemeBuild)).values(
                    consultation_id=consultation_id,
                    pillar_id=pillar_id,
                    status=status.value,
                    runner=runner,
                    done=0,
                    total=total,
                    themes=0,
                    themed=0,
                    unthemed=0,
                    requested_by_id=requested_by_id,
                    created_at=now,
                    started_at=now if status is BuildStatus.RUNNING else None,
                    heartbeat_at=now,
                )
            )
    except IntegrityError:
        return None  # one of its builds is waiting or running
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


# Rebuilds started from the staff pages run on RQ when REDIS_URL is set, in a thread
# otherwise, like packet builds. Packets' launcher lives in app.packets, a layer above this
# one, so the themes queue their own entry point (app.worker.run_theme_build) on their own
# queue (THEMES_QUEUE).
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
    if build is None or build.status not in ACTIVE:
        return False
    last_seen = build.heartbeat_at or build.created_at
    return not _stopped(build.status, build.runner, last_seen, utcnow())


def execute(job_id: int) -> None:
    """Run build `job_id` (recorded by `start`): read, then write in a transaction of its own,
    recording progress as it goes. Never raises for a build failure: the row says why."""
    session = db.session
    try:
        job = session.get(ThemeBuild, job_id)
        if job is None:
            return
        if job.status not in ACTIVE:
            return  # finished, failed or retired meanwhile: an RQ job runs once
        now = utcnow()
        _update(job_id, status=BuildStatus.RUNNING.value, started_at=now, heartbeat_at=now)
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


def rq_queue(app: Flask) -> Queue:
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(app.config["REDIS_URL"])
    return Queue(app.config["THEMES_QUEUE"], connection=connection)


def runner_for(app: Flask) -> str:
    """Where a rebuild from the staff pages runs: "rq" with REDIS_URL, a "thread" otherwise."""
    return "rq" if app.config.get("REDIS_URL") else "thread"


def launch(job_id: int, runner: str = "thread") -> None:
    """Run a recorded build: on RQ, or in a thread of this process. When the queue cannot be
    reached the build is marked failed with the reason, rather than left waiting."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # Flask types its LocalProxy as the app
    if runner == "rq":
        try:
            queue = rq_queue(app)
            queue.enqueue(
                "app.worker.run_theme_build",
                job_id,
                job_timeout=app.config["THEMES_JOB_TIMEOUT"],
                result_ttl=3600,
                failure_ttl=7 * 24 * 3600,
                description=f"theme build {job_id}",
            )
        except Exception as exc:
            log.exception("could not enqueue theme build %s", job_id)
            _update(
                job_id,
                status=BuildStatus.FAILED.value,
                error=f"queue unavailable: {exc}"[:1000],
                finished_at=utcnow(),
            )
        return
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
