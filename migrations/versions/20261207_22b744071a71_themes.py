"""themes: what the approved comments ask for, per consultation and pillar, across languages

Revision ID: 22b744071a71
Revises: a7e5c2d9f614
Create Date: 2026-12-07 13:24:37

Themes with a label in each language and the human decisions a rebuild keeps (renamed,
dismissed, made by hand), their members (one theme per comment at most; who placed it), the
vector space each pillar's build made (what a newly approved comment is placed in), and the
record of each build (app/themes).
"""

import sqlalchemy as sa
from alembic import op

revision = "22b744071a71"
down_revision = "a7e5c2d9f614"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "theme_builds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "queued",
                "running",
                "done",
                "empty",
                "failed",
                name="status",
                native_enum=False,
                create_constraint=True,
                length=7,
            ),
            nullable=False,
        ),
        sa.Column("runner", sa.String(length=10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("themes", sa.Integer(), nullable=False),
        sa.Column("themed", sa.Integer(), nullable=False),
        sa.Column("unthemed", sa.Integer(), nullable=False),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_theme_builds_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillars.id"], name=op.f("fk_theme_builds_pillar_id_pillars")
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_theme_builds_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_builds")),
    )
    op.create_index(
        op.f("ix_theme_builds_consultation_id"), "theme_builds", ["consultation_id"], unique=False
    )

    op.create_table(
        "theme_spaces",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=False),
        sa.Column("idf", sa.Text(), nullable=False),
        sa.Column("method", sa.String(length=40), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_theme_spaces_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillars.id"], name=op.f("fk_theme_spaces_pillar_id_pillars")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_spaces")),
        sa.UniqueConstraint(
            "consultation_id", "pillar_id", name=op.f("uq_theme_spaces_consultation_id_pillar_id")
        ),
    )
    op.create_table(
        "themes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column("pillar_id", sa.Integer(), nullable=False),
        sa.Column("label_en", sa.String(length=200), nullable=False),
        sa.Column("label_es", sa.String(length=200), nullable=False),
        sa.Column("label_edited", sa.Boolean(), nullable=False),
        sa.Column("dismissed", sa.Boolean(), nullable=False),
        sa.Column(
            "origin",
            sa.Enum(
                "built", "human", name="origin", native_enum=False, create_constraint=True, length=5
            ),
            nullable=False,
        ),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_by_id", sa.Integer(), nullable=True),
        sa.Column("support", sa.Integer(), nullable=False),
        sa.Column("comments", sa.Integer(), nullable=False),
        sa.Column("centroid", sa.Text(), nullable=True),
        sa.Column("key_terms", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("built_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_themes_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["pillar_id"], ["pillars.id"], name=op.f("fk_themes_pillar_id_pillars")
        ),
        sa.ForeignKeyConstraint(
            ["reviewed_by_id"],
            ["users.id"],
            name=op.f("fk_themes_reviewed_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_themes")),
    )
    op.create_index(
        "ix_themes_consultation_pillar", "themes", ["consultation_id", "pillar_id"], unique=False
    )
    op.create_index(op.f("ix_themes_support"), "themes", ["support"], unique=False)

    op.create_table(
        "theme_members",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column(
            "placed_by",
            sa.Enum(
                "build",
                "assigned",
                "human",
                name="placed_by",
                native_enum=False,
                create_constraint=True,
                length=8,
            ),
            nullable=False,
        ),
        sa.Column("similarity", sa.Float(), nullable=True),
        sa.Column("joined_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_theme_members_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_members_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_theme_members")),
    )
    op.create_index(op.f("ix_theme_members_theme_id"), "theme_members", ["theme_id"], unique=False)


def downgrade():
    op.drop_index(op.f("ix_theme_members_theme_id"), table_name="theme_members")

    op.drop_table("theme_members")
    op.drop_index(op.f("ix_themes_support"), table_name="themes")
    op.drop_index("ix_themes_consultation_pillar", table_name="themes")

    op.drop_table("themes")
    op.drop_table("theme_spaces")
    op.drop_index(op.f("ix_theme_builds_consultation_id"), table_name="theme_builds")

    op.drop_table("theme_builds")
