"""Casework: opening, moving, closing and reopening a case (dossier).

The rules of the service are checked here, before anything is written; the
database work itself is the store's. A function here runs inside the single
transaction of its command and commits only when everything succeeded.
"""

import re
import unicodedata
from dataclasses import dataclass, field, make_dataclass, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, NamedTuple

from huurbeg.core import money, national_number
from huurbeg.core.case_number import format_case_number, parse_case_number  # noqa: F401  (part of this API)
from huurbeg.core.codes import LandlordType, Party, Problem, ReferralDestination, Source, Status, Track, choices, shown
from huurbeg.domain.entities import CASE, HOUSEHOLD, HOUSEHOLD_FIELDS, LANDLORD
from huurbeg.core.errors import FIELD, InvalidInput, MissingValue, RuleViolation, reference
from huurbeg.core.text import blank
from huurbeg.core.i18n import _, ngettext
from huurbeg.core.text import quoted
from huurbeg.domain.finding import phone_key, shared_identity, within_one_typo
from huurbeg.domain.rules import check_birth_date_matches, check_household_size

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


def match_key(text: str | None) -> str | None:
    """Names and addresses compared without case, accents, punctuation or spacing."""
    if not text:
        return None
    plain = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).casefold()
    return " ".join(re.findall(r"\w+", plain)) or None


LANDLORD_MIN_TYPED = 3
"""How many letters a landlord's name typed must have before known landlords that contain it are offered."""


def _keys_of_new(typed: str | None, landlords: list[str], least: int) -> tuple[str, dict[str, str]] | None:
    """The match key of a typed landlord and those of the known ones, when it may mean one of them: it has `least`
    letters or more and names none exactly."""
    key = match_key(typed)
    if key is None or len(key.replace(" ", "")) < least:
        return None
    keys = {name: match_key(name) or "" for name in landlords}
    return None if key in keys.values() else (key, keys)


def landlords_like(typed: str | None, landlords: list[str]) -> list[str]:
    """The known landlords a name typed at intake may mean ("woonpunt" for Woonpunt Gent): each whose name holds
    every typed word, compared without case or accents, those starting with it first; none when it names a known
    landlord exactly, or is too short to mean one."""
    if (found := _keys_of_new(typed, landlords, LANDLORD_MIN_TYPED)) is None:
        return []
    key, keys = found
    words = key.split()
    like = [name for name, known in keys.items() if all(word in known for word in words)]
    return sorted(like, key=lambda name: (not keys[name].startswith(key), keys[name]))


LANDLORD_MIN_TYPO = 5
"""How many letters a landlord's name typed must have before one typo away from a known landlord is doubted."""


def landlords_meant(typed: str | None, landlords: list[str]) -> list[str]:
    """The known landlords a name that is none of them may mean: those that hold it ("woonpunt" for Woonpunt Gent,
    landlords_like), else those one typo away ("Woonpnt Gent"); none when it names a known landlord exactly."""
    if like := landlords_like(typed, landlords):
        return like
    if (found := _keys_of_new(typed, landlords, LANDLORD_MIN_TYPO)) is None:
        return []
    key, keys = found
    return sorted((name for name, known in keys.items()
                   if within_one_typo(known, key) or within_one_typo(known.replace(" ", ""), key.replace(" ", ""))),
                  key=lambda name: keys[name])


def check_new_landlord(store: "Storage", typed: str | None, new_landlord: bool = False) -> None:
    """A landlord named that is no known one, but part of one or a typo away, is refused unless `new_landlord`
    says it is another landlord: without a terminal to offer the known one, a second "woonpunt" beside
    "Woonpunt Gent" would split that landlord's cases. (On a terminal the command offers it first.)"""
    if not typed or blank(typed) or new_landlord or store.cases.find_landlord(typed) is not None:
        return
    meant = landlords_meant(typed, store.cases.landlord_names())
    if meant:
        raise RuleViolation(ngettext(
            "{typed} is no known landlord, but {known} is; give that name, or add {field:new_landlord} if it is "
            "another landlord",
            "{typed} is no known landlord, but {known} are; give one of those names, or add {field:new_landlord} "
            "if it is another landlord", len(meant)).format(
                typed=quoted(typed), known=", ".join(quoted(name) for name in meant), field=FIELD), field="landlord")


def landlord_by_name(store: "Storage", typed: str) -> tuple[Any, list[str]]:
    """A known landlord named as intake names one (case and accents ignored), by a part of its name that only it
    holds ("woonpunt" for Woonpunt Gent), or one typo away from it ("jozef verstraten"): (the landlord or None, the
    landlords the name fits when several do)."""
    if (found := store.cases.landlord_named(typed)) is not None:
        return found, []
    like = landlords_meant(typed, store.cases.landlord_names())
    if len(like) == 1:
        return store.cases.landlord_named(like[0]), []
    return None, like


@dataclass
class _Draft:
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
    rent_cents: int | None = None
    tenant_informed: bool | None = None
    consent_tenant: bool | None = None
    consent_landlord: bool | None = None
    intake_date: date | None = None
    note: str | None = None

    REQUIRED = ("track", "tenant", "source")

    def missing(self) -> list[str]:
        """The required fields still missing."""
        return [name for name in self.REQUIRED
                if getattr(self, name) is None or isinstance(getattr(self, name), str) and blank(getattr(self, name))]


if TYPE_CHECKING:  # what the type check sees: the fields typed above, and any described later
    class IntakeDraft(_Draft):
        def __init__(self, **fields: Any) -> None: ...
        def __getattr__(self, name: str) -> Any: ...
else:
    IntakeDraft = make_dataclass("IntakeDraft", [(f.edit, object, None) for f in HOUSEHOLD
                                                 if f.edit not in _Draft.__dataclass_fields__], bases=(_Draft,),
                                 namespace={"__doc__": _Draft.__doc__, "__module__": __name__})
"""The draft has a value for every field of the household's description (huurbeg.domain.entities), named by its
`case edit` key: those the rules read are typed above, one described later is there all the same."""


def asks_hearing(track: Track | None, source: Source | None) -> bool:
    """Whether an intake on a terminal goes on to the hearing: the court's own notice of a petition on OGP."""
    return track == Track.OGP and source == Source.COURT


@dataclass
class IntakeHearing:
    """The hearing of a court's notice as its intake asks it (asks_hearing), kept with the intake's answers
    (huurbeg.domain.drafts) under these names: whether to add it now, then its date and time, court, room,
    petition date and claimed arrears in cents; None means not answered yet."""

    hearing_now: bool | None = None
    hearing_at: datetime | None = None
    hearing_court: str | None = None
    hearing_room: str | None = None
    hearing_petition: date | None = None
    hearing_claimed: int | None = None

    def added(self) -> tuple[datetime, str, str | None, date | None, int | None] | None:
        """(starts_at, court, room, petition date, claimed cents) of a hearing answered to be added now, else None."""
        if not self.hearing_now or self.hearing_at is None or self.hearing_court is None:
            return None
        return self.hearing_at, self.hearing_court, self.hearing_room, self.hearing_petition, self.hearing_claimed


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
    open_cases: tuple[str, ...] = ()  # the household's cases still open: their household is not written over


class Registration(NamedTuple):
    """A case just written, and what its household's stored details made of the answers (their fields' labels):
    kept as another open case has them, or updated for a returning household."""

    case_id: int
    number: str
    household_kept: tuple[str, ...] = ()
    household_updated: tuple[str, ...] = ()


COURT_NOTICE_SOURCES = frozenset({Source.COURT, Source.BAILIFF})
"""Who notifies the service of a court procedure by law, without asking the tenant first."""


def is_court_notice(track: Track | None, source: Source | None) -> bool:
    """An OGP case opened from the court's notice of a petition, or a bailiff's of a summons.

    Art. 1344ter Ger.W.: the clerk sends a copy of a petition to dissolve a lease to the OCMW four days
    after it is entered on the roll, unless the tenant objected; for a summons the bailiff does the same.
    The service learns of the procedure before the tenant has been reached, often 1 to 6 days before the
    hearing, and must be able to follow it at once.
    """
    return track == Track.OGP and source in COURT_NOTICE_SOURCES


def check_informed(informed: bool | None, track: Track | None = None, source: Source | None = None) -> None:
    """The one condition of a registration by someone else: the tenant knows of it. A court's notice is no
    such registration (is_court_notice): that case opens before the tenant is reached, and is followed as
    "not yet reached" (huurbeg.domain.rules.tenant_not_reached) until a contact reaches the household."""
    if not informed and not is_court_notice(track, source):
        raise RuleViolation(_("intake refused: the tenant must be informed of the registration "
                              "before a case is opened (the one condition for a registration; a court's or "
                              "bailiff's notice on track ogp needs none)"), field="tenant_informed")


def complete(draft: IntakeDraft, today: date, known_landlord: bool) -> IntakeDraft:
    """Check a finished draft against the rules; fill defaults. Raises before anything is written."""
    if missing := draft.missing():
        raise MissingValue(_("required (missing: {join})").format(join=", ".join(map(reference, missing))),
                           field=missing[0], hint="ask")
    check_informed(draft.tenant_informed, draft.track, draft.source)
    intake_date = draft.intake_date or today
    if intake_date > today:
        raise InvalidInput(_("the registration date cannot be in the future"), field="date")
    if draft.birth_date and draft.birth_date > intake_date:
        raise InvalidInput(_("cannot be after the registration date"), field="birth_date")
    if draft.landlord and blank(draft.landlord):
        raise InvalidInput(_("required; give some visible text (spaces or invisible characters alone are "
                             "not a value)"), field="landlord")
    if draft.landlord and not known_landlord and draft.landlord_type is None:
        raise MissingValue(_("required for a new landlord; use one of: {join}")
                           .format(join=choices(LandlordType)), field="landlord_type")
    check_person(draft.birth_date, draft.national_number, draft.adults, draft.children)
    assert draft.tenant is not None  # draft.missing() names it otherwise
    return replace(draft, intake_date=intake_date, tenant=draft.tenant.strip(),
                   problems=list(dict.fromkeys(draft.problems)))


def answered_otherwise(draft: IntakeDraft, known: Any) -> dict[str, str]:
    """The household's fields an intake answered otherwise than `known` (a stored household) holds them, or where it
    holds nothing: column -> label. A phone in other spacing or prefix, a text in other case or accents, say the
    same."""
    return {f.column: f.label for f in HOUSEHOLD if (given := getattr(draft, f.edit or f.column)) is not None
            and not _says_the_same(f.kind, given, known[f.column])}


def _says_the_same(kind: str, given: Any, known: Any) -> bool:
    if known is None:
        return False
    if kind == "phone":
        return phone_key(given) == phone_key(known)
    if isinstance(given, str) and isinstance(known, str):
        return match_key(given) == match_key(known)
    return bool(given == known)


def check_person(birth_date: date | None, number: str | None, adults: int | None, children: int | None) -> None:
    """The plausibility rules of a household (huurbeg.domain.rules): its size, its birth date against its number."""
    check_household_size(adults, children)
    check_birth_date_matches(national_number.birth_date(number), birth_date)


def decide_household(matches: list[HouseholdMatch], allow_duplicate: bool) -> HouseholdDecision:
    """Without a worker to ask: refuse a second open case, mark a returning household."""
    strong = [m for m in matches if m.strong]
    open_cases = [m for m in strong if m.status == Status.OPEN]
    if open_cases and not allow_duplicate:
        first = open_cases[0]
        raise RuleViolation(
            _("this household already has open case {case} (same {reason}); log the new facts on that case")
            .format(case=first.case, reason=_(first.reason)), hint="allow_duplicate")
    return decision_for(strong)


def decision_for(same_household: list[HouseholdMatch]) -> HouseholdDecision:
    """The decision once the worker (or the rules) said which matches are this household."""
    if not same_household:
        return HouseholdDecision()
    earlier = tuple(m.case for m in same_household if m.status == Status.CLOSED)
    still_open = tuple(m.case for m in same_household if m.status == Status.OPEN)
    return HouseholdDecision(same_household[0].household_id, bool(earlier), earlier, still_open)


def check_open(status: str, case: str) -> None:
    if status != Status.OPEN:
        raise RuleViolation(_("case {case} is closed; reopen it first with 'huurbeg case reopen {case}'")
                            .format(case=case))


def check_date_after_intake(when: date, intake_date: date, field: str = "date") -> None:
    if when < intake_date:
        raise InvalidInput(_("cannot be before the registration date ({intake_date:%d/%m/%Y})")
                           .format(intake_date=intake_date), field=field)


def check_not_future(when: date, today: date, field: str = "date") -> None:
    if when > today:
        raise InvalidInput(_("cannot be in the future"), field=field)


def consent_parties(tenant: bool, landlord: bool) -> list[Party]:
    parties = [p for p, given in ((Party.TENANT, tenant), (Party.LANDLORD, landlord)) if given]
    if not parties:
        raise MissingValue(_("say whose consent to record (one or both)"), field="tenant/landlord")
    return parties


# --- operations: each runs in its command's transaction and commits at the end ---

def open_case(store: "Storage", draft: IntakeDraft, decision: HouseholdDecision) -> Registration:
    """Write the new case: its number, and what its household's stored details made of the answers."""
    return store.cases.create_case(draft, decision.household_id, decision.returning, keep_known=decision.open_cases)


def registered_again(store: "Storage", number: str, draft: IntakeDraft, today: date) -> None:
    """An intake found the household and used its open case instead of opening one: the case's history says that
    the household came in again, when and who registered it (the answers it did not take are said, not written)."""
    case = store.cases.case(number)
    store.cases.registered_again(case, draft.intake_date or today, str(draft.source or Source.OTHER))


def record_consent(store: "Storage", number: str, parties: list[Party], when: date, today: date) -> None:
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    for party in parties:
        store.cases.add_consent(case, party, when)


def move_track(store: "Storage", number: str, to: Track, when: date, today: date) -> Track:
    """Move a case to another track (PW → pre-OGP → OGP ...); returns the track it left."""
    case = store.cases.case(number)
    check_open(case.status, number)
    if case.track == to:
        raise RuleViolation(_("case {number} is already on track {to}").format(number=number, to=shown(to)), field="to")
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    was = Track(case.track)
    store.cases.change_track(case, to, when)
    return was


def close_case(store: "Storage", number: str, outcome, when: date, today: date, note: str | None = None) -> None:
    """Close a case; the worker's `note` goes into the history line of the closing (erased by a purge)."""
    case = check_closing(store, number, when, today)
    store.cases.close_case(case, outcome, when, note.strip() if note and not blank(note) else None)


def check_closing(store: "Storage", number: str, when: date, today: date):
    """The open case to close, checked before any question."""
    case = store.cases.case(number)
    check_open(case.status, number)
    check_not_future(when, today)
    check_date_after_intake(when, case.intake_date)
    return case


def still_open(store: "Storage", number: str) -> list[str]:
    """What a closing leaves running, to warn about before it: an active payment plan, referrals the other
    service has not answered yet. Codes, dates and amounts only."""
    case = store.cases.case(number)
    found = []
    plan = store.follow_up.active_plan(case)
    if plan is not None:
        _lines, payments = store.follow_up.plan_lines(plan)
        found.append(_("an active payment plan with {balance} still to pay").format(
            balance=money.fmt(plan.arrears_cents - sum(amount for _when, amount in payments))))
    for referral in store.housing.referrals(case):
        if referral.outcome is None:
            found.append(_("referral {id} to {to} ({date}) without an answer").format(
                id=referral.id, to=shown(ReferralDestination(referral.destination)),
                date=f"{referral.date:%d/%m/%Y}"))
    return found


def check_reason(reason: str | None) -> str:
    text = (reason or "").strip()
    if blank(text):  # a reason made of invisible characters says nothing in the history
        raise InvalidInput(_("say why the record is withdrawn (it is kept in the history)"), field="reason")
    return text


def remove_case(store: "Storage", number: str, reason: str | None) -> None:
    """Withdraw a case registered by mistake (a duplicate, the wrong household): it leaves every list,
    warning and figure, with its contacts, hearings, stays and the rest; the history keeps it and why.
    An open or a closed case alike: a closed one registered by mistake must not count either."""
    text = check_reason(reason)
    store.cases.remove_case(store.cases.case(number), text)


def reopen_case(store: "Storage", number: str) -> None:
    case = store.cases.case(number)
    if case.status == Status.OPEN:
        raise RuleViolation(_("case {number} is already open").format(number=number))
    if case.purged_at is not None:
        raise RuleViolation(_("case {number} was purged: its personal data are gone; register the household again "
                              "with 'huurbeg intake'").format(number=number))
    store.cases.reopen_case(case)


def check_intake(store: "Storage", draft: IntakeDraft, today: date,
                 new_landlord: bool = False) -> tuple[IntakeDraft, list[HouseholdMatch]]:
    """The completed draft and the earlier cases that look like the same household. A landlord that is part of
    a known one's name, or a typo away from it, is refused unless `new_landlord` (check_new_landlord)."""
    check_new_landlord(store, draft.landlord, new_landlord)
    known = bool(draft.landlord and store.cases.find_landlord(draft.landlord) is not None)
    draft = complete(draft, today, known_landlord=known)
    return draft, store.cases.household_matches(draft)


def tenant_of_open_case(store: "Storage", number: str) -> str:
    """The tenant's name of an open case: shown before the first question about it.

    Looked up first, so a worker hears that a case is unknown or closed before typing anything.
    """
    case = store.cases.case(number)
    check_open(case.status, number)
    return store.cases.household(case).name


def tenant_of_case(store: "Storage", number: str) -> str:
    """The tenant's name of a case, open or closed: shown before the first question about it (an unknown case is
    refused first)."""
    case = store.cases.case(number)
    return store.cases.household(case).name


def log_read(store: "Storage", number: str, what: str) -> None:
    """Record that a dossier was looked at (who, when, by which command)."""
    store.record(store.cases.case(number, removed=True), "read", what)


def import_rows(store: "Storage", rows, progress=None) -> tuple[list[str], int, int, list[tuple[str, str]]]:
    """Write imported rows in one transaction: (new case numbers, rows already imported before,
    rows closed before the last purge's cut-off, left out so a purged case does not come back, and each new
    case of a household that had an open case already, with that case: to be looked at, as likely the same)."""
    known = store.cases.imported_refs([row.ref for row in rows])
    purged_before = store.retention.purged_before()
    numbers, purged, beside = [], 0, []
    written = store.cases.written_by_import()  # each row matched against the rows before it too
    for n, row in enumerate(rows):
        if purged_before and row.closed_date is not None and row.closed_date < purged_before:
            purged += 1
        elif row.ref not in known:
            decision = decide_household(store.cases.household_matches(row.draft, written), allow_duplicate=True)
            closed = (row.outcome, row.closed_date) if row.closed_date is not None else None
            numbers.append(store.cases.import_case(row.draft, decision.household_id, decision.returning, row.ref, closed,
                                                   keep_known=decision.open_cases))
            written.add(numbers[-1])
            known.add(row.ref)
            if decision.open_cases and row.closed_date is None:
                beside.append((numbers[-1], decision.open_cases[0]))
        if progress:
            progress(n + 1)
    return numbers, len(rows) - len(numbers) - purged, purged, beside


# --- rectification (GDPR art. 16): `huurbeg case edit` ------------------------------

EDITABLE = {f.edit: (f.where, f.label) for f in (*HOUSEHOLD, *LANDLORD, *CASE) if f.edit}
"""What `case edit` may correct (huurbeg.domain.entities): where it is stored, and its name in the history.
The history names the field only, never its old or new value."""


def current_values(store: "Storage", number: str) -> dict:
    """The editable fields of a case as they are now (the defaults of the questions)."""
    case = store.cases.case(number)
    household, landlord = store.cases.household(case), store.cases.landlord(case)
    return {f.edit: getattr(household, f.column) for f in HOUSEHOLD} | {
        "landlord": landlord.name if landlord else None, "landlord_type": landlord.kind if landlord else None,
        "source": case.source, "referrer": case.referrer, "problems": store.cases.problems(case),
        "arrears_cents": case.arrears_cents, "rent_cents": case.rent_cents, "note": case.note,
        "landlord_reported": store.cases.landlord_problems(case)}


def _cleaned(name: str, value):
    if isinstance(value, str):
        value = None if blank(value) else value.strip()
    if name in ("problems", "landlord_reported"):
        value = sorted(dict.fromkeys(value or []))
    return value


def _same(name: str, new, old) -> bool:
    if name == "landlord":  # a landlord is known by its name without case or accents
        return match_key(new) == match_key(old)
    return new == old


def edit_case(store: "Storage", number: str, given: dict, today: date, new_landlord: bool = False) -> list[str]:
    """Correct the fields in `given` (a value None or "" clears it); returns the names of those that changed.

    The same checks as an intake; refused when the case is closed or nothing would change.
    `reported_by_landlord` / `not_reported_by_landlord` in `given`: problems to mark as the landlord's
    (added to the problems when missing) or to unmark.
    """
    case = store.cases.case(number)
    check_open(case.status, number)
    given = dict(given)
    marks = set(given.pop("reported_by_landlord", None) or ())
    unmarks = set(given.pop("not_reported_by_landlord", None) or ())
    unknown = set(given) - set(EDITABLE)
    if unknown:
        raise InvalidInput(_("cannot edit {join}").format(join=', '.join(sorted(unknown))))
    current = current_values(store, number)
    new = {name: _cleaned(name, value) for name, value in given.items()}
    if "tenant" in new and not new["tenant"]:
        raise InvalidInput(_("the tenant's name cannot be empty"), field="tenant")
    if marks or unmarks:
        new |= _landlord_marks(number, marks, unmarks, new.get("problems", current["problems"]),
                               current["landlord_reported"])
    changed = [name for name, value in new.items() if not _same(name, value, _cleaned(name, current[name]))]
    if not changed:
        raise InvalidInput(_("nothing to change: every value given is the case's current one"))
    after = current | {name: new[name] for name in changed}
    if marks and not after["landlord"]:
        raise InvalidInput(_("case {number} has no landlord; give {field:landlord} too")
                           .format(number=number, field=FIELD), field="reported_by_landlord")
    reported = _reported_after(store, case, after, "source" in changed, marks)
    if reported != set(current["landlord_reported"]):
        after["landlord_reported"] = sorted(reported)
        changed = list(dict.fromkeys(changed + ["landlord_reported"]))
    elif "landlord_reported" in changed:
        changed.remove("landlord_reported")
    if after["birth_date"] and after["birth_date"] > case.intake_date:
        raise InvalidInput(_("cannot be after the registration date"), field="birth_date")
    check_person(after["birth_date"], after["national_number"], after["adults"], after["children"])
    if after["source"] is not None:
        after["source"] = Source(after["source"])
    landlord: tuple[str, str | None] | None | Literal[False] = False  # (name, kind), removed, or kept
    if "landlord" in changed or "landlord_type" in changed:
        if not after["landlord"]:
            if "landlord_type" in changed and after["landlord_type"]:
                raise InvalidInput(_("the case has no landlord; give {field:landlord} too"), field="landlord_type")
            landlord = None
        else:
            if "landlord" in changed:
                check_new_landlord(store, after["landlord"], new_landlord)
            known = store.cases.find_landlord(after["landlord"])
            kind = new.get("landlord_type") if "landlord_type" in changed or known is None else None
            if known is None and kind is None:
                raise MissingValue(_("required for a new landlord; use one of: {join}")
                                   .format(join=choices(LandlordType)), field="landlord_type")
            landlord = (after["landlord"], kind)
    household_values = {EDITABLE[n][0].split(".", 1)[1]: after[n] for n in changed
                        if EDITABLE[n][0].startswith("household.")}
    case_values = {EDITABLE[n][0].split(".", 1)[1]: after[n] for n in changed if EDITABLE[n][0].startswith("case.")}
    problems = after["problems"] if "problems" in changed else None
    store.cases.edit_case(case, household_values, case_values, landlord, problems,
                    [EDITABLE[n][1] for n in EDITABLE if n in changed],
                    reported if "landlord_reported" in changed else None)
    return [EDITABLE[n][1] for n in EDITABLE if n in changed]


def _landlord_marks(number: str, marks: set, unmarks: set, problems: list, marked: list) -> dict:
    """The problems and the landlord's marks after --reported-by-landlord and --not-reported-by-landlord."""
    if both := sorted(marks & unmarks):
        raise InvalidInput(_("{problem} is given with {field:reported_by_landlord} too; give it once")
                           .format(problem=shown(Problem(both[0])), field=FIELD), field="not_reported_by_landlord")
    if missing := sorted(unmarks - set(problems)):
        raise InvalidInput(_("case {number} has no problem {problem}")
                           .format(number=number, problem=shown(Problem(missing[0]))), field="not_reported_by_landlord")
    return {"problems": sorted({str(p) for p in problems} | {str(p) for p in marks}),
            "landlord_reported": sorted(({str(p) for p in marked} | {str(p) for p in marks})
                                        - {str(p) for p in unmarks})}


def _reported_after(store: "Storage", case, after: dict, source_changed: bool, marks: set) -> set[str]:
    """What the landlord reported, after the correction: a problem that is gone takes its mark along, and a
    corrected source moves the registration's problems to or from the landlord (a landlord who registers a
    case reports its problems; one who did not, did not), except those marked in this correction."""
    reported = {str(p) for p in after["landlord_reported"]}
    if source_changed and (case.source == Source.LANDLORD) != (after["source"] == Source.LANDLORD):
        registration = set(store.cases.registration_problems(case))
        reported = reported | registration if after["source"] == Source.LANDLORD else reported - registration
    return (reported | {str(p) for p in marks}) & {str(p) for p in after["problems"] or ()}


# --- one household registered twice: `huurbeg case merge`, `huurbeg case unmerge` ------------------



@dataclass(frozen=True)
class MergeSides:
    """The two households of a merge (or of its undoing) as a worker compares them, before anything is written."""

    number: str
    other: str
    mine: dict  # the household of `number`: HOUSEHOLD_FIELDS and "cases", [(case, status)]
    theirs: dict
    shared: tuple[str, ...]  # what identifies both (huurbeg.domain.finding.shared_identity)

    def open_cases(self, side: dict) -> list[str]:
        return [number for number, status in side["cases"] if status == Status.OPEN]


def _side(household, cases) -> dict:
    return {name: getattr(household, name) for name in HOUSEHOLD_FIELDS} | {
        "cases": [(c.number, c.status) for c in cases]}


def merge_check(store: "Storage", number: str, other: str, force: bool = False) -> MergeSides:
    """Whether the households of two cases can be merged, and both of them to show side by side.

    Refused: the same case, households that are one already, two different national numbers, and,
    unless `force`, two households that share nothing identifying (a mistyped case number).
    """
    if number == other:
        raise InvalidInput(_("OTHER: give the case of the other household, not CASE itself"))
    case, duplicate = store.cases.case(number), store.cases.case(other)
    if case.household_id == duplicate.household_id:
        raise RuleViolation(_("cases {number} and {other} already belong to one household")
                            .format(number=number, other=other))
    keep, gone = store.cases.household(case), store.cases.household(duplicate)
    if keep.national_number and gone.national_number and keep.national_number != gone.national_number:
        raise RuleViolation(_("the households of {number} and {other} have different national register numbers: "
                              "they are not the same household").format(number=number, other=other))
    mine, theirs = _side(keep, store.cases.household_cases(case)), _side(gone, store.cases.household_cases(duplicate))
    shared = tuple(shared_identity(mine, theirs))
    if not shared and not force:
        raise RuleViolation(_("the households of {number} and {other} share nothing that identifies them "
                              "(name, birth date, national register number, phone or address); check both case "
                              "numbers").format(number=number, other=other), field="force", hint="force_merge")
    return MergeSides(number, other, mine, theirs, shared)


def merge_households(store: "Storage", number: str, other: str) -> list[str]:
    """Move OTHER's household and all its cases to CASE's household; returns the case numbers moved.

    The details CASE's household lacks are taken from OTHER's; the duplicate household is deleted,
    its details kept in the merge's record until the merge is undone or a purge erases them;
    'returning household' is recomputed for every case of the merged household.
    """
    case, duplicate = store.cases.case(number), store.cases.case(other)
    moved = store.retention.merge_households(case, duplicate)
    return moved


def unmerge_check(store: "Storage", number: str, other: str) -> tuple[MergeSides, object]:
    """The merge of the households of two cases that can be undone now, and both households as they
    will be again (CASE's first); refused with the reason when there is none."""
    if number == other:
        raise InvalidInput(_("OTHER: give the case of the other household, not CASE itself"))
    case, duplicate = store.cases.case(number), store.cases.case(other)
    merge = store.retention.merge_between(case, duplicate)
    if merge is None:
        raise RuleViolation(_("the households of {number} and {other} were never merged; 'huurbeg case history "
                              "{number}' shows the merges of a case").format(number=number, other=other))
    if merge.undone_at is not None:
        raise RuleViolation(_("the merge of the households of {number} and {other} was undone already")
                            .format(number=number, other=other))
    if merge.purged_at is not None:
        raise RuleViolation(_("the merge of the households of {number} and {other} can no longer be undone: a purge "
                              "erased the details of the household that was merged").format(number=number,
                                                                                            other=other))
    if case.household_id != duplicate.household_id:
        raise RuleViolation(_("cases {number} and {other} no longer belong to one household")
                            .format(number=number, other=other))
    if later := store.retention.later_merge(merge, case):
        raise RuleViolation(_("the household was merged again afterwards; undo that first with 'huurbeg case "
                              "unmerge {first} {second}'").format(first=later[0], second=later[1]))
    moved = store.retention.merge_cases(merge)[1]
    household = store.cases.household(case)
    back = given_back(merge, household)
    restored = {name: getattr(merge, name) for name in HOUSEHOLD_FIELDS}
    staying = {name: None if name in back else getattr(household, name) for name in HOUSEHOLD_FIELDS}
    returning = {m.id for m in moved}
    staying = staying | {"cases": [(c.number, c.status) for c in store.cases.household_cases(case) if c.id not in returning]}
    restored = restored | {"cases": [(c.number, c.status) for c in moved]}
    mine, theirs = (restored, staying) if case.id in returning else (staying, restored)
    return MergeSides(number, other, mine, theirs, ()), merge


def given_back(merge, household) -> list[str]:
    """The fields a household took from the one merged into it that an unmerge empties again: those
    still as they were taken (a value corrected since is the worker's, and stays)."""
    filled = merge.filled.split(",") if merge.filled else []
    return [name for name in filled if getattr(household, name) == getattr(merge, name)]


def unmerge_households(store: "Storage", merge) -> tuple[str, list[str]]:
    """Give the absorbed household of a merge its details and its cases back: (the case the merge was
    made on, the case numbers that return)."""
    return store.retention.unmerge_households(merge)


def returning_flags(cases: list[tuple[int, date, date | None]]) -> dict[int, bool]:
    """(id, intake date, closed date) of one household's cases → whether each is a returning household's:
    an earlier case of the household had been closed by its registration."""
    ordered = sorted(cases, key=lambda c: (c[1], c[0]))
    return {cid: any(closed is not None and closed <= intake and (i2, c2) < (intake, cid)
                     for c2, i2, closed in ordered) for cid, intake, _ in ordered}
