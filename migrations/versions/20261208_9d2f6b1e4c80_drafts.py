"""drafts: comments saved to finish later, found by the hash of the secret in their link

Revision ID: 9d2f6b1e4c80
Revises: 5e1f0c7a9b32
Create Date: 2026-12-08 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "9d2f6b1e4c80"
down_revision = "5e1f0c7a9b32"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "drafts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("secret_hash", sa.String(length=64), nullable=False),
        sa.Column("consultation_id", sa.Integer(), nullable=False),
        sa.Column(
            "page_language",
            sa.Enum("en", "es", name="page_language", native_enum=False, create_constraint=True),
            nullable=False,
        ),
        sa.Column("answers", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["consultation_id"],
            ["consultations.id"],
            name=op.f("fk_drafts_consultation_id_consultations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_drafts")),
        sa.UniqueConstraint("secret_hash", name=op.f("uq_drafts_secret_hash")),
    )
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_drafts_consultation_id"), ["consultation_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_drafts_created_at"), ["created_at"], unique=False)


def downgrade():
    with op.batch_alter_table("drafts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_drafts_created_at"))
        batch_op.drop_index(batch_op.f("ix_drafts_consultation_id"))
    op.drop_table("drafts")
