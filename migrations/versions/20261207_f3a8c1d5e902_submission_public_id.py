"""submissions.public_id: the random id of a comment on the public record and in the API

Revision ID: f3a8c1d5e902
Revises: f3a8c51d2e90
Create Date: 2026-12-07 10:30:00

Never the tracking code (which withdraws a comment) nor the row id (which counts them).
Existing rows get one each here; the application gives new rows theirs
(app/intake/tracking.py: 12 of 30 symbols).
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "f3a8c1d5e902"
down_revision = "f3a8c51d2e90"
branch_labels = None
depends_on = None

# A copy, not an import: a migration keeps working when the application's code moves on.
ALPHABET = "23456789abcdefghjkmnpqrstvwxyz"
LENGTH = 12


def upgrade():
    # Never batch mode here: on SQLite it rebuilds `submissions`, and the triggers that keep
    # full-text search and the queue tallies (created by earlier migrations) go with it.
    # SQLite adds a NOT NULL column only with a default, filled in below.
    connection = op.get_bind()
    sqlite = connection.dialect.name == "sqlite"
    op.add_column(
        "submissions",
        sa.Column(
            "public_id",
            sa.String(length=LENGTH),
            nullable=not sqlite,
            server_default="" if sqlite else None,
        ),
    )
    submissions = sa.table("submissions", sa.column("id", sa.Integer), sa.column("public_id"))
    ids = connection.execute(sa.select(submissions.c.id)).scalars().all()
    seen: set[str] = set()
    for row_id in ids:
        value = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        while value in seen:
            value = "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))
        seen.add(value)
        connection.execute(
            submissions.update().where(submissions.c.id == row_id).values(public_id=value)
        )
    if not sqlite:
        op.alter_column("submissions", "public_id", nullable=False)
    op.create_index(op.f("ix_submissions_public_id"), "submissions", ["public_id"], unique=True)


def downgrade():
    op.drop_index(op.f("ix_submissions_public_id"), table_name="submissions")
    op.drop_column("submissions", "public_id")
