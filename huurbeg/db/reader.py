"""The store of a lookup: what the views need, read with plain SQL (huurbeg.db.cases, court,
follow_up, history, figures), with the same method names as huurbeg.db.store.Store.

On an SQLite file it runs on the standard library's sqlite3, so a lookup, a list or the
figures import neither SQLAlchemy nor SQLModel nor pydantic. The reads run in one read
transaction (one consistent picture); the reads of dossiers it records in the history are
written at the end, in a short write transaction of their own, so a lookup never waits for
the write lock while it reads, and a failed lookup records nothing. On a server it runs the
same statements on the connection of a Store, in that Store's transaction.
"""

from collections.abc import Iterable
from contextlib import contextmanager
from datetime import datetime

from huurbeg.db import history
from huurbeg.db.area import Storage
from huurbeg.db.areas import Areas, compose
from huurbeg.db.sql import Connection


class Reader(Areas):
    """Reads of one command, and the history of the dossiers it showed."""

    def __init__(self, connection: Connection, *, user: str, damaged: str | None = None, store=None):
        self.sql = connection
        self.dialect = connection.dialect
        self.user = user
        self.damaged = damaged  # what the daily check found wrong: the reads are not recorded
        self._store = store  # on a server: the Store whose transaction this shares
        self._db_user: str | None = None
        self._reads: list[dict] = []
        compose(self)

    # --- who and when --------------------------------------------------------
    @property
    def db_user(self) -> str | None:
        if self.dialect != "sqlite" and self._db_user is None:
            self._db_user = self.sql.value("SELECT session_user")
        return self._db_user

    @property
    def me(self) -> str:
        return self.db_user or self.user

    def now(self) -> datetime:
        return history.now()

    def is_login_role(self, name: str) -> bool | None:
        if self.dialect == "sqlite":
            return None
        return self.sql.value("SELECT count(*) FROM pg_roles WHERE rolname = :name AND rolcanlogin", name=name) > 0

    # --- the transaction -----------------------------------------------------
    def record(self, case, action: str, detail: str) -> None:
        """Only reads are recorded by a lookup; on a damaged file they go unrecorded."""
        assert action == "read", action
        self.log_reads([case.id] if case else [None], detail)

    def log_reads(self, case_ids: Iterable[int | None], what: str) -> None:
        if self.damaged:
            return
        at = self.now()
        self._reads += [{"at": at, "os_user": self.user, "db_user": self.db_user, "case_id": case_id,
                         "action": "read", "detail": what} for case_id in case_ids]

    def commit(self) -> None:
        if self._store is not None:
            history.append(self.sql, self._reads)
            self._store.commit()
        else:
            self._end()
            if self._reads:
                self.sql.raw.execute("BEGIN IMMEDIATE")
                history.append(self.sql, self._reads)
                self.sql.raw.execute("COMMIT")
        self._reads = []

    def pause(self) -> None:
        if self._store is None:
            self._end()

    def _end(self) -> None:
        if self.sql.raw.in_transaction:
            self.sql.raw.execute("COMMIT")  # a read transaction: nothing to keep or lose

    @contextmanager
    def outside(self):
        """A connection of the driver outside the command's transaction: this one, its reads ended."""
        if self._store is not None:
            with self._store.outside() as connection:
                yield connection
        else:
            self._end()
            yield self.sql.raw

    @contextmanager
    def aside(self):
        """Plain SQL in a short write transaction of its own, as the reads it records are written: its reads end
        first (on a server, its Store's)."""
        if self._store is not None:
            with self._store.aside() as db:
                yield db
            return
        self._end()
        self.sql.raw.execute("BEGIN IMMEDIATE")
        try:
            yield self.sql
        except BaseException:
            self.sql.raw.execute("ROLLBACK")
            raise
        self.sql.raw.execute("COMMIT")

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        else:
            self.sql.raw.close()


def _conforming(reader: Reader) -> Storage:
    """A lookup's store is the protocol the domain is written against: the type check holds it to it."""
    return reader
