"""Payment plans for rent arrears (afbetalingsplan): schedule, allocation, states.

Pure arithmetic on integer cents and dates; the payments are the truth and
everything else is derived from them as of a given day.

- Schedule: monthly on day N from the start date, clamped to the last day of
  short months (31 → 30/04, 28/02 or 29/02), every date counted from the start
  month so a short month never shifts the later ones; the last instalment is
  the remainder.
- Allocation: a payment settles the instalments already due, oldest first; then
  the next one to fall due (paying a few days early is common); whatever is left
  reduces the plan from its end, so an extra payment shortens the plan instead
  of excusing next month's instalment.
- States as of a day: `paid`; `due` (nothing paid, not yet late: includes future
  instalments); `partial` (partly paid, not yet late); `late` (not fully paid
  LATE_AFTER_DAYS after its due date); `missed` (still not fully paid when the
  next instalment falls due, or a month after the last one).
- A paid instalment keeps the day it was paid in full and how many days after its due date
  that was: one paid more than LATE_AFTER_DAYS late was paid late, and the plan keeps it after
  the tenant caught up (a plan "caught up" is not a plan that was always on track).
"""

from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from huurbeg.core.dates import months_later
from huurbeg.core.i18n import _
from huurbeg.core.errors import Refused

LATE_AFTER_DAYS = 7
"""An instalment unpaid this many days after its due date is late (a warning)."""
BROKEN_AFTER_MISSED = 2
"""This many missed instalments mean the plan is broken (urgent)."""
MAX_INSTALMENTS = 240
"""Twenty years of monthly instalments: a longer plan is a typo in the instalment."""


@dataclass(frozen=True)
class Instalment:
    seq: int
    due: date
    amount: int  # cents


@dataclass(frozen=True)
class InstalmentState:
    seq: int
    due: date
    amount: int
    paid: int
    state: str  # paid, partial, due, late, missed
    paid_on: date | None = None  # the day it was paid in full
    days_late: int = 0  # how long after its due date that was (0: on time or early)

    @property
    def paid_late(self) -> bool:
        """Paid in full, but only after it had become late."""
        return self.paid_on is not None and self.days_late > LATE_AFTER_DAYS


def first_due(start: date, day: int) -> date:
    """The first date on or after `start` that falls on day `day` (clamped) of its month."""
    candidate = _on_day(start, day)
    return candidate if candidate >= start else _on_day(start + relativedelta(months=1), day)


def _on_day(month: date, day: int) -> date:
    return month + relativedelta(day=day)  # relativedelta clamps day=31 to the month's last day


def schedule(arrears: int, instalment: int, start: date, day: int | None = None) -> list[Instalment]:
    """The instalments of a plan; Refused names the field that makes it impossible."""
    if arrears <= 0:
        raise Refused(_("must be more than 0"), field="arrears")
    if instalment <= 0:
        raise Refused(_("must be more than 0"), field="instalment")
    if instalment > arrears:
        raise Refused(_("cannot be larger than the arrears"), field="instalment")
    day = start.day if day is None else day
    if not 1 <= day <= 31:
        raise Refused(_("use a day of the month from 1 to 31"), field="day")
    count = -(-arrears // instalment)
    if count > MAX_INSTALMENTS:
        raise Refused(_("too small: the plan would need {count} instalments (at most "
                        "{max_instalments})").format(count=count, max_instalments=MAX_INSTALMENTS), field="instalment")
    first = first_due(start, day)
    return [Instalment(seq=k + 1, due=_on_day(first + relativedelta(months=k), day),
                       amount=min(instalment, arrears - k * instalment))
            for k in range(count)]


def allocate(instalments: list[Instalment], payments: list[tuple[date, int]]) -> list[int]:
    """How much of each instalment the payments (date, cents) have settled."""
    return _settle(instalments, payments)[0]


def _settle(instalments: list[Instalment], payments: list[tuple[date, int]]) -> tuple[list[int], list[date | None]]:
    """How much of each instalment the payments settled, and the day each was settled in full."""
    paid = [0] * len(instalments)
    settled: list[date | None] = [None] * len(instalments)
    for when, amount in sorted(payments):
        open_now = [i for i, inst in enumerate(instalments) if inst.due <= when and paid[i] < inst.amount]
        upcoming = [i for i, inst in enumerate(instalments) if inst.due > when and paid[i] < inst.amount]
        order = open_now + upcoming[:1] + list(reversed(upcoming[1:]))
        for i in order:
            if amount == 0:
                break
            share = min(amount, instalments[i].amount - paid[i])
            paid[i] += share
            amount -= share
            if paid[i] == instalments[i].amount:
                settled[i] = when
    return paid, settled


def states(instalments: list[Instalment], payments: list[tuple[date, int]], as_of: date) -> list[InstalmentState]:
    """Every instalment with what was paid by `as_of` and its state on that day."""
    counted = [(when, amount) for when, amount in payments if when <= as_of]
    paid, settled = _settle(instalments, counted)
    result = []
    for i, inst in enumerate(instalments):
        next_due = instalments[i + 1].due if i + 1 < len(instalments) else months_later(inst.due, 1)
        days_late = max(0, (on - inst.due).days) if (on := settled[i]) else 0
        result.append(InstalmentState(inst.seq, inst.due, inst.amount, paid[i],
                                      _state(inst, paid[i], next_due, as_of), settled[i], days_late))
    return result


def paid_late(current: list[InstalmentState]) -> list[InstalmentState]:
    """The instalments paid in full only after they had become late: the plan was kept with delays."""
    return [s for s in current if s.paid_late]


_LATE = timedelta(days=LATE_AFTER_DAYS)


def _state(inst: Instalment, paid: int, next_due: date, as_of: date) -> str:
    if paid >= inst.amount:
        return "paid"
    if as_of >= next_due:
        return "missed"
    if as_of > inst.due + _LATE:
        return "late"
    return "partial" if paid else "due"


def balance(arrears: int, payments: list[tuple[date, int]], as_of: date) -> int:
    return arrears - sum(amount for when, amount in payments if when <= as_of)


def broken_spells(instalments: list[Instalment], payments: list[tuple[date, int]], until: date) -> list[date]:
    """Every day, up to `until`, on which a payment plan became broken (BROKEN_AFTER_MISSED instalments
    missed). A plan can recover when the tenant catches up, and break again later."""
    # The count of missed instalments changes only when one falls missed (the next falls due) or on a payment.
    turns = {nxt.due for nxt in instalments[1:]} | {when for when, _ in payments}
    if instalments:
        turns.add(months_later(instalments[-1].due, 1))
    spells, broken = [], False
    for day in sorted(d for d in turns if d <= until):
        now = sum(s.state == "missed" for s in states(instalments, payments, day)) >= BROKEN_AFTER_MISSED
        if now and not broken:
            spells.append(day)
        broken = now
    return spells


def broken_since(instalments: list[Instalment], payments: list[tuple[date, int]], as_of: date) -> date | None:
    """The day the plan became broken, if it is broken on `as_of`."""
    if sum(s.state == "missed" for s in states(instalments, payments, as_of)) < BROKEN_AFTER_MISSED:
        return None
    return broken_spells(instalments, payments, as_of)[-1]
