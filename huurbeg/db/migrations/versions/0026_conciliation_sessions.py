"""conciliation sessions beside hearings

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-01

kind on hearing: a pre-OGP case may sit before the Justice of the Peace for a conciliation
(verzoening, minnelijke schikking) without a petition, and that session has its own outcomes
(agreement, no agreement, tenant absent, withdrawn), its own place on the roll and in the figures.
Every existing row was recorded by `hearing add` or an OGP intake, which only knew hearings on a
petition, so each is backfilled as a hearing.
"""

import sqlalchemy as sa
from alembic import op

revision = "0026"
down_revision = "0025"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kind", sa.String(), nullable=False, server_default="hearing"))
    op.execute("UPDATE hearing SET kind = 'hearing'")
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.alter_column("kind", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.drop_column("kind")
