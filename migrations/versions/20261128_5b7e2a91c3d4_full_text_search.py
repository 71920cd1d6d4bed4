"""full-text search: submissions.search_text, FTS5 on SQLite, a GIN index on PostgreSQL

Revision ID: 5b7e2a91c3d4
Revises: 0f2c6efba0fb
Create Date: 2026-11-28 13:35:00

"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "5b7e2a91c3d4"
down_revision = "0f2c6efba0fb"
branch_labels = None
depends_on = None

# Each engine's own index over the same normalised text. Neither is a model object (an FTS5
# virtual table and an expression index), so migrations/env.py and the model/migration
# comparison leave these names alone.
SQLITE_FTS = [
    "CREATE VIRTUAL TABLE submissions_fts USING fts5(search_text, content='submissions', "
    "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    "CREATE TRIGGER submissions_fts_ai AFTER INSERT ON submissions BEGIN "
    "INSERT INTO submissions_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
    "CREATE TRIGGER submissions_fts_ad AFTER DELETE ON submissions BEGIN "
    "INSERT INTO submissions_fts(submissions_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    "CREATE TRIGGER submissions_fts_au AFTER UPDATE OF search_text ON submissions BEGIN "
    "INSERT INTO submissions_fts(submissions_fts, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    "INSERT INTO submissions_fts(rowid, search_text) VALUES (new.id, new.search_text); END",
]
POSTGRES_INDEX = (
    "CREATE INDEX ix_submissions_search ON submissions "
    "USING gin (to_tsvector('simple', coalesce(search_text, '')))"
)


def _normalise(value: str) -> str:
    """A frozen copy of app.moderation.search.normalise for the backfill."""
    decomposed = unicodedata.normalize("NFKD", value.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.findall(r"\w+", stripped))


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_text", sa.Text(), nullable=True))

    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, title, organization, body FROM submissions")).all()
    for row in rows:
        text = _normalise(
            " ".join(part for part in (row.title, row.organization, row.body) if part)
        )
        bind.execute(
            sa.text("UPDATE submissions SET search_text = :t WHERE id = :id"),
            {"t": text, "id": row.id},
        )

    if bind.dialect.name == "sqlite":
        for statement in SQLITE_FTS:
            op.execute(statement)
        op.execute("INSERT INTO submissions_fts(submissions_fts) VALUES ('rebuild')")
    else:
        op.execute(POSTGRES_INDEX)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        for name in ("submissions_fts_ai", "submissions_fts_ad", "submissions_fts_au"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS submissions_fts")
    else:
        op.execute("DROP INDEX IF EXISTS ix_submissions_search")
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("search_text")
