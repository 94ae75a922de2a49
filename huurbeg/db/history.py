"""The history of a case (wie deed wat, wanneer): every write, and every read of a dossier."""

import os
from datetime import UTC, datetime

from huurbeg.db.sql import Connection, Record

REASON = "; reason: "
"""Where the worker's reason begins in the history line of a withdrawn record (free text)."""
REASON_ERASED = "; reason erased (retention)"
"""What a purge leaves of that reason: the one change the append-only history allows (schema 0011)."""
NOTE = "; note: "
"""Where the worker's note begins in the history line of a closing (`case close --note`, free text)."""
NOTE_ERASED = "; note erased (retention)"
"""What a purge leaves of that note: the twin of REASON_ERASED (schema 0028)."""


def closing_note(timeline: list[Record]) -> str | None:
    """The worker's note on the last closing of a case, as its history line keeps it (`case close --note`)."""
    closings = [h.detail for h in timeline if h.action == "close"]
    return closings[-1].split(NOTE, 1)[1] if closings and NOTE in closings[-1] else None


def entries(db: Connection, case_id: int, *, reads: bool = True) -> list[Record]:
    skip = "" if reads else " AND action <> 'read'"
    return db.rows(f"SELECT * FROM history WHERE case_id = :id{skip} ORDER BY at, id", id=case_id)


def append(db: Connection, rows: list[dict]) -> None:
    """History rows (at, os_user, db_user, case_id, action, detail), in the current transaction."""
    for row in rows:
        db.execute("INSERT INTO history (at, os_user, db_user, case_id, action, detail) "
                   "VALUES (:at, :os_user, :db_user, :case_id, :action, :detail)", **row)


def now() -> datetime:
    return datetime.now(UTC)


def os_user() -> str:
    """Who is at the keyboard, for the history: the account of the process's user id.

    Never LOGNAME or USER: anyone can set those (`LOGNAME=karim huurbeg ...`) and be recorded as
    someone else, or make someone else the worker of an intake.
    """
    try:
        import pwd
    except ImportError:  # Windows: no user ids; the system's name for the process's user, not USERNAME
        return os.getlogin()
    uid = os.getuid()
    try:
        return pwd.getpwuid(uid).pw_name
    except KeyError:  # no passwd entry, e.g. a container run with --user 1234: the id itself, as ls shows it
        return f"uid-{uid}"
