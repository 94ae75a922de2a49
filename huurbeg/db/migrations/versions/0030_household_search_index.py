"""the database narrows a search of households: the numbers of an address, a birth date index, a trigram index

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-02

- household.address_numbers: the numbers of the address (huurbeg.domain.finding.number_key, " 1 2800 "),
  indexed, backfilled here; written with the other keys wherever a household is (intake, edit, merge,
  unmerge, import, copy) and erased by a purge with them.
- an index on household.birth_date.
- SQLite only: household_search, an FTS5 table with the trigram tokenizer over household.search_key and
  household.address_numbers (external content: the text stays in household, the table holds only the
  index), and three triggers that keep it up to date on every insert, change and deletion of a household,
  whichever command writes it. Existing households are indexed here. On PostgreSQL, and on an SQLite built
  without FTS5's trigram tokenizer, it is not made, and the searches read the households as before: the same
  results (huurbeg.db.search).

A later migration that rebuilds the household table (a batch operation) must create the triggers again.
"""

import re

import sqlalchemy as sa
from alembic import op

revision = "0030"
down_revision = "0029"
branch_labels = None
depends_on = None

TABLE = "household_search"
COLUMNS = "search_key, address_numbers"
OLD = "old.search_key, old.address_numbers"
NEW = "new.search_key, new.address_numbers"
TRIGGERS = {
    "household_search_insert": f"AFTER INSERT ON household BEGIN "
    f"INSERT INTO {TABLE} (rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
    "household_search_delete": f"AFTER DELETE ON household BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); END",
    "household_search_update": f"AFTER UPDATE OF {COLUMNS} ON household BEGIN "
    f"INSERT INTO {TABLE} ({TABLE}, rowid, {COLUMNS}) VALUES ('delete', old.id, {OLD}); "
    f"INSERT INTO {TABLE} (rowid, {COLUMNS}) VALUES (new.id, {NEW}); END",
}


def number_key(address):
    """Frozen copy of huurbeg.domain.finding.number_key as it was when this migration was written."""
    if not address:
        return None
    return " " + " ".join(sorted(set(re.findall(r"\d+", address)))) + " "


def _trigram_available(connection) -> bool:
    try:
        connection.exec_driver_sql("CREATE VIRTUAL TABLE temp.huurbeg_trigram_probe USING fts5(x, tokenize='trigram')")
    except Exception:  # noqa: BLE001  (an SQLite without FTS5 or without its trigram tokenizer)
        return False
    connection.exec_driver_sql("DROP TABLE temp.huurbeg_trigram_probe")
    return True


def upgrade() -> None:
    with op.batch_alter_table("household") as batch_op:
        batch_op.add_column(sa.Column("address_numbers", sa.String(), nullable=True))
        batch_op.create_index("ix_household_address_numbers", ["address_numbers"], unique=False)
        batch_op.create_index("ix_household_birth_date", ["birth_date"], unique=False)
    connection = op.get_bind()
    household = sa.table("household", sa.column("id", sa.Integer), sa.column("address", sa.String),
                         sa.column("address_numbers", sa.String))
    rows = connection.execute(sa.select(household.c.id, household.c.address)
                              .where(household.c.address.is_not(None))).all()
    if rows:
        connection.execute(household.update().where(household.c.id == sa.bindparam("household_id"))
                           .values(address_numbers=sa.bindparam("numbers")),
                           [{"household_id": row.id, "numbers": number_key(row.address)} for row in rows])
    if connection.dialect.name != "sqlite" or not _trigram_available(connection):
        return
    op.execute(f"CREATE VIRTUAL TABLE {TABLE} USING fts5({COLUMNS}, content='household', content_rowid='id', "
               "tokenize='trigram')")
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute(f"INSERT INTO {TABLE} ({TABLE}) VALUES ('rebuild')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute(f"DROP TABLE IF EXISTS {TABLE}")
    with op.batch_alter_table("household") as batch_op:
        batch_op.drop_index("ix_household_birth_date")
        batch_op.drop_index("ix_household_address_numbers")
        batch_op.drop_column("address_numbers")
