"""Two processes receiving copies of one letter at the same moment end up with one campaign,
and the packets' grouping shows each campaign once."""

from __future__ import annotations

import threading

import pytest
from flask import Flask
from sqlalchemy import func, select

from app import audit
from app.campaigns.queries import CampaignGroup, shown_once
from app.campaigns.services import _campaign_around, detect_safely
from app.db import db
from app.enums import EventAction
from app.intake.models import ModerationEvent
from app.intake.trail import record_event
from app.models import Campaign, Submission
from tests import factories
from tests.campaigns.letters import LETTER_EN, SAME_TOPIC_EN, add, campaign_of
from tests.conftest import engine_kind

pytestmark = pytest.mark.usefixtures("seeded")


def test_a_twin_campaign_is_refused_and_the_existing_one_used(app: Flask) -> None:
    first = add(app, LETTER_EN)
    second = add(app, LETTER_EN)
    existing = campaign_of(app, first)
    with app.app_context():
        # What a second process that did not see the first campaign would try.
        assert _campaign_around(db.session, first) == existing
        db.session.commit()
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == 1
    assert campaign_of(app, second) == existing


@pytest.mark.skipif(engine_kind() != "postgresql", reason="needs two concurrent writers")
def test_simultaneous_copies_join_one_campaign(app: Flask) -> None:
    original = add(app, LETTER_EN)
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def intake(name: str) -> None:
        try:
            with app.app_context():
                row = factories.submission(db.session, body=LETTER_EN.replace("Ana", name))
                barrier.wait(timeout=10)
                record_event(db.session, row, EventAction.SUBMITTED)
                detect_safely(db.session, row)
                db.session.commit()
                db.session.remove()
        except BaseException as exc:  # reported below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=intake, args=(n,)) for n in ("Uno", "Dos")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert not errors
    with app.app_context():
        campaigns = db.session.scalars(select(Submission.campaign_id)).all()
        assert len(campaigns) == 3
        assert len(set(campaigns)) == 1
        campaign = db.session.scalar(select(Campaign))
        assert campaign.representative_submission_id == original
        assert campaign.member_count == 3
        assert audit.verify(db.session, ModerationEvent).intact


def test_packets_show_each_campaign_once_with_its_signatories(app: Flask) -> None:
    first = add(app, LETTER_EN, organization="Border Trade Alliance")
    other = add(app, SAME_TOPIC_EN[0])
    second = add(app, LETTER_EN, organization="Coparmex Jalisco")
    third = add(app, LETTER_EN, organization="Border Trade Alliance")
    with app.app_context():
        rows = db.session.scalars(select(Submission).order_by(Submission.id)).all()
        shown = shown_once(db.session, rows)
        assert [getattr(item, "id", None) for item in shown] == [None, other]
        group = shown[0]
        assert isinstance(group, CampaignGroup)
        assert group.representative.id == first
        assert group.count == 3
        assert [m.id for m in group.members] == [first, second, third]
        assert group.organizations == ["Border Trade Alliance", "Coparmex Jalisco"]
