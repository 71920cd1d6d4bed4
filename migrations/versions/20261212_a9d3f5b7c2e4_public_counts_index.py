"""public counts index: the publishable comments' filter columns and main pillar, for the
public list's counts per pillar under its filters (PostgreSQL)

Revision ID: a9d3f5b7c2e4
Revises: c8e2a4f6b1d3
Create Date: 2026-12-12 01:00:00

A filtered public list (`?state=MX-JAL&language=es`) counts the publishable comments of each
main pillar under its filters (app.public.queries._narrowed_counts). At 200,000 comments on
PostgreSQL that count took 47 ms: a bitmap AND over the language's 140,000 index entries, then
6,387 heap blocks to test the publication rule and read the pillar. This index holds only the
publishable rows, with every column a count filters by (place, language, sector) and the
pillar, so the count is an index-only scan of the entries that match (1.5 ms; a language
alone 230 -> 11 ms, a country alone 550 -> 12 ms). The page's own query keeps its plan.

PostgreSQL only: SQLite uses a partial index only when the query writes the condition's values
as the index does, and the application binds them (`consent IN (?, ?)`); its counts keep
their plan. Not a model object (app.moderation.search.ENGINE_ONLY_OBJECTS), like the other
engine's own indexes.

PUBLISHABLE is app.intake.publication.publishable_conditions() written as SQL, frozen here as
a migration must be (as in b7c9e1f3a5d2). It decides nothing: every query still states the rule
through publishable_conditions(), and this predicate only lets the planner prove those rows
are in the index (psycopg binds the values; app.db.plans_for_values has them planned for their
values). Should the rule change, the index stops being used (slower, never wider) until a
migration rebuilds it with the new rule. Pending comments are not in it, so intake's inserts do
not touch it.
"""

import sqlalchemy as sa
from alembic import op

revision = "a9d3f5b7c2e4"
down_revision = "c8e2a4f6b1d3"
branch_labels = None
depends_on = None

NAME = "ix_submissions_public_counts"
# Equality filters first, the most selective (the state) leading; the pillar last, read only.
COLUMNS = [
    "consultation_id",
    "region_code",
    "detected_language",
    "country_code",
    "sector_id",
    "primary_pillar_id",
]
PUBLISHABLE = "status = 'approved' AND consent IN ('anonymous', 'named') AND disputed_at IS NULL"


def upgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index(NAME, "submissions", COLUMNS, postgresql_where=sa.text(PUBLISHABLE))


def downgrade():
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(NAME, table_name="submissions")
