"""`huurbeg plan`: payment plans, payments and agreements, through the CLI."""

import csv
import io
import json

import pytest

from conftest import assert_one_line_error, query, snapshot


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def planned(cli, new_case, made_once):
    """A case with a 12-month plan for € 1.234,56 from 1 December 2026."""
    return made_once(_planned, cli, new_case)


def _planned(cli, new_case):
    number = new_case("--consent-tenant", "--consent-landlord")
    result = cli("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/12/2026")
    assert result.exit_code == 0, result.output
    return number


def show(cli, number, *args):
    return as_json(cli("plan", "show", number, "-f", "json", *args))


def test_twelve_month_plan_for_1234_56(cli, planned):
    view = show(cli, planned)
    assert (view["arrears"], view["instalment"], view["balance"], view["standing"]) == \
        (1234.56, 103.0, 1234.56, "on-track")
    assert len(view["instalments"]) == 12
    assert view["instalments"][0] == {"case": planned, "seq": 1, "due": "2026-12-01", "amount": 103.0,
                                      "paid": 0.0, "state": "due", "paid_on": None, "days_late": 0}
    assert (view["paid_late"], view["most_days_late"]) == (0, 0)
    assert view["instalments"][-1]["amount"] == 101.56
    assert view["instalments"][-1]["due"] == "2027-11-01"


def test_payments_of_varying_size_as_of_any_date(cli, planned):
    cli("plan", "pay", planned, "--amount", "103", "--date", "01/12/2026", env={"HUURBEG_TODAY": "2026-12-01"})
    cli("plan", "pay", planned, "--amount", "60", "--date", "05/01/2027", env={"HUURBEG_TODAY": "2027-01-05"})
    cli("plan", "pay", planned, "--amount", "200,50", "--date", "20/01/2027", env={"HUURBEG_TODAY": "2027-01-20"})
    states = lambda day: [(i["paid"], i["state"]) for i in show(cli, planned, "--as-of", day)["instalments"][:4]]  # noqa
    assert states("06/01/2027") == [(103.0, "paid"), (60.0, "partial"), (0.0, "due"), (0.0, "due")]
    assert states("09/01/2027") == [(103.0, "paid"), (60.0, "late"), (0.0, "due"), (0.0, "due")]
    # 200,50 on 20/01: 43 completes January, 103 settles February (next to fall due), 54,50 the end
    assert states("21/01/2027") == [(103.0, "paid"), (103.0, "paid"), (103.0, "paid"), (0.0, "due")]
    view = show(cli, planned, "--as-of", "21/01/2027")
    assert view["instalments"][-1]["paid"] == 54.5
    assert (view["paid"], view["balance"]) == (363.5, 871.06)


def test_late_and_broken_plan_warnings_everywhere(cli, planned):
    deadlines = lambda day: [(w["rule"], w["severity"]) for w in  # noqa: E731
                             as_json(cli("deadlines", "-f", "json", "--as-of", day, "--within", "0"))
                             if w["rule"] == "instalment-unpaid"]
    assert deadlines("08/12/2026") == [("instalment-unpaid", "info")]  # due, not yet late
    assert deadlines("09/12/2026") == [("instalment-unpaid", "warning")]
    assert deadlines("01/02/2027") == [("instalment-unpaid", "urgent")]
    [row] = as_json(cli("case", "list", "-f", "json", "--as-of", "01/02/2027"))
    assert row["severity"] == "urgent" and "plan broken: " in row["warning"] and "pre-ogp" in row["warning"]
    overview = cli(env={"HUURBEG_TODAY": "2027-02-01"})
    assert "plan broken: " in overview.stdout
    case = as_json(cli("case", "show", planned, "-f", "json", "--as-of", "01/02/2027"))
    assert case["payment_plan"]["standing"] == "broken"


def test_paying_off_completes_the_plan(cli, planned):
    result = cli("plan", "pay", planned, "--amount", "1.234,56")
    assert result.exit_code == 0 and "paid off" in result.stderr
    view = show(cli, planned)
    assert (view["status"], view["balance"]) == ("completed", 0.0)
    assert all(i["state"] == "paid" for i in view["instalments"])
    assert_one_line_error(cli("plan", "pay", planned, "--amount", "10"), code=4, contains="no active payment plan")


def test_a_new_plan_replaces_the_old_one_and_keeps_it(cli, planned, db_path):
    cli("plan", "pay", planned, "--amount", "103")
    result = cli("plan", "new", planned, "--arrears", "1131,56", "--instalment", "200", "--start", "15/12/2026")
    assert result.exit_code == 0 and "replaced" in result.stderr
    view = show(cli, planned)
    assert (view["arrears"], len(view["instalments"]), view["paid"]) == (1131.56, 6, 0.0)
    assert query(db_path, "SELECT status FROM payment_plan ORDER BY id") == [("replaced",), ("active",)]
    timeline = [e["detail"] for e in as_json(cli("case", "show", planned, "-f", "json"))["timeline"]]
    assert any("replaced" in detail for detail in timeline)


def test_plan_show_csv_is_one_row_per_instalment(cli, planned):
    rows = list(csv.DictReader(io.StringIO(cli("plan", "show", planned, "-f", "csv").stdout)))
    assert len(rows) == 12 and rows[0]["due"] == "2026-12-01" and rows[0]["amount"] == "103.00"


def test_plan_show_table(cli, planned):
    result = cli("plan", "show", planned)
    assert "€ 1.234,56" in result.stdout and "01/12/2026" in result.stdout and "balance" in result.stdout


@pytest.mark.parametrize("args, text", [
    (["--arrears", "0", "--instalment", "0", "--start", "today"], "--arrears: must be more than 0"),
    (["--arrears", "-100", "--instalment", "10", "--start", "today"], "negative"),
    (["--arrears", "100", "--instalment", "10", "--start", "today", "--day", "32"], "--day"),
    (["--arrears", "100", "--instalment", "10", "--start", "31/31/2026"], "--start"),
    (["--arrears", "100", "--instalment", "10", "--no-input"], "--start"),
])
def test_impossible_plans_write_nothing(cli, new_case, db_path, args, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", number, *args), code=2, contains=text)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("args, code, text", [
    (["--amount", "0"], 2, "more than 0"),
    (["--amount", "-3"], 2, "negative"),
    (["--amount", "5000"], 2, "remaining balance"),
    (["--amount", "10", "--date", "+1d"], 2, "future"),
    (["--amount", "1.5.0"], 2, "not an amount"),
])
def test_bad_payments_write_nothing(cli, planned, db_path, args, code, text):
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "pay", planned, *args), code=code, contains=text)
    assert snapshot(db_path) == before


def test_payment_without_a_plan(cli, new_case, db_path):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", "pay", number, "--amount", "10"), code=4, contains="no active payment plan")
    assert_one_line_error(cli("plan", "show", number), code=3, contains="no payment plan")
    assert snapshot(db_path) == before


def test_agreements(cli, planned):
    result = cli("plan", "agree", planned, "Clean the kitchen", "--due", "29/11/2026")
    assert result.exit_code == 0 and result.stdout.strip() == "1"
    cli("plan", "agree", planned, "Repair the heating", "--due", "15/12/2026", "--party", "landlord")
    warnings = lambda day: [w["message"] for w in as_json(  # noqa: E731
        cli("deadlines", "-f", "json", "--as-of", day, "--within", "0")) if w["rule"] == "agreement-overdue"]
    assert warnings("30/11/2026") == ["agreement 1 (tenant) overdue"]
    assert cli("plan", "done", planned, "1").exit_code == 0
    assert warnings("30/11/2026") == []
    agreements = as_json(cli("case", "show", planned, "-f", "json"))["agreements"]
    assert [(a["id"], a["party"], a["text"], a["done"]) for a in agreements] == [
        (1, "tenant", "Clean the kitchen", "2026-11-22"), (2, "landlord", "Repair the heating", None)]


@pytest.mark.parametrize("args, code, text", [
    (["agree", "{n}", "  ", "--due", "+1w"], 2, "TEXT"),
    (["agree", "{n}", "x", "--due", "1/1/2020"], 2, "--due"),
    (["agree", "{n}", "x", "--due", "+1w", "--party", "judge"], 2, "tenant, landlord"),
    (["agree", "{n}", "x"], 2, "--due"),
    (["done", "{n}", "99"], 3, "no agreement 99"),
])
def test_bad_agreements_write_nothing(cli, planned, db_path, args, code, text):
    before = snapshot(db_path)
    assert_one_line_error(cli("plan", *[a.replace("{n}", planned) for a in args]), code=code, contains=text)
    assert snapshot(db_path) == before


def test_an_agreement_is_done_once(cli, planned):
    cli("plan", "agree", planned, "x", "--due", "+1w")
    assert cli("plan", "done", planned, "1").exit_code == 0
    assert_one_line_error(cli("plan", "done", planned, "1"), code=4, contains="already done")


@pytest.mark.parametrize("lang, paid, standing", [
    ("en", "paid, 36 days late", "caught-up"),
    ("nl", "betaald, 36 dagen te laat", "ingehaald, met vertraging")])
def test_an_instalment_paid_five_weeks_late_leaves_a_trace(cli, planned, lang, paid, standing):
    # December's instalment missed, paid with January's on 06/01/2027: 36 days late
    env = {"HUURBEG_TODAY": "2027-01-10", "HUURBEG_LANG": lang}
    assert cli("plan", "pay", planned, "--amount", "206", "--date", "06/01/2027", env=env).exit_code == 0
    view = show(cli, planned, "--as-of", "10/01/2027")
    december, january = view["instalments"][:2]
    assert (december["state"], december["paid_on"], december["days_late"]) == ("paid", "2027-01-06", 36)
    assert (january["state"], january["paid_on"], january["days_late"]) == ("paid", "2027-01-06", 5)
    assert (view["standing"], view["paid_late"], view["most_days_late"]) == ("caught-up", 1, 36)
    table = cli("plan", "show", planned, env=env).stdout
    assert paid in table and "06/01/2027" in table
    assert standing in table.splitlines()[0]
    assert cli("hearing", "add", planned, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen",
               env=env).exit_code == 0
    for shown in (cli("hearing", "brief", planned, env=env).stdout, cli("case", "show", planned, env=env).stdout):
        flat = " ".join(shown.split())
        assert standing in flat and "36" in flat, shown
    late = lambda month: [row["value"] for row in as_json(cli("stats", "--month", month, "-f", "json", env=env))  # noqa
                          if row["figure"] == "plans_paid_late"]
    assert (late("2026-12"), late("2027-01")) == ([0], [1])


def test_a_plan_agreed_before_the_registration_takes_payments_from_its_start(cli, db_path):
    number = cli("intake", "--track", "pre-ogp", "--tenant", "Jan Peeters", "--source", "tenant", "--problem",
                 "arrears", "--arrears", "600", "--tenant-informed", "--date", "15/11/2026", "--no-input").stdout.strip()
    assert cli("plan", number, "--arrears", "600", "--instalment", "150", "--start", "01/10/2026").exit_code == 0
    result = cli("plan", "pay", number, "--amount", "150", "--date", "01/10/2026")  # before the registration
    assert result.exit_code == 0, result.output
    before = snapshot(db_path)
    result = cli("plan", "pay", number, "--amount", "150", "--date", "30/09/2026")  # before the plan too
    assert_one_line_error(result, code=2, contains="01/10/2026")
    assert snapshot(db_path) == before
