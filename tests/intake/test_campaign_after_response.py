"""Campaign detection runs after the response (app.intake.views._detect_campaign_after_response):
the receipt does not wait for it, the campaign appears once the server has sent the response,
and a detection that fails there is repaired by `flask campaigns rebuild`."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app import audit
from app.db import db
from app.intake import services
from app.models import ModerationEvent, Submission, SubmissionFingerprint
from tests.campaigns.letters import LETTER_ES, SPANISH_COPY_WITH_ENGLISH_GREETING
from tests.intake.helpers import hidden_fields, valid_answers

pytestmark = pytest.mark.usefixtures("seeded")


def _post_without_closing(app: Flask, body: str):
    """The POST as the server sees it before it has sent the response (not closed yet)."""
    client = app.test_client()
    page = client.get("/es/c/hled-2026/submit").get_data(as_text=True)
    data = {**hidden_fields(page), **valid_answers(body=body)}
    return client.post("/es/c/hled-2026/submit", data=data)


def _campaigns(app: Flask) -> list[int | None]:
    with app.app_context():
        return list(db.session.scalars(select(Submission.campaign_id).order_by(Submission.id)))


def test_the_campaign_appears_once_the_response_is_sent(app: Flask) -> None:
    first = _post_without_closing(app, LETTER_ES)
    first.close()
    second = _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert first.status_code == second.status_code == 303
    # Stored and answered before detection: the receipt did not wait for it.
    assert _campaigns(app) == [None, None]
    second.close()
    campaigns = _campaigns(app)
    assert campaigns[0] is not None
    assert campaigns == [campaigns[0], campaigns[0]]
    with app.app_context():
        assert audit.verify(db.session, ModerationEvent).intact


def test_a_failed_detection_after_the_response_is_repaired_by_the_rebuild(
    app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    _post_without_closing(app, LETTER_ES).close()

    def broken(*args, **kwargs):
        raise RuntimeError("simulated failure of the step after the response")

    monkeypatch.setattr("app.intake.views.detect_campaign", broken)
    response = _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert response.status_code == 303
    with caplog.at_level(logging.ERROR, logger="app.intake.views"):
        response.close()
    assert "campaign detection after the response failed" in caplog.text
    assert _campaigns(app)[1] is None
    assert app.test_client().get(response.headers["Location"]).status_code == 200
    monkeypatch.undo()
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    campaigns = _campaigns(app)
    assert campaigns[0] is not None
    assert campaigns == [campaigns[0], campaigns[0]]


def test_detection_that_already_ran_is_not_repeated(app: Flask) -> None:
    """A second run for the same submission (a rebuild got there first) changes nothing."""
    _post_without_closing(app, LETTER_ES).close()
    _post_without_closing(app, SPANISH_COPY_WITH_ENGLISH_GREETING).close()
    before = _campaigns(app)
    with app.app_context():
        second_id = db.session.scalars(select(Submission.id).order_by(Submission.id)).all()[1]
        services.detect_campaign(db.session, second_id)
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(SubmissionFingerprint)) == 2
        assert audit.verify(db.session, ModerationEvent).intact
    assert _campaigns(app) == before
