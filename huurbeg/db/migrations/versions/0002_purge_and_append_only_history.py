"""purge marker on cases; history append-only

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22

A case whose personal data were removed by `huurbeg purge` carries the moment in
purged_at (existing cases: NULL, nothing was purged before). The history table
refuses UPDATE and DELETE from now on, at the database level, so the access log
cannot be edited by any command.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TRIGGERS = ("history_no_update", "history_no_delete")


def upgrade() -> None:
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purged_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        for name, event in zip(TRIGGERS, ("UPDATE", "DELETE"), strict=True):
            op.execute(f"CREATE TRIGGER {name} BEFORE {event} ON history "
                       "BEGIN SELECT RAISE(ABORT, 'the history is append-only'); END")
    else:
        op.execute("CREATE FUNCTION huurbeg_history_append_only() RETURNS trigger AS $$ "
                   "BEGIN RAISE EXCEPTION 'the history is append-only'; END $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER history_append_only BEFORE UPDATE OR DELETE ON history "
                   "FOR EACH ROW EXECUTE FUNCTION huurbeg_history_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name in TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    else:
        op.execute("DROP TRIGGER IF EXISTS history_append_only ON history")
        op.execute("DROP FUNCTION IF EXISTS huurbeg_history_append_only()")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_column("purged_at")
