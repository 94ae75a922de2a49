"""Court hearings (zittingen) at the Justice of the Peace on a landlord's petition (verzoekschrift).

Every petition to dissolve a lease reaches the service, often one to six days
before the hearing: the hearing is the case's deadline. Recording one puts the
case on the `ogp` track. An outcome closes the hearing; a postponement opens a
new one linked to it. A dissolution is followed after the court day: the judgment's
service on the tenant gives the earliest eviction date, the bailiff announces the eviction's
day, and what happened ends it.

A pre-OGP case may sit at the same court before any petition, for a conciliation
(verzoening, minnelijke schikking, art. 731 Ger.W.): it stays on pre-OGP, since
whether the case goes to court is the worker's decision (`case track --to ogp`),
and the session ends in an agreement, no agreement, the tenant's absence, or the
landlord's withdrawal.

A court is one of a list: a name typed is the court already on record when it is the
same but for case and accents, and a new name one typo away from a known court is
taken for a typo of it unless the worker says it is a new court.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING

from huurbeg.domain import payment_plan
from huurbeg.domain.casework import check_not_future, check_open, check_reason
from huurbeg.core.codes import (ConciliationResult, EvictionResult, HearingResult, SessionKind, Track, choices,
                                parse_code, shown)
from huurbeg.core.errors import FIELD, InvalidInput, NotFound, RuleViolation
from huurbeg.domain.finding import TYPO_MIN_LENGTH, digits, within_one_typo, words
from huurbeg.core.text import blank, quoted
from huurbeg.domain.followup import fbu_summary, plan_view, standing
from huurbeg.core.money import Cents
from huurbeg.domain.rules import check_hearing_date, check_term_days, earliest_eviction, short_notice
from huurbeg.core.i18n import _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage
    from huurbeg.db.sql import Record


KNOWN_IN_ADVANCE = (HearingResult.WITHDRAWN, HearingResult.POSTPONED, ConciliationResult.WITHDRAWN)
"""Outcomes that may be recorded before the hearing's date: the landlord withdrew the petition (the
arrears were paid), or the court postponed the hearing in advance; a landlord may withdraw a request
for conciliation too."""
RESULTS: dict[str, type[StrEnum]] = {SessionKind.HEARING: HearingResult, SessionKind.CONCILIATION: ConciliationResult}
"""The outcomes of each kind of session."""
RESULT_NAMES: dict[str, str] = {SessionKind.HEARING: "hearing result", SessionKind.CONCILIATION: "conciliation result"}
DEFAULT_ROLL_DAYS = 14
"""`hearing list` without --date or --within shows the next two weeks."""


def add_hearing(store: Storage, number: str, starts_at: datetime, court: str, room: str | None,
                petition_date: date | None, claimed: int | None, proposal: str | None, today: date,
                kind: SessionKind = SessionKind.HEARING, new_court: bool = False) -> Track | None:
    """Record a petition and its hearing; returns the track the case left for `ogp`, if it moved.
    A conciliation session is recorded on a pre-OGP case, which stays on its track."""
    case = store.cases.case(number)
    check_open(case.status, number)
    if blank(court):
        raise InvalidInput(_("name the court, e.g. 'Vredegerecht Mechelen'"), field="court")
    if kind == SessionKind.CONCILIATION and case.track != Track.PRE_OGP:
        raise RuleViolation(_("case {number} is on track {track}; a conciliation session is for a pre-OGP "
                              "case (a hearing on a petition: leave out {field:kind})")
                            .format(number=number, track=shown(Track(case.track)), field=FIELD), field="kind")
    if kind == SessionKind.CONCILIATION and petition_date is not None:
        raise InvalidInput(_("a conciliation session has no petition; leave it out"), field="petition_date")
    court = known_court(store, court, new_court)
    check_hearing(store, case, starts_at, petition_date, today)
    if kind == SessionKind.CONCILIATION:
        store.court.add_conciliation(case, starts_at, court, (room or "").strip() or None, claimed,
                                     (proposal or "").strip() or None)
        return None
    moved_from = None
    if case.track != Track.OGP:
        moved_from = Track(case.track)
        store.cases.change_track(case, Track.OGP, max(petition_date or today, case.intake_date))
    store.court.add_hearing(case, starts_at, court, (room or "").strip() or None, petition_date, claimed,
                            (proposal or "").strip() or None)
    return moved_from


def court_key(name: str) -> str:
    """A court's name compared without case, accents or punctuation (as `case find` compares words)."""
    return " ".join(words(name))


def court_match(typed: str, courts: list[tuple[str, int]]) -> tuple[str | None, str | None]:
    """(the known court that `typed` names, a known court one typo away from it), each None if there is none.

    `courts` holds each name on record with how often it is used: of names that differ only in case or
    accents (data from before courts were matched), the one used most is the court's name."""
    key = court_key(typed)
    ranked = sorted(courts, key=lambda court: -court[1])
    same = next((name for name, _count in ranked if court_key(name) == key), None)
    if same is not None or len(key.replace(" ", "")) < TYPO_MIN_LENGTH:
        return same, None
    near = next((name for name, _count in ranked if _one_typo_apart(court_key(name), key)), None)
    return None, near


def _one_typo_apart(known: str, typed: str) -> bool:
    """Whether two court names differ by one typo; a canton's number is no typo (Antwerpen 1 is not Antwerpen 4)."""
    if digits(known) != digits(typed):
        return False
    return within_one_typo(known, typed) or within_one_typo(known.replace(" ", ""), typed.replace(" ", ""))


def known_court(store: Storage, typed: str, new_court: bool = False) -> str:
    """The court a worker typed, as it is on record; a new name close to a known court is refused unless
    `new_court` says it is a new court (on a terminal, the command offers the known one first)."""
    typed = typed.strip()
    same, near = court_match(typed, [(row.court, row.hearings) for row in store.court.courts()])
    if same is not None:
        return same
    if near is not None and not new_court:
        raise RuleViolation(_("{typed} is close to the known court {known}; give that name, or add "
                              "{field:new_court} if it is another court").format(typed=quoted(typed), known=quoted(near),
                                                                                  field=FIELD),
                            field="court")
    return typed


def merge_courts(store: Storage, old: str, new: str) -> tuple[str, str, int]:
    """Every session at the court named `old` moves to `new` (one court written two ways); (old, new, how many
    sessions on record moved)."""
    old, new = old.strip(), new.strip()
    counted = {row.court: row.hearings for row in store.court.courts()}
    if old not in counted:
        raise NotFound(_("no hearing names the court {court}; 'huurbeg hearing courts' lists the courts as "
                         "they are written").format(court=quoted(old)), field="merge")
    if new == old:
        raise InvalidInput(_("name another court than {field:merge}"), field="into")
    store.court.rename_court(old, new)
    return old, new, counted[old]


def result_of(kind: str, typed: str | StrEnum) -> StrEnum:
    """The outcome `typed` (a slug or a Dutch name) as one of a session of this kind; a hearing's outcome on a
    conciliation, or a conciliation's on a hearing, is refused naming the outcomes that session has."""
    text = typed.value if isinstance(typed, StrEnum) else typed
    try:
        return parse_code(RESULTS[kind], text, RESULT_NAMES[kind])
    except ValueError:
        pass
    if kind == SessionKind.CONCILIATION:
        raise InvalidInput(_("{value} is an outcome of a hearing; a conciliation session ends in one of: "
                             "{names}").format(value=quoted(text), names=choices(ConciliationResult)), field="result")
    raise InvalidInput(_("{value} is an outcome of a conciliation session; a hearing ends in one of: "
                         "{names}").format(value=quoted(text), names=choices(HearingResult)), field="result")


def parse_result(text: str) -> str:
    """An outcome of a hearing or of a conciliation, as typed: which of the two it must be is known once the
    case's pending session is (huurbeg.domain.hearings.result_of). ValueError listing both when it is neither."""
    for kind, enum in RESULTS.items():
        try:
            parse_code(enum, text, RESULT_NAMES[kind])
            return text.strip()
        except ValueError:
            continue
    raise ValueError(_("{value} is not an outcome; of a hearing: {hearing}; of a conciliation session: "
                       "{conciliation}").format(value=quoted(text), hearing=choices(HearingResult),
                                                conciliation=choices(ConciliationResult)))


def check_hearing(store: Storage, case, starts_at: datetime, petition_date: date | None, today: date,
                  hearing=None) -> None:
    """The rules of a hearing's dates: after its petition, not a year before registration, not twice."""
    check_hearing_date(starts_at.date(), case.intake_date)
    if petition_date is not None:
        check_not_future(petition_date, today, "petition_date")
        if starts_at.date() < petition_date:
            raise InvalidInput(_("the hearing cannot be before the petition date"), field="date")
    if any(h.starts_at == starts_at and (hearing is None or h.id != hearing.id) for h in store.court.hearings(case)):
        raise RuleViolation(_("case {number} already has a hearing on {date:%d/%m/%Y} at {time:%H:%M}")
                            .format(number=case.number, date=starts_at, time=starts_at), field="date")


def check_awaiting_outcome(store: Storage, number: str) -> None:
    """Refused unless case `number` has a hearing still to have an outcome."""
    awaiting_outcome(store, store.cases.case(number))


def awaiting_outcome(store: Storage, case) -> Record:
    """The earliest hearing of a case without an outcome."""
    hearings = store.court.hearings(case)
    if not hearings:
        raise NotFound(_("case {number} has no hearing; record one with 'huurbeg hearing add'")
                       .format(number=case.number))
    pending = [h for h in hearings if h.result is None]
    if not pending:
        raise RuleViolation(_("every hearing of case {number} already has an outcome").format(number=case.number))
    return pending[0]


def record_outcome(store: Storage, number: str, result: StrEnum | str, new_date: datetime | None,
                   eviction: date | None, proposal: str | None, today: date) -> None:
    """The outcome of the case's pending hearing (or conciliation); a postponement adds the new hearing."""
    case, hearing, held_on, outcome = check_outcome(store, number, result, new_date, eviction, today)
    store.court.record_outcome(case, hearing, outcome.value, held_on, eviction, proposal)
    if outcome == HearingResult.POSTPONED:
        assert new_date is not None  # check_outcome asks a postponement for its new date
        store.court.add_hearing(case, new_date, hearing.court, hearing.room, hearing.petition_date,
                                hearing.claimed_cents, proposal if proposal is not None else hearing.proposal,
                                postponed_from=hearing)


def check_outcome(store: Storage, number: str, result: StrEnum | str, new_date: datetime | None,
                  eviction: date | None, today: date):
    """(case, its pending hearing, the outcome's date, the outcome as a code of that session's kind), or the
    reason this outcome cannot be recorded."""
    case = store.cases.case(number)
    check_open(case.status, number)
    hearing = awaiting_outcome(store, case)
    result = result_of(hearing.kind, result)
    held_on = hearing.starts_at.date()
    if held_on > today and hearing.kind == SessionKind.CONCILIATION:
        if result not in KNOWN_IN_ADVANCE:
            raise RuleViolation(_("the conciliation session of {held_on:%d/%m/%Y} is still to come; record its "
                                  "outcome afterwards (only {withdrawn} may be recorded before it)")
                                .format(held_on=held_on, withdrawn=shown(ConciliationResult.WITHDRAWN)))
        held_on = today
    elif held_on > today:
        if result not in KNOWN_IN_ADVANCE:
            withdrawn, postponed = shown(HearingResult.WITHDRAWN), shown(HearingResult.POSTPONED)
            raise RuleViolation(_("the hearing of {held_on:%d/%m/%Y} is still to come; record its outcome "
                                  "afterwards (only {withdrawn} or {postponed} may be recorded before it)")
                                .format(held_on=held_on, withdrawn=withdrawn, postponed=postponed))
        held_on = today  # withdrawn or postponed before the day: the outcome is dated when it became known
    if result == HearingResult.POSTPONED:
        if new_date is None:
            raise InvalidInput(_("required for a postponed hearing ('dd/mm/yyyy HH:MM')"), field="new_date")
        if new_date <= hearing.starts_at:
            raise InvalidInput(_("must come after the postponed hearing"), field="new_date")
        if any(h.starts_at == new_date for h in store.court.hearings(case)):
            raise RuleViolation(_("case {number} already has a hearing on {date:%d/%m/%Y} at "
                                  "{time:%H:%M}").format(number=number, date=new_date, time=new_date), field="new_date")
    elif new_date is not None:
        raise InvalidInput(_("only for {field:result} postponed"), field="new_date")
    if result == HearingResult.DISSOLVED:
        if eviction is not None and eviction < held_on:
            raise InvalidInput(_("cannot be before the hearing"), field="eviction_date")
    elif eviction is not None:
        raise InvalidInput(_("only for {field:result} dissolved"), field="eviction_date")
    return case, hearing, held_on, result


def roll(store: Storage, first: date, days: int, court: str | None, worker: str | None = None,
         removed: bool = False) -> list[dict]:
    """The hearings (of one worker's cases) from `first` for `days` days: who, where, whether the household is ready.
    With `removed`, also those a worker withdrew (`hearing remove`), marked so, for a calendar to cancel."""
    start = datetime.combine(first, time())
    rows = store.court.roll(start, start + timedelta(days=days), court, worker, removed)
    instalments, payments = store.follow_up.active_plan_lines(list({row[1] for row in rows}))
    result = []
    for hearing, case_id, number, tenant, landlord, last_contact, last_reached in rows:
        notified = hearing.petition_date or hearing.created_at.date()
        plan = instalments.get(case_id)
        result.append({
            "case": number, "kind": hearing.kind, "starts_at": hearing.starts_at, "court": hearing.court,
            "room": hearing.room,
            "tenant": tenant, "landlord": landlord,
            "claimed": Cents(hearing.claimed_cents) if hearing.claimed_cents is not None else None,
            "plan": standing("active", payment_plan.states(plan, payments.get(case_id, []), first), first)
            if plan else None,
            "last_contact": last_contact, "last_reached": last_reached,
            "prepared": bool(last_reached and last_reached >= notified),
            "result": hearing.result, "uid": hearing.uid, "sequence": hearing.sequence,
            "petition_date": hearing.petition_date, "removed": hearing.removed_at is not None,
        })
    return result


def evictions(store: Storage, first: date, days: int, worker: str | None = None) -> list[dict]:
    """The bailiff's announced evictions from `first` for `days` days, as calendar events named by the case number
    alone: one withdrawn (`hearing eviction-remove`), whose result is recorded, or of a closed case is there as
    cancelled, so that a subscribed calendar drops it."""
    events = []
    for row in store.court.evictions(first, first + timedelta(days=days), worker):
        cancelled = not row["stands"]
        events.append({"kind": "eviction", "case": row["case"], "day": row["day"], "time": row["time"],
                       "uid": f"eviction-{row['id']}", "sequence": row["revisions"], "cancelled": cancelled,
                       "result": row["result"]})
    return events


def brief(store: Storage, number: str, today: date) -> dict:
    """One screen for the courtroom: the household, the money, what was agreed and done, the proposal."""
    case = store.cases.case(number)
    hearings = store.court.hearings(case)
    if not hearings:
        raise NotFound(_("case {number} has no hearing; record one with 'huurbeg hearing add'").format(number=number))
    pending = [h for h in hearings if h.result is None]
    current = pending[0] if pending else hearings[-1]
    notified = current.petition_date or current.created_at.date()
    household, landlord = store.cases.household(case), store.cases.landlord(case)
    plan = plan_view(store, number, today) if store.follow_up.latest_plan(case) else None
    contacts = [c for c, _ in store.follow_up.contacts(case, notified)]
    return {
        "case": number, "tenant": household.name, "adults": household.adults, "children": household.children,
        "landlord": {"name": landlord.name, "type": landlord.kind} if landlord else None,
        "hearing": _hearing(current), "petition_date": current.petition_date,
        "claimed": Cents(current.claimed_cents) if current.claimed_cents is not None else None,
        "payment_plan": {key: plan[key] for key in ("standing", "arrears", "instalment", "paid", "balance",
                                                       "paid_late", "most_days_late")}
        if plan else None,
        "fbu_agreement": fbu_summary(store.follow_up.fbu_agreement(case)),
        "agreements": [{"id": a.id, "party": a.party, "text": a.text, "due": a.due_date, "done": a.done_date,
                        "kept": agreement_kept(a.due_date, a.done_date, today)}
                       for a in store.follow_up.agreements(case)],
        "contacts_since_petition": [{"date": c.date, "kind": c.kind, "minutes": c.minutes, "reached": c.reached}
                                    for c in contacts],
        "prepared": any(c.reached for c in contacts),
        "referrals": [{"date": r.date, "to": r.destination, "outcome": r.outcome}
                      for r in store.housing.referrals(case)],
        "earlier_hearings": [_hearing(h) for h in hearings if h.id != current.id],
        "proposal": current.proposal,
        "clock": clock(current.starts_at if current.result is None else None,
                       after_judgment(store.court.judgment(case)), today),
    }


def _hearing(hearing) -> dict:
    return {"kind": hearing.kind, "starts_at": hearing.starts_at, "court": hearing.court, "room": hearing.room,
            "result": hearing.result, "eviction_date": hearing.eviction_date}


def agreement_kept(due: date, done: date | None, today: date) -> str:
    """kept, kept late, not kept (past due) or open."""
    if done is not None:
        return "kept" if done <= due else "kept late"
    return "not kept" if today > due else "open"


# --- after the judgment: its service, the bailiff's date, what happened ------------------------------

def judgment_of(store: "Storage", case):
    """The judgment that dissolved the case's lease, or why there is none to follow."""
    judgment = store.court.judgment(case)
    if judgment is None:
        raise RuleViolation(_("case {number} has no judgment that dissolved the lease").format(number=case.number),
                            hint="record_dissolution", number=case.number)
    return judgment


def _followed(store: "Storage", number: str):
    case = store.cases.case(number)
    check_open(case.status, number)
    return case, judgment_of(store, case)


def record_served(store: "Storage", number: str, served: date, term_days: int | None, today: date,
                  correct: bool = False) -> date:
    """The day the judgment was served on the tenant (betekening); returns the earliest eviction date it gives.
    With `correct`, the service recorded before is replaced."""
    case, judgment = _followed(store, number)
    if judgment.served_date is not None and not correct:
        raise RuleViolation(_("the judgment of case {number} was already served on {served:%d/%m/%Y}; "
                              "'{field:correct}' replaces that date, 'huurbeg hearing served-remove' withdraws it")
                            .format(number=number, served=judgment.served_date, field=FIELD), field="date")
    if judgment.served_date is None and correct:
        raise RuleViolation(_("the judgment of case {number} has no service recorded yet; record it "
                              "without {field:correct}").format(number=number, field=FIELD), field="correct")
    check_not_future(served, today)
    if served < judgment.result_date:
        raise InvalidInput(_("the judgment was given on {judged:%d/%m/%Y}; it cannot be served before")
                           .format(judged=judgment.result_date), field="date")
    check_term_days(term_days)
    earliest = earliest_eviction(served, term_days)
    if judgment.eviction_date is not None and judgment.eviction_date < earliest:
        raise RuleViolation(_("the eviction recorded for {eviction:%d/%m/%Y} would come before the earliest "
                              "eviction date this service gives ({earliest:%d/%m/%Y}); correct the eviction first")
                            .format(eviction=judgment.eviction_date, earliest=earliest), field="date")
    store.court.record_served(case, judgment, served, term_days)
    return earliest


def record_eviction(store: "Storage", number: str, at: datetime, announced: date, today: date, correct: bool = False) -> bool:
    """The bailiff's announced eviction; returns whether it was announced less than five working days ahead."""
    case, judgment = _followed(store, number)
    if judgment.eviction_result is not None:
        raise RuleViolation(_("the eviction of case {number} is over ({result}); withdraw that first with 'huurbeg "
                              "hearing eviction-remove'").format(
            number=number, result=shown(EvictionResult(judgment.eviction_result))))
    if judgment.eviction_date is not None and not correct:
        raise RuleViolation(_("case {number} already has an eviction announced for {eviction:%d/%m/%Y}; "
                              "'{field:correct}' replaces it").format(number=number, eviction=judgment.eviction_date,
                                                                     field=FIELD),
                            field="date")
    if judgment.served_date is None:
        raise RuleViolation(_("the judgment of case {number} has no service recorded").format(number=number),
                            field="date", hint="record_service", number=number)
    check_not_future(announced, today, "announced")
    if announced < judgment.served_date:
        raise InvalidInput(_("cannot be before the judgment was served ({served:%d/%m/%Y})")
                           .format(served=judgment.served_date), field="announced")
    earliest = earliest_eviction(judgment.served_date, judgment.term_days)
    if at.date() < earliest:
        raise InvalidInput(_("no eviction before {earliest:%d/%m/%Y}, the earliest date after the judgment "
                             "was served on {served:%d/%m/%Y}").format(earliest=earliest,
                                                                      served=judgment.served_date), field="date")
    if at.date() < announced:
        raise InvalidInput(_("cannot be after the eviction"), field="announced")
    store.court.record_eviction(case, judgment, at.date(), f"{at:%H:%M}", announced)
    return short_notice(announced, at.date())


def record_eviction_result(store: "Storage", number: str, result: EvictionResult, today: date, correct: bool = False) -> date:
    """What happened on the announced eviction; returns the date it is recorded with (a carried-out eviction's own
    day, else today)."""
    case, judgment = _followed(store, number)
    if judgment.eviction_date is None:
        raise RuleViolation(_("case {number} has no announced eviction").format(number=number),
                            field="result", hint="record_eviction", number=number)
    if judgment.eviction_result is not None and not correct:
        raise RuleViolation(_("the eviction of case {number} is already recorded as {result}; "
                              "'{field:correct}' replaces it").format(
            number=number, result=shown(EvictionResult(judgment.eviction_result)), field=FIELD), field="result")
    if judgment.eviction_result is None and correct:
        raise RuleViolation(_("the eviction of case {number} has no result recorded yet; record it "
                              "without {field:correct}").format(number=number, field=FIELD), field="correct")
    when = today
    if result == EvictionResult.CARRIED_OUT:
        if judgment.eviction_date > today:
            raise InvalidInput(_("the eviction is announced for {eviction:%d/%m/%Y}, still to come")
                               .format(eviction=judgment.eviction_date), field="result")
        when = judgment.eviction_date
    store.court.record_eviction_result(case, judgment, result.value, when)
    return when


def withdraw_served(store: "Storage", number: str, reason: str | None) -> date:
    """Withdraw the service recorded by mistake; returns its date."""
    reason = check_reason(reason)
    case, judgment = _followed(store, number)
    if judgment.served_date is None:
        raise RuleViolation(_("the judgment of case {number} has no service recorded; nothing to withdraw")
                            .format(number=number))
    if judgment.eviction_date is not None and judgment.eviction_announced is not None:
        raise RuleViolation(_("case {number} has an eviction announced after this service; withdraw it first with "
                              "'huurbeg hearing eviction-remove'").format(number=number))
    store.court.withdraw_served(case, judgment, reason)
    return judgment.served_date


def withdraw_eviction(store: "Storage", number: str, reason: str | None) -> tuple[str, object]:
    """Withdraw the last step of the eviction recorded by mistake: what happened, else the announced date.
    Returns ('result', the result withdrawn) or ('date', the date withdrawn)."""
    reason = check_reason(reason)
    case, judgment = _followed(store, number)
    if judgment.eviction_result is not None:
        store.court.withdraw_eviction_result(case, judgment, reason)
        return "result", EvictionResult(judgment.eviction_result)
    if judgment.eviction_date is None:
        raise RuleViolation(_("case {number} has no eviction recorded; nothing to withdraw").format(number=number))
    store.court.withdraw_eviction(case, judgment, reason)
    return "date", judgment.eviction_date


def after_judgment(judgment) -> dict | None:
    """Where a dissolved lease stands: the judgment, its service, the earliest and the announced eviction, what
    happened."""
    if judgment is None:
        return None
    served = judgment.served_date
    eviction = datetime.combine(judgment.eviction_date, time.fromisoformat(judgment.eviction_time)) \
        if judgment.eviction_date and judgment.eviction_time else judgment.eviction_date
    return {"judgment_date": judgment.result_date, "served": served, "term_days": judgment.term_days,
            "earliest_eviction": earliest_eviction(served, judgment.term_days) if served else None,
            "eviction": eviction, "eviction_announced": judgment.eviction_announced,
            "eviction_result": judgment.eviction_result, "eviction_result_date": judgment.eviction_result_date}


def court_section(store: "Storage", case) -> dict | None:
    """The court in the dossier: the next hearing, the last outcome, and after a judgment its service, the earliest
    and the announced eviction and what happened; None for a case that never had a hearing."""
    hearings = store.court.hearings(case)
    if not hearings:
        return None
    pending = [h for h in hearings if h.result is None]
    decided = [h for h in hearings if h.result is not None]
    last = max(decided, key=lambda h: (h.result_date, h.starts_at, h.id)) if decided else None
    after = after_judgment(store.court.judgment(case)) or dict.fromkeys(AFTER_JUDGMENT_KEYS)
    # a pending conciliation is the case's next session too: its kind says which of the two it is
    return {"next_hearing": {"kind": pending[0].kind, "starts_at": pending[0].starts_at, "court": pending[0].court,
                             "room": pending[0].room} if pending else None,
            "last_outcome": {"kind": last.kind, "result": last.result, "date": last.result_date,
                             "hearing": last.starts_at} if last else None} | after


AFTER_JUDGMENT_KEYS = ("judgment_date", "served", "term_days", "earliest_eviction", "eviction", "eviction_announced",
                       "eviction_result", "eviction_result_date")


def clock(hearing_at: datetime | None, after: dict | None, today: date) -> dict:
    """The procedure's clock: days to the hearing; after a judgment, days to the earliest and to the announced
    eviction, until what happened is recorded."""
    running = after is not None and after["eviction_result"] is None
    judged: dict = after if after is not None and running else {}
    earliest = judged["earliest_eviction"] if running else None
    eviction = judged["eviction"] if running else None
    eviction_day = eviction.date() if isinstance(eviction, datetime) else eviction
    return {"hearing": hearing_at, "days_to_hearing": (hearing_at.date() - today).days if hearing_at else None,
            "judgment_date": judged["judgment_date"] if running else None,
            "served": judged["served"] if running else None,
            "earliest_eviction": earliest,
            "days_to_earliest_eviction": (earliest - today).days if earliest else None,
            "eviction": eviction, "days_to_eviction": (eviction_day - today).days if eviction_day else None}
