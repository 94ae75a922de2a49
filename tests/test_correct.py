"""Correcting a case: `huurbeg case edit`, the monthly rent, and the plausibility rules."""

import json
import os
import sys
from datetime import date

import pytest

from conftest import assert_one_line_error, snapshot
from huurbeg.core import national_number
from huurbeg.domain import rules
from huurbeg.core.errors import InvalidInput

NO_CONTACT = dict.fromkeys(("address", "phone", "email", "contact_person"))
"""A landlord's contact details in the dossier, when none were given."""


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def dossier(cli, number):
    return as_json(cli("case", "show", number, "-f", "json"))


def test_edit_corrects_the_household_and_the_history_names_only_the_fields(cli, new_case):
    number = new_case("--phone", "0470 11 22 33")
    before = dossier(cli, number)
    assert before["rent"] is None
    result = cli("case", "edit", number, "--address", "Kerkstraat 11, 2800 Mechelen", "--phone", "",
                 "--rent", "650", "--arrears", "900", "--adults", "2", "--problem", "hygiene",
                 "--problem", "arrears")
    assert result.exit_code == 0, result.output
    assert "corrected address, phone, adults, problems, arrears, rent" in result.stderr
    after = dossier(cli, number)
    assert after["tenant"]["address"] == "Kerkstraat 11, 2800 Mechelen"
    assert after["tenant"]["phone"] is None and after["tenant"]["adults"] == 2
    assert (after["rent"], after["arrears"]) == (650.0, 900.0)
    assert sorted(after["problems"]) == ["arrears", "hygiene"]
    history = as_json(cli("case", "history", number, "-f", "json"))
    [entry] = [e for e in history if e["action"] == "edit"]
    assert entry["detail"] == "corrected: address, phone, adults, problems, arrears, rent"
    text = json.dumps([e["detail"] for e in history])
    for value in ("Kerkstraat 1,", "Kerkstraat 11", "0470", "650", "1234", "900"):
        assert value not in text
    assert "Rent" in cli("case", "show", number).stdout


def test_the_rent_at_intake_and_the_new_landlord(cli, new_case):
    number = new_case("--rent", "712,50")
    assert dossier(cli, number)["rent"] == 712.5
    assert cli("case", "edit", number, "--landlord", "Huisbaas Claes", "--landlord-type", "private").exit_code == 0
    assert dossier(cli, number)["landlord"] == {"name": "Huisbaas Claes", "type": "private"} | NO_CONTACT
    assert cli("case", "edit", number, "--landlord", "WOONPUNT").exit_code == 0  # known, by name
    assert dossier(cli, number)["landlord"] == {"name": "Woonpunt", "type": "shm"} | NO_CONTACT
    assert cli("case", "edit", number, "--landlord", "").exit_code == 0
    assert dossier(cli, number)["landlord"] is None


def test_an_edit_changes_the_warnings_and_the_figures(cli, new_case):
    number = new_case("--source", "tenant")
    cli("case", "edit", number, "--source", "ocmw")
    rows = as_json(cli("stats", "--month", "2026-11", "-f", "json"))
    by_source = {r["breakdown"]: r["value"] for r in rows if r["figure"] == "new_cases" and "source=" in r["breakdown"]}
    assert (by_source["source=ocmw"], by_source["source=tenant"]) == (1, 0)


@pytest.mark.parametrize("args, code, text", [
    (["--address", "Kerkstraat 1, 2800 Mechelen"], 2, "nothing to change"),
    (["--landlord", "woonpunt"], 2, "nothing to change"),
    (["--tenant", " "], 2, "--tenant"),
    (["--adults", "0"], 2, "at least one adult"),
    (["--children", "31"], 2, "--children"),
    (["--birth-date", "01/01/1990", "--national-number", "85073003328"], 2, "holds another birth date"),
    (["--national-number", "85133003328"], 2, "--national-number"),
    (["--birth-date", "+1d"], 2, "after the registration"),
    (["--landlord", "Iemand Nieuw"], 2, "--landlord-type"),
    (["--source", "friend"], 2, "tenant, landlord"),
    (["--rent", "-5"], 2, "--rent"),
    ([], 2, "give at least one field"),
])
def test_bad_edits_write_nothing(cli, new_case, db_path, args, code, text):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "edit", number, *args, "--no-input"), code=code, contains=text)
    assert snapshot(db_path) == before


def test_a_closed_case_is_refused_until_reopened(cli, new_case, db_path):
    number = new_case()
    cli("case", "close", number, "--outcome", "referred")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "edit", number, "--phone", "1"), code=4, contains="reopen")
    assert snapshot(db_path) == before
    assert_one_line_error(cli("case", "edit", "2026-0099", "--phone", "1"), code=3, contains="does not exist")
    cli("case", "reopen", number)
    assert cli("case", "edit", number, "--phone", "1").exit_code == 0


def test_the_national_number_birth_date_must_match(cli, new_case, db_path):
    number = new_case("--birth-date", "30/07/1985")
    assert_one_line_error(cli("case", "edit", number, "--national-number", with_check("901224771")), code=2,
                          contains="holds another birth date")
    assert cli("case", "edit", number, "--national-number", "85.07.30-033.28").exit_code == 0
    refused = cli(*["intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed",
                    "--no-input", "--birth-date", "01/01/1990", "--national-number", "85073003328"])
    assert_one_line_error(refused, code=2, contains="holds another birth date")


# --- the plausibility rules, directly ---------------------------------------------

@pytest.mark.parametrize("minutes, ok", [(0, True), (480, True), (481, False), (900, False), (None, True)])
def test_contact_minutes(minutes, ok):
    if ok:
        rules.check_contact_minutes(minutes)
    else:
        with pytest.raises(InvalidInput, match="480"):
            rules.check_contact_minutes(minutes)


@pytest.mark.parametrize("adults, children, ok", [(1, 0, True), (0, 2, False), (None, None, True), (31, 0, False),
                                                  (2, 30, True)])
def test_household_size(adults, children, ok):
    if ok:
        rules.check_household_size(adults, children)
    else:
        with pytest.raises(InvalidInput):
            rules.check_household_size(adults, children)


@pytest.mark.parametrize("hearing, ok", [(date(2025, 11, 22), True), (date(2025, 11, 21), False),
                                         (date(2026, 12, 1), True)])
def test_hearing_a_year_before_registration(hearing, ok):
    if ok:
        rules.check_hearing_date(hearing, date(2026, 11, 22))
    else:
        with pytest.raises(InvalidInput, match="more than a year"):
            rules.check_hearing_date(hearing, date(2026, 11, 22))


def with_check(first9: str) -> str:
    """A number with a correct mod-97 check (born before 2000)."""
    return first9 + f"{97 - int(first9) % 97:02d}"


@pytest.mark.parametrize("number, born", [
    ("85073003328", date(1985, 7, 30)),
    (with_check("850000033"), None),  # birth date unknown: month and day 00
    (with_check("852730033"), date(1985, 7, 30)),  # bis number: month + 20
    (with_check("854730033"), date(1985, 7, 30)),  # bis number: month + 40
])
def test_national_numbers_the_standard_accepts(number, born):
    assert national_number.normalise(number) == number
    assert national_number.birth_date(number) == born


@pytest.mark.parametrize("number", [with_check("851330033"), with_check("853530033"), with_check("856730033"), with_check("859930033")])
def test_a_birth_date_part_that_is_no_date_is_refused(number):
    with pytest.raises(ValueError, match="birth-date part") as caught:
        national_number.normalise(number)
    assert number not in str(caught.value)


def test_the_hearing_a_year_before_registration_is_refused_through_the_cli(cli, new_case, db_path):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "add", number, "--date", "01/10/2025 09:00", "--court", "VG"), code=2,
                          contains="more than a year")
    assert snapshot(db_path) == before


# --- on a terminal ------------------------------------------------------------------

@pytest.mark.slow
def test_edit_on_a_terminal_asks_every_field_with_its_value(cli, new_case):
    pexpect = pytest.importorskip("pexpect")
    number = new_case("--phone", "0470 11 22 33", "--rent", "650")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "edit", number], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 120))
    child.expect_exact("Tenant's name?")
    child.send("\r")
    child.expect_exact("Address?")
    child.send("\x7f" * 40 + "Bruul 5, 2800 Mechelen\r")
    for question in ("Phone?", "Birth date", "National register number?", "Adults", "Children", "Registered by?",
                     "Who at that service", "Landlord?", "Problems?", "Rent arrears", "Monthly rent", "Note"):
        child.expect_exact(question)
        child.send("\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    case = dossier(cli, number)
    assert case["tenant"]["address"] == "Bruul 5, 2800 Mechelen"
    assert case["tenant"]["phone"] == "0470 11 22 33" and case["rent"] == 650.0
    assert case["problems"] == ["arrears"] and case["landlord"]["name"] == "Woonpunt"
    assert case["timeline"][-1]["detail"] == "corrected: address"


@pytest.mark.slow
def test_edit_on_a_terminal_clears_a_text_with_a_dash_as_its_header_and_the_numbers_say(cli, new_case):
    """The header of `case edit` says what its questions take: Enter keeps, '-' clears, a text as a number."""
    pexpect = pytest.importorskip("pexpect")
    number = new_case("--phone", "0470 11 22 33", "--rent", "650")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "edit", number], env=env, encoding="utf-8",
                          timeout=20, dimensions=(40, 120))
    child.expect_exact("Enter keeps a value; - (or an emptied text) clears it.")
    child.expect_exact("Tenant's name?")
    child.send("\r")
    child.expect_exact("Address?")
    child.send("\r")
    child.expect_exact("Phone?")
    child.send("\x7f" * 20 + "-\r")
    for question in ("Birth date", "National register number?", "Adults", "Children", "Registered by?",
                     "Who at that service", "Landlord?", "Problems?", "Rent arrears", "Monthly rent"):
        child.expect_exact(question)
        child.send("\r")
    child.expect_exact("Note")
    child.send("-\r")  # a text with nothing stored: '-' leaves it empty, as it would clear it
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    case = dossier(cli, number)
    assert case["tenant"]["phone"] is None and case["note"] is None and case["rent"] == 650.0
    assert case["timeline"][-1]["detail"] == "corrected: phone"
