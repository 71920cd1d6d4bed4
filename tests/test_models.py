"""Rules the database itself enforces, whatever the forms do."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError, OperationalError, StatementError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from app.enums import RejectionReason, SubmissionStatus
from tests import factories


def test_tracking_codes_are_unique(seeded, db_session: Session) -> None:
    factories.submission(db_session, tracking_code="HLED-AAAA-BBBB")
    with pytest.raises(IntegrityError):
        factories.submission(db_session, tracking_code="HLED-AAAA-BBBB")


def test_unknown_status_is_refused_by_the_database(seeded, db_session: Session) -> None:
    row = factories.submission(db_session)
    db_session.commit()
    with pytest.raises(IntegrityError):
        db_session.execute(
            text("UPDATE submissions SET status = 'deleted' WHERE id = :id"), {"id": row.id}
        )


def test_unknown_status_is_refused_before_reaching_the_database(
    seeded, db_session: Session
) -> None:
    with pytest.raises((StatementError, LookupError)):
        factories.submission(db_session, status="deleted")


def test_rejection_reason_only_on_rejected_submissions(seeded, db_session: Session) -> None:
    with pytest.raises(IntegrityError):
        factories.submission(
            db_session, status=SubmissionStatus.APPROVED, rejection_reason=RejectionReason.SPAM
        )


def test_primary_and_secondary_pillar_must_differ(seeded, db_session: Session) -> None:
    row = factories.submission(db_session)
    row.secondary_pillar_id = row.primary_pillar_id
    with pytest.raises(IntegrityError):
        db_session.flush()


def test_consultation_must_close_after_it_opens(db_session: Session) -> None:
    from datetime import timedelta

    from app.db import utcnow

    now = utcnow()
    with pytest.raises(IntegrityError):
        factories.consultation(db_session, opens_at=now, closes_at=now - timedelta(days=1))


def test_every_update_bumps_the_version(seeded, db_session: Session) -> None:
    row = factories.submission(db_session)
    db_session.commit()
    assert row.version == 1
    row.status = SubmissionStatus.APPROVED
    db_session.commit()
    assert row.version == 2


def test_a_stale_version_is_refused_not_overwritten(seeded, app, db_session: Session) -> None:
    """Two moderators load version 1; the second write must fail rather than win silently.
    PostgreSQL finds no row at version 1 (StaleDataError); SQLite refuses the write of a
    transaction whose snapshot is stale (OperationalError). Either way nothing is overwritten."""
    row = factories.submission(db_session)
    db_session.commit()
    assert row.version == 1
    with app.app_context():
        from app.db import db

        other = db.session.get(type(row), row.id)
        other.status = SubmissionStatus.REJECTED
        other.rejection_reason = RejectionReason.SPAM
        db.session.commit()
    row.status = SubmissionStatus.APPROVED
    with pytest.raises((StaleDataError, OperationalError)):
        db_session.commit()
    db_session.rollback()
    db_session.expire_all()
    assert (row.status, row.version) == (SubmissionStatus.REJECTED, 2)


def test_timestamps_come_back_in_utc(seeded, db_session: Session) -> None:
    row = factories.submission(db_session)
    db_session.commit()
    db_session.expire_all()
    assert row.created_at.utcoffset().total_seconds() == 0
