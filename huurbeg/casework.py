"""Casework: opening, moving, closing and reopening a case (dossier).

The rules of the service are checked here, before anything is written; the
database work itself is the store's. A function here runs inside the single
transaction of its command and commits only when everything succeeded.
"""

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import date

from huurbeg.case_number import format_case_number, parse_case_number  # noqa: F401  (part of this API)
from huurbeg.codes import LandlordType, Party, Problem, Source, Status, Track
from huurbeg.errors import InvalidInput, MissingValue, RuleViolation
from huurbeg.text import blank

def match_key(text: str | None) -> str | None:
    """Names and addresses compared without case, accents, punctuation or spacing."""
    if not text:
        return None
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", plain)) or None


@dataclass
class IntakeDraft:
    """What an intake collects, from flags or prompts; None means not given yet."""

    track: Track | None = None
    tenant: str | None = None
    address: str | None = None
    phone: str | None = None
    birth_date: date | None = None
    national_number: str | None = None
    adults: int | None = None
    children: int | None = None
    landlord: str | None = None
    landlord_type: LandlordType | None = None
    source: Source | None = None
    referrer: str | None = None
    problems: list[Problem] = field(default_factory=list)
    arrears_cents: int | None = None
    tenant_informed: bool | None = None
    consent_tenant: bool | None = None
    consent_landlord: bool | None = None
    intake_date: date | None = None
    note: str | None = None

    REQUIRED = (("track", "--track"), ("tenant", "--tenant"), ("source", "--source"))

    def missing(self) -> list[str]:
        """The flags of required values still missing."""
        return [flag for name, flag in self.REQUIRED
                if getattr(self, name) is None or isinstance(getattr(self, name), str) and blank(getattr(self, name))]

    def needs_questions(self) -> bool:
        """Whether a worker at a terminal should be asked: something required is not settled yet."""
        return bool(self.missing()) or self.tenant_informed is None


@dataclass(frozen=True)
class HouseholdMatch:
    """An existing case of a household that looks like the one being registered."""

    case: str
    status: Status
    household_id: int
    reason: str  # "national number", "name and birth date", "name and address", "address"

    @property
    def strong(self) -> bool:
        """Strong matches are the same household; an address alone may be a new tenant."""
        return self.reason != "address"


@dataclass(frozen=True)
class HouseholdDecision:
    """Whether the intake continues an existing household, and if it returns."""

    household_id: int | None = None
    returning: bool = False
    earlier_cases: tuple[str, ...] = ()


def complete(draft: IntakeDraft, today: date, known_landlord: bool) -> IntakeDraft:
    """Check a finished draft against the rules; fill defaults. Raises before anything is written."""
    if missing := draft.missing():
        raise MissingValue(f"{missing[0]}: required (missing: {', '.join(missing)}); "
                           "give it as a flag, or run on a terminal without --no-input to be asked")
    if not draft.tenant_informed:
        raise RuleViolation("--tenant-informed: intake refused: the tenant must be informed of the "
                            "registration before a case is opened (the one condition for a registration)")
    intake_date = draft.intake_date or today
    if intake_date > today:
        raise InvalidInput("--date: the registration date cannot be in the future")
    if draft.birth_date and draft.birth_date > intake_date:
        raise InvalidInput("--birth-date: cannot be after the registration date")
    if draft.landlord and not known_landlord and draft.landlord_type is None:
        raise MissingValue(f"--landlord-type: required for a new landlord; use one of: "
                           f"{', '.join(t.value for t in LandlordType)}")
    for name in ("adults", "children"):
        value = getattr(draft, name)
        if value is not None and not 0 <= value <= 30:
            raise InvalidInput(f"--{name}: use a number from 0 to 30")
    return replace(draft, intake_date=intake_date, tenant=draft.tenant.strip(),
                   problems=list(dict.fromkeys(draft.problems)))


def decide_household(matches: list[HouseholdMatch], allow_duplicate: bool) -> HouseholdDecision:
    """Without a worker to ask: refuse a second open case, mark a returning household."""
    strong = [m for m in matches if m.strong]
    open_cases = [m for m in strong if m.status == Status.OPEN]
    if open_cases and not allow_duplicate:
        first = open_cases[0]
        raise RuleViolation(
            f"this household already has open case {first.case} (same {first.reason}); "
            f"log the new facts on that case, or pass --allow-duplicate to open a second case")
    return decision_for(strong)


def decision_for(same_household: list[HouseholdMatch]) -> HouseholdDecision:
    """The decision once the worker (or the rules) said which matches are this household."""
    if not same_household:
        return HouseholdDecision()
    earlier = tuple(m.case for m in same_household if m.status == Status.CLOSED)
    return HouseholdDecision(same_household[0].household_id, bool(earlier), earlier)


def check_open(status: str, case: str) -> None:
    if status != Status.OPEN:
        raise RuleViolation(f"case {case} is closed; reopen it first with 'huurbeg case reopen {case}'")


def check_date_after_intake(when: date, intake_date: date, flag: str = "--date") -> None:
    if when < intake_date:
        raise InvalidInput(f"{flag}: cannot be before the registration date ({intake_date:%d/%m/%Y})")


def check_not_future(when: date, today: date, flag: str = "--date") -> None:
    if when > today:
        raise InvalidInput(f"{flag}: cannot be in the future")


def consent_parties(tenant: bool, landlord: bool) -> list[Party]:
    parties = [p for p, given in ((Party.TENANT, tenant), (Party.LANDLORD, landlord)) if given]
    if not parties:
        raise MissingValue("--tenant/--landlord: say whose consent to record (one or both)")
    return parties


# --- operations: each runs in its command's transaction and commits at the end ---

def open_case(store, draft: IntakeDraft, decision: HouseholdDecision) -> str:
    """Write the new case; returns its number."""
    case = store.create_case(draft, decision.household_id, decision.returning)
    return case.number


def record_consent(store, number: str, parties: list[Party], when: date, today: date) -> None:
    case = store.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    for party in parties:
        store.add_consent(case, party, when)


def move_track(store, number: str, to: Track, when: date, today: date) -> Track:
    """Move a case to another track (PW → pre-OGP → OGP ...); returns the track it left."""
    case = store.case(number)
    check_open(case.status, number)
    if case.track == to:
        raise RuleViolation(f"--to: case {number} is already on track {to}")
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    was = Track(case.track)
    store.change_track(case, to, when)
    return was


def close_case(store, number: str, outcome, when: date, today: date) -> None:
    case = store.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    store.close_case(case, outcome, when)


def reopen_case(store, number: str) -> None:
    case = store.case(number)
    if case.status == Status.OPEN:
        raise RuleViolation(f"case {number} is already open")
    store.reopen_case(case)


def check_intake(store, draft: IntakeDraft, today: date) -> tuple[IntakeDraft, list[HouseholdMatch]]:
    """The completed draft and the earlier cases that look like the same household."""
    known = bool(draft.landlord) and store.find_landlord(draft.landlord) is not None
    draft = complete(draft, today, known_landlord=known)
    return draft, store.household_matches(draft)


def log_read(store, number: str, what: str) -> None:
    """Record that a dossier was looked at (who, when, by which command)."""
    store.record(store.case(number), "read", what)


def import_rows(store, rows, progress=None) -> tuple[list[str], int]:
    """Write imported rows in one transaction: (new case numbers, rows already imported before)."""
    known = store.imported_refs([row.ref for row in rows])
    numbers = []
    for n, row in enumerate(rows):
        if row.ref not in known:
            decision = decide_household(store.household_matches(row.draft), allow_duplicate=True)
            case = store.create_case(row.draft, decision.household_id, decision.returning, external_ref=row.ref)
            if row.closed_date is not None:
                store.close_case(case, row.outcome, row.closed_date)
            known.add(row.ref)
            numbers.append(case.number)
        if progress:
            progress(n + 1)
    return numbers, len(rows) - len(numbers)
