"""The queue's tallies (`queue_tallies`, `queue_region_tallies`) against the submissions they
count. Database triggers keep them exact (migration 8b4d2f6e1a07); this module lets an
operator prove it (`flask queue tallies`) and rebuild them after anything that bypassed the
triggers, such as a load with triggers disabled (`flask queue tallies --rebuild`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, literal_column, select, text
from sqlalchemy.orm import Session

from app.intake.models import Submission
from app.moderation.models import QueueRegionTally, QueueTally

SLOTS = 4  # the migration's `id % 4`


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


def _key_names(table: type[QueueTally | QueueRegionTally]) -> list[str]:
    return [c.name for c in table.__table__.primary_key]


def _counted(table: type[QueueTally | QueueRegionTally]) -> Any:
    """SELECT <the table's key>, count(*) FROM submissions GROUP BY <key>."""
    expressions = _expressions()
    key = [expressions[name].label(name) for name in _key_names(table)]
    return select(*key, func.count().label("total")).group_by(*key)


@dataclass
class TallyReport:
    submissions: int
    wrong: dict[str, int]  # table name → how many of its rows disagree (missing, extra, off)

    @property
    def agree(self) -> bool:
        return not any(self.wrong.values())


def check(session: Session) -> TallyReport:
    wrong: dict[str, int] = {}
    for table in (QueueTally, QueueRegionTally):
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
    """Recount both tables from `submissions` in the caller's transaction. On PostgreSQL the
    submissions table is locked against writes meanwhile, so no decision slips between the
    count and the commit (SQLite writers are serialised already)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("LOCK TABLE submissions IN SHARE MODE"))
    for table in (QueueTally, QueueRegionTally):
        names = _key_names(table)
        session.execute(delete(table))
        session.execute(
            insert(table).from_select(
                [*names, "total"],
                _counted(table).order_by(*[literal_column(n) for n in names]),
            )
        )
