"""The public report of a consultation ("What we heard and what we did"): per pillar, the
agenda items of the meetings linked to it, each with its publishable comments counted by
sector and by country, and its current outcome; and the pillar's themes (not dismissed), each
with its publishable comments counted by sector and by country (app.themes.queries.summary,
the one home of a theme's counts and convergence) and its current outcome. Only counts: no
comment's text, author or id, and only comments app.intake.publication lets out; a theme none
of whose comments may be published is left out altogether."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from app.agenda.models import AgendaEntry, AgendaItem, Meeting, meeting_consultations
from app.intake import publication
from app.intake.models import Submission
from app.taxonomy.models import Country, Pillar, Sector
from app.themes import queries as theme_queries
from app.themes.models import Theme


@dataclass
class ItemReport:
    item: AgendaItem
    total: int = 0
    # (sector or country, publishable comments), most first, then in the taxonomy's order.
    by_sector: list[tuple[Sector, int]] = field(default_factory=list)
    by_country: list[tuple[Country, int]] = field(default_factory=list)


@dataclass
class PillarReport:
    pillar: Pillar | None  # None: items filed under no pillar
    items: list[ItemReport]
    # The pillar's themes with at least one publishable comment, by support (publishable
    # comments only): no quotes, counts only.
    themes: list[theme_queries.ThemeSummary] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(i.total for i in self.items)


def _items(session: Session, consultation_id: int) -> list[AgendaItem]:
    linked = select(meeting_consultations.c.meeting_id).where(
        meeting_consultations.c.consultation_id == consultation_id
    )
    stmt = (
        select(AgendaItem)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.meeting_id.in_(linked))
        .options(
            selectinload(AgendaItem.meeting),
            selectinload(AgendaItem.outcomes),
            selectinload(AgendaItem.pillar),
        )
        .order_by(Meeting.meeting_date, Meeting.id, AgendaItem.position, AgendaItem.id)
    )
    return list(session.scalars(stmt))


def _counts(
    session: Session, consultation_id: int, item_ids: list[int], column: Any
) -> dict[int, dict[Any, int]]:
    """Per item, per value of `column`: the publishable comments of this consultation the item
    holds (not excluded). Every letter of a campaign counts: each was sent by someone."""
    if not item_ids:
        return {}
    stmt = (
        select(AgendaEntry.agenda_item_id, column, func.count(func.distinct(Submission.id)))
        .join(Submission, Submission.id == AgendaEntry.submission_id)
        .where(
            AgendaEntry.agenda_item_id.in_(item_ids),
            AgendaEntry.excluded.is_(False),
            Submission.consultation_id == consultation_id,
            *publication.publishable_conditions(),
        )
        .group_by(AgendaEntry.agenda_item_id, column)
    )
    found: dict[int, dict[Any, int]] = defaultdict(dict)
    for item_id, key, count in session.execute(stmt).tuples():
        if item_id is not None:
            found[item_id][key] = int(count)
    return found


def _ranked(counts: dict[Any, int], rows: dict[Any, Any]) -> list[tuple[Any, int]]:
    return sorted(
        ((rows[key], count) for key, count in counts.items()),
        key=lambda pair: (-pair[1], pair[0].position),
    )


def _themes(
    session: Session, consultation_id: int, lang: str | None
) -> dict[int, list[theme_queries.ThemeSummary]]:
    """Per pillar, the summaries of its themes (not dismissed) over their publishable comments
    alone, the most supported first; a theme with none is left out."""
    themes = session.scalars(
        select(Theme)
        .where(Theme.consultation_id == consultation_id, Theme.dismissed.is_(False))
        .order_by(Theme.pillar_id, Theme.id)
    )
    found: dict[int, list[theme_queries.ThemeSummary]] = defaultdict(list)
    for theme in themes:
        summary = theme_queries.summary(session, theme, lang=lang, publishable_only=True, quotes=0)
        if summary.comments:
            found[theme.pillar_id].append(summary)
    for summaries in found.values():
        summaries.sort(key=lambda t: (-t.support, -t.comments, t.theme.id))
    return found


def consultation_report(
    session: Session, consultation_id: int, lang: str | None = None
) -> list[PillarReport]:
    """The report's sections: pillars in their order, then the items filed under none; in
    each, the items by meeting date and agenda position, and the pillar's themes. Names in
    `lang` (the page's language by default)."""
    items = _items(session, consultation_id)
    ids = [i.id for i in items]
    sectors = _counts(session, consultation_id, ids, Submission.sector_id)
    countries = _counts(session, consultation_id, ids, Submission.country_code)
    sector_rows = {s.id: s for s in session.scalars(select(Sector))}
    country_rows = {c.code: c for c in session.scalars(select(Country))}
    sections: dict[int | None, PillarReport] = {}
    for item in items:
        by_sector = _ranked(sectors.get(item.id, {}), sector_rows)
        report = ItemReport(
            item=item,
            total=sum(count for _sector, count in by_sector),
            by_sector=by_sector,
            by_country=_ranked(countries.get(item.id, {}), country_rows),
        )
        key = item.pillar_id
        if key not in sections:
            sections[key] = PillarReport(pillar=item.pillar, items=[])
        sections[key].items.append(report)
    for pillar_id, summaries in _themes(session, consultation_id, lang).items():
        if pillar_id not in sections:
            sections[pillar_id] = PillarReport(pillar=summaries[0].theme.pillar, items=[])
        sections[pillar_id].themes = summaries
    return sorted(
        sections.values(),
        key=lambda s: (s.pillar is None, s.pillar.position if s.pillar else 0),
    )
