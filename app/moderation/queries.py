"""Reads for the moderation queue: filters that live in the URL, keyset pagination."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import and_, exists, func, literal, or_, select, tuple_
from sqlalchemy.orm import Session, load_only, selectinload

from app.campaigns.models import Campaign
from app.enums import EventAction, SubmissionStatus
from app.i18n import localized
from app.intake import publication
from app.intake.models import (
    Attachment,
    ModerationEvent,
    StakeholderInvitation,
    Submission,
    submission_topics,
)
from app.moderation.models import QueueRegionTally, QueueTally
from app.moderation.search import matches, terms
from app.moderation.signals import same_address_condition, unconfirmed_in_campaign_condition
from app.staff.models import User
from app.taxonomy.models import Organization, Pillar, Sector, Topic

PAGE_SIZE = 50


@dataclass
class QueueFilters:
    status: SubmissionStatus | None = SubmissionStatus.PENDING
    consultation_id: int | None = None
    pillar: str | None = None
    topic: str | None = None
    sector: str | None = None
    country: str | None = None
    region: str | None = None
    language: str | None = None
    has_attachment: bool | None = None
    # True: only campaign members, largest campaign first; False: only comments in none.
    in_campaign: bool | None = None
    # True: the address's owner followed the receipt's confirmation link; False: not (yet).
    email_confirmed: bool | None = None
    # True: reported "I did not send this" and not yet settled by a moderator.
    disputed: bool | None = None
    # True: the confirmed address is at a listed organisation's domain (app.intake.confirmation).
    verified: bool | None = None
    # Signals (app.moderation.signals): only comments whose address is behind at least this
    # many comments of their consultation; only unconfirmed addresses inside a campaign.
    same_address_min: int | None = None
    unconfirmed_in_campaign: bool = False
    since: date | None = None
    until: date | None = None
    search: str | None = None
    after: tuple[datetime, int] | None = None  # keyset cursor: (created_at, id) of the last row

    def _shared_conditions(self, table: Any) -> list[Any]:
        """The filters on columns that `submissions` and the tallies both have, over `table`."""
        where: list[Any] = []
        if self.status is not None:
            where.append(table.status == self.status.value)
        if self.consultation_id:
            where.append(table.consultation_id == self.consultation_id)
        if self.pillar:
            pillar_id = select(Pillar.id).where(Pillar.code == self.pillar).scalar_subquery()
            where.append(
                or_(table.primary_pillar_id == pillar_id, table.secondary_pillar_id == pillar_id)
            )
        if self.sector:
            where.append(
                table.sector_id
                == select(Sector.id).where(Sector.code == self.sector).scalar_subquery()
            )
        if self.language:
            where.append(table.detected_language == self.language)
        return where

    def conditions(self, session: Session) -> list[Any]:
        where: list[Any] = []
        if self.search:
            clause = matches(session, self.search)
            if clause is not None:
                where.append(clause)
        where += self._shared_conditions(Submission)
        if self.topic:
            where.append(
                exists().where(
                    submission_topics.c.submission_id == Submission.id,
                    submission_topics.c.topic_id
                    == select(Topic.id).where(Topic.code == self.topic).scalar_subquery(),
                )
            )
        if self.country:
            where.append(Submission.country_code == self.country)
        if self.region:
            where.append(Submission.region_code == self.region)
        if self.has_attachment is not None:
            has = exists().where(Attachment.submission_id == Submission.id)
            where.append(has if self.has_attachment else ~has)
        if self.in_campaign is not None:
            in_one = Submission.campaign_id.is_not(None)
            where.append(in_one if self.in_campaign else Submission.campaign_id.is_(None))
        if self.disputed is not None:
            disputed = Submission.disputed_at
            where.append(disputed.is_not(None) if self.disputed else disputed.is_(None))
        if self.email_confirmed is not None:
            confirmed = Submission.email_confirmed_at
            where.append(confirmed.is_not(None) if self.email_confirmed else confirmed.is_(None))
        if self.verified is not None:
            verified = publication.verified_condition()
            where.append(verified if self.verified else ~verified)
        if self.same_address_min:
            where.append(same_address_condition(self.same_address_min))
        if self.unconfirmed_in_campaign:
            where.append(unconfirmed_in_campaign_condition())
        if self.since:
            where.append(Submission.created_at >= datetime.combine(self.since, time(), UTC))
        if self.until:
            end = datetime.combine(self.until + timedelta(days=1), time(), UTC)
            where.append(Submission.created_at < end)
        return where

    def tally(self) -> tuple[Any, list[Any]] | None:
        """The tally table that answers these filters and the same filters over it, or None
        when one of them is not a tally column (topic, attachments, dates, search)."""
        if self.topic or self.has_attachment is not None or self.since or self.until:
            return None
        if any(v is not None for v in (self.email_confirmed, self.disputed, self.verified)):
            return None
        if self.same_address_min or self.unconfirmed_in_campaign:
            return None
        if self.search and terms(self.search):
            return None
        if self.region and self.country:  # the state names its country; both: count rows
            return None
        table: Any = QueueRegionTally if self.region else QueueTally
        where = self._shared_conditions(table)
        if self.region:
            where.append(QueueRegionTally.region_code == self.region)
        if self.country:
            where.append(QueueTally.country_code == self.country)
        if self.in_campaign is not None:
            where.append(table.in_campaign.is_(self.in_campaign))
        return table, where


@dataclass
class QueuePage:
    rows: list[Any]  # Row of ROW_COLUMNS
    next_cursor: tuple[datetime, int] | None
    counts: StatusCounts = field(default_factory=lambda: StatusCounts({}))
    # What the rows show of their campaign, holder and verified organisation, by id.
    campaign_sizes: dict[int, int] = field(default_factory=dict)
    holders: dict[int, str] = field(default_factory=dict)
    organizations: dict[int, Organization] = field(default_factory=dict)
    # How each verified row is verified (publication.verification_of), by submission id.
    verifications: dict[int, publication.Verification] = field(default_factory=dict)

    def fill(self, session: Session) -> QueuePage:
        """Read what the rows show of their campaign (its size), holder (the address) and
        verified organisation, one SELECT for each only when a row has one: most pages
        have none, and an ORM relationship load cost more to plan than to run."""
        campaigns = {r.campaign_id for r in self.rows if r.campaign_id is not None}
        holders = {r.claimed_by_id for r in self.rows if r.claimed_by_id is not None}
        if campaigns:
            stmt = select(Campaign.id, Campaign.member_count).where(Campaign.id.in_(campaigns))
            self.campaign_sizes = dict(session.execute(stmt).tuples().all())
        if holders:
            stmt_users = select(User.id, User.email).where(User.id.in_(holders))
            self.holders = dict(session.execute(stmt_users).tuples().all())
        vouchers = vouchers_of(session, self.rows)
        self.organizations = vouchers.organizations
        for r in self.rows:
            found = vouchers.verification(r)
            if found is not None:
                self.verifications[r.id] = found
        return self


@dataclass
class Vouchers:
    """Who vouches for each of a page's rows: the listed organisations their confirmed
    addresses verified (by id) and the organisations of their invitations (by submission id),
    read in one SELECT each instead of two relationship loads."""

    organizations: dict[int, Organization] = field(default_factory=dict)
    invited: dict[int, str] = field(default_factory=dict)

    def verification(self, row: Any, lang: str | None = None) -> publication.Verification | None:
        """publication.verification_of for a plain row (or a Submission) of the page."""
        org = self.organizations.get(row.verified_organization_id or 0)
        return publication.verification_from(
            localized(org, "name", lang) if org is not None else None, self.invited.get(row.id)
        )


def vouchers_of(session: Session, rows: list[Any]) -> Vouchers:
    """The organisations that vouch for `rows` (each with `id` and `verified_organization_id`):
    one SELECT only when a row has a verified organisation, one by the rows' ids for
    invitations (a comment holds at most one)."""
    found = Vouchers()
    verified = {r.verified_organization_id for r in rows if r.verified_organization_id is not None}
    if verified:
        organizations = session.scalars(
            select(Organization)
            .where(Organization.id.in_(verified))
            .options(load_only(Organization.id, Organization.name_en, Organization.name_es))
        )
        found.organizations = {o.id: o for o in organizations}
    if rows:
        stmt = select(StakeholderInvitation.submission_id, StakeholderInvitation.organization)
        stmt = stmt.where(StakeholderInvitation.submission_id.in_([r.id for r in rows]))
        for submission_id, organization in session.execute(stmt).tuples():
            if submission_id is not None:
                found.invited[submission_id] = organization
    return found


# The columns a queue row reads (queue.html, signals_for), as plain rows: not the comment's
# text, which is most of a row's bytes, and no ORM objects to build and track. What a row
# shows of related rows comes in separate SELECTs (QueuePage.fill), not JOINs: joined,
# PostgreSQL joined every remaining row before the LIMIT on a deep page (18 ms instead of
# 0.1). Pillar, sector and place are named from the taxonomy's cached names
# (app.moderation.filters.TaxonomyNames).
ROW_COLUMNS = (
    Submission.id, Submission.tracking_code, Submission.consultation_id, Submission.status,
    Submission.version, Submission.created_at, Submission.title, Submission.email,
    Submission.disputed_at, Submission.email_confirmed_at, Submission.verified_organization_id,
    Submission.campaign_id, Submission.primary_pillar_id, Submission.sector_id,
    Submission.region_code, Submission.country_code, Submission.claimed_by_id,
    Submission.claimed_until,
)  # fmt: skip


def queue_page(session: Session, filters: QueueFilters, size: int = PAGE_SIZE) -> QueuePage:
    """Oldest first; the next page starts after the last row seen (no OFFSET, so page 60 is
    as fast as page 1 and rows do not shift under a moderator while others decide)."""
    stmt = select(*ROW_COLUMNS).where(*filters.conditions(session))
    if filters.in_campaign:
        return _campaign_page(session, stmt, filters, size)
    if filters.after:
        created, last_id = filters.after
        stmt = stmt.where(
            # A row-value comparison is one index range on (status, created_at, id) for
            # PostgreSQL; the redundant lower bound does the same for SQLite. Spelled as
            # an OR, a deep page took 0.5 s at a million rows.
            Submission.created_at >= created,
            tuple_(Submission.created_at, Submission.id)
            > tuple_(literal(created), literal(last_id)),
        )
    stmt = stmt.order_by(Submission.created_at, Submission.id).limit(size + 1)
    rows = list(session.execute(stmt))
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = (rows[-1].created_at, rows[-1].id)
    page = QueuePage(rows=rows, next_cursor=next_cursor, counts=status_counts(session, filters))
    return page.fill(session)


def _campaign_page(session: Session, stmt: Any, filters: QueueFilters, size: int) -> QueuePage:
    """Campaign members, largest campaign first, each campaign's members oldest first. The
    cursor is still the last row's (created_at, id); its campaign's place is read again."""
    stmt = stmt.join(Campaign, Campaign.id == Submission.campaign_id)
    if filters.after:
        created, last_id = filters.after
        place = session.execute(
            select(Campaign.member_count, Campaign.id)
            .join(Submission, Submission.campaign_id == Campaign.id)
            .where(Submission.id == last_id)
        ).one_or_none()
        if place is not None:
            count, campaign_id = place
            stmt = stmt.where(
                or_(
                    Campaign.member_count < count,
                    and_(Campaign.member_count == count, Campaign.id > campaign_id),
                    and_(
                        Campaign.id == campaign_id,
                        or_(
                            Submission.created_at > created,
                            and_(Submission.created_at == created, Submission.id > last_id),
                        ),
                    ),
                )
            )
    stmt = stmt.order_by(
        Campaign.member_count.desc(), Campaign.id, Submission.created_at, Submission.id
    ).limit(size + 1)
    rows = list(session.execute(stmt))
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = (rows[-1].created_at, rows[-1].id)
    page = QueuePage(rows=rows, next_cursor=next_cursor, counts=status_counts(session, filters))
    return page.fill(session)


# A filtered view counts matching rows itself (the tallies do not know topics, attachments,
# dates or words) and stops here, so no filter can make a queue page slow.
COUNT_CAP = 5_000


@dataclass
class StatusCounts:
    """Comments per status under the view's filters (the status filter itself aside). When
    more than `COUNT_CAP` match filters the tallies cannot answer, `over_cap` is True and
    the numbers are not shown: a count that stopped part-way would mislead."""

    by_status: dict[SubmissionStatus, int]
    over_cap: bool = False
    cap: int = COUNT_CAP
    # True when no filter but the status one narrows them: the counts of the whole queue.
    whole_queue: bool = False

    def items(self) -> list[tuple[SubmissionStatus, int | None]]:
        return [(s, None if self.over_cap else n) for s, n in self.by_status.items()]


def status_counts(session: Session, filters: QueueFilters) -> StatusCounts:
    """How many per status under the same filters (the status filter itself aside): from the
    trigger-kept tallies when every filter is one of their columns, else counted up to
    COUNT_CAP."""
    others = replace(filters, status=None, after=None)
    tally = others.tally()
    if tally is not None:
        whole = others == QueueFilters(status=None)
        return StatusCounts(_tally_counts(session, *tally), whole_queue=whole)
    return _capped_counts(session, others)


def _tally_counts(session: Session, table: Any, where: list[Any]) -> dict[SubmissionStatus, int]:
    stmt = select(table.status, func.sum(table.total)).where(*where).group_by(table.status)
    found = {status: int(total or 0) for status, total in session.execute(stmt).tuples()}
    return {status: found.get(status.value, 0) for status in SubmissionStatus}


def _capped_counts(session: Session, filters: QueueFilters) -> StatusCounts:
    cap = COUNT_CAP
    matching = (
        select(Submission.status).where(*filters.conditions(session)).limit(cap + 1)
    ).subquery()
    stmt = select(matching.c.status, func.count()).group_by(matching.c.status)
    found = dict(session.execute(stmt).tuples().all())
    return StatusCounts(
        {status: found.get(status, 0) for status in SubmissionStatus},
        over_cap=sum(found.values()) > cap,
        cap=cap,
    )


def submission_for_staff(session: Session, submission_id: int) -> Submission | None:
    return session.scalar(
        select(Submission)
        .where(Submission.id == submission_id)
        .options(
            selectinload(Submission.attachments),
            selectinload(Submission.topics),
            selectinload(Submission.events).selectinload(ModerationEvent.actor),
        )
    )


def attachment_for_staff(session: Session, attachment_id: int) -> Attachment | None:
    return session.get(Attachment, attachment_id)


def submissions_by_ids(session: Session, ids: list[int]) -> list[Submission]:
    return list(session.scalars(select(Submission).where(Submission.id.in_(ids))))


@dataclass
class QueueHealth:
    pending: int
    oldest_pending: datetime | None
    decisions_today: list[tuple[str, int]]


def queue_health(
    session: Session, day_start: datetime, seen: tuple[QueueFilters, QueuePage] | None = None
) -> QueueHealth:
    """The backlog (pending comments, the oldest one's age) and today's decisions per
    moderator. `seen` is the queue page shown beside it with its filters: what that page
    already read is not read again (its counts are the whole queue's when unfiltered; its
    first row is the oldest pending comment on the default view)."""
    pending: int | None = None
    oldest: Any = None
    known_oldest = False
    if seen is not None:
        filters, page = seen
        if page.counts.whole_queue:
            pending = page.counts.by_status[SubmissionStatus.PENDING]
        if filters == QueueFilters():  # every pending comment, oldest first, first page
            oldest = page.rows[0].created_at if page.rows else None
            known_oldest = True
    oldest_query = (
        select(func.min(Submission.created_at))
        .where(Submission.status == SubmissionStatus.PENDING)
        .scalar_subquery()
    )
    if pending is None:
        pending, oldest = session.execute(  # one round trip for both
            select(
                select(func.coalesce(func.sum(QueueTally.total), 0))
                .where(QueueTally.status == SubmissionStatus.PENDING.value)
                .scalar_subquery(),
                oldest_query,
            )
        ).one()
    elif not known_oldest:
        oldest = session.scalar(select(oldest_query))
    if isinstance(oldest, str):  # SQLite returns MIN() of a timestamp as text
        oldest = datetime.fromisoformat(oldest)
    if oldest is not None and oldest.tzinfo is None:
        oldest = oldest.replace(tzinfo=UTC)
    decided = (
        session.execute(
            select(User.email, func.count())
            .join(ModerationEvent.actor)
            .where(
                ModerationEvent.action == EventAction.STATUS_CHANGED,
                ModerationEvent.created_at >= day_start,
            )
            .group_by(User.email)
            .order_by(func.count().desc(), User.email)
        )
        .tuples()
        .all()
    )
    return QueueHealth(
        pending=int(pending or 0), oldest_pending=oldest, decisions_today=list(decided)
    )
