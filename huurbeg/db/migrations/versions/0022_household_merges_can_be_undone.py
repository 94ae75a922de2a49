"""a merge of two households can be undone

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-01

Two new tables. household_merge keeps, for each `case merge`, the absorbed household's
details and which fields the staying household took from it; household_merge_case the
cases of both households at that moment, whether each moved and its 'returning household'
flag. `case unmerge` restores from them. A purge erases the details like any household's.
Existing databases: merges made before have no record, so they cannot be undone (the
absorbed household was deleted then); nothing existing changes.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022"
down_revision = "0021"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "household_merge",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("filled", sa.String(), nullable=True),
        sa.Column("name", sa.String(), nullable=True),
        sa.Column("address", sa.String(), nullable=True),
        sa.Column("phone", sa.String(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("national_number", sa.String(), nullable=True),
        sa.Column("adults", sa.Integer(), nullable=True),
        sa.Column("children", sa.Integer(), nullable=True),
        sa.Column("household_created_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True),
    )
    op.create_index("ix_household_merge_case_id", "household_merge", ["case_id"])
    op.create_table(
        "household_merge_case",
        sa.Column("merge_id", sa.Integer(), sa.ForeignKey("household_merge.id", ondelete="RESTRICT"),
                  primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="RESTRICT"), primary_key=True),
        sa.Column("moved", sa.Boolean(), nullable=False),
        sa.Column("returning_household", sa.Boolean(), nullable=False),
    )
    op.create_index("ix_household_merge_case_case_id", "household_merge_case", ["case_id"])


def downgrade() -> None:
    op.drop_table("household_merge_case")
    op.drop_table("household_merge")
