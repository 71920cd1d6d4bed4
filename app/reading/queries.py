"""Reads for the reading workspace: a consultation's approved comments under the moderation
queue's filters and accent-blind search (app.moderation.queries.QueueFilters), narrowed further
by theme, consent and publication (app.intake.publication decides what is cleared), oldest
first, a keyset page at a time, with how many match in all and per pillar."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from sqlalchemy import and_, exists, func, literal, not_, select, tuple_, union_all
from sqlalchemy.orm import Session, selectinload

from app.enums import Consent, SubmissionStatus
from app.intake import publication
from app.intake.models import Submission
from app.moderation.queries import QueueFilters
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.models import Consultation, Pillar
from app.themes.models import Theme, ThemeMember

PAGE_SIZE = 50
# The theme filter's value for "comments in no theme" (besides a theme's id).
NO_THEME = "none"


@dataclass
class ReadingFilters:
    """What the workspace shows of one consultation: all in the URL."""

    consultation_id: int
    pillar: str | None = None
    topic: str | None = None
    sector: str | None = None
    country: str | None = None
    region: str | None = None
    language: str | None = None
    search: str | None = None
    # A theme's id, or NO_THEME.
    theme: str | None = None
    consent: Consent | None = None
    # True: cleared for publication (app.intake.publication); False: not.
    cleared: bool | None = None
    after: tuple[datetime, int] | None = None  # keyset cursor: (created_at, id) of the last row

    def queue_filters(self) -> QueueFilters:
        """The same filters in the queue's terms: approved comments of the consultation."""
        return QueueFilters(
            status=SubmissionStatus.APPROVED,
            consultation_id=self.consultation_id,
            pillar=self.pillar,
            topic=self.topic,
            sector=self.sector,
            country=self.country,
            region=self.region,
            language=self.language,
            search=self.search,
        )

    def conditions(self, session: Session) -> list[Any]:
        where = self.queue_filters().conditions(session)
        if self.theme == NO_THEME:
            where.append(~exists().where(ThemeMember.submission_id == Submission.id))
        elif self.theme:
            where.append(
                exists().where(
                    ThemeMember.submission_id == Submission.id,
                    ThemeMember.theme_id == int(self.theme),
                )
            )
        if self.consent is not None:
            where.append(Submission.consent == self.consent)
        if self.cleared is not None:
            rule = and_(*publication.publishable_conditions())
            where.append(rule if self.cleared else not_(rule))
        return where


@dataclass
class ReadingPage:
    rows: list[Submission]
    next_cursor: tuple[datetime, int] | None
    # The theme each comment of the page sits in (comments in none are absent).
    themes: dict[int, Theme]


def _row_options() -> tuple[Any, ...]:
    """What a comment shows, in separate SELECTs (one per relation for the whole page)."""
    return (
        selectinload(Submission.primary_pillar),
        selectinload(Submission.secondary_pillar),
        selectinload(Submission.sector),
        selectinload(Submission.region),
        selectinload(Submission.country),
        selectinload(Submission.topics),
        selectinload(Submission.campaign),
        selectinload(Submission.verified_organization).lazyload("*"),
    )


def comments_page(session: Session, filters: ReadingFilters, size: int = PAGE_SIZE) -> ReadingPage:
    """Oldest first; the next page starts after the last row seen (no OFFSET, so comments
    approved meanwhile do not shift the pages someone is reading through)."""
    stmt = select(Submission).where(*filters.conditions(session))
    if filters.after:
        created, last_id = filters.after
        stmt = stmt.where(
            Submission.created_at >= created,
            tuple_(Submission.created_at, Submission.id)
            > tuple_(literal(created), literal(last_id)),
        )
    stmt = (
        stmt.options(*_row_options()).order_by(Submission.created_at, Submission.id).limit(size + 1)
    )
    rows = list(session.scalars(stmt))
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = (rows[-1].created_at, rows[-1].id)
    return ReadingPage(rows, next_cursor, themes_of(session, [row.id for row in rows]))


def comment(session: Session, submission_id: int) -> Submission | None:
    """One comment with what the workspace shows of it, whatever its status (the view shows
    only an approved one)."""
    return session.scalar(
        select(Submission).where(Submission.id == submission_id).options(*_row_options())
    )


def themes_of(session: Session, submission_ids: list[int]) -> dict[int, Theme]:
    if not submission_ids:
        return {}
    rows = session.execute(
        select(ThemeMember.submission_id, Theme)
        .join(Theme, Theme.id == ThemeMember.theme_id)
        .where(ThemeMember.submission_id.in_(sorted(submission_ids)))
    ).tuples()
    return dict(rows.all())


def _tally(filters: ReadingFilters) -> tuple[Any, list[Any]] | None:
    """The queue's trigger-kept tally table and the filters over it, when it can answer them
    (app.moderation.queries.QueueFilters.tally): the counts of a page without search, topic,
    theme, consent or publication filter are then sums over a few hundred rows, not a count
    over every comment's row."""
    if filters.theme or filters.consent is not None or filters.cleared is not None:
        return None
    return filters.queue_filters().tally()


def total(session: Session, filters: ReadingFilters) -> int:
    """How many comments match every filter (the cursor aside)."""
    tally = _tally(filters)
    if tally is not None:
        table, where = tally
        return int(session.scalar(select(func.sum(table.total)).where(*where)) or 0)
    where = replace(filters, after=None).conditions(session)
    return session.scalar(select(func.count()).select_from(Submission).where(*where)) or 0


def pillar_counts(session: Session, filters: ReadingFilters) -> list[tuple[Pillar, int]]:
    """Per pillar, how many comments match the other filters, counted as the pillar filter
    selects: a comment with a second pillar counts under both, so following a count shows
    exactly that many comments."""
    others = replace(filters, pillar=None, after=None)
    tally = _tally(others)
    if tally is not None:
        table, where = tally
        weight = table.total
    else:
        table, where, weight = Submission, others.conditions(session), literal(1)
    main = select(table.primary_pillar_id.label("pillar_id"), weight.label("n")).where(*where)
    second = select(table.secondary_pillar_id.label("pillar_id"), weight.label("n")).where(
        *where,
        # A tally row holds 0 for "no second pillar".
        table.secondary_pillar_id.is_not(None),
        table.secondary_pillar_id != 0,
        table.secondary_pillar_id != table.primary_pillar_id,
    )
    both = union_all(main, second).subquery()
    counted = (
        select(both.c.pillar_id, func.sum(both.c.n).label("comments"))
        .group_by(both.c.pillar_id)
        .subquery()
    )
    stmt = (
        select(Pillar, counted.c.comments)
        .join(counted, counted.c.pillar_id == Pillar.id)
        .order_by(Pillar.position, Pillar.id)
    )
    return [(pillar, int(count)) for pillar, count in session.execute(stmt).tuples() if count]


def consultations(session: Session) -> list[Consultation]:
    """Every consultation, newest window first, archived ones last."""
    return taxonomy_queries.all_consultations(session)


def default_consultation(session: Session, among: list[Consultation]) -> Consultation | None:
    """The consultation shown when none is chosen: the open one that opened last, else the
    newest (the first of `among`)."""
    open_ones = taxonomy_queries.open_consultations(session)
    if open_ones:
        return max(open_ones, key=lambda c: (c.opens_at, c.id))
    return among[0] if among else None


def consultation_themes(session: Session, consultation_id: int) -> list[Theme]:
    """A consultation's themes for the theme filter: by pillar, then by support, dismissed
    ones last."""
    return list(
        session.scalars(
            select(Theme)
            .join(Pillar, Pillar.id == Theme.pillar_id)
            .where(Theme.consultation_id == consultation_id)
            .options(selectinload(Theme.pillar))
            .order_by(Pillar.position, Pillar.id, Theme.dismissed, Theme.support.desc(), Theme.id)
        )
    )
