"""Signals for moderators, never verdicts (issue 17, point 7): circumstances of a comment that
deserve a second look. Nothing here changes a comment or decides anything.

- *Same e-mail address*: the comment's address is behind at least SIGNAL_SAME_ADDRESS_MIN
  comments of its consultation.
- *Unconfirmed e-mail in a campaign*: the comment gave an address that its owner has not
  confirmed, and it belongs to a form-letter campaign.

A queue page reads them for its rows at once (one grouped SELECT for the first; the second is
the rows' own columns), never one query per row and never a JOIN on the page's keyset query.
The filters use a correlated EXISTS that reads at most SIGNAL_SAME_ADDRESS_MIN index entries
per candidate row (ix_submissions_email_consultation).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from flask import current_app
from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased
from sqlalchemy.sql.elements import ColumnElement

from app.intake.models import Submission

SAME_ADDRESS = "same_address"
UNCONFIRMED_IN_CAMPAIGN = "unconfirmed_in_campaign"


@dataclass(frozen=True)
class RowSignals:
    # How many comments of the consultation share the address, when at least the threshold.
    same_address_count: int | None = None
    unconfirmed_in_campaign: bool = False

    @property
    def any(self) -> bool:
        return bool(self.same_address_count or self.unconfirmed_in_campaign)


NO_SIGNALS = RowSignals()


def same_address_min() -> int:
    """SIGNAL_SAME_ADDRESS_MIN: from how many comments of one consultation an address is
    flagged (never below 2: one comment is not a pattern)."""
    return max(int(current_app.config["SIGNAL_SAME_ADDRESS_MIN"]), 2)


def is_unconfirmed_in_campaign(submission: Submission) -> bool:
    return (
        bool(submission.email)
        and submission.email_confirmed_at is None
        and submission.campaign_id is not None
    )


def unconfirmed_in_campaign_condition() -> ColumnElement[bool]:
    """The same rule as is_unconfirmed_in_campaign, for a WHERE clause."""
    return and_(
        Submission.email.is_not(None),
        Submission.email_confirmed_at.is_(None),
        Submission.campaign_id.is_not(None),
    )


def same_address_condition(minimum: int) -> ColumnElement[bool]:
    """The row's address is behind at least `minimum` comments of its consultation: an
    EXISTS that skips `minimum - 1` matching index entries, so a busy address costs no more
    than a quiet one."""
    other = aliased(Submission)
    nth = (
        select(other.id)
        .where(
            other.email == Submission.email,
            other.consultation_id == Submission.consultation_id,
        )
        .offset(minimum - 1)
        .limit(1)
    )
    return and_(Submission.email.is_not(None), exists(nth))


def signals_for(
    session: Session, rows: Iterable[Submission], minimum: int
) -> dict[int, RowSignals]:
    """Each row's signals by submission id, in one query for the whole page."""
    rows = list(rows)
    addressed = [r for r in rows if r.email]
    counts: dict[tuple[int, str], int] = {}
    if addressed:
        stmt: Any = (
            select(Submission.consultation_id, Submission.email, func.count())
            .where(
                Submission.email.in_({r.email for r in addressed}),
                Submission.consultation_id.in_({r.consultation_id for r in addressed}),
            )
            .group_by(Submission.consultation_id, Submission.email)
            .having(func.count() >= minimum)
        )
        counts = {(c, e): int(n) for c, e, n in session.execute(stmt).tuples()}
    found: dict[int, RowSignals] = {}
    for row in rows:
        signals = RowSignals(
            same_address_count=counts.get((row.consultation_id, row.email or "")),
            unconfirmed_in_campaign=is_unconfirmed_in_campaign(row),
        )
        found[row.id] = signals if signals.any else NO_SIGNALS
    return found
