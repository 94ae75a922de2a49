"""The warning rules, on hand-made facts and a fixed today."""

from datetime import date, timedelta

import pytest
from dateutil.relativedelta import relativedelta

from huurbeg.core.codes import Party, Severity, Status, Track
from huurbeg.domain.rules import (NO_CONTACT_DAYS, PW_END_WARNING_DAYS, RULES, CaseFacts, actionable, consents_missing,
                                  most_urgent_first, warnings_for)

TODAY = date(2026, 11, 22)


def facts(**changes) -> CaseFacts:
    base = dict(case="2026-0001", track=Track.PW, status=Status.OPEN, intake_date=date(2026, 1, 5),
                track_since=date(2026, 1, 5), consent_tenant=date(2026, 11, 1),
                consent_landlord=date(2026, 11, 2), last_contact=date(2026, 11, 20))
    # the contacts of these cases reached the household (tests/test_court_notice.py: those that did not)
    changes.setdefault("last_reached", changes.get("last_contact", base["last_contact"]))
    return CaseFacts(**(base | changes))


def by_rule(found, rule):
    return [w for w in found if w.rule == rule]


def test_every_rule_is_registered_once():
    names = [r.__name__ for r in RULES]
    assert len(names) == len(set(names))
    assert {"pw_consent_missing", "pw_max_duration", "no_contact", "next_contact_passed"} <= set(names)


@pytest.mark.parametrize("tenant, landlord, expected", [
    (date(2026, 11, 1), date(2026, 11, 1), None),
    (None, date(2026, 11, 1), "consent of tenant missing"),
    (date(2026, 11, 1), None, "consent of landlord missing"),
    (None, None, "no consent of tenant or landlord"),
])
def test_pw_consent(tenant, landlord, expected):
    found = by_rule(warnings_for(facts(consent_tenant=tenant, consent_landlord=landlord), TODAY),
                    "pw-consent-missing")
    if expected is None:
        assert found == []
    else:
        assert [(w.severity, w.due) for w in found] == [(Severity.WARNING, date(2026, 1, 5))]  # since the track began
        assert found[0].message.startswith(expected)


@pytest.mark.parametrize("tenant, expected", [(date(2026, 11, 1), None), (None, "consent of tenant missing")])
def test_a_case_without_a_landlord_waits_for_no_landlord_consent(tenant, expected):
    found = by_rule(warnings_for(facts(has_landlord=False, consent_tenant=tenant, consent_landlord=None), TODAY),
                    "pw-consent-missing")
    assert [w.message.split(";")[0] for w in found] == ([expected] if expected else [])
    assert consents_missing(Track.PW, has_landlord=False, tenant=tenant is not None, landlord=False) == \
        ({Party.TENANT} if expected else set())
    assert consents_missing(Track.PW, has_landlord=True, tenant=True, landlord=False) == {Party.LANDLORD}
    assert consents_missing(Track.OGP, has_landlord=True, tenant=False, landlord=False) == set()


def test_consent_is_only_a_pw_rule():
    assert by_rule(warnings_for(facts(track=Track.OGP, consent_tenant=None), TODAY), "pw-consent-missing") == []


@pytest.mark.parametrize("days_left, severity", [
    (PW_END_WARNING_DAYS + 1, Severity.INFO),
    (PW_END_WARNING_DAYS, Severity.WARNING),
    (0, Severity.WARNING),  # ends today
    (-1, Severity.OVERDUE),  # ended yesterday
])
def test_pw_three_year_maximum(days_left, severity):
    end = TODAY + timedelta(days=days_left)
    since = end - relativedelta(years=3)
    [found] = by_rule(warnings_for(facts(track_since=since, intake_date=since), TODAY), "pw-max-duration")
    assert (found.severity, found.due) == (severity, end)


def test_pw_maximum_counts_from_entering_the_track_not_from_intake():
    [found] = by_rule(warnings_for(facts(intake_date=date(2020, 1, 1), track_since=date(2026, 1, 5)), TODAY),
                      "pw-max-duration")
    assert (found.severity, found.due) == (Severity.INFO, date(2029, 1, 5))


@pytest.mark.parametrize("track, last, severity", [
    (Track.PW, date(2026, 10, 23), Severity.INFO),  # exactly 30 days: due today, not late yet
    (Track.PW, date(2026, 10, 22), Severity.WARNING),  # 31 days
    (Track.PRE_OGP, date(2026, 11, 8), Severity.INFO),  # 14 days on pre-OGP
    (Track.PRE_OGP, date(2026, 11, 7), Severity.WARNING),  # 15 days on pre-OGP
    (Track.OGP, date(2026, 10, 22), Severity.WARNING),
])
def test_no_contact(track, last, severity):
    [found] = by_rule(warnings_for(facts(track=track, last_contact=last), TODAY), "no-contact")
    assert found.severity == severity


def test_no_contact_counts_from_intake_when_there_was_none():
    intake = date(2026, 10, 1)
    [found] = by_rule(warnings_for(facts(last_contact=None, intake_date=intake), TODAY), "no-contact")
    assert found.severity == Severity.WARNING
    assert found.due == intake + timedelta(days=NO_CONTACT_DAYS)
    assert "since intake" in found.message


def test_crisis_housing_needs_no_follow_up():
    found = warnings_for(facts(track=Track.CRISIS, last_contact=date(2026, 1, 1)), TODAY)
    assert by_rule(found, "no-contact") == []


@pytest.mark.parametrize("planned, last, severity", [
    (date(2026, 11, 21), date(2026, 11, 1), Severity.WARNING),  # passed, no contact since
    (date(2026, 11, 22), date(2026, 11, 1), Severity.INFO),  # today: not passed yet
    (date(2026, 11, 21), date(2026, 11, 21), None),  # the contact took place
    (None, date(2026, 11, 1), None),
])
def test_next_contact_passed(planned, last, severity):
    found = by_rule(warnings_for(facts(next_planned=planned, last_contact=last), TODAY), "next-contact-passed")
    assert [w.severity for w in found] == ([severity] if severity else [])


def test_closed_cases_have_no_warnings():
    assert warnings_for(facts(status=Status.CLOSED, consent_tenant=None, last_contact=None), TODAY) == []


def test_most_urgent_first_and_actionable_window():
    found = warnings_for(facts(case="2026-0002", consent_tenant=None, last_contact=date(2026, 9, 1)), TODAY) + \
        warnings_for(facts(case="2026-0001", track_since=date(2023, 11, 1), intake_date=date(2023, 11, 1)), TODAY)
    ordered = most_urgent_first(found)
    assert ordered[0].severity == Severity.OVERDUE
    assert [w.severity.rank for w in ordered] == sorted((w.severity.rank for w in ordered), reverse=True)
    shown = actionable(found, TODAY, within_days=0)
    assert all(w.severity != Severity.INFO for w in shown)
    assert any(w.severity == Severity.INFO for w in actionable(found, TODAY, within_days=60))


def test_warning_json_shape():
    [warning] = by_rule(warnings_for(facts(consent_tenant=None), TODAY), "pw-consent-missing")
    assert list(warning.as_dict()) == ["case", "rule", "severity", "due", "message"]


def test_instalment_rules_at_the_seven_day_edge():
    from huurbeg.domain.payment_plan import schedule

    plan = tuple(schedule(30000, 10000, date(2026, 10, 1)))  # due 1/10, 1/11, 1/12
    paid_october = ((date(2026, 10, 1), 10000),)
    on = lambda day, payments=paid_october: by_rule(  # noqa: E731
        warnings_for(facts(instalments=plan, payments=payments), day), "instalment-unpaid")
    assert [w.severity for w in on(date(2026, 11, 8))] == [Severity.INFO]
    [late] = on(date(2026, 11, 9))
    assert (late.severity, late.due) == (Severity.WARNING, date(2026, 11, 8))
    [broken] = on(date(2026, 12, 20), ())
    assert broken.severity == Severity.URGENT and "2 instalments missed" in broken.message
    assert "pre-ogp" in broken.message


def test_broken_plan_hint_only_where_it_helps():
    from huurbeg.domain.payment_plan import schedule

    plan = tuple(schedule(30000, 10000, date(2026, 9, 1)))
    [broken] = by_rule(warnings_for(facts(track=Track.OGP, instalments=plan), TODAY), "instalment-unpaid")
    assert broken.severity == Severity.URGENT and "pre-ogp" not in broken.message


def test_agreement_overdue_only_after_its_day():
    from huurbeg.domain.rules import OpenAgreement

    agreement = (OpenAgreement(7, "landlord", date(2026, 11, 21)),)
    assert [w.severity for w in by_rule(warnings_for(facts(agreements=agreement), date(2026, 11, 21)),
                                        "agreement-overdue")] == [Severity.INFO]
    [late] = by_rule(warnings_for(facts(agreements=agreement), TODAY), "agreement-overdue")
    assert late.severity == Severity.WARNING and "agreement 7 (landlord)" in late.message


@pytest.mark.parametrize("days, english, dutch", [
    (1, "eviction in 1 day", "uithuiszetting over 1 dag"),
    (3, "eviction in 3 days", "uithuiszetting over 3 dagen"),
])
def test_a_count_of_days_takes_its_own_form_in_each_language(days, english, dutch, monkeypatch):
    found = by_rule(warnings_for(facts(eviction_date=TODAY + timedelta(days=days)), TODAY), "eviction-date")
    [warning] = found
    assert warning.message == english  # the data: English, as exported
    monkeypatch.setenv("HUURBEG_LANG", "nl")
    assert f"{warning.message}" == dutch  # on screen
