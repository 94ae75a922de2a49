"""`huurbeg case ...`, `huurbeg deadlines` and the bare overview, through the CLI."""

import csv
import io
import json

import pytest

from conftest import assert_one_line_error, me, snapshot

NO_CONTACT = dict.fromkeys(("address", "phone", "email", "contact_person"))
"""A landlord's contact details in the dossier, when none were given."""


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_case_list_shows_the_caseload_with_warnings(cli, new_case):
    number = new_case()
    listing = as_json(cli("case", "list", "--format", "json"))
    assert listing == [{
        "case": number, "tenant": "Jan Peeters", "track": "pw", "status": "open",
        "intake_date": "2026-11-22", "days_open": 0, "last_contact": None, "next_deadline": "2026-11-22",
        "severity": "warning", "warning": "no consent of tenant or landlord; PW support cannot start",
        "worker": me()}]


def test_case_list_table_and_csv(cli, new_case):
    number = new_case()
    table = cli("case", "list")
    assert number in table.stdout and "Jan Peeters" in table.stdout and "22/11/2026" in table.stdout
    parsed = list(csv.DictReader(io.StringIO(cli("case", "list", "--format", "csv").stdout)))
    assert parsed[0]["case"] == number and parsed[0]["intake_date"] == "2026-11-22"


def test_case_list_filters(cli, new_case):
    pw = new_case()
    ogp = new_case("--tenant", "B", "--address", "B 2", "--track", "ogp")
    closed = new_case("--tenant", "C", "--address", "C 3")
    cli("case", "close", closed, "--outcome", "referred")
    numbers = lambda *args: [r["case"] for r in as_json(cli("case", "list", "-f", "json", *args))]  # noqa: E731
    assert numbers() == [pw, ogp]
    assert numbers("--track", "ogp") == [ogp]
    assert numbers("--status", "closed") == [closed]
    assert numbers("--status", "all") == [pw, ogp, closed]
    assert_one_line_error(cli("case", "list", "--status", "gone"), code=2, contains="open, closed or all")


def test_days_open_and_deadlines_follow_as_of(cli, new_case):
    number = new_case("--consent-tenant", "--consent-landlord")
    [row] = as_json(cli("case", "list", "-f", "json", "--as-of", "+40d"))
    assert row["days_open"] == 40
    assert row["severity"] == "warning" and row["warning"].startswith("no contact since intake")
    [row] = as_json(cli("case", "list", "-f", "json"), )
    assert row["severity"] is None and row["next_deadline"] == "2026-12-22"
    assert number


def test_case_show_json_has_the_whole_dossier(cli, new_case):
    number = new_case("--consent-tenant", "--note", "sensitive note")
    case = as_json(cli("case", "show", number, "--format", "json"))
    assert case["case"] == number and case["note"] == "sensitive note"
    assert case["landlord"] == {"name": "Woonpunt", "type": "shm"} | NO_CONTACT
    assert case["problems"] == ["arrears"]
    assert case["tracks"] == [{"track": "pw", "from": None, "date": "2026-11-22"}]
    assert [entry["action"] for entry in case["timeline"]] == ["intake", "consent"]
    assert {"case", "rule", "severity", "due", "message"} == set(case["warnings"][0])


def test_case_show_table(cli, new_case):
    number = new_case()
    shown = cli("case", "show", number)
    assert shown.exit_code == 0, shown.output
    for text in (f"Case {number}", "Jan Peeters", "Woonpunt (shm)", "€ 1.234,56", "Timeline",
                 "landlord missing"):
        assert text in shown.stdout


def test_consent_track_close_reopen_round_trip(cli, new_case, db_path):
    number = new_case()
    assert cli("case", "consent", number, "--tenant", "--landlord").exit_code == 0
    assert as_json(cli("case", "show", number, "-f", "json"))["warnings"] == []
    moved = cli("case", "track", number, "--to", "pre-ogp", "--date", "yesterday")
    assert moved.exit_code == 2  # before the registration date
    assert cli("case", "track", number, "--to", "pre-ogp").exit_code == 0
    closed = cli("case", "close", number, "--outcome", "eviction-prevented")
    assert closed.exit_code == 0 and "closed" in closed.stderr
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert (case["status"], case["outcome"], case["closed_date"]) == ("closed", "eviction-prevented", "2026-11-22")
    assert [t["track"] for t in case["tracks"]] == ["pw", "pre-ogp"]
    assert cli("case", "reopen", number).exit_code == 0
    case = as_json(cli("case", "show", number, "-f", "json"))
    assert (case["status"], case["outcome"]) == ("open", None)
    assert [e["action"] for e in case["timeline"]] == ["intake", "consent", "consent", "track", "close", "reopen"]


@pytest.mark.parametrize("args, code, text", [
    (["case", "show", "2026-0999"], 3, "case 2026-0999 does not exist"),
    (["case", "show", "42"], 2, "YYYY-NNNN"),
    (["case", "consent", "{n}"], 2, "--tenant/--landlord"),
    (["case", "consent", "{n}", "--tenant", "--date", "+1d"], 2, "future"),
    (["case", "track", "{n}", "--to", "pw"], 4, "already on track pw"),
    (["case", "track", "{n}", "--to", "court"], 2, "pw, pre-ogp, ogp, dw, crisis"),
    (["case", "track", "{n}"], 2, "--to"),
    (["case", "close", "{n}", "--outcome", "won"], 2, "eviction-prevented"),
    (["case", "close", "{n}", "--outcome", "evicted", "--date", "01/01/2020"], 2, "before the registration"),
    (["case", "reopen", "{n}"], 4, "already open"),
])
def test_case_errors_write_nothing(cli, new_case, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    result = cli(*[a.replace("{n}", number) for a in args])
    assert_one_line_error(result, code=code, contains=text)
    assert snapshot(db_path) == before


def test_a_closed_case_refuses_changes_until_reopened(cli, new_case, db_path):
    number = new_case()
    cli("case", "close", number, "--outcome", "referred")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "track", number, "--to", "ogp"), code=4, contains="reopen")
    assert_one_line_error(cli("case", "close", number, "--outcome", "referred"), code=4, contains="closed")
    assert snapshot(db_path) == before


def test_case_history_lists_writes_and_reads(cli, new_case):
    number = new_case()
    cli("case", "show", number)
    history = as_json(cli("case", "history", number, "-f", "json"))
    assert [(h["action"], h["detail"]) for h in history] == [
        ("intake", "opened on track pw (registered by landlord)"), ("read", "case show")]
    assert all(h["case"] == number and h["user"] for h in history)


def test_deadlines_most_urgent_first(cli, new_case):
    old = new_case("--date", "01/01/2024", "--consent-tenant", "--consent-landlord")
    fresh = new_case("--tenant", "B", "--address", "B 2")
    found = as_json(cli("deadlines", "--format", "json", "--as-of", "15/12/2026"))
    # warnings by due date, then what falls due within the default 14 days
    assert [(w["case"], w["rule"], w["severity"], w["due"]) for w in found] == [
        (old, "no-contact", "warning", "2024-01-31"),
        (fresh, "pw-consent-missing", "warning", "2026-11-22"),
        (old, "pw-max-duration", "warning", "2027-01-01"),  # 17 days before the 3-year limit
        (fresh, "no-contact", "info", "2026-12-22")]
    narrow = as_json(cli("deadlines", "--format", "json", "--as-of", "15/12/2026", "--within", "0"))
    assert [w["severity"] for w in narrow] == ["warning"] * 3
    wide = as_json(cli("deadlines", "--format", "json", "--within", "800"))
    assert (old, "pw-max-duration", "warning", "2027-01-01") in [
        (w["case"], w["rule"], w["severity"], w["due"]) for w in wide]


def test_deadlines_pinned_by_huurbeg_today(cli, new_case):
    new_case("--date", "01/01/2024", "--consent-tenant", "--consent-landlord")
    found = as_json(cli("deadlines", "-f", "json", env={"HUURBEG_TODAY": "2027-01-02"}))
    assert [w["severity"] for w in found if w["rule"] == "pw-max-duration"] == ["overdue"]


def test_bad_huurbeg_today_is_one_line(cli):
    assert_one_line_error(cli("deadlines", env={"HUURBEG_TODAY": "tomorrow"}), code=2, contains="HUURBEG_TODAY")


def test_overview(cli, new_case):
    empty = cli()
    assert empty.exit_code == 0 and "No open cases" in empty.stdout
    number = new_case()
    overview = cli()
    assert overview.exit_code == 0, overview.output
    assert "1 open case" in overview.stdout and number in overview.stdout


def test_consent_is_shown_where_it_matters(cli, new_case):
    pw = new_case("--consent-tenant")
    ogp = new_case("--track", "ogp", "--source", "court", "--tenant", "B", "--address", "B 2")
    assert "landlord missing" in cli("case", "show", pw).stdout
    assert "Consent" not in cli("case", "show", ogp).stdout
