"""campaign letters: the shingles each campaign's letter has, its size, and whether a
moderator changed the campaign (took members out of it)

Revision ID: f3a8c51d2e90
Revises: 5a7c3e9b2d14
Create Date: 2026-12-07 09:30:00

Existing campaigns get no letter here (it is computed from their members' texts): run
`flask --app wsgi campaigns rebuild` after upgrading. Campaigns a moderator took members out
of are found in the trail (a campaign_left event with "taken_out").
"""

import json

import sqlalchemy as sa
from alembic import op

revision = "f3a8c51d2e90"
down_revision = "5a7c3e9b2d14"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "campaign_shingles",
        sa.Column("shingle", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["campaigns.id"],
            name=op.f("fk_campaign_shingles_campaign_id_campaigns"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("shingle", "campaign_id", name=op.f("pk_campaign_shingles")),
    )
    with op.batch_alter_table("campaign_shingles", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_campaign_shingles_campaign_id"), ["campaign_id"], unique=False
        )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("letter_size", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("moderator_changed", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.alter_column("letter_size", server_default=None)
        batch_op.alter_column("moderator_changed", server_default=None)
    bind = op.get_bind()
    changed = set()
    for (details,) in bind.execute(
        sa.text(
            "SELECT details FROM moderation_events WHERE action = 'campaign_left' "
            "AND details LIKE '%taken_out%'"
        )
    ):
        found = json.loads(details)
        if found.get("taken_out") and found.get("campaign_id") is not None:
            changed.add(int(found["campaign_id"]))
    if changed:
        bind.execute(
            sa.text("UPDATE campaigns SET moderator_changed = :yes WHERE id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)
            ),
            {"yes": True, "ids": sorted(changed)},
        )


def downgrade():
    with op.batch_alter_table("campaigns", schema=None) as batch_op:
        batch_op.drop_column("moderator_changed")
        batch_op.drop_column("letter_size")
    with op.batch_alter_table("campaign_shingles", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_campaign_shingles_campaign_id"))
    op.drop_table("campaign_shingles")
