"""whether a contact reached the household

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-01

reached on contact: a door that stayed shut or a letter nobody answered is work done (it
counts in the hours) but no sign that the household knows what is coming, so "prepared" for a
hearing, the no-contact warnings and a court notice's "not yet reached" count only contacts
that reached it. Existing rows are backfilled with the default of their kind (a home visit,
office appointment, phone call, consultation or hearing reached the household; a letter or an
e-mail did not): it is what a worker would have recorded without saying otherwise, and the
only guess the stored data allow; a worker who knows better corrects it with `visit edit`.
"""

import sqlalchemy as sa
from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None

REACHING_KINDS = ("home", "office", "phone", "consultation", "hearing")
"""Frozen here: huurbeg.domain.rules.KINDS_THAT_REACH as it was when this step was written."""


def upgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(sa.Column("reached", sa.Boolean(), nullable=False, server_default=sa.true()))
    kinds = ", ".join(f"'{kind}'" for kind in REACHING_KINDS)
    op.execute(f"UPDATE contact SET reached = (kind IN ({kinds}))")
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.alter_column("reached", server_default=None)


def downgrade() -> None:
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("reached")
