"""packet jobs: agenda packet builds, their progress and the finished file

Revision ID: c4a7e2b91f53
Revises: 3a9c1e5f7b20
Create Date: 2026-11-28 16:00:00

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "c4a7e2b91f53"
down_revision = "3a9c1e5f7b20"
branch_labels = None
depends_on = None


def _enum(name, *values):
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True)


def upgrade():
    op.create_table(
        "packet_jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("format", _enum("format", "pdf", "docx", "html"), nullable=False),
        sa.Column("language", _enum("language", "en", "es", "both"), nullable=False),
        sa.Column("audience", _enum("audience", "public", "internal"), nullable=False),
        sa.Column("status", _enum("status", "queued", "running", "done", "failed"), nullable=False),
        sa.Column("runner", sa.String(length=10), nullable=False),
        sa.Column("done", sa.Integer(), nullable=False),
        sa.Column("total", sa.Integer(), nullable=False),
        sa.Column("pages", sa.Integer(), nullable=True),
        sa.Column("file_name", sa.String(length=200), nullable=True),
        sa.Column("file_path", sa.String(length=300), nullable=True),
        sa.Column("size_bytes", sa.Integer(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("requested_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("heartbeat_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["meeting_id"],
            ["meetings.id"],
            name=op.f("fk_packet_jobs_meeting_id_meetings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["requested_by_id"],
            ["users.id"],
            name=op.f("fk_packet_jobs_requested_by_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_packet_jobs")),
    )
    with op.batch_alter_table("packet_jobs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_packet_jobs_meeting_id"), ["meeting_id"], unique=False)


def downgrade():
    with op.batch_alter_table("packet_jobs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_packet_jobs_meeting_id"))
    op.drop_table("packet_jobs")
