"""Reads of the taxonomy and consultations."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, selectinload

from app.db import utcnow
from app.taxonomy.models import Consultation, Country, Pillar, Sector


def database_reachable(session: Session) -> bool:
    try:
        session.execute(text("SELECT 1"))
    except SQLAlchemyError:
        session.rollback()
        return False
    return True


def open_consultations(session: Session, now: datetime | None = None) -> list[Consultation]:
    now = now or utcnow()
    stmt = (
        select(Consultation)
        .where(
            Consultation.archived_at.is_(None),
            Consultation.opens_at <= now,
            Consultation.closes_at > now,
        )
        .order_by(Consultation.closes_at, Consultation.id)
    )
    return list(session.scalars(stmt))


def consultation_by_slug(session: Session, slug: str) -> Consultation | None:
    return session.scalar(select(Consultation).where(Consultation.slug == slug))


def active_pillars(session: Session) -> list[Pillar]:
    stmt = (
        select(Pillar)
        .where(Pillar.retired_at.is_(None))
        .options(selectinload(Pillar.topics))
        .order_by(Pillar.position)
    )
    return list(session.scalars(stmt))


def active_sectors(session: Session) -> list[Sector]:
    stmt = select(Sector).where(Sector.retired_at.is_(None)).order_by(Sector.position)
    return list(session.scalars(stmt))


def countries_with_regions(session: Session) -> list[Country]:
    stmt = select(Country).options(selectinload(Country.regions)).order_by(Country.position)
    return list(session.scalars(stmt))
