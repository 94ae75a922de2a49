"""corrections, find and referral follow-up

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23

- removed_at on every record a worker types (track changes, contacts, payments,
  agreements, hearings, stays, referrals): a record withdrawn with `remove --reason`
  stays in the database but leaves every view, warning and figure; who removed it
  and why is in the history. Existing rows: NULL (nothing was removed before). The
  covering index of the work figures gains the marker.
- case_file.rent_cents: the monthly rent (NULL: not known, as for every existing case).
- referral.outcome and outcome_date: what the other service answered (NULL: no answer yet).
- household.search_key: the normalised text `case find` narrows on, backfilled here
  from the existing households.
"""

import re
import unicodedata

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

RECORD_TABLES = ("track_change", "contact", "payment", "agreement", "hearing", "stay", "referral")


def _key(text):
    """Frozen copy of huurbeg.domain.finding.search_key as it was when this migration was written."""
    if not text:
        return []
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return re.findall(r"\w+", plain)


def search_key(name, address, phone, national_number):
    words = _key(name)
    parts = [" ".join(words), "".join(words), " ".join(_key(address)),
             "".join(re.findall(r"\d", phone or "")), national_number or ""]
    return " ".join(p for p in parts if p) or None


def upgrade() -> None:
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True))
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rent_cents", sa.Integer(), nullable=True))
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.add_column(sa.Column("outcome", sa.String(), nullable=True))
        batch_op.add_column(sa.Column("outcome_date", sa.Date(), nullable=True))
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.add_column(sa.Column("search_key", sa.String(), nullable=True))
    # the work figures count contacts from this index alone; they now skip removed ones too
    op.drop_index("ix_contact_date_kind", table_name="contact")
    op.create_index("ix_contact_date_kind", "contact", ["date", "kind", "case_id", "minutes", "removed_at"])
    connection = op.get_bind()
    household = sa.table("household", sa.column("id", sa.Integer), sa.column("name", sa.String),
                         sa.column("address", sa.String), sa.column("phone", sa.String),
                         sa.column("national_number", sa.String), sa.column("search_key", sa.String))
    rows = connection.execute(sa.select(household.c.id, household.c.name, household.c.address,
                                        household.c.phone, household.c.national_number)).all()
    for row in rows:
        connection.execute(household.update().where(household.c.id == row.id).values(
            search_key=search_key(row.name, row.address, row.phone, row.national_number)))


def downgrade() -> None:
    op.drop_index("ix_contact_date_kind", table_name="contact")
    op.create_index("ix_contact_date_kind", "contact", ["date", "kind", "case_id", "minutes"])
    with op.batch_alter_table("household", schema=None) as batch_op:
        batch_op.drop_column("search_key")
    with op.batch_alter_table("referral", schema=None) as batch_op:
        batch_op.drop_column("outcome_date")
        batch_op.drop_column("outcome")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("rent_cents")
    for table in RECORD_TABLES:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("removed_at")
