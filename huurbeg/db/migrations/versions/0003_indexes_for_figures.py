"""indexes for the monthly figures

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22

The figures select cases by intake and closing date and contacts by date; without
these indexes each figure read the whole table (a million contacts at 100,000 cases).
The contact index covers the columns the work figures count, so they never touch
the table itself.
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_case_file_intake_date", "case_file", ["intake_date"])
    op.create_index("ix_case_file_closed_date", "case_file", ["closed_date"])
    op.create_index("ix_contact_date_kind", "contact", ["date", "kind", "case_id", "minutes"])
    op.create_index("ix_stay_start_date", "stay", ["start_date"])
    op.create_index("ix_stay_left_date", "stay", ["left_date"])


def downgrade() -> None:
    for name, table in (("ix_stay_left_date", "stay"), ("ix_stay_start_date", "stay"),
                        ("ix_contact_date_kind", "contact"), ("ix_case_file_closed_date", "case_file"),
                        ("ix_case_file_intake_date", "case_file")):
        op.drop_index(name, table_name=table)
