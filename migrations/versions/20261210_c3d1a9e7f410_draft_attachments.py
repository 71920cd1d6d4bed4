"""draft attachments: files kept with a comment saved to finish later; an index on the
submissions' e-mail address for the moderators' same-address signal

Revision ID: c3d1a9e7f410
Revises: e5f3c1a9b632
Create Date: 2026-12-10 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "c3d1a9e7f410"
down_revision = "e5f3c1a9b632"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "draft_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("draft_id", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=255), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size_bytes > 0", name=op.f("ck_draft_attachments_size_positive")),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_draft_attachments_sha256_length")),
        sa.ForeignKeyConstraint(
            ["draft_id"],
            ["drafts.id"],
            name=op.f("fk_draft_attachments_draft_id_drafts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_draft_attachments")),
    )
    with op.batch_alter_table("draft_attachments", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_draft_attachments_draft_id"), ["draft_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_draft_attachments_storage_key"), ["storage_key"], unique=False
        )
    op.create_index(
        "ix_submissions_email_consultation",
        "submissions",
        ["email", "consultation_id"],
        unique=False,
    )


def downgrade():
    op.drop_index("ix_submissions_email_consultation", table_name="submissions")
    with op.batch_alter_table("draft_attachments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_draft_attachments_storage_key"))
        batch_op.drop_index(batch_op.f("ix_draft_attachments_draft_id"))
    op.drop_table("draft_attachments")
