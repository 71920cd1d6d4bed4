"""stakeholder invitations: revoked (with expiry by INVITATION_DAYS, no column), a draft keeps
the invitation it was saved from, and a comment's trail records its late verification

Revision ID: f1a7c3e9b250
Revises: a6b8d0f2c4e1
Create Date: 2026-12-11 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "f1a7c3e9b250"
down_revision = "a6b8d0f2c4e1"
branch_labels = None
depends_on = None

ACTIONS = (
    "submitted", "status_changed", "retagged", "redacted", "note_added", "campaign_joined",
    "campaign_left", "email_confirmed", "disputed", "dispute_settled", "invitation_used",
)  # fmt: skip
NEW_ACTIONS = ("organization_verified",)


def _actions_check(batch_op, before, actions) -> None:
    batch_op.drop_constraint(op.f("ck_moderation_events_action"), type_="check")
    # A non-native enum is as wide as its longest value: "organization_verified" is longer
    # than any before it.
    batch_op.alter_column(
        "action",
        existing_type=sa.String(length=max(map(len, before))),
        type_=sa.String(length=max(map(len, actions))),
        existing_nullable=False,
    )
    listed = ", ".join(f"'{a}'" for a in actions)
    batch_op.create_check_constraint("action", sa.text(f"action IN ({listed})"))


def upgrade():
    with op.batch_alter_table("stakeholder_invitations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True))
    # The invitation a draft was saved from, by id: the link's secret stays in the e-mail.
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.add_column(sa.Column("invitation_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_drafts_invitation_id_stakeholder_invitations"),
            "stakeholder_invitations",
            ["invitation_id"],
            ["id"],
        )
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS, ACTIONS + NEW_ACTIONS)


def downgrade():
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS + NEW_ACTIONS, ACTIONS)
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_drafts_invitation_id_stakeholder_invitations"), type_="foreignkey"
        )
        batch_op.drop_column("invitation_id")
    with op.batch_alter_table("stakeholder_invitations", schema=None) as batch_op:
        batch_op.drop_column("revoked_at")
