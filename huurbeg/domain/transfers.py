"""Transitional and crisis dwellings (doorstroomwoningen, crisiswoningen), and referrals (doorverwijzingen).

A dwelling houses one household at a time. Admission moves the case to the `dw`
or `crisis` track. A crisis stay lasts four months and can be extended once by
four months; a transitional stay lasts until the household can hold a regular
tenancy, with an optional planned end or review date. Moving out records the
destination (the figures count moves to the regular market) and frees the dwelling.
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta
from typing import TYPE_CHECKING

from huurbeg.domain.casework import check_date_after_intake, check_not_future, check_open
from huurbeg.core.codes import Destination, DwellingKind, Outcome, ReferralDestination, ReferralOutcome, Track
from huurbeg.core.errors import InvalidInput, NotFound, RuleViolation
from huurbeg.core.text import blank, short
from huurbeg.domain.rules import CRISIS_MAX_EXTENSIONS, CRISIS_STAY_MONTHS
from huurbeg.core.i18n import N_, _

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


TRACK_OF = {DwellingKind.TRANSIT: Track.DW, DwellingKind.CRISIS: Track.CRISIS}
OUTCOME_OF = {Destination.REGULAR_MARKET: Outcome.REGULAR_MARKET, Destination.SOCIAL_HOUSING: Outcome.MOVED_OUT,
              Destination.FAMILY: Outcome.MOVED_OUT, Destination.INSTITUTION: Outcome.MOVED_OUT,
              Destination.HOMELESS: Outcome.OTHER, Destination.OTHER: Outcome.OTHER}
"""The closing outcome offered for each destination of a household leaving a dwelling."""
EXTENSION_RULE = N_("a crisis stay lasts {months} months and can be extended once by {months} months")
"""The rule of CRISIS_STAY_MONTHS and CRISIS_MAX_EXTENSIONS (one), in words."""


def extension_rule() -> str:
    return _(EXTENSION_RULE).format(months=CRISIS_STAY_MONTHS)


def crisis_end(start: date, extensions: int = 0) -> date:
    """Four months after admission, four more per extension (31/10 + 4 months = 28/02 or 29/02)."""
    return start + relativedelta(months=CRISIS_STAY_MONTHS * (1 + extensions))


def add_dwelling(store: Storage, code: str, kind: DwellingKind, address: str | None) -> None:
    code = code.strip()
    if blank(code):
        raise InvalidInput(_("CODE: give the dwelling a short code, e.g. DW-1"))
    if (existing := store.housing.dwelling(code)) is not None:  # DW-1 and dw-1 would be one dwelling to the worker
        raise RuleViolation(_("dwelling {code} exists already").format(code=short(existing.code)))
    store.housing.add_dwelling(code, kind, (address or "").strip() or None)


def _dwelling(store: Storage, code: str):
    dwelling = store.housing.dwelling(code.strip())
    if dwelling is None:
        raise NotFound(_("no dwelling {strip}; 'huurbeg transfer list' lists them")
                       .format(strip=short(code.strip())), field="dwelling")
    return dwelling


def admit(store: Storage, number: str, code: str, when: date, until: date | None, review: date | None,
          today: date) -> tuple[Track | None, Track, date | None, str]:
    """Admit the household; returns (the track it left, if it moved; its track now; the planned end; the
    dwelling's code as stored, whatever its case was typed in)."""
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    dwelling = _dwelling(store, code)
    if (current := store.housing.current_stay(case)) is not None:
        raise RuleViolation(_("case {number} already lives in a dwelling since {start_date:%d/%m/%Y}; move it out "
                              "first with 'huurbeg transfer out {number}'")
                            .format(number=number, start_date=current.start_date))
    if store.housing.stay_overlapping(dwelling, when) is not None:
        raise RuleViolation(_("{code} is occupied; a dwelling holds one household at a time")
                            .format(code=dwelling.code), field="dwelling")
    if dwelling.kind == DwellingKind.CRISIS:
        if until is not None or review is not None:
            raise InvalidInput(_("only for transitional dwellings; {extension_rule}")
                               .format(extension_rule=extension_rule()), field="until/review")
        until = crisis_end(when)
    elif until is not None and until <= when:
        raise InvalidInput(_("must come after the admission"), field="until")
    moved_from = None
    target = TRACK_OF[DwellingKind(dwelling.kind)]
    if case.track != target:
        moved_from = Track(case.track)
        store.cases.change_track(case, target, when)
    store.housing.admit(case, dwelling, when, until, review)
    return moved_from, target, until, dwelling.code


def extend(store: Storage, number: str, until: date | None, review: date | None, today: date) -> date | None:
    """Extend a crisis stay once by four months, or set a transitional stay's planned end or review date."""
    case = store.cases.case(number)
    check_open(case.status, number)
    stay = _current(store, case)
    if store.housing.dwelling_of(stay).kind == DwellingKind.CRISIS:
        if until is not None or review is not None:
            raise InvalidInput(_("a crisis stay is extended by {crisis_stay_months} months")
                               .format(crisis_stay_months=CRISIS_STAY_MONTHS), field="until/review")
        if stay.extensions >= CRISIS_MAX_EXTENSIONS:
            raise RuleViolation(_("refused: {extension_rule}; this stay was already extended (it ends on "
                                  "{end_date:%d/%m/%Y})")
                                .format(extension_rule=extension_rule(), end_date=stay.end_date))
        end = crisis_end(stay.start_date, stay.extensions + 1)
        store.housing.change_stay(case, stay, end, stay.review_date, extension=True)
    else:
        if until is None and review is None:
            raise InvalidInput(_("give the planned end or a review date of the transitional stay"),
                               field="until/review")
        end = until if until is not None else stay.end_date
        if end is not None and end <= stay.start_date:
            raise InvalidInput(_("must come after the admission"), field="until")
        store.housing.change_stay(case, stay, end, review if review is not None else stay.review_date,
                                  extension=False)
    return end


def _current(store: Storage, case):
    stay = store.housing.current_stay(case)
    if stay is None:
        raise RuleViolation(_("case {number} does not live in one of the service's dwellings")
                            .format(number=case.number))
    return stay


def dwelling_address(store: "Storage", code: str) -> str | None:
    """The address of a dwelling (what a household admitted to it lives at), None when it has none recorded."""
    return _dwelling(store, code).address


def check_move(store: "Storage", number: str) -> None:
    """The case a move out is about: open, living in a dwelling; checked before any question."""
    case = store.cases.case(number)
    check_open(case.status, number)
    _current(store, case)


def new_address(store: "Storage", number: str, address: str | None) -> bool:
    """The household's address after it moved in or out; whether it changed (the history names the field)."""
    if address is None or blank(address) or address.strip() == (store.cases.household(store.cases.case(number)).address or ""):
        return False
    store.cases.edit_case(store.cases.case(number), {"address": address.strip()}, {}, False, None, ["address"])
    return True


def move_out(store: "Storage", number: str, destination: Destination, when: date, today: date, close: bool) -> Outcome | None:
    """The household leaves its dwelling; with `close`, the case closes with the matching outcome."""
    case = store.cases.case(number)
    check_open(case.status, number)
    stay = _current(store, case)
    check_not_future(when, today)
    if when < stay.start_date:
        raise InvalidInput(_("cannot be before the admission"), field="date")
    store.housing.leave(case, stay, when, destination)
    outcome = OUTCOME_OF[destination] if close else None
    if outcome is not None:
        store.cases.close_case(case, outcome, when)
    return outcome


def occupancy(store: Storage, as_of: date) -> list[dict]:
    """Every dwelling on a day: who lives there, since when, until when, days left; or free."""
    rows = []
    for dwelling, stay, number, tenant in store.housing.occupancy(as_of):
        end = stay.end_date if stay else None
        rows.append({"dwelling": dwelling.code, "kind": dwelling.kind, "address": dwelling.address,
                     "case": number, "tenant": tenant, "admitted": stay.start_date if stay else None,
                     "until": end, "review": stay.review_date if stay else None,
                     "days_left": (end - as_of).days if end else None,
                     "extensions": stay.extensions if stay else None, "free": stay is None})
    return rows


def refer(store: Storage, number: str, destination: ReferralDestination, when: date, note: str | None, today: date) -> int:
    """Record a referral to another service; it never reaches anything a landlord sees. Returns its number."""
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    return store.housing.add_referral(case, when, destination, (note or "").strip() or None)


def referral_list(store: Storage, number: str | None) -> list[dict]:
    """Every referral of one case, or the referrals of open cases still awaiting an answer (oldest first)."""
    if number is not None:
        case = store.cases.case(number)
        found = [(r, case.number) for r in store.housing.referrals(case)]
    else:
        found = store.housing.referrals_awaiting()
    return [{"case": case_number, "id": r.id, "date": r.date, "to": r.destination, "outcome": r.outcome,
             "outcome_date": r.outcome_date, "note": r.note} for r, case_number in found]


def referral_outcome(store: Storage, number: str, referral_id: int, result: ReferralOutcome, when: date,
                     today: date) -> None:
    """What the other service answered. Also on a closed case: the answer often comes after a case
    closed as `referred`, and it changes no figure of the case itself."""
    case = store.cases.case(number)
    referral = store.housing.record_of("referral", case, referral_id)
    if referral is None:
        raise NotFound(_("ID: case {number} has no referral {referral_id}; 'huurbeg refer list {number}' lists them")
                       .format(number=number, referral_id=referral_id))
    check_not_future(when, today)
    if when < referral.date:
        raise InvalidInput(_("cannot be before the referral ({date:%d/%m/%Y})").format(date=referral.date),
                           field="date")
    if (referral.outcome, referral.outcome_date) == (result, when):
        raise InvalidInput(_("nothing to change: this outcome is already recorded"))
    store.housing.referral_outcome(case, referral, result, when)
