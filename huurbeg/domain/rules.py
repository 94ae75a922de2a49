"""Deadlines and warnings: which case needs attention, how badly, by when.

Pure functions of a `CaseFacts` snapshot and `today`; no database, no printing.
Every threshold the service works with is named here, once. Adding a rule is
adding one function decorated with `@rule`.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from huurbeg.domain import fbu, payment_plan
from huurbeg.core import money
from huurbeg.core.codes import ContactKind, Party, ReferralDestination, Severity, Status, Track, known
from huurbeg.core.errors import InvalidInput
from huurbeg.core.i18n import N_, Nn_, _, language
from huurbeg.core.messages import Msg
from huurbeg.domain.payment_plan import BROKEN_AFTER_MISSED, LATE_AFTER_DAYS, Instalment
from huurbeg.core.dates import long_day, months_later
from huurbeg.core.errors import RuleViolation

# --- thresholds ------------------------------------------------------------
PW_MAX_YEARS = 3
"""Preventive support (PW) lasts at most three years ("maximum 3 jaar")."""
PW_END_WARNING_DAYS = 60
"""Warn this many days before the three years run out."""
NO_CONTACT_DAYS = 30
"""An open case without contact for this long gets a warning."""
NO_CONTACT_DAYS_BY_TRACK = {Track.PRE_OGP: 14}
"""Tracks that need closer follow-up than NO_CONTACT_DAYS (pre-OGP: short follow-up)."""
TRACKS_WITHOUT_FOLLOW_UP = frozenset({Track.CRISIS})
"""Crisis housing needs no support ("geen begeleiding nodig"): no contact rule."""
HEARING_WARNING_DAYS = 6
"""The service often has only 1 to 6 days before a hearing: warn from six days before."""
HEARING_URGENT_DAYS = 1
"""A hearing today or tomorrow is urgent."""
EVICTION_URGENT_DAYS = 14
"""An announced eviction date this close is urgent; before that it stands as a warning with its countdown."""
EVICTION_TERM_MONTHS = 1
"""No eviction until one month after the judgment was served on the tenant (art. 1344quater Ger.W.),
unless the judge set another term (`hearing served --term-days`)."""
MAX_EVICTION_TERM_DAYS = 365
"""A term the judge set of more than a year is a typo."""
JUDGMENT_SERVICE_ASK_DAYS = 30
"""A dissolved lease whose judgment has not been served this long after it: ask the landlord or the bailiff."""
EARLIEST_EVICTION_URGENT_DAYS = 7
"""The month after service is the last chance to prevent the eviction: urgent in its last week."""
EVICTION_NOTICE_WORKING_DAYS = 5
"""The bailiff tells the tenant the eviction's date at least five working days ahead (art. 1344quater Ger.W.)."""
CRISIS_STAY_MONTHS = 4
"""A crisis stay lasts four months ("2*4 maanden")..."""
CRISIS_MAX_EXTENSIONS = 1
"""...and can be extended once, by another four months."""
CRISIS_END_WARNING_DAYS = 14
"""Warn this many days before a crisis stay ends."""
PLAN_BROKEN_HINT_TRACKS = frozenset({Track.PW})
"""Tracks from which a broken payment plan suggests moving the case to pre-OGP."""
FBU_ADVANCE_WARNING_WORKING_DAYS = 2
"""Warn this many working days before the FBU advance is due to the landlord (overdue after it)."""
FBU_FILING_WORKING_DAYS = 10
"""An FBU agreement not filed with the Fund this many working days after signing gets a warning."""
FBU_CLAIM_NOTICE_DAYS = 14
"""When an FBU plan breaks, the landlord reports it and gives the service at least two weeks
before going to court: the deadline of the broken plan."""
DEFAULT_WITHIN_DAYS = 14
"""How far ahead `deadlines` looks for deadlines that are not yet warnings."""
REFERRAL_CONFIRM_DAYS = 30
"""A referral without an answer from the other service this long after it is followed up."""
WARNING_TEXT_WIDTH = 37
"""What a warning's text may take in `deadlines` on an 80-column terminal, beside its severity, due date and case:
the court's warnings, where a day counts, say their fact within it. Every warning's fact, before its '; ', is
shorter still: `case list` gives it about 31 cells in Dutch beside the case number, the shortened name, the due date
and the severity (tests/test_columns.py renders every text there). A warning of two facts says both before the
'; ' ("no contact, hearing in 3 days")."""

# --- plausibility: values refused at input, before anything is written ---------
MAX_CONTACT_MINUTES = 8 * 60
"""A contact of more than a working day is a typo (900 meant as 90)."""
MIN_ADULTS = 1
"""A household has at least one adult: the tenant."""
MAX_PEOPLE = 30
"""More adults or children than this in one household is a typo."""
INSTALMENT_FAR_ABOVE_RENT = 2
"""An instalment of more than twice the monthly rent is asked about (refused without a terminal unless --force):
the household pays its rent as well, so 1500 typed for 150 on a rent of 450 is a typo, not a plan."""
PAYMENT_FAR_ABOVE_INSTALMENTS = 3
"""A payment of more than three instalments that is also more than what is due with the next instalment is
asked about (refused without a terminal unless --force): a tenant catching up pays two missed months with the
current one, rarely more, while 1500 typed for 150 is ten. Paying off the whole balance is never doubted."""
HEARING_BEFORE_REGISTRATION_MAX = relativedelta(years=1)
"""A hearing dated more than a year before the case's registration is a typo in the year."""


KINDS_THAT_REACH = frozenset({ContactKind.HOME, ContactKind.OFFICE, ContactKind.PHONE, ContactKind.CONSULTATION,
                              ContactKind.HEARING})
"""Contacts that reach the household unless the worker says otherwise (`visit --not-reached`: the door stayed
shut, nobody answered the phone); a letter or an e-mail reaches it only when answered (`visit --reached`)."""


MINUTES_BY_KIND = {ContactKind.HOME: 60, ContactKind.OFFICE: 45, ContactKind.CONSULTATION: 45,
                   ContactKind.HEARING: 60, ContactKind.PHONE: 15, ContactKind.EMAIL: 15, ContactKind.LETTER: 15}
"""The time a contact of each kind usually takes, proposed at the question of its minutes (Enter takes it): an
hour for a home visit or a hearing, three quarters for an office appointment or a consultation, a quarter for a
phone call, an e-mail or a letter. Without a terminal a contact logged without --minutes has none."""


def usual_minutes(kind: str) -> int:
    """The minutes proposed for a contact of this kind."""
    return MINUTES_BY_KIND.get(ContactKind(kind), 60)


def reaches(kind: str) -> bool:
    """Whether a contact of this kind reached the household, when the worker did not say."""
    return kind in KINDS_THAT_REACH


def check_contact_minutes(minutes: int | None, field: str = "minutes") -> None:
    if minutes is not None and not 0 <= minutes <= MAX_CONTACT_MINUTES:
        raise InvalidInput(_("use a number of minutes from 0 to {max_contact_minutes} (8 hours)")
                           .format(max_contact_minutes=MAX_CONTACT_MINUTES), field=field)


def check_household_size(adults: int | None, children: int | None) -> None:
    if adults is not None and not MIN_ADULTS <= adults <= MAX_PEOPLE:
        raise InvalidInput(_("use a number from {min_adults} to {max_people}: a household has at least "
                             "one adult").format(min_adults=MIN_ADULTS, max_people=MAX_PEOPLE), field="adults")
    if children is not None and not 0 <= children <= MAX_PEOPLE:
        raise InvalidInput(_("use a number from 0 to {max_people}").format(max_people=MAX_PEOPLE), field="children")


def check_birth_date_matches(number_birth_date: date | None, birth_date: date | None) -> None:
    """The birth date a national register number holds must be the birth date given (when both are known)."""
    if number_birth_date is not None and birth_date is not None and number_birth_date != birth_date:
        raise InvalidInput(_("holds another birth date than the {field:birth_date} given; check both"), field="national_number")


def hearing_doubts(at: datetime, field: str | None = "date") -> list[RuleViolation]:
    """A Justice of the Peace sits on working days: a hearing on a Saturday, Sunday or public holiday is more
    likely a typo than a session. Asked about on a terminal, refused without --force (prompts.vouch)."""
    if fbu.is_working_day(at.date()):
        return []
    return [RuleViolation(_("{day} is not a working day (no court sits on a Saturday, Sunday or public holiday)")
                          .format(day=long_day(at.date())), field=field)]


APPOINTMENT_AHEAD_MAX = relativedelta(months=3)
"""An invitation further ahead than this is a typo in the date (a year too far), not an appointment."""
APPOINTMENT_HOURS = (time(8, 0), time(20, 0))
"""A visit or an appointment is offered between these hours."""


def appointment_doubts(at: datetime, today: date) -> list[RuleViolation]:
    """What is implausible in the day and hour a household is invited for (a day that has passed is refused
    outright): a day more than three months ahead (a day and month typed without a year that fell in the next
    year), a Sunday or public holiday, an hour outside 08:00-20:00. Asked about on a terminal, refused without
    --force (prompts.vouch)."""
    day, doubts = at.date(), []
    if day > today + APPOINTMENT_AHEAD_MAX:
        doubts.append(RuleViolation(_("{day} is more than three months ahead").format(day=long_day(day)), field="date"))
    if day.weekday() == 6 or fbu.is_public_holiday(day):
        doubts.append(RuleViolation(_("{day} is a Sunday or a public holiday").format(day=long_day(day)), field="date"))
    first, last = APPOINTMENT_HOURS
    if not first <= at.time() <= last:
        doubts.append(RuleViolation(_("{time} is outside {first}-{last}").format(
            time=f"{at:%H:%M}", first=f"{first:%H:%M}", last=f"{last:%H:%M}"), field="time"))
    return doubts


def check_hearing_date(hearing_day: date, intake_date: date, field: str = "date") -> None:
    if hearing_day < intake_date - HEARING_BEFORE_REGISTRATION_MAX:
        raise InvalidInput(_("the hearing is more than a year before the case's registration "
                             "({intake_date:%d/%m/%Y}); check the year").format(intake_date=intake_date), field=field)


@dataclass(frozen=True)
class CaseFacts:
    """What the rules need to know about one case, gathered by the database layer."""

    case: str
    track: Track
    status: Status
    intake_date: date
    track_since: date
    consent_tenant: date | None = None
    consent_landlord: date | None = None
    has_landlord: bool = True  # a landlord is registered: without one, no landlord consent is waited for
    last_contact: date | None = None  # any contact, reached or not (a letter, a door that stayed shut)
    last_reached: date | None = None  # the latest contact that reached the household
    tenant_informed: bool = True  # False: opened from a court's notice before the tenant knew (COURT_NOTICE_SOURCES)
    next_planned: date | None = None
    instalments: tuple[Instalment, ...] = ()  # of the active payment plan
    payments: tuple[tuple[date, int], ...] = ()  # (date, cents) on the active plan
    agreements: tuple["OpenAgreement", ...] = ()  # not yet done
    hearing_at: datetime | None = None  # the next hearing without an outcome
    petition_date: date | None = None  # of that hearing: when the service learnt of it
    eviction_date: date | None = None  # the announced eviction of the lease a judge dissolved
    dissolved_on: date | None = None  # the latest judgment that dissolved the lease
    served: date | None = None  # that judgment served on the tenant (betekening)
    term_days: int | None = None  # the term the judge set before an eviction, when not one month
    eviction_announced: date | None = None  # the day the bailiff announced the eviction to the tenant
    eviction_result: str | None = None  # what happened (EvictionResult): the procedure has ended
    stay_kind: str | None = None  # of the dwelling the household lives in now: transit or crisis
    stay_end: date | None = None  # crisis: fixed; transit: the planned end, if any
    stay_review: date | None = None  # transit: a review date, if any
    fbu: "FbuFacts | None" = None  # the case's latest FBU guidance agreement
    referrals: tuple["OpenReferral", ...] = ()  # without an answer from the other service yet

    @property
    def prepared(self) -> bool:
        """A contact reached the household since the petition."""
        return self.last_reached is not None and self.petition_date is not None \
            and self.last_reached >= self.petition_date


@dataclass(frozen=True)
class OpenAgreement:
    """An agreement (afspraak) not yet marked done."""

    id: int
    party: str
    due: date


@dataclass(frozen=True)
class FbuFacts:
    """The latest FBU guidance agreement of a case (begeleidingsovereenkomst)."""

    signed: date
    advance: int  # cents
    advance_due: date
    paid: date | None = None  # the advance, to the landlord
    filed: date | None = None  # with the Fund
    plan_active: bool = False  # its payment plan is the case's active plan


@dataclass(frozen=True)
class OpenReferral:
    """A referral whose outcome (accepted, refused, no answer) is not recorded yet."""

    id: int
    destination: str
    date: date


@dataclass(frozen=True)
class CaseWarning:
    """One thing to act on: JSON shape {"case", "rule", "severity", "due", "message"}."""

    case: str
    rule: str
    severity: Severity
    due: date
    message: str

    def as_dict(self) -> dict:
        """The fields in their JSON order; render turns the date and severity into text."""
        return {"case": self.case, "rule": self.rule, "severity": self.severity,
                "due": self.due, "message": self.message}


Rule = Callable[[CaseFacts, date], Iterable[CaseWarning]]
RULES: list[Rule] = []


def rule(func: Rule) -> Rule:
    """Register a rule; its name (with dashes) is the `rule` slug of its warnings."""
    RULES.append(func)
    return func


RULE_NAMES = {
    "agreement-overdue": N_("agreement overdue"), "earliest-eviction-date": N_("earliest eviction date"),
    "eviction-date": N_("eviction date"), "eviction-short-notice": N_("eviction at short notice"),
    "fbu-advance-unpaid": N_("FBU advance unpaid"), "fbu-not-filed": N_("FBU agreement not filed"),
    "fbu-plan-broken": N_("FBU plan not kept"), "hearing-due": N_("hearing coming"),
    "instalment-unpaid": N_("instalment unpaid"), "judgment-not-served": N_("judgment not served"),
    "next-contact-passed": N_("planned contact"), "no-contact": N_("contact due"),
    "pw-consent-missing": N_("PW consent missing"), "pw-max-duration": N_("PW maximum duration"),
    "referral-unconfirmed": N_("referral unanswered"), "stay-ending": N_("end of stay"),
    "tenant-not-reached": N_("tenant not reached"),
}
"""Each rule as a Dutch reader names it in the Rule column; json and csv keep the slug."""


def rule_name(slug: str) -> str:
    """A warning's rule on a Dutch screen by its name; an English one keeps the slug."""
    return _(RULE_NAMES[slug]) if slug in RULE_NAMES and language() == "nl" else slug


def _warning(facts: CaseFacts, func_name: str, severity: Severity, due: date, message: str) -> CaseWarning:
    return CaseWarning(facts.case, func_name.replace("_", "-"), severity, due, message)


def _countdown(due: date, today: date, window_days: int, near: Severity) -> Severity:
    """OVERDUE once `due` has passed, `near` within `window_days` of it, INFO before that."""
    days = (due - today).days
    if days < 0:
        return Severity.OVERDUE
    return near if days <= window_days else Severity.INFO


def consents_missing(track: Track, has_landlord: bool, tenant: bool, landlord: bool) -> set[Party]:
    """Whose consent PW support still waits for before it starts: the tenant's and, when a landlord is
    registered, the landlord's (a case without a landlord has no landlord to consent). Other tracks wait for none.
    The one condition the warnings, the landlord's letter and report, and the figures read."""
    if track != Track.PW:
        return set()
    needed = {Party.TENANT: tenant} | ({Party.LANDLORD: landlord} if has_landlord else {})
    return {party for party, given in needed.items() if not given}


@rule
def pw_consent_missing(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """PW support starts only when both tenant and landlord consent (a case without a landlord: the tenant)."""
    missing = consents_missing(facts.track, facts.has_landlord, facts.consent_tenant is not None,
                               facts.consent_landlord is not None)
    message = {(True, True): N_("no consent of tenant or landlord; PW support cannot start"),
               (True, False): N_("consent of tenant missing; PW support cannot start"),
               (False, True): N_("consent of landlord missing; PW support cannot start")}.get(
        (Party.TENANT in missing, Party.LANDLORD in missing))
    if message:
        yield _warning(facts, "pw_consent_missing", Severity.WARNING, facts.track_since, Msg(message))


@rule
def pw_max_duration(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """PW support lasts at most three years from the start of the track."""
    if facts.track != Track.PW:
        return
    end = months_later(facts.track_since, 12 * PW_MAX_YEARS)
    severity = _countdown(end, today, PW_END_WARNING_DAYS, Severity.WARNING)
    message = {Severity.OVERDUE: N_("PW past its {years}-year maximum"),
               Severity.WARNING: N_("PW nears its {years}-year maximum"),
               Severity.INFO: N_("end of the {years}-year PW maximum")}[severity]
    yield _warning(facts, "pw_max_duration", severity, end, Msg(message, years=PW_MAX_YEARS))


@rule
def tenant_not_reached(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A case the court's notice opened before the tenant knew (huurbeg.domain.casework.check_informed): until a contact
    reaches the household it is followed as "not yet reached", urgent while the hearing is six days away or less."""
    if facts.tenant_informed or facts.last_reached is not None:
        return
    hearing = facts.hearing_at.date() if facts.hearing_at is not None else None
    near = hearing is not None and (hearing - today).days <= HEARING_WARNING_DAYS
    message = Msg(N_("tenant not reached before hearing")) if hearing else \
        Msg(N_("tenant not reached (court's notice)"))
    yield _warning(facts, "tenant_not_reached", Severity.URGENT if near else Severity.WARNING,
                   hearing or facts.intake_date, message)


@rule
def no_contact(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """An open case needs a contact that reaches the household every 30 days (14 on pre-OGP): a letter nobody
    answered or a door that stayed shut is work done, not contact."""
    if facts.track in TRACKS_WITHOUT_FOLLOW_UP:
        return
    days = NO_CONTACT_DAYS_BY_TRACK.get(facts.track, NO_CONTACT_DAYS)
    since = max(filter(None, (facts.last_reached, facts.intake_date)))
    due = since + timedelta(days=days)
    if today > due:
        what = Nn_("no contact for {days} day", "no contact for {days} days") if facts.last_reached \
            else Nn_("no contact since intake: {days} day", "no contact since intake: {days} days")
        yield _warning(facts, "no_contact", Severity.WARNING, due, Msg(what, count=(today - since).days,
                                                                      days=(today - since).days))
    else:
        yield _warning(facts, "no_contact", Severity.INFO, due,
                       Msg(N_("contact due ({days}-day follow-up)"), days=days))


@rule
def next_contact_passed(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The planned next contact is a promise to the household: flag it once it has passed."""
    planned = facts.next_planned
    if planned is None or (facts.last_contact is not None and facts.last_contact >= planned):
        return
    if today > planned:
        yield _warning(facts, "next_contact_passed", Severity.WARNING, planned, Msg(N_("planned contact has passed")))
    else:
        yield _warning(facts, "next_contact_passed", Severity.INFO, planned, Msg(N_("planned contact")))


@rule
def instalment_unpaid(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """An instalment unpaid a week after its due date; two missed ones break the plan."""
    if not facts.instalments:
        return
    current = payment_plan.states(list(facts.instalments), list(facts.payments), today)
    missed = [s for s in current if s.state == "missed"]
    unpaid = [s for s in current if s.state in ("late", "missed")]
    if len(missed) >= BROKEN_AFTER_MISSED:
        if facts.fbu is not None and facts.fbu.plan_active:
            return  # fbu_plan_broken says it, with what the landlord must do first
        message = N_("plan broken: {missed} instalments missed; consider moving the case to pre-ogp") \
            if facts.track in PLAN_BROKEN_HINT_TRACKS else N_("plan broken: {missed} instalments missed")
        yield _warning(facts, "instalment_unpaid", Severity.URGENT, missed[0].due, Msg(message, missed=len(missed)))
    elif unpaid:
        first = unpaid[0]
        yield _warning(facts, "instalment_unpaid", Severity.WARNING,
                       first.due + timedelta(days=LATE_AFTER_DAYS),
                       Msg(N_("instalment {seq}: {open} unpaid; of {amount}, due {due}"), seq=first.seq,
                           amount=money.fmt(first.amount), due=f"{first.due:%d/%m/%Y}",
                           open=money.fmt(first.amount - first.paid)))
    elif upcoming := [s for s in current if s.state in ("due", "partial")]:
        yield _warning(facts, "instalment_unpaid", Severity.INFO, upcoming[0].due,
                       Msg(N_("instalment {seq} of {amount} due"), seq=upcoming[0].seq,
                           amount=money.fmt(upcoming[0].amount)))


@rule
def agreement_overdue(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """An agreement past its due date and not marked done."""
    for agreement in facts.agreements:
        if today > agreement.due:
            yield _warning(facts, "agreement_overdue", Severity.WARNING, agreement.due,
                           Msg(N_("agreement {id} ({party}) overdue"), id=agreement.id,
                               party=known(Party, agreement.party)))
        else:
            yield _warning(facts, "agreement_overdue", Severity.INFO, agreement.due,
                           Msg(N_("agreement {id} ({party}) due"), id=agreement.id,
                               party=known(Party, agreement.party)))


@rule
def hearing_due(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The hearing is the deadline: warn six days before, urgent the day before or when unprepared."""
    if facts.hearing_at is None:
        return
    day = facts.hearing_at.date()
    days = (day - today).days
    when = {"date": f"{facts.hearing_at:%d/%m/%Y}", "time": f"{facts.hearing_at:%H:%M}"}
    # The due column holds the date: the message leads with what is wrong and, without contact, says both.
    message: str | tuple[str, str]
    if days < 0:
        severity, message = Severity.OVERDUE, N_("no outcome yet: hearing {date}")
    elif days <= HEARING_URGENT_DAYS:
        severity = Severity.URGENT
        message = N_("hearing on {date} at {time}") if facts.prepared else N_("no contact, hearing at {time}")
    elif days <= HEARING_WARNING_DAYS:
        severity = Severity.WARNING if facts.prepared else Severity.URGENT
        message = Nn_("hearing in {days} day at {time}", "hearing in {days} days at {time}") \
            if facts.prepared else Nn_("no contact, hearing in {days} day", "no contact, hearing in {days} days")
    else:
        severity = Severity.INFO if facts.prepared else Severity.WARNING
        message = N_("hearing on {date} at {time}") if facts.prepared else N_("no contact, hearing on {date}")
    yield _warning(facts, "hearing_due", severity, day, Msg(message, count=days, days=days, **when))


def earliest_eviction(served: date, term_days: int | None = None) -> date:
    """The first day a bailiff may evict after the judgment was served on `served`: the term counted as the
    Judicial Code counts terms. The day of service is not counted and the term's last day is (art. 52); a term in
    months runs from date to date (art. 54: served on 15/01, the month ends on 15/02; on 31/01, on the last day
    of February); a last day on a Saturday, Sunday or legal holiday moves to the next working day (art. 53). The
    eviction may follow once the term is over, on a working day (no execution on a Saturday, Sunday or holiday,
    art. 47): the first working day after the term's last day."""
    last = served + (timedelta(days=term_days) if term_days is not None
                     else relativedelta(months=EVICTION_TERM_MONTHS))
    while not fbu.is_working_day(last):
        last += timedelta(days=1)
    return fbu.add_working_days(last, 1)


def short_notice(announced: date, eviction: date) -> bool:
    """Whether fewer than five working days lie between the bailiff's announcement and the eviction's day
    (neither day counted)."""
    between = 0
    day = announced + timedelta(days=1)
    while day < eviction:
        between += fbu.is_working_day(day)
        day += timedelta(days=1)
    return between < EVICTION_NOTICE_WORKING_DAYS


def check_term_days(term_days: int | None) -> None:
    if term_days is not None and not 1 <= term_days <= MAX_EVICTION_TERM_DAYS:
        raise InvalidInput(_("use a number of days from 1 to {most}; without it the term is one "
                             "month").format(most=MAX_EVICTION_TERM_DAYS), field="term_days")


@rule
def judgment_not_served(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A dissolved lease is followed through the service of its judgment: without it there is no eviction, and
    30 days without one is worth asking the landlord or the bailiff about."""
    if facts.dissolved_on is None or facts.served is not None or facts.eviction_date is not None \
            or facts.eviction_result is not None:
        return
    due = facts.dissolved_on + timedelta(days=JUDGMENT_SERVICE_ASK_DAYS)
    if today > due:
        yield _warning(facts, "judgment_not_served", Severity.WARNING, due,
                       Msg(N_("judgment not served after {days} days"), days=JUDGMENT_SERVICE_ASK_DAYS))
    else:
        yield _warning(facts, "judgment_not_served", Severity.INFO, due,
                       Msg(N_("judgment of {date} not served"), date=f"{facts.dissolved_on:%d/%m/%Y}"))


@rule
def earliest_eviction_date(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The month after the judgment's service is the last chance to prevent the eviction: counted down, urgent in
    its last week; once it is over, an eviction can be announced any day."""
    if facts.served is None or facts.eviction_date is not None or facts.eviction_result is not None:
        return
    earliest = earliest_eviction(facts.served, facts.term_days)
    days = (earliest - today).days
    message: str | tuple[str, str]
    if days < 0:
        severity, message = Severity.WARNING, N_("eviction possible, no date yet")
    else:
        severity = Severity.URGENT if days <= EARLIEST_EVICTION_URGENT_DAYS else Severity.WARNING
        message = Nn_("eviction possible in {days} day", "eviction possible in {days} days")
    yield _warning(facts, "earliest_eviction_date", severity, earliest,
                   Msg(message, count=days, days=days, date=f"{earliest:%d/%m/%Y}"))


@rule
def eviction_short_notice(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The bailiff must announce the eviction's date at least five working days ahead: a shorter notice is worth
    raising with the bailiff or a lawyer before the day."""
    if facts.eviction_date is None or facts.eviction_announced is None or facts.eviction_result is not None \
            or today > facts.eviction_date or not short_notice(facts.eviction_announced, facts.eviction_date):
        return
    yield _warning(facts, "eviction_short_notice", Severity.WARNING, facts.eviction_date,
                   Msg(N_("announced late: < {days} working days"), days=EVICTION_NOTICE_WORKING_DAYS))


@rule
def eviction_date(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The bailiff's announced date is the next deadline, until what happened is recorded: a standing warning
    with its countdown from the day it is known, urgent in its last two weeks."""
    if facts.eviction_date is None or facts.eviction_result is not None:
        return
    severity = _countdown(facts.eviction_date, today, EVICTION_URGENT_DAYS, Severity.URGENT)
    if severity == Severity.INFO:
        severity = Severity.WARNING
    message = N_("eviction passed: record the result") if severity == Severity.OVERDUE \
        else Nn_("eviction in {days} day", "eviction in {days} days")
    yield _warning(facts, "eviction_date", severity, facts.eviction_date,
                   Msg(message, count=(facts.eviction_date - today).days, days=(facts.eviction_date - today).days))


@rule
def stay_ending(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A crisis stay ends after four months (one extension); a transitional stay at its planned end or review."""
    if facts.stay_kind == "crisis" and facts.stay_end is not None:
        severity = _countdown(facts.stay_end, today, CRISIS_END_WARNING_DAYS, Severity.WARNING)
        messages: dict[Severity, str | tuple[str, str]] = {
            Severity.OVERDUE: N_("crisis stay has passed its end"),
            Severity.WARNING: Nn_("crisis stay ends in {days} day", "crisis stay ends in {days} days"),
            Severity.INFO: N_("end of the crisis stay")}
        message = messages[severity]
        yield _warning(facts, "stay_ending", severity, facts.stay_end,
                       Msg(message, count=(facts.stay_end - today).days, days=(facts.stay_end - today).days))
    elif facts.stay_kind == "transit":
        for when, upcoming, passed in (
                (facts.stay_end, N_("transitional stay: planned end"), N_("transitional stay: end passed")),
                (facts.stay_review, N_("transitional stay: review date"),
                 N_("transitional stay: review overdue"))):
            if when is not None:
                severity = Severity.WARNING if today > when else Severity.INFO
                yield _warning(facts, "stay_ending", severity, when, Msg(passed if today > when else upcoming))


@rule
def fbu_advance_unpaid(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """The service pays the FBU advance within 10 working days after signing: warn 2 working days before."""
    agreement = facts.fbu
    if agreement is None or agreement.paid is not None:
        return
    due, amount = agreement.advance_due, money.fmt(agreement.advance)
    if today > due:
        severity, message = Severity.OVERDUE, N_("FBU advance of {amount} overdue; it is paid to the landlord")
    elif today >= fbu.subtract_working_days(due, FBU_ADVANCE_WARNING_WORKING_DAYS):
        severity, message = Severity.WARNING, N_("FBU advance of {amount} due; not paid to the landlord yet")
    else:
        severity, message = Severity.INFO, N_("FBU advance of {amount} due; it is paid to the landlord")
    yield _warning(facts, "fbu_advance_unpaid", severity, due, Msg(message, amount=amount))


@rule
def fbu_not_filed(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A signed FBU agreement is filed with the Fund through its portal within 10 working days."""
    agreement = facts.fbu
    if agreement is None or agreement.filed is not None:
        return
    due = fbu.add_working_days(agreement.signed, FBU_FILING_WORKING_DAYS)
    if today > due:
        yield _warning(facts, "fbu_not_filed", Severity.WARNING, due,
                       Msg(N_("FBU agreement not filed; signed {date}, to file with the Fund"),
                           date=f"{agreement.signed:%d/%m/%Y}"))
    else:
        yield _warning(facts, "fbu_not_filed", Severity.INFO, due, Msg(N_("file the FBU agreement; with the Fund, through its portal")))


@rule
def fbu_plan_broken(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A broken FBU plan: the landlord must give the service two weeks before a claim in court."""
    agreement = facts.fbu
    if agreement is None or not agreement.plan_active or not facts.instalments:
        return
    since = payment_plan.broken_since(list(facts.instalments), list(facts.payments), today)
    if since is None:
        return
    yield _warning(facts, "fbu_plan_broken", Severity.URGENT, since + timedelta(days=FBU_CLAIM_NOTICE_DAYS),
                   Msg(N_("FBU plan broken on {date}; the landlord must report it and give the service at "
                          "least 2 weeks to find a solution before a claim in court"), date=f"{since:%d/%m/%Y}"))


@rule
def referral_unconfirmed(facts: CaseFacts, today: date) -> Iterator[CaseWarning]:
    """A referral is followed up: without an answer 30 days after it, ask the other service."""
    for referral in facts.referrals:
        due = referral.date + timedelta(days=REFERRAL_CONFIRM_DAYS)
        if today > due:
            yield _warning(facts, "referral_unconfirmed", Severity.WARNING, due,
                           Msg(N_("referral {id} not confirmed; sent to {to}"), id=referral.id,
                               to=known(ReferralDestination, referral.destination)))
        else:
            yield _warning(facts, "referral_unconfirmed", Severity.INFO, due,
                           Msg(N_("referral {id}: answer expected; sent to {to}"), id=referral.id,
                               to=known(ReferralDestination, referral.destination)))


def warnings_for(facts: CaseFacts, today: date) -> list[CaseWarning]:
    """Every warning of one open case; a closed case has none."""
    if facts.status != Status.OPEN:
        return []
    return [w for check in RULES for w in check(facts, today)]


def most_urgent_first(warnings: Iterable[CaseWarning]) -> list[CaseWarning]:
    """Most severe first, then earliest due, then case number (a stable order)."""
    return sorted(warnings, key=lambda w: (-w.severity.rank, w.due, w.case, w.rule))


def actionable(warnings: Iterable[CaseWarning], today: date, within_days: int) -> list[CaseWarning]:
    """Warnings worth showing: every warning and worse, and what is due within `within_days`."""
    horizon = today + timedelta(days=within_days)
    return most_urgent_first(w for w in warnings if w.severity != Severity.INFO or w.due <= horizon)
