"""queue tallies kept by triggers; a stored tsvector for search on PostgreSQL

Revision ID: 8b4d2f6e1a07
Revises: e6b1c93a5d72
Create Date: 2026-11-29 03:10:00

The queue showed counts per status by counting every submission on every request (~0.3 s at
a million rows). `queue_tallies` holds one row per combination of the columns the queue
filters on, with how many submissions have it; triggers on `submissions` keep it exact on
every insert, update and delete, whoever writes (the application, a bulk import, psql).

SQLite: row-level triggers with UPSERT. PostgreSQL: statement-level triggers over transition
tables, so a COPY or a bulk decision touches each tally row once per statement, and locks
them in key order (two bulk decisions cannot deadlock on them).

PostgreSQL search: the GIN expression index made the planner recompute to_tsvector for each
row it filtered; a stored generated column computes it once, at write time.
"""

import sqlalchemy as sa
from alembic import op

revision = "8b4d2f6e1a07"
down_revision = "e6b1c93a5d72"
branch_labels = None
depends_on = None

# The tally key: a name in queue_tallies and the expression that computes it from a
# submissions row called {row} (NEW, OLD, a transition table or the table itself).
# Every SQL string below is assembled from these constants only, never from input.
KEY_COLUMNS = (
    ("consultation_id", "{row}.consultation_id"),
    ("status", "{row}.status"),
    ("primary_pillar_id", "{row}.primary_pillar_id"),
    ("secondary_pillar_id", "coalesce({row}.secondary_pillar_id, 0)"),
    ("sector_id", "{row}.sector_id"),
    ("country_code", "{row}.country_code"),
    ("region_code", "coalesce({row}.region_code, '')"),
    ("detected_language", "coalesce({row}.detected_language, '')"),
    ("in_campaign", "{row}.campaign_id IS NOT NULL"),
    # Spreads each combination over SLOTS rows, so two intakes running at the same moment
    # (consecutive ids) do not wait for each other's commit on one tally row.
    ("slot", "{row}.id % 4"),
)
KEY = ", ".join(name for name, _ in KEY_COLUMNS)
WATCHED = (
    "consultation_id", "status", "primary_pillar_id", "secondary_pillar_id", "sector_id",
    "country_code", "region_code", "detected_language", "campaign_id",
)  # fmt: skip


def _key_of(row: str) -> list[str]:
    return [expression.format(row=row) for _, expression in KEY_COLUMNS]


def _sqlite_add(row: str, delta: str) -> str:
    values = ", ".join(_key_of(row))
    return (
        f"INSERT INTO queue_tallies ({KEY}, total) VALUES ({values}, {delta}) "  # noqa: S608
        f"ON CONFLICT ({KEY}) DO UPDATE SET total = total + {delta};"
    )


SQLITE_TRIGGERS = [
    "CREATE TRIGGER queue_tallies_ai AFTER INSERT ON submissions BEGIN "
    + _sqlite_add("new", "1")
    + " END",
    "CREATE TRIGGER queue_tallies_ad AFTER DELETE ON submissions BEGIN "
    + _sqlite_add("old", "-1")
    + " END",
    "CREATE TRIGGER queue_tallies_au AFTER UPDATE ON submissions WHEN "
    + " OR ".join(f"old.{c} IS NOT new.{c}" for c in WATCHED)
    + " BEGIN "
    + _sqlite_add("old", "-1")
    + " "
    + _sqlite_add("new", "1")
    + " END",
]


def _rows(table: str, delta: int) -> str:
    named = [
        f"{expr} AS {name}" for expr, (name, _) in zip(_key_of(table), KEY_COLUMNS, strict=True)
    ]
    return f"SELECT {', '.join(named)}, {delta} AS delta FROM {table}"  # noqa: S608


def _postgres_apply(sources: str) -> str:
    return (
        f"INSERT INTO queue_tallies AS t ({KEY}, total) "  # noqa: S608
        f"SELECT {KEY}, sum(delta) FROM ({sources}) AS changes "
        f"GROUP BY {KEY} HAVING sum(delta) <> 0 ORDER BY {KEY} "
        f"ON CONFLICT ({KEY}) DO UPDATE SET total = t.total + excluded.total;"
    )


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION queue_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_postgres_apply(_rows("new_rows", 1))}
  ELSIF TG_OP = 'DELETE' THEN
    {_postgres_apply(_rows("old_rows", -1))}
  ELSE
    {_postgres_apply(_rows("new_rows", 1) + " UNION ALL " + _rows("old_rows", -1))}
  END IF;
  RETURN NULL;
END
$$
"""
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER queue_tallies_ai AFTER INSERT ON submissions "
    "REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_apply()",
    "CREATE TRIGGER queue_tallies_ad AFTER DELETE ON submissions "
    "REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_apply()",
    "CREATE TRIGGER queue_tallies_au AFTER UPDATE ON submissions "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION queue_tallies_apply()",
]
BACKFILL = (
    f"INSERT INTO queue_tallies ({KEY}, total) "  # noqa: S608
    f"SELECT {KEY}, count(*) FROM ({_rows('submissions', 1)}) AS s GROUP BY {KEY}"
)


def upgrade():
    op.create_table(
        "queue_tallies",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("primary_pillar_id", sa.Integer(), nullable=False),
        sa.Column("secondary_pillar_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("region_code", sa.String(length=10), nullable=False),
        sa.Column("detected_language", sa.String(length=8), nullable=False),
        sa.Column("in_campaign", sa.Boolean(), nullable=False),
        sa.Column("slot", sa.SmallInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "consultation_id",
            "status",
            "primary_pillar_id",
            "secondary_pillar_id",
            "sector_id",
            "country_code",
            "region_code",
            "detected_language",
            "in_campaign",
            "slot",
            name=op.f("pk_queue_tallies"),
        ),
    )
    op.execute(BACKFILL)
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        return
    op.execute(POSTGRES_FUNCTION)
    for statement in POSTGRES_TRIGGERS:
        op.execute(statement)
    op.execute(
        "ALTER TABLE submissions ADD COLUMN search_vector tsvector "
        "GENERATED ALWAYS AS (to_tsvector('simple', coalesce(search_text, ''))) STORED"
    )
    op.execute("DROP INDEX IF EXISTS ix_submissions_search")
    op.execute("CREATE INDEX ix_submissions_search_vector ON submissions USING gin (search_vector)")


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in ("queue_tallies_ai", "queue_tallies_ad", "queue_tallies_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in ("queue_tallies_ai", "queue_tallies_ad", "queue_tallies_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON submissions")
        op.execute("DROP FUNCTION IF EXISTS queue_tallies_apply()")
        op.execute("DROP INDEX IF EXISTS ix_submissions_search_vector")
        op.execute("ALTER TABLE submissions DROP COLUMN IF EXISTS search_vector")
        op.execute(
            "CREATE INDEX ix_submissions_search ON submissions "
            "USING gin (to_tsvector('simple', coalesce(search_text, '')))"
        )
    op.drop_table("queue_tallies")
