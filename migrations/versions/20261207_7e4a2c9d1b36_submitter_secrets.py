"""submissions: a submitter's access code and e-mail link token (hashes), e-mail confirmed,
disputed ("I did not send this"); the events that record them

Revision ID: 7e4a2c9d1b36
Revises: f3a8c1d5e902
Create Date: 2026-12-07 11:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "7e4a2c9d1b36"
down_revision = "f3a8c1d5e902"
branch_labels = None
depends_on = None

ACTIONS = (
    "submitted", "status_changed", "retagged", "redacted", "note_added", "campaign_joined",
    "campaign_left",
)  # fmt: skip
NEW_ACTIONS = ("email_confirmed", "disputed", "dispute_settled")


def _actions_check(batch_op, actions) -> None:
    batch_op.drop_constraint(op.f("ck_moderation_events_action"), type_="check")
    listed = ", ".join(f"'{a}'" for a in actions)
    batch_op.create_check_constraint("action", sa.text(f"action IN ({listed})"))


def upgrade():
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.add_column(sa.Column("access_code_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("email_token_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(
            sa.Column("email_confirmed_at", sa.DateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(sa.Column("disputed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS + NEW_ACTIONS)


def downgrade():
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS)
    with op.batch_alter_table("submissions", schema=None) as batch_op:
        batch_op.drop_column("disputed_at")
        batch_op.drop_column("email_confirmed_at")
        batch_op.drop_column("email_token_hash")
        batch_op.drop_column("access_code_hash")
