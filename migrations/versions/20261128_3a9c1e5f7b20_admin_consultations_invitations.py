"""admin area: hash-chained admin_events, invitations, what a consultation offers

Revision ID: 3a9c1e5f7b20
Revises: 7d3e1f0a9b21
Create Date: 2026-11-28 15:48:45.397507

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "3a9c1e5f7b20"
down_revision = "7d3e1f0a9b21"
branch_labels = None
depends_on = None


def upgrade():

    op.create_table(
        "admin_events",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("target_type", sa.String(length=20), nullable=False),
        sa.Column("target_id", sa.Integer(), nullable=True),
        sa.Column("target_label", sa.String(length=300), nullable=False),
        sa.Column("before", sa.Text(), nullable=True),
        sa.Column("after", sa.Text(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=True),
        sa.Column("entry_hash", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_admin_events_actor_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admin_events")),
        sa.UniqueConstraint("entry_hash", name=op.f("uq_admin_events_entry_hash")),
    )
    with op.batch_alter_table("admin_events", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admin_events_actor_id"), ["actor_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_admin_events_created_at"), ["created_at"], unique=False
        )

    op.create_table(
        "consultation_pillars",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_pillars_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillars.id"], name=op.f("fk_consultation_pillars_pillar_id_pillars")
        ),
        sa.PrimaryKeyConstraint(
            "consultation_id", "pillar_id", name=op.f("pk_consultation_pillars")
        ),
    )
    with op.batch_alter_table("consultation_pillars", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_pillars_pillar_id"), ["pillar_id"], unique=False
        )

    op.create_table(
        "consultation_sector_intros",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("intro_en", sa.Text(), nullable=False),
        sa.Column("intro_es", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_sector_intros_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"],
            ["sectors.id"],
            name=op.f("fk_consultation_sector_intros_sector_id_sectors"),
        ),
        sa.PrimaryKeyConstraint(
            "consultation_id", "sector_id", name=op.f("pk_consultation_sector_intros")
        ),
    )
    with op.batch_alter_table("consultation_sector_intros", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_sector_intros_sector_id"), ["sector_id"], unique=False
        )

    op.create_table(
        "invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=False),
        sa.Column(
            "role",
            sa.Enum(
                "moderator",
                "secretariat",
                "admin",
                name="role",
                native_enum=False,
                create_constraint=True,
            ),
            nullable=False,
        ),
        sa.Column(
            "language",
            sa.Enum("en", "es", name="language", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("invited_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["invited_by_id"], ["users.id"], name=op.f("fk_invitations_invited_by_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_invitations_user_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_invitations_token_hash")),
    )
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_invitations_email"), ["email"], unique=False)

    op.create_table(
        "consultation_topics",
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("topic_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_consultation_topics_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["topic_id"], ["topics.id"], name=op.f("fk_consultation_topics_topic_id_topics")
        ),
        sa.PrimaryKeyConstraint("consultation_id", "topic_id", name=op.f("pk_consultation_topics")),
    )
    with op.batch_alter_table("consultation_topics", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_consultation_topics_topic_id"), ["topic_id"], unique=False
        )


def downgrade():

    with op.batch_alter_table("consultation_topics", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_topics_topic_id"))

    op.drop_table("consultation_topics")
    with op.batch_alter_table("invitations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_invitations_email"))

    op.drop_table("invitations")
    with op.batch_alter_table("consultation_sector_intros", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_sector_intros_sector_id"))

    op.drop_table("consultation_sector_intros")
    with op.batch_alter_table("consultation_pillars", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consultation_pillars_pillar_id"))

    op.drop_table("consultation_pillars")
    with op.batch_alter_table("admin_events", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admin_events_created_at"))
        batch_op.drop_index(batch_op.f("ix_admin_events_actor_id"))

    op.drop_table("admin_events")
