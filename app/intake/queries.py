"""Reads for the public pages."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, select
from sqlalchemy.orm import Session, selectinload

from app.intake.models import Submission
from app.intake.tracking import normalise_access_code, normalise_tracking_code
from app.security import token_matches
from app.taxonomy.models import Consultation, Country, Pillar, Region, Sector, Topic
from app.taxonomy.queries import consultation_by_slug


def usable_nonce(nonce: str | None) -> str | None:
    """A form nonce worth looking up. Read before the form is validated: a forged one that no
    form could have stored (too long, or with a NUL, which PostgreSQL refuses even in a WHERE)
    matches nothing."""
    if not nonce or len(nonce) > 64 or "\x00" in nonce:
        return None
    return nonce


def consultation_and_earlier(
    session: Session, slug: str, nonce: str | None
) -> tuple[Consultation | None, int | None]:
    """A comment POST's first read, one round trip: the consultation, and the id of the
    submission an earlier POST of the same form stored (its nonce; None when none)."""
    nonce = usable_nonce(nonce)
    if nonce is None:
        return consultation_by_slug(session, slug), None
    row = session.execute(_CONSULTATION_AND_EARLIER, {"slug": slug, "nonce": nonce}).first()
    return (row[0], row[1]) if row is not None else (None, None)


# Built once (see app.taxonomy.queries: a statement keeps its cache key).
_CONSULTATION_AND_EARLIER = select(
    Consultation,
    select(Submission.id).where(Submission.form_nonce == bindparam("nonce")).scalar_subquery(),
).where(Consultation.slug == bindparam("slug"))


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
