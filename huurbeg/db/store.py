"""The store of a command that writes: one connection, one transaction, plain SQL.

A Store is the core of one command: who is at the keyboard and when, the history record
of every write (and of every read of a dossier), and a pause while a question waits. The
reads and writes of an area of the domain are its area's plain SQL (store.cases,
store.retention, ...: huurbeg.db.area), the same on the Reader of lookups
(huurbeg.db.reader). It comes in two kinds that differ only in their connection:
`FileStore` runs on the standard library's sqlite3, so a writing command on an up-to-date
file imports neither SQLAlchemy nor SQLModel nor pydantic; `ServerStore` runs on SQLAlchemy's
connection to the team's server (or to a file named by a URL with options for its driver).
It knows nothing of the service's rules (huurbeg.domain.casework, huurbeg.domain.rules) and prints nothing.
"""

import sqlite3
from collections.abc import Iterable
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from huurbeg.db import history
from huurbeg.db.area import Writing
from huurbeg.db.areas import Areas, compose
from huurbeg.db.history import os_user
from huurbeg.core.errors import DatabaseProblem
from huurbeg.core.i18n import _
from huurbeg.db.sql import Connection


class Store(Areas):
    """Queries and writes of one command, in one transaction; its connection is its kind's."""

    dialect: str
    _sql: Connection  # its kind's

    def __init__(self, damaged: str | None = None, read_only: str | None = None):
        self.damaged = damaged  # what the daily check found wrong with the file: nothing may be written
        self.read_only = read_only  # why the file cannot be written: reads go unrecorded, writes are refused
        self.user = os_user()
        self._db_user: str | None = None
        self._wrote = False
        compose(self)

    @property
    def db_user(self) -> str | None:
        """The database role on a shared server (who, next to the OS user); None for a file."""
        if self.dialect != "sqlite" and self._db_user is None:
            self._db_user = self.sql.value("SELECT session_user")
        return self._db_user

    @property
    def me(self) -> str:
        """The worker at the keyboard: the database role on a server, the OS user on a file."""
        return self.db_user or self.user

    @property
    def sql(self) -> Connection:
        """Plain SQL (huurbeg.db.sql) in this command's transaction."""
        return self._sql

    def _written(self, _statement: str) -> None:
        self._wrote = True  # kept whole at a pause

    # --- transaction (each kind's) ----------------------------------------------
    def commit(self) -> None:
        if self._wrote:  # kept answers past their day go at the next write
            from huurbeg.core.dates import today

            self.drafts.forget_expired(today())
        self._commit()

    def _commit(self) -> None:
        raise NotImplementedError

    def pause(self) -> None:
        """Before a person is asked something: end a transaction that has written nothing.

        Otherwise the lock a writing command takes would be held while they type, and a
        colleague's command would wait for it and fail. What was read is read again when next
        used; a transaction that has written is kept whole (all or nothing comes first).
        """
        if not self._wrote:
            self._rollback()

    def _rollback(self) -> None:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def now(self):
        return history.now()

    @contextmanager
    def aside(self):
        """Plain SQL in a short transaction of its own, committed at once (answers kept as they are typed).

        Once the command's transaction has written, that one is used instead: a second writer on the same
        SQLite file would wait for the lock the first one holds."""
        self.pause()  # a transaction that only read lets go of its lock, as before a question
        if self._wrote:
            yield self.sql
            return
        yield self.sql
        self.commit()

    def record(self, case: Any, action: str, detail: str) -> None:
        """Append to the history: who did what to which case, when.

        On a damaged or read-only file nothing is written: a read goes unrecorded, any other write is refused."""
        if self.damaged or self.read_only:
            if action == "read":
                return
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.damaged) if self.damaged else self.read_only)
        history.append(self.sql, [{"at": self.now(), "os_user": self.user, "db_user": self.db_user,
                                   "case_id": case.id if case else None, "action": action, "detail": detail}])

    def log_reads(self, case_ids: Iterable[int | None], what: str) -> None:
        """A read of each of these dossiers, in the history (e.g. shown by `case find`)."""
        at = self.now()
        history.append(self.sql, [{"at": at, "os_user": self.user, "db_user": self.db_user, "case_id": case_id,
                                   "action": "read", "detail": what} for case_id in case_ids])

    def copy_to(self, target: "Store", merge: bool) -> dict[str, int]:
        """Every row of this database into `target`, in its transaction (see huurbeg.db.copy)."""
        from huurbeg.db.copy import copy_database

        return copy_database(self.sql, target.sql, merge)

    # --- the team -------------------------------------------------------------
    def is_login_role(self, name: str) -> bool | None:
        """Whether a database role of that name may log in; None on a file (no roles there)."""
        if self.dialect == "sqlite":
            return None
        return self.sql.value("SELECT count(*) FROM pg_roles WHERE rolname = :name AND rolcanlogin", name=name) > 0

    def team_standing(self, name: str) -> tuple[bool, bool, str] | None:
        """On a server, whether a role of that name can log in, whether it is a member of the team (the role
        that owns the database, as the README's team setup makes it), and the team's name; None on a file."""
        if self.dialect == "sqlite":
            return None
        found = self.sql.single(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND rolcanlogin) AS login, "
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND pg_has_role(oid, d.datdba, 'MEMBER')) "
            "AS member, pg_get_userbyid(d.datdba) AS team FROM pg_database d WHERE d.datname = current_database()",
            name=name)
        return bool(found.login), bool(found.member), found.team

    def backup(self, target) -> None:
        """A consistent, checked copy of an SQLite database in a new file, made while others may be writing."""
        from huurbeg.db.backup import write_backup

        raw = self.sql.sqlite
        if raw is None:
            raise DatabaseProblem(_("backup copies SQLite files; back up a PostgreSQL database with pg_dump"))
        write_backup(raw, target)


class FileStore(Store):
    """A store on an SQLite file through sqlite3: the write lock (BEGIN IMMEDIATE) is taken at the first
    statement of a command that writes, so two writers queue on the busy timeout instead of one failing
    halfway, and given back at a pause while nothing is written."""

    dialect = "sqlite"

    def __init__(self, raw: sqlite3.Connection, path: Path, *, write: bool, damaged: str | None = None,
                 read_only: str | None = None):
        self._raw = raw
        self._path = path
        self._begin = "BEGIN IMMEDIATE" if write else "BEGIN"
        self._savepoints = 0
        self._sql = Connection(raw, "sqlite", written=self._written, begin=self._begun)
        super().__init__(damaged, read_only)

    def _begun(self) -> None:
        if not self._raw.in_transaction:
            self._raw.execute(self._begin)

    def _commit(self) -> None:
        if self._raw.in_transaction:
            self._raw.execute("COMMIT")
        self._wrote = False

    def _rollback(self) -> None:
        if self._raw.in_transaction:
            self._raw.execute("ROLLBACK")
        self._wrote = False

    @contextmanager
    def attempt(self):
        """A savepoint: what fails inside it is undone, the rest of the command's transaction stays."""
        self._begun()
        self._savepoints += 1
        name = f"attempt_{self._savepoints}"
        self._raw.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            self._raw.execute(f"ROLLBACK TO SAVEPOINT {name}")
            self._raw.execute(f"RELEASE SAVEPOINT {name}")
            raise
        self._raw.execute(f"RELEASE SAVEPOINT {name}")

    def close(self) -> None:
        try:
            self._rollback()  # whatever was not committed
        finally:
            self._raw.close()

    @contextmanager
    def outside(self):
        """A connection of the driver outside the command's transaction (SQLite's VACUUM needs one)."""
        from huurbeg.db.engine import connect_file

        other = connect_file(self._path)
        try:
            yield other
        finally:
            other.close()


class ServerStore(Store):
    """A store on SQLAlchemy's connection: the team's PostgreSQL server, or an SQLite file named by a URL
    with options for its driver (whose engine begins with BEGIN IMMEDIATE when the command writes)."""

    def __init__(self, engine, damaged: str | None = None, read_only: str | None = None):
        self._engine = engine
        self._connection = engine.connect()
        self.dialect = engine.dialect.name
        self._sql = Connection(self._connection, self.dialect, written=self._written, begin=self._begun)
        super().__init__(damaged, read_only)

    def _begun(self) -> None:
        if not self._connection.in_transaction():
            self._connection.begin()

    def _commit(self) -> None:
        if self._connection.in_transaction():
            self._connection.commit()
        self._wrote = False

    def _rollback(self) -> None:
        if self._connection.in_transaction():
            self._connection.rollback()
        self._wrote = False

    def attempt(self):
        """A savepoint: what fails inside it is undone, the rest of the command's transaction stays."""
        self._begun()
        return self._connection.begin_nested()

    def close(self) -> None:
        try:
            self._connection.close()  # rolls back whatever was not committed
        finally:
            self._engine.dispose()

    @contextmanager
    def outside(self):
        """A connection of the driver outside the command's transaction (SQLite's VACUUM needs one)."""
        raw = self._engine.raw_connection()
        try:
            yield raw.driver_connection
        finally:
            raw.close()


def _conforming(file: FileStore, server: ServerStore) -> tuple[Writing, Writing]:
    """Both kinds of store are the protocol the domain is written against: the type check holds them to it."""
    return file, server
