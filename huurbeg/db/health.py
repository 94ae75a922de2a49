"""The daily check of an SQLite file, and the words for a damaged one.

The first command of each day (by huurbeg's date, so HUURBEG_TODAY moves it too) runs
SQLite's quick_check before anything else touches the file. The date of the last check
that passed is kept in the `setting` table, written in a small transaction of its own.
A failed check is never written down: nothing at all is written to a damaged file, so
every command checks again until the file passes (after a restore it does). While the
check fails, commands that write are refused and commands that read run on a connection
that cannot write (PRAGMA query_only). Damage only the full `integrity_check` of a backup or
of doctor finds is marked in the file, and refused the same way until a full check passes.

Not every error of SQLite means damage: a full disk, or a file (or its -wal or -shm beside it)
that cannot be read or written, leaves an intact file, which a backup put in its place would
set back to the day of that backup. `cause` tells them apart, and each has its own advice.
"""

import errno
import os
import sqlite3
from datetime import date
from pathlib import Path

from huurbeg.core.i18n import N_, _
from huurbeg.core.text import shown

CHECK_KEY = "daily_check"
DAMAGE_KEY = "damage_found"
DETAIL_CHARACTERS = 120


FULL, INPUT_OUTPUT, DAMAGE = "full", "input/output", "damage"
LOW_SPACE_BYTES = 1024 * 1024
"""Less free space than this makes an I/O error a full disk: SQLite reports a -shm file that cannot
grow as an I/O error, and it needs room for its -wal and -shm files to read a file at all."""


WHAT_TO_DO = N_("Run 'huurbeg doctor', then restore the latest backup (see the README, 'Backups')")
NOT_DAMAGE = {
    FULL: N_("The disk holding the database is full: free space and run the command again. The database is not "
             "damaged: do not restore a backup"),
    INPUT_OUTPUT: N_("Check the owner and permissions of the database file, its folder and its -wal and -shm files, "
                     "and the disk. This does not show damage: do not restore a backup"),
}


def cause(exc: BaseException, path: Path | None = None) -> str | None:
    """What an error of SQLite or of the system on the database file at `path` says of it: FULL (no
    space left), INPUT_OUTPUT (it, its -wal or its -shm cannot be read or written), DAMAGE; None for
    anything else (a lock, a programming error), which says nothing about the file."""
    exc = getattr(exc, "orig", None) or exc  # SQLAlchemy's wrapper of the driver's error
    if isinstance(exc, OSError):
        if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
            return FULL
        return INPUT_OUTPUT if exc.errno == errno.EIO else None
    if not isinstance(exc, sqlite3.Error):
        return None
    name, text = getattr(exc, "sqlite_errorname", None) or "", str(exc)
    if name == "SQLITE_FULL" or "database or disk is full" in text:
        return FULL
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or "malformed" in text or "not a database" in text:
        return DAMAGE
    if name.startswith(("SQLITE_IOERR", "SQLITE_CANTOPEN")) or "disk I/O error" in text:
        return FULL if path is not None and no_space(path) else INPUT_OUTPUT
    return None


def no_space(path: Path) -> bool:
    """Whether the disk holding `path` has (next to) no space left for this user."""
    try:
        disk = os.statvfs(Path(path).parent)
    except (OSError, AttributeError):  # no statvfs on Windows
        return False
    return disk.f_bavail * disk.f_frsize < LOW_SPACE_BYTES


def disk_full(path: Path) -> str:
    """The line for a database on a full disk: it is intact, so it is kept."""
    return _("there is no space left on the disk holding {shown}, so SQLite cannot use it; free space on that "
             "disk (df -h {folder}) and run the command again. The database is not damaged: keep it, do not "
             "restore a backup").format(shown=shown(path), folder=shown(Path(path).parent))


def cannot_read_or_write(path: Path, reason: str) -> str:
    """The line for an I/O error on the database, its -wal or its -shm: not damage either."""
    return _("{shown} or its -wal or -shm file cannot be read or written ({reason}); check their owner and "
             "permissions (ls -l {folder}) and the disk. This does not show damage: do not restore a backup"
             ).format(shown=shown(path), reason=reason, folder=shown(Path(path).parent))


def explained(exc: BaseException, path: Path | None) -> str | None:
    """The line for an error that is a full disk or an I/O error, with what to do; None for any other."""
    found = cause(exc, path)
    if found == FULL and path is not None:
        return disk_full(path)
    if found == INPUT_OUTPUT and path is not None:
        return cannot_read_or_write(path, shorten(str(getattr(exc, "orig", None) or exc)))
    return None


def damaged(detail: str, outcome: str | None = None) -> str:
    """The one line for a write (or a backup) refused on a damaged file: what is wrong, and what to do."""
    return _("the database file is damaged ({detail}); {outcome}. {what_to_do}").format(
        detail=detail, outcome=outcome or _("nothing was written"), what_to_do=_(WHAT_TO_DO))


def damaged_notice(detail: str) -> str:
    return _("the database file is damaged ({detail}): it can be read but not written; run 'huurbeg doctor', "
             "then restore the latest backup").format(detail=detail)


def checked_on(connection) -> str | None:
    """The date of the last check that passed (ISO), read from an open DB-API connection."""
    try:
        row = connection.execute("SELECT value FROM setting WHERE key = ?", (CHECK_KEY,)).fetchone()
    except sqlite3.DatabaseError:  # an older schema, or a page that cannot be read
        return None
    return row[0] if row else None


def quick_check(connection, path: Path | None = None) -> str | None:
    """None when SQLite's quick_check passes, else its first finding in a few words.

    A full disk or an I/O error is raised as it is: the check did not run, and the file is not damaged."""
    try:
        rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
        if cause(exc, path) in (FULL, INPUT_OUTPUT):
            raise
        return shorten(str(exc))
    return None if rows == ["ok"] else summary(rows)


def summary(problems: list[str]) -> str:
    """The first finding of a check in a few words, and how many more there are."""
    return shorten(problems[0]) + (f"; {len(problems) - 1} more" if len(problems) > 1 else "")


def shorten(text: str) -> str:
    text = " ".join(text.replace("*** in database main ***", "").split())
    return text if len(text) <= DETAIL_CHARACTERS else text[:DETAIL_CHARACTERS - 1] + "…"


def marked(connection) -> str | None:
    """Damage a full integrity_check found (in a backup or doctor) that quick_check does not see, such as
    an index that no longer matches its table: kept in the file until a full check passes again."""
    try:
        row = connection.execute("SELECT value FROM setting WHERE key = ?", (DAMAGE_KEY,)).fetchone()
    except sqlite3.DatabaseError:
        return None
    return row[0] if row else None


def mark(path, detail: str | None) -> None:
    """Remember damage the full check found (None: forget it, the full check passed), in a small
    transaction of its own. The only write to a damaged file: one row of the `setting` table, whose
    pages quick_check has passed; where even that cannot be written, nothing is."""
    try:
        connection = sqlite3.connect(path, timeout=2, isolation_level=None)
    except sqlite3.Error:
        return
    try:
        connection.execute("BEGIN IMMEDIATE")
        if detail:
            connection.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                               "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (DAMAGE_KEY, detail))
        else:
            connection.execute("DELETE FROM setting WHERE key = ?", (DAMAGE_KEY,))
        connection.execute("COMMIT")
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
    finally:
        connection.close()


def daily_check(engine, today: date) -> str | None:
    """Run the check if it has not passed today: None when the file is sound, else what is wrong."""
    raw = engine.raw_connection()
    try:
        connection = raw.driver_connection
        if found := marked(connection):
            return found
        if checked_on(connection) == today.isoformat():
            return None
        path = Path(engine.url.database)
        try:
            return quick_check(connection, path)
        except sqlite3.DatabaseError as exc:
            from huurbeg.core.errors import DatabaseProblem

            raise DatabaseProblem(explained(exc, path)) from None
    finally:
        raw.close()


def record_check(engine, today: date) -> None:
    """Remember that the check passed today; a file that cannot be written is checked again next time."""
    raw = engine.raw_connection()
    try:
        remember_check(raw.driver_connection, today)
    finally:
        raw.close()


def remember_check(connection: sqlite3.Connection, today: date) -> None:
    """record_check on a DB-API connection in autocommit mode."""
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO setting (key, value) VALUES (?, ?) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (CHECK_KEY, today.isoformat()))
        connection.execute("COMMIT")
    except sqlite3.Error:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
