"""Following a case up: contacts (huisbezoek ...), payment plans (afbetalingsplan), agreements (afspraken).

Each operation checks the service's rules before it writes, then commits once.
A contact, payment or agreement on a closed case is refused: reopen it first
(`huurbeg case reopen`), so that a closed case's figures stay as they were.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from huurbeg.core import money
from huurbeg.domain import fbu, payment_plan
from huurbeg.domain.casework import check_date_after_intake, check_not_future, check_open
from huurbeg.core.codes import ContactKind, Party
from huurbeg.core.errors import InvalidInput, NotFound, RuleViolation
from huurbeg.core.text import blank
from huurbeg.core.money import Cents
from huurbeg.domain.rules import PAYMENT_FAR_ABOVE_INSTALMENTS, check_contact_minutes, reaches
from huurbeg.core.i18n import _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage
    from huurbeg.db.sql import Record
from huurbeg.core.errors import Refused
from huurbeg.domain.rules import (INSTALMENT_FAR_ABOVE_RENT)

def log_contact(store: Storage, number: str, when: date, kind: ContactKind, minutes: int | None, note: str | None,
                next_planned: date | None, today: date, reached: bool | None = None) -> bool:
    """Record a contact with the household; `next_planned` is the next contact promised; `reached` whether it
    reached the household (None: the default of its kind, huurbeg.domain.rules.reaches). Returns `reached` as recorded."""
    case = check_contact(store, number, when, minutes, next_planned, today)
    reached = reaches(kind) if reached is None else reached
    store.follow_up.add_contact(case, when, kind, minutes, (note or "").strip() or None, next_planned, reached)
    return reached


def planned_visits(store: Storage, first: date, days: int, worker: str | None = None) -> list[dict]:
    """The next contacts planned from `first` for `days` days, as calendar events: a plan replaced by a later
    one, kept by a contact on or after its day, withdrawn, or of a closed case is there as cancelled, so that a
    subscribed calendar drops it."""
    visits = []
    for row in store.follow_up.planned_visits(first, first + timedelta(days=days), worker):
        cancelled = not row.still_open
        visits.append({"kind": "visit", "case": row.case_number, "day": row.next_planned, "uid": f"visit-{row.id}",
                       "sequence": row.revisions + cancelled, "cancelled": cancelled})
    return visits


def check_contact(store: Storage, number: str, when: date, minutes: int | None, next_planned: date | None, today: date):
    """The open case a contact is logged on, once what is known of the contact is checked.

    Run before any question is asked, so a worker is not asked about a closed case or a
    --next that can never be accepted; run again when the contact is written.
    """
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    check_contact_minutes(minutes)
    if next_planned is not None:
        check_next(next_planned, when)
    return case


def check_next(next_planned: date, when: date) -> date:
    if next_planned <= when:
        raise InvalidInput(_("the next contact must come after this one ({when:%d/%m/%Y})").format(when=when),
                           field="next")
    return next_planned


def contact_list(store: Storage, number: str | None, since: date | None) -> list[dict]:
    case = store.cases.case(number) if number else None
    return [{"case": case_number, "id": c.id, "date": c.date, "kind": c.kind, "reached": c.reached,
             "minutes": c.minutes, "next": c.next_planned,
             "note": c.note} for c, case_number in store.follow_up.contacts(case, since)]


def plan_doubts(store: "Storage", number: str, arrears: int, instalment: int) -> list[RuleViolation]:
    """What is implausible in a new plan, each naming its field and both amounts: an instalment above the
    arrears or far above the rent (huurbeg.domain.rules.INSTALMENT_FAR_ABOVE_RENT), arrears that differ from the case's.
    Asked about on a terminal, refused without --force."""
    case = store.cases.case(number)
    doubts = []
    if 0 < arrears < instalment:
        doubts.append(RuleViolation(_("{instalment} is more than the arrears of {arrears}: the plan would be one "
                                      "instalment of {arrears}").format(instalment=money.fmt(instalment),
                                                                        arrears=money.fmt(arrears)),
                                    field="instalment"))
    if case.rent_cents and instalment > INSTALMENT_FAR_ABOVE_RENT * case.rent_cents:
        doubts.append(RuleViolation(_("{instalment} is more than {times} times the monthly rent of {rent}").format(
            instalment=money.fmt(instalment), times=INSTALMENT_FAR_ABOVE_RENT, rent=money.fmt(case.rent_cents)),
            field="instalment"))
    known = known_arrears(store, number)
    if known is not None and arrears != known:
        doubts.append(RuleViolation(_("{arrears} differs from the case's arrears of {case_arrears}").format(
            arrears=money.fmt(arrears), case_arrears=money.fmt(known)), field="arrears"))
    return doubts


def known_arrears(store: "Storage", number: str) -> int | None:
    """The arrears still owed as far as huurbeg knows: the balance of the active plan (a new plan replaces it),
    else the case's arrears as registered or corrected; None when unknown."""
    case = store.cases.case(number)
    plan = store.follow_up.active_plan(case)
    if plan is None:
        return case.arrears_cents
    _lines, payments = store.follow_up.plan_lines(plan)
    return plan.arrears_cents - sum(paid for _when, paid in payments)


def plan_preview(arrears: int, instalment: int, start: date, day: int | None) -> list[payment_plan.Instalment]:
    """The instalments a plan would have (an instalment above the arrears is one of the arrears), refused as
    the flags are."""
    try:
        return payment_plan.schedule(arrears, min(instalment, arrears) if arrears > 0 else instalment, start, day)
    except Refused as exc:
        raise InvalidInput.of(exc) from None


def new_plan(store: "Storage", number: str, arrears: int, instalment: int, start: date, day: int | None,
             force: bool = False) -> tuple[int, bool]:
    """Create the active payment plan; returns (instalments, whether an earlier plan was replaced). With
    `force` (confirmed, or --force), an instalment above the arrears makes a plan of one instalment."""
    case = store.cases.case(number)
    check_open(case.status, number)
    if force and 0 < arrears < instalment:
        instalment = arrears
    try:
        schedule = payment_plan.schedule(arrears, instalment, start, day)
    except Refused as exc:
        raise InvalidInput.of(exc) from None
    replaced = store.follow_up.active_plan(case) is not None
    store.follow_up.create_plan(case, arrears, instalment, start, day or start.day, schedule)
    return len(schedule), replaced


def active_plan_of(store: Storage, number: str) -> tuple[Record, Record]:
    """The open case and its active plan, which a payment needs: refused when there is none."""
    case = store.cases.case(number)
    check_open(case.status, number)
    plan = store.follow_up.active_plan(case)
    if plan is None:
        raise RuleViolation(_("case {number} has no active payment plan").format(number=number),
                            hint="create_plan", number=number)
    return case, plan


def pay(store: Storage, number: str, amount: int, when: date, today: date) -> int:
    """Record a payment on the active plan; returns the balance left. A plan paid off is completed."""
    case, plan = active_plan_of(store, number)
    remaining = check_payment(store, case, plan, amount, when, today)
    store.follow_up.add_payment(case, plan, when, amount)
    if amount == remaining:
        store.follow_up.end_plan(case, plan, "completed")
    return remaining - amount


def usual_payment(store: "Storage", number: str) -> int | None:
    """What a payment on the active plan usually is: its instalment, or the balance when less is left; None
    without an active plan (offered at the question of a payment's amount)."""
    plan = store.follow_up.active_plan(store.cases.case(number))
    if plan is None:
        return None
    _lines, payments = store.follow_up.plan_lines(plan)
    return min(plan.instalment_cents, plan.arrears_cents - sum(paid for _when, paid in payments)) or None


def payment_doubts(store: "Storage", number: str, amount: int, when: date, today: date) -> list[RuleViolation]:
    """Whether a payment is far above the instalment (huurbeg.domain.rules.PAYMENT_FAR_ABOVE_INSTALMENTS): more
    than that many instalments and more than is due on its day with the next instalment, and not the whole
    balance (more than it is refused by the rules of a payment). Asked about on a terminal, refused without
    --force."""
    case = store.cases.case(number)
    check_open(case.status, number)
    plan = store.follow_up.active_plan(case)
    if plan is None:
        return []  # refused as it is written
    remaining = check_payment(store, case, plan, amount, when, today)  # what is refused is refused first
    instalments, payments = store.follow_up.plan_lines(plan)
    current = payment_plan.states(instalments, payments, when)
    due = sum(s.amount - s.paid for s in current if s.due <= when and s.paid < s.amount)
    next_one = next((s.amount - s.paid for s in current if s.due > when and s.paid < s.amount), 0)
    if amount >= remaining or amount <= max(PAYMENT_FAR_ABOVE_INSTALMENTS * plan.instalment_cents,
                                                        due + next_one):
        return []
    return [RuleViolation(_("{amount} is far above the instalment of {instalment} (more than {times} instalments, "
                            "and more than the {due} due with the next instalment)").format(
        amount=money.fmt(amount), instalment=money.fmt(plan.instalment_cents), times=PAYMENT_FAR_ABOVE_INSTALMENTS,
        due=money.fmt(due + next_one)), field="amount")]


def check_payment(store: "Storage", case, plan, amount: int, when: date, today: date, replacing: int = 0) -> int:
    """The rules of a payment (more than 0, not in the future nor before the case, at most the balance);
    returns the balance it settles from, `replacing` a corrected payment's amount."""
    if amount <= 0:
        raise InvalidInput(_("must be more than 0"), field="amount")
    check_not_future(when, today)
    if plan.start_date < case.intake_date:  # a plan agreed before the case was registered: paid from its start
        if when < plan.start_date:
            raise InvalidInput(_("cannot be before the start of the payment plan ({start:%d/%m/%Y})")
                               .format(start=plan.start_date), field="date")
    else:
        check_date_after_intake(when, case.intake_date)
    _lines, payments = store.follow_up.plan_lines(plan)
    remaining = plan.arrears_cents - sum(paid for _when, paid in payments) + replacing
    if amount > remaining:
        raise InvalidInput(_("more than the remaining balance of the plan ({fmt})")
                           .format(fmt=money.fmt(remaining)), field="amount")
    return remaining


def plan_view(store: Storage, number: str, as_of: date) -> dict:
    """The latest plan of a case as of a day: every instalment with its state, payments, balance."""
    case = store.cases.case(number)
    plan = store.follow_up.latest_plan(case)
    if plan is None:
        raise NotFound(_("case {number} has no payment plan").format(number=number), hint="create_plan", number=number)
    instalments, payments = store.follow_up.plan_lines(plan)
    current = payment_plan.states(instalments, payments, as_of)
    paid = sum(amount for when, amount in payments if when <= as_of)
    late = payment_plan.paid_late(current)
    return {
        "case": number, "plan": plan.id, "status": plan.status, "standing": standing(plan.status, current, as_of),
        "paid_late": len(late), "most_days_late": max((s.days_late for s in late), default=0),
        "arrears": Cents(plan.arrears_cents), "instalment": Cents(plan.instalment_cents),
        "start": plan.start_date, "day": plan.day_of_month, "as_of": as_of,
        "paid": Cents(paid), "balance": Cents(plan.arrears_cents - paid),
        "instalments": [{"case": number, "seq": s.seq, "due": s.due, "amount": Cents(s.amount),
                         "paid": Cents(s.paid), "state": s.state, "paid_on": s.paid_on, "days_late": s.days_late}
                        for s in current],
        "payments": [{"id": p.id, "date": p.date, "amount": Cents(p.amount_cents)} for p in store.follow_up.payments(plan)],
    }


def standing(status: str, current: list[payment_plan.InstalmentState], as_of: date) -> str:
    """One word for how a plan is doing on `as_of`: completed, replaced, broken, behind, caught-up (everything
    due by `as_of` is paid, some of it only after it had become late) or on-track. A plan paid late once and
    with an instalment due and unpaid is behind: it has not caught up, even within that instalment's grace days."""
    if status in ("completed", "replaced"):
        return status
    missed = sum(1 for s in current if s.state == "missed")
    if missed >= payment_plan.BROKEN_AFTER_MISSED:
        return "broken"
    if any(s.state in ("late", "missed") for s in current):
        return "behind"
    if not payment_plan.paid_late(current):
        return "on-track"
    return "behind" if any(s.due <= as_of and s.state != "paid" for s in current) else "caught-up"


def agree(store: Storage, number: str, text: str, due: date, party: Party) -> int:
    """Record an agreement (afspraak) of tenant or landlord; returns its number."""
    case = store.cases.case(number)
    check_open(case.status, number)
    if blank(text):
        raise InvalidInput(_("TEXT: say what was agreed"))
    check_date_after_intake(due, case.intake_date, "due")
    return store.follow_up.add_agreement(case, party, text.strip(), due)


def agreement_done(store: Storage, number: str, agreement_id: int, when: date, today: date) -> None:
    case = store.cases.case(number)
    check_open(case.status, number)
    agreement = store.follow_up.agreement(case, agreement_id)
    if agreement.done_date is not None:
        raise RuleViolation(_("agreement {agreement_id} was already done on {done_date:%d/%m/%Y}")
                            .format(agreement_id=agreement_id, done_date=agreement.done_date))
    check_not_future(when, today)
    store.follow_up.agreement_done(case, agreement, when)


def fbu_terms(store: Storage, number: str, *, signed: date, advance: int | None, force: bool, arrears: int | None,
              today: date):
    """Check an FBU agreement against the service's and the fund's rules; the advance, its due date and
    the balance it would fix (huurbeg.domain.fbu.Terms). Nothing is written."""
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(signed, today, "signed")
    check_date_after_intake(signed, case.intake_date, "signed")
    current = store.follow_up.fbu_agreement(case)
    if current is not None and (its_plan := store.follow_up.plan(current.plan_id)) is not None \
            and its_plan.status == "active":
        raise RuleViolation(_("case {number} already has an active FBU agreement, signed {signed_date:%d/%m/%Y}; a "
                              "second one can follow once its plan has ended")
                            .format(number=number, signed_date=current.signed_date))
    landlord = store.cases.landlord(case)
    try:
        agreed = fbu.terms(arrears=case.arrears_cents if arrears is None else arrears, rent=case.rent_cents,
                           landlord_type=landlord.kind if landlord else None, signed=signed, today=today,
                           advance=advance, force=force)
    except fbu.NotEligible as exc:
        raise RuleViolation.of(exc) from None
    return agreed


def fbu_sign(store: Storage, number: str, *, signed: date, instalment: int, start: date, day: int | None,
             advance: int | None, force: bool, arrears: int | None, today: date) -> dict:
    """Record an FBU guidance agreement and the payment plan of its balance; returns what was agreed."""
    agreed = fbu_terms(store, number, signed=signed, advance=advance, force=force, arrears=arrears, today=today)
    case = store.cases.case(number)
    check_fbu_instalment(agreed.balance, instalment, start)
    count, replaced = new_plan(store, number, agreed.balance, instalment, start, day)
    plan = store.follow_up.active_plan(case)
    assert plan is not None  # new_plan made it
    store.follow_up.add_fbu_agreement(case, plan, signed, agreed.arrears, case.rent_cents, agreed.advance,
                                      agreed.advance_due,
                                      forced=agreed.advance > fbu.advance_for(agreed.arrears, signed))
    return {"case": number, "signed": signed, "arrears": Cents(agreed.arrears), "advance": Cents(agreed.advance),
            "advance_due": agreed.advance_due, "balance": Cents(agreed.balance), "plan": plan.id,
            "instalments": count, "replaced": replaced}


def check_fbu_instalment(balance: int, instalment: int, start: date) -> None:
    """The monthly instalment of an FBU plan pays off the balance the advance leaves; refused as the flag is."""
    if instalment > balance:
        raise InvalidInput(_("cannot be larger than the balance of {fmt} left after the advance")
                           .format(fmt=money.fmt(balance)), field="instalment")
    try:
        payment_plan.schedule(balance, instalment, start)
    except Refused as exc:  # too small: more instalments than a plan can have
        raise InvalidInput.of(exc) from None


def fbu_step(store: Storage, number: str, step: str, when: date, today: date) -> date:
    """Record the advance as paid to the landlord (`paid`) or the agreement as filed with the Fund (`filed`)."""
    case = store.cases.case(number)
    check_open(case.status, number)
    agreement = fbu_agreement_of(store, case)
    done = getattr(agreement, f"{step}_date")
    if done is not None:
        message = _("the FBU advance was already paid on {done:%d/%m/%Y}") if step == "paid" \
            else _("the FBU agreement was already filed on {done:%d/%m/%Y}")
        raise RuleViolation(message.format(done=done))
    check_not_future(when, today)
    if when < agreement.signed_date:
        raise InvalidInput(_("cannot be before the agreement was signed ({signed_date:%d/%m/%Y})")
                           .format(signed_date=agreement.signed_date), field="date")
    store.follow_up.fbu_step(case, agreement, step, when)
    return agreement.advance_due


def fbu_doubts(store: Storage, number: str) -> list[RuleViolation]:
    """The fund backs a lease that runs: an agreement on a lease the Justice of the Peace dissolved is more
    likely a mistake than a new lease. Asked about on a terminal, refused without --force (prompts.vouch)."""
    judgment = store.court.judgment(store.cases.case(number))
    if judgment is None:
        return []
    return [RuleViolation(_("the Justice of the Peace dissolved the lease on {date:%d/%m/%Y}; an FBU agreement needs "
                            "a lease that runs (a new one, or the landlord's written consent to continue)").format(
        date=judgment.result_date))]


def fbu_document(store: Storage, number: str) -> dict:
    """What the guidance agreement for signing says: the parties, the sums, the schedule. No notes."""
    case = store.cases.case(number)
    agreement = fbu_agreement_of(store, case)
    store.record(case, "read", "FBU guidance agreement printed")
    household, landlord = store.cases.household(case), store.cases.landlord(case)
    instalments, _ = store.follow_up.plan_lines(store.follow_up.plan(agreement.plan_id))
    judgment = store.court.judgment(case)
    return {"case": number, "tenant": household.name, "address": household.address,
            "landlord": landlord.name if landlord else None, "landlord_type": landlord.kind if landlord else None,
            "landlord_address": landlord.address if landlord else None,
            "dissolved_on": judgment.result_date if judgment else None,
            "signed": agreement.signed_date, "rent": Cents(agreement.rent_cents),
            "arrears": Cents(agreement.arrears_cents), "advance": Cents(agreement.advance_cents),
            "advance_due": agreement.advance_due,
            "balance": Cents(agreement.arrears_cents - agreement.advance_cents),
            "schedule": [{"seq": i.seq, "due": i.due, "amount": Cents(i.amount)} for i in instalments]}


def fbu_summary(agreement) -> dict | None:
    """The latest FBU guidance agreement of a case, as the dossier and the courtroom brief show it."""
    if agreement is None:
        return None
    return {"signed": agreement.signed_date, "arrears": Cents(agreement.arrears_cents),
            "rent": Cents(agreement.rent_cents), "advance": Cents(agreement.advance_cents),
            "advance_due": agreement.advance_due, "paid": agreement.paid_date, "filed": agreement.filed_date,
            "plan": agreement.plan_id}


def fbu_agreement_of(store: Storage, case):
    agreement = store.follow_up.fbu_agreement(case)
    if agreement is None:
        raise NotFound(_("case {number} has no FBU agreement").format(number=case.number), hint="record_fbu",
                       number=case.number)
    return agreement
