"""The follow-up of a case: contacts, payment plans (afbetalingsplan) and payments, agreements and FBU
agreements, read and written as plain SQL (see huurbeg.db.sql)."""

from collections.abc import Sequence
from datetime import date
from typing import Any

from huurbeg.db.area import Area
from huurbeg.db.sql import Connection, Record, Select, members
from huurbeg.core.errors import NotFound
from huurbeg.core.i18n import _
from huurbeg.domain.payment_plan import Instalment
from huurbeg.domain.rules import FbuFacts

LAST_CONTACT = ("(SELECT max(contact.date) FROM contact "
                "WHERE contact.case_id = case_file.id AND contact.removed_at IS NULL)")
"""The latest contact of a case (in a statement on case_file), through the (case_id, date) index."""

LAST_REACHED = ("(SELECT max(contact.date) FROM contact WHERE contact.case_id = case_file.id "
                "AND contact.removed_at IS NULL AND contact.reached)")
"""The latest contact of a case that reached the household: what makes it prepared for a hearing."""


def case_contacts(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM contact WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id", id=case_id)


def active_plan_lines(db: Connection, case_ids) -> tuple[dict, dict]:
    """Instalments and payments of the active plans of these cases (ids, or a Select), by case id."""
    listed, params = members("case", case_ids)
    plans = f"SELECT id FROM payment_plan WHERE case_id IN ({listed}) AND status = 'active'"
    instalments: dict[int, list[Instalment]] = {}
    payments_of: dict[int, list[tuple[date, int]]] = {}
    for row in db.rows("SELECT payment_plan.case_id, seq, due_date, amount_cents FROM instalment "
                       f"JOIN payment_plan ON payment_plan.id = instalment.plan_id WHERE plan_id IN ({plans}) "
                       "ORDER BY plan_id, seq", **params):
        instalments.setdefault(row.case_id, []).append(Instalment(row.seq, row.due_date, row.amount_cents))
    for row in db.rows("SELECT payment_plan.case_id, payment.date, payment.amount_cents FROM payment "
                       f"JOIN payment_plan ON payment_plan.id = payment.plan_id WHERE plan_id IN ({plans}) "
                       "AND payment.removed_at IS NULL ORDER BY payment.date, payment.id", **params):
        payments_of.setdefault(row.case_id, []).append((row.date, row.amount_cents))
    return instalments, payments_of


def fbu_facts(db: Connection, case_ids: Select | Sequence[int]) -> dict[int, FbuFacts]:
    """The latest FBU agreement of each case, and whether its plan is still the active one."""
    listed, params = members("case", case_ids)
    found: dict[int, FbuFacts] = {}
    for row in db.rows(
            "SELECT fbu_agreement.*, payment_plan.status AS plan_status FROM fbu_agreement "
            f"JOIN payment_plan ON payment_plan.id = fbu_agreement.plan_id WHERE fbu_agreement.case_id IN ({listed}) "
            "AND fbu_agreement.removed_at IS NULL ORDER BY fbu_agreement.signed_date, fbu_agreement.id", **params):
        found[row.case_id] = FbuFacts(  # the latest comes last
            signed=row.signed_date, advance=row.advance_cents, advance_due=row.advance_due, paid=row.paid_date,
            filed=row.filed_date, plan_active=row.plan_status == "active")
    return found


class FollowUp(Area):
    """Follow-up: contacts, payment plans and payments, agreements, FBU."""

    KINDS = {"contact": "contact", "payment": "payment", "agreement": "agreement", "fbu": "fbu_agreement"}

    def record_of(self, kind: str, case: Any, record_id: int) -> Record | None:
        if kind != "payment":
            return super().record_of(kind, case, record_id)
        return self.sql.one("SELECT payment.* FROM payment JOIN payment_plan ON payment_plan.id = payment.plan_id "
                            "WHERE payment.id = :id AND payment.removed_at IS NULL AND payment_plan.case_id = :case",
                            id=record_id, case=case.id)

    # --- contacts --------------------------------------------------------------
    def add_contact(self, case: Any, when: date, kind: str, minutes: int | None, note: str | None,
                    next_planned: date | None, reached: bool = True) -> int:
        new = self._add("contact", case_id=case.id, date=when, kind=kind, minutes=minutes, note=note,
                        next_planned=next_planned, reached=reached, created_at=self.core.now())
        self._touch(case)
        spent = f", {minutes} min" if minutes is not None else ""
        planned = f"; next contact planned {next_planned.isoformat()}" if next_planned else ""
        missed = "" if reached else " (household not reached)"
        self.core.record(case, "contact", f"{kind} contact on {when.isoformat()}{missed}{spent}{planned}")
        return new

    def planned_visits(self, start: date, end: date, worker: str | None = None) -> list[Record]:
        """Every contact, withdrawn ones too, that planned a next contact from `start` to before `end`: its id,
        the day, the case number, whether it is the case's plan still open, and how often it was corrected or
        withdrawn (the history says so, and a calendar needs a revision that only rises)."""
        where, params = "", dict[str, Any](start=start, end=end)
        if worker is not None:
            where, params["worker"] = " AND case_file.worker = :worker", worker
        # the case's plan is its furthest planned day (the warnings' rule), until a contact on or after that day
        later = ("SELECT 1 FROM contact other WHERE other.case_id = contact.case_id AND other.removed_at IS NULL "
                 "AND (other.next_planned > contact.next_planned OR (other.next_planned = contact.next_planned "
                 "AND other.id > contact.id) OR other.date >= contact.next_planned)")
        revisions = ("(SELECT count(*) FROM history WHERE history.case_id = contact.case_id "
                     "AND history.action IN ('correct', 'remove') "
                     "AND history.detail LIKE 'contact ' || CAST(contact.id AS TEXT) || ' %') AS revisions")
        planned = self.sql.rows(
            "SELECT contact.id, contact.next_planned, case_file.number AS case_number, "
            f"CASE WHEN contact.removed_at IS NULL AND case_file.status = 'open' AND NOT EXISTS ({later}) "
            f"THEN 1 ELSE 0 END AS still_open, {revisions} "
            "FROM contact JOIN case_file ON case_file.id = contact.case_id "
            f"WHERE contact.next_planned >= :start AND contact.next_planned < :end{where} "
            "ORDER BY contact.next_planned, case_file.number, contact.id", **params)
        # a plan a correction cleared (--next ""): its day is the one the history says was cleared
        cleared: dict[int, Record] = {}
        for row in self.sql.rows(
                f"SELECT contact.id, history.detail, case_file.number AS case_number, {revisions} "
                "FROM contact JOIN case_file ON case_file.id = contact.case_id "
                "JOIN history ON history.case_id = contact.case_id AND history.action = 'contact' "
                "AND history.detail LIKE 'contact ' || CAST(contact.id AS TEXT) || ': next contact of % cleared' "
                f"WHERE contact.next_planned IS NULL{where} ORDER BY history.id",
                **{key: value for key, value in params.items() if key == "worker"}):
            day = date.fromisoformat(row.detail.split(" of ", 1)[1].split(" ", 1)[0])
            cleared[row.id] = Record(id=row.id, next_planned=day, case_number=row.case_number, still_open=0,
                                     revisions=row.revisions)
        return sorted(planned + [row for row in cleared.values() if start <= row.next_planned < end],
                      key=lambda row: (row.next_planned, row.case_number, row.id))

    def record_plan_cleared(self, case: Any, contact_id: int, planned: date) -> None:
        """A correction cleared the next contact a contact planned: the history keeps its day, so that a calendar
        that holds it as an event is told it is cancelled."""
        self.core.record(case, "contact", f"contact {contact_id}: next contact of {planned.isoformat()} cleared")

    def contacts(self, case: Any | None, since: date | None) -> list[tuple[Record, str]]:
        """The contacts of one case (or of every case), from `since`, with their case number."""
        where, params = "", {}
        if case is not None:
            where, params["case"] = where + " AND contact.case_id = :case", case.id
        if since is not None:
            where, params["since"] = where + " AND contact.date >= :since", since
        return [(row, row.case_number) for row in self.sql.rows(
            "SELECT contact.*, case_file.number AS case_number FROM contact "
            f"JOIN case_file ON case_file.id = contact.case_id WHERE contact.removed_at IS NULL{where} "
            "ORDER BY contact.date, contact.id", **params)]

    # --- payment plans and payments ----------------------------------------------
    def plan(self, plan_id: int) -> Record | None:
        return self.sql.one("SELECT * FROM payment_plan WHERE id = :id", id=plan_id)

    def plan_of(self, payment: Any) -> Record:
        return self.sql.single("SELECT * FROM payment_plan WHERE id = :id", id=payment.plan_id)

    def plans(self, case: Any) -> list[Record]:
        return self.sql.rows("SELECT * FROM payment_plan WHERE case_id = :id ORDER BY id", id=case.id)

    def active_plan(self, case: Any) -> Record | None:
        return self.sql.one("SELECT * FROM payment_plan WHERE case_id = :id AND status = 'active' "
                            "ORDER BY id LIMIT 1", id=case.id)

    def latest_plan(self, case: Any) -> Record | None:
        return self.sql.one("SELECT * FROM payment_plan WHERE case_id = :id ORDER BY id DESC LIMIT 1", id=case.id)

    def payments(self, plan: Any) -> list[Record]:
        return self.sql.rows("SELECT * FROM payment WHERE plan_id = :id AND removed_at IS NULL ORDER BY date, id",
                             id=plan.id)

    def plan_lines(self, plan: Any) -> tuple[list[Instalment], list[tuple[date, int]]]:
        """The instalments of a plan, and its payments (date, amount)."""
        instalments = [Instalment(row.seq, row.due_date, row.amount_cents) for row in self.sql.rows(
            "SELECT seq, due_date, amount_cents FROM instalment WHERE plan_id = :id ORDER BY seq", id=plan.id)]
        return instalments, [(row.date, row.amount_cents) for row in self.payments(plan)]

    def active_plan_lines(self, case_ids) -> tuple[dict, dict]:
        return active_plan_lines(self.sql, case_ids)

    def create_plan(self, case: Any, arrears: int, instalment: int, start: date, day: int,
                    schedule: Sequence[Instalment]) -> int:
        """A new active plan with its instalments; an active plan it replaces is kept as 'replaced'."""
        now = self.core.now()
        previous = self.active_plan(case)
        if previous is not None:
            self._update("payment_plan", previous, {"status": "replaced", "ended_at": now})
            self.core.record(case, "plan", f"payment plan {previous.id} replaced")
        new = self._add("payment_plan", case_id=case.id, arrears_cents=arrears, instalment_cents=instalment,
                        start_date=start, day_of_month=day, status="active", created_at=now)
        db = self.sql
        for each in schedule:
            db.execute("INSERT INTO instalment (plan_id, seq, due_date, amount_cents) "
                       "VALUES (:plan, :seq, :due, :amount)", plan=new, seq=each.seq, due=each.due, amount=each.amount)
        self._touch(case)
        self.core.record(case, "plan", f"payment plan {new}: {len(schedule)} instalments from "
                                       f"{schedule[0].due.isoformat()}")
        return new

    def add_payment(self, case: Any, plan: Any, when: date, amount: int) -> None:
        self._add("payment", plan_id=plan.id, date=when, amount_cents=amount, created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "payment", f"payment on plan {plan.id} dated {when.isoformat()}")

    def end_plan(self, case: Any, plan: Any, status: str) -> None:
        self._update("payment_plan", plan, {"status": status, "ended_at": self.core.now()})
        self.core.record(case, "plan", f"payment plan {plan.id} {status}")

    def reactivate_plan(self, case: Any, plan: Any) -> bool:
        """A completed plan whose balance is open again (a payment was removed) is active again,
        unless another plan has become the active one since."""
        if plan.status != "completed" or self.active_plan(case) is not None:
            return False
        self._update("payment_plan", plan, {"status": "active", "ended_at": None})
        self.core.record(case, "plan", f"payment plan {plan.id} active again")
        return True

    # --- agreements --------------------------------------------------------------
    def add_agreement(self, case: Any, party: str, text: str, due: date) -> int:
        new = self._add("agreement", case_id=case.id, party=party, text=text, due_date=due,
                        created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "agreement", f"agreement {new} ({party}) due {due.isoformat()}")
        return new

    def agreement(self, case: Any, agreement_id: int) -> Record:
        found = self.record_of("agreement", case, agreement_id)
        if found is None:
            raise NotFound(_("case {number} has no agreement {agreement_id}; 'huurbeg case show {number}' lists them")
                           .format(number=case.number, agreement_id=agreement_id))
        return found

    def agreements(self, case: Any) -> list[Record]:
        return self.sql.rows("SELECT * FROM agreement WHERE case_id = :id AND removed_at IS NULL "
                             "ORDER BY due_date, id", id=case.id)

    def agreement_done(self, case: Any, agreement: Any, when: date) -> None:
        self._update("agreement", agreement, {"done_date": when})
        self._touch(case)
        self.core.record(case, "agreement", f"agreement {agreement.id} done on {when.isoformat()}")

    # --- FBU guidance agreements -------------------------------------------------
    def fbu_agreement(self, case: Any) -> Record | None:
        """The latest FBU guidance agreement of a case (a withdrawn one is not)."""
        return self.sql.one("SELECT * FROM fbu_agreement WHERE case_id = :id AND removed_at IS NULL "
                            "ORDER BY signed_date DESC, id DESC LIMIT 1", id=case.id)

    def add_fbu_agreement(self, case: Any, plan: Any, signed: date, arrears: int, rent: int, advance: int,
                          advance_due: date, forced: bool) -> int:
        new = self._add("fbu_agreement", case_id=case.id, plan_id=plan.id, signed_date=signed,
                        arrears_cents=arrears, rent_cents=rent, advance_cents=advance, advance_due=advance_due,
                        created_at=self.core.now())
        self._touch(case)
        self.core.record(case, "fbu", f"FBU agreement {new} signed {signed.isoformat()}: advance of "
                                      f"{advance / 100:.2f} EUR due {advance_due.isoformat()}, balance in payment "
                                      f"plan {plan.id}" + (" (advance above the fund's limit, recorded with --force)"
                                                           if forced else ""))
        return new

    def fbu_step(self, case: Any, agreement: Any, step: str, when: date) -> None:
        """Record the advance as paid (`paid`) or the agreement as filed with the Fund (`filed`)."""
        self._update("fbu_agreement", agreement, {f"{step}_date": when})
        self._touch(case)
        what = "advance paid to the landlord" if step == "paid" else "filed with the Fund"
        self.core.record(case, "fbu", f"FBU agreement {agreement.id}: {what} on {when.isoformat()}")
