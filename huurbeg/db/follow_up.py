"""Reads about the follow-up of a case: contacts, payment plans (afbetalingsplan), agreements, FBU
agreements and referrals (doorverwijzing), as plain SQL (see huurbeg.db.sql)."""

from datetime import date

from huurbeg.db.area import Area
from huurbeg.db.sql import Connection, Record, members
from huurbeg.payment_plan import Instalment
from huurbeg.rules import FbuFacts

LAST_CONTACT = ("(SELECT max(contact.date) FROM contact "
                "WHERE contact.case_id = case_file.id AND contact.removed_at IS NULL)")
"""The latest contact of a case (in a statement on case_file), through the (case_id, date) index."""

LAST_REACHED = ("(SELECT max(contact.date) FROM contact WHERE contact.case_id = case_file.id "
                "AND contact.removed_at IS NULL AND contact.reached)")
"""The latest contact of a case that reached the household: what makes it prepared for a hearing."""


def contacts(db: Connection, case_id: int | None, since: date | None) -> list[tuple[Record, str]]:
    where, params = "", {}
    if case_id is not None:
        where, params["case"] = where + " AND contact.case_id = :case", case_id
    if since is not None:
        where, params["since"] = where + " AND contact.date >= :since", since
    return [(row, row.case_number) for row in db.rows(
        "SELECT contact.*, case_file.number AS case_number FROM contact JOIN case_file ON case_file.id = contact.case_id "
        f"WHERE contact.removed_at IS NULL{where} ORDER BY contact.date, contact.id", **params)]


def case_contacts(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM contact WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id", id=case_id)


def latest_plan(db: Connection, case_id: int) -> Record | None:
    return db.one("SELECT * FROM payment_plan WHERE case_id = :id ORDER BY id DESC LIMIT 1", id=case_id)


def plan(db: Connection, plan_id: int) -> Record | None:
    return db.one("SELECT * FROM payment_plan WHERE id = :id", id=plan_id)


def payments(db: Connection, plan_id: int) -> list[Record]:
    return db.rows("SELECT * FROM payment WHERE plan_id = :id AND removed_at IS NULL ORDER BY date, id", id=plan_id)


def plan_lines(db: Connection, plan_id: int) -> tuple[list[Instalment], list[tuple[date, int]]]:
    instalments = [Instalment(row.seq, row.due_date, row.amount_cents) for row in db.rows(
        "SELECT seq, due_date, amount_cents FROM instalment WHERE plan_id = :id ORDER BY seq", id=plan_id)]
    return instalments, [(row.date, row.amount_cents) for row in payments(db, plan_id)]


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


def agreements(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM agreement WHERE case_id = :id AND removed_at IS NULL ORDER BY due_date, id",
                   id=case_id)


def fbu_agreement(db: Connection, case_id: int) -> Record | None:
    """The latest FBU guidance agreement of a case (a withdrawn one is not)."""
    return db.one("SELECT * FROM fbu_agreement WHERE case_id = :id AND removed_at IS NULL "
                  "ORDER BY signed_date DESC, id DESC LIMIT 1", id=case_id)


def fbu_facts(db: Connection, case_ids: list[int]) -> dict[int, FbuFacts]:
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


def referrals(db: Connection, case_id: int) -> list[Record]:
    return db.rows("SELECT * FROM referral WHERE case_id = :id AND removed_at IS NULL ORDER BY date, id", id=case_id)


class FollowUp(Area):
    """Follow-up: contacts, payment plans and payments, agreements, FBU."""
