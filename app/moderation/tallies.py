"""The trigger-kept tallies (the queue's `queue_tallies`, `queue_region_tallies`; the public
list's `public_tallies`) against the submissions they count. Database triggers keep them exact
(migrations 8b4d2f6e1a07, b7c9e1f3a5d2); this module lets an operator prove it (`flask queue
tallies`) and rebuild them after anything that bypassed the triggers, such as a load with
triggers disabled (`flask queue tallies --rebuild`). The public tally counts what
app.intake.publication.publishable_conditions() admits: `check` counts with that very rule,
so a trigger that drifted from it is reported."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from app.intake import publication
from app.intake.models import Submission
from app.moderation.models import PublicTally, QueueRegionTally, QueueTally

SLOTS = 4  # the migration's `id % 4`
Tally = type[QueueTally | QueueRegionTally | PublicTally]
TALLIES: tuple[Tally, ...] = (QueueTally, QueueRegionTally, PublicTally)


def _expressions() -> dict[str, Any]:
    """Each tally column as an expression over `submissions`, named as the column."""
    s = Submission
    return {
        "region_code": func.coalesce(s.region_code, ""),
        "consultation_id": s.consultation_id,
        "status": s.status,
        "primary_pillar_id": s.primary_pillar_id,
        "secondary_pillar_id": func.coalesce(s.secondary_pillar_id, 0),
        "sector_id": s.sector_id,
        "country_code": s.country_code,
        "detected_language": func.coalesce(s.detected_language, ""),
        "in_campaign": s.campaign_id.is_not(None),
        "slot": s.id % SLOTS,
    }


def _key_names(table: Tally) -> list[str]:
    return [c.name for c in table.__table__.primary_key]


def _counted(table: Tally) -> Any:
    """SELECT <the table's key>, count(*) FROM submissions [WHERE publishable] GROUP BY <key>."""
    expressions = _expressions()
    key = [expressions[name].label(name) for name in _key_names(table)]
    stmt = select(*key, func.count().label("total")).group_by(*key)
    if table is PublicTally:
        stmt = stmt.where(*publication.publishable_conditions())
    return stmt


@dataclass
class TallyReport:
    submissions: int
    wrong: dict[str, int]  # table name → how many of its rows disagree (missing, extra, off)

    @property
    def agree(self) -> bool:
        return not any(self.wrong.values())


def check(session: Session) -> TallyReport:
    wrong: dict[str, int] = {}
    for table in TALLIES:
        names = _key_names(table)
        counted = _counted(table).subquery()
        stored = select(*[table.__table__.c[n] for n in names], table.total).where(table.total != 0)
        # Rows on one side only, or with another total: both differences, counted.
        fresh = select(*[counted.c[n] for n in [*names, "total"]])
        wrong[table.__tablename__] = sum(
            session.scalar(select(func.count()).select_from(one.except_(other).subquery())) or 0
            for one, other in ((fresh, stored), (stored, fresh))
        )
    submissions = session.scalar(select(func.count()).select_from(Submission)) or 0
    return TallyReport(submissions=submissions, wrong=wrong)


def rebuild(session: Session) -> None:
    """Recount every tally from `submissions` in the caller's transaction. On PostgreSQL the
    submissions table is locked against writes meanwhile, so no decision slips between the
    count and the commit (SQLite writers are serialised already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE submissions IN SHARE MODE"))
    for table in TALLIES:
        names = _key_names(table)
        session.execute(delete(table))
        session.execute(
            insert(table).from_select(
                [*names, "total"],
                _counted(table).order_by(*[literal_column(n) for n in names]),
            )
        )
