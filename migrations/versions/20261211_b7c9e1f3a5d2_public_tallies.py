"""public tallies: publishable comments per consultation and main pillar, kept by triggers;
a partial index of redacted comments

Revision ID: b7c9e1f3a5d2
Revises: f1a7c3e9b250
Create Date: 2026-12-11 20:00:00

The public list shows how many published comments each main pillar holds. Counted on each
visit (up to a cap of 10,000 a pillar) that was 40-70 ms a pillar at 200,000 rows on SQLite,
most of an unfiltered page. `public_tallies` holds, per consultation, main pillar and slot,
how many submissions are publishable; triggers on `submissions` keep it exact on every
insert, update and delete, as the queue tallies (migration 8b4d2f6e1a07), whose shape this
follows (SQLite: row triggers with UPSERT; PostgreSQL: statement triggers over transition
tables, tally rows locked in key order).

PUBLISHABLE below is app.intake.publication.publishable_conditions() written as SQL, frozen
here as a migration must be; app.moderation.tallies.check compares the tally with a count
under publishable_conditions() itself, and tests/public/test_public_tallies.py proves they
agree after approvals, withdrawals, disputes and consent changes.

The public search finds a redacted comment by its shown text, which the full-text index does
not hold: counting a search's matches read every row to find the redacted ones (0.4 s at
200,000 rows on SQLite). `ix_submissions_redacted` holds only those (about 1 %).
"""

import sqlalchemy as sa
from alembic import op

revision = "b7c9e1f3a5d2"
down_revision = "f1a7c3e9b250"
branch_labels = None
depends_on = None

# Every SQL string below is assembled from these constants only, never from input.
KEY = (
    ("consultation_id", "{row}.consultation_id"),
    ("primary_pillar_id", "{row}.primary_pillar_id"),
    ("slot", "{row}.id % 4"),
)
PUBLISHABLE = (
    "{row}.status = 'approved' AND {row}.consent IN ('anonymous', 'named') "
    "AND {row}.disputed_at IS NULL"
)
WATCHED = ("consultation_id", "primary_pillar_id", "status", "consent", "disputed_at")
NAMES = ", ".join(name for name, _ in KEY)
REDACTED = "public_title IS NOT NULL OR public_body IS NOT NULL"


def _rule(row: str) -> str:
    return PUBLISHABLE.format(row=row)


def _sqlite_add(row: str, delta: str) -> str:
    values = ", ".join(expression.format(row=row) for _, expression in KEY)
    return (
        f"INSERT INTO public_tallies ({NAMES}, total) VALUES ({values}, {delta}) "  # noqa: S608
        f"ON CONFLICT ({NAMES}) DO UPDATE SET total = total + {delta};"
    )


CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in WATCHED)
SQLITE_TRIGGERS = [
    f"CREATE TRIGGER public_tallies_ai AFTER INSERT ON submissions WHEN {_rule('new')} "
    f"BEGIN {_sqlite_add('new', '1')} END",
    f"CREATE TRIGGER public_tallies_ad AFTER DELETE ON submissions WHEN {_rule('old')} "
    f"BEGIN {_sqlite_add('old', '-1')} END",
    f"CREATE TRIGGER public_tallies_au_old AFTER UPDATE ON submissions "
    f"WHEN ({_rule('old')}) AND ({CHANGED}) BEGIN {_sqlite_add('old', '-1')} END",
    f"CREATE TRIGGER public_tallies_au_new AFTER UPDATE ON submissions "
    f"WHEN ({_rule('new')}) AND ({CHANGED}) BEGIN {_sqlite_add('new', '1')} END",
]
SQLITE_NAMES = ("public_tallies_ai", "public_tallies_ad", "public_tallies_au_old",
                "public_tallies_au_new")  # fmt: skip


def _rows(source: str, delta: int) -> str:
    named = ", ".join(f"{expression.format(row=source)} AS {name}" for name, expression in KEY)
    return f"SELECT {named}, {delta} AS delta FROM {source} WHERE {_rule(source)}"  # noqa: S608


def _postgres_apply(op_name: str) -> str:
    sources = {
        "INSERT": _rows("new_rows", 1),
        "DELETE": _rows("old_rows", -1),
        "UPDATE": _rows("new_rows", 1) + " UNION ALL " + _rows("old_rows", -1),
    }[op_name]
    return (
        f"INSERT INTO public_tallies AS t ({NAMES}, total) "  # noqa: S608
        f"SELECT {NAMES}, sum(delta) FROM ({sources}) AS changes "
        f"GROUP BY {NAMES} HAVING sum(delta) <> 0 ORDER BY {NAMES} "
        f"ON CONFLICT ({NAMES}) DO UPDATE SET total = t.total + excluded.total;"
    )


POSTGRES_FUNCTION = f"""
CREATE OR REPLACE FUNCTION public_tallies_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    {_postgres_apply("INSERT")}
  ELSIF TG_OP = 'DELETE' THEN
    {_postgres_apply("DELETE")}
  ELSE
    {_postgres_apply("UPDATE")}
  END IF;
  RETURN NULL;
END
$$
"""
POSTGRES_TRIGGERS = [
    "CREATE TRIGGER public_tallies_ai AFTER INSERT ON submissions REFERENCING NEW TABLE AS "
    "new_rows FOR EACH STATEMENT EXECUTE FUNCTION public_tallies_apply()",
    "CREATE TRIGGER public_tallies_ad AFTER DELETE ON submissions REFERENCING OLD TABLE AS "
    "old_rows FOR EACH STATEMENT EXECUTE FUNCTION public_tallies_apply()",
    "CREATE TRIGGER public_tallies_au AFTER UPDATE ON submissions "
    "REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows "
    "FOR EACH STATEMENT EXECUTE FUNCTION public_tallies_apply()",
]


def upgrade():
    op.create_table(
        "public_tallies",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("primary_pillar_id", sa.Integer(), nullable=False),
        sa.Column("slot", sa.SmallInteger(), nullable=False),
        sa.Column("total", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint(
            "consultation_id", "primary_pillar_id", "slot", name=op.f("pk_public_tallies")
        ),
    )
    op.execute(
        f"INSERT INTO public_tallies ({NAMES}, total) "  # noqa: S608
        f"SELECT {NAMES}, count(*) FROM ({_rows('submissions', 1)}) AS s GROUP BY {NAMES}"
    )
    op.create_index(
        "ix_submissions_redacted",
        "submissions",
        ["consultation_id", "status"],
        postgresql_where=sa.text(REDACTED),
        sqlite_where=sa.text(REDACTED),
    )
    if op.get_bind().dialect.name == "sqlite":
        for statement in SQLITE_TRIGGERS:
            op.execute(statement)
        return
    op.execute(POSTGRES_FUNCTION)
    for statement in POSTGRES_TRIGGERS:
        op.execute(statement)


def downgrade():
    if op.get_bind().dialect.name == "sqlite":
        for name in SQLITE_NAMES:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        for name in ("public_tallies_ai", "public_tallies_ad", "public_tallies_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name} ON submissions")
        op.execute("DROP FUNCTION IF EXISTS public_tallies_apply()")
    op.drop_index("ix_submissions_redacted", table_name="submissions")
    op.drop_table("public_tallies")
