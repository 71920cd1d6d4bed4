"""`flask audit verify` finds a changed or deleted event."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import select, text

from app.db import db
from app.enums import EventAction
from app.intake.trail import record_event
from app.models import ModerationEvent
from tests import factories

pytestmark = pytest.mark.usefixtures("seeded")


def _three_events(app: Flask) -> list[int]:
    with app.app_context():
        submission = factories.submission(db.session)
        for action in (EventAction.SUBMITTED, EventAction.NOTE_ADDED, EventAction.RETAGGED):
            record_event(db.session, submission, action, note=action.value)
        db.session.commit()
        return list(db.session.scalars(select(ModerationEvent.id).order_by(ModerationEvent.id)))


def test_intact_chain_is_reported_intact(app: Flask, runner: FlaskCliRunner) -> None:
    _three_events(app)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0
    assert "intact: 3 events" in result.output


def test_an_edited_event_is_found(app: Flask, runner: FlaskCliRunner) -> None:
    ids = _three_events(app)
    with app.app_context():
        db.session.execute(
            text("UPDATE moderation_events SET note = 'nothing to see' WHERE id = :id"),
            {"id": ids[1]},
        )
        db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"broken at event {ids[1]}" in result.output


def test_a_deleted_event_is_found(app: Flask, runner: FlaskCliRunner) -> None:
    ids = _three_events(app)
    with app.app_context():
        db.session.execute(text("DELETE FROM moderation_events WHERE id = :id"), {"id": ids[1]})
        db.session.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code != 0
    assert f"broken at event {ids[2]}" in result.output
