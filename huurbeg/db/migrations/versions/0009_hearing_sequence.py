"""the calendar revision of a hearing

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-23

A calendar that subscribed to the hearing feed replaces an event only when its
SEQUENCE rises. Hearings that already have an outcome have been changed once
since they were added, so they start at 1; the others at 0.
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("hearing", sa.Column("sequence", sa.Integer(), nullable=False, server_default="0"))
    op.execute("UPDATE hearing SET sequence = 1 WHERE result IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("hearing") as batch:
        batch.drop_column("sequence")
