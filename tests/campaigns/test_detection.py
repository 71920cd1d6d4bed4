"""Detection: exact and near copies join one campaign, in either language; different
comments on the same topic stay apart; a detection failure never loses a submission."""

from __future__ import annotations

import logging

import pytest
from flask import Flask
from flask.testing import FlaskCliRunner
from sqlalchemy import func, select

from app import audit
from app.campaigns import fingerprint as fp_module
from app.campaigns.fingerprint import fingerprint, normalise, similarity
from app.db import db
from app.enums import EventAction
from app.models import Campaign, LshBand, ModerationEvent, Submission, SubmissionFingerprint
from tests.campaigns.letters import (
    LETTER_EN,
    LETTER_ES,
    NEAR_COPY_EN,
    SAME_TOPIC_EN,
    SPANISH_COPY_WITH_ENGLISH_GREETING,
    add,
    campaign_of,
)
from tests.intake.helpers import submit

pytestmark = pytest.mark.usefixtures("seeded")


def test_normalising_drops_greeting_signature_case_and_accents() -> None:
    assert normalise(LETTER_ES) == normalise(
        LETTER_ES.replace("Estimada Secretaria:", "Hola,").replace("Juan Pérez", "Rosa Núñez")
    )
    assert normalise("Dear Sir,\n\nWe ÚRGE   the border—lanes!\n\nRegards,\nAna") == (
        "we urge the border lanes"
    )
    assert normalise(LETTER_ES).startswith("pedimos a ambos gobiernos")
    assert "atentamente" not in normalise(LETTER_ES)


def test_near_copy_scores_above_and_same_topic_below_the_threshold() -> None:
    letter = fingerprint(LETTER_EN)
    assert similarity(letter.signature, fingerprint(NEAR_COPY_EN).signature) >= (
        fp_module.THRESHOLD
    )
    for other in SAME_TOPIC_EN:
        assert similarity(letter.signature, fingerprint(other).signature) < 0.3


def test_exact_copies_join_one_campaign_represented_by_the_first(app: Flask) -> None:
    first = add(app, LETTER_EN)
    assert campaign_of(app, first) is None
    second = add(app, LETTER_EN.replace("Ana López", "Carlos Ortiz"))
    third = add(app, LETTER_EN.upper())
    campaign_id = campaign_of(app, first)
    assert campaign_id is not None
    assert campaign_of(app, second) == campaign_id == campaign_of(app, third)
    with app.app_context():
        campaign = db.session.get(Campaign, campaign_id)
        assert campaign.representative_submission_id == first
        assert campaign.member_count == 3
        joined = db.session.scalar(
            select(func.count()).where(ModerationEvent.action == EventAction.CAMPAIGN_JOINED)
        )
        assert joined == 3
        assert audit.verify(db.session, ModerationEvent).intact


def test_a_near_copy_joins_the_campaign_of_the_text_it_matches(app: Flask) -> None:
    first = add(app, LETTER_EN)
    copy = add(app, LETTER_EN.replace("Ana López", "Emily Smith"))
    near = add(app, NEAR_COPY_EN)
    assert campaign_of(app, near) == campaign_of(app, first) == campaign_of(app, copy)
    assert campaign_of(app, near) is not None


def test_a_spanish_copy_with_an_english_greeting_joins(app: Flask) -> None:
    first = add(app, LETTER_ES)
    copy = add(app, SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert campaign_of(app, first) is not None
    assert campaign_of(app, copy) == campaign_of(app, first)


def test_different_comments_on_the_same_topic_stay_apart(app: Flask) -> None:
    ids = [add(app, LETTER_EN), add(app, LETTER_ES)] + [add(app, t) for t in SAME_TOPIC_EN]
    assert [campaign_of(app, i) for i in ids] == [None] * len(ids)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Campaign)) == 0
        # Every text is in the index all the same, for the copies still to come.
        assert db.session.scalar(select(func.count()).select_from(SubmissionFingerprint)) == 4
        assert db.session.scalar(select(func.count()).select_from(LshBand)) > 0


def test_short_texts_are_not_fingerprinted(app: Flask) -> None:
    ids = [add(app, "I agree with this proposal."), add(app, "I agree with this proposal.")]
    assert [campaign_of(app, i) for i in ids] == [None, None]


def test_the_public_form_detects_copies(app: Flask) -> None:
    first = submit(app.test_client(), body=LETTER_ES)
    second = submit(app.test_client(), body=SPANISH_COPY_WITH_ENGLISH_GREETING)
    assert first.status_code == second.status_code == 303
    with app.app_context():
        campaigns = db.session.scalars(select(Submission.campaign_id)).all()
    assert len(campaigns) == 2
    assert campaigns[0] is not None
    assert campaigns[0] == campaigns[1]


def _broken_fingerprint(text: str):
    raise RuntimeError("simulated bug in fingerprinting")


def test_a_fingerprinting_failure_still_stores_the_submission_and_shows_the_receipt(
    app: Flask, runner: FlaskCliRunner, monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    submit(app.test_client(), body=LETTER_ES)
    monkeypatch.setattr(fp_module, "fingerprint", _broken_fingerprint)
    with caplog.at_level(logging.ERROR, logger="app.campaigns.services"):
        response = submit(app.test_client(), body=LETTER_ES)
    assert response.status_code == 303
    assert "/es/receipt/" in response.headers["Location"]
    assert "campaign detection failed" in caplog.text
    receipt = app.test_client().get(response.headers["Location"])
    assert receipt.status_code == 200
    with app.app_context():
        rows = db.session.scalars(select(Submission).order_by(Submission.id)).all()
        assert len(rows) == 2
        assert [r.campaign_id for r in rows] == [None, None]
        assert audit.verify(db.session, ModerationEvent).intact
    monkeypatch.undo()
    # The later pass assigns it.
    result = runner.invoke(args=["campaigns", "rebuild", "--jobs", "1"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        campaigns = db.session.scalars(select(Submission.campaign_id)).all()
    assert campaigns[0] is not None
    assert campaigns[0] == campaigns[1]


def test_a_failure_half_way_through_the_database_work_is_undone(
    app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.campaigns import services

    def broken_join(*args, **kwargs):
        raise RuntimeError("simulated failure after the fingerprint was written")

    submit(app.test_client(), body=LETTER_EN)
    monkeypatch.setattr(services, "_join", broken_join)
    response = submit(app.test_client(), body=LETTER_EN)
    assert response.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Submission)) == 2
        # The savepoint took back this submission's fingerprint and band keys.
        assert db.session.scalar(select(func.count()).select_from(SubmissionFingerprint)) == 1
        assert audit.verify(db.session, ModerationEvent).intact
