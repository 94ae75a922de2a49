"""`huurbeg hearing`: petitions, the roll, the brief, outcomes and the calendar feed."""

import json
from datetime import date, datetime

import pytest

from conftest import assert_one_line_error, query, snapshot
from huurbeg.core.codes import Severity, Status, Track
from huurbeg.domain.rules import CaseFacts, warnings_for


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def hearing(cli, number, when="24/11/2026 09:30", *extra):
    result = cli("hearing", "add", number, "--date", when, "--court", "Vredegerecht Mechelen", "--room", "2",
                 "--petition-date", "18/11/2026", "--claimed", "2450", *extra)
    assert result.exit_code == 0, result.output
    return result


# --- rules, with a fixed today ------------------------------------------------

def hearing_facts(days_ahead: int, last_contact: date | None = date(2026, 11, 20)) -> CaseFacts:
    today = date(2026, 11, 22)
    return CaseFacts(case="2026-0001", track=Track.OGP, status=Status.OPEN, intake_date=date(2026, 11, 18),
                     track_since=date(2026, 11, 18), last_contact=last_contact, last_reached=last_contact,
                     hearing_at=datetime.combine(date.fromordinal(today.toordinal() + days_ahead),
                                                 datetime.min.time().replace(hour=9)),
                     petition_date=date(2026, 11, 18))


@pytest.mark.parametrize("days, prepared, severity", [
    (7, True, Severity.INFO), (7, False, Severity.WARNING),
    (6, True, Severity.WARNING), (6, False, Severity.URGENT),
    (2, True, Severity.WARNING),
    (1, True, Severity.URGENT), (0, True, Severity.URGENT),
    (-1, True, Severity.OVERDUE),
])
def test_hearing_rule_edges(days, prepared, severity):
    facts = hearing_facts(days, date(2026, 11, 20) if prepared else date(2026, 11, 10))
    [found] = [w for w in warnings_for(facts, date(2026, 11, 22)) if w.rule == "hearing-due"]
    assert found.severity == severity
    assert ("no contact" in found.message) == (not prepared and days >= 0)


@pytest.mark.parametrize("days, severity", [(90, Severity.WARNING), (15, Severity.WARNING), (14, Severity.URGENT),
                                            (0, Severity.URGENT), (-1, Severity.OVERDUE)])
def test_eviction_rule_edges(days, severity):
    today = date(2026, 11, 22)
    facts = CaseFacts(case="2026-0001", track=Track.OGP, status=Status.OPEN, intake_date=today,
                      track_since=today, last_contact=today,
                      eviction_date=date.fromordinal(today.toordinal() + days))
    [found] = [w for w in warnings_for(facts, today) if w.rule == "eviction-date"]
    assert found.severity == severity


# --- through the CLI -----------------------------------------------------------

def test_hearing_add_moves_the_case_to_ogp_and_records_it(cli, new_case):
    number = new_case()
    result = hearing(cli, number)
    assert "track pw → ogp" in result.stderr
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert case["track"] == "ogp"
    assert [t["track"] for t in case["tracks"]] == ["pw", "ogp"]
    assert [e["action"] for e in case["timeline"]][-2:] == ["track", "hearing"]


def test_tomorrows_roll(cli, new_case):
    a = new_case("--track", "ogp", "--source", "court")
    b = new_case("--track", "ogp", "--source", "court", "--tenant", "B", "--address", "B 2")
    hearing(cli, a, "tomorrow 09:30")
    hearing(cli, b, "tomorrow 09:00")
    cli("hearing", "add", b, "--date", "+3d 14:00", "--court", "Vredegerecht Antwerpen 4")
    cli("visit", a, "--no-input")
    roll = as_json(cli("hearing", "list", "--date", "tomorrow", "-f", "json"))
    assert [(r["case"], r["starts_at"], r["prepared"]) for r in roll] == [
        (b, "2026-11-23T09:00:00", False), (a, "2026-11-23T09:30:00", True)]
    assert roll[1]["tenant"] == "Jan Peeters"
    assert roll[1]["claimed"] == 2450.0 and roll[1]["landlord"] == "Woonpunt"
    assert len(as_json(cli("hearing", "list", "--within", "3", "-f", "json"))) == 3
    assert len(as_json(cli("hearing", "list", "--within", "2", "-f", "json"))) == 2
    assert [r["case"] for r in as_json(cli("hearing", "list", "--court", "antwerpen", "-f", "json"))] == [b]
    table = cli("hearing", "list", "--date", "tomorrow").stdout
    assert "Vredegerecht Mechelen" in table and "09:00" in table and "NO" in table
    assert_one_line_error(cli("hearing", "list", "--date", "today", "--within", "3"), code=2,
                          contains="not both")


def test_warnings_appear_exactly_at_the_thresholds(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    hearing(cli, number, "30/11/2026 09:30")
    cli("visit", number, "--no-input")
    severities = lambda day: [w["severity"] for w in as_json(  # noqa: E731
        cli("deadlines", "-f", "json", "--as-of", day, "--within", "0")) if w["rule"] == "hearing-due"]
    assert severities("23/11/2026") == []  # 7 days ahead: info, outside the window
    assert severities("24/11/2026") == ["warning"]  # 6 days
    assert severities("29/11/2026") == ["urgent"]  # 1 day
    assert severities("01/12/2026") == ["overdue"]  # passed without an outcome
    assert "hearing on 30/11/2026" in cli(env={"HUURBEG_TODAY": "2026-11-29"}).stdout


def test_outcomes_postponement_and_dissolution(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    hearing(cli, number, "24/11/2026 09:30")
    on = {"HUURBEG_TODAY": "2026-11-24"}
    result = cli("hearing", "outcome", number, "--result", "postponed", "--new-date", "08/12/2026 10:00", env=on)
    assert result.exit_code == 0, result.output
    roll = as_json(cli("hearing", "list", "--within", "30", "-f", "json", env=on))
    assert [(r["starts_at"], r["result"]) for r in roll] == [("2026-11-24T09:30:00", "postponed"),
                                                            ("2026-12-08T10:00:00", None)]
    later = {"HUURBEG_TODAY": "2026-12-08"}
    assert cli("hearing", "outcome", number, "--result", "dissolved", "--eviction-date", "18/12/2026",
               env=later).exit_code == 0
    found = as_json(cli("deadlines", "-f", "json", "--within", "0", env=later))
    assert ("eviction-date", "urgent", "2026-12-18") in [(w["rule"], w["severity"], w["due"]) for w in found]
    assert "hearing-due" not in [w["rule"] for w in found]
    brief = as_json(cli("hearing", "brief", number, "-f", "json", env=later))
    assert brief["hearing"]["result"] == "dissolved" and brief["hearing"]["eviction_date"] == "2026-12-18"
    assert [h["result"] for h in brief["earlier_hearings"]] == ["postponed"]


def test_the_new_hearing_is_linked_to_the_postponed_one(cli, new_case, db_path):
    number = new_case("--track", "ogp", "--source", "court")
    hearing(cli, number, "24/11/2026 09:30")
    cli("hearing", "outcome", number, "--result", "postponed", "--new-date", "08/12/2026 10:00",
        env={"HUURBEG_TODAY": "2026-11-24"})
    rows = query(db_path, "SELECT id, postponed_from_id, court, claimed_cents FROM hearing ORDER BY id")
    assert rows == [(1, None, "Vredegerecht Mechelen", 245000), (2, 1, "Vredegerecht Mechelen", 245000)]


def test_brief_in_80_columns(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court", "--adults", "2", "--children", "3")
    hearing(cli, number, "tomorrow 09:30", "--proposal", "Instalments of 150 euro a month from December")
    cli("plan", number, "--arrears", "2450", "--force", "--instalment", "150", "--start", "01/12/2026")
    cli("plan", "agree", number, "Pay the rent on time", "--due", "+5d")
    cli("visit", number, "--kind", "phone", "--no-input")
    result = cli("hearing", "brief", number, env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    for text in ("Jan Peeters", "2 adults, 3 children", "€ 2.450,00", "Instalments of 150 euro",
                 "on-track", "Pay the rent on time", "phone"):
        assert text in result.stdout
    history = as_json(cli("case", "history", number, "-f", "json"))
    assert ("read", "hearing brief") in [(h["action"], h["detail"]) for h in history]


def test_ics_parses_back_with_stable_uids_and_no_confidential_text(cli, new_case):
    from icalendar import Calendar

    number = new_case("--track", "ogp", "--source", "court", "--note", "CONFIDENTIAL-NOTE")
    hearing(cli, number, "24/11/2026 09:30", "--proposal", "SECRET-PROPOSAL")
    first = cli("hearing", "list", "-f", "ics").stdout
    second = cli("hearing", "list", "-f", "ics").stdout
    [event] = Calendar.from_ical(first).walk("VEVENT")
    assert event.get("dtstart").dt == datetime(2026, 11, 24, 9, 30, tzinfo=event.get("dtstart").dt.tzinfo)
    assert str(event.get("dtstart").dt.tzinfo) == "Europe/Brussels"
    assert event.get("dtstart").dt.utcoffset().total_seconds() == 3600
    assert number in str(event["summary"]) and "Vredegerecht Mechelen" in str(event["location"])
    [again] = Calendar.from_ical(second).walk("VEVENT")
    assert again["uid"] == event["uid"]
    for secret in ("CONFIDENTIAL-NOTE", "SECRET-PROPOSAL", "Jan Peeters", "Kerkstraat"):
        assert secret not in first


@pytest.mark.parametrize("args, code, text", [
    (["add", "{n}", "--date", "24/11/2026", "--court", "X"], 2, "date and time"),
    (["add", "{n}", "--date", "17/11/2026 09:00", "--court", "X", "--petition-date", "18/11/2026"], 2,
     "before the petition"),
    (["add", "{n}", "--date", "24/11/2026 09:00", "--court", " "], 2, "--court"),
    (["add", "{n}", "--date", "24/11/2026 09:00"], 2, "--court"),
    (["add", "{n}", "--date", "24/11/2026 09:00", "--court", "X", "--claimed", "-1"], 2, "negative"),
    (["outcome", "{n}", "--result", "settled"], 3, "has no hearing"),
    (["outcome", "{n}", "--result", "won"], 2, "settled, postponed"),
    (["list", "--date", "someday"], 2, "not a date"),
])
def test_bad_hearing_input_writes_nothing(cli, new_case, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", *[a.replace("{n}", number) for a in args]), code=code, contains=text)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args, code, text", [
    (["--result", "postponed"], 2, "--new-date"),
    (["--result", "postponed", "--new-date", "20/11/2026 09:00"], 2, "after the postponed"),
    (["--result", "settled", "--eviction-date", "01/12/2026"], 2, "only for --result dissolved"),
    (["--result", "settled", "--new-date", "01/12/2026 09:00"], 2, "only for --result postponed"),
])
def test_bad_outcomes_write_nothing(cli, new_case, db_path, args, code, text):
    number = new_case("--track", "ogp", "--source", "court")
    hearing(cli, number, "22/11/2026 09:30", "--force")
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome", number, *args), code=code, contains=text)
    assert snapshot(db_path) == before


def test_outcome_of_a_hearing_still_to_come_is_refused(cli, new_case, db_path):
    number = new_case("--track", "ogp", "--source", "court")
    hearing(cli, number, "tomorrow 09:30")
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome", number, "--result", "settled"), code=4, contains="still to come")
    assert snapshot(db_path) == before
