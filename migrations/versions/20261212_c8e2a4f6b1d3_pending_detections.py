"""pending_detections and detection_follower: campaign detection out of the web workers

Revision ID: c8e2a4f6b1d3
Revises: b7c9e1f3a5d2
Create Date: 2026-12-12 00:00:00

A new comment gets a `pending_detections` row in its own transaction; whoever detects its
campaign (the follower, `flask campaigns follow`, or the web worker after the response when no
follower runs) deletes the row in the transaction that detects it. `detection_follower` holds
the follower's heartbeat (one row). Comments already stored were detected by the code of their
day (or wait for `flask campaigns rebuild`, as before): none is queued here.
"""

import sqlalchemy as sa
from alembic import op

revision = "c8e2a4f6b1d3"
down_revision = "b7c9e1f3a5d2"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "pending_detections",
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("failed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_pending_detections_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("submission_id", name=op.f("pk_pending_detections")),
    )
    op.create_table(
        "detection_follower",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("beat_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_detection_follower")),
    )


def downgrade():
    op.drop_table("detection_follower")
    op.drop_table("pending_detections")
