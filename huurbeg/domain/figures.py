"""The monthly figures the service reports (results table, recommendation 7 'need for data').

Each figure is defined once here: its key, its panel, what it counts, and its
breakdowns; the counting itself is SQL aggregates in huurbeg.db.figures. Output
is long format, one row per (figure, breakdown): the total first with an empty
breakdown, then every value of every breakdown in a fixed order, zeros included,
so that a cron job gets the same rows in the same order every month. Counts only:
no figure ever holds a name, an address or a note.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from dateutil.relativedelta import relativedelta

from huurbeg.core.codes import (ConciliationResult, Destination, DwellingKind, HearingResult, LandlordType, Outcome,
                                Problem, ReferralDestination, ReferralOutcome, Source, Track)
from huurbeg.core.i18n import N_, _
from huurbeg.core.messages import text_value
from huurbeg.core.money import Cents
from huurbeg.core.dates import fmt, month, parse_month, parse_year
from huurbeg.core.errors import Refused


@dataclass(frozen=True)
class Period:
    """A reporting period, both days included."""

    first: date
    last: date
    label: str

    def shown(self) -> str:
        """The period as a reader names it: november 2026, 2026, or its first and last day."""
        if self.first.day == 1 and self.last == self.first + relativedelta(months=1, days=-1):
            return f"{month(self.first)} {self.first.year}"
        if (self.first.month, self.first.day, self.last.month, self.last.day) == (1, 1, 12, 31) \
                and self.first.year == self.last.year:
            return f"{self.first.year}"
        return f"{fmt(self.first)} – {fmt(self.last)}"


def month_period(text: str, today: date) -> Period:
    """A month as a worker names it (huurbeg.core.dates.parse_month): 2026-10, 10/2026, oktober, okt 2026,
    10, last or this."""
    start = parse_month(text, today)
    return Period(start, start + relativedelta(months=1, days=-1), f"{start:%Y-%m}")


def year_period(text: str, today: date | None = None) -> Period:
    """A calendar year: 2026, last or this (huurbeg.core.dates.parse_year)."""
    year = parse_year(text, today or date.today())
    return Period(date(year, 1, 1), date(year, 12, 31), str(year))


def span_period(first: date, last: date) -> Period:
    if last < first:
        raise Refused(_("cannot be before {field:from}"), field="to")
    return Period(first, last, f"{first.isoformat()}..{last.isoformat()}")


def values_of(*enums: type[StrEnum], extra: tuple[str, ...] = ()) -> tuple[str, ...]:
    return tuple(m.value for e in enums for m in e) + extra


TRACKS = values_of(Track)
# (dimension, the values in their fixed order, the aggregate)
Breakdown = tuple[str, tuple[str, ...], Callable]


@dataclass(frozen=True)
class Figure:
    key: str
    panel: str
    counts: str
    total: Callable
    breakdowns: tuple[Breakdown, ...] = ()
    hours: bool = False  # minutes summed in SQL, reported as hours with one decimal
    euros: bool = False  # cents summed in SQL, reported as an amount in euros


FIGURES: tuple[Figure, ...] = (
    Figure("new_cases", "intake", "cases registered in the period (by track at intake, source, landlord type, "
           "problem; a case with several problems counts once per problem)",
           lambda f: f.new_cases(None),
           (("track", TRACKS, lambda f: f.new_cases("track")),
            ("source", values_of(Source), lambda f: f.new_cases("source")),
            ("landlord_type", values_of(LandlordType, extra=("none",)), lambda f: f.new_cases("landlord_type")),
            ("problem", values_of(Problem), lambda f: f.new_cases("problem")))),
    Figure("returning_households", "intake", "new cases of households that had an earlier, closed case",
           lambda f: f.returning_households()),
    Figure("open_cases", "caseload", "cases open on the last day of the period (by their track on that day)",
           lambda f: f.open_cases(), (("track", TRACKS, lambda f: f.open_cases()),)),
    Figure("closed_cases", "caseload", "cases closed in the period (by outcome, and by track when closed)",
           lambda f: f.closed_cases("outcome"),
           (("outcome", values_of(Outcome), lambda f: f.closed_cases("outcome")),
            ("track", TRACKS, lambda f: f.closed_cases("track")))),
    Figure("evictions_prevented", "results", "cases closed in the period with outcome eviction-prevented "
           "(by track when closed): counted once, when the case closes", lambda f: f.evictions_prevented(),
           (("track", TRACKS, lambda f: f.evictions_prevented()),)),
    Figure("households_referred", "results", "distinct cases with at least one referral dated in the period",
           lambda f: f.households_referred()),
    Figure("referrals", "results", "referrals dated in the period (by destination)", lambda f: f.referrals(),
           (("destination", values_of(ReferralDestination), lambda f: f.referrals()),)),
    Figure("referral_outcomes", "results", "referrals dated in the period, by the other service's "
           "answer: accepted, refused, no-answer (unanswered), pending (none recorded yet)", lambda f: f.referral_outcomes(),
           (("outcome", values_of(ReferralOutcome, extra=("pending",)), lambda f: f.referral_outcomes()),)),
    Figure("transit_admissions", "results", "households admitted to a transitional dwelling in the period",
           lambda f: f.admissions(DwellingKind.TRANSIT)),
    Figure("regular_market_moves", "results", "households that left a dwelling for the regular rental market",
           lambda f: f.moves_out(Destination.REGULAR_MARKET)),
    Figure("hearings", "court", "hearings of the period that took place by today, or were withdrawn or postponed "
           "before their day (by result; pending: took place, no outcome recorded yet)",
           lambda f: f.hearings(), (("result", values_of(HearingResult, extra=("pending",)), lambda f: f.hearings()),)),
    Figure("hearings_scheduled", "court", "hearings of the period still to come (after today), without an outcome",
           lambda f: f.hearings(scheduled=True)),
    Figure("conciliations", "court", "conciliation sessions (pre-OGP) of the period that took place by today, or were "
           "withdrawn before their day (by result; pending: took place, no outcome recorded yet)",
           lambda f: f.hearings("conciliation"),
           (("result", values_of(ConciliationResult, extra=("pending",)), lambda f: f.hearings("conciliation")),)),
    Figure("conciliations_scheduled", "court", "conciliation sessions of the period still to come (after today), "
           "without an outcome", lambda f: f.hearings("conciliation", scheduled=True)),
    Figure("judgments_served", "court", "judgments dissolving a lease served on the tenant in the period",
           lambda f: f.after_judgment("served")),
    Figure("evictions_announced", "court", "evictions a bailiff announced in the period",
           lambda f: f.after_judgment("announced")),
    Figure("evictions_carried_out", "court", "announced evictions carried out in the period",
           lambda f: f.after_judgment("carried_out")),
    Figure("evictions_averted", "court", "announced evictions averted after the judgment in the period "
           "('hearing eviction --result averted', on the day recorded; the case may stay open)",
           lambda f: f.after_judgment("averted")),
    Figure("evictions_left_before", "court", "households that left before their announced eviction, in the period",
           lambda f: f.after_judgment("left_before")),
    Figure("crisis_admissions", "housing", "households admitted to a crisis dwelling in the period",
           lambda f: f.admissions(DwellingKind.CRISIS)),
    Figure("moves_out", "housing", "households that left a dwelling in the period (by destination)",
           lambda f: f.moves_out(), (("destination", values_of(Destination), lambda f: f.moves_out()),)),
    Figure("dwellings", "housing", "the service's dwellings (by kind)", lambda f: f.dwellings(False),
           (("kind", values_of(DwellingKind), lambda f: f.dwellings(False)),)),
    Figure("dwellings_occupied", "housing", "dwellings occupied on the last day of the period (by kind)",
           lambda f: f.dwellings(True), (("kind", values_of(DwellingKind), lambda f: f.dwellings(True)),)),
    Figure("contacts", "work", "contacts in the period (by the case's track on the day)", lambda f: f.contacts(),
           (("track", TRACKS, lambda f: f.contacts()),)),
    Figure("home_visits", "work", "home visits in the period (by track)", lambda f: f.contacts(home_only=True),
           (("track", TRACKS, lambda f: f.contacts(home_only=True)),)),
    Figure("hours", "work", "hours spent on contacts in the period (by track), one decimal",
           lambda f: f.contacts(minutes=True), (("track", TRACKS, lambda f: f.contacts(minutes=True)),), hours=True),
    Figure("plans_paid_late", "work", "payment plans with an instalment paid in full in the period, but more than "
           "LATE_AFTER_DAYS after its due date: kept, with delays", lambda f: f.plans_paid_late()),
    Figure("fbu_agreements_signed", "fbu", "FBU guidance agreements signed in the period",
           lambda f: f.fbu("signed")),
    Figure("fbu_advances_paid", "fbu", "FBU advances paid to landlords in the period", lambda f: f.fbu("paid")),
    Figure("fbu_advances_paid_amount", "fbu", "the sum of those advances, in euros",
           lambda f: f.fbu("paid_amount"), euros=True),
    Figure("fbu_agreements_filed", "fbu", "FBU agreements filed with the Fund in the period",
           lambda f: f.fbu("filed")),
    Figure("fbu_plans_broken", "fbu", "FBU payment plans that became broken in the period "
           "(two instalments missed)", lambda f: f.fbu_plans_broken()),
)
PANELS = ("intake", "caseload", "results", "court", "housing", "work", "fbu")
HEADLINES = ("new_cases", "evictions_prevented", "households_referred", "transit_admissions",
             "regular_market_moves")
"""The figures of the service's results table, charted over twelve months."""


NAMES = {
    "new_cases": N_("new cases"), "returning_households": N_("returning households"),
    "open_cases": N_("open cases"), "closed_cases": N_("closed cases"),
    "evictions_prevented": N_("cases closed: eviction prevented"), "households_referred": N_("households referred"),
    "referrals": N_("referrals"), "referral_outcomes": N_("referrals by answer"),
    "transit_admissions": N_("transit admissions"), "regular_market_moves": N_("regular market moves"),
    "hearings": N_("hearings"), "hearings_scheduled": N_("hearings scheduled"),
    "conciliations": N_("conciliation sessions"), "conciliations_scheduled": N_("conciliation sessions scheduled"),
    "judgments_served": N_("judgments served"),
    "evictions_announced": N_("evictions announced"), "evictions_carried_out": N_("evictions carried out"),
    "evictions_averted": N_("announced evictions averted"),
    "evictions_left_before": N_("households left before the eviction"),
    "crisis_admissions": N_("crisis admissions"), "moves_out": N_("moves out"),
    "dwellings": N_("dwellings"), "dwellings_occupied": N_("dwellings occupied"), "contacts": N_("contacts"),
    "home_visits": N_("home visits"), "hours": N_("hours"),
    "plans_paid_late": N_("payment plans paid late"), "fbu_agreements_signed": N_("FBU agreements signed"),
    "fbu_advances_paid": N_("FBU advances paid"), "fbu_advances_paid_amount": N_("FBU advances paid amount"),
    "fbu_agreements_filed": N_("FBU agreements filed"), "fbu_plans_broken": N_("FBU plans broken"),
}
"""Each figure as a line of the figures on screen reads it (json and csv keep the key)."""
PANEL_NAMES = {"intake": N_("intake"), "caseload": N_("caseload"), "results": N_("results"), "court": N_("court"),
               "housing": N_("housing"), "work": N_("work"), "fbu": N_("FBU")}
DIMENSIONS = {"track": N_("track"), "source": N_("source"), "landlord_type": N_("landlord_type"),
              "problem": N_("problem"), "outcome": N_("outcome"), "destination": N_("destination"),
              "result": N_("result"), "kind": N_("kind")}
_CODES = {"track": (Track,), "source": (Source,), "landlord_type": (LandlordType,), "problem": (Problem,),
          "outcome": (Outcome, ReferralOutcome), "destination": (ReferralDestination, Destination),
          "result": (HearingResult, ConciliationResult), "kind": (DwellingKind,)}
EXTRA_VALUES = {"none": N_("none"), "pending": N_("pending")}


def figure_name(key: str) -> str:
    return _(NAMES[key]) if key in NAMES else key.replace("_", " ")


def panel_name(panel: str) -> str:
    return _(PANEL_NAMES.get(panel, panel))


def _value_name(dimension: str, value: str) -> str:
    if value in EXTRA_VALUES:
        return _(EXTRA_VALUES[value])
    for enum in _CODES.get(dimension, ()):
        try:
            return text_value(enum(value))
        except ValueError:
            continue
    return value


BREAKDOWN_SEPARATOR = " · "


def breakdown_items(dimension: str, values: list[tuple[str, str]]) -> tuple[str, list[str]]:
    """A dimension's name ('track:') and its breakdowns as the items a line may break between, never inside
    one: each value as the reader names it with its count ('pw 3', 'ogp 2')."""
    return f"{_(DIMENSIONS.get(dimension, dimension))}:", [f"{_value_name(dimension, v)} {n}".rstrip()
                                                            for v, n in values]


def breakdown_text(dimension: str, values: list[tuple[str, str]]) -> str:
    """One line of breakdowns, 'track: pw 3 · ogp 2', each value as the reader names it."""
    name, items = breakdown_items(dimension, values)
    return f"{name} " + BREAKDOWN_SEPARATOR.join(items)


def breakdown_words(breakdown: str) -> str:
    """A row's breakdown ('track=ogp') as the reader names it ('traject: OGP')."""
    dimension, _sep, value = breakdown.partition("=")
    return f"{_(DIMENSIONS.get(dimension, dimension))}: {_value_name(dimension, value)}"


@dataclass(frozen=True)
class Row:
    period: str
    figure: str
    breakdown: str
    value: int | float

    def as_dict(self) -> dict:
        return {"period": self.period, "figure": self.figure, "breakdown": self.breakdown, "value": self.value}


WORKER_FIGURES: tuple[tuple[str, str], ...] = (
    ("open_cases", "cases open on the last day of the period"),
    ("new_cases", "cases registered in the period"),
    ("closed_cases", "cases closed in the period"),
)
"""The caseload per worker: counts of cases by the worker responsible for them now (a handover
moves a case's past counts with it). Which workers there are changes with the team, so these
rows stay apart from the fixed rows of FIGURES: `stats --by-worker` writes them, and the table
shows them as a panel when more than one worker has cases."""


@dataclass(frozen=True)
class WorkerRow:
    period: str
    worker: str
    figure: str
    value: int

    def as_dict(self) -> dict:
        return {"period": self.period, "worker": self.worker, "figure": self.figure, "value": self.value}


def worker_rows(aggregates, period: Period) -> list[WorkerRow]:
    """Every worker with a case counted in the period, by name, each with every worker figure."""
    counted = aggregates.by_worker()
    return [WorkerRow(period.label, worker, key, counted[worker][key])
            for worker in sorted(counted) if any(counted[worker].values()) for key, _ in WORKER_FIGURES]


def hours(minutes: int | None) -> float:
    """Minutes as hours with one decimal, a half rounded up as a person rounds it (75 minutes: 1,3 hours):
    Python's round() takes a half to the even tenth, and the parts of a breakdown would not add up to it."""
    return ((minutes or 0) * 10 + 30) // 60 / 10


def compute(aggregates, period: Period, only: tuple[str, ...] | None = None) -> list[Row]:
    """Every figure of the period as rows, in the fixed order."""
    rows = []
    for figure in FIGURES:
        if only is not None and figure.key not in only:
            continue
        value = hours if figure.hours else \
            (lambda v: Cents(v or 0)) if figure.euros else (lambda v: v or 0)
        rows.append(Row(period.label, figure.key, "", value(figure.total(aggregates).get(None, 0))))
        for dimension, values, aggregate in figure.breakdowns:
            counted = aggregate(aggregates)
            rows.extend(Row(period.label, figure.key, f"{dimension}={v}", value(counted.get(v, 0))) for v in values)
    return rows


def last_months(period: Period, count: int = 12) -> list[Period]:
    """The `count` months ending with the period's last month, oldest first."""
    end = period.last.replace(day=1)
    return [month_period(f"{end - relativedelta(months=k):%Y-%m}", end) for k in reversed(range(count))]
