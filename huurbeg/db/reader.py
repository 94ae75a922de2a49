"""The store of a lookup: what the views need, read with plain SQL (huurbeg.db.cases, court,
follow_up, history, figures), with the same method names as huurbeg.db.store.Store.

On an SQLite file it runs on the standard library's sqlite3, so a lookup, a list or the
figures import neither SQLAlchemy nor SQLModel nor pydantic. The reads run in one read
transaction (one consistent picture); the reads of dossiers it records in the history are
written at the end, in a short write transaction of their own, so a lookup never waits for
the write lock while it reads, and a failed lookup records nothing. On a server it runs the
same statements on the session of a Store, in that Store's transaction.
"""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from huurbeg.codes import Status, Track
from huurbeg.db import area, attachments, cases, court, follow_up, history
from huurbeg.db.sql import Connection, Record


class Reader:
    """Reads of one command, and the history of the dossiers it showed."""

    def __init__(self, connection: Connection, *, user: str, damaged: str | None = None, store=None):
        self.sql = connection
        self.dialect = connection.dialect
        self.user = user
        self.damaged = damaged  # what the daily check found wrong: the reads are not recorded
        self._store = store  # on a server: the Store whose transaction this shares
        self._db_user: str | None = None
        self._reads: list[dict] = []
        area.compose(self)

    @property
    def session(self):
        """The session of the Store this reads through (on a server, or a new or damaged file)."""
        return self._store.session

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

    def log_reads(self, case_ids: Iterable[int], what: str) -> None:
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

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
        else:
            self.sql.raw.close()

    # --- cases ---------------------------------------------------------------
    def case(self, number: str, removed: bool = False) -> Record:
        return cases.case(self.sql, number, removed)

    def household(self, case) -> Record:
        return cases.household(self.sql, case.household_id)

    def landlord(self, case) -> Record | None:
        return cases.landlord(self.sql, case.landlord_id)

    def workers(self) -> list[str]:
        return cases.workers(self.sql)

    def count_cases(self, status: Status | None = None, worker: str | None = None) -> int:
        return cases.count(self.sql, status, worker)

    def case_rows(self, track: Track | None, status: Status | None, worker: str | None = None,
                  landlord: str | None = None) -> list[cases.CaseRow]:
        from huurbeg.casework import match_key

        key = (match_key(landlord) or "") if landlord is not None else None
        return cases.rows(self.sql, track, status, worker, key)

    def find_candidates(self, query, status: Status | None) -> list[tuple]:
        from huurbeg.finding import key_groups

        return cases.candidates(self.sql, key_groups(query), status)

    def facts(self, numbers: Sequence[str] | None = None, worker: str | None = None):
        return cases.facts(self.sql, numbers, worker)

    def dossier(self, case) -> dict:
        """Everything the case show needs, except warnings (the rules add those)."""
        return {"case": case, "household": self.household(case), "landlord": self.landlord(case),
                "problems": cases.problems(self.sql, case.id), "consents": cases.consents(self.sql, case.id),
                "tracks": cases.tracks(self.sql, case.id), "contacts": follow_up.case_contacts(self.sql, case.id),
                "agreements": self.agreements(case), "attachments": self.attachments(case),
                "has_plan": self.latest_plan(case) is not None,
                "timeline": self.history(case, reads=False)}

    def history(self, case, *, reads: bool = True) -> list[Record]:
        return history.entries(self.sql, case.id, reads=reads)

    # --- follow-up -------------------------------------------------------------
    def contacts(self, case, since: date | None) -> list[tuple[Record, str]]:
        return follow_up.contacts(self.sql, case.id if case is not None else None, since)

    def latest_plan(self, case) -> Record | None:
        return follow_up.latest_plan(self.sql, case.id)

    def plan(self, plan_id: int) -> Record | None:
        return follow_up.plan(self.sql, plan_id)

    def payments(self, plan) -> list[Record]:
        return follow_up.payments(self.sql, plan.id)

    def plan_lines(self, plan):
        return follow_up.plan_lines(self.sql, plan.id)

    def active_plan_lines(self, case_ids: list[int]):
        return follow_up.active_plan_lines(self.sql, case_ids)

    def agreements(self, case) -> list[Record]:
        return follow_up.agreements(self.sql, case.id)

    def fbu_agreement(self, case) -> Record | None:
        return follow_up.fbu_agreement(self.sql, case.id)

    def referrals(self, case) -> list[Record]:
        return follow_up.referrals(self.sql, case.id)

    # --- documents ---------------------------------------------------------------
    def attachments(self, case) -> list[Record]:
        return attachments.listed(self.sql, case.id)

    def attachment(self, case, attachment_id: int) -> Record | None:
        return attachments.of_case(self.sql, case.id, attachment_id)

    def attachment_content(self, attachment_id: int) -> bytes | None:
        return attachments.content(self.sql, attachment_id)

    # --- court -----------------------------------------------------------------
    def hearings(self, case) -> list[Record]:
        return court.hearings(self.sql, case.id)

    def roll(self, start: datetime, end: datetime, court_name: str | None, worker: str | None = None,
             removed: bool = False) -> list[tuple]:
        return court.roll(self.sql, start, end, court_name, worker, removed)

    def hearings_between(self, start: datetime, end: datetime, worker: str | None = None) -> list[tuple]:
        return court.between(self.sql, start, end, worker)

    # --- figures ---------------------------------------------------------------
    def figures(self, first: date, last: date, today: date | None = None):
        from huurbeg.db.figures import Figures

        return Figures(self.sql, first, last, today)
