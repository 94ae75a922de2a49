"""`huurbeg intake` through the CLI, on a real SQLite file."""

import json
import pytest

from conftest import INTAKE, assert_one_line_error, query, snapshot


def rows(db_path, sql):
    return query(db_path, sql)


def test_intake_prints_the_new_case_number_and_stores_the_case(cli, db_path):
    result = cli(*INTAKE)
    assert result.exit_code == 0, result.output
    assert result.stdout == "2026-0001\n"
    assert rows(db_path, "SELECT number, track, source, arrears_cents, status FROM case_file") == \
        [("2026-0001", "pw", "landlord", 123456, "open")]
    assert rows(db_path, "SELECT name, kind FROM landlord") == [("Woonpunt", "shm")]
    assert rows(db_path, "SELECT problem, raised_by_landlord FROM case_problem") == [("arrears", 1)]
    assert rows(db_path, "SELECT to_track, date FROM track_change") == [("pw", "2026-11-22")]


def test_case_numbers_count_up_per_year_of_intake(cli):
    numbers = [cli(*INTAKE, "--tenant", name, "--address", name).stdout.strip() for name in ("A", "B")]
    earlier = cli(*INTAKE, "--tenant", "C", "--address", "C", "--date", "15/12/2025").stdout.strip()
    assert numbers == ["2026-0001", "2026-0002"]
    assert earlier == "2025-0001"


def test_intake_json_is_the_new_case(cli):
    cli("case", "list")  # the database exists: its creation is announced on stderr too
    result = cli(*INTAKE, "--consent-tenant", "--format", "json", "--birth-date", "30/07/1985",
                 "--national-number", "85.07.30-033.28", "--adults", "2", "--children", "3")
    assert result.exit_code == 0, result.output
    case = json.loads(result.stdout)
    assert case["case"] == "2026-0001"
    assert case["intake_date"] == "2026-11-22"
    assert case["arrears"] == 1234.56
    assert case["tenant"] == {"name": "Jan Peeters", "address": "Kerkstraat 1, 2800 Mechelen", "phone": None,
                              "birth_date": "1985-07-30", "national_number": "85073003328",
                              "adults": 2, "children": 3}
    assert case["consents"] == {"tenant": "2026-11-22", "landlord": None}
    assert [w["rule"] for w in case["warnings"]] == ["pw-consent-missing"]
    assert "consent of landlord missing" in result.stderr or result.stderr == ""


def test_a_pw_case_without_a_landlord_waits_only_for_the_tenant_s_consent(cli):
    """No landlord registered: no landlord consent to wait for, in the warnings and in the landlord report."""
    no_landlord = [a for a in INTAKE if a not in ("--landlord", "Woonpunt", "--landlord-type", "shm")]
    no_landlord[no_landlord.index("--source") + 1] = "tenant"
    number = cli(*no_landlord, "--consent-tenant").stdout.strip()
    deadlines = cli("deadlines", "-f", "json")
    assert deadlines.exit_code == 0, deadlines.output
    assert [w["rule"] for w in json.loads(deadlines.stdout) if w["case"] == number] == []
    dutch = cli("deadlines", env={"HUURBEG_LANG": "nl"})
    assert "verhuurder" not in dutch.stdout
    shown = cli("case", "show", number)
    assert shown.exit_code == 0, shown.output
    assert "landlord missing" not in shown.stdout and "landlord" not in shown.stdout.split("Consent")[1].split("\n")[0]
    report = cli("case", "report", number, "--for", "landlord", "-f", "json")
    assert report.exit_code == 0, report.output
    assert json.loads(report.stdout)["support"]["waiting_for_consent"] is False
    waiting = cli(*no_landlord, "--tenant", "Other", "--address", "Elders 2").stdout.strip()
    assert [w["rule"] for w in json.loads(cli("deadlines", "-f", "json").stdout) if w["case"] == waiting] == \
        ["pw-consent-missing"]


def test_existing_landlord_is_reused_by_name(cli, db_path):
    cli(*INTAKE)
    result = cli(*[a for a in INTAKE if a not in ("--landlord-type", "shm")],
                 "--landlord", "woonpunt", "--tenant", "Other", "--address", "Elsewhere 2")
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT count(*) FROM landlord") == [(1,)]


def test_new_landlord_needs_a_type(cli, db_path):
    cli("case", "list")
    before = snapshot(db_path)
    args = [a for a in INTAKE if a not in ("--landlord-type", "shm")]
    result = cli(*args, "--landlord", "Nieuwe Eigenaar")
    assert_one_line_error(result, code=2, contains="--landlord-type")
    assert snapshot(db_path) == before


def test_refused_when_tenant_not_informed(cli, db_path):
    cli("case", "list")  # create the database first, so "unchanged" compares real content
    before = snapshot(db_path)
    result = cli(*[a for a in INTAKE if a != "--tenant-informed"])
    assert_one_line_error(result, code=4, contains="tenant must be informed")
    assert snapshot(db_path) == before


def test_missing_required_values_name_the_flags(cli):
    result = cli("intake", "--tenant-informed", "--no-input")
    assert_one_line_error(result, code=2, contains="--track")
    assert "--source" in result.stderr


def test_without_a_terminal_no_prompt_is_attempted(cli):
    # CliRunner's stdin is not a terminal: even without --no-input this must fail, not hang
    result = cli("intake", "--track", "pw", "--tenant-informed", input="")
    assert_one_line_error(result, code=2, contains="--tenant")


@pytest.mark.parametrize("flag, value, field", [
    ("--track", "pre_ogp", "--track"),
    ("--source", "neighbour", "--source"),
    ("--landlord-type", "company", "--landlord-type"),
    ("--problem", "noise", "--problem"),
    ("--date", "31/02/2026", "--date"),
    ("--date", "+3d", "--date"),  # in the future
    ("--birth-date", "1980", "--birth-date"),
    ("--arrears", "-50", "--arrears"),
    ("--arrears", "1.2345", "--arrears"),
    ("--arrears", "lots", "--arrears"),
    ("--national-number", "85073003329", "--national-number"),
    ("--adults", "two", "--adults"),
    ("--children", "99", "--children"),
])
def test_bad_input_is_one_line_and_writes_nothing(cli, db_path, flag, value, field):
    cli(*INTAKE, "--tenant", "First", "--address", "First 1")
    before = snapshot(db_path)
    result = cli(*INTAKE, flag, value)
    assert_one_line_error(result, contains=field)
    assert snapshot(db_path) == before


def test_unknown_code_lists_the_valid_ones(cli):
    result = cli(*INTAKE, "--track", "pre_ogp")
    assert "pw, pre-ogp, ogp, dw, crisis" in result.stderr


def test_errors_never_repeat_a_national_number(cli):
    result = cli(*INTAKE, "--national-number", "90.12.24-771.12")
    assert result.exit_code == 2
    assert "771" not in result.stderr and "901224" not in result.stderr.replace(".", "")


def test_an_open_case_of_the_same_household_is_not_duplicated(cli, db_path):
    first = cli(*INTAKE, "--national-number", "85073003328").stdout.strip()
    before = snapshot(db_path)
    result = cli(*INTAKE, "--tenant", "J. Peeters", "--address", "Elders 5", "--national-number", "85073003328")
    assert_one_line_error(result, code=4, contains=f"open case {first}")
    assert "--allow-duplicate" in result.stderr
    assert snapshot(db_path) == before
    forced = cli(*INTAKE, "--national-number", "85073003328", "--allow-duplicate")
    assert forced.stdout.strip() == "2026-0002"


@pytest.mark.parametrize("match_flags", [
    ["--national-number", "85073003328"],
    ["--birth-date", "30/07/1985"],  # same name and birth date
    [],  # same name and address
])
def test_an_earlier_closed_case_marks_a_returning_household(cli, db_path, match_flags):
    first = cli(*INTAKE, "--date", "01/02/2025", "--birth-date", "30/07/1985",
                "--national-number", "85073003328").stdout.strip()
    assert cli("case", "close", first, "--outcome", "eviction-prevented", "--date", "01/06/2025").exit_code == 0
    result = cli(*INTAKE, "--format", "json", *match_flags)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["returning_household"] is True
    assert first in result.stderr
    assert rows(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(1,)]


def test_same_address_with_another_name_is_a_new_household(cli, db_path):
    first = cli(*INTAKE).stdout.strip()
    cli("case", "close", first, "--outcome", "moved-out")
    result = cli(*INTAKE, "--tenant", "Nieuwe Huurder", "--format", "json")
    assert json.loads(result.stdout)["returning_household"] is False
    assert rows(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(2,)]


def test_every_write_is_in_the_history_with_the_os_user(cli, db_path):
    cli(*INTAKE, "--consent-tenant")
    history = rows(db_path, "SELECT action, os_user FROM history ORDER BY id")
    assert [action for action, _ in history] == ["intake", "consent"]
    assert all(user for _, user in history)


BENALI = ["intake", "--track", "pw", "--tenant", "Mohamed Benali", "--address", "Koningin Astridlaan 140, 2800 Mechelen",
          "--phone", "0488 44 33 22", "--birth-date", "12/03/1980", "--source", "tenant", "--landlord", "Woonpunt",
          "--landlord-type", "shm", "--tenant-informed", "--no-input"]
KEPT = {"--tenant": "Mohamed Benali", "--address": "Koningin Astridlaan 140, 2800 Mechelen", "--phone": "0488 44 33 22",
        "--birth-date": "12/03/1980"}


def registered(changes: dict) -> list[str]:
    """BENALI's intake with some of its facts written otherwise (None: left out)."""
    args = ["intake", "--track", "pw", "--source", "tenant", "--landlord", "Woonpunt", "--tenant-informed",
            "--no-input"]
    for flag, value in (KEPT | changes).items():
        if value is not None:
            args += [flag, value]
    return args


@pytest.mark.parametrize("changes", [
    {"--tenant": "Mohammed Ben Ali", "--address": "Kon. Astridlaan 140, 2800 Mechelen", "--phone": "0488443322",
     "--birth-date": None},  # the household of the issue: every fact written otherwise
    {"--tenant": "Mohamed Ben Ali", "--address": "Elders 5", "--phone": "+32 488 44 33 22", "--birth-date": None},
    {"--tenant": "Mohamed Benalli", "--address": None, "--phone": None},  # a typo, and the birth date
    {"--tenant": "mevrouw Benali", "--address": "Koningin Astridln 140", "--phone": None, "--birth-date": None},
    {"--tenant": "Sara Janssens", "--address": "Kon Astridlaan 140 2800 Mechelen", "--phone": "0488/44.33.22",
     "--birth-date": None},  # address and phone: the same household, whoever called
])
def test_a_household_written_otherwise_is_spotted(cli, db_path, changes):
    first = cli(*BENALI).stdout.strip()
    before = snapshot(db_path)
    result = cli(*registered(changes))
    assert_one_line_error(result, code=4, contains=f"open case {first} (same ")
    assert "written alike" in result.stderr and "--allow-duplicate" in result.stderr
    assert "Benali" not in result.stderr and "0488" not in result.stderr  # the case number, no personal data
    assert snapshot(db_path) == before


@pytest.mark.parametrize("changes", [
    {"--tenant": "Mohamed Benali", "--address": "Elders 5", "--phone": "0477 11 22 33", "--birth-date": None},
    {"--tenant": "Jan Peeters", "--address": "Kerkstraat 1", "--phone": None, "--birth-date": "12/03/1980"},
    {"--tenant": "Jan Peeters", "--address": "Kon. Astridlaan 140, 2800 Mechelen", "--phone": "0477 11 22 33",
     "--birth-date": None},  # the next tenant of the flat
    {"--tenant": "Mohamed Bensalah", "--address": "Elders 5", "--phone": "0488 44 33 23", "--birth-date": None},
    {"--tenant": "Ali Benali", "--address": "Elders 5", "--phone": None, "--birth-date": "01/01/1990"},
])
def test_another_household_is_not_taken_for_it(cli, db_path, changes):
    cli(*BENALI)
    result = cli(*registered(changes))
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(2,)]


def test_a_household_written_otherwise_is_named_in_dutch(cli):
    first = cli(*BENALI).stdout.strip()
    result = cli(*registered({"--tenant": "Mohammed Ben Ali", "--address": "Kon. Astridlaan 140", "--birth-date": None,
                              "--phone": "0488443322"}), env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(result, code=4, contains=f"lopend dossier {first} (zelfde naam en adres, gelijkaardig "
                                                   "geschreven)")


@pytest.mark.parametrize("lang", ["en", "nl"])
def test_a_second_open_case_of_a_household_leaves_the_stored_household_as_it_was(cli, db_path, lang):
    first = cli(*INTAKE, "--national-number", "85073003328", "--phone", "0488 44 33 22", "--adults", "2",
                "--children", "3").stdout.strip()
    stored = rows(db_path, "SELECT name, address, phone, adults, children, birth_date FROM household")
    second = cli(*INTAKE, "--tenant", "J. Peeters", "--address", "Elders 5", "--phone", "0488443322",
                 "--national-number", "85073003328", "--adults", "1", "--children", "0", "--birth-date",
                 "30/07/1985", "--allow-duplicate", env={"HUURBEG_LANG": lang})
    assert second.exit_code == 0, second.output
    assert rows(db_path, "SELECT count(*) FROM household") == [(1,)]
    name, address, phone, adults, children, _ = stored[0]
    assert rows(db_path, "SELECT name, address, phone, adults, children, birth_date FROM household") == \
        [(name, address, phone, adults, children, None)]  # as stored: the empty birth date is named, not filled
    said = second.stderr.replace("\n", " ")
    if lang == "nl":
        assert f"dossier {first}" in said and "naam huurder, adres, geboortedatum, volwassenen, kinderen" in said
    else:
        assert f"open case {first}" in said and "tenant name, address, birth date, adults, children" in said
    assert "Elders" not in said and "0488443322" not in said  # fields are named, never their values
    history = cli("case", "history", second.stdout.strip(), env={"HUURBEG_LANG": lang, "COLUMNS": "300"})
    line = "gezin gehouden zoals in lopend dossier" if lang == "nl" else "household kept as in open case"
    assert f"{line} {first}" in history.stdout and "Elders" not in history.stdout


def test_a_returning_household_takes_the_new_answers_and_its_history_names_the_fields(cli, db_path):
    first = cli(*INTAKE, "--date", "01/02/2025", "--national-number", "85073003328").stdout.strip()
    assert cli("case", "close", first, "--outcome", "eviction-prevented", "--date", "01/06/2025").exit_code == 0
    result = cli(*INTAKE, "--address", "Nieuwstraat 9, 2800 Mechelen", "--national-number", "85073003328")
    assert result.exit_code == 0, result.output
    assert rows(db_path, "SELECT address FROM household") == [("Nieuwstraat 9, 2800 Mechelen",)]
    assert "address" in result.stderr and "Nieuwstraat" not in result.stderr
    details = [entry["detail"] for entry in
               json.loads(cli("case", "history", result.stdout.strip(), "--format", "json").stdout)]
    assert "household details updated at this registration: address" in details


def test_a_duplicate_by_name_and_address_is_not_said_to_share_a_birth_date_nobody_gave(cli, db_path):
    first = cli(*INTAKE).stdout.strip()
    before = snapshot(db_path)
    result = cli(*INTAKE)
    assert_one_line_error(result, code=4, contains=f"open case {first} (same name and address)")
    assert snapshot(db_path) == before
