"""Answers kept of an interrupted interactive flow (an intake, a visit, a plan), to resume it.

They are the worker's own: every read and write names the worker at the keyboard. They are
kept as each answer is accepted, in a short transaction of their own beside the command's
(`aside`), so the command's own writes stay all or nothing and no lock is held while the
next question waits; they are deleted in the command's transaction when the flow completes.
"""

from datetime import date, timedelta

from huurbeg.db.area import Area
from huurbeg.db.sql import Record
from huurbeg.domain.drafts import KEPT_DAYS



class Drafts(Area):
    """The kept answers of the worker at the keyboard."""

    def _find(self, db, flow: str, case_id: int | None, worker: str) -> Record | None:
        on_case = "case_id IS NULL" if case_id is None else "case_id = :case"
        return db.one(f"SELECT * FROM draft WHERE flow = :flow AND {on_case} AND worker = :worker "
                      "ORDER BY id DESC LIMIT 1", flow=flow, case=case_id, worker=worker)

    def keep(self, flow: str, case_id: int | None, answers: str, today: date) -> None:
        """Keep these answers (JSON) of this worker's flow, replacing what was kept of it, in a transaction
        of their own; what has expired goes first."""
        worker = self.core.me  # asked first: on a server that is a query of its own
        with self.core.aside() as db:
            self._forget_expired(db, today)
            now = self.core.now()
            found = self._find(db, flow, case_id, worker)
            until = today + timedelta(days=KEPT_DAYS)
            if found is None:
                db.insert("INSERT INTO draft (flow, case_id, worker, created_at, updated_at, kept_until, answers) "
                          "VALUES (:flow, :case, :worker, :now, :now, :until, :answers)", flow=flow, case=case_id,
                          worker=worker, now=now, until=until, answers=answers)
            else:
                db.execute("UPDATE draft SET answers = :answers, updated_at = :now, kept_until = :until "
                           "WHERE id = :id", answers=answers, now=now, until=until, id=found.id)

    def kept(self, flow: str, case_id: int | None, today: date) -> Record | None:
        """This worker's kept answers of this flow, unless they have expired."""
        found = self._find(self.sql, flow, case_id, self.core.me)
        return found if found is not None and found.kept_until >= today else None

    def drop(self, flow: str, case_id: int | None, today: date) -> None:
        """The flow was completed: its kept answers go, in the command's transaction, with any that expired."""
        on_case = "case_id IS NULL" if case_id is None else "case_id = :case"
        self.sql.execute(f"DELETE FROM draft WHERE flow = :flow AND {on_case} AND worker = :worker",
                         flow=flow, case=case_id, worker=self.core.me)
        self._forget_expired(self.sql, today)

    def forget_expired(self, today: date) -> None:
        """Delete every worker's kept answers past their day, in the command's transaction."""
        self._forget_expired(self.sql, today)

    @staticmethod
    def _forget_expired(db, today: date) -> None:
        if db.value("SELECT count(*) FROM draft WHERE kept_until < :today", today=today):
            db.execute("DELETE FROM draft WHERE kept_until < :today", today=today)

    def erase(self) -> int:
        """A purge: every kept answer of every worker goes (an intake's are personal data of no case yet)."""
        count = self.sql.value("SELECT count(*) FROM draft")
        if count:
            self.sql.execute("DELETE FROM draft")
        return count
