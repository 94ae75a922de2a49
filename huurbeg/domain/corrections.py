"""Correcting and withdrawing the records a worker typed: contacts, payments, agreements, hearings,
stays and referrals.

A correction (`edit`) checks the new values with the same rules as when the record was
made. A withdrawal (`remove --reason`, `transfer undo`) keeps the record in the database,
marked as removed, so that it leaves every view, warning and figure; the history keeps
who did it, when and why, and never the removed text. Nothing is corrected on a closed
case (reopen it first), and an id of another case is unknown here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from huurbeg.domain.casework import check_date_after_intake, check_not_future, check_open, check_reason
from huurbeg.core.codes import Track
from huurbeg.core.errors import InvalidInput, NotFound, RuleViolation
from huurbeg.domain.followup import check_payment, fbu_agreement_of
from huurbeg.domain.hearings import awaiting_outcome, check_hearing
from huurbeg.domain.rules import check_contact_minutes
from huurbeg.core.text import blank
from huurbeg.domain.transfers import TRACK_OF, crisis_end
from huurbeg.core.i18n import N_, _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Area, Storage


LISTED_BY = {"contact": "huurbeg visit list {case}", "payment": "huurbeg plan show {case}",
             "agreement": "huurbeg case show {case}", "referral": "huurbeg refer list {case}",
             "attachment": "huurbeg case files {case}"}
"""The command that lists the ids of each kind of record."""
AREA_OF = {"contact": "follow_up", "payment": "follow_up", "agreement": "follow_up", "fbu": "follow_up",
           "hearing": "court", "stay": "housing", "referral": "housing", "attachment": "attachments"}
"""The area of the store each kind of record belongs to."""


def _area(store: Storage, kind: str) -> Area:
    return getattr(store, AREA_OF[kind])


def _open_case(store: Storage, number: str):
    case = store.cases.case(number)
    check_open(case.status, number)
    return case


def _record(store: Storage, case, kind: str, record_id: int):
    found = _area(store, kind).record_of(kind, case, record_id)
    if found is None:
        raise NotFound(_(NOT_FOUND[kind]).format(number=case.number, record_id=record_id,
                                                 listing=LISTED_BY[kind].format(case=case.number)))
    return found


def check_record(store: Storage, number: str, kind: str, record_id: int) -> None:
    """Refused when case `number` has no `kind` record `record_id` (withdrawn ones included, as their commands say
    it): checked before a question about it is asked."""
    _record(store, store.cases.case(number), kind, record_id)


RECORD_KINDS = ("contact", "payment", "agreement", "referral", "attachment")
"""The records a command names by their number (`contact_id`, ...)."""


NOT_FOUND = {"contact": N_("ID: case {number} has no contact {record_id}; '{listing}' lists them"),
             "payment": N_("ID: case {number} has no payment {record_id}; '{listing}' lists them"),
             "agreement": N_("ID: case {number} has no agreement {record_id}; '{listing}' lists them"),
             "referral": N_("ID: case {number} has no referral {record_id}; '{listing}' lists them"),
             "attachment": N_("ID: case {number} has no document {record_id}; '{listing}' lists them")}
LABELS = {
    "contact": lambda r: f"contact {r.id} ({r.kind}, {r.date.isoformat()})",
    "payment": lambda r: f"payment {r.id} (dated {r.date.isoformat()})",
    "agreement": lambda r: f"agreement {r.id} ({r.party}, due {r.due_date.isoformat()})",
    "referral": lambda r: f"referral {r.id} (to {r.destination}, {r.date.isoformat()})",
    "fbu": lambda r: f"FBU agreement {r.id} (signed {r.signed_date.isoformat()})",
    "attachment": lambda r: f"document {r.id} ({r.kind}, {r.date.isoformat()})",
}
"""How the history names a withdrawn record: its kind, number, codes and dates; never its text."""


def _withdraw(store: Storage, number: str, kind: str, record_id: int, reason: str | None):
    """Withdraw one record of an open case; returns (case, record)."""
    reason = check_reason(reason)
    case = _open_case(store, number)
    record = _record(store, case, kind, record_id)
    _area(store, kind).remove(case, kind, record, LABELS[kind](record), reason)
    return case, record


def _correct(store: Storage, case, record, given: dict, fields: dict[str, str], kind: str) -> list[str]:
    """Write the changed fields (checked by the caller); returns their names for the message."""
    names = [fields[name] for name in fields if name in given]
    _area(store, kind).correct(case, kind, record, given, f"{kind} {record.id}", names)
    return names


def _changes(record, given: dict) -> dict:
    """The given values that differ from the record's; refused when there are none."""
    changed = {name: value for name, value in given.items() if getattr(record, name) != value}
    if not changed:
        raise InvalidInput(_("nothing to change: every value given is the record's current one"))
    return changed


# --- contacts ----------------------------------------------------------------------

CONTACT_FIELDS = {"date": "date", "kind": "kind", "minutes": "minutes", "note": "note", "next_planned": "next contact",
                  "reached": "reached"}


def edit_contact(store: Storage, number: str, contact_id: int, given: dict, today: date) -> list[str]:
    """Correct a contact; `given` maps Contact fields to new values (note "" clears it)."""
    case = _open_case(store, number)
    contact = _record(store, case, "contact", contact_id)
    if "note" in given:
        given["note"] = (given["note"] or "").strip() or None
    changed = _changes(contact, given)
    after = {name: changed.get(name, getattr(contact, name)) for name in CONTACT_FIELDS}
    check_not_future(after["date"], today)
    check_date_after_intake(after["date"], case.intake_date)
    check_contact_minutes(after["minutes"])
    if after["next_planned"] is not None and after["next_planned"] <= after["date"]:
        raise InvalidInput(_("the next contact must come after this one"), field="next")
    planned = contact.next_planned
    names = _correct(store, case, contact, changed, CONTACT_FIELDS, "contact")
    if planned is not None and "next_planned" in changed and changed["next_planned"] is None:
        store.follow_up.record_plan_cleared(case, contact.id, planned)  # the calendar feed cancels its event
    return names


def remove_contact(store: Storage, number: str, contact_id: int, reason: str | None) -> None:
    _withdraw(store, number, "contact", contact_id, reason)


def remove_attachment(store: Storage, number: str, attachment_id: int, reason: str | None) -> None:
    """Withdraw a document attached by mistake; like every record it stays until its case is purged."""
    _withdraw(store, number, "attachment", attachment_id, reason)


# --- payments and agreements of a plan -----------------------------------------------

def remove_payment(store: Storage, number: str, payment_id: int, reason: str | None) -> bool:
    """Withdraw a payment; returns whether its plan, paid off by it, is active again."""
    case, payment = _withdraw(store, number, "payment", payment_id, reason)
    return store.follow_up.reactivate_plan(case, store.follow_up.plan_of(payment))


PAYMENT_FIELDS = {"amount_cents": "amount", "date": "date"}


def edit_payment(store: Storage, number: str, payment_id: int, given: dict,
                 today: date) -> tuple[list[str], str | None]:
    """Correct a payment's amount or date with the rules of `plan pay`; returns the fields changed and the plan's
    new state when the correction changed it ('completed': paid off now; 'active': open again)."""
    case = _open_case(store, number)
    payment = _record(store, case, "payment", payment_id)
    changed = _changes(payment, given)
    after = {name: changed.get(name, getattr(payment, name)) for name in PAYMENT_FIELDS}
    plan = store.follow_up.plan_of(payment)
    remaining = check_payment(store, case, plan, after["amount_cents"], after["date"], today,
                              replacing=payment.amount_cents)
    names = _correct(store, case, payment, changed, PAYMENT_FIELDS, "payment")
    if after["amount_cents"] == remaining and plan.status == "active":
        store.follow_up.end_plan(case, plan, "completed")
        return names, "completed"
    if after["amount_cents"] < remaining and store.follow_up.reactivate_plan(case, plan):
        return names, "active"
    return names, None


AGREEMENT_FIELDS = {"text": "text", "due_date": "due date", "party": "party", "done_date": "done"}


def edit_agreement(store: Storage, number: str, agreement_id: int, given: dict, today: date) -> list[str]:
    case = _open_case(store, number)
    agreement = _record(store, case, "agreement", agreement_id)
    if "text" in given:
        given["text"] = (given["text"] or "").strip()
        if blank(given["text"]):
            raise InvalidInput(_("say what was agreed"), field="text")
    changed = _changes(agreement, given)
    if "due_date" in changed:
        check_date_after_intake(changed["due_date"], case.intake_date, "due")
    if changed.get("done_date") is not None:
        check_not_future(changed["done_date"], today, "done")
        check_date_after_intake(changed["done_date"], case.intake_date, "done")
    return _correct(store, case, agreement, changed, AGREEMENT_FIELDS, "agreement")


def remove_agreement(store: Storage, number: str, agreement_id: int, reason: str | None) -> None:
    _withdraw(store, number, "agreement", agreement_id, reason)


def remove_fbu_agreement(store: Storage, number: str, reason: str | None) -> int:
    """Withdraw the case's FBU agreement recorded by mistake; its payment plan stays. Returns its number."""
    check_reason(reason)
    agreement = fbu_agreement_of(store, _open_case(store, number))
    _withdraw(store, number, "fbu", agreement.id, reason)
    return agreement.id


# --- consent -----------------------------------------------------------------------------------

def remove_consent(store: Storage, number: str, parties: list, reason: str | None) -> None:
    """Withdraw a consent recorded by mistake (support may not start without it on PW); the history keeps it."""
    reason = check_reason(reason)
    case = _open_case(store, number)
    recorded = store.cases.consents(case)
    for party in parties:
        if party not in recorded:
            raise NotFound(_("case {number} has no consent of the {party} recorded; 'huurbeg case show {number}' "
                             "shows it").format(number=number, party=_(PARTY_WORDS[party])))
    for party in parties:
        store.cases.remove_consent(case, party, reason)


PARTY_WORDS = {"tenant": N_("tenant"), "landlord": N_("landlord")}


# --- the pending hearing -----------------------------------------------------------------

HEARING_FIELDS = {"starts_at": "date", "court": "court", "room": "room", "petition_date": "petition date",
                  "claimed_cents": "claimed", "proposal": "proposal"}


def edit_hearing(store: Storage, number: str, given: dict, today: date) -> list[str]:
    """Correct the pending hearing; the proposal can be added or changed until the outcome."""
    case = _open_case(store, number)
    hearing = awaiting_outcome(store, case)
    for name in ("court", "room", "proposal"):
        if name in given:
            given[name] = None if blank(given[name]) else given[name].strip()
    if "court" in given and not given["court"]:
        raise InvalidInput(_("name the court, e.g. 'Vredegerecht Mechelen'"), field="court")
    changed = _changes(hearing, given)
    after = {name: changed.get(name, getattr(hearing, name)) for name in HEARING_FIELDS}
    check_hearing(store, case, after["starts_at"], after["petition_date"], today, hearing)
    return _correct(store, case, hearing, changed, HEARING_FIELDS, "hearing")


def remove_hearing(store: Storage, number: str, reason: str | None):
    """Withdraw the pending hearing (entered twice, or on the wrong case); returns it, and the track the case is
    back on when the hearing had moved it to OGP (huurbeg.domain.hearings.add_hearing) and was its only one."""
    reason = check_reason(reason)
    case = _open_case(store, number)
    hearing = awaiting_outcome(store, case)
    moved = _moved_by(store, case, hearing)
    store.court.remove(case, "hearing", hearing, f"hearing {hearing.id} ({hearing.starts_at:%Y-%m-%d %H:%M})",
                       reason)
    if moved is None:
        return hearing, None
    store.cases.withdraw_track_change(case, moved, hearing.id)
    return hearing, Track(moved.from_track)


def _moved_by(store: Storage, case, hearing):
    """The move to OGP that recording `hearing` made, if it is the case's last move and the case has no other
    hearing: a hearing entered on the wrong case takes its move with it when withdrawn."""
    changes = store.cases.track_changes(case)
    if len(changes) < 2 or changes[-1].to_track != Track.OGP or changes[-1].from_track is None:
        return None
    others = [h for h in store.court.hearings(case) if h.id != hearing.id]
    made_with = abs((changes[-1].created_at - hearing.created_at).total_seconds()) < 5
    return changes[-1] if made_with and not others else None


def withdraw_outcome(store: Storage, number: str, reason: str | None):
    """Withdraw the outcome recorded last on the case's hearings (entered by mistake): the hearing awaits
    its outcome again, and a postponement's new hearing, while it has no outcome of its own, goes with it.
    Returns (the hearing, its withdrawn result, the new hearing withdrawn or None)."""
    reason = check_reason(reason)
    case = _open_case(store, number)
    hearings = store.court.hearings(case)
    decided = [h for h in hearings if h.result is not None]
    if not decided:
        raise RuleViolation(_("no hearing of case {number} has an outcome; nothing to withdraw")
                            .format(number=number))
    hearing = max(decided, key=lambda h: (h.result_date, h.starts_at, h.id))
    if hearing.served_date is not None or hearing.eviction_result is not None:
        raise RuleViolation(_("the judgment of case {number} is followed after the court day; withdraw its service "
                              "and eviction first ('huurbeg hearing eviction-remove', 'huurbeg hearing "
                              "served-remove')").format(number=number))
    follow_up = next((h for h in hearings if h.postponed_from_id == hearing.id), None)
    if follow_up is not None and follow_up.result is not None:  # not reached: the later outcome is the last
        follow_up = None
    result = hearing.result
    store.court.withdraw_outcome(case, hearing, follow_up, reason)
    return hearing, result, follow_up


# --- an admission entered by mistake --------------------------------------------------------

def undo_transfer(store: Storage, number: str, reason: str | None) -> tuple[str, object]:
    """Withdraw the last step of the household's latest stay, entered by mistake: its move out (it lives in the
    dwelling again), else a crisis extension (the stay ends four months earlier), else the admission itself
    with the track change it made. Returns what was undone ('out', 'extension' or 'admission') and, in turn,
    the dwelling's code, the stay's end, or the track the case is back on (None when it did not move)."""
    reason = check_reason(reason)
    case = _open_case(store, number)
    stay = store.housing.latest_stay(case)
    if stay is None:
        raise RuleViolation(_("case {number} does not live in one of the service's dwellings; nothing to undo")
                            .format(number=number))
    dwelling = store.housing.dwelling_of(stay)
    if stay.left_date is not None:
        if store.housing.stay_overlapping(dwelling, stay.left_date) is not None:
            raise RuleViolation(_("{code} has housed another household since; the move out of case {number} "
                                  "stays").format(code=dwelling.code, number=number))
        store.housing.undo_leave(case, stay, reason)
        return "out", dwelling.code
    if stay.extensions:
        end = crisis_end(stay.start_date, stay.extensions - 1)
        store.housing.undo_extension(case, stay, end, reason)
        return "extension", end
    return "admission", store.housing.undo_stay(case, stay, TRACK_OF[dwelling.kind], reason)


# --- referrals -------------------------------------------------------------------------------

def remove_referral(store: Storage, number: str, referral_id: int, reason: str | None) -> None:
    _withdraw(store, number, "referral", referral_id, reason)
