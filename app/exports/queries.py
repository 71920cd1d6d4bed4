"""Reads for exports: the queue's filters, keyset-paginated batches of plain rows.

Nothing here loads the whole result: each batch is one query of BATCH_SIZE rows ordered by
(created_at, id) and continued after the last row seen (a row-value comparison that both
engines answer from the (status, created_at, id) index), plus one query each for the batch's
topics, attachment counts and campaign sizes. Rows are tuples, not ORM objects, so the session's
identity map never grows; the taxonomy codes come from dictionaries read once.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, func, select, tuple_, type_coerce
from sqlalchemy.orm import Session
from sqlalchemy.types import String

from app.db import UTCDateTime
from app.enums import Audience, SubmissionStatus
from app.exports.readable import ISO_UTC
from app.intake import publication
from app.intake.models import Attachment, StakeholderInvitation, Submission, submission_topics
from app.moderation.queries import QueueFilters
from app.taxonomy.models import Consultation, Organization, Pillar, Sector, Topic
from app.themes.models import Theme, ThemeMember
from app.themes.queries import public_labels

BATCH_SIZE = 2000

Record = tuple[Any, ...]


def export_conditions(session: Session, filters: QueueFilters, audience: Audience) -> list[Any]:
    """The queue's conditions, narrowed to what the audience may see: a public export holds
    what may be published (app.intake.publication) whatever the status filter says."""
    if audience is Audience.PUBLIC:
        filters = QueueFilters(**{**filters.__dict__, "status": None})
    where = QueueFilters(**{**filters.__dict__, "after": None}).conditions(session)
    if audience is Audience.PUBLIC:
        where += publication.publishable_conditions()
    return where


def export_count(session: Session, filters: QueueFilters, audience: Audience) -> int:
    stmt = select(func.count()).select_from(Submission)
    return session.scalar(stmt.where(*export_conditions(session, filters, audience))) or 0


def _codes(session: Session, model: Any, key: Any = None) -> dict[Any, str]:
    stmt = select(model.id, key if key is not None else model.code)
    return dict(session.execute(stmt).tuples().all())


class _Lookups:
    """Codes by id for the small taxonomy tables, and campaign sizes as they are met."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.consultations = _codes(session, Consultation, Consultation.slug)
        self.sectors = _codes(session, Sector)
        self.pillars = _codes(session, Pillar)
        self.organizations = _codes(session, Organization, Organization.name_en)
        topics = select(Topic.id, Topic.code).order_by(Topic.pillar_id, Topic.position)
        self.topics: dict[int, str] = dict(session.execute(topics).tuples().all())
        self.topic_order = {topic_id: n for n, topic_id in enumerate(self.topics)}
        self.campaign_sizes: dict[int, int] = {}
        self.public_labels: dict[int, str] = {}

    def topics_of(self, ids: list[int]) -> dict[int, list[str]]:
        rows = self.session.execute(
            select(submission_topics.c.submission_id, submission_topics.c.topic_id).where(
                submission_topics.c.submission_id.in_(bindparam("ids", expanding=True))
            ),
            {"ids": ids},
        ).all()
        rows = sorted(rows, key=lambda row: self.topic_order.get(row[1], 0))
        found: dict[int, list[str]] = {}
        for submission_id, topic_id in rows:
            found.setdefault(submission_id, []).append(self.topics[topic_id])
        return found

    def attachments_of(self, ids: list[int]) -> dict[int, int]:
        stmt = (
            select(Attachment.submission_id, func.count())
            .where(Attachment.submission_id.in_(bindparam("ids", expanding=True)))
            .group_by(Attachment.submission_id)
        )
        return dict(self.session.execute(stmt, {"ids": ids}).tuples().all())

    def invitations_of(self, ids: list[int]) -> dict[int, str]:
        """The organisation a stakeholder invitation named, for comments sent through one
        (a look-up per batch: the main keyset query stays as it was)."""
        stmt = select(
            StakeholderInvitation.submission_id, StakeholderInvitation.organization
        ).where(StakeholderInvitation.submission_id.in_(bindparam("ids", expanding=True)))
        found = self.session.execute(stmt, {"ids": ids}).tuples().all()
        return {sid: organization for sid, organization in found if sid is not None}

    def themes_of(self, ids: list[int], public: bool = False) -> dict[int, tuple[int, str]]:
        """(theme id, English label) of the comments in a theme; in a public export the label
        a public surface shows (app.themes.queries.public_label: no word of a comment the
        public may not read), written once per theme and export."""
        stmt = (
            select(ThemeMember.submission_id, Theme.id, Theme.label_en)
            .join(Theme, Theme.id == ThemeMember.theme_id)
            .where(ThemeMember.submission_id.in_(bindparam("ids", expanding=True)))
        )
        found = {sid: (tid, label) for sid, tid, label in self.session.execute(stmt, {"ids": ids})}
        if not public:
            return found
        missing = {tid for tid, _label in found.values()} - set(self.public_labels)
        for tid, (label_en, _label_es) in public_labels(self.session, missing).items():
            self.public_labels[tid] = label_en
        return {sid: (tid, self.public_labels.get(tid, "")) for sid, (tid, _l) in found.items()}

    def sizes_of(self, campaign_ids: set[int]) -> dict[int, int]:
        """Approved members per campaign: the copies a reader of the export can see."""
        missing = [c for c in campaign_ids if c not in self.campaign_sizes]
        if missing:
            stmt = (
                select(Submission.campaign_id, func.count())
                .where(
                    Submission.campaign_id.in_(bindparam("ids", expanding=True)),
                    Submission.status == SubmissionStatus.APPROVED,
                )
                .group_by(Submission.campaign_id)
            )
            counted = self.session.execute(stmt, {"ids": missing}).tuples().all()
            self.campaign_sizes.update((cid, n) for cid, n in counted if cid is not None)
            for campaign_id in missing:
                self.campaign_sizes.setdefault(campaign_id, 0)
        return self.campaign_sizes


def _row_select(audience: Audience) -> Any:
    s = Submission
    # Enum columns read as their stored strings: the export writes the value anyway.
    selected = [
        s.id,
        s.created_at,
        s.tracking_code,
        type_coerce(s.status, String),
        s.consultation_id,
        s.sector_id,
        s.organization,
        s.submitter_name,
        s.country_code,
        s.region_code,
        s.primary_pillar_id,
        s.secondary_pillar_id,
        type_coerce(s.page_language, String),
        s.detected_language,
        # The public (redacted) version when a moderator wrote one.
        s.published_title,
        s.published_body,
        type_coerce(s.consent, String),
        s.campaign_id,
        s.verified_organization_id,
    ]
    if audience is Audience.INTERNAL:
        selected += [s.email_confirmed_at, s.disputed_at, s.email]
    return select(*selected)


def raw_batches(
    session: Session, filters: QueueFilters, audience: Audience, batch_size: int = BATCH_SIZE
) -> Iterator[Sequence[Any]]:
    """The matching rows as the database returns them, oldest first, batch by batch."""
    base = _row_select(audience).where(*export_conditions(session, filters, audience))
    base = base.order_by(Submission.created_at, Submission.id).limit(batch_size)
    after: tuple[datetime, int] | None = None
    while True:
        stmt = base
        if after is not None:
            stmt = stmt.where(
                tuple_(Submission.created_at, Submission.id)
                > tuple_(
                    bindparam("after_created", after[0], type_=UTCDateTime()),
                    bindparam("after_id", after[1]),
                )
            )
        rows = session.execute(stmt).all()
        if not rows:
            return
        yield rows
        if len(rows) < batch_size:
            return
        after = (rows[-1][1], rows[-1][0])


def record_batches(
    session: Session, filters: QueueFilters, audience: Audience, batch_size: int = BATCH_SIZE
) -> Iterator[list[Record]]:
    """Export records (tuples in `schema.columns(audience)` order, plain Python values), batch
    by batch. A public export names the author only where app.intake.publication allows."""
    lookups = _Lookups(session)
    public = audience is Audience.PUBLIC
    consultations, sectors, pillars = lookups.consultations, lookups.sectors, lookups.pillars
    for rows in raw_batches(session, filters, audience, batch_size):
        ids = [row[0] for row in rows]
        topics = lookups.topics_of(ids)
        attachments = lookups.attachments_of(ids)
        themes = lookups.themes_of(ids, public)
        invitations = lookups.invitations_of(ids)
        sizes = lookups.sizes_of({row[17] for row in rows if row[17] is not None})
        batch: list[Record] = []
        for row in rows:
            (sid, created, code, status, consultation_id, sector_id, organization, name,
             country, region, pillar_id, secondary_id, page_language, detected, title, body,
             consent, campaign_id, verified_id) = row[:19]  # fmt: skip
            # app.intake.publication.verification_of's rule, on plain rows: a listed
            # organisation first, else the invitation's.
            invited = invitations.get(sid)
            verified = lookups.organizations[verified_id] if verified_id is not None else invited
            if public:
                name, organization = publication.public_author(consent, name, organization)
                verified = publication.public_verified_organization(consent, verified)
            record: Record = (
                code,
                status,
                consultations[consultation_id],
                _utc_stamp(created),
                sectors[sector_id],
                organization,
                verified,
                name,
                country,
                region,
                pillars[pillar_id],
                pillars.get(secondary_id) if secondary_id is not None else None,
                topics.get(sid, []),
                page_language,
                detected,
                detected or page_language,
                title,
                body,
                consent,
                campaign_id,
                sizes[campaign_id] if campaign_id is not None else None,
                attachments.get(sid, 0),
                *themes.get(sid, (None, None)),
            )
            if not public:
                confirmed, disputed, address = row[19:22]
                record += (
                    _utc_stamp(confirmed) if confirmed else None,
                    _utc_stamp(disputed) if disputed else None,
                    address,
                )
            batch.append(record)
        yield batch


def _utc_stamp(moment: datetime) -> str:
    return moment.strftime(ISO_UTC)


def consultations(session: Session) -> list[Consultation]:
    return list(session.scalars(select(Consultation).order_by(Consultation.opens_at.desc())))


def consultation_id(session: Session, slug: str) -> int | None:
    return session.scalar(select(Consultation.id).where(Consultation.slug == slug))
