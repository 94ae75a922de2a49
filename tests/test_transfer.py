"""`huurbeg transfer` and `huurbeg refer`: dwellings, stays, moves out, referrals."""

import json
from datetime import date

import pytest

from conftest import assert_one_line_error, snapshot
from huurbeg.core.codes import Severity, Status, Track
from huurbeg.domain.rules import CaseFacts, warnings_for
from huurbeg.domain.transfers import crisis_end


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def dwellings(cli, made_once):
    made_once(_dwellings, cli)


def _dwellings(cli):
    for code, kind in (("CR-1", "crisis"), ("DW-1", "transit")):
        assert cli("transfer", "dwelling", "add", code, "--kind", kind, "--address", f"{code} street").exit_code == 0


@pytest.mark.parametrize("start, extensions, end", [
    (date(2026, 10, 31), 0, date(2027, 2, 28)),
    (date(2027, 10, 31), 0, date(2028, 2, 29)),  # leap year
    (date(2026, 10, 31), 1, date(2027, 6, 30)),
    (date(2026, 1, 15), 0, date(2026, 5, 15)),
    (date(2026, 11, 30), 1, date(2027, 7, 30)),
])
def test_four_months_at_month_ends(start, extensions, end):
    assert crisis_end(start, extensions) == end


@pytest.mark.parametrize("days_left, severity", [(15, Severity.INFO), (14, Severity.WARNING), (0, Severity.WARNING),
                                                 (-1, Severity.OVERDUE)])
def test_crisis_stay_rule(days_left, severity):
    today = date(2026, 11, 22)
    facts = CaseFacts(case="2026-0001", track=Track.CRISIS, status=Status.OPEN, intake_date=date(2026, 8, 1),
                      track_since=date(2026, 8, 1), stay_kind="crisis",
                      stay_end=date.fromordinal(today.toordinal() + days_left))
    [found] = [w for w in warnings_for(facts, today) if w.rule == "stay-ending"]
    assert found.severity == severity


def test_admission_extension_and_the_one_extension_rule(cli, new_case, dwellings, db_path):
    number = new_case("--date", "31/10/2026")
    result = cli("transfer", "in", number, "--dwelling", "CR-1", "--date", "31/10/2026")
    assert result.exit_code == 0 and "until 28/02/2027" in result.stderr and "pw → crisis" in result.stderr
    assert as_json(cli("case", "show", number, "-f", "json"))["track"] == "crisis"
    assert cli("transfer", "extend", number).exit_code == 0
    [stay] = [r for r in as_json(cli("transfer", "list", "-f", "json")) if r["case"] == number]
    assert (stay["until"], stay["extensions"]) == ("2027-06-30", 1)
    before = snapshot(db_path)
    refused = cli("transfer", "extend", number)
    assert_one_line_error(refused, code=4, contains="can be extended once by 4 months")
    assert snapshot(db_path) == before


def test_one_household_per_dwelling(cli, new_case, dwellings, db_path):
    a = new_case()
    b = new_case("--tenant", "B", "--address", "B 2")
    cli("transfer", "in", a, "--dwelling", "DW-1")
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", "in", b, "--dwelling", "DW-1"), code=4, contains="DW-1 is occupied")
    assert_one_line_error(cli("transfer", "in", a, "--dwelling", "CR-1"), code=4, contains="already lives")
    assert snapshot(db_path) == before
    cli("transfer", "out", a, "--destination", "regular-market", "--keep-open")
    assert cli("transfer", "in", b, "--dwelling", "DW-1").exit_code == 0


def test_occupancy_over_time(cli, new_case, dwellings):
    a = new_case("--date", "01/06/2026")
    b = new_case("--date", "01/06/2026", "--tenant", "B", "--address", "B 2")
    cli("transfer", "in", a, "--dwelling", "DW-1", "--date", "01/07/2026", "--until", "01/07/2027")
    cli("transfer", "out", a, "--destination", "regular-market", "--date", "15/09/2026", "--keep-open")
    cli("transfer", "in", b, "--dwelling", "DW-1", "--date", "01/10/2026")
    occupant = lambda day: {r["dwelling"]: r["case"] for r in  # noqa: E731
                            as_json(cli("transfer", "list", "-f", "json", "--as-of", day))}["DW-1"]
    assert occupant("30/06/2026") is None
    assert occupant("01/07/2026") == a
    assert occupant("14/09/2026") == a
    assert occupant("15/09/2026") is None
    assert occupant("01/10/2026") == b
    [row] = [r for r in as_json(cli("transfer", "list", "-f", "json", "--as-of", "01/08/2026"))
             if r["dwelling"] == "DW-1"]
    assert (row["admitted"], row["until"], row["days_left"], row["free"]) == ("2026-07-01", "2027-07-01", 334, False)


def test_transitional_stay_dates_and_warnings(cli, new_case, dwellings):
    number = new_case()
    cli("transfer", "in", number, "--dwelling", "DW-1", "--review", "01/12/2026")
    assert as_json(cli("case", "show", number, "-f", "json"))["track"] == "dw"
    found = lambda day: [(w["severity"], w["message"]) for w in as_json(  # noqa: E731
        cli("deadlines", "-f", "json", "--as-of", day, "--within", "0")) if w["rule"] == "stay-ending"]
    assert found("02/12/2026") == [("warning", "transitional stay: review overdue")]
    cli("transfer", "extend", number, "--review", "01/03/2027", "--until", "01/06/2027")
    assert found("02/12/2026") == []


def test_move_out_frees_the_dwelling_and_can_close_the_case(cli, new_case, dwellings):
    number = new_case()
    cli("transfer", "in", number, "--dwelling", "DW-1")
    result = cli("transfer", "out", number, "--destination", "regular-market", "--close")
    assert result.exit_code == 0 and "case closed (regular-market)" in result.stderr
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert (case["status"], case["outcome"]) == ("closed", "regular-market")
    assert all(r["free"] for r in as_json(cli("transfer", "list", "-f", "json")))


def test_without_a_terminal_the_case_stays_open(cli, new_case, dwellings):
    number = new_case()
    cli("transfer", "in", number, "--dwelling", "CR-1")
    assert cli("transfer", "out", number, "--destination", "family").exit_code == 0
    assert as_json(cli("case", "show", number, "-f", "json"))["status"] == "open"


@pytest.mark.parametrize("args, code, text", [
    (["in", "{n}", "--dwelling", "XX-9"], 3, "no dwelling XX-9"),
    (["in", "{n}", "--dwelling", "CR-1", "--until", "+1y"], 2, "only for transitional"),
    (["in", "{n}", "--dwelling", "DW-1", "--until", "today"], 2, "after the admission"),
    (["in", "{n}", "--dwelling", "DW-1", "--date", "+2d"], 2, "future"),
    (["out", "{n}", "--destination", "regular-market"], 4, "does not live in"),
    (["out", "{n}", "--destination", "abroad"], 2, "regular-market, social-housing"),
    (["extend", "{n}"], 4, "does not live in"),
    (["dwelling", "add", "CR-1", "--kind", "crisis"], 4, "exists already"),
    (["dwelling", "add", "X-1", "--kind", "tent"], 2, "transit, crisis"),
])
def test_bad_transfers_write_nothing(cli, new_case, dwellings, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("transfer", *[a.replace("{n}", number) for a in args]), code=code, contains=text)
    assert snapshot(db_path) == before


def test_referrals_show_in_the_timeline_and_the_brief(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    assert cli("refer", number, "--to", "cgg", "--note", "MENTAL-HEALTH-NOTE").exit_code == 0
    cli("hearing", "add", number, "--date", "tomorrow 09:00", "--court", "Vredegerecht Mechelen")
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert "referred to cgg on 2026-11-22" in [e["detail"] for e in case["timeline"]]
    assert all("MENTAL-HEALTH-NOTE" not in (e["detail"] or "") for e in case["timeline"])
    brief = as_json(cli("hearing", "brief", number, "-f", "json"))
    assert brief["referrals"] == [{"date": "2026-11-22", "to": "cgg", "outcome": None}]
    assert "MENTAL-HEALTH-NOTE" not in cli("hearing", "list", "-f", "ics").stdout
    shown = cli("hearing", "brief", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "80"}).stdout
    assert "nog geen antwoord" in shown and "hearing edit --proposal" in shown
    assert cli("refer", "outcome", number, "1", "--result", "aanvaard").exit_code == 0
    assert as_json(cli("hearing", "brief", number, "-f", "json"))["referrals"][0]["outcome"] == "accepted"
    assert "aanvaard" in cli("hearing", "brief", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "80"}).stdout


@pytest.mark.parametrize("args, code, text", [
    (["--to", "doctor"], 2, "ocmw, cgg, psychiatry"),
    (["--to", "cgg", "--date", "+1d"], 2, "future"),
    ([], 2, "--to"),
])
def test_bad_referrals_write_nothing(cli, new_case, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("refer", number, *args), code=code, contains=text)
    assert snapshot(db_path) == before
