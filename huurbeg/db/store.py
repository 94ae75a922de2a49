"""The store of a command that writes: the ORM session of one command (SQLModel).

A Store wraps the session of one command. It records every write in the
history table with the OS user, and reads of a dossier too. The reads and writes
of an area of the domain are its area's plain SQL (store.cases, store.retention,
...: huurbeg.db.area), the same on the Reader of lookups (huurbeg.db.reader), run
in this session's transaction. It knows nothing of the service's rules (huurbeg.domain.casework,
huurbeg.domain.rules) and prints nothing.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import text
from sqlmodel import Session

from huurbeg.db import area
from huurbeg.db.history import os_user
from huurbeg.db.models import Case, History
from huurbeg.core.errors import DatabaseProblem


class Store:
    """Queries and writes of one command, in one transaction."""

    def __init__(self, session: Session, damaged: str | None = None, read_only: str | None = None):
        self.session = session
        self.damaged = damaged  # what the daily check found wrong with the file: nothing may be written
        self.read_only = read_only  # why the file cannot be written: reads go unrecorded, writes are refused
        self.user = os_user()
        self._db_user: str | None = None
        self.dialect = session.get_bind().dialect.name
        self._wrote = False
        from sqlalchemy import event

        event.listen(session, "after_flush", self._written)
        event.listen(session, "do_orm_execute", self._executing)
        area.compose(self)

    @property
    def db_user(self) -> str | None:
        """The database role on a shared server (who, next to the OS user); None for a file."""
        if self.dialect != "sqlite" and self._db_user is None:
            self._db_user = self.session.execute(text("SELECT session_user")).scalar()
        return self._db_user

    @property
    def me(self) -> str:
        """The worker at the keyboard: the database role on a server, the OS user on a file."""
        return self.db_user or self.user

    # --- transaction --------------------------------------------------------
    def commit(self) -> None:
        self.session.commit()

    def _written(self, *_) -> None:
        self._wrote = True

    def _executing(self, call) -> None:  # returns None: a value would replace the statement's result
        if not call.is_select:
            self._wrote = True

    def pause(self) -> None:
        """Before a person is asked something: end a transaction that has written nothing.

        Otherwise the lock a writing command takes would be held while they type, and a
        colleague's command would wait for it and fail. What was read is read again when next
        used; a transaction that has written is kept whole (all or nothing comes first).
        """
        session = self.session
        if session.in_transaction() and not (self._wrote or session.new or session.dirty or session.deleted):
            session.rollback()

    def attempt(self):
        """A savepoint: what fails inside it is undone, the rest of the command's transaction stays."""
        return self.session.begin_nested()

    def copy_to(self, target: "Store", merge: bool) -> dict[str, int]:
        """Every row of this database into `target`, in its transaction (see huurbeg.db.copy)."""
        from huurbeg.db.copy import copy_database

        return copy_database(self.session.connection(), target.session.connection(), merge)

    def close(self) -> None:
        self.session.close()  # rolls back whatever was not committed

    @contextmanager
    def outside(self):
        """A connection of the driver outside the command's transaction (SQLite's VACUUM needs one)."""
        raw = self.session.get_bind().raw_connection()
        try:
            yield raw.driver_connection
        finally:
            raw.close()

    def now(self) -> datetime:
        return datetime.now(UTC)

    def record(self, case: Case | None, action: str, detail: str) -> None:
        """Append to the history: who did what to which case, when.

        On a damaged or read-only file nothing is written: a read goes unrecorded, any other write is refused."""
        if self.damaged or self.read_only:
            if action == "read":
                return
            from huurbeg.db.health import damaged

            raise DatabaseProblem(damaged(self.damaged) if self.damaged else self.read_only)
        self.session.add(History(at=self.now(), os_user=self.user, db_user=self.db_user,
                                 case_id=case.id if case else None, action=action, detail=detail))

    # --- the team -------------------------------------------------------------
    def is_login_role(self, name: str) -> bool | None:
        """Whether a database role of that name may log in; None on a file (no roles there)."""
        if self.dialect == "sqlite":
            return None
        return self.session.execute(text("SELECT count(*) FROM pg_roles WHERE rolname = :name AND rolcanlogin"),
                                    {"name": name}).scalar() > 0

    def team_standing(self, name: str) -> tuple[bool, bool, str] | None:
        """On a server, whether a role of that name can log in, whether it is a member of the team (the role
        that owns the database, as the README's team setup makes it), and the team's name; None on a file."""
        if self.dialect == "sqlite":
            return None
        login, member, team = self.session.execute(text(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND rolcanlogin), "
            "EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :name AND pg_has_role(oid, d.datdba, 'MEMBER')), "
            "pg_get_userbyid(d.datdba) FROM pg_database d WHERE d.datname = current_database()"),
            {"name": name}).one()
        return bool(login), bool(member), team

    def _touch(self, case) -> None:
        self.cases.touch(case)

    def backup(self, target) -> None:
        """A consistent, checked copy of an SQLite database in a new file, made while others may be writing."""
        from huurbeg.db.backup import write_backup

        write_backup(self.session.connection().connection.driver_connection, target)

    # --- lookups ------------------------------------------------------------
    def log_reads(self, case_ids: Iterable[int], what: str) -> None:
        """A read of each of these dossiers, in the history (e.g. shown by `case find`)."""
        now = self.now()
        self.session.add_all(History(at=now, os_user=self.user, db_user=self.db_user, case_id=case_id,
                                     action="read", detail=what) for case_id in case_ids)

    @property
    def sql(self):
        """Plain SQL (huurbeg.db.sql) in this session's transaction, after what it holds is written."""
        from huurbeg.db.sql import Connection

        self.session.flush()
        return Connection(self.session.connection(), self.dialect, written=self._sql_written)

    def _sql_written(self, statement: str) -> None:
        """A statement of plain SQL wrote: the transaction is kept at a pause, and the session's objects
        of a table it updated or deleted from are read again when next used, instead of showing what was."""
        self._wrote = True
        words = statement.split(None, 3)
        verb = words[0].upper()
        if verb not in ("UPDATE", "DELETE") or len(words) < 2:
            return
        table = words[2] if verb == "DELETE" else words[1]
        for each in list(self.session.identity_map.values()):
            if getattr(each, "__tablename__", None) == table:
                self.session.expire(each)


