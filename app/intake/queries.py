"""Reads for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from app.intake.models import Submission
from app.intake.tracking import normalise_access_code, normalise_tracking_code
from app.security import token_matches
from app.taxonomy.models import Country, Pillar, Region, Sector, Topic


@dataclass
class FormLookups:
    sector: Sector
    country_code: str
    region: Region | None
    pillars: dict[str, Pillar]
    topics: list[Topic]


def form_lookups(
    session: Session, sector: str, location: str, pillars: list[str | None], topics: list[str]
) -> FormLookups:
    """Turn the validated codes of the form into rows (the form only offered existing ones)."""
    sector_row = session.scalar(select(Sector).where(Sector.code == sector))
    region = session.get(Region, location) if "-" in location else None
    country_code = region.country_code if region else location
    if session.get(Country, country_code) is None or sector_row is None:
        raise LookupError("form offered a value that no longer exists")
    pillar_rows = session.scalars(select(Pillar).where(Pillar.code.in_([p for p in pillars if p])))
    topic_rows = (
        session.scalars(select(Topic).where(Topic.code.in_(topics))).all() if topics else []
    )
    return FormLookups(
        sector=sector_row,
        country_code=country_code,
        region=region,
        pillars={p.code: p for p in pillar_rows},
        topics=list(topic_rows),
    )


def submission_by_code(session: Session, code: str) -> Submission | None:
    normalised = normalise_tracking_code(code)
    return session.scalar(
        select(Submission)
        .where(Submission.tracking_code == normalised)
        .options(selectinload(Submission.attachments), selectinload(Submission.topics))
    )


def submission_for_status(
    session: Session, code: str, email: str | None = None, access_code: str | None = None
) -> Submission | None:
    """The code and its proof (the e-mail address, or the access code of a submitter who gave
    none) must match; a wrong pair and an unknown code look the same to the visitor."""
    submission = submission_by_code(session, code)
    if submission is None:
        return None
    if email and submission.email and submission.email.lower() == email.strip().lower():
        return submission
    if access_code and token_matches(
        normalise_access_code(access_code), submission.access_code_hash
    ):
        return submission
    return None
