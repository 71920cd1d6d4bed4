"""theme builds: one waiting-or-running build per consultation (a unique partial index, so two
clicks on "Rebuild themes" at the same instant cannot both start one)

Revision ID: e5f3c1a9b632
Revises: b41e7d2c9a58
Create Date: 2026-12-10 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "e5f3c1a9b632"
down_revision = "b41e7d2c9a58"
branch_labels = None
depends_on = None

ACTIVE = "status IN ('queued', 'running')"


def upgrade():
    # Builds left waiting or running by a process that died would block the index: only the
    # newest of a consultation stays as it was, the older ones are marked failed.
    op.execute(
        "UPDATE theme_builds SET status = 'failed', error = 'stopped reporting' "
        "WHERE status IN ('queued', 'running') AND id NOT IN (SELECT MAX(id) FROM theme_builds "
        "WHERE status IN ('queued', 'running') GROUP BY consultation_id)"
    )
    op.create_index(
        "uq_theme_builds_one_running",
        "theme_builds",
        ["consultation_id"],
        unique=True,
        postgresql_where=sa.text(ACTIVE),
        sqlite_where=sa.text(ACTIVE),
    )


def downgrade():
    op.drop_index("uq_theme_builds_one_running", table_name="theme_builds")
