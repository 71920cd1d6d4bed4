"""Reads for the feeds: the newest approved comments that their authors let us publish."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.intake import publication
from app.intake.models import Submission
from app.moderation.queries import QueueFilters
from app.taxonomy.models import Consultation, Pillar

FEED_SIZE = 100


def consultation(session: Session, slug: str) -> Consultation | None:
    return session.scalar(select(Consultation).where(Consultation.slug == slug))


def pillar(session: Session, code: str) -> Pillar | None:
    return session.scalar(select(Pillar).where(Pillar.code == code))


def published_comments(
    session: Session, consultation_id: int, pillar_code: str | None = None, limit: int = FEED_SIZE
) -> list[Submission]:
    """Publishable (approved and consented), newest decision first (a comment approved today
    comes first even if it was written weeks ago: that is when it became public). A pillar
    matches as the main or the second pillar, as in the queue's filter."""
    filters = QueueFilters(status=None, consultation_id=consultation_id, pillar=pillar_code)
    published_at = func.coalesce(Submission.decided_at, Submission.created_at)
    stmt = (
        select(Submission)
        .where(*filters.conditions(session), *publication.publishable_conditions())
        .options(
            selectinload(Submission.primary_pillar),
            # What the verification category reads (app.intake.publication).
            selectinload(Submission.verified_organization),
            selectinload(Submission.invitation),
        )
        .order_by(published_at.desc(), Submission.id.desc())
        .limit(limit)
    )
    return list(session.scalars(stmt))
