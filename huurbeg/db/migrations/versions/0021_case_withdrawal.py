"""a case registered by mistake can be withdrawn

Revision ID: 0021
Revises: 0014
Create Date: 2026-12-01

removed_at on case_file, as on every other record a worker types: a case withdrawn with
`case remove --reason` stays in the database (its history keeps who withdrew it and why)
but leaves every list, warning and figure; a purge erases it like a closed case. Existing
rows: NULL (no case was withdrawn before).
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
