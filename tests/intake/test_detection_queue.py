"""Campaign detection of new comments through the queue (app.intake.services.detect_pending):
by the follower (`flask campaigns follow`, app/intake/follower.py) while it beats, after the
response (app.intake.views._detect_campaign_after_response) when none runs. The same
campaigns either way, in arrival order; nothing committed is left undetected."""

from __future__ import annotations

import logging
import threading
import time
from datetime import timedelta

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app import audit
from app.campaigns.services import detect
from app.db import db, utcnow, writing
from app.intake import follower, services
from app.intake.models import DetectionFollower, PendingDetection
from app.models import Campaign, ModerationEvent, Submission, SubmissionFingerprint
from app.taxonomy.services import HLED_SEED, read_seed_file, seed
from benchmarks.corpus import generate
from tests import factories
from tests.campaigns.letters import LETTER_ES, SPANISH_COPY_WITH_ENGLISH_GREETING
from tests.conftest import _empty_all_tables
from tests.intake.helpers import hidden_fields, valid_answers

pytestmark = pytest.mark.usefixtures("seeded")

NO_NICE = follower.FollowSettings(nice=0, poll_s=0.02)


def _post_without_closing(app: Flask, body: str):
    """The POST as the server sees it before it has sent the response (not closed yet)."""
    client = app.test_client()
    page = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    data = {**hidden_fields(page), **valid_answers(body=body)}
    return client.post("/es/c/hled-2026/submit", data=data)


def _campaigns(app: Flask) -> list[int | None]:
    with app.app_context():
        return list(db.session.scalars(select(Submission.campaign_id).order_by(Submission.id)))


def _queued(app: Flask) -> list[tuple[int, bool]]:
    """The queue: (submission id, whether its detection failed)."""
    with app.app_context():
        rows = db.session.execute(
            select(PendingDetection.submission_id, PendingDetection.failed_at).order_by(
                PendingDetection.submission_id
            )
        )
        return [(sid, failed is not None) for sid, failed in rows]


def _set_beat(app: Flask, age_s: float | None) -> None:
    """A follower's heartbeat `age_s` seconds old (None: no follower ever ran)."""
    with app.app_context():
        db.session.execute(DetectionFollower.__table__.delete())
        if age_s is not None:
            beat_at = utcnow() - timedelta(seconds=age_s)
            db.session.add(DetectionFollower(id=1, beat_at=beat_at))
        db.session.commit()
        services.forget_follower(db.session)


def _sweep(app: Flask) -> follower.FollowReport:
    report = follower.FollowReport()
    with app.app_context():
        follower.sweep(NO_NICE, report)
    return report


def test_the_campaign_appears_once_the_response_is_sent(app: Flask) -> None:
    first = _post_without_closing(app, LETTER_ES)
    first.close()
    second = _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert first.status_code == second.status_code == 303
    # Stored, queued and answered before detection: the receipt did not wait for it.
    assert _campaigns(app) == [None, None]
    assert [sid for sid, _failed in _queued(app)] == [2]
    second.close()
    campaigns = _campaigns(app)
    assert campaigns[0] is not None
    assert campaigns == [campaigns[0], campaigns[0]]
    assert _queued(app) == []
    with app.app_context():
        assert audit.verify(db.session, ModerationEvent).intact


def test_a_failed_detection_stays_queued_and_the_sweep_repairs_it(
    app: Flask, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    _post_without_closing(app, LETTER_ES).close()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure of the step after the response")

    monkeypatch.setattr("app.intake.services.detect", broken)
    response = _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert response.status_code == 303
    with caplog.at_level(logging.ERROR, logger="app.intake.services"):
        response.close()
    assert "campaign detection failed for submission 2" in caplog.text
    assert _campaigns(app)[1] is None
    assert _queued(app) == [(2, True)]
    assert app.test_client().get(response.headers["Location"]).status_code == 200
    monkeypatch.undo()
    # An ordinary drain (the next response) passes a failed one by: a detection that keeps
    # failing does not fail again in every request.
    _post_without_closing(app, "Un comentario propio, breve.").close()
    assert _queued(app) == [(2, True)]
    report = _sweep(app)
    assert (report.detected, report.failed) == (1, 0)
    campaigns = _campaigns(app)
    assert campaigns[0] is not None
    assert campaigns[:2] == [campaigns[0], campaigns[0]]
    assert _queued(app) == []


def test_a_comment_whose_response_never_closed_is_detected_by_the_sweep(app: Flask) -> None:
    """The process died between the commit and the end of the response."""
    _post_without_closing(app, LETTER_ES).close()
    _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)  # never closed
    assert _campaigns(app)[1] is None
    assert _sweep(app).detected == 1
    campaigns = _campaigns(app)
    assert campaigns == [campaigns[0], campaigns[0]] != [None, None]


def test_a_comment_a_rebuild_reached_first_is_not_detected_twice(
    app: Flask, runner: FlaskCliRunner
) -> None:
    _post_without_closing(app, LETTER_ES).close()
    _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)  # queued, not detected
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    before = _campaigns(app)
    report = _sweep(app)
    assert (report.detected, report.skipped) == (0, 1)
    assert _campaigns(app) == before
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(SubmissionFingerprint)) == 2
        assert audit.verify(db.session, ModerationEvent).intact


def test_while_a_follower_beats_the_web_worker_leaves_detection_to_it(app: Flask) -> None:
    _set_beat(app, age_s=0)
    _post_without_closing(app, LETTER_ES).close()
    _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING).close()
    assert _campaigns(app) == [None, None]
    assert _queued(app) == [(1, False), (2, False)]
    report = _sweep(app)
    assert report.detected == 2
    campaigns = _campaigns(app)
    assert campaigns == [campaigns[0], campaigns[0]] != [None, None]


def test_when_the_follower_stopped_beating_the_web_worker_detects_what_was_left(
    app: Flask,
) -> None:
    _set_beat(app, age_s=0)
    _post_without_closing(app, LETTER_ES).close()
    assert _queued(app) == [(1, False)]
    _set_beat(app, age_s=services.FOLLOWER_FRESH_S + 1)
    _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING).close()
    # Both detected after the second response, the first first.
    assert _queued(app) == []
    campaigns = _campaigns(app)
    assert campaigns == [campaigns[0], campaigns[0]] != [None, None]


def test_the_follower_process_beats_detects_within_moments_and_says_when_it_stops(
    app: Flask,
) -> None:
    stop = threading.Event()
    reports: list[follower.FollowReport] = []

    def run() -> None:
        with app.app_context():
            reports.append(follower.follow(NO_NICE, stop))

    thread = threading.Thread(target=run)
    thread.start()
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with app.app_context():
                services.forget_follower(db.session)
                if services.follower_running(db.session):
                    break
            time.sleep(0.02)
        else:
            pytest.fail("the follower never beat")
        _post_without_closing(app, LETTER_ES).close()
        _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING).close()
        while time.monotonic() < deadline and _queued(app):
            time.sleep(0.02)
        campaigns = _campaigns(app)
        assert campaigns == [campaigns[0], campaigns[0]] != [None, None]
    finally:
        stop.set()
        thread.join(10)
    assert reports[0].detected == 2
    with app.app_context():
        services.forget_follower(db.session)
        assert not services.follower_running(db.session)


def _partition(app: Flask, index_of: dict[int, int]) -> set[frozenset[int]]:
    """The campaigns as sets of corpus positions."""
    with app.app_context():
        rows = db.session.execute(
            select(Submission.id, Submission.campaign_id).where(Submission.campaign_id.is_not(None))
        )
        members: dict[int, set[int]] = {}
        for sid, campaign in rows:
            members.setdefault(campaign, set()).add(index_of[sid])
        return {frozenset(m) for m in members.values()}


def _store(app: Flask, bodies: list[str], *, queued: bool) -> dict[int, int]:
    """Store the corpus in arrival order: detected inside each comment's own transaction, as
    intake did (`queued=False`), or queued; submission id -> corpus position."""
    index_of = {}
    with app.app_context():
        for position, body in enumerate(bodies):
            with writing():
                row = factories.submission(db.session, body=body)
                if queued:
                    services.queue_detection(db.session, row.id)
                else:
                    detect(db.session, row)
                db.session.commit()
            index_of[row.id] = position
    return index_of


def test_queued_detection_takes_the_decisions_of_detection_at_intake(app: Flask) -> None:
    """A seeded corpus of letters, copies, personalised copies and comments of their own:
    the same campaigns, member by member, detected in each comment's transaction or drained
    from the queue in batches afterwards."""
    bodies = [c.body for c in generate(240, seed=11, campaigns=6)]
    at_intake = _partition(app, _store(app, bodies, queued=False))
    _empty_all_tables(app)
    with app.app_context():
        seed(db.session, read_seed_file(HLED_SEED))
        db.session.commit()
    index_of = _store(app, bodies, queued=True)
    report = follower.FollowReport()
    settings = follower.FollowSettings(nice=0, batch=7, budget_s=10)
    with app.app_context():
        while follower.drain(settings, report):
            pass
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == len(at_intake)
        assert audit.verify(db.session, ModerationEvent).intact
    assert report.failed == 0
    assert len(at_intake) >= 6
    assert _partition(app, index_of) == at_intake
