"""The daily check of an SQLite file, and the words for a damaged one.

The first command of each day (by huurbeg's date, so HUURBEG_TODAY moves it too) runs
SQLite's quick_check before anything else touches the file. The date of the last check
that passed is kept in the `setting` table, written in a small transaction of its own.
A failed check is never written down: nothing at all is written to a damaged file, so
every command checks again until the file passes (after a restore it does). While the
check fails, commands that write are refused and commands that read run on a connection
that cannot write (PRAGMA query_only). Damage only the full `integrity_check` of a backup or
of doctor finds is marked in the file, and refused the same way until a full check passes.
"""

import sqlite3
from datetime import date

from huurbeg.i18n import N_, _

CHECK_KEY = "daily_check"
DAMAGE_KEY = "damage_found"
DETAIL_CHARACTERS = 120


WHAT_TO_DO = N_("Run 'huurbeg doctor', then restore the latest backup (see the README, 'Backups')")


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


def quick_check(connection) -> str | None:
    """None when SQLite's quick_check passes, else its first finding in a few words."""
    try:
        rows = [row[0] for row in connection.execute("PRAGMA quick_check")]
    except sqlite3.DatabaseError as exc:
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
        return quick_check(connection)
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
