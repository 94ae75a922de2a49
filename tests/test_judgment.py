"""After a judgment dissolved the lease: its service, the earliest eviction date, the bailiff's date, what happened."""

import re
import json
from datetime import date, datetime, time, timedelta

import pytest

from conftest import assert_one_line_error, query, snapshot
from huurbeg.core.codes import Severity, Status, Track
from huurbeg.domain.rules import (EARLIEST_EVICTION_URGENT_DAYS, JUDGMENT_SERVICE_ASK_DAYS, CaseFacts,
                                  earliest_eviction, short_notice, warnings_for)
from huurbeg.core.i18n import speaking
from huurbeg.domain.rules import (WARNING_TEXT_WIDTH)

AFTER_JUDGMENT_RULES = ("judgment-not-served", "earliest-eviction-date", "eviction-short-notice", "eviction-date")


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


# --- the term, counted as the Judicial Code counts it ------------------------------------------

@pytest.mark.parametrize("served, term_days, earliest", [
    (date(2026, 12, 15), None, date(2027, 1, 18)),  # the month ends Friday 15/01: Monday is the first day after
    (date(2026, 11, 27), None, date(2026, 12, 29)),  # ends Sunday 27/12: moved to Monday 28/12
    (date(2026, 12, 1), None, date(2027, 1, 5)),  # ends on New Year's day, a Friday: moved to Monday 04/01
    (date(2027, 1, 31), None, date(2027, 3, 2)),  # no 31 February: the last day of February, a Sunday
    (date(2027, 6, 18), None, date(2027, 7, 20)),  # ends Sunday 18/07: Monday 19/07 is its last day
    (date(2027, 6, 20), None, date(2027, 7, 22)),  # ends Tuesday 20/07; 21/07 is a legal holiday
    (date(2026, 11, 24), 10, date(2026, 12, 7)),  # ten days: the day of service not counted, ends Friday 04/12
    (date(2026, 11, 24), 1, date(2026, 11, 26)),
])
def test_earliest_eviction_counts_the_term_as_the_judicial_code(served, term_days, earliest):
    assert earliest_eviction(served, term_days) == earliest


@pytest.mark.parametrize("announced, eviction, short", [
    (date(2027, 1, 4), date(2027, 1, 11), True),  # Tue-Fri: four working days between
    (date(2027, 1, 4), date(2027, 1, 12), False),  # Tue-Mon: five
    (date(2026, 12, 18), date(2026, 12, 28), True),  # Christmas Friday is no working day
    (date(2026, 12, 18), date(2026, 12, 29), False),
])
def test_short_notice_counts_working_days_between(announced, eviction, short):
    assert short_notice(announced, eviction) is short


# --- the warnings, day by day -----------------------------------------------------------------

JUDGED = date(2026, 11, 24)
SERVED = date(2027, 1, 8)  # 45 days later: the "not served" warning has had its say
EARLIEST = date(2027, 2, 9)  # the month ends Monday 08/02
ANNOUNCED = date(2027, 2, 15)
EVICTION = date(2027, 2, 19)  # Friday: three working days after the announcement


def facts(**given) -> CaseFacts:
    return CaseFacts(case="2026-0001", track=Track.OGP, status=Status.OPEN, intake_date=date(2026, 11, 18),
                     track_since=date(2026, 11, 18), **({"last_contact": None, "last_reached": None,
                                                         "dissolved_on": JUDGED} | given))


def court_warnings(case_facts: CaseFacts, today: date) -> set[tuple[str, Severity]]:
    return {(w.rule, w.severity) for w in warnings_for(case_facts, today) if w.rule in AFTER_JUDGMENT_RULES}


def days(first: date, last: date):
    while first <= last:
        yield first
        first += timedelta(days=1)


def test_a_dissolved_lease_followed_day_by_day_to_its_end():
    assert EARLIEST == earliest_eviction(SERVED)
    ask = JUDGED + timedelta(days=JUDGMENT_SERVICE_ASK_DAYS)
    for today in days(JUDGED, SERVED - timedelta(days=1)):  # judged, not served yet
        expected = Severity.INFO if today <= ask else Severity.WARNING
        assert court_warnings(facts(), today) == {("judgment-not-served", expected)}, today
    served = facts(served=SERVED)
    for today in days(SERVED, ANNOUNCED - timedelta(days=1)):  # the month after service, then no date yet
        left = (EARLIEST - today).days
        expected = Severity.URGENT if 0 <= left <= EARLIEST_EVICTION_URGENT_DAYS else Severity.WARNING
        assert court_warnings(served, today) == {("earliest-eviction-date", expected)}, today
    announced = facts(served=SERVED, eviction_date=EVICTION, eviction_announced=ANNOUNCED)
    for today in days(ANNOUNCED, EVICTION):  # announced three working days ahead: too short, and urgent
        assert court_warnings(announced, today) == {("eviction-short-notice", Severity.WARNING),
                                                    ("eviction-date", Severity.URGENT)}, today
    for today in days(EVICTION + timedelta(days=1), EVICTION + timedelta(days=10)):  # nothing recorded of the day
        assert court_warnings(announced, today) == {("eviction-date", Severity.OVERDUE)}, today
    for result in ("carried-out", "averted", "left"):  # what happened ends it
        ended = facts(served=SERVED, eviction_date=EVICTION, eviction_announced=ANNOUNCED, eviction_result=result)
        for today in days(ANNOUNCED, EVICTION + timedelta(days=10)):
            assert court_warnings(ended, today) == set(), (result, today)


def test_the_messages_of_the_countdown():
    [served] = [w for w in warnings_for(facts(served=SERVED), EARLIEST - timedelta(days=3))
                if w.rule == "earliest-eviction-date"]
    assert served.due == EARLIEST and served.message == "eviction possible in 3 days"
    [late] = [w for w in warnings_for(facts(), JUDGED + timedelta(days=31)) if w.rule == "judgment-not-served"]
    assert late.message == "judgment not served after 30 days"
    [after] = [w for w in warnings_for(facts(served=SERVED), EARLIEST + timedelta(days=1))
               if w.rule == "earliest-eviction-date"]
    assert after.message == "eviction possible, no date yet"


def test_an_announced_eviction_stands_as_a_warning_with_its_countdown_from_the_day_it_is_known():
    far = facts(served=SERVED, eviction_date=EVICTION + timedelta(days=60), eviction_announced=ANNOUNCED)
    [standing] = [w for w in warnings_for(far, ANNOUNCED) if w.rule == "eviction-date"]
    assert (standing.severity, standing.message) == (Severity.WARNING, "eviction in 64 days")
    [near] = [w for w in warnings_for(far, EVICTION + timedelta(days=50)) if w.rule == "eviction-date"]
    assert (near.severity, near.message) == (Severity.URGENT, "eviction in 10 days")


def court_cases_in_every_state() -> list[tuple[CaseFacts, date]]:
    """One case for each message the court's rules say, with the day it says it."""
    hearing = dict(dissolved_on=None, petition_date=date(2026, 11, 18))
    at = lambda day: datetime.combine(day, time(9, 30))  # noqa: E731
    today = date(2026, 11, 22)
    found = [(facts(tenant_informed=False, **hearing, hearing_at=at(date(2026, 11, 25))), today),
             (facts(tenant_informed=False, **hearing), today)]
    for reached in (None, date(2026, 11, 20)):
        for ahead in (-3, 0, 4, 12):
            found.append((facts(**hearing, last_reached=reached, last_contact=reached,
                                hearing_at=at(today + timedelta(days=ahead))), today))
    found += [(facts(), JUDGED + timedelta(days=40)), (facts(), JUDGED + timedelta(days=3)),
              (facts(served=SERVED), EARLIEST - timedelta(days=12)), (facts(served=SERVED), EARLIEST + timedelta(3)),
              (facts(served=SERVED, eviction_date=EVICTION, eviction_announced=ANNOUNCED), ANNOUNCED),
              (facts(served=SERVED, eviction_date=EVICTION, eviction_announced=ANNOUNCED), EVICTION + timedelta(3)),
              (facts(served=SERVED, eviction_date=EVICTION + timedelta(days=90), eviction_announced=ANNOUNCED),
               ANNOUNCED)]
    return found


COURT_RULES = AFTER_JUDGMENT_RULES + ("hearing-due", "tenant-not-reached")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_the_court_warnings_say_their_fact_within_an_80_column_screen(lang):
    said = set()
    with speaking(lang):
        for case_facts, today in court_cases_in_every_state():
            for warning in warnings_for(case_facts, today):
                if warning.rule in COURT_RULES:
                    said.add(warning.message.msgid)
                    assert len(warning.message.shown().partition("; ")[0]) <= WARNING_TEXT_WIDTH, (lang, warning.message.shown())
    assert len(said) >= 15  # every message of the court's rules, not a few of them


def test_an_eviction_weeks_ahead_is_on_the_overview_at_80_columns_in_dutch(cli, new_case):
    number = dissolved(cli, new_case)
    on = {"HUURBEG_TODAY": "2026-11-30"}
    assert cli("hearing", "served", number, "--date", "25/11/2026", env=on).exit_code == 0
    assert cli("hearing", "eviction", number, "--date", "+6w 09:00", env=on).exit_code == 0
    dutch = on | {"HUURBEG_LANG": "nl", "COLUMNS": "80"}
    for args in (["deadlines"], []):
        shown = cli(*args, env=dutch)
        assert shown.exit_code == 0, shown.output
        assert re.search(r"waarschuwing  11/01/2027  2026-0001 .* uithuiszetting over 42 dagen", shown.stdout)


def test_a_notice_of_five_working_days_is_no_warning():
    on_time = facts(served=SERVED, eviction_date=date(2027, 2, 23), eviction_announced=ANNOUNCED)
    assert ("eviction-short-notice", Severity.WARNING) not in court_warnings(on_time, ANNOUNCED)


# --- through the command line ------------------------------------------------------------------

def dissolved(cli, new_case) -> str:
    number = new_case("--track", "ogp", "--source", "court")
    assert cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen",
               "--claimed", "2450").exit_code == 0
    result = cli("hearing", "outcome", number, "--result", "dissolved", env={"HUURBEG_TODAY": "2026-11-24"})
    assert result.exit_code == 0, result.output
    assert "hearing served" in result.stderr
    return number


def rules_on(cli, day: str) -> dict[str, tuple[str, str]]:
    found = as_json(cli("deadlines", "-f", "json", "--within", "60", env={"HUURBEG_TODAY": day}))
    return {w["rule"]: (w["severity"], w["due"]) for w in found if w["rule"] in AFTER_JUDGMENT_RULES}


def test_dissolved_through_service_and_the_bailiffs_date_to_its_end(cli, new_case):
    number = dissolved(cli, new_case)
    assert rules_on(cli, "2026-12-30") == {"judgment-not-served": ("warning", "2026-12-24")}
    served = cli("hearing", "served", number, "--date", "27/11", env={"HUURBEG_TODAY": "2026-12-30"})
    assert served.exit_code == 0, served.output
    assert "27/11 is Friday 27/11/2026" in served.stderr
    assert "no eviction before 29/12/2026" in served.stderr
    assert rules_on(cli, "2026-12-01") == {"earliest-eviction-date": ("warning", "2026-12-29")}
    assert rules_on(cli, "2026-12-22") == {"earliest-eviction-date": ("urgent", "2026-12-29")}
    later = {"HUURBEG_TODAY": "2027-01-04"}
    announced = cli("hearing", "eviction", number, "--date", "07/01/2027 09:00", env=later)
    assert announced.exit_code == 0, announced.output
    assert "announced less than 5 working days ahead" in announced.stderr
    assert rules_on(cli, "2027-01-04") == {"eviction-date": ("urgent", "2027-01-07"),
                                           "eviction-short-notice": ("warning", "2027-01-07")}
    assert rules_on(cli, "2027-01-08") == {"eviction-date": ("overdue", "2027-01-07")}
    ended = cli("hearing", "eviction", number, "--result", "averted", env={"HUURBEG_TODAY": "2027-01-08"})
    assert ended.exit_code == 0 and "eviction averted (08/01/2027)" in ended.stderr
    assert rules_on(cli, "2027-01-08") == {}
    assert query(None, "SELECT served_date, term_days, eviction_date, eviction_time, eviction_announced, "
                       "eviction_result, eviction_result_date FROM hearing") == [
        ("2026-11-27", None, "2027-01-07", "09:00", "2027-01-04", "averted", "2027-01-08")]
    figures = {(r["figure"], r["breakdown"]): r["value"] for r in as_json(
        cli("stats", "--from", "01/11/2026", "--to", "31/01/2027", "-f", "json", env=later | {
            "HUURBEG_TODAY": "2027-01-08"}))}
    assert [figures[name, ""] for name in ("judgments_served", "evictions_announced", "evictions_carried_out",
                                           "evictions_averted")] == [1, 1, 0, 1]


def test_a_carried_out_eviction_is_dated_on_its_day_and_counted(cli, new_case):
    number = dissolved(cli, new_case)
    cli("hearing", "served", number, "--date", "27/11/2026", "--term-days", "15", env={"HUURBEG_TODAY": "2026-12-01"})
    assert cli("hearing", "eviction", number, "--date", "21/12/2026 08:00", "--announced", "01/12/2026",
               env={"HUURBEG_TODAY": "2026-12-02"}).exit_code == 0
    done = cli("hearing", "eviction", number, "--result", "carried-out", env={"HUURBEG_TODAY": "2027-01-05"})
    assert done.exit_code == 0 and "eviction carried out on 21/12/2026" in done.stderr
    figures = {(r["figure"], r["breakdown"]): r["value"] for r in as_json(
        cli("stats", "--month", "2026-12", "-f", "json", env={"HUURBEG_TODAY": "2027-01-05"}))}
    assert figures["evictions_carried_out", ""] == 1 and figures["evictions_averted", ""] == 0


BAD = [  # (what is recorded first, the bad command, the exit code, what the one line says)
    ([], ["served", "{n}", "--date", "20/11/2026"], 2, "--date: the judgment was given on 24/11/2026"),
    ([], ["served", "{n}", "--date", "+1d"], 2, "--date: cannot be in the future"),
    ([], ["served", "{n}", "--date", "25/11/2026", "--term-days", "0"], 2, "--term-days"),
    ([["served", "{n}", "--date", "25/11/2026"]], ["served", "{n}", "--date", "26/11/2026"], 4,
     "already served on 25/11/2026"),
    ([], ["served", "{n}", "--date", "25/11/2026", "--correct"], 4, "no service recorded yet"),
    ([], ["eviction", "{n}", "--date", "+3w 09:00"], 4, "record it first with 'huurbeg hearing served"),
    ([["served", "{n}", "--date", "25/11/2026"]], ["eviction", "{n}", "--date", "28/12/2026 09:00"], 2,
     "--date: no eviction before 29/12/2026"),
    ([["served", "{n}", "--date", "25/11/2026"]], ["eviction", "{n}", "--date", "+6w 09:00", "--announced", "+1d"],
     2, "--announced: cannot be in the future"),
    ([["served", "{n}", "--date", "25/11/2026"], ["eviction", "{n}", "--date", "+6w 09:00"]],
     ["eviction", "{n}", "--date", "+7w 09:00"], 4, "already has an eviction announced"),
    ([], ["eviction", "{n}", "--result", "averted"], 4, "--result: case 2026-0001 has no announced eviction"),
    ([["served", "{n}", "--date", "25/11/2026"], ["eviction", "{n}", "--date", "+6w 09:00"]],
     ["eviction", "{n}", "--result", "carried-out"], 2, "still to come"),
    ([], ["eviction", "{n}", "--result", "gone"], 2, "--result"),
    ([], ["eviction", "{n}"], 2, "give --date (the announced eviction) or --result"),
    ([], ["served-remove", "{n}", "--reason", "typo"], 4, "nothing to withdraw"),
    ([], ["eviction-remove", "{n}", "--reason", "typo"], 4, "nothing to withdraw"),
    ([["served", "{n}", "--date", "25/11/2026"]], ["outcome-remove", "{n}", "--reason", "typo"], 4,
     "withdraw its service"),
]


@pytest.mark.parametrize("before, bad, code, text", BAD)
def test_bad_steps_after_a_judgment_write_nothing(cli, new_case, db_path, before, bad, code, text):
    number = dissolved(cli, new_case)
    on = {"HUURBEG_TODAY": "2026-11-30"}
    for step in before:
        done = cli("hearing", *[part.format(n=number) for part in step], env=on)
        assert done.exit_code == 0, done.output
    cli("case", "show", number, env=on)  # the day's first command has done its daily check
    kept = snapshot(db_path)
    assert_one_line_error(cli("hearing", *[part.format(n=number) for part in bad], env=on), code=code, contains=text)
    assert snapshot(db_path) == kept


def test_no_judgment_no_service(cli, new_case, db_path):
    number = new_case("--track", "ogp", "--source", "court")
    kept = snapshot(db_path)
    assert_one_line_error(cli("hearing", "served", number, "--date", "today"), code=4,
                          contains="has no judgment that dissolved the lease")
    assert snapshot(db_path) == kept


def test_a_refusal_in_dutch(cli, new_case):
    number = dissolved(cli, new_case)
    result = cli("hearing", "eviction", number, "--result", "averted", env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(result, code=4, contains="geen aangekondigde uithuiszetting")


def test_every_step_is_corrected_and_withdrawn_with_its_history(cli, new_case):
    number = dissolved(cli, new_case)
    on = {"HUURBEG_TODAY": "2026-12-01"}
    assert cli("hearing", "served", number, "--date", "25/11/2026", env=on).exit_code == 0
    corrected = cli("hearing", "served", number, "--date", "26/11/2026", "--term-days", "20", "--correct", env=on)
    assert corrected.exit_code == 0 and "no eviction before 17/12/2026" in corrected.stderr
    assert cli("hearing", "eviction", number, "--date", "18/12/2026 09:00", env=on).exit_code == 0
    assert cli("hearing", "eviction", number, "--date", "21/12/2026 10:00", "--correct", env=on).exit_code == 0
    assert cli("hearing", "eviction", number, "--result", "left", env=on).exit_code == 0
    assert cli("hearing", "eviction", number, "--result", "averted", "--correct", env=on).exit_code == 0
    first = cli("hearing", "eviction-remove", number, "--reason", "wrong case", env=on)
    assert first.exit_code == 0 and "averted" in first.stderr
    assert query(None, "SELECT eviction_result, eviction_date FROM hearing") == [(None, "2026-12-21")]
    assert cli("hearing", "eviction-remove", number, "--reason", "wrong case", env=on).exit_code == 0
    assert cli("hearing", "served-remove", number, "--reason", "wrong case", env=on).exit_code == 0
    assert query(None, "SELECT served_date, term_days, eviction_date, eviction_time, eviction_announced, "
                       "eviction_result FROM hearing") == [(None,) * 6]
    assert rules_on(cli, "2026-12-01") == {"judgment-not-served": ("info", "2026-12-24")}
    english = [row["detail"] for row in as_json(cli("case", "history", number, "-f", "json"))]
    assert english[-9:] == [
        "hearing 1: judgment served on 2026-11-25", "hearing 1: judgment served on 2026-11-26, term 20 days",
        "hearing 1: eviction on 2026-12-18 09:00 announced on 2026-12-01",
        "hearing 1: eviction on 2026-12-21 10:00 announced on 2026-12-01",
        "hearing 1: eviction left on 2026-12-01", "hearing 1: eviction averted on 2026-12-01",
        "hearing 1: eviction result averted removed; reason: wrong case",
        "hearing 1: eviction date removed; reason: wrong case",
        "hearing 1: service of the judgment removed; reason: wrong case"]
    dutch = cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    for line in ("zitting 1: vonnis betekend op 26/11/2026, termijn 20 dagen",
                 "zitting 1: uithuiszetting op 21/12/2026 10:00 aangekondigd op 01/12/2026",
                 "zitting 1: uithuiszetting afgewend op 01/12/2026",
                 "zitting 1: betekening van het vonnis ingetrokken; reden: wrong case"):
        assert line in dutch, dutch


# --- the court and the stay in the dossier, the clock in the brief ---------------------------------------

def words(text: str) -> str:
    """A screen with its runs of spaces as one: a fact's value, wherever its column starts."""
    return " ".join(text.split())


def test_the_dossier_has_a_court_section_through_the_procedure(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    assert as_json(cli("case", "show", number, "-f", "json"))["court"] is None
    assert cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen",
               "--room", "2").exit_code == 0
    court = as_json(cli("case", "show", number, "-f", "json"))["court"]
    assert court == {"next_hearing": {"kind": "hearing", "starts_at": "2026-11-24T09:30:00",
                                      "court": "Vredegerecht Mechelen", "room": "2"}, "last_outcome": None,
                     "judgment_date": None, "served": None, "term_days": None, "earliest_eviction": None,
                     "eviction": None, "eviction_announced": None, "eviction_result": None,
                     "eviction_result_date": None}
    on = {"HUURBEG_TODAY": "2026-12-01"}
    cli("hearing", "outcome", number, "--result", "dissolved", env={"HUURBEG_TODAY": "2026-11-24"})
    shown = words(cli("case", "show", number, env=on).stdout)
    assert "Court" in shown and "│ Last outcome dissolved (hearing of 24/11/2026) │" in shown
    assert "│ Judgment served not yet │" in shown
    cli("hearing", "served", number, "--date", "27/11/2026", env=on)
    cli("hearing", "eviction", number, "--date", "05/01/2027 09:00", "--announced", "01/12/2026", env=on)
    court = as_json(cli("case", "show", number, "-f", "json", env=on))["court"]
    assert court | {"last_outcome": None} == {
        "next_hearing": None, "last_outcome": None, "judgment_date": "2026-11-24", "served": "2026-11-27",
        "term_days": None, "earliest_eviction": "2026-12-29", "eviction": "2027-01-05T09:00:00",
        "eviction_announced": "2026-12-01", "eviction_result": None, "eviction_result_date": None}
    assert court["last_outcome"] == {"kind": "hearing", "result": "dissolved", "date": "2026-11-24",
                                     "hearing": "2026-11-24T09:30:00"}
    shown = words(cli("case", "show", number, env=on).stdout)
    for line in ("│ Judgment served 27/11/2026 │", "│ Earliest eviction 29/12/2026 │",
                 "│ Eviction 05/01/2027 09:00, announced 01/12/2026 │"):
        assert line in shown, shown
    dutch = cli("case", "show", number, env=on | {"HUURBEG_LANG": "nl"}).stdout
    assert "Vroegste uithuiszetting" in dutch and "ontbonden (zitting van 24/11/2026)" in dutch


def test_the_dossier_has_a_stay_section(cli):
    assert cli("transfer", "dwelling", "add", "CR-1", "--kind", "crisis").exit_code == 0
    number = cli("intake", "--track", "crisis", "--tenant", "Ann Smet", "--source", "police", "--tenant-informed",
                 "--date", "-5m", "--no-input").stdout.strip()
    assert cli("transfer", "in", number, "--dwelling", "CR-1", "--date", "-5m").exit_code == 0
    assert cli("transfer", "extend", number).exit_code == 0
    stay = as_json(cli("case", "show", number, "-f", "json"))["stay"]
    assert stay == {"dwelling": "CR-1", "kind": "crisis", "admitted": "2026-06-22", "end": "2027-02-22",
                    "review": None, "extensions": 1, "left": None, "destination": None}
    shown = words(cli("case", "show", number).stdout)
    assert "Stay" in shown and "│ Dwelling CR-1 (crisis) │" in shown and "│ Extensions 1 │" in shown


def test_the_brief_shows_the_procedures_clock(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen")
    clock = as_json(cli("hearing", "brief", number, "-f", "json"))["clock"]
    assert clock["days_to_hearing"] == 2 and clock["earliest_eviction"] is None
    assert "│ Clock hearing in 2 days │" in words(cli("hearing", "brief", number).stdout)
    cli("hearing", "outcome", number, "--result", "dissolved", env={"HUURBEG_TODAY": "2026-11-24"})
    on = {"HUURBEG_TODAY": "2026-12-01"}
    assert "judgment of 24/11/2026, not served yet" in cli("hearing", "brief", number, env=on).stdout
    cli("hearing", "served", number, "--date", "27/11/2026", env=on)
    clock = as_json(cli("hearing", "brief", number, "-f", "json", env=on))["clock"]
    assert (clock["days_to_hearing"], clock["earliest_eviction"], clock["days_to_earliest_eviction"]) == \
        (None, "2026-12-29", 28)
    assert "earliest eviction 29/12/2026: in 28 days" in cli("hearing", "brief", number, env=on).stdout
    cli("hearing", "eviction", number, "--date", "05/01/2027 09:00", env=on)
    later = {"HUURBEG_TODAY": "2027-01-03"}
    assert "eviction 05/01/2027 09:00: in 2 days" in cli("hearing", "brief", number, env=later).stdout
    assert "uithuiszetting 05/01/2027 09:00: over 2 dagen" in cli("hearing", "brief", number,
                                                                   env=later | {"HUURBEG_LANG": "nl"}).stdout


@pytest.mark.parametrize("typed", ["ontbonden", "ontbinding", "Ontbinding"])
def test_a_dissolution_is_typed_as_a_caseworker_says_it(cli, new_case, typed):
    """The noun a worker writes in a file note (ontbinding) names the result as its participle does (ontbonden)."""
    number = new_case("--track", "ogp", "--source", "court")
    assert cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen").exit_code == 0
    result = cli("hearing", "outcome", number, "--result", typed, env={"HUURBEG_TODAY": "2026-11-24", "HUURBEG_LANG": "nl"})
    assert result.exit_code == 0, result.output
    assert json.loads(cli("case", "show", number, "-f", "json").stdout)["court"]["last_outcome"]["result"] == "dissolved"
