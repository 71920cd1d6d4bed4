"""The "Rebuild themes" button with REDIS_URL: the build waits on RQ (the real Redis) for a
worker, which may run in another process, and its progress stays in the database; a queue that
cannot be reached fails the build visibly; and one consultation never has two builds waiting or
running, even when two clicks arrive at the same instant."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator

import pytest
from flask import Flask
from sqlalchemy import func, insert, select
from sqlalchemy.exc import IntegrityError

from app.db import db, table_of, utcnow
from app.enums import Role
from app.themes import jobs
from app.themes.models import BuildStatus, Theme, ThemeBuild
from tests.factories import consultation as make_consultation
from tests.staff.helpers import signed_in
from tests.themes.test_rebuild_button import _click, _consultation_id, _count
from tests.themes.test_themes import _consultation, _corpus
from tests.workers import work_until_empty

pytestmark = pytest.mark.usefixtures("seeded")

# The Redis database these tests may use (each run its own queue name, deleted afterwards).
REDIS_URL = "redis://127.0.0.1:6379/8"


@pytest.fixture
def queue_name() -> Iterator[str]:
    from redis import Redis
    from rq import Queue

    name = f"consulta-test-themes-{secrets.token_hex(4)}"
    yield name
    connection = Redis.from_url(REDIS_URL)
    Queue(name, connection=connection).delete(delete_jobs=True)
    connection.close()


def _builds(app: Flask) -> list[ThemeBuild]:
    with app.app_context():
        rows = list(db.session.scalars(select(ThemeBuild).order_by(ThemeBuild.id)))
        db.session.expunge_all()
        return rows


def test_rq_build_waits_for_a_worker_in_another_process_and_is_built_by_it(
    app: Flask, app_factory, queue_name: str
) -> None:
    settings = {"REDIS_URL": REDIS_URL, "THEMES_QUEUE": queue_name}
    app.config.update(settings)
    with app.app_context():
        _corpus(db.session)
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT)
    response = _click(client, consultation_id)
    assert response.status_code == 303
    (build,) = _builds(app)
    assert (build.runner, build.status, build.started_at) == ("rq", BuildStatus.QUEUED, None)
    page = client.get("/en/staff/themes").get_data(as_text=True)
    assert "Waiting" in page
    # Waiting for a worker holds the consultation's one build: a second click starts nothing.
    again = _click(client, consultation_id)
    assert "already being rebuilt" in client.get(again.headers["Location"]).get_data(as_text=True)
    assert len(_builds(app)) == 1

    # A worker process (another app on the same database and Redis) picks the build up.
    keep = ("SQLALCHEMY_DATABASE_URI", "INSTANCE_PATH", "SECRET_KEY")
    worker_app = app_factory({**{k: app.config[k] for k in keep}, **settings, "TESTING": True})
    with worker_app.app_context():
        queue = jobs.rq_queue(worker_app)
        assert queue.count == 1
        assert work_until_empty(queue)
        queue.connection.close()
    (build,) = _builds(app)
    assert build.status is BuildStatus.DONE, build.error
    assert (build.done, build.total, build.percent) == (11, 11, 100)
    assert build.started_at is not None
    assert build.themes >= 2
    assert _count(app, Theme) >= 2
    assert "Ready" in client.get("/en/staff/themes").get_data(as_text=True)


def test_a_queue_that_cannot_be_reached_fails_the_build_visibly(app: Flask) -> None:
    app.config.update(REDIS_URL="redis://127.0.0.1:1/0")
    with app.app_context():
        _corpus(db.session)
    consultation_id = _consultation_id(app)
    client = signed_in(app, Role.SECRETARIAT)
    assert _click(client, consultation_id).status_code == 303
    (build,) = _builds(app)
    assert build.status is BuildStatus.FAILED
    assert "queue unavailable" in build.error
    assert "Failed" in client.get("/en/staff/themes").get_data(as_text=True)
    assert _count(app, Theme) == 0
    # A failed build holds nothing: the next click queues again (and fails again here).
    assert _click(client, consultation_id).status_code == 303
    assert len(_builds(app)) == 2


def test_one_consultation_never_has_two_builds_running(app: Flask) -> None:
    with app.app_context():
        session = db.session
        first = _consultation(session).id
        other = make_consultation(session).id
        session.commit()
        job_id = jobs.start(session, first, None, 11, "thread")
        assert job_id is not None
        assert jobs.start(session, first, None, 11, "cli") is None
        assert jobs.start(session, first, None, 11, "rq") is None
        # Another consultation builds meanwhile.
        assert jobs.start(session, other, None, 3, "thread") is not None
        # The database itself refuses a second running build (not only the check above).
        now = utcnow()
        with pytest.raises(IntegrityError), db.engine.begin() as connection:
            connection.execute(
                insert(table_of(ThemeBuild)).values(
                    consultation_id=first,
                    status="running",
                    runner="thread",
                    done=0,
                    total=1,
                    themes=0,
                    themed=0,
                    unthemed=0,
                    created_at=now,
                )  # fmt: skip
            )
        # Once it is done, the next build starts.
        jobs._update(job_id, status=BuildStatus.DONE.value)
        assert jobs.start(session, first, None, 11, "thread") is not None


def test_two_clicks_at_the_same_instant_start_one_build(app: Flask) -> None:
    consultation_id = _consultation_id(app)
    barrier = threading.Barrier(2)
    started: list[int | None] = []
    lock = threading.Lock()

    def click() -> None:
        with app.app_context():
            barrier.wait()
            job_id = jobs.start(db.session, consultation_id, None, 11, "thread")
            with lock:
                started.append(job_id)
            db.session.remove()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert len(started) == 2
    assert sum(1 for j in started if j is not None) == 1
    with app.app_context():
        running = db.session.scalar(
            select(func.count()).select_from(ThemeBuild).where(ThemeBuild.status == "running")
        )
    assert running == 1


def test_a_build_that_stopped_reporting_is_retired_but_a_waiting_one_is_not(app: Flask) -> None:
    with app.app_context():
        session = db.session
        consultation_id = _consultation(session).id
        waiting = jobs.start(session, consultation_id, None, 11, "rq")
        jobs._update(waiting, created_at=utcnow() - jobs.STALE_RQ_BUILD * 3,
                     heartbeat_at=utcnow() - jobs.STALE_RQ_BUILD * 3)  # fmt: skip
        # Waiting for a worker is not failing: it still holds the consultation's build.
        assert jobs.start(session, consultation_id, None, 11, "thread") is None
        jobs._update(waiting, status=BuildStatus.RUNNING.value)
        # Running on a worker that stopped reporting long ago: retired, and a new one starts.
        assert jobs.start(session, consultation_id, None, 11, "thread") is not None
        retired = session.get(ThemeBuild, waiting)
        assert (retired.status, retired.error) == (BuildStatus.FAILED, "stopped reporting")
