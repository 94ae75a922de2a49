"""FBU guidance agreements

Revision ID: 0007
Revises: 0005
Create Date: 2026-11-23

A new table, fbu_agreement: a guidance agreement with the Flemish eviction-prevention
fund (signing date, arrears, rent, advance and its due date, when the advance was
paid and the agreement filed) and the payment plan of the balance it created.
Nothing existing changes; an existing database simply has no FBU agreements yet.
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "fbu_agreement",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("plan_id", sa.Integer(), sa.ForeignKey("payment_plan.id", ondelete="RESTRICT"), nullable=False),
        sa.Column("signed_date", sa.Date(), nullable=False),
        sa.Column("arrears_cents", sa.Integer(), nullable=False),
        sa.Column("rent_cents", sa.Integer(), nullable=False),
        sa.Column("advance_cents", sa.Integer(), nullable=False),
        sa.Column("advance_due", sa.Date(), nullable=False),
        sa.Column("paid_date", sa.Date(), nullable=True),
        sa.Column("filed_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    for column in ("case_id", "plan_id", "signed_date", "paid_date", "filed_date"):
        op.create_index(f"ix_fbu_agreement_{column}", "fbu_agreement", [column])


def downgrade() -> None:
    op.drop_table("fbu_agreement")
