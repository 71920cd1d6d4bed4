"""queue tallies kept by triggers; a stored tsvector for search on PostgreSQL

Revision ID: 8b4d2f6e1a07
Revises: e6b1c93a5d72
Create Date: 2026-11-29 03:10:00

The queue showed counts per status by counting every submission on every request (~0.3 s at
a million rows). `queue_tallies` holds one row per combination of the columns the queue
filters on but the state, with how many submissions have it; `queue_region_tallies` the same
with the state first (83 states would make the first table too long to sum quickly, so a
view filtered by state reads only that state's rows of the second). Triggers on
`submissions` keep both exact on every insert, update and delete, whoever writes (the
application, a bulk import, psql).

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

# Each tally's key: a column name and the expression that computes it from a submissions
# row called {row} (NEW, OLD, a transition table or the table itself). Every SQL string
# below is assembled from these constants only, never from input.
SHARED = (
    ("consultation_id", "{row}.consultation_id"),
    ("status", "{row}.status"),
    ("primary_pillar_id", "{row}.primary_pillar_id"),
    ("secondary_pillar_id", "coalesce({row}.secondary_pillar_id, 0)"),
    ("sector_id", "{row}.sector_id"),
)
REST = (
    ("detected_language", "coalesce({row}.detected_language, '')"),
    ("in_campaign", "{row}.campaign_id IS NOT NULL"),
    # Spreads each combination over four rows, so two intakes running at the same moment
    # (consecutive ids) do not wait for each other's commit on one tally row.
    ("slot", "{row}.id % 4"),
)
TALLIES = {
    "queue_tallies": (*SHARED, ("country_code", "{row}.country_code"), *REST),
    "queue_region_tallies": (("region_code", "coalesce({row}.region_code, '')"), *SHARED, *REST),
}
WATCHED = (
    "consultation_id", "status", "primary_pillar_id", "secondary_pillar_id", "sector_id",
    "country_code", "region_code", "detected_language", "campaign_id",
)  # fmt: skip


def _names(table: str) -> str:
    return ", ".join(name for name, _ in TALLIES[table])


def _sqlite_add(table: str, row: str, delta: str) -> str:
    key = _names(table)
    values = ", ".join(expression.format(row=row) for _, expression in TALLIES[table])
    return (
        f"INSERT INTO {table} ({key}, total) VALUES ({values}, {delta}) "  # noqa: S608
        f"ON CONFLICT ({key}) DO UPDATE SET total = total + {delta};"
    )


def _sqlite_adds(row: str, delta: str) -> str:
    return " ".join(_sqlite_add(table, row, delta) for table in TALLIES)


SQLITE_TRIGGERS = [
    f"CREATE TRIGGER queue_tallies_ai AFTER INSERT ON submissions BEGIN "
    f"{_sqlite_adds('new', '1')} END",
    f"CREATE TRIGGER queue_tallies_ad AFTER DELETE ON submissions BEGIN "
    f"{_sqlite_adds('old', '-1')} END",
    "CREATE TRIGGER queue_tallies_au AFTER UPDATE ON submissions WHEN "
    + " OR ".join(f"old.{c} IS NOT new.{c}" for c in WATCHED)
    + f" BEGIN {_sqlite_adds('old', '-1')} {_sqlite_adds('new', '1')} END",
]


def _rows(table: str, source: str, delta: int) -> str:
    named = ", ".join(
        f"{expression.format(row=source)} AS {name}" for name, expression in TALLIES[table]
    )
    return f"SELECT {named}, {delta} AS delta FROM {source}"  # noqa: S608


def _postgres_apply(table: str, op_name: str) -> str:
    sources = {
        "INSERT": _rows(table, "new_rows", 1),
        "DELETE": _rows(table, "old_rows", -1),
        "UPDATE": _rows(table, "new_rows", 1) + " UNION ALL " + _rows(table, "old_rows", -1),
    }[op_name]
    key = _names(table)
    return (
        f"INSERT INTO {table} AS t ({key}, total) "  # noqa: S608
        f"SELECT {key}, sum(delta) FROM ({sources}) AS changes "
        f"GROUP BY {key} HAVING sum(delta) <> 0 ORDER BY {key} "
        f"ON CONFLICT ({key}) DO UPDATE SET total = t.total + excluded.total;"
    )


def _postgres_branch(op_name: str) -> str:
    return "\n    ".join(_postgres_apply(table, op_name) for table in TALLIES)


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION queue_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_postgres_branch("INSERT")}
  ELSIF TG_OP = 'DELETE' THEN
    {_postgres_branch("DELETE")}
  ELSE
    {_postgres_branch("UPDATE")}
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


def _backfill(table: str) -> str:
    key = _names(table)
    return (
        f"INSERT INTO {table} ({key}, total) "  # noqa: S608
        f"SELECT {key}, count(*) FROM ({_rows(table, 'submissions', 1)}) AS s GROUP BY {key}"
    )


def _create(table: str) -> None:
    types = {
        "consultation_id": sa.Integer(), "status": sa.String(length=16),
        "primary_pillar_id": sa.Integer(), "secondary_pillar_id": sa.Integer(),
        "sector_id": sa.Integer(), "country_code": sa.String(length=2),
        "region_code": sa.String(length=10), "detected_language": sa.String(length=8),
        "in_campaign": sa.Boolean(), "slot": sa.SmallInteger(),
    }  # fmt: skip
    names = [name for name, _ in TALLIES[table]]
    op.create_table(
        table,
        *[sa.Column(name, types[name], nullable=False) for name in names],
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(*names, name=op.f(f"pk_{table}")),
    )


def upgrade():
    for table in TALLIES:
        _create(table)
        op.execute(_backfill(table))
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
    for table in TALLIES:
        op.drop_table(table)
