"""Reads for the open data files: one consultation's publishable comments (the one rule of
app.intake.publication), oldest first, streamed from a server-side cursor in partitions so
memory stays flat however many there are. Rows are tuples, never ORM objects, and the
taxonomy codes come from dictionaries read once."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import bindparam, func, select, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import String

from app.exports.readable import ISO_UTC
from app.intake import publication
from app.intake.models import Submission, submission_topics
from app.taxonomy.models import Consultation, Pillar, Sector, Topic

PARTITION = 2000

Record = tuple[Any, ...]


def consultations(session: Session, slug: str | None = None) -> list[Consultation]:
    """Every consultation, or the one with this slug (an empty list when there is none)."""
    stmt = select(Consultation).order_by(Consultation.opens_at.desc(), Consultation.id)
    if slug is not None:
        stmt = stmt.where(Consultation.slug == slug)
    return list(session.scalars(stmt))


def published_count(session: Session, consultation_id: int) -> int:
    stmt = select(func.count()).select_from(Submission)
    stmt = stmt.where(
        Submission.consultation_id == consultation_id, *publication.publishable_conditions()
    )
    return session.scalar(stmt) or 0


def _codes(session: Session, model: Any) -> dict[int, str]:
    return dict(session.execute(select(model.id, model.code)).tuples().all())


class _Lookups:
    """Taxonomy codes by id, read once; topics and campaign leads per partition."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.sectors = _codes(session, Sector)
        self.pillars = _codes(session, Pillar)
        ordered = select(Topic.id, Topic.code).order_by(Topic.pillar_id, Topic.position)
        self.topics: dict[int, str] = dict(session.execute(ordered).tuples().all())
        self.topic_order = {topic_id: n for n, topic_id in enumerate(self.topics)}
        # Campaign id -> the public id of its earliest publishable member (the public
        # record's stand-in for the campaign): one entry per campaign met, not per row.
        self.leads: dict[int, str | None] = {}

    def topics_of(self, ids: list[int]) -> dict[int, list[str]]:
        stmt = select(submission_topics.c.submission_id, submission_topics.c.topic_id).where(
            submission_topics.c.submission_id.in_(bindparam("ids", expanding=True))
        )
        rows = sorted(
            self.session.execute(stmt, {"ids": ids}).tuples(),
            key=lambda row: self.topic_order.get(row[1], 0),
        )
        found: dict[int, list[str]] = {}
        for submission_id, topic_id in rows:
            found.setdefault(submission_id, []).append(self.topics[topic_id])
        return found

    def leads_of(self, campaign_ids: set[int]) -> dict[int, str | None]:
        """The public record's rule: a campaign is a campaign when at least two of its
        letters are published (one alone is an ordinary comment)."""
        missing = [c for c in campaign_ids if c not in self.leads]
        if missing:
            stmt = (
                select(Submission.campaign_id, func.min(Submission.id), func.count())
                .where(
                    Submission.campaign_id.in_(bindparam("ids", expanding=True)),
                    *publication.publishable_conditions(),
                )
                .group_by(Submission.campaign_id)
            )
            firsts = {
                first: campaign_id
                for campaign_id, first, count in self.session.execute(stmt, {"ids": missing})
                if count > 1
            }
            self.leads.update(dict.fromkeys(missing))
            if firsts:
                ids = select(Submission.id, Submission.public_id).where(
                    Submission.id.in_(bindparam("ids", expanding=True))
                )
                for first, public_id in self.session.execute(ids, {"ids": list(firsts)}):
                    self.leads[firsts[first]] = public_id
        return self.leads


def _row_select(consultation_id: int) -> Any:
    s = Submission
    return (
        select(
            s.id,
            s.public_id,
            s.created_at,
            type_coerce(s.page_language, String),
            s.detected_language,
            # The public (redacted) text when a moderator wrote one.
            s.published_title,
            s.published_body,
            type_coerce(s.consent, String),
            s.submitter_name,
            s.organization,
            s.sector_id,
            s.primary_pillar_id,
            s.secondary_pillar_id,
            s.country_code,
            s.region_code,
            s.campaign_id,
        )
        .where(s.consultation_id == consultation_id, *publication.publishable_conditions())
        .order_by(s.created_at, s.id)
    )


def record_partitions(
    session: Session, consultation: Consultation, size: int = PARTITION
) -> Iterator[list[Record]]:
    """The consultation's publishable comments as records in schema.NAMES order, a partition
    at a time. One query, read through a server-side cursor (`yield_per`: a named cursor on
    PostgreSQL, SQLite's own step-by-step reads), so the whole result is never in memory."""
    lookups = _Lookups(session)
    result = session.execute(
        _row_select(consultation.id).execution_options(yield_per=size, stream_results=True)
    )
    for rows in result.partitions():
        topics = lookups.topics_of([row[0] for row in rows])
        leads = lookups.leads_of({row[15] for row in rows if row[15] is not None})
        batch: list[Record] = []
        for row in rows:
            (sid, public_id, created, page_language, detected, title, body, consent, name,
             organization, sector_id, pillar_id, second_id, country, region,
             campaign_id) = row  # fmt: skip
            author = publication.public_author(consent, name, organization)
            batch.append(
                (
                    public_id,
                    consultation.slug,
                    created.strftime(ISO_UTC),
                    detected or page_language,
                    title,
                    body,
                    author.name,
                    author.organization,
                    lookups.sectors[sector_id],
                    lookups.pillars[pillar_id],
                    lookups.pillars.get(second_id) if second_id is not None else None,
                    topics.get(sid, []),
                    country,
                    region,
                    leads.get(campaign_id) if campaign_id is not None else None,
                )
            )
        yield batch
