"""agenda_outcomes: what the dialogue did with each agenda item, with a note in each language

Revision ID: a7e5c2d9f614
Revises: 7e4a2c9d1b36
Create Date: 2026-12-07 11:05:00

Rows are only ever added: the newest per item is its outcome, the others its history.
"""

import sqlalchemy as sa
from alembic import op

revision = "a7e5c2d9f614"
down_revision = "7e4a2c9d1b36"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "agenda_outcomes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agenda_item_id", sa.Integer(), nullable=False),
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
            ["agenda_item_id"],
            ["agenda_items.id"],
            name=op.f("fk_agenda_outcomes_agenda_item_id_agenda_items"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by_id"],
            ["users.id"],
            name=op.f("fk_agenda_outcomes_recorded_by_id_users"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agenda_outcomes")),
    )
    op.create_index(
        op.f("ix_agenda_outcomes_agenda_item_id"),
        "agenda_outcomes",
        ["agenda_item_id"],
        unique=False,
    )


def downgrade():
    op.drop_index(op.f("ix_agenda_outcomes_agenda_item_id"), table_name="agenda_outcomes")
    op.drop_table("agenda_outcomes")
