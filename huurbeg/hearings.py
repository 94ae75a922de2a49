"""Court hearings (zittingen) at the Justice of the Peace on a landlord's petition (verzoekschrift).

Every petition to dissolve a lease reaches the service, often one to six days
before the hearing: the hearing is the case's deadline. Recording one puts the
case on the `ogp` track. An outcome closes the hearing; a postponement opens a
new one linked to it; a dissolution makes the eviction date the next deadline.
"""

from datetime import date, datetime, time, timedelta

from huurbeg import payment_plan
from huurbeg.casework import check_not_future, check_open
from huurbeg.codes import HearingResult, Track, shown
from huurbeg.errors import InvalidInput, NotFound, RuleViolation
from huurbeg.text import blank
from huurbeg.followup import standing
from huurbeg.render import Cents
from huurbeg.rules import check_hearing_date
from huurbeg.i18n import _

KNOWN_IN_ADVANCE = (HearingResult.WITHDRAWN, HearingResult.POSTPONED)
"""Outcomes that may be recorded before the hearing's date: the landlord withdrew the petition (the
arrears were paid), or the court postponed the hearing in advance."""
DEFAULT_ROLL_DAYS = 14
"""`hearing list` without --date or --within shows the next two weeks."""


def add_hearing(store, number: str, starts_at: datetime, court: str, room: str | None, petition_date: date | None,
                claimed: int | None, proposal: str | None, today: date) -> Track | None:
    """Record a petition and its hearing; returns the track the case left for `ogp`, if it moved."""
    case = store.case(number)
    check_open(case.status, number)
    if blank(court):
        raise InvalidInput(_("--court: name the court, e.g. 'Vredegerecht Mechelen'"))
    check_hearing(store, case, starts_at, petition_date, today)
    moved_from = None
    if case.track != Track.OGP:
        moved_from = Track(case.track)
        store.change_track(case, Track.OGP, max(petition_date or today, case.intake_date))
    store.add_hearing(case, starts_at, court.strip(), (room or "").strip() or None, petition_date, claimed,
                      (proposal or "").strip() or None)
    return moved_from


def check_hearing(store, case, starts_at: datetime, petition_date: date | None, today: date,
                  hearing=None) -> None:
    """The rules of a hearing's dates: after its petition, not a year before registration, not twice."""
    check_hearing_date(starts_at.date(), case.intake_date)
    if petition_date is not None:
        check_not_future(petition_date, today, "--petition-date")
        if starts_at.date() < petition_date:
            raise InvalidInput(_("--date: the hearing cannot be before the petition date"))
    if any(h.starts_at == starts_at and h is not hearing for h in store.hearings(case)):
        raise RuleViolation(_("--date: case {number} already has a hearing on {date:%d/%m/%Y} at {time:%H:%M}")
                            .format(number=case.number, date=starts_at, time=starts_at))


def awaiting_outcome(store, case) -> object:
    """The earliest hearing of a case without an outcome."""
    hearings = store.hearings(case)
    if not hearings:
        raise NotFound(_("case {number} has no hearing; record one with 'huurbeg hearing add'")
                       .format(number=case.number))
    pending = [h for h in hearings if h.result is None]
    if not pending:
        raise RuleViolation(_("every hearing of case {number} already has an outcome").format(number=case.number))
    return pending[0]


def record_outcome(store, number: str, result: HearingResult, new_date: datetime | None,
                   eviction: date | None, proposal: str | None, today: date) -> None:
    """The outcome of the case's pending hearing; a postponement adds the new hearing."""
    case, hearing, held_on = check_outcome(store, number, result, new_date, eviction, today)
    store.record_outcome(case, hearing, result, held_on, eviction, proposal)
    if result == HearingResult.POSTPONED:
        store.add_hearing(case, new_date, hearing.court, hearing.room, hearing.petition_date, hearing.claimed_cents,
                          proposal if proposal is not None else hearing.proposal, postponed_from=hearing)


def check_outcome(store, number: str, result: HearingResult, new_date: datetime | None, eviction: date | None,
                  today: date):
    """(case, its pending hearing, the outcome's date), or the reason this outcome cannot be recorded."""
    case = store.case(number)
    check_open(case.status, number)
    hearing = awaiting_outcome(store, case)
    held_on = hearing.starts_at.date()
    if held_on > today:
        if result not in KNOWN_IN_ADVANCE:
            withdrawn, postponed = map(shown, KNOWN_IN_ADVANCE)
            raise RuleViolation(_("the hearing of {held_on:%d/%m/%Y} is still to come; record its outcome "
                                  "afterwards (only {withdrawn} or {postponed} may be recorded before it)")
                                .format(held_on=held_on, withdrawn=withdrawn, postponed=postponed))
        held_on = today  # withdrawn or postponed before the day: the outcome is dated when it became known
    if result == HearingResult.POSTPONED:
        if new_date is None:
            raise InvalidInput(_("--new-date: required for a postponed hearing ('dd/mm/yyyy HH:MM')"))
        if new_date <= hearing.starts_at:
            raise InvalidInput(_("--new-date: must come after the postponed hearing"))
        if any(h.starts_at == new_date for h in store.hearings(case)):
            raise RuleViolation(_("--new-date: case {number} already has a hearing on {date:%d/%m/%Y} at "
                                  "{time:%H:%M}").format(number=number, date=new_date, time=new_date))
    elif new_date is not None:
        raise InvalidInput(_("--new-date: only for --result postponed"))
    if result == HearingResult.DISSOLVED:
        if eviction is None:
            raise InvalidInput(_("--eviction-date: required when the lease is dissolved"))
        if eviction < held_on:
            raise InvalidInput(_("--eviction-date: cannot be before the hearing"))
    elif eviction is not None:
        raise InvalidInput(_("--eviction-date: only for --result dissolved"))
    return case, hearing, held_on


def roll(store, first: date, days: int, court: str | None, worker: str | None = None,
         removed: bool = False) -> list[dict]:
    """The hearings (of one worker's cases) from `first` for `days` days: who, where, whether the household is ready.
    With `removed`, also those a worker withdrew (`hearing remove`), marked so, for a calendar to cancel."""
    start = datetime.combine(first, time())
    rows = store.roll(start, start + timedelta(days=days), court, worker, removed)
    instalments, payments = store.active_plan_lines(list({row[1] for row in rows}))
    result = []
    for hearing, case_id, number, tenant, landlord, last_contact, last_reached in rows:
        notified = hearing.petition_date or hearing.created_at.date()
        plan = instalments.get(case_id)
        result.append({
            "case": number, "starts_at": hearing.starts_at, "court": hearing.court, "room": hearing.room,
            "tenant": tenant, "landlord": landlord,
            "claimed": Cents(hearing.claimed_cents) if hearing.claimed_cents is not None else None,
            "plan": standing("active", payment_plan.states(plan, payments.get(case_id, []), first))
            if plan else None,
            "last_contact": last_contact, "last_reached": last_reached,
            "prepared": bool(last_reached and last_reached >= notified),
            "result": hearing.result, "uid": hearing.uid, "sequence": hearing.sequence,
            "petition_date": hearing.petition_date, "removed": hearing.removed_at is not None,
        })
    return result


def brief(store, number: str, today: date) -> dict:
    """One screen for the courtroom: the household, the money, what was agreed and done, the proposal."""
    from huurbeg.caseload import fbu_summary
    from huurbeg.followup import plan_view

    case = store.case(number)
    hearings = store.hearings(case)
    if not hearings:
        raise NotFound(_("case {number} has no hearing; record one with 'huurbeg hearing add'").format(number=number))
    pending = [h for h in hearings if h.result is None]
    current = pending[0] if pending else hearings[-1]
    notified = current.petition_date or current.created_at.date()
    household, landlord = store.household(case), store.landlord(case)
    plan = plan_view(store, number, today) if store.latest_plan(case) else None
    contacts = [c for c, _ in store.contacts(case, notified)]
    return {
        "case": number, "tenant": household.name, "adults": household.adults, "children": household.children,
        "landlord": {"name": landlord.name, "type": landlord.kind} if landlord else None,
        "hearing": _hearing(current), "petition_date": current.petition_date,
        "claimed": Cents(current.claimed_cents) if current.claimed_cents is not None else None,
        "payment_plan": {key: plan[key] for key in ("standing", "arrears", "instalment", "paid", "balance",
                                                       "paid_late", "most_days_late")}
        if plan else None,
        "fbu_agreement": fbu_summary(store.fbu_agreement(case)),
        "agreements": [{"id": a.id, "party": a.party, "text": a.text, "due": a.due_date, "done": a.done_date,
                        "kept": agreement_kept(a.due_date, a.done_date, today)} for a in store.agreements(case)],
        "contacts_since_petition": [{"date": c.date, "kind": c.kind, "minutes": c.minutes, "reached": c.reached}
                                    for c in contacts],
        "prepared": any(c.reached for c in contacts),
        "referrals": [{"date": r.date, "to": r.destination} for r in store.referrals(case)],
        "earlier_hearings": [_hearing(h) for h in hearings if h.id != current.id],
        "proposal": current.proposal,
    }


def _hearing(hearing) -> dict:
    return {"starts_at": hearing.starts_at, "court": hearing.court, "room": hearing.room, "result": hearing.result,
            "eviction_date": hearing.eviction_date}


def agreement_kept(due: date, done: date | None, today: date) -> str:
    """kept, kept late, not kept (past due) or open."""
    if done is not None:
        return "kept" if done <= due else "kept late"
    return "not kept" if today > due else "open"
