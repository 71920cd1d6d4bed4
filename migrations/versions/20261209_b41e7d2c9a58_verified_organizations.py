"""verified organisations: organisations, their e-mail domains, and the organisation a
confirmed address verified a comment with

Revision ID: b41e7d2c9a58
Revises: 9d2f6b1e4c80
Create Date: 2026-12-09 09:00:00

"""

import sqlalchemy as sa
from alembic import op

revision = "b41e7d2c9a58"
down_revision = "9d2f6b1e4c80"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "organizations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name_en", sa.String(length=200), nullable=False),
        sa.Column("name_es", sa.String(length=200), nullable=False),
        sa.Column("sector_id", sa.Integer(), nullable=False),
        sa.Column("country_code", sa.String(length=2), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["country_code"],
            ["countries.code"],
            name=op.f("fk_organizations_country_code_countries"),
        ),
        sa.ForeignKeyConstraint(
            ["sector_id"], ["sectors.id"], name=op.f("fk_organizations_sector_id_sectors")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organizations")),
    )
    op.create_index(op.f("ix_organizations_sector_id"), "organizations", ["sector_id"])
    op.create_table(
        "organization_domains",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organization_id", sa.Integer(), nullable=False),
        sa.Column("domain", sa.String(length=253), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_id"],
            ["organizations.id"],
            name=op.f("fk_organization_domains_organization_id_organizations"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_organization_domains")),
        sa.UniqueConstraint("domain", name=op.f("uq_organization_domains_domain")),
    )
    op.create_index(
        op.f("ix_organization_domains_organization_id"),
        "organization_domains",
        ["organization_id"],
    )
    # A plain ADD COLUMN, never batch mode: on SQLite a batch rebuilds `submissions` and drops
    # its full-text and queue triggers. SQLite takes the reference inline (it cannot add a
    # constraint later) and reflects no ON DELETE from it, hence none in the model either.
    if op.get_bind().dialect.name == "sqlite":
        reference = sa.ForeignKey("organizations.id")
        column = sa.Column("verified_organization_id", sa.Integer(), reference, nullable=True)
        op.add_column("submissions", column, inline_references=True)
    else:
        op.add_column(
            "submissions", sa.Column("verified_organization_id", sa.Integer(), nullable=True)
        )
        op.create_foreign_key(
            op.f("fk_submissions_verified_organization_id_organizations"),
            "submissions",
            "organizations",
            ["verified_organization_id"],
            ["id"],
        )
    op.create_index(
        op.f("ix_submissions_verified_organization_id"),
        "submissions",
        ["verified_organization_id"],
    )


def downgrade():
    op.drop_index(op.f("ix_submissions_verified_organization_id"), table_name="submissions")
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(
            op.f("fk_submissions_verified_organization_id_organizations"),
            "submissions",
            type_="foreignkey",
        )
    # SQLite drops an inline reference with its column (ALTER TABLE … DROP COLUMN).
    op.drop_column("submissions", "verified_organization_id")
    op.drop_index(
        op.f("ix_organization_domains_organization_id"), table_name="organization_domains"
    )
    op.drop_table("organization_domains")
    op.drop_index(op.f("ix_organizations_sector_id"), table_name="organizations")
    op.drop_table("organizations")
