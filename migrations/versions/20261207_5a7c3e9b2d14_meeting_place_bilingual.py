"""meetings.place_en / place_es: a meeting's place in each language, like its title

Revision ID: 5a7c3e9b2d14
Revises: c2d9a4e6f813
Create Date: 2026-12-07 09:40:00

"""

import sqlalchemy as sa
from alembic import op

revision = "5a7c3e9b2d14"
down_revision = "c2d9a4e6f813"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("place_en", sa.String(200), nullable=False, server_default="")
        )
        batch_op.add_column(
            sa.Column("place_es", sa.String(200), nullable=False, server_default="")
        )
    # The one place typed so far serves both languages until someone writes the other.
    op.execute("UPDATE meetings SET place_en = place, place_es = place")
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("place")
        batch_op.alter_column("place_en", server_default=None)
        batch_op.alter_column("place_es", server_default=None)


def downgrade():
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("place", sa.String(200), nullable=False, server_default=""))
    op.execute(
        "UPDATE meetings SET place = CASE WHEN place_en <> '' THEN place_en ELSE place_es END"
    )
    with op.batch_alter_table("meetings", schema=None) as batch_op:
        batch_op.drop_column("place_es")
        batch_op.drop_column("place_en")
        batch_op.alter_column("place", server_default=None)
