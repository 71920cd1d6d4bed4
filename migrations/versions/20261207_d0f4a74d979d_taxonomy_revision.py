"""taxonomy_revision: one row that moves on with every change to the taxonomy

Revision ID: d0f4a74d979d
Revises: 8b4d2f6e1a07
Create Date: 2026-12-07 06:00:00

The queue's cached filter options were keyed by the newest admin event and the row counts of
the taxonomy, so a rename by `flask seed` (no admin event, no new row) left them stale. The
application bumps this row in the same transaction as any change to pillars, topics, sectors,
countries or regions (app/taxonomy/models.py).
"""

import sqlalchemy as sa
from alembic import op

revision = "d0f4a74d979d"
down_revision = "8b4d2f6e1a07"
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table(
        "taxonomy_revision",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_taxonomy_revision_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_taxonomy_revision")),
    )
    op.bulk_insert(table, [{"id": 1, "revision": 0}])


def downgrade():
    op.drop_table("taxonomy_revision")
