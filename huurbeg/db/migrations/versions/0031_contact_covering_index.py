"""the latest contacts of many cases are read from an index alone

Revision ID: 0031
Revises: 0029
Create Date: 2026-12-02

One new index on contact: the case, whether withdrawn, the date, whether the household was
reached and the next contact planned. The caseload list, the deadlines and the overview read
each open case's last contact, last reached contact and next planned one: with every column
they read in the index, two thousand open cases among a hundred thousand are read without
visiting the contacts' rows. Nothing else changes.
"""

from alembic import op

revision = "0031"
down_revision = "0030"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_contact_case_latest", "contact", ["case_id", "removed_at", "date", "reached", "next_planned"])


def downgrade() -> None:
    op.drop_index("ix_contact_case_latest", "contact")
