"""the answers of an interrupted interactive flow are kept, to resume it

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-02

One new table, draft: the answers typed so far in an intake, a visit or a payment plan
asked on a terminal (flow, the case when there is one, the worker who typed them, when
first and last kept, the day they are kept until, the answers as JSON). A row is written
as each answer is accepted, in a transaction of its own, and deleted when the flow is
completed, after seven days, or by a purge. Nothing existing changes: an existing database
simply has no kept answers yet.
"""

import sqlalchemy as sa
from alembic import op

revision = "0029"
down_revision = "0028"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("flow", sa.String(), nullable=False),
        sa.Column("case_id", sa.Integer(), sa.ForeignKey("case_file.id", ondelete="RESTRICT"), nullable=True),
        sa.Column("worker", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("kept_until", sa.Date(), nullable=False),
        sa.Column("answers", sa.String(), nullable=False),
    )
    op.create_index("ix_draft_case_id", "draft", ["case_id"])
    op.create_index("ix_draft_worker", "draft", ["worker"])


def downgrade() -> None:
    op.drop_table("draft")
