"""Reads for campaigns: the list largest first, a campaign's members and who is behind it,
and the grouping that packets use to show each campaign once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import cast

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.campaigns.diff import added_parts
from app.campaigns.fingerprint import from_signed, shingles_of
from app.campaigns.models import Campaign, CampaignShingle
from app.enums import SubmissionStatus
from app.intake.models import Submission
from app.taxonomy.models import Sector

LIST_PAGE = 50
MEMBERS_PAGE = 50


@dataclass
class CampaignRow:
    campaign: Campaign
    pending: int


def largest_first(session: Session, page: int = 1) -> tuple[list[CampaignRow], bool]:
    """One page of campaigns, largest first, and whether there is another page."""
    campaigns = list(
        session.scalars(
            select(Campaign)
            .options(selectinload(Campaign.representative))
            .order_by(Campaign.member_count.desc(), Campaign.id)
            .offset((page - 1) * LIST_PAGE)
            .limit(LIST_PAGE + 1)
        )
    )
    more = len(campaigns) > LIST_PAGE
    campaigns = campaigns[:LIST_PAGE]
    pending = pending_counts(session, [c.id for c in campaigns])
    return [CampaignRow(c, pending.get(c.id, 0)) for c in campaigns], more


def pending_counts(session: Session, campaign_ids: Sequence[int]) -> dict[int, int]:
    if not campaign_ids:
        return {}
    rows = (
        session.execute(
            select(Submission.campaign_id, func.count())
            .where(
                Submission.campaign_id.in_(campaign_ids),
                Submission.status == SubmissionStatus.PENDING,
            )
            .group_by(Submission.campaign_id)
        )
        .tuples()
        .all()
    )
    # The column may be NULL, but not in rows the IN filter kept.
    return dict(cast("Sequence[tuple[int, int]]", rows))


def campaign(session: Session, campaign_id: int) -> Campaign | None:
    return session.scalar(
        select(Campaign)
        .where(Campaign.id == campaign_id)
        .options(selectinload(Campaign.representative))
    )


@dataclass
class Pending:
    count: int
    up_to_id: int


def pending_members(session: Session, campaign_id: int) -> Pending:
    count, last = session.execute(
        select(func.count(), func.max(Submission.id)).where(
            Submission.campaign_id == campaign_id, Submission.status == SubmissionStatus.PENDING
        )
    ).one()
    return Pending(count=count or 0, up_to_id=last or 0)


def members(
    session: Session, campaign_id: int, after_id: int = 0, size: int = MEMBERS_PAGE
) -> tuple[list[Submission], int | None]:
    """Members oldest first (the representative leads), a page at a time by id."""
    rows = list(
        session.scalars(
            select(Submission)
            .where(Submission.campaign_id == campaign_id, Submission.id > after_id)
            .options(selectinload(Submission.sector))
            .order_by(Submission.id)
            .limit(size + 1)
        )
    )
    next_after = rows[size - 1].id if len(rows) > size else None
    return rows[:size], next_after


def member(session: Session, campaign_id: int, submission_id: int) -> Submission | None:
    return session.scalar(
        select(Submission).where(
            Submission.id == submission_id, Submission.campaign_id == campaign_id
        )
    )


@dataclass
class Backers:
    organizations: list[tuple[str | None, int]]
    sectors: list[tuple[Sector, int]]
    organizations_total: int


def backers(session: Session, campaign_id: int, limit: int = 30) -> Backers:
    """The organizations (most frequent first) and sectors behind a campaign."""
    in_campaign = Submission.campaign_id == campaign_id
    organizations = (
        session.execute(
            select(Submission.organization, func.count())
            .where(in_campaign)
            .group_by(Submission.organization)
            .order_by(func.count().desc(), Submission.organization)
            .limit(limit)
        )
        .tuples()
        .all()
    )
    total = session.scalar(
        select(func.count(func.distinct(Submission.organization))).where(in_campaign)
    )
    by_sector = dict(
        session.execute(
            select(Submission.sector_id, func.count())
            .where(in_campaign)
            .group_by(Submission.sector_id)
        )
        .tuples()
        .all()
    )
    sectors = list(session.scalars(select(Sector).where(Sector.id.in_(list(by_sector)))))
    return Backers(
        organizations=list(organizations),
        sectors=sorted(((s, by_sector[s.id]) for s in sectors), key=lambda pair: -pair[1]),
        organizations_total=total or 0,
    )


# --- shown once: for packets ---------------------------------------------------------------------


@dataclass
class CampaignGroup:
    """A campaign in place of its copies: its representative text, how many of the given
    submissions belong to it, and the organizations that signed them."""

    campaign: Campaign
    representative: Submission
    members: list[Submission] = field(default_factory=list)
    # member id -> the parts it added to the letter (additions), when asked for.
    added: dict[int, list[str]] = field(default_factory=dict)

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def organizations(self) -> list[str]:
        return sorted({m.organization for m in self.members if m.organization})


def shown_once(
    session: Session, submissions: Sequence[Submission]
) -> list[Submission | CampaignGroup]:
    """The submissions in their order, each campaign's members replaced by one group where
    its first member stood. The representative is the campaign's own when it is among the
    submissions given (e.g. approved ones), else the first of its members given."""
    campaign_ids = {s.campaign_id for s in submissions if s.campaign_id is not None}
    campaigns = {
        c.id: c for c in session.scalars(select(Campaign).where(Campaign.id.in_(campaign_ids)))
    }
    out: list[Submission | CampaignGroup] = []
    groups: dict[int, CampaignGroup] = {}
    for submission in submissions:
        cid = submission.campaign_id
        if cid is None or cid not in campaigns:
            out.append(submission)
            continue
        group = groups.get(cid)
        if group is None:
            group = groups[cid] = CampaignGroup(campaigns[cid], submission)
            out.append(group)
        group.members.append(submission)
        if submission.id == campaigns[cid].representative_submission_id:
            group.representative = submission
    return out


def letter(session: Session, campaign: Campaign) -> np.ndarray:
    """The campaign's letter (its shingle hashes); for a campaign stored before letters were
    kept, its representative's text stands in until `flask campaigns rebuild`."""
    values = list(
        session.scalars(
            select(CampaignShingle.shingle).where(CampaignShingle.campaign_id == campaign.id)
        )
    )
    if values:
        return from_signed(values)
    representative = campaign.representative
    return shingles_of(representative.body) if representative is not None else from_signed([])


def additions(
    session: Session, campaign: Campaign, texts: Sequence[tuple[int, str]]
) -> dict[int, list[str]]:
    """member id -> the parts its text (`texts`: id and the text to read, e.g. the published
    one) added to the campaign's letter; only members that added any."""
    found = letter(session, campaign)
    out: dict[int, list[str]] = {}
    for member_id, text in texts:
        parts = added_parts(found, text)
        if parts:
            out[member_id] = parts
    return out
