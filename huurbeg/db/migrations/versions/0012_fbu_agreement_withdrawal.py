"""an FBU agreement recorded by mistake can be withdrawn

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23

removed_at on fbu_agreement, as on every other record a worker types: an agreement
withdrawn with `plan fbu-remove --reason` stays in the database but leaves every view,
warning and figure; who withdrew it and why is in the history. Existing rows: NULL
(nothing was withdrawn before).
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("fbu_agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("fbu_agreement", schema=None) as batch_op:
        batch_op.drop_column("removed_at")
