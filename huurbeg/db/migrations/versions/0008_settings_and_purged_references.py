"""settings of the database itself; no import reference survives a purge

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-23

`setting` holds facts about the file, one row per key: the date of the last daily
integrity check that passed, and the cut-off of the last purge (so a re-imported
spreadsheet does not bring purged cases back). Cases purged before this version kept
their import reference, which can name the tenant (PEETERS-JAN-1980): it is erased now,
as a purge does from this version on.
"""

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("setting",
                    sa.Column("key", sa.String(), nullable=False),
                    sa.Column("value", sa.String(), nullable=False),
                    sa.PrimaryKeyConstraint("key"))
    op.execute("UPDATE case_file SET external_ref = NULL WHERE purged_at IS NOT NULL")


def downgrade() -> None:
    op.drop_table("setting")
