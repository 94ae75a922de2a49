"""A backup of an SQLite file that is either complete and checked, or not there at all.

The copy is made with SQLite's online backup into a temporary file in the target folder
(mode 0600 from the start), switched to a plain rollback journal so it is one
self-contained file, checked with `PRAGMA integrity_check`, fsynced, and only then given
its name, with a hard link that never replaces an existing file. A backup that fails or
is killed leaves at most its temporary file (`.huurbeg-backup-PID-*.tmp`), which the next
backup into that folder removes once its process is gone.
"""

import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

from huurbeg.db import health
from huurbeg.db.engine import shown
from huurbeg.core.errors import DatabaseProblem, InvalidInput
from huurbeg.core.i18n import _

TEMP_PREFIX = ".huurbeg-backup-"
TEMP_SUFFIX = ".tmp"


def backup(store, target: Path, label: str, today: date) -> Path:
    """A checked copy of the database in a new file with mode 0600; into a folder, a dated file."""
    if store.dialect != "sqlite":
        raise DatabaseProblem(_("backup copies SQLite files; back up a PostgreSQL database with pg_dump"))
    if store.damaged:
        raise DatabaseProblem(health.damaged(store.damaged, _("no backup was written")))
    try:
        if target.is_dir():
            target = _dated(target, today)
        elif target.exists() or target.is_symlink():
            raise InvalidInput(_("PATH: {shown} exists already; give a new file name").format(shown=shown(target)))
        elif not target.parent.is_dir():
            raise InvalidInput(_("PATH: directory {shown} does not exist").format(shown=shown(target.parent)))
        store.backup(target)
    except OSError as exc:  # a name too long, a folder that cannot be written, ...
        raise InvalidInput(_("PATH: cannot write {shown}: {value}")  # the backup's name, not its temporary file's
                           .format(shown=shown(target), value=_(exc.strerror) if exc.strerror else exc)) from None
    store.record(None, "backup", f"backup of {label} written")
    return target


def _dated(folder: Path, today: date) -> Path:
    """huurbeg-YYYY-MM-DD.db in the folder, or -2, -3 ... when that day has a backup already."""
    for n in range(1, 1000):
        candidate = folder / f"huurbeg-{today.isoformat()}{f'-{n}' if n > 1 else ''}.db"
        if not candidate.exists():
            return candidate
    raise InvalidInput(_("PATH: {folder} holds 999 backups of today already").format(folder=folder))


def write_backup(source: sqlite3.Connection, target: Path) -> None:
    """Copy the database of `source` (a DB-API connection) to the new file `target`."""
    folder = target.parent
    _remove_stale(folder)
    fd, name = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX, dir=folder)
    os.close(fd)
    temp = Path(name)
    try:
        _copy_and_check(source, temp)
        os.chmod(temp, 0o600)
        _fsync(temp)
        _name(temp, target)
        _fsync_folder(folder)
    finally:
        for leftover in (temp, temp.with_name(temp.name + "-journal")):
            leftover.unlink(missing_ok=True)


def _copy_and_check(source: sqlite3.Connection, temp: Path) -> None:
    copy = sqlite3.connect(temp, isolation_level=None)
    try:
        try:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")  # one file, no -wal beside it
            problems = [row[0] for row in copy.execute("PRAGMA integrity_check")]
        except sqlite3.OperationalError as exc:  # the target's disk is full, an I/O error
            raise DatabaseProblem(_("no backup was written: {exc}").format(exc=exc)) from None
        except sqlite3.DatabaseError as exc:  # the source cannot be read: damaged
            problems = [str(exc)]
    finally:
        copy.close()
    if problems != ["ok"]:
        detail = health.summary(problems)
        health.mark(source.execute("PRAGMA database_list").fetchone()[2], detail)  # no more writes to it
        raise DatabaseProblem(health.damaged(detail, _("no backup was written")))


def _name(temp: Path, target: Path) -> None:
    """Give the checked copy its name; an existing file is never replaced."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise InvalidInput(_("PATH: {shown} exists already; give a new file name")
                           .format(shown=shown(target))) from None
    except OSError:  # a file system without hard links
        if target.exists():
            raise InvalidInput(_("PATH: {shown} exists already; give a new file name")
                               .format(shown=shown(target))) from None
        os.rename(temp, target)


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    try:
        _fsync(folder)
    except OSError:  # not every platform can fsync a directory
        pass


def _remove_stale(folder: Path) -> None:
    """Temporary files of backups whose process was killed."""
    for leftover in folder.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}*"):
        pid = leftover.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            leftover.unlink(missing_ok=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True
    return True
