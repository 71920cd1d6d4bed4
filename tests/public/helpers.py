"""Published comments for the public record's tests."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.campaigns.models import Campaign
from app.db import utcnow
from app.enums import Consent, SubmissionStatus
from app.models import Pillar, Sector, Submission
from tests import factories


def published(session: Session, minutes_ago: int = 0, **overrides: Any) -> Submission:
    values: dict[str, Any] = {
        "status": SubmissionStatus.APPROVED,
        "consent": Consent.NAMED,
        "created_at": utcnow() - timedelta(minutes=minutes_ago),
    }
    values.update(overrides)
    return factories.submission(session, **values)


def pillar(session: Session, position: int) -> Pillar:
    return session.scalars(select(Pillar).order_by(Pillar.position).offset(position)).first()


def sector(session: Session, position: int) -> Sector:
    return session.scalars(select(Sector).order_by(Sector.position).offset(position)).first()


def campaign(session: Session, members: list[Submission]) -> Campaign:
    row = Campaign(member_count=len(members))
    session.add(row)
    session.flush()
    for member in members:
        member.campaign_id = row.id
    row.representative_submission_id = members[0].id
    session.flush()
    return row
