"""theme events: the audited trail of people's corrections of themes

Revision ID: 5e1f0c7a9b32
Revises: 22b744071a71
Create Date: 2026-12-08 10:00:00

Renamed, dismissed, reviewed, a comment moved, two themes merged: who, when, before and after,
hash-chained like the administration trail (app.audit).
"""

import sqlalchemy as sa
from alembic import op

revision = "5e1f0c7a9b32"
down_revision = "22b744071a71"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "theme_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column("theme_label", sa.String(length=300), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_theme_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_events")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_theme_events_entry_hash")),
    )
    op.create_index(op.f("ix_theme_events_actor_id"), "theme_events", ["actor_id"], unique=False)
    op.create_index(
        op.f("ix_theme_events_created_at"), "theme_events", ["created_at"], unique=False
    )
    op.create_index(op.f("ix_theme_events_theme_id"), "theme_events", ["theme_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_theme_events_theme_id"), table_name="theme_events")
    op.drop_index(op.f("ix_theme_events_created_at"), table_name="theme_events")
    op.drop_index(op.f("ix_theme_events_actor_id"), table_name="theme_events")
    op.drop_table("theme_events")
