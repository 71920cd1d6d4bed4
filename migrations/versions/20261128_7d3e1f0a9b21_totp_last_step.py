"""the last accepted TOTP time step, so a code is accepted once only

Revision ID: 7d3e1f0a9b21
Revises: 5b7e2a91c3d4
Create Date: 2026-11-28 15:50:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "7d3e1f0a9b21"
down_revision = "5b7e2a91c3d4"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("totp_last_step", sa.Integer(), nullable=True))


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("totp_last_step")
