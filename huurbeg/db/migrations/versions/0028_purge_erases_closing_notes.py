"""a purge may erase the note of a closing from the history

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-01

`case close --note TEXT` writes the worker's note, free text that may name the household,
into the history line of the closing, and the history refuses every UPDATE and DELETE. So
the one change the history allows (0011: a purge replacing the reason of a `remove` line)
gets its twin: a purge replaces the note of a `close` line of a purged case by "note erased
(retention)", keeping the closing's date, outcome, who and when. Every other UPDATE, DELETE
(and on PostgreSQL TRUNCATE) is refused as before. No data change: no closing had a note.
"""

from alembic import op

revision = "0028"
down_revision = "0027"
branch_labels = None
depends_on = None

REASON, REASON_ERASED = "; reason: ", "; reason erased (retention)"
NOTE, NOTE_ERASED = "; note: ", "; note erased (retention)"


def _allowed(action: str, marker: str, erased: str, postgres: bool) -> str:
    """The same row, only the free text after `marker` replaced, on a purged case (a NULL anywhere refuses)."""
    same = "=" if postgres else "IS"
    find = "strpos" if postgres else "instr"
    db_user = "NEW.db_user IS NOT DISTINCT FROM OLD.db_user" if postgres else "NEW.db_user IS OLD.db_user"
    return (f"(OLD.action = '{action}' AND NEW.action = '{action}' AND NEW.id = OLD.id AND NEW.at {same} OLD.at "
            f"AND NEW.os_user {same} OLD.os_user AND {db_user} AND NEW.case_id {same} OLD.case_id "
            f"AND {find}(OLD.detail, '{marker}') > 0 "
            f"AND NEW.detail = substr(OLD.detail, 1, {find}(OLD.detail, '{marker}') - 1) || '{erased}' "
            f"AND EXISTS (SELECT 1 FROM case_file WHERE id = OLD.case_id AND purged_at IS NOT NULL))")


def _either(postgres: bool) -> str:
    return (f"{_allowed('remove', REASON, REASON_ERASED, postgres)} OR "
            f"{_allowed('close', NOTE, NOTE_ERASED, postgres)}")


REFUSE = "SELECT RAISE(ABORT, 'the history is append-only')"


def _postgres_function(allowed: str) -> str:
    return ("CREATE OR REPLACE FUNCTION huurbeg_history_append_only() RETURNS trigger AS $$ "
            f"BEGIN IF TG_OP = 'UPDATE' THEN IF {allowed} THEN RETURN NEW; END IF; END IF; "
            "RAISE EXCEPTION 'the history is append-only'; END $$ LANGUAGE plpgsql")


def _sqlite_trigger(allowed: str) -> None:
    op.execute("DROP TRIGGER IF EXISTS history_no_update")
    op.execute(f"CREATE TRIGGER history_no_update BEFORE UPDATE ON history WHEN NOT coalesce(({allowed}), 0) "
               f"BEGIN {REFUSE}; END")


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_trigger(_either(False))
    else:
        op.execute(_postgres_function(_either(True)))


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _sqlite_trigger(_allowed("remove", REASON, REASON_ERASED, False))
    else:
        op.execute(_postgres_function(_allowed("remove", REASON, REASON_ERASED, True)))
