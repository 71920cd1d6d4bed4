"""theme_outcomes: what the dialogue did with each theme, with a note in each language

Revision ID: a6b8d0f2c4e1
Revises: d4e2b0f8a521
Create Date: 2026-12-11 20:00:00

A sibling of agenda_outcomes with the same columns (app.outcomes.OutcomeRecord): rows are only
ever added, the newest per theme is its outcome, the others its history. The theme's foreign key
is NOT NULL and goes with the theme, as the item's does.
"""

import sqlalchemy as sa
from alembic import op

revision = "a6b8d0f2c4e1"
down_revision = "d4e2b0f8a521"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "theme_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("theme_id", sa.Integer(), nullable=False),
        sa.Column(
            "kind",
            sa.Enum(
                "adopted",
                "under_consideration",
                "referred",
                "out_of_scope",
                name="outcome_kind",
                native_enum=False,
                create_constraint=True,
                length=19,
            ),
            nullable=False,
        ),
        sa.Column("note_en", sa.Text(), nullable=False),
        sa.Column("note_es", sa.Text(), nullable=False),
        sa.Column("recorded_by_id", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["theme_id"],
            ["themes.id"],
            name=op.f("fk_theme_outcomes_theme_id_themes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_theme_outcomes_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_theme_outcomes")),
    )
    op.create_index(
        op.f("ix_theme_outcomes_theme_id"), "theme_outcomes", ["theme_id"], unique=False
    )


def downgrade():
    op.drop_index(op.f("ix_theme_outcomes_theme_id"), table_name="theme_outcomes")
    op.drop_table("theme_outcomes")
