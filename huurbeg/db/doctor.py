"""Checks of a database file, in plain words with what to do about each problem.

The file is opened read-only and never migrated or repaired here, so doctor can
look at a database that huurbeg itself would refuse to open.
"""

import os
import sqlite3
import stat
from dataclasses import dataclass
from pathlib import Path

from huurbeg.db.engine import SQLITE_HEADER

WAL_WARNING_BYTES = 64 * 1024 * 1024
"""A write-ahead log this large means checkpoints are not keeping up."""


@dataclass(frozen=True)
class Finding:
    ok: bool
    check: str
    detail: str
    fix: str = ""


def examine(path: Path, schema_revision: str, known_revisions: set[str]) -> list[Finding]:
    if not path.exists():
        return [Finding(False, "file", f"{path} does not exist", "check --db or HUURBEG_DB")]
    if path.is_dir():
        return [Finding(False, "file", f"{path} is a directory", "point --db at the database file inside it")]
    with path.open("rb") as handle:
        if handle.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
            return [Finding(False, "file", "not an SQLite database", "point --db at a huurbeg database")]
    findings = [_permissions(path)]
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            findings += _database(connection, schema_revision, known_revisions)
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        findings.append(Finding(False, "integrity", f"the file cannot be read: {exc}",
                                "restore the latest backup (see the README, 'Backups')"))
    findings.append(_wal(path))
    return findings


def _permissions(path: Path) -> Finding:
    mode = stat.S_IMODE(path.stat().st_mode)
    if os.name == "posix" and mode & 0o077:
        return Finding(False, "permissions", f"mode {mode:04o}: other users can read the dossiers",
                       f"chmod 600 {path}")
    return Finding(True, "permissions", f"mode {mode:04o}")


def _database(connection, schema_revision: str, known: set[str]) -> list[Finding]:
    tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    if "alembic_version" not in tables:
        return [Finding(False, "schema", "not a huurbeg database (no schema version)", "point --db elsewhere")]
    revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    if revision == schema_revision:
        schema = Finding(True, "schema", f"version {revision}, as this huurbeg expects")
    elif revision in known:
        schema = Finding(True, "schema", f"version {revision}; it is upgraded to {schema_revision} when next used")
    else:
        schema = Finding(False, "schema", f"version {revision} is from a newer huurbeg", "upgrade huurbeg")
    problems = [row[0] for row in connection.execute("PRAGMA integrity_check")]
    integrity = Finding(True, "integrity", "ok") if problems == ["ok"] else Finding(
        False, "integrity", f"{len(problems)} problem(s), first: {problems[0]}",
        "restore the latest backup (see the README, 'Backups')")
    orphans = connection.execute("PRAGMA foreign_key_check").fetchall()
    keys = Finding(True, "foreign keys", "every reference points to an existing row") if not orphans else Finding(
        False, "foreign keys", f"{len(orphans)} row(s) point to rows that do not exist",
        "restore the latest backup, or report it")
    return [schema, integrity, keys]


def _wal(path: Path) -> Finding:
    wal = path.with_name(path.name + "-wal")
    size = wal.stat().st_size if wal.exists() else 0
    if size > WAL_WARNING_BYTES:
        return Finding(False, "write-ahead log", f"{size // (1024 * 1024)} MB",
                       "close every huurbeg, then run any huurbeg command: SQLite folds the log back in")
    return Finding(True, "write-ahead log", f"{size // 1024} kB")
