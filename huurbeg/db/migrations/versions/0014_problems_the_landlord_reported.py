"""which problems came with the registration, and which the landlord reported

Revision ID: 0014
Revises: 0012
Create Date: 2026-12-01

A landlord may hear about the problems they reported, nothing more. Until now every
problem of a case registered by the landlord was marked as theirs, also one the worker
added later with `case edit --problem`. `at_registration` now keeps which problems came
with the registration (intake or import), and `raised_by_landlord` holds only what the
landlord reported: the registration's problems when the landlord registered the case,
and those the worker marks with `case edit --reported-by-landlord`.

What the backfill can know: the history names the fields a correction changed
("corrected: ..., problems, ..."), never the problems before or after it. A case whose
problems were never corrected still has exactly the problems of its registration, so
these keep their mark. A case whose problems were corrected may hold problems added
later, and nothing tells which: none of its problems counts as the registration's, and
none is the landlord's until the worker marks it again (a landlord told too little can be
told more; one told what they never reported cannot be untold). Existing marks were never
a worker's choice (they followed the registration source), so no choice is lost.
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0012"
branch_labels = None
depends_on = None

CORRECTED = ("SELECT h.case_id FROM history h WHERE h.case_id IS NOT NULL AND h.action = 'edit' "
             "AND h.detail LIKE '%problems%'")
"""The cases whose problems a worker corrected (the history line lists the fields changed)."""


def upgrade() -> None:
    with op.batch_alter_table("case_problem", schema=None) as batch_op:
        batch_op.add_column(sa.Column("at_registration", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    op.execute(sa.text(f"UPDATE case_problem SET at_registration = true WHERE case_id NOT IN ({CORRECTED})"))
    op.execute(sa.text(f"UPDATE case_problem SET raised_by_landlord = false WHERE case_id IN ({CORRECTED})"))


def downgrade() -> None:
    with op.batch_alter_table("case_problem", schema=None) as batch_op:
        batch_op.drop_column("at_registration")
