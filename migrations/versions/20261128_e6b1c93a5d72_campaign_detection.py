"""campaign detection: fingerprints, LSH band keys, campaign sizes, one campaign per text

Revision ID: e6b1c93a5d72
Revises: c4a7e2b91f53
Create Date: 2026-11-28 16:15:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "e6b1c93a5d72"
down_revision = "c4a7e2b91f53"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "submission_fingerprints",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("exact_hash", sa.String(length=32), nullable=False),
        sa.Column("minhash", sa.LargeBinary(), nullable=False),
        sa.Column("words", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submission_fingerprints_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_submission_fingerprints")),
    )
    with op.batch_alter_table("submission_fingerprints", schema=None) as batch_op:
        batch_op.create_index(
            "ix_submission_fingerprints_exact", ["exact_hash", "submission_id"], unique=False
        )

    op.create_table(
        "lsh_bands",
        sa.Column("key", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("band", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_lsh_bands_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key", "band", name=op.f("pk_lsh_bands")),
    )
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_lsh_bands_submission_id"), ["submission_id"], unique=False
        )

    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("member_count", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.create_index(batch_op.f("ix_campaigns_member_count"), ["member_count"])
        batch_op.create_unique_constraint(
            batch_op.f("uq_campaigns_representative_submission_id"),
            ["representative_submission_id"],
        )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.alter_column("member_count", server_default=None)


def downgrade():
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("uq_campaigns_representative_submission_id"), type_="unique"
        )
        batch_op.drop_index(batch_op.f("ix_campaigns_member_count"))
        batch_op.drop_column("member_count")
    with op.batch_alter_table("lsh_bands", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_lsh_bands_submission_id"))
    op.drop_table("lsh_bands")
    with op.batch_alter_table("submission_fingerprints", schema=None) as batch_op:
        batch_op.drop_index("ix_submission_fingerprints_exact")
    op.drop_table("submission_fingerprints")
