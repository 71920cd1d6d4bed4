"""pending_totp_secret: the second factor being enrolled, kept on the server with an expiry

Revision ID: b8e3f1c27a45
Revises: d0f4a74d979d
Create Date: 2026-12-07 07:00:00

The secret offered while enrolling was kept in the session cookie, which is signed but not
encrypted: anyone who saw the cookie could read it and later produce codes.
"""

import sqlalchemy as sa
from alembic import op

revision = "b8e3f1c27a45"
down_revision = "d0f4a74d979d"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.add_column(sa.Column("pending_totp_secret", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("pending_totp_expires_at", sa.DateTime(timezone=True), nullable=True)
        )


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.drop_column("pending_totp_expires_at")
        batch_op.drop_column("pending_totp_secret")
