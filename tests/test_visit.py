"""`huurbeg visit`: logging and listing contacts, through the CLI."""

import json

import pytest

from conftest import assert_one_line_error, snapshot


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_visit_shorthand_logs_a_home_visit_today(cli, new_case):
    number = new_case()
    result = cli("visit", number, "--minutes", "45", "--note", "kitchen visit", "--next", "+2w", "--no-input")
    assert result.exit_code == 0, result.output
    assert "home contact logged" in result.stderr
    [contact] = as_json(cli("visit", "list", number, "-f", "json"))
    assert contact == {"case": number, "id": 1, "date": "2026-11-22", "kind": "home", "reached": True, "minutes": 45,
                       "next": "2026-12-06", "note": "kitchen visit"}


def test_both_spellings_work(cli, new_case):
    number = new_case()
    assert cli("visit", "add", number, "--kind", "phone", "--no-input").exit_code == 0
    assert cli("visit", number, "--kind", "email", "--no-input").exit_code == 0
    assert [c["kind"] for c in as_json(cli("visit", "list", number, "-f", "json"))] == ["phone", "email"]
    assert "huurbeg visit add CASE" in " ".join(cli("visit", "--help").stdout.split())


def test_contacts_feed_case_list_show_and_the_timeline(cli, new_case):
    number = new_case()
    cli("visit", number, "--date", "22/11/2026", "--kind", "office", "--minutes", "30", "--no-input")
    [row] = as_json(cli("case", "list", "-f", "json"))
    assert row["last_contact"] == "2026-11-22"
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert case["contacts"][0]["kind"] == "office"
    assert case["timeline"][-1]["action"] == "contact"
    assert "30 min" in case["timeline"][-1]["detail"]


def test_a_contact_resets_the_no_contact_warning(cli, new_case):
    number = new_case("--consent-tenant", "--consent-landlord", "--date", "01/10/2026")
    rules = lambda: [w["rule"] for w in as_json(cli("deadlines", "-f", "json", "--within", "0"))]  # noqa: E731
    assert rules() == ["no-contact"]
    cli("visit", number, "--date", "20/11/2026", "--no-input")
    assert rules() == []


def test_a_planned_contact_that_passed_is_a_warning(cli, new_case):
    number = new_case("--consent-tenant", "--consent-landlord")
    cli("visit", number, "--next", "25/11/2026", "--no-input")
    found = as_json(cli("deadlines", "-f", "json", "--as-of", "26/11/2026", "--within", "0"))
    assert [(w["rule"], w["due"]) for w in found] == [("next-contact-passed", "2026-11-25")]


def test_visit_list_of_every_case_covers_the_last_30_days(cli, new_case):
    a = new_case("--date", "01/09/2026")
    b = new_case("--tenant", "B", "--address", "B 2")
    cli("visit", a, "--date", "01/10/2026", "--no-input")
    cli("visit", b, "--no-input")
    assert [c["case"] for c in as_json(cli("visit", "list", "-f", "json"))] == [b]
    assert [c["case"] for c in as_json(cli("visit", "list", "-f", "json", "--since", "01/01/2026"))] == [a, b]


@pytest.mark.parametrize("args, code, text", [
    (["--date", "+1d"], 2, "future"),
    (["--date", "30/02/2026"], 2, "not a date"),
    (["--date", "01/01/2020"], 2, "before the registration"),
    (["--kind", "visit"], 2, "home, office, phone"),
    (["--minutes", "-5"], 2, "--minutes"),
    (["--minutes", "5000"], 2, "--minutes"),
    (["--next", "today"], 2, "after this one"),
])
def test_bad_visits_write_nothing(cli, new_case, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("visit", number, *args, "--no-input"), code=code, contains=text)
    assert snapshot(db_path) == before


def test_a_visit_on_a_closed_case_is_refused(cli, new_case, db_path):
    number = new_case()
    cli("case", "close", number, "--outcome", "referred")
    before = snapshot(db_path)
    assert_one_line_error(cli("visit", number, "--no-input"), code=4, contains="reopen")
    assert snapshot(db_path) == before


def test_visit_on_unknown_case(cli, new_case):
    new_case()
    assert_one_line_error(cli("visit", "2026-0077", "--no-input"), code=3, contains="2026-0077 does not exist")
    assert_one_line_error(cli("visit", "nonsense", "--no-input"), code=2, contains="YYYY-NNNN")
