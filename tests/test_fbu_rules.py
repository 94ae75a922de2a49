"""FBU guidance agreements: working days, the fund's conditions, the advance, and the warnings (fixed dates)."""

from datetime import date, timedelta

import pytest

from huurbeg.domain import fbu
from huurbeg.core.codes import Severity, Status, Track
from huurbeg.domain.payment_plan import broken_since, broken_spells, schedule
from huurbeg.domain.rules import FbuFacts, CaseFacts, warnings_for


@pytest.mark.parametrize("start, expected, around", [
    (date(2026, 11, 20), date(2026, 11, 23), "a weekend: Friday to Monday"),
    (date(2026, 4, 3), date(2026, 4, 7), "Easter Monday 06/04/2026 (Good Friday is a working day)"),
    (date(2026, 4, 30), date(2026, 5, 4), "1 May 2026, a Friday"),
    (date(2026, 5, 7), date(2026, 5, 8), "8 May is not a Belgian public holiday: a working day"),
    (date(2026, 5, 13), date(2026, 5, 15), "Ascension 14/05/2026"),
    (date(2026, 5, 22), date(2026, 5, 26), "Whit Monday 25/05/2026"),
    (date(2026, 7, 20), date(2026, 7, 22), "21 July 2026, a Tuesday"),
    (date(2025, 8, 14), date(2025, 8, 18), "15 August 2025, a Friday"),
    (date(2027, 10, 29), date(2027, 11, 2), "1 November 2027, a Monday"),
    (date(2026, 11, 10), date(2026, 11, 12), "11 November 2026, a Wednesday"),
    (date(2025, 12, 24), date(2025, 12, 26), "Christmas 2025; 26 December is a working day"),
    (date(2026, 12, 24), date(2026, 12, 28), "Christmas 2026, a Friday, then the weekend"),
])
def test_the_next_working_day_around_each_holiday(start, expected, around):
    assert fbu.add_working_days(start, 1) == expected, around


@pytest.mark.parametrize("day", [date(2026, 4, 6), date(2026, 5, 1), date(2026, 5, 14), date(2026, 5, 25),
                                 date(2026, 7, 21), date(2025, 8, 15), date(2027, 11, 1), date(2026, 11, 11),
                                 date(2026, 12, 25), date(2026, 1, 1)])
def test_public_holidays_on_weekdays_are_not_working_days(day):
    assert day.weekday() < 5 and not fbu.is_working_day(day)


def test_8_may_and_good_friday_and_26_december_are_working_days():
    assert all(fbu.is_working_day(d) for d in (date(2026, 5, 8), date(2026, 4, 3), date(2025, 12, 26)))


@pytest.mark.parametrize("signed, due", [
    (date(2026, 5, 4), date(2026, 5, 19)),  # 8 May counts, Ascension does not
    (date(2026, 11, 5), date(2026, 11, 20)),  # 11 November skipped
    (date(2026, 11, 20), date(2026, 12, 4)),  # two weekends
    (date(2026, 12, 18), date(2027, 1, 5)),  # Christmas and New Year
    (date(2026, 11, 21), date(2026, 12, 4)),  # signed on a Saturday: counting starts on Monday
])
def test_the_advance_is_due_ten_working_days_after_signing(signed, due):
    assert fbu.advance_due(signed) == due


def test_subtracting_working_days_skips_the_same_days():
    assert fbu.subtract_working_days(date(2026, 11, 12), 2) == date(2026, 11, 9)  # over 11 November
    assert fbu.subtract_working_days(date(2026, 11, 23), 2) == date(2026, 11, 19)  # over a weekend


@pytest.mark.parametrize("signed, cap", [
    (date(2019, 9, 1), 1_250_00),  # before the first known amount: the first one
    (date(2020, 6, 1), 1_250_00),
    (date(2021, 12, 31), 1_250_00),  # between two known amounts: the last known one
    (date(2022, 1, 1), 1_316_00),
    (date(2023, 3, 1), 1_477_00),
    (date(2024, 1, 1), 1_482_00),
    (date(2026, 11, 20), 1_482_00),  # no newer amount known: 2024's
])
def test_the_cap_of_the_advance_by_signing_date(signed, cap):
    assert fbu.advance_maximum(signed) == cap
    assert fbu.advance_for(4_000_00, signed) == cap  # half of € 4.000 is above every cap
    assert fbu.advance_for(2_000_00, signed) == 1_000_00  # half of € 2.000 is below every cap


def test_the_maximum_table_is_one_ordered_table_with_sources():
    starts = [since for since, _, _ in fbu.ADVANCE_MAXIMUM]
    assert starts == sorted(starts) and all(source for _, _, source in fbu.ADVANCE_MAXIMUM)


def terms(**changes):
    given = dict(arrears=1_950_00, rent=650_00, landlord_type="private", signed=date(2026, 11, 5),
                 today=date(2026, 11, 22))
    return fbu.terms(**(given | changes))


def test_the_done_when_terms():
    agreed = terms()
    assert (agreed.advance, agreed.balance, agreed.advance_due) == (975_00, 975_00, date(2026, 11, 20))


def test_half_a_cent_is_rounded_down():
    assert terms(arrears=1_950_01).advance == 975_00


@pytest.mark.parametrize("arrears, ok", [(1_300_00, True), (1_299_99, False), (3_900_00, True), (3_900_01, False)])
def test_arrears_from_two_to_six_rents_both_included(arrears, ok):
    if ok:
        assert terms(arrears=arrears).arrears == arrears
    else:
        with pytest.raises(fbu.NotEligible, match="outside the FBU range of 2 to 6 times the rent"):
            terms(arrears=arrears)


@pytest.mark.parametrize("changes, message", [
    ({"rent": None}, "rent of the case is unknown"),
    ({"landlord_type": "shm"}, "private landlord or an SVK, not an SHM"),
    ({"landlord_type": "other"}, "private landlord or an SVK, not other"),
    ({"landlord_type": None}, "no landlord"),
    ({"arrears": None}, "arrears are unknown"),
    ({"signed": date(2026, 11, 23)}, "cannot be signed in the future"),
    ({"advance": 975_01}, "more than the fund allows"),
    ({"advance": 0}, "more than 0"),
])
def test_conditions_name_the_rule(changes, message):
    with pytest.raises(fbu.NotEligible, match=message):
        terms(**changes)


def test_svk_is_eligible_and_an_agreed_advance_below_the_maximum_is_kept():
    agreed = terms(landlord_type="svk", advance=900_00)
    assert (agreed.advance, agreed.balance) == (900_00, 1_050_00)


def test_the_cap_applies_to_an_agreed_advance_and_force_overrides_it():
    with pytest.raises(fbu.NotEligible, match=r"up to € 1.482,00 in 2026, so at most € 1.482,00"):
        terms(arrears=3_900_00, advance=1_950_00)
    assert terms(arrears=3_900_00, advance=1_950_00, force=True).advance == 1_950_00
    with pytest.raises(fbu.NotEligible, match="less than the arrears"):
        terms(advance=1_950_00, force=True)


# --- warnings -------------------------------------------------------------------------------------
SIGNED = date(2026, 11, 5)  # advance and filing due 20/11/2026 (11 November skipped)


def facts(agreement=None, **changes) -> CaseFacts:
    base = dict(case="2026-0001", track=Track.PW, status=Status.OPEN, intake_date=date(2026, 1, 5),
                track_since=date(2026, 1, 5), consent_tenant=date(2026, 1, 5), consent_landlord=date(2026, 1, 5),
                last_contact=date(2026, 11, 20),
                fbu=agreement or FbuFacts(signed=SIGNED, advance=975_00, advance_due=fbu.advance_due(SIGNED)))
    return CaseFacts(**(base | changes))


def found(rule, today, agreement=None, **changes):
    return [(w.severity, w.due) for w in warnings_for(facts(agreement, **changes), today)
            if w.rule == rule and (w.severity != Severity.INFO or rule == "fbu-plan-broken")]


@pytest.mark.parametrize("today, expected", [
    (date(2026, 11, 17), []),  # three working days before: not yet
    (date(2026, 11, 18), [(Severity.WARNING, date(2026, 11, 20))]),  # two working days before
    (date(2026, 11, 20), [(Severity.WARNING, date(2026, 11, 20))]),  # the due date itself
    (date(2026, 11, 21), [(Severity.OVERDUE, date(2026, 11, 20))]),
])
def test_advance_unpaid(today, expected):
    assert found("fbu-advance-unpaid", today) == expected


def test_advance_warning_counts_working_days_back_over_a_holiday():
    signed = date(2026, 10, 29)  # due 13/11/2026; two working days before is 10/11 (11 November skipped)
    agreement = FbuFacts(signed=signed, advance=975_00, advance_due=fbu.advance_due(signed))
    assert agreement.advance_due == date(2026, 11, 13)
    assert found("fbu-advance-unpaid", date(2026, 11, 9), agreement) == []
    assert found("fbu-advance-unpaid", date(2026, 11, 10), agreement) == [(Severity.WARNING, date(2026, 11, 13))]


def test_a_paid_advance_has_no_warning():
    paid = FbuFacts(signed=SIGNED, advance=975_00, advance_due=date(2026, 11, 20), paid=date(2026, 11, 19))
    assert [w for w in warnings_for(facts(paid), date(2026, 12, 1)) if w.rule == "fbu-advance-unpaid"] == []


@pytest.mark.parametrize("today, expected", [
    (date(2026, 11, 20), []),  # the tenth working day: still in time
    (date(2026, 11, 23), [(Severity.WARNING, date(2026, 11, 20))]),
])
def test_not_filed_within_ten_working_days(today, expected):
    assert found("fbu-not-filed", today) == expected
    filed = FbuFacts(signed=SIGNED, advance=975_00, advance_due=date(2026, 11, 20), filed=date(2026, 11, 10))
    assert found("fbu-not-filed", today, filed) == []


def test_a_closed_case_has_no_fbu_warnings():
    assert [w for w in warnings_for(facts(status=Status.CLOSED), date(2027, 1, 1)) if w.rule.startswith("fbu")] == []


def plan_facts(payments=(), plan_active=True):
    instalments = schedule(975_00, 200_00, date(2026, 12, 1))  # 01/12, 01/01, 01/02, 01/03, 01/04
    agreement = FbuFacts(signed=SIGNED, advance=975_00, advance_due=date(2026, 11, 20), paid=date(2026, 11, 19),
                         filed=date(2026, 11, 19), plan_active=plan_active)
    return agreement, dict(instalments=tuple(instalments), payments=tuple(payments))


def test_a_broken_fbu_plan_is_urgent_with_two_weeks_notice():
    agreement, lines = plan_facts()
    assert found("fbu-plan-broken", date(2026, 12, 31), agreement, **lines) == []
    # December and January missed: broken on 01/02/2027, the day February falls due
    assert found("fbu-plan-broken", date(2027, 2, 1), agreement, **lines) == [(Severity.URGENT, date(2027, 2, 15))]
    [warning] = [w for w in warnings_for(facts(agreement, **lines), date(2027, 2, 3)) if w.severity == Severity.URGENT]
    assert warning.rule == "fbu-plan-broken"  # not also the ordinary broken-plan warning
    assert "landlord must report it and give the service at least 2 weeks" in warning.message
    assert "FBU plan broken on 01/02/2027" in warning.message


def test_an_ordinary_plan_breaks_as_before():
    agreement, lines = plan_facts(plan_active=False)
    assert found("fbu-plan-broken", date(2027, 2, 1), agreement, **lines) == []
    assert found("instalment-unpaid", date(2027, 2, 1), agreement, **lines) == [(Severity.URGENT, date(2026, 12, 1))]


def test_a_plan_that_recovers_and_breaks_again_counts_from_the_second_break():
    instalments = schedule(975_00, 200_00, date(2026, 12, 1))
    caught_up = [(date(2027, 2, 10), 400_00)]  # December and January paid late
    assert broken_spells(instalments, caught_up, date(2027, 2, 28)) == [date(2027, 2, 1)]
    assert broken_since(instalments, caught_up, date(2027, 2, 15)) is None
    # February and March then missed: broken again on 01/04/2027
    assert broken_spells(instalments, caught_up, date(2027, 4, 30)) == [date(2027, 2, 1), date(2027, 4, 1)]
    assert broken_since(instalments, caught_up, date(2027, 4, 2)) == date(2027, 4, 1)
    assert broken_since(instalments, caught_up, date(2027, 4, 1) - timedelta(days=1)) is None
