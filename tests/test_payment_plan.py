"""Payment-plan arithmetic: schedules at month ends, allocation, states."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from huurbeg.domain.payment_plan import (LATE_AFTER_DAYS, Instalment, allocate, balance, first_due, paid_late, schedule,
                                         states)


def dues(plan):
    return [i.due for i in plan]


def amounts(plan):
    return [i.amount for i in plan]


def test_twelve_months_for_1234_56_with_the_remainder_last():
    plan = schedule(123456, 10300, date(2026, 12, 1))
    assert len(plan) == 12
    assert amounts(plan) == [10300] * 11 + [123456 - 11 * 10300]
    assert sum(amounts(plan)) == 123456
    assert dues(plan)[0] == date(2026, 12, 1) and dues(plan)[-1] == date(2027, 11, 1)


def test_start_on_the_31st_clamps_short_months_without_drifting():
    plan = schedule(60000, 10000, date(2027, 1, 31))
    assert dues(plan) == [date(2027, 1, 31), date(2027, 2, 28), date(2027, 3, 31), date(2027, 4, 30),
                          date(2027, 5, 31), date(2027, 6, 30)]


def test_leap_year_february():
    plan = schedule(30000, 10000, date(2028, 1, 30), day=30)
    assert dues(plan) == [date(2028, 1, 30), date(2028, 2, 29), date(2028, 3, 30)]


@pytest.mark.parametrize("start, day, first", [
    (date(2026, 11, 22), 1, date(2026, 12, 1)),  # day already passed this month
    (date(2026, 11, 22), 25, date(2026, 11, 25)),
    (date(2026, 11, 22), 22, date(2026, 11, 22)),
    (date(2027, 2, 10), 31, date(2027, 2, 28)),
    (date(2027, 2, 28), 31, date(2027, 2, 28)),
])
def test_first_due(start, day, first):
    assert first_due(start, day) == first


def test_one_instalment_and_exact_division():
    assert amounts(schedule(5000, 5000, date(2026, 1, 1))) == [5000]
    assert amounts(schedule(30000, 10000, date(2026, 1, 1))) == [10000] * 3


@pytest.mark.parametrize("arrears, instalment, day, field", [
    (0, 100, None, "arrears"), (100, 0, None, "instalment"), (100, 200, None, "instalment"),
    (100, 50, 0, "day"), (100, 50, 32, "day"), (100_000_00, 1, None, "instalment"),
])
def test_impossible_plans_name_the_field(arrears, instalment, day, field):
    """The rule names the field (the command line adds its flag: tests/test_error_fields.py)."""
    with pytest.raises(ValueError) as refused:
        schedule(arrears, instalment, date(2026, 1, 1), day)
    assert refused.value.field == field and "--" not in str(refused.value)


PLAN = [Instalment(1, date(2027, 1, 1), 100), Instalment(2, date(2027, 2, 1), 100),
        Instalment(3, date(2027, 3, 1), 100), Instalment(4, date(2027, 4, 1), 50)]


@pytest.mark.parametrize("payments, expected", [
    ([], [0, 0, 0, 0]),
    ([(date(2027, 1, 2), 100)], [100, 0, 0, 0]),  # exact
    ([(date(2027, 1, 2), 60), (date(2027, 1, 20), 60)], [100, 20, 0, 0]),  # partial carries over
    ([(date(2027, 2, 3), 150)], [100, 50, 0, 0]),  # two due: oldest first
    ([(date(2026, 12, 28), 100)], [100, 0, 0, 0]),  # a few days early: the next one
    # paid on 2 January: instalment 1 is due; the 80 left go to instalment 2, the next to fall due
    ([(date(2027, 1, 2), 180)], [100, 80, 0, 0]),
])
def test_allocation(payments, expected):
    assert allocate(PLAN, payments) == expected


def test_overpayment_reduces_the_last_instalments():
    assert allocate(PLAN, [(date(2027, 1, 2), 300)]) == [100, 100, 50, 50]
    assert allocate(PLAN, [(date(2027, 1, 2), 230)]) == [100, 100, 0, 30]


def test_states_as_of():
    payments = [(date(2027, 1, 3), 100), (date(2027, 2, 5), 40)]
    by_day = {d: [s.state for s in states(PLAN, payments, d)] for d in (
        date(2026, 12, 31), date(2027, 2, 5), date(2027, 2, 1 + LATE_AFTER_DAYS + 1), date(2027, 3, 1),
        date(2027, 4, 1), date(2027, 5, 1))}
    assert by_day[date(2026, 12, 31)] == ["due", "due", "due", "due"]
    assert by_day[date(2027, 2, 5)] == ["paid", "partial", "due", "due"]
    assert by_day[date(2027, 2, 9)] == ["paid", "late", "due", "due"]
    assert by_day[date(2027, 3, 1)] == ["paid", "missed", "due", "due"]
    assert by_day[date(2027, 4, 1)] == ["paid", "missed", "missed", "due"]
    assert by_day[date(2027, 5, 1)] == ["paid", "missed", "missed", "missed"]


def test_payments_after_as_of_do_not_count():
    payments = [(date(2027, 1, 3), 100), (date(2027, 3, 3), 100)]
    assert [s.paid for s in states(PLAN, payments, date(2027, 2, 1))] == [100, 0, 0, 0]
    assert balance(350, payments, date(2027, 2, 1)) == 250
    assert balance(350, payments, date(2027, 3, 3)) == 150


def test_an_instalment_paid_five_weeks_late_keeps_the_day_and_the_delay():
    # January missed, paid with February's on 06/02: 36 days late; February on time
    payments = [(date(2027, 2, 6), 200)]
    january, february, *_ = states(PLAN, payments, date(2027, 2, 10))
    assert (january.state, january.paid_on, january.days_late, january.paid_late) == \
        ("paid", date(2027, 2, 6), 36, True)
    assert (february.state, february.paid_on, february.days_late, february.paid_late) == \
        ("paid", date(2027, 2, 6), 5, False)
    assert [s.seq for s in paid_late(states(PLAN, payments, date(2027, 2, 10)))] == [1]


def test_paid_within_the_grace_days_or_early_is_not_paid_late():
    payments = [(date(2027, 1, 1 + LATE_AFTER_DAYS), 100), (date(2027, 1, 20), 100)]
    january, february, *_ = states(PLAN, payments, date(2027, 2, 2))
    assert (january.days_late, january.paid_late) == (LATE_AFTER_DAYS, False)
    assert (february.paid_on, february.days_late, february.paid_late) == (date(2027, 1, 20), 0, False)
    assert paid_late(states(PLAN, payments, date(2027, 2, 2))) == []


def test_a_partial_payment_is_settled_on_the_day_it_is_paid_in_full():
    payments = [(date(2027, 1, 3), 40), (date(2027, 1, 30), 60)]
    assert states(PLAN, payments, date(2027, 1, 20))[0].paid_on is None
    january = states(PLAN, payments, date(2027, 2, 2))[0]
    assert (january.paid_on, january.days_late, january.paid_late) == (date(2027, 1, 30), 29, True)


def test_standing_of_a_plan_kept_with_delays_is_not_on_track():
    from huurbeg.domain.followup import standing

    late = [(date(2027, 2, 6), 200)]
    on_time = [(date(2027, 1, 1), 100), (date(2027, 2, 1), 100)]
    today = date(2027, 2, 10)
    assert standing("active", states(PLAN, late, today), today) == "caught-up"
    assert standing("active", states(PLAN, on_time, today), today) == "on-track"
    assert standing("active", states(PLAN, [], today), today) == "behind"


def test_a_plan_paid_late_once_with_the_next_instalment_due_and_unpaid_is_behind_not_caught_up():
    from huurbeg.domain.followup import standing

    plan = schedule(30000, 10000, date(2026, 11, 1))
    first_paid_late = [(date(2026, 11, 20), 10000)]
    today = date(2026, 12, 2)  # the second instalment fell due yesterday and is not paid
    assert standing("active", states(plan, first_paid_late, today), today) == "behind"
    paid_too = first_paid_late + [(date(2026, 12, 1), 10000)]
    assert standing("active", states(plan, paid_too, today), today) == "caught-up"


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)), st.integers(-240, 240))
def test_months_are_counted_as_relativedelta_counts_them(day, months):
    """The rules count a plan's last month and the three years of PW over every open case without dateutil: the
    same days, the end of a shorter month and 29 February included."""
    from dateutil.relativedelta import relativedelta

    from huurbeg.core.dates import months_later

    assert months_later(day, months) == day + relativedelta(months=months)
    assert months_later(day, 12 * (months // 12)) == day + relativedelta(years=months // 12)
