"""after a judgment: its service, the bailiff's date, what happened

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01

A dissolved lease is followed after the court day: the date the judgment was served on the
tenant (served_date, with the term the judge set in days when it is not one month: term_days),
which gives the earliest eviction date; the bailiff's announced eviction (eviction_date, which a
dissolution used to carry, now with its time and the day it was announced); and what happened
(eviction_result: carried-out, averted, left, with its date). Existing rows keep their
eviction_date as it was typed: it is the eviction date the worker knew, and nothing stored says
when or by whom it was announced, so those columns stay empty.
"""

import sqlalchemy as sa
from alembic import op

revision = "0025"
down_revision = "0024"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        batch_op.add_column(sa.Column("served_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("term_days", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("eviction_time", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("eviction_announced", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("eviction_result", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("eviction_result_date", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("hearing", schema=None) as batch_op:
        for name in ("eviction_result_date", "eviction_result", "eviction_announced", "eviction_time", "term_days",
                     "served_date"):
            batch_op.drop_column(name)
