"""an index for the track of a case on a date

Revision ID: 0010
Revises: 0009
Create Date: 2026-11-23

The figures count cases and contacts by the track the case was on that day: the
latest track change of the case up to the date. With only the case in an index, each
such lookup read the case's track changes from the table and sorted them; a year's
contacts at 100,000 cases made that 100,000 lookups. This index holds the case, the
date and the id in the order the lookup wants them, and the withdrawal marker and
the track beside them, so the lookup is answered from the index alone.
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_track_change_case_date", "track_change", ["case_id", "date", "id", "removed_at", "to_track"])


def downgrade() -> None:
    op.drop_index("ix_track_change_case_date", table_name="track_change")
