"""responsible worker per case; history safe from TRUNCATE

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23

Every case gets the worker responsible for it (huurbegeleider): the database role
on a server, the OS user on a file. Existing cases are given the worker of the
first entry of their history (its database role, else its OS user), which is who
registered them; a case without history goes to whoever runs this migration.
The column stays nullable at the database level (SQLite cannot add a NOT NULL
column without rebuilding case_file, which the append-only history forbids);
huurbeg always fills it.

On PostgreSQL a statement-level trigger refuses TRUNCATE of the history, which
the row-level trigger of 0002 does not see.
"""

import getpass
import os

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def _runner(bind) -> str:
    if bind.dialect.name != "sqlite":
        return bind.execute(sa.text("SELECT session_user")).scalar()
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER") or "unknown"


def upgrade() -> None:
    bind = op.get_bind()
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.add_column(sa.Column("worker", sa.String(), nullable=True))
        batch_op.create_index("ix_case_file_worker", ["worker"])
    op.execute("UPDATE case_file SET worker = (SELECT coalesce(h.db_user, h.os_user) FROM history h "
               "WHERE h.case_id = case_file.id ORDER BY h.at, h.id LIMIT 1)")
    bind.execute(sa.text("UPDATE case_file SET worker = :who WHERE worker IS NULL"), {"who": _runner(bind)})
    if bind.dialect.name == "postgresql":
        op.execute("CREATE TRIGGER history_no_truncate BEFORE TRUNCATE ON history "
                   "FOR EACH STATEMENT EXECUTE FUNCTION huurbeg_history_append_only()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS history_no_truncate ON history")
    with op.batch_alter_table("case_file", schema=None) as batch_op:
        batch_op.drop_index("ix_case_file_worker")
        batch_op.drop_column("worker")
