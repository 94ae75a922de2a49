"""a purge may erase the reason of a withdrawn record from the history

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23

Withdrawing a record (`visit remove --reason ...`) writes the worker's reason, free text
that may name the household, into the history, which refuses every UPDATE and DELETE.
So the reason survived a purge word for word. From now on the database allows exactly
one change to the history: a purge replaces the reason of a `remove` line of a purged
case by "reason erased (retention)", keeping what was withdrawn and when, who did it and
the rest of the line. Every other UPDATE, DELETE (and on PostgreSQL TRUNCATE) is refused
as before. No data change here: lines written before keep their reason until the next
purge of their case.
"""

from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

REASON = "; reason: "
ERASED = "; reason erased (retention)"

# The one UPDATE allowed: the same row, only its reason replaced, on a purged case (a NULL anywhere refuses).
SQLITE_ALLOWED = (
    f"OLD.action = 'remove' AND NEW.action = 'remove' AND NEW.id = OLD.id AND NEW.at IS OLD.at "
    f"AND NEW.os_user IS OLD.os_user AND NEW.db_user IS OLD.db_user AND NEW.case_id IS OLD.case_id "
    f"AND instr(OLD.detail, '{REASON}') > 0 "
    f"AND NEW.detail = substr(OLD.detail, 1, instr(OLD.detail, '{REASON}') - 1) || '{ERASED}' "
    f"AND EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND purged_at IS NOT NULL)")
POSTGRES_ALLOWED = (
    f"OLD.action = 'remove' AND NEW.action = 'remove' AND NEW.id = OLD.id AND NEW.at = OLD.at "
    f"AND NEW.os_user = OLD.os_user AND NEW.db_user IS NOT DISTINCT FROM OLD.db_user "
    f"AND NEW.case_id = OLD.case_id AND strpos(OLD.detail, '{REASON}') > 0 "
    f"AND NEW.detail = substr(OLD.detail, 1, strpos(OLD.detail, '{REASON}') - 1) || '{ERASED}' "
    f"AND EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND purged_at IS NOT NULL)")
REFUSE = "SELECT RAISE(ABORT, 'the history is append-only')"


def _postgres_function(allowed: str | None) -> str:
    check = (f"IF TG_OP = 'UPDATE' THEN IF {allowed} THEN RETURN NEW; END IF; END IF; " if allowed else "")
    return ("CREATE OR REPLACE FUNCTION huurbeg_history_append_only() RETURNS trigger AS $$ "
            f"BEGIN {check}RAISE EXCEPTION 'the history is append-only'; END $$ LANGUAGE plpgsql")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_update")
        op.execute(f"CREATE TRIGGER history_no_update BEFORE UPDATE ON history WHEN NOT coalesce(({SQLITE_ALLOWED}), 0) "
                   f"BEGIN {REFUSE}; END")
    else:
        op.execute(_postgres_function(POSTGRES_ALLOWED))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS history_no_update")
        op.execute(f"CREATE TRIGGER history_no_update BEFORE UPDATE ON history BEGIN {REFUSE}; END")
    else:
        op.execute(_postgres_function(None))
