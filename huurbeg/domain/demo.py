"""A year of fictional casework, so that a newcomer sees every view populated.

Every household, landlord and address here is invented. The demo is built
through the same domain functions a worker uses, so it obeys every rule, and
it ends on today: some hearings are tomorrow, some plans are behind, a crisis
stay ends soon. It only fills an empty database.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from huurbeg.domain import casework, fbu, followup, hearings, transfers
from huurbeg.core.codes import (ConciliationResult, ContactKind, Destination, DwellingKind, EvictionResult,
                                HearingResult, LandlordType, Outcome, Party, Problem, ReferralDestination, SessionKind,
                                Source, Track)
from huurbeg.core.errors import RuleViolation
from huurbeg.core.i18n import _
from huurbeg.domain.rules import earliest_eviction

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Writing


FIRST = ["An", "Bram", "Chloé", "Dries", "Elif", "Fatima", "Geert", "Hanne", "Ilias", "Jana", "Karim", "Lotte",
         "Mohamed", "Nina", "Omar", "Paulien", "Rachid", "Sara", "Tom", "Yasmina", "Wout", "Zeynep"]
LAST = ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Goossens", "Wouters", "De Smet",
        "El Amrani", "Yilmaz", "Vermeulen", "Van Damme", "Aerts", "Hermans", "Bouzid", "Verlinden"]
STREETS = ["Fictiestraat", "Verzonnenlaan", "Demoplein", "Voorbeeldstraat", "Proefweg", "Oefenstraat"]
LANDLORDS = [("Woonhaven Demo", LandlordType.SHM), ("SVK Voorbeeld", LandlordType.SVK),
             ("Immo Fictief", LandlordType.PRIVATE), ("Huisbaas Verzonnen", LandlordType.PRIVATE),
             ("Eigenaar Demo", LandlordType.PRIVATE)]
COURT = "Vredegerecht Demostad"
INTAKES_PER_WEEK = 3
FBU_EVERY = 4
"""About one case in four with a payment plan (where the fund's conditions allow it) has an FBU agreement."""


def build(store: Writing, today: date, seed: int = 2026, progress: Callable[[int, int], None] | None = None) -> int:
    """Fill an empty database with a year of casework ending today; returns the number of cases."""
    if store.cases.count_cases():
        raise RuleViolation(_("demo fills only an empty database"), hint="new_database")
    rng = random.Random(seed)
    start = today - timedelta(days=365)
    for code, kind in (("DW-1", DwellingKind.TRANSIT), ("DW-2", DwellingKind.TRANSIT), ("DW-3", DwellingKind.TRANSIT),
                       ("CR-1", DwellingKind.CRISIS), ("CR-2", DwellingKind.CRISIS), ("CR-3", DwellingKind.CRISIS)):
        transfers.add_dwelling(store, code, kind, f"{rng.choice(STREETS)} {rng.randint(1, 80)}, Demostad")
    days = [start + timedelta(days=d) for d in range(365) if rng.random() < INTAKES_PER_WEEK / 7]
    days += [today - timedelta(days=1)] * 3  # court notices whose hearings are tomorrow
    for n, day in enumerate(days):
        _household(store, rng, day, today, court_tomorrow=n >= len(days) - 3)
        if progress:
            progress(n + 1, len(days))
    return store.cases.count_cases()


def _household(store: Writing, rng: random.Random, day: date, today: date, court_tomorrow: bool = False) -> None:
    track = Track.OGP if court_tomorrow else rng.choices(list(Track), weights=[40, 20, 30, 6, 4])[0]
    source = {Track.OGP: Source.COURT, Track.CRISIS: rng.choice([Source.POLICE, Source.OTHER])}.get(
        track, rng.choice([Source.TENANT, Source.LANDLORD, Source.OCMW, Source.CAW, Source.POLICE, Source.DOCTOR]))
    landlord, kind = rng.choice(LANDLORDS)
    problems = [Problem.ARREARS] if rng.random() < 0.8 else []
    problems += rng.sample([Problem.HYGIENE, Problem.NUISANCE, Problem.HOUSING_SKILLS, Problem.NEIGHBOUR_CONFLICT],
                           k=rng.randint(0, 2))
    arrears = rng.randint(4, 60) * 5000 if Problem.ARREARS in problems else None
    draft = casework.IntakeDraft(
        track=track, tenant=f"{rng.choice(FIRST)} {rng.choice(LAST)} (demo)",
        address=f"{rng.choice(STREETS)} {rng.randint(1, 200)}, Demostad", adults=rng.randint(1, 2),
        children=rng.randint(0, 4), landlord=None if track == Track.CRISIS else landlord, landlord_type=kind,
        source=source, problems=problems, arrears_cents=arrears, rent_cents=_rent(arrears), tenant_informed=True,
        consent_tenant=track == Track.PW, consent_landlord=track == Track.PW and rng.random() < 0.8,
        intake_date=day, note=_("fictional demo household"))
    draft, matches = casework.check_intake(store, draft, today)
    number = casework.open_case(store, draft, casework.decide_household(matches, allow_duplicate=True)).number
    life = [day + timedelta(days=d) for d in sorted(rng.sample(range(3, 200), k=rng.randint(2, 8)))]
    life = [d for d in life if d <= today]
    if track == Track.OGP:
        _court(store, rng, number, today + timedelta(days=1) if court_tomorrow else day + timedelta(
            days=rng.randint(1, 6)), day, today)
    elif track == Track.PRE_OGP:
        _conciliation(store, number, day, today)
    for when in life:
        followup.log_contact(store, number, when, rng.choice([ContactKind.HOME] * 3 + list(ContactKind)[1:5]),
                             rng.choice([15, 30, 45, 60, 90]), _("demo visit"), None, today)
    if arrears and track != Track.CRISIS and rng.random() < 0.6:
        instalment = max(5000, arrears // rng.randint(6, 18) // 100 * 100)
        if not (int(number[-4:]) % FBU_EVERY == 0 and _fbu(store, number, arrears, instalment, day, today)):
            followup.new_plan(store, number, arrears, min(instalment, arrears), day + timedelta(days=7), 1)
        paid_until = day + timedelta(days=rng.randint(0, 300))
        for month in range(12):
            when = date(day.year + (day.month + month) // 12, (day.month + month) % 12 + 1, 3)
            if when > min(today, paid_until):
                break
            if not _try(lambda: followup.pay(store, number, min(instalment, arrears), when, today), store):
                break  # the plan is paid off
    if rng.random() < 0.3 and life:
        followup.agree(store, number, _("Keep the kitchen clean (demo)"), life[0] + timedelta(days=14), Party.TENANT)
    if rng.random() < 0.35 and life:
        transfers.refer(store, number, rng.choice(list(ReferralDestination)), life[0], None, today)
    if track in (Track.DW, Track.CRISIS):
        _housing(store, rng, number, track, day, today)
    closing = day + timedelta(days=rng.randint(60, 330))
    if closing <= today and track not in (Track.DW, Track.CRISIS):
        outcome = rng.choices([Outcome.EVICTION_PREVENTED, Outcome.REFERRED, Outcome.EVICTED,
                               Outcome.SUPPORT_REFUSED, Outcome.MOVED_OUT], weights=[50, 20, 8, 7, 15])[0]
        _try(lambda: casework.close_case(store, number, outcome, closing, today), store)


def _working(day: date) -> date:
    """The first working day from `day`: a court sits and a bailiff evicts on no Saturday, Sunday or holiday."""
    while not fbu.is_working_day(day):
        day += timedelta(days=1)
    return day


def _court(store: Writing, rng, number: str, hearing_day: date, day: date, today: date) -> None:
    hearing_day = _working(hearing_day)
    at = datetime.combine(hearing_day, time(rng.choice([9, 10, 11, 14]), rng.choice([0, 30])))
    hearings.add_hearing(store, number, at, COURT, str(rng.randint(1, 3)), day - timedelta(days=rng.randint(0, 3)),
                         rng.randint(10, 80) * 5000, _("Payment plan within the tenant's budget (demo)"), today)
    while hearing_day < today:  # a postponed hearing gets its own outcome once it is past
        result = rng.choices(list(HearingResult), weights=[40, 20, 15, 10, 10, 5])[0]
        new_day = _working(hearing_day + timedelta(days=28))
        new_date = datetime.combine(new_day, time(10)) if result == HearingResult.POSTPONED else None
        hearings.record_outcome(store, number, result, new_date, None, None, today)
        if result == HearingResult.DISSOLVED:
            _after_judgment(store, number, hearing_day, today)
        if result != HearingResult.POSTPONED:
            break
        hearing_day = new_day


def _conciliation(store: "Writing", number: str, day: date, today: date) -> None:
    """About half the pre-OGP cases sit at the court for a conciliation session. Its chances are drawn apart
    from the demo's own sequence, so that every other household of the demo stays as it was."""
    rng = random.Random(f"conciliation {number}")
    if rng.random() < 0.5:
        return
    session_day = _working(day + timedelta(days=rng.randint(10, 45)))
    at = datetime.combine(session_day, time(rng.choice([9, 10, 11]), rng.choice([0, 30])))
    hearings.add_hearing(store, number, at, COURT, None, None, None, None, today, SessionKind.CONCILIATION)
    if session_day < today:
        result = rng.choices(list(ConciliationResult), weights=[50, 25, 20, 5])[0]
        hearings.record_outcome(store, number, result, None, None, None, today)


def _after_judgment(store: "Writing", number: str, judged: date, today: date) -> None:
    """A dissolved lease followed through service, the bailiff's date and what happened, as far as today.
    Drawn from its own generator, so the rest of the demo stays as it was."""
    rng = random.Random(number)
    served = judged + timedelta(days=rng.randint(7, 40))
    if served > today:
        return
    hearings.record_served(store, number, served, None, today)
    eviction = _working(earliest_eviction(served) + timedelta(days=rng.randint(7, 40)))
    announced = eviction - timedelta(days=rng.randint(6, 21))
    if announced > today:
        return
    hearings.record_eviction(store, number, datetime.combine(eviction, time(rng.choice([8, 9, 10]))),
                             max(announced, served), today)
    if eviction <= today:
        result = rng.choices(list(EvictionResult), weights=[40, 45, 15])[0]
        hearings.record_eviction_result(store, number, result, today)


def _housing(store: Writing, rng, number: str, track: Track, day: date, today: date) -> None:
    kind = DwellingKind.TRANSIT if track == Track.DW else DwellingKind.CRISIS
    free = [r["dwelling"] for r in transfers.occupancy(store, day) if r["free"] and r["kind"] == kind]
    if not free or not _try(lambda: transfers.admit(store, number, free[0], day, None, None, today), store):
        return
    stay_days = rng.randint(60, 240) if kind == DwellingKind.CRISIS else rng.randint(120, 400)
    leave = day + timedelta(days=stay_days)
    if kind == DwellingKind.CRISIS and stay_days > 120 and leave <= today:
        _try(lambda: transfers.extend(store, number, None, None, today), store)
    if leave <= today:
        destination = rng.choices(list(Destination), weights=[45, 25, 15, 5, 3, 7])[0]
        _try(lambda: transfers.move_out(store, number, destination, leave, today, close=True), store)


def _rent(arrears: int | None) -> int | None:
    """A monthly rent that fits the arrears (a third of them, between € 450 and € 950); none without arrears."""
    return None if arrears is None else max(450_00, min(950_00, arrears // 3 // 50_00 * 50_00))


def _fbu(store: Writing, number: str, arrears: int, instalment: int, day: date, today: date) -> bool:
    """An FBU guidance agreement signed a week after intake, where the fund's conditions are met; the
    advance paid and the agreement filed a few days later, except for the most recent ones."""
    signed = day + timedelta(days=7)

    def sign():
        agreed = followup.fbu_sign(store, number, signed=signed, instalment=instalment, start=signed, day=1,
                                   advance=None, force=False, arrears=arrears, today=today)
        for step, after in (("paid", 6), ("filed", 9)):
            if signed + timedelta(days=after) < today - timedelta(days=5):
                followup.fbu_step(store, number, step, signed + timedelta(days=after), today)
        return agreed

    return _try(sign, store)


def _try(operation: Callable[[], object], store: Writing) -> bool:
    """Some random events break a rule (a dwelling taken meanwhile): skip them, as a worker would."""
    try:
        with store.attempt():
            operation()
    except Exception:
        return False
    return True
