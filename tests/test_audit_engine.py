"""Every trail is one engine's (app/audit.py): whatever path wrote a row — intake's first
event, a moderator's decision, a campaign rebuild's events in bulk, an administrator's change
— its hash is app.audit.digest of its own fields and the row before it. A second copy of the
engine that hashed or linked differently for one path would fail here, not at an audit."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient, FlaskCliRunner
from sqlalchemy import select, update

from app import audit
from app.admin import audit as admin_audit
from app.admin.models import AdminEvent
from app.campaigns.models import Campaign
from app.db import db, table_of
from app.enums import EventAction, Language, Role, SubmissionStatus
from app.intake.models import ModerationEvent, Submission
from app.intake.trail import record_event
from app.staff.services import create_user
from tests.campaigns.letters import LETTER_EN, add
from tests.intake.helpers import submit
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")


def _rows_rehashed(model: type[audit.ChainedEvent]) -> list[tuple[str, str, str | None]]:
    rows = db.session.execute(select(table_of(model)).order_by(table_of(model).c.id)).mappings()
    checked, prev = [], None
    for row in rows:
        checked.append((row["entry_hash"], audit.digest(model, row, prev), row["prev_hash"]))
        prev = row["entry_hash"]
    return checked


def test_every_path_writes_through_the_one_engine(
    app: Flask, client: FlaskClient, runner: FlaskCliRunner
) -> None:
    assert submit(client, "es").status_code == 303  # intake's first event
    ids = [add(app, LETTER_EN.replace("Ana", name)) for name in ("Ana", "Luz", "Eva")]
    with app.app_context():
        db.session.execute(update(Submission).values(campaign_id=None))
        db.session.execute(Campaign.__table__.delete())
        db.session.commit()
    assert runner.invoke(args=["campaigns", "rebuild"]).exit_code == 0  # events in bulk
    with app.app_context():
        actor = create_user(db.session, "admin@example.org", PASSWORD, Role.ADMIN, Language.EN)
        first = db.session.get(Submission, ids[0])
        record_event(
            db.session,
            first,
            EventAction.STATUS_CHANGED,
            actor,
            from_status=SubmissionStatus.PENDING,
            to_status=SubmissionStatus.APPROVED,
        )
        admin_audit.record(db.session, actor, "pillar.renamed", "pillar", 1, "Pillar",
                           before={"name_en": "a"}, after={"name_en": "b"})  # fmt: skip
        db.session.commit()
        actions = set(db.session.scalars(select(ModerationEvent.action)))
        assert {EventAction.SUBMITTED, EventAction.CAMPAIGN_JOINED} <= actions
        for model in (ModerationEvent, AdminEvent):
            assert issubclass(model, audit.ChainedEvent)
            rows = _rows_rehashed(model)
            assert rows, model
            assert all(stored == recomputed for stored, recomputed, _prev in rows), model
            assert rows[0][2] is None
            assert [prev for *_h, prev in rows[1:]] == [stored for stored, *_r in rows[:-1]]
