"""invitations.revoked_at: an administrator may revoke an invitation before it is used

Revision ID: c2d9a4e6f813
Revises: b8e3f1c27a45
Create Date: 2026-12-07 07:10:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c2d9a4e6f813"
down_revision = "b8e3f1c27a45"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))


def downgrade():
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
