"""The public list's counts per pillar: an unfiltered list reads `public_tallies` (kept by
database triggers), a narrowed one counts its rows; both must equal a direct count under
app.intake.publication's rule after every kind of change that makes a comment publishable or
not (approval, withdrawal, dispute and its settling, consent, rejection, re-tagging, a bulk
UPDATE by hand that takes comments out of the record, a delete)."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import delete, func, select, update

from app.db import db, utcnow
from app.enums import Consent, RejectionReason, Role, SubmissionStatus
from app.intake import publication
from app.intake.services import withdraw
from app.models import Pillar, Submission
from app.moderation import tallies
from app.moderation.services import bulk_change_status, change_status, retag, settle_dispute
from app.public import queries
from app.staff.services import create_user
from tests import factories
from tests.staff.helpers import PASSWORD

pytestmark = pytest.mark.usefixtures("seeded")


def _direct(consultation_id: int, **narrow: object) -> dict[str, int]:
    """Publishable comments per main pillar, counted the slow way."""
    stmt = (
        select(Pillar.code, func.count())
        .join(Submission, Submission.primary_pillar_id == Pillar.id)
        .where(Submission.consultation_id == consultation_id)
        .where(*publication.publishable_conditions())
        .group_by(Pillar.code)
    )
    if "language" in narrow:
        stmt = stmt.where(Submission.detected_language == narrow["language"])
    return {code: n for code, n in db.session.execute(stmt).tuples()}


def _listed(consultation_id: int, **narrow: object) -> dict[str, int]:
    filters = queries.PublicFilters(**narrow)  # type: ignore[arg-type]
    counts = queries.pillar_counts(db.session, consultation_id, filters)
    return {pillar.code: n for pillar, n in counts}


def _agree(consultation_id: int) -> None:
    assert _listed(consultation_id) == _direct(consultation_id)
    assert _listed(consultation_id, language="es") == _direct(consultation_id, language="es")
    assert tallies.check(db.session).agree


def test_counts_per_pillar_follow_every_change_of_publishability(app: Flask) -> None:
    with app.app_context():
        session = db.session
        moderator = create_user(session, "counts@example.org", PASSWORD, Role.MODERATOR)
        pillars = list(session.scalars(select(Pillar).order_by(Pillar.position)))
        rows = [
            factories.submission(
                session,
                primary_pillar=pillars[i % 4],
                detected_language=("es", "en")[i % 2],
                consent=(Consent.NAMED, Consent.ANONYMOUS, Consent.NONE)[i % 3],
            )
            for i in range(14)
        ]
        session.commit()
        consultation_id = rows[0].consultation_id
        _agree(consultation_id)
        assert _listed(consultation_id) == {}  # all pending

        bulk_change_status(
            session, moderator, [(r, r.version) for r in rows[:10]], SubmissionStatus.APPROVED
        )
        session.commit()
        _agree(consultation_id)
        assert sum(_listed(consultation_id).values()) == 7  # 10 approved, 3 without consent

        withdraw(session, rows[12])  # pending: never counted, still not
        change_status(session, rows[10], moderator, SubmissionStatus.APPROVED, rows[10].version)
        change_status(
            session, rows[11], moderator, SubmissionStatus.REJECTED, rows[11].version,
            reason=RejectionReason.SPAM,
        )  # fmt: skip
        session.commit()
        _agree(consultation_id)

        rows[1].disputed_at = utcnow()  # "I did not send this"
        session.commit()
        _agree(consultation_id)
        settle_dispute(session, rows[1], moderator, None)
        session.commit()
        _agree(consultation_id)

        rows[3].consent = Consent.NAMED  # was anonymous: still published
        rows[4].consent = Consent.NONE  # no longer
        rows[5].consent = Consent.ANONYMOUS  # was none: now published
        session.commit()
        _agree(consultation_id)

        retag(
            session, rows[6], moderator, rows[6].version,
            sector=rows[6].sector, primary_pillar=pillars[3], secondary_pillar=None, topics=[],
        )  # fmt: skip
        session.commit()
        _agree(consultation_id)

        # Writes that bypass the application are counted too.
        session.execute(
            update(Submission)
            .where(Submission.id.in_([rows[2].id, rows[13].id]))
            .values(status=SubmissionStatus.ESCALATED, version=Submission.version + 1)
        )
        extra = factories.submission(session, status=SubmissionStatus.APPROVED)
        session.commit()
        _agree(consultation_id)
        session.execute(delete(Submission).where(Submission.id == extra.id))
        session.commit()
        _agree(consultation_id)


def test_rebuild_recounts_the_public_tally(app: Flask) -> None:
    """A tally emptied behind the triggers' back is found out and recounted."""
    with app.app_context():
        session = db.session
        factories.submission(session, status=SubmissionStatus.APPROVED)
        session.commit()
        session.execute(delete(tallies.PublicTally))
        session.commit()
        report = tallies.check(session)
        assert report.wrong["public_tallies"] == 1
        tallies.rebuild(session)
        session.commit()
        assert tallies.check(session).agree
