"""Running packet builds in the background: RQ on Redis when REDIS_URL is set (several
workers on several machines: `flask --app wsgi packet worker`), a thread of this process
otherwise.

The job row in the database is the truth about a build: status, done/total comments, and the
finished file's path under PACKETS_DIR. Workers write it in short transactions of their own,
so a page polling the job from any web process sees progress, and a web process restart
loses nothing that RQ holds.
"""

from __future__ import annotations

import logging
import threading
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from flask import Flask, current_app
from sqlalchemy import update

from app.db import db, utcnow
from app.packets.models import JobStatus, PacketJob
from app.packets.services import build_packet_file, packets_dir

if TYPE_CHECKING:
    from rq import Queue

log = logging.getLogger("consulta.packets")

STALE_THREAD_JOB = timedelta(minutes=10)
STALE_RQ_JOB = timedelta(minutes=40)
_threads: list[threading.Thread] = []


def _update(job_id: int, **values: Any) -> None:
    """Write the job row in its own short transaction (never the build's read session)."""
    with db.engine.begin() as connection:
        connection.execute(update(PacketJob).where(PacketJob.id == job_id).values(**values))


def execute(job_id: int) -> None:
    """Build the packet of job `job_id`, store the file and record the outcome. Never raises
    for a build failure: the row says what went wrong."""
    job = db.session.get(PacketJob, job_id)
    if job is None or job.status is JobStatus.DONE:
        db.session.rollback()
        return
    now = utcnow()
    _update(job_id, status=JobStatus.RUNNING, started_at=now, heartbeat_at=now, error=None)
    last = {"done": -1}
    total = job.total

    def progress(done: int, total_now: int) -> None:
        step = max(1, total_now // 50)
        if done == total_now or done - last["done"] >= step:
            last["done"] = done
            _update(job_id, done=done, total=total_now, heartbeat_at=utcnow())

    try:
        built = build_packet_file(
            db.session, job.meeting, job.format, job.language, job.audience, progress
        )
        folder = packets_dir()
        folder.mkdir(parents=True, exist_ok=True)
        relative = f"{job_id}-{built.file_name}"
        temporary = folder / f".{relative}.part"
        temporary.write_bytes(built.data)
        temporary.replace(folder / relative)  # readers never see half a file
        total = built.comments
        db.session.rollback()
        _update(
            job_id,
            status=JobStatus.DONE,
            done=total,
            total=total,
            pages=built.pages,
            file_name=built.file_name,
            file_path=relative,
            size_bytes=len(built.data),
            finished_at=utcnow(),
            heartbeat_at=utcnow(),
        )
    except Exception as exc:
        log.exception("packet job %s failed", job_id)
        db.session.rollback()
        _update(
            job_id,
            status=JobStatus.FAILED,
            error=f"{type(exc).__name__}: {exc}"[:1000],
            finished_at=utcnow(),
        )
    finally:
        db.session.remove()


def _thread_main(app: Flask, job_id: int) -> None:
    with app.app_context():
        execute(job_id)


def dispatch(job_id: int, runner: str, total: int) -> None:
    """Start a committed job: on RQ, or in a thread of this process. A small packet's thread
    is waited for (up to PACKET_INLINE_SECONDS), so the page that answers the request already
    offers the file.

    Takes plain values, not the row: reading an expired row here would open a transaction,
    and on SQLite a POST's transaction holds the write lock the worker needs."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]  # Flask types its LocalProxy as the app
    if runner == "rq":
        try:
            queue = rq_queue(app)
            queue.enqueue(
                "app.worker.run_packet_job",
                job_id,
                job_timeout=app.config["PACKET_JOB_TIMEOUT"],
                result_ttl=3600,
                failure_ttl=7 * 24 * 3600,
                description=f"packet job {job_id}",
            )
        except Exception as exc:  # the queue is down: say so on the job rather than hang
            log.exception("could not enqueue packet job %s", job_id)
            _update(job_id, status=JobStatus.FAILED, error=f"queue unavailable: {exc}"[:1000])
        return
    thread = threading.Thread(
        target=_thread_main, args=(app, job_id), name=f"packet-job-{job_id}", daemon=True
    )
    _threads.append(thread)
    thread.start()
    if total <= app.config["PACKET_INLINE_MAX"]:
        thread.join(app.config["PACKET_INLINE_SECONDS"])


def wait_for_threads(timeout: float = 120.0) -> None:
    """Wait for this process's packet threads (tests, and the CLI)."""
    for thread in list(_threads):
        thread.join(timeout)
        if not thread.is_alive():
            _threads.remove(thread)


def rq_queue(app: Flask) -> Queue:
    from redis import Redis
    from rq import Queue

    connection = Redis.from_url(app.config["REDIS_URL"])
    return Queue(app.config["PACKET_QUEUE"], connection=connection)


def is_stale(job: PacketJob) -> bool:
    """A job that stopped reporting: its thread died with its process, or its RQ worker was
    killed. Shown as interrupted; build it again."""
    if job.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        return False
    if job.runner == "rq" and job.status is JobStatus.QUEUED:
        return False  # waiting for a worker is not a failure
    limit = STALE_RQ_JOB if job.runner == "rq" else STALE_THREAD_JOB
    return (job.heartbeat_at or job.created_at) < utcnow() - limit
