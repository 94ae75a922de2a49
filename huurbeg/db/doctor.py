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
from huurbeg.db.health import CHECK_KEY, shorten

WAL_WARNING_BYTES = 64 * 1024 * 1024
"""A write-ahead log this large means checkpoints are not keeping up."""


@dataclass(frozen=True)
class Finding:
    ok: bool
    check: str
    detail: str
    fix: str = ""


def restore(path: Path) -> str:
    return (f"restore the latest backup (see the README, 'Backups'): "
            f"mv {shown(path)} {shown(path)}.damaged && cp BACKUP {shown(path)}")


def examine(path: Path, schema_revision: str, known_revisions: set[str]) -> list[Finding]:
    try:
        return _examine(path, schema_revision, known_revisions)
    except OSError as exc:  # a name too long, a folder that cannot be entered
        return [Finding(False, "file", f"cannot use {shown(path)}: {exc.strerror or exc}",
                        "check --db or HUURBEG_DB")]


def _examine(path: Path, schema_revision: str, known_revisions: set[str]) -> list[Finding]:
    if not path.exists():
        return [Finding(False, "file", f"{shown(path)} does not exist", "check --db or HUURBEG_DB")]
    if path.is_dir():
        return [Finding(False, "file", f"{shown(path)} is a directory", "point --db at the database file inside it")]
    access = _access(path)
    if access:
        return access
    with path.open("rb") as handle:
        header = handle.read(100)
    if not header:
        return [_permissions(path), Finding(True, "file", "empty: huurbeg sets up its schema when next used")]
    if not header.startswith(SQLITE_HEADER):
        return [Finding(False, "file", "not an SQLite database", "point --db at a huurbeg database")]
    findings = [_permissions(path), *_folder(path)]
    try:
        connection = _open(path)
        try:
            findings += _database(connection, path, schema_revision, known_revisions)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        findings.append(Finding(False, "integrity", f"the file is damaged: {shorten(str(exc))}", restore(path)))
    findings.append(_wal(path))
    return findings


def _access(path: Path) -> list[Finding]:
    """A file this user cannot read or write: the cause, not a damaged file."""
    if os.access(path, os.R_OK | os.W_OK):
        return []
    owner = path.stat().st_uid
    if hasattr(os, "getuid") and owner != os.getuid():
        return [Finding(False, "permissions", f"the file belongs to another user (uid {owner})",
                        f"sudo chown $(id -un) {shown(path)}")]
    return [Finding(False, "permissions", "you may not read and write the file",
                    f"chmod 600 {shown(path)}")]


def _open(path: Path) -> sqlite3.Connection:
    """Read-only; where the folder cannot be written (SQLite could not make its -shm file), as immutable."""
    if os.access(path.parent, os.W_OK | os.X_OK):
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    return sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)


def _permissions(path: Path) -> Finding:
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        return Finding(False, "permissions", f"mode {mode:04o}: other users can read the dossiers",
                       f"chmod 600 {shown(path)}")
    return Finding(True, "permissions", f"mode {mode:04o}")


def _folder(path: Path) -> list[Finding]:
    folder = path.parent
    if not os.access(folder, os.W_OK | os.X_OK):
        return [Finding(False, "folder", f"{shown(folder)} is read-only for you; SQLite must create its "
                                         "journal (-wal, -shm) beside the database, so huurbeg cannot use it",
                        f"chmod u+w {shown(folder)}")]
    return []


def _database(connection, path: Path, schema_revision: str, known: set[str]) -> list[Finding]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if not tables:
        return [Finding(True, "schema", "no tables yet: huurbeg sets up its schema when next used")]
    if "alembic_version" not in tables:
        return [Finding(False, "schema", "not a huurbeg database (no schema version)", "point --db elsewhere")]
    return [_schema(connection, path, schema_revision, known), _integrity(connection, path),
            _foreign_keys(connection, path), *_daily_check(connection, tables)]


def _schema(connection, path: Path, schema_revision: str, known: set[str]) -> Finding:
    revisions = [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]
    if not revisions:
        return Finding(False, "schema", "the schema version is missing; every command refuses the file",
                       restore(path))
    if len(revisions) > 1:
        keep = schema_revision if schema_revision in revisions else max(r for r in revisions)
        return Finding(False, "schema", f"{len(revisions)} schema versions ({', '.join(sorted(revisions))}); "
                                        "every command refuses the file",
                       f"sqlite3 {shown(path)} \"DELETE FROM alembic_version WHERE version_num <> '{keep}'\"")
    revision = revisions[0]
    if revision == schema_revision:
        return Finding(True, "schema", f"version {revision}, as this huurbeg expects")
    if revision in known:
        return Finding(True, "schema", f"version {revision}; it is upgraded to {schema_revision} when next used")
    return Finding(False, "schema", f"version {revision} is from a newer huurbeg",
                   "pip install --upgrade huurbeg (the version that made it)")


def _integrity(connection, path: Path) -> Finding:
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    if problems == ["ok"]:
        return Finding(True, "integrity", "ok")
    return Finding(False, "integrity", f"the file is damaged: {len(problems)} problem(s), first: "
                                       f"{shorten(problems[0])}", restore(path))


def _foreign_keys(connection, path: Path) -> Finding:
    orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    if not orphans:
        return Finding(True, "foreign keys", "every reference points to an existing row")
    tables = sorted({row[0] for row in orphans})
    return Finding(False, "foreign keys", f"{len(orphans)} row(s) in {', '.join(tables)} point to rows that do "
                                          "not exist", restore(path))


def _daily_check(connection, tables: set[str]) -> list[Finding]:
    if "setting" not in tables:
        return []
    row = connection.execute("SELECT value FROM setting WHERE key = ?", (CHECK_KEY,)).fetchone()
    return [Finding(True, "daily check", f"last passed on {row[0]}" if row else "not run yet")]


def _wal(path: Path) -> Finding:
    wal = path.with_name(path.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size > WAL_WARNING_BYTES:
        return Finding(False, "write-ahead log", f"{size // (1024 * 1024)} MB",
                       "close every huurbeg, then run any huurbeg command: SQLite folds the log back in")
    return Finding(True, "write-ahead log", f"{size // 1024} kB")
