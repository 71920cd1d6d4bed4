"""stakeholder invitations: a named stakeholder's personal link to comment, good once

Revision ID: d4e2b0f8a521
Revises: c3d1a9e7f410
Create Date: 2026-12-10 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "d4e2b0f8a521"
down_revision = "c3d1a9e7f410"
branch_labels = None
depends_on = None

ACTIONS = (
    "submitted", "status_changed", "retagged", "redacted", "note_added", "campaign_joined",
    "campaign_left", "email_confirmed", "disputed", "dispute_settled",
)  # fmt: skip
NEW_ACTIONS = ("invitation_used",)


def _actions_check(batch_op, actions) -> None:
    batch_op.drop_constraint(op.f("ck_moderation_events_action"), type_="check")
    listed = ", ".join(f"'{a}'" for a in actions)
    batch_op.create_check_constraint("action", sa.text(f"action IN ({listed})"))


def upgrade():
    # A table of its own pointing at the comment it brought: `submissions` is not altered
    # (on SQLite that would rebuild it and drop its full-text and queue triggers).
    op.create_table(
        "stakeholder_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("organization", sa.String(length=200), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "language",
            sa.Enum("en", "es", name="language", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("submission_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_stakeholder_invitations_consultation_id_consultations"),
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"], ["sectors.id"], name=op.f("fk_stakeholder_invitations_sector_id_sectors")
        ),
        sa.ForeignKeyConstraint(
            ["invited_by_id"],
            ["users.id"],
            name=op.f("fk_stakeholder_invitations_invited_by_id_users"),
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_stakeholder_invitations_submission_id_submissions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stakeholder_invitations")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_stakeholder_invitations_secret_hash")),
        sa.UniqueConstraint("submission_id", name=op.f("uq_stakeholder_invitations_submission_id")),
    )
    op.create_index(
        op.f("ix_stakeholder_invitations_consultation_id"),
        "stakeholder_invitations",
        ["consultation_id"],
    )
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS + NEW_ACTIONS)


def downgrade():
    with op.batch_alter_table("moderation_events", schema=None) as batch_op:
        _actions_check(batch_op, ACTIONS)
    op.drop_index(
        op.f("ix_stakeholder_invitations_consultation_id"), table_name="stakeholder_invitations"
    )
    op.drop_table("stakeholder_invitations")
