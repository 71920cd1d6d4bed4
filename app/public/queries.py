"""Reads for the public record (the pages and the API): a consultation's publishable comments,
newest first, filtered as the moderation queue filters (its conditions and its accent-blind
search, app.moderation), with what may be shown decided by app.intake.publication alone.

A campaign appears once, as its earliest publishable member, with the number of the others;
its members are listed when the campaign is asked for by that member's public id."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import astuple, dataclass, field, replace
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import and_, bindparam, case, exists, func, literal, or_, select, tuple_, union_all
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.sql.util import ClauseAdapter

from app.agenda import queries as agenda_queries
from app.agenda.models import AgendaEntry
from app.db import plans_for_values
from app.enums import OutcomeKind
from app.intake import publication
from app.intake.models import Submission, submission_topics
from app.intake.publication import Verification
from app.moderation.models import PublicTally
from app.moderation.queries import QueueFilters, Vouchers, vouchers_of
from app.moderation.search import SQL_FOLDS, contained_in, matches, terms
from app.taxonomy import queries as taxonomy_queries
from app.taxonomy.queries import PillarName

PAGE_SIZE = 50
# The `outcome` filter's value for "any outcome" (besides each OutcomeKind's value).
ANY_OUTCOME = "any"


@dataclass
class PublicFilters:
    """What a visitor or an API client may filter by: all in the URL."""

    pillar: str | None = None
    topic: str | None = None
    sector: str | None = None
    country: str | None = None
    state: str | None = None
    language: str | None = None
    search: str | None = None
    # Only comments on an agenda item or in a theme with an outcome: ANY_OUTCOME, or an
    # OutcomeKind value (the item's or the theme's current outcome).
    outcome: str | None = None
    # The public id of a campaign's first published member: list the whole campaign.
    campaign: str | None = None
    after: tuple[datetime, int] | None = None  # keyset cursor: (created_at, id) of the last row

    def queue_filters(self, consultation_id: int) -> QueueFilters:
        """The same filters in the queue's terms (status is left to the publication rule)."""
        return QueueFilters(
            status=None,
            consultation_id=consultation_id,
            pillar=self.pillar,
            topic=self.topic,
            sector=self.sector,
            country=self.country,
            region=self.state,
            language=self.language,
            # Not the queue's search: the public one reads the shown text (see below).
            search=None,
        )

    def conditions(self, session: Session, consultation_id: int) -> list[Any]:
        """What may be published, narrowed by every filter but the campaign and the cursor."""
        where = [
            *publication.publishable_conditions(),
            *self.queue_filters(consultation_id).conditions(session),
            *_search_conditions(session, self.search),
        ]
        if self.outcome:
            kind = None if self.outcome == ANY_OUTCOME else OutcomeKind(self.outcome)
            where.append(agenda_queries.with_outcome(kind))
        return where


@cache
def _publishable_other() -> tuple[Any, list[Any]]:
    """Another row of `submissions` and the publication rule over it (the one rule, adapted
    to the alias: never restated). Built once per process: adapting the rule to the alias
    cost about 5 ms a request, and the expressions are immutable, so every statement may
    share them."""
    other = Submission.__table__.alias("other_member")
    adapter = ClauseAdapter(other)
    return other, [adapter.traverse(c) for c in publication.publishable_conditions()]


def _first_published_member() -> Any:
    """True for a comment in no campaign, or the earliest publishable member of its own."""
    other, rule = _publishable_other()
    earlier = exists().where(
        other.c.campaign_id == Submission.campaign_id, other.c.id < Submission.id, *rule
    )
    return Submission.campaign_id.is_(None) | ~earlier


def _shown_text() -> Any:
    """What the public sees of a comment that search reads: its public title and text, and
    its organization only when the author may be named."""
    organization = case(
        (publication.may_name_condition(), func.coalesce(Submission.organization, "")),
        else_="",
    )
    return Submission.published_title + " " + organization + " " + Submission.published_body


def _search_conditions(session: Session, search: str | None) -> list[Any]:
    """The search as one condition (either of its branches)."""
    branches = _search_branches(session, search)
    return [or_(*branches)] if branches else []


def _search_branches(session: Session, search: str | None) -> list[Any]:
    """The queue's index holds the words of the original title, text and organization; the
    public must find a comment only by what it shows. A comment as written is found through
    the index (its words, less an anonymous author's organization: those must be in the shown
    text too); a redacted one by its shown text alone. So a search for a name a moderator
    took out never finds the comment it was taken out of. Two branches that exclude each
    other, so a count may take each through its own index (the full-text one; the partial
    `ix_submissions_redacted`) and add them up."""
    index = matches(session, search) if search else None
    if search is None or index is None:  # no words to look for
        return []
    shown = and_(*contained_in(_shown_text(), search))
    redacted = Submission.redacted
    return [
        and_(
            ~redacted,
            index,
            or_(publication.may_name_condition(), Submission.organization.is_(None), shown),
        ),
        and_(redacted, *_may_contain(_shown_text(), search), shown),
    ]


# The letters app.moderation.search.folded turns accented letters into.
_FOLDED_TO = frozenset(plain for _accented, plain in SQL_FOLDS)


def _may_contain(expr: Any, search: str) -> list[Any]:
    """A cheap condition true of every text whose folded form (app.moderation.search.folded)
    holds each term: the lower-cased text holds the term with any letter an accented one
    folds into left open (`_`). Folding copies the text once per accented letter (fourteen
    `replace` calls); this reads it once, so the fold runs only on the few texts that pass
    (a searched list's counts read every redacted comment: 40 ms of folding at 200,000 rows
    on PostgreSQL, 80 on SQLite)."""

    def pattern(term: str) -> str:
        # Escaped as contained_in escapes its terms (a `%` typed stays a wildcard there too).
        letters = (
            "_" if ch in _FOLDED_TO else ch.replace("\\", "\\\\").replace("_", "\\_") for ch in term
        )
        return "%" + "".join(letters) + "%"

    return [func.lower(expr).like(pattern(term), escape="\\") for term in terms(search)]


def conditions(session: Session, consultation_id: int, filters: PublicFilters) -> list[Any]:
    where = filters.conditions(session, consultation_id)
    if filters.campaign is not None:
        campaign_id = (
            select(Submission.campaign_id)
            .where(Submission.public_id == filters.campaign, *publication.publishable_conditions())
            .scalar_subquery()
        )
        where.append(Submission.campaign_id == campaign_id)
    else:
        where.append(_first_published_member())
    return where


# The rows' topics (PublicPage.fill), built once: named from the taxonomy's cached codes.
_TOPICS_OF = select(submission_topics.c.submission_id, submission_topics.c.topic_id).where(
    submission_topics.c.submission_id.in_(bindparam("ids", expanding=True))
)


@dataclass
class PublicPage:
    rows: list[Submission]
    next_cursor: tuple[datetime, int] | None
    # For each campaign on the page: how many other publishable comments sent the same letter.
    others: dict[int, int] = field(default_factory=dict)
    # Who vouches for the rows, and their topics' codes by submission id (fill).
    vouchers: Vouchers = field(default_factory=Vouchers)
    topics: dict[int, list[str]] = field(default_factory=dict)

    def fill(self, session: Session, topics: bool = False) -> PublicPage:
        """Read what the rows show of related rows, one SELECT each (the queue's way,
        QueuePage.fill): who vouches for them and, for the API, their topics. Pillars,
        sectors and places are named from the taxonomy's cached names
        (app.moderation.filters.taxonomy_names): the six relationship loads they replace
        cost more to plan than to run."""
        self.vouchers = vouchers_of(session, self.rows)
        if topics and self.rows:
            codes = taxonomy_queries.topic_codes(session)
            self.topics = {r.id: [] for r in self.rows}
            found = session.execute(_TOPICS_OF, {"ids": [r.id for r in self.rows]})
            for submission_id, topic_id in found.tuples():
                self.topics[submission_id].append(codes[topic_id])
            for listed in self.topics.values():
                listed.sort()
        return self

    def verification(self, row: Submission, lang: str | None = None) -> Verification | None:
        """publication.public_verification of a row of the page, in `lang` (the page's by
        default)."""
        return publication.public_verification_from(
            row.consent, self.vouchers.verification(row, lang)
        )


def _row_options() -> tuple[Any, ...]:
    return (
        selectinload(Submission.primary_pillar),
        selectinload(Submission.secondary_pillar),
        selectinload(Submission.sector),
        selectinload(Submission.region),
        selectinload(Submission.country),
        selectinload(Submission.topics),
        # What the verification mark reads (app.intake.publication.public_verification).
        selectinload(Submission.verified_organization),
        selectinload(Submission.invitation),
    )


# Page statements by engine, consultation and filters (the cursor's values are bound at
# each request): building the statement and its cache key cost 0.3-0.9 ms of CPU a page. Only
# the SQL is kept, never rows; every condition is a pure function of these keys.
_PAGE_STATEMENTS: dict[tuple[Any, ...], Any] = {}
_PAGE_STATEMENTS_KEPT = 512


def _page_statement(
    session: Session, consultation_id: int, filters: PublicFilters, size: int
) -> Any:
    key = (
        session.get_bind().dialect.name,
        consultation_id,
        astuple(replace(filters, after=None)),
        filters.after is not None,
        size,
    )
    found = _PAGE_STATEMENTS.get(key)
    if found is not None:
        return found
    stmt = select(Submission).where(*conditions(session, consultation_id, filters))
    if filters.after:
        after_at = bindparam("after_at", type_=Submission.created_at.type)
        stmt = stmt.where(
            Submission.created_at <= after_at,
            tuple_(Submission.created_at, Submission.id)
            < tuple_(after_at, bindparam("after_id", type_=Submission.id.type)),
        )
    stmt = stmt.order_by(Submission.created_at.desc(), Submission.id.desc()).limit(size + 1)
    if len(_PAGE_STATEMENTS) >= _PAGE_STATEMENTS_KEPT:
        _PAGE_STATEMENTS.clear()
    _PAGE_STATEMENTS[key] = stmt
    return stmt


def comments_page(
    session: Session,
    consultation_id: int,
    filters: PublicFilters,
    size: int = PAGE_SIZE,
    with_topics: bool = False,
) -> PublicPage:
    """Newest first; the next page starts after the last row seen (no OFFSET: a deep page is
    as fast as the first, and new comments do not shift the pages a reader is going through).
    The rows' relationships are not loaded: PublicPage.fill reads what a page shows of them."""
    plans_for_values(session)
    stmt = _page_statement(session, consultation_id, filters, size)
    params = {}
    if filters.after:
        params = {"after_at": filters.after[0], "after_id": filters.after[1]}
    rows = list(session.scalars(stmt, params))
    next_cursor = None
    if len(rows) > size:
        rows = rows[:size]
        next_cursor = (rows[-1].created_at, rows[-1].id)
    others = {}
    if filters.campaign is None:
        others = other_members(session, [r.campaign_id for r in rows if r.campaign_id])
    return PublicPage(rows=rows, next_cursor=next_cursor, others=others).fill(
        session, topics=with_topics
    )


def other_members(session: Session, campaign_ids: Sequence[int]) -> dict[int, int]:
    """Per campaign, its publishable members but one (the one shown)."""
    if not campaign_ids:
        return {}
    stmt = (
        select(Submission.campaign_id, func.count())
        .where(Submission.campaign_id.in_(set(campaign_ids)), *publication.publishable_conditions())
        .group_by(Submission.campaign_id)
    )
    return {cid: count - 1 for cid, count in session.execute(stmt).tuples() if cid is not None}


# Each pillar's count stops here: a count of every published comment on each visit grew with
# the record (about a second a page at a million on PostgreSQL: the `public` benchmark) and a
# visitor needs "more than 10,000", not the exact figure, to choose a pillar.
COUNT_CAP = 10_000


def pillar_counts(
    session: Session, consultation_id: int, filters: PublicFilters
) -> list[tuple[PillarName, int]]:
    """Publishable comments per main pillar under the other filters (every letter of a
    campaign counts: each was sent by someone), each counted up to COUNT_CAP + 1 (more than
    COUNT_CAP: show it as such). Pillars without any are left out."""
    others = replace(filters, pillar=None, after=None, campaign=None)
    pillars = taxonomy_queries.pillars_in_order(session)
    if not pillars:
        return []
    found: dict[int, int] | None
    plans_for_values(session)
    if others == PublicFilters():  # nothing narrows the view: the trigger-kept tally
        found = _tallied_counts(session, consultation_id)
    else:
        found = _narrowed_counts(session, consultation_id, others, len(pillars))
    if found is None:
        found = _counts_each(session, others.conditions(session, consultation_id), pillars)
    return [(p, min(found[p.id], COUNT_CAP + 1)) for p in pillars if found.get(p.id)]


def _tallied_counts(session: Session, consultation_id: int) -> dict[int, int]:
    """Every publishable comment per main pillar, from `public_tallies` (kept by database
    triggers under app.intake.publication's rule; app.moderation.tallies checks them): a sum
    over a few rows instead of a count over the record (40-70 ms a pillar at 200,000 rows on
    SQLite, even capped)."""
    found = session.execute(_TALLIED, {"consultation_id": consultation_id})
    return {pillar: int(total or 0) for pillar, total in found.tuples()}


_TALLIED = (  # built once, like _TOPICS_OF
    select(PublicTally.primary_pillar_id, func.sum(PublicTally.total))
    .where(PublicTally.consultation_id == bindparam("consultation_id"))
    .group_by(PublicTally.primary_pillar_id)
)


def _narrowed_counts(
    session: Session, consultation_id: int, filters: PublicFilters, pillars: int
) -> dict[int, int] | None:
    """A search or a filter mostly leaves fewer comments than the caps: then one pass over
    them, grouped by pillar, counts every pillar (a count per pillar ran the search once per
    pillar: 0.6 s of a searched page at 200,000 rows on SQLite), each branch of a search
    through its own index. None when they are more: the caller counts each pillar up to its
    cap."""
    limit = pillars * (COUNT_CAP + 1)
    where = replace(filters, search=None).conditions(session, consultation_id)
    branches = _search_branches(session, filters.search) or [None]
    parts = []
    for branch in branches:
        matching = (
            select(Submission.primary_pillar_id)
            .where(*where, *([] if branch is None else [branch]))
            .limit(limit)
            .subquery()
        )
        column = matching.c.primary_pillar_id
        parts.append(select(column, func.count()).group_by(column))
    found: dict[int, int] = {}
    for pillar, n in session.execute(union_all(*parts)).tuples():
        found[pillar] = found.get(pillar, 0) + int(n)
    return found if sum(found.values()) < limit else None


def _counts_each(
    session: Session, where: list[Any], pillars: Sequence[PillarName]
) -> dict[int, int]:
    """Each pillar counted on its own, stopping past COUNT_CAP."""
    parts = [
        select(literal(pillar.id).label("pillar_id"), func.count().label("n")).select_from(
            select(Submission.id)
            .where(*where, Submission.primary_pillar_id == pillar.id)
            .limit(COUNT_CAP + 1)
            .subquery()
        )
        for pillar in pillars
    ]
    return {pillar: int(n) for pillar, n in session.execute(union_all(*parts)).tuples()}


def published_comment(session: Session, consultation_id: int, public_id: str) -> Submission | None:
    """One publishable comment by its public id, or None (unknown, withdrawn, rejected or
    unconsented alike)."""
    return session.scalar(
        select(Submission)
        .where(
            Submission.public_id == public_id,
            Submission.consultation_id == consultation_id,
            *publication.publishable_conditions(),
        )
        .options(*_row_options())
    )


def campaign_lead(session: Session, submission: Submission) -> Submission | None:
    """The member that stands for `submission`'s campaign on the list (itself, possibly)."""
    if submission.campaign_id is None:
        return None
    return session.scalar(
        select(Submission)
        .where(Submission.campaign_id == submission.campaign_id, _first_published_member())
        .where(*publication.publishable_conditions())
        .limit(1)
    )


def published_ids_by_item(
    session: Session, item_ids: Sequence[int], consultation_id: int | None = None
) -> dict[int, list[str]]:
    """Per agenda item, the public ids of the publishable comments it holds (not excluded),
    oldest first; of one consultation when given. Nothing else of an item's comments is
    public."""
    if not item_ids:
        return {}
    stmt = (
        select(AgendaEntry.agenda_item_id, Submission.public_id)
        .join(Submission, Submission.id == AgendaEntry.submission_id)
        .where(
            AgendaEntry.agenda_item_id.in_(list(item_ids)),
            AgendaEntry.excluded.is_(False),
            *publication.publishable_conditions(),
        )
        .order_by(AgendaEntry.agenda_item_id, Submission.id)
    )
    if consultation_id is not None:
        stmt = stmt.where(Submission.consultation_id == consultation_id)
    found: dict[int, list[str]] = {item_id: [] for item_id in item_ids}
    for item_id, public_id in session.execute(stmt).tuples():
        if item_id is not None:
            found[item_id].append(public_id)
    return found
