"""The public counts' PostgreSQL index (migration a9d3f5b7c2e4) holds the publishable rows under
the rule frozen as SQL in the migration; the application states the rule through
app.intake.publication. Should the two drift apart, the planner can no longer prove the
filtered counts' rows are in the index and the counts fall back to reading the table (47 ms
instead of 1.5 at 200,000 rows): this test fails instead of the page slowing down unseen."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select, text

from app.db import db
from app.models import Consultation, Submission
from app.public.queries import PublicFilters

pytestmark = pytest.mark.usefixtures("seeded")


def test_filtered_counts_read_the_publishable_index_on_postgresql(app: Flask) -> None:
    with app.app_context():
        session = db.session
        if session.get_bind().dialect.name != "postgresql":
            pytest.skip("the index exists on PostgreSQL only (SQLite binds the rule's values)")
        consultation_id = session.scalar(select(Consultation.id))
        filters = PublicFilters(state="MX-JAL", language="es")
        # The counts' own shape (queries._narrowed_counts): the rule and the filters, the pillar.
        stmt = select(Submission.primary_pillar_id).where(
            *filters.conditions(session, consultation_id)
        )
        sql = stmt.compile(
            dialect=session.get_bind().dialect, compile_kwargs={"literal_binds": True}
        )
        # Planned for these values as the page plans them (app.db.plans_for_values), with only
        # index-only scans left open: a small test table's statistics would otherwise pick
        # another way, and no other index holds every column the count reads.
        for way in ("seqscan", "bitmapscan", "indexscan"):
            session.execute(text(f"SET LOCAL enable_{way} = off"))
        plan = "\n".join(session.scalars(text(f"EXPLAIN {sql}")))  # noqa: S608 (compiled here)
        session.rollback()
    assert "ix_submissions_public_counts" in plan, plan
