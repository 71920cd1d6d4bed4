"""submissions.public_id: the random id of a comment on the public record and in the API

Revision ID: f3a8c1d5e902
Revises: c2d9a4e6f813
Create Date: 2026-12-07 10:30:00

Never the tracking code (which withdraws a comment) nor the row id (which counts them).
Existing rows get one each here; the application gives new rows theirs
(app/intake/tracking.py: 12 of 30 symbols).
"""

import secrets

import sqlalchemy as sa
from alembic import op

revision = "f3a8c1d5e902"
down_revision = "c2d9a4e6f813"
branch_labels = None
depends_on = None

# A copy, not an import: a migration keeps working when the application's code moves on.
ALPHABET = "23456789abcdefghjkmnpqrstvwxyz"
LENGTH = 12


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_id", sa.String(length=LENGTH), nullable=True))
    connection = op.get_bind()
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
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.alter_column("public_id", existing_type=sa.String(length=LENGTH), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_submissions_public_id"), ["public_id"])


def downgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_submissions_public_id"), type_="unique")
        batch_op.drop_column("public_id")
