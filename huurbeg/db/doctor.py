"""Checks of a database file, in plain words, each problem with the one command that fixes it.

The file is opened read-only and never migrated or repaired here, so doctor can
look at a database that huurbeg itself would refuse to open. It finds what the
commands refuse: a damaged file, no single schema version, a newer schema, rows
pointing to rows that do not exist, permissions that expose or lock out the file.
"""

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from huurbeg.db.engine import SQLITE_HEADER, shown
from huurbeg.db import health
from huurbeg.db.health import CHECK_KEY, shorten
from huurbeg.db.migrate import FIRST_REVISION, later
from huurbeg.core.i18n import N_
from huurbeg.core.messages import Msg

WAL_WARNING_BYTES = 64 * 1024 * 1024
"""A write-ahead log this large means checkpoints are not keeping up."""


@dataclass(frozen=True)
class Finding:
    ok: bool
    check: str
    detail: str
    fix: str = ""


UPGRADE = "pip install --upgrade huurbeg"
"""The command that installs a newer huurbeg: pip's, quoted as it is typed, never a text to translate."""


def restore(path: Path) -> str:
    return Msg(N_("restore the latest backup (see the README, 'Backups'): mv {shown} {shown}.damaged && cp BACKUP "
                  "{shown}"), shown=shown(path))


def examine(path: Path, schema_revision: str, known_revisions: set[str]) -> list[Finding]:
    try:
        return _examine(path, schema_revision, known_revisions)
    except OSError as exc:  # a name too long, a folder that cannot be entered
        return [Finding(False,
                        Msg(N_("file")),
                        Msg(N_("cannot use {shown}: {value}"), shown=shown(path), value=exc.strerror or exc),
                        Msg(N_("check {field:database}")))]


def _examine(path: Path, schema_revision: str, known_revisions: set[str]) -> list[Finding]:
    if not path.exists():
        return [Finding(False,
                        Msg(N_("file")),
                        Msg(N_("{shown} does not exist"), shown=shown(path)),
                        Msg(N_("check {field:database}")))]
    if path.is_dir():
        return [Finding(False,
                        Msg(N_("file")),
                        Msg(N_("{shown} is a directory"), shown=shown(path)),
                        Msg(N_("point {field:db} at the database file inside it")))]
    access = _access(path)
    if access:
        return access
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return [_permissions(path), Finding(True,
                                            Msg(N_("file")),
                                            Msg(N_("empty: huurbeg sets up its schema when next used")))]
    if not header.startswith(SQLITE_HEADER):
        return [Finding(False,
                        Msg(N_("file")),
                        Msg(N_("not an SQLite database")),
                        Msg(N_("point {field:db} at a huurbeg database")))]
    findings = [_permissions(path), *_folder(path)]
    try:
        connection = _open(path)
        try:
            findings += _database(connection, path, schema_revision, known_revisions)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        findings.append(_failed(exc, path))
    findings.append(_wal(path))
    return findings


def _failed(exc: sqlite3.DatabaseError, path: Path) -> Finding:
    """What an error while checking says of the file: only damage is mended with a backup. A full disk
    or an I/O error leaves the file intact, and a backup in its place would undo every write since."""
    found, reason = health.cause(exc, path), shorten(str(exc))
    if found == health.DAMAGE:
        return Finding(False, Msg(N_("integrity")), Msg(N_("the file is damaged: {shorten}"), shorten=reason),
                       restore(path))
    if found == health.FULL:
        return Finding(False,
                       Msg(N_("disk")),
                       Msg(N_("no space left on the disk holding {shown}; the file is not damaged"), shown=shown(path)),
                       Msg(N_("free space on that disk (df -h {folder}), then run huurbeg doctor again; keep the file, "
                              "do not restore a backup: that would lose every write since"), folder=shown(path.parent)))
    if found == health.INPUT_OUTPUT:
        return Finding(False,
                       Msg(N_("disk")),
                       Msg(N_("{files} cannot be read or written ({reason}); that is not damage"),
                           files=", ".join(shown(each) for each in _unusable(path)), reason=reason),
                       Msg(N_("check the owner and permissions (ls -l {folder}) and the disk; do not restore a backup: "
                              "that would lose every write since"), folder=shown(path.parent)))
    return Finding(False, Msg(N_("integrity")), Msg(N_("not checked: {shorten}"), shorten=reason),
                   Msg(N_("run huurbeg doctor again later; restore a backup only when it finds the file damaged")))


def _unusable(path: Path) -> list[Path]:
    """The -wal and -shm files beside the database that this user cannot read and write, else the database."""
    companions = [path.with_name(path.name + suffix) for suffix in ("-wal", "-shm")]
    found = [each for each in companions
             if each.exists() and not (each.is_file() and os.access(each, os.R_OK | os.W_OK))]
    return found or [path]


def _access(path: Path) -> list[Finding]:
    """A file this user cannot read or write: the cause, not a damaged file."""
    if os.access(path, os.R_OK | os.W_OK):
        return []
    owner = path.stat().st_uid
    if hasattr(os, "getuid") and owner != os.getuid():
        return [Finding(False,
                        Msg(N_("permissions")),
                        Msg(N_("the file belongs to another user (uid {owner})"), owner=owner),
                        Msg(N_("sudo chown $(id -un) {shown}"), shown=shown(path)))]
    return [Finding(False, Msg(N_("permissions")), Msg(N_("you may not read and write the file")),
                    Msg(N_("chmod 600 {shown}"), shown=shown(path)))]


def _open(path: Path) -> sqlite3.Connection:
    """Read-only; where the folder cannot be written (SQLite could not make its -shm file), as immutable."""
    if os.access(path.parent, os.W_OK | os.X_OK):
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _permissions(path: Path) -> Finding:
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        return Finding(False,
                       Msg(N_("permissions")),
                       Msg(N_("mode {mode}: other users can read the dossiers"), mode=f"{mode:04o}"),
                       Msg(N_("chmod 600 {shown}"), shown=shown(path)))
    return Finding(True, Msg(N_("permissions")), Msg(N_("mode {mode}"), mode=f"{mode:04o}"))


def _folder(path: Path) -> list[Finding]:
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return [Finding(False,
                        Msg(N_("folder")),
                        Msg(N_("{shown} is read-only for you; SQLite must create its journal (-wal, -shm) beside "
                               "the database, so huurbeg cannot use it"), shown=shown(folder)),
                        Msg(N_("chmod u+w {shown}"), shown=shown(folder)))]
    return []


def _database(connection, path: Path, schema_revision: str, known: set[str]) -> list[Finding]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return [Finding(True, Msg(N_("schema")), Msg(N_("no tables yet: huurbeg sets up its schema when next used")))]
    if "alembic_version" not in tables:
        return [Finding(False,
                        Msg(N_("schema")),
                        Msg(N_("not a huurbeg database (no schema version)")),
                        Msg(N_("point {field:db} elsewhere")))]
    return [_schema(connection, path, schema_revision, known), _integrity(connection, path),
            _foreign_keys(connection, path), *_daily_check(connection, tables)]


def _schema(connection, path: Path, schema_revision: str, known: set[str]) -> Finding:
    revisions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    if not revisions:
        return Finding(False,
                       Msg(N_("schema")),
                       Msg(N_("the schema version is missing; every command refuses the file")),
                       restore(path))
    if len(revisions) > 1:
        keep = schema_revision if schema_revision in revisions else max(r for r in revisions)
        return Finding(False,
                       Msg(N_("schema")),
                       Msg(N_("{len} schema versions ({join}); every command refuses the file"),
                           len=len(revisions), join=', '.join(sorted(revisions))),
                       Msg(N_("sqlite3 {shown} \"DELETE FROM alembic_version WHERE version_num <> '{keep}'\""),
                           shown=shown(path), keep=keep))
    revision = revisions[0]
    if revision == schema_revision:
        return Finding(True,
                       Msg(N_("schema")),
                       Msg(N_("version {revision}, as this huurbeg expects"), revision=revision))
    if revision in known:
        return Finding(True,
                       Msg(N_("schema")),
                       Msg(N_("version {revision}; it is upgraded to {schema_revision} when next used"),
                           revision=revision, schema_revision=schema_revision))
    if later(revision, schema_revision):
        return Finding(False, Msg(N_("schema")),
                       Msg(N_("version {revision} is from a newer huurbeg"), revision=revision),
                       Msg(N_("{command} (the version that made it)"), command=UPGRADE))
    return Finding(False,
                   Msg(N_("schema")),
                   Msg(N_("version {revision} is unknown: neither one of this huurbeg's ({first} to {head}) nor a "
                          "later one; every command refuses the file"), revision=revision, first=FIRST_REVISION,
                       head=schema_revision),
                   Msg(N_("open it with the huurbeg that made it, or restore the latest backup (see the README, "
                          "'Backups')")))


def _integrity(connection, path: Path) -> Finding:
    """The full check; what it finds stops the commands' writes, and a pass lifts that again."""
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if problems == ["ok"]:
        if health.marked(connection):
            health.mark(path, None)
        return Finding(True, Msg(N_("integrity")), "ok")
    health.mark(path, health.summary(problems))
    return Finding(False,
                   Msg(N_("integrity")),
                   Msg(N_("the file is damaged: {len} problem(s), first: {shorten}"),
                       len=len(problems), shorten=shorten(problems[0])),
                   restore(path))


def _foreign_keys(connection, path: Path) -> Finding:
    orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not orphans:
        return Finding(True, Msg(N_("foreign keys")), Msg(N_("every reference points to an existing row")))
    tables = sorted({row[0] for row in orphans})
    return Finding(False,
                   Msg(N_("foreign keys")),
                   Msg(N_("{len} row(s) in {join} point to rows that do not exist"),
                       len=len(orphans), join=', '.join(tables)),
                   restore(path))


def _daily_check(connection, tables: set[str]) -> list[Finding]:
    if "setting" not in tables:
        return []
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (CHECK_KEY,)).fetchone()
    return [Finding(True, Msg(N_("daily check")), Msg(N_("last passed on {date}"), date=_day(row[0])) if row
                    else Msg(N_("not run yet")))]


def _wal(path: Path) -> Finding:
    wal = path.with_name(path.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size > WAL_WARNING_BYTES:
        return Finding(False, Msg(N_("write-ahead log")), Msg(N_("{value} MB"), value=size // (1024 * 1024)),
                       Msg(N_("close every huurbeg, then run any huurbeg command: SQLite folds the log back in")))
    return Finding(True, Msg(N_("write-ahead log")), Msg(N_("{value} kB"), value=size // 1024))


def _day(value: str) -> str:
    """A stored ISO date as a screen shows dates (24/11/2026); anything else as it is."""
    from datetime import date

    from huurbeg.core.dates import fmt

    try:
        return fmt(date.fromisoformat(value))
    except ValueError:
        return value
