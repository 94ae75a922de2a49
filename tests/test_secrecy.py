"""Professional secrecy and data protection: landlord report, access log, purge, backup, files."""

import json
import os
import sqlite3
import stat
import subprocess
import sys

import pytest

from conftest import POSTGRES, assert_one_line_error, snapshot

SECRETS = {
    "note": "SECRET-CASE-NOTE", "contact": "SECRET-CONTACT-NOTE", "referral": "SECRET-REFERRAL-NOTE",
    "phone": "0499 SECRET 77", "national_number": "85073003328", "referrer": "SECRET-REFERRER",
    "proposal": "SECRET-PROPOSAL", "landlord_phone": "015 SECRET 66", "landlord_email": "secret-desk@woonpunt.be",
    "landlord_contact": "SECRET-LANDLORD-CONTACT", "landlord_address": "SECRET-LANDLORD-ADDRESS",
}


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.fixture
def planted(cli, made_once):
    """A case with a distinctive string in every confidential field."""
    return made_once(_planted, cli)


def _planted(cli):
    number = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--address", "Kerkstraat 1",
                 "--phone", SECRETS["phone"], "--national-number", SECRETS["national_number"],
                 "--birth-date", "30/07/1985", "--source", "landlord", "--referrer", SECRETS["referrer"],
                 "--landlord", "Woonpunt", "--landlord-type", "shm", "--problem", "arrears",
                 "--arrears", "1.234,56", "--note", SECRETS["note"], "--tenant-informed", "--consent-tenant",
                 "--consent-landlord", "--date", "01/10/2026", "--no-input").stdout.strip()
    cli("landlord", "edit", "Woonpunt", "--phone", SECRETS["landlord_phone"], "--email", SECRETS["landlord_email"],
        "--contact", SECRETS["landlord_contact"], "--address", SECRETS["landlord_address"])
    # a problem the landlord did not raise, and a mental-health referral
    cli("visit", number, "--note", SECRETS["contact"], "--date", "02/10/2026", "--no-input")
    cli("refer", number, "--to", "psychiatry", "--note", SECRETS["referral"], "--date", "03/10/2026")
    cli("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/11/2026")
    cli("plan", "pay", number, "--amount", "103", "--date", "01/11/2026")
    cli("plan", "agree", number, "Clean the kitchen", "--due", "+7d")
    cli("hearing", "add", number, "--date", "+3d 09:30", "--court", "Vredegerecht Mechelen",
        "--proposal", SECRETS["proposal"])
    return number


def test_landlord_report_shows_the_state_of_affairs(cli, planted):
    text = cli("case", "report", planted, "--for", "landlord").stdout
    assert "running since 01/10/2026" in text
    assert "Clean the kitchen" in text and "open" in text
    assert "Payment plan: on track." in text
    assert "Next step: hearing on 25/11/2026." in text
    data = as_json(cli("case", "report", planted, "--for", "landlord", "-f", "json"))
    assert data["problems_reported_by_landlord"] == ["arrears"]
    assert data["payment_plan"] == "on-track"


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_landlord_report_holds_no_confidential_field(cli, planted, fmt):
    out = cli("case", "report", planted, "--for", "landlord", "--format", fmt).stdout
    for what, secret in SECRETS.items():
        assert secret not in out, what
    for word in ("psychiatry", "referr", "1985", "€", "103", "1.234", "hygiene"):
        assert word not in out, word


def test_only_problems_the_landlord_raised(cli):
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--problem", "hygiene",
                 "--tenant-informed", "--no-input").stdout.strip()
    data = as_json(cli("case", "report", number, "--for", "landlord", "-f", "json"))
    assert data["problems_reported_by_landlord"] == []


def reported(cli, number: str, fmt: str = "json"):
    """The problems the landlord's report names: the json list, or the text's line."""
    if fmt == "json":
        return as_json(cli("case", "report", number, "--for", "landlord", "-f", "json"))[
            "problems_reported_by_landlord"]
    text = cli("case", "report", number, "--for", "landlord").stdout
    return [line for line in text.splitlines() if line.startswith("Problems you reported")]


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_problem_added_by_a_correction_never_reaches_the_landlord(cli, new_case, fmt):
    """The landlord registered arrears; the worker found hygiene problems on a visit: the landlord never said so."""
    number = new_case("--consent-tenant")  # the tenant let the landlord be told
    assert reported(cli, number) == ["arrears"]
    assert cli("case", "edit", number, "--problem", "arrears", "--problem", "hygiene").exit_code == 0
    assert cli("case", "edit", number, "--problem", "arrears", "--problem", "hygiene", "--problem",
               "nuisance", "--source", "landlord").exit_code == 0
    if fmt == "json":
        assert reported(cli, number) == ["arrears"]
    else:
        assert reported(cli, number, "text") == ["Problems you reported: arrears."]
    shown = as_json(cli("case", "show", number, "-f", "json"))
    assert sorted(shown["problems"]) == ["arrears", "hygiene", "nuisance"]


def test_a_problem_the_worker_marks_as_the_landlords_reaches_the_landlord(cli, new_case):
    number = new_case("--consent-tenant")  # the tenant let the landlord be told
    result = cli("case", "edit", number, "--reported-by-landlord", "nuisance")
    assert result.exit_code == 0, result.output
    assert "problems the landlord reported" in result.stderr
    assert reported(cli, number) == ["arrears", "nuisance"]
    assert sorted(as_json(cli("case", "show", number, "-f", "json"))["problems"]) == ["arrears", "nuisance"]
    assert reported(cli, number, "text") == ["Problems you reported: arrears, nuisance."]
    assert cli("case", "edit", number, "--not-reported-by-landlord", "arrears").exit_code == 0
    assert reported(cli, number) == ["nuisance"]
    assert sorted(as_json(cli("case", "show", number, "-f", "json"))["problems"]) == ["arrears", "nuisance"]
    history = [h["detail"] for h in as_json(cli("case", "history", number, "-f", "json")) if h["action"] == "edit"]
    assert history == ["corrected: problems, problems the landlord reported",
                       "corrected: problems the landlord reported"]


def test_on_a_case_someone_else_registered_a_marked_problem_is_the_landlords_only(cli):
    number = cli("intake", "--track", "pw", "--tenant", "X", "--source", "ocmw", "--landlord", "Woonpunt",
                 "--landlord-type", "shm", "--problem", "arrears", "--problem", "hygiene", "--tenant-informed",
                 "--consent-tenant", "--no-input").stdout.strip()
    assert reported(cli, number) == []
    assert cli("case", "edit", number, "--reported-by-landlord", "arrears").exit_code == 0
    assert reported(cli, number) == ["arrears"]


def test_a_corrected_source_takes_the_registrations_problems_along(cli, new_case):
    """Registered by the landlord after all, or not: the registration's problems follow; a marked one stays."""
    number = new_case("--problem", "hygiene", "--consent-tenant")
    assert cli("case", "edit", number, "--problem", "arrears", "--problem", "hygiene", "--problem",
               "other").exit_code == 0
    assert cli("case", "edit", number, "--reported-by-landlord", "other").exit_code == 0
    assert cli("case", "edit", number, "--source", "caw").exit_code == 0
    assert reported(cli, number) == ["other"]
    assert cli("case", "edit", number, "--source", "landlord").exit_code == 0
    assert reported(cli, number) == ["arrears", "hygiene", "other"]


@pytest.mark.parametrize("flags, contains", [
    (["--reported-by-landlord", "hygiene", "--not-reported-by-landlord", "hygiene"], "give it once"),
    (["--not-reported-by-landlord", "nuisance"], "has no problem nuisance"),
    (["--reported-by-landlord", "arrears"], "nothing to change"),
    (["--landlord", "", "--reported-by-landlord", "hygiene"], "has no landlord"),
])
def test_a_wrong_mark_is_refused_and_nothing_written(cli, new_case, db_path, flags, contains):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "edit", number, *flags), contains=contains)
    assert snapshot(db_path) == before


def test_figures_and_calendar_hold_no_confidential_field(cli, planted):
    outputs = [cli("stats", "--year", "2026", "-f", fmt).stdout for fmt in ("csv", "json", "table")]
    outputs.append(cli("hearing", "list", "-f", "ics").stdout)
    for out in outputs:
        for what, secret in SECRETS.items():
            assert secret not in out, what
        assert "Jan Peeters" not in out and "Kerkstraat" not in out


def test_errors_hold_no_personal_data(cli, planted):
    results = [cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant",
                   "--national-number", SECRETS["national_number"], "--tenant-informed", "--no-input"),
               cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant",
                   "--national-number", "85073003329", "--tenant-informed", "--no-input")]
    for result in results:
        assert result.exit_code != 0
        assert "Jan Peeters" not in result.stderr and "850730033" not in result.stderr


def test_every_read_of_a_dossier_is_logged(cli, planted):
    cli("case", "show", planted)
    cli("hearing", "brief", planted)
    cli("case", "export", planted)
    cli("case", "report", planted, "--for", "landlord")
    reads = [h["detail"] for h in as_json(cli("case", "history", planted, "-f", "json")) if h["action"] == "read"]
    assert reads == ["case show", "hearing brief", "case export", "case report for the landlord"]


def test_report_refuses_other_audiences_and_formats(cli, planted):
    assert_one_line_error(cli("case", "report", planted, "--for", "neighbour"), code=2, contains="landlord")
    assert_one_line_error(cli("case", "report", planted, "--for", "landlord", "-f", "csv"), code=2,
                          contains="text or json")


# --- retention ------------------------------------------------------------------------------

def figures(cli, db, *period):
    return cli("--db", db, "stats", *period, "-f", "csv").stdout


PERIODS = [("--year", "2025"), ("--year", "2026"), ("--month", "2026-03"), ("--month", "2026-06"),
           ("--month", "2026-10"), ("--from", "01/01/2026", "--to", "30/06/2026")]


def test_purge_keeps_every_figure_identical_on_a_demo_database(cli, tmp_path):
    db = str(tmp_path / "demo.db")
    assert cli("--db", db, "demo").exit_code == 0
    before = {period: figures(cli, db, *period) for period in PERIODS}
    dry = cli("--db", db, "purge", "--closed-before", "01/09/2026", "-f", "json")
    candidates = [row["case"] for row in as_json(dry)]
    assert len(candidates) > 5
    everyone = as_json(cli("--db", db, "case", "list", "--status", "all", "-f", "json"))
    kept = {c["tenant"] for c in everyone if c["case"] not in candidates}
    purged_names = {c["tenant"] for c in everyone if c["case"] in candidates} - kept
    assert cli("--db", db, "purge", "--closed-before", "01/09/2026", "--yes").exit_code == 0
    assert {period: figures(cli, db, *period) for period in PERIODS} == before
    if not POSTGRES:  # nothing of a purged household is left anywhere in the file, its free space included
        with sqlite3.connect(db) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        data = b"".join(path.read_bytes() for path in tmp_path.glob("demo.db*"))
        assert purged_names and not [name for name in purged_names if name.encode() in data]
    for number in candidates:
        case = as_json(cli("--db", db, "case", "show", number, "-f", "json"))
        assert case["note"] is None and all(c["note"] is None for c in case["contacts"])
        assert case["timeline"][-1]["action"] == "purge"
    assert as_json(cli("--db", db, "purge", "--closed-before", "01/09/2026", "-f", "json")) == []


@pytest.mark.sqlite_only
def test_purge_removes_personal_data_and_free_text(cli, planted, db_path):
    cli("case", "close", planted, "--outcome", "eviction-prevented", "--date", "10/11/2026")
    dry = cli("purge", "--closed-before", "today")
    assert planted in dry.stdout and "--yes" in dry.stderr
    assert cli("purge", "--closed-before", "today", "--yes").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    for what, secret in SECRETS.items():
        assert secret not in dump, what
    assert "Jan Peeters" not in dump and "Kerkstraat" not in dump and "Clean the kitchen" not in dump
    case = as_json(cli("case", "show", planted, "-f", "json"))
    assert (case["outcome"], case["arrears"], case["problems"]) == ("eviction-prevented", 1234.56, ["arrears"])


def test_a_dry_run_writes_nothing(cli, planted, db_path):
    cli("case", "close", planted, "--outcome", "referred")
    before = snapshot(db_path)
    cli("purge", "--closed-before", "+0d")
    assert snapshot(db_path) == before


def test_a_household_with_an_open_case_keeps_its_data(cli, planted):
    cli("case", "close", planted, "--outcome", "referred", "--date", "10/11/2026")
    second = cli("intake", "--track", "ogp", "--tenant", "Jan Peeters", "--source", "court",
                 "--national-number", SECRETS["national_number"], "--tenant-informed", "--no-input").stdout.strip()
    cli("purge", "--closed-before", "today", "--yes")
    assert as_json(cli("case", "show", second, "-f", "json"))["tenant"]["name"] == "Jan Peeters"
    assert as_json(cli("case", "show", planted, "-f", "json"))["note"] is None


def test_purge_date_in_the_future_is_refused(cli, planted):
    assert_one_line_error(cli("purge", "--closed-before", "+1d"), code=2, contains="future")


# --- backups and files -----------------------------------------------------------------------

@pytest.mark.sqlite_only
def test_backup_is_private_complete_and_opens(cli, planted, tmp_path):
    target = tmp_path / "backup.db"
    assert cli("backup", str(target)).exit_code == 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    copy = as_json(cli("--db", str(target), "case", "show", planted, "-f", "json"))
    assert copy["note"] == SECRETS["note"]
    assert_one_line_error(cli("backup", str(target)), code=2, contains="exists already")


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_backup_while_another_process_writes(db_path, tmp_path, cli):
    cli("case", "list")
    writer = subprocess.Popen(
        [sys.executable, "-c", (
            "import os, sys\nfrom huurbeg.cli.root import app\n"
            "for n in range(60):\n"
            "    try:\n"
            "        app(['intake', '--track', 'pw', '--tenant', f'T{n}', '--address', f'A{n}', '--source', "
            "'tenant', '--tenant-informed', '--no-input'], standalone_mode=False)\n"
            "    except SystemExit:\n        pass\n")],
        env=dict(os.environ, HUURBEG_DB=str(db_path)), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    copies = []
    for n in range(5):
        target = tmp_path / f"copy{n}.db"
        assert cli("backup", str(target)).exit_code == 0
        copies.append(target)
    assert writer.wait(timeout=120) == 0, writer.stderr.read()
    for target in copies:
        with sqlite3.connect(target) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            cases = connection.execute("SELECT count(*) FROM case_file").fetchone()[0]
            intakes = connection.execute("SELECT count(*) FROM history WHERE action = 'intake'").fetchone()[0]
            assert cases == intakes  # every case with its history row: a consistent moment
        assert cli("--db", str(target), "case", "list", "--status", "all").exit_code == 0


@pytest.mark.sqlite_only
def test_new_files_are_private(cli, db_path, tmp_path):
    cli("case", "list")
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    for companion in (db_path.parent / (db_path.name + "-wal"), db_path.parent / (db_path.name + "-shm")):
        if companion.exists():
            assert stat.S_IMODE(companion.stat().st_mode) == 0o600


def test_tracebacks_never_show_local_variables():
    from huurbeg.cli.root import app

    assert app.pretty_exceptions_show_locals is False


@pytest.mark.postgres
def test_backup_of_a_server_database_points_to_pg_dump(cli, tmp_path):
    assert_one_line_error(cli("backup", str(tmp_path / "x.db")), code=5, contains="pg_dump")


def test_a_purged_case_cannot_be_reopened(cli, new_case, db_path):
    number = new_case("--date", "01/10/2026")
    assert cli("case", "close", number, "--outcome", "moved-out", "--date", "01/11/2026").exit_code == 0
    assert cli("purge", "--closed-before", "today", "--yes").exit_code == 0
    before = snapshot(db_path)
    result = cli("case", "reopen", number)
    assert_one_line_error(result, code=4, contains="was purged")
    assert snapshot(db_path) == before


def test_a_reimport_after_a_purge_leaves_the_purged_rows_out(cli, tmp_path):
    spreadsheet = tmp_path / "caseload.csv"
    spreadsheet.write_text(
        "ref,tenant,track,source,intake_date,tenant_informed,status,closed_date,outcome\n"
        "R-1,Ann Closed,pw,tenant,05/01/2026,yes,closed,15/03/2026,evicted\n"
        ",Bert Closed,ogp,court,06/01/2026,yes,closed,16/03/2026,referred\n"
        "R-3,Cas Open,pw,tenant,07/01/2026,yes,,,\n")
    assert "Imported 3 cases" in cli("import", str(spreadsheet)).stderr
    assert cli("purge", "--closed-before", "01/11/2026", "--yes").exit_code == 0
    again = cli("import", str(spreadsheet))
    assert again.exit_code == 0, again.output
    assert "Imported 0 cases; 1 row was imported before; " \
           "2 rows closed before the last purge (01/11/2026) left out." in again.stderr
    cases = as_json(cli("case", "list", "--status", "all", "-f", "json"))
    assert len(cases) == 3 and [c["tenant"] for c in cases].count(None) == 2


def test_a_purge_erases_the_reason_a_record_was_withdrawn(cli, new_case):
    """The reason is the worker's free text, kept in the append-only history until the case is purged."""
    number = new_case("--date", "01/10/2026")
    assert cli("visit", number, "--date", "02/10/2026", "--no-input").exit_code == 0
    assert cli("visit", "remove", number, "1", "--reason", "meant for Jan Peeters of Kerkstraat 1").exit_code == 0
    assert cli("case", "close", number, "--outcome", "moved-out", "--date", "01/11/2026").exit_code == 0
    assert cli("purge", "--closed-before", "today", "--yes").exit_code == 0
    history = as_json(cli("case", "history", number, "-f", "json"))
    removed = [entry["detail"] for entry in history if entry["action"] == "remove"]
    assert removed == ["contact 1 (home, 2026-10-02) removed; reason erased (retention)"]
    assert "Peeters" not in str(history)


PLANTED_DATE = "1901-02-03"


def _plant_every_personal_field(db_path, number: str) -> dict[str, str]:
    """A distinctive value in every field the descriptions of household, landlord and case call personal or
    erased (huurbeg.domain.entities), written straight into the file: a field described later is planted too."""
    from huurbeg.domain.entities import CASE, HOUSEHOLD, LANDLORD

    planted = {}
    with sqlite3.connect(db_path) as connection:
        household, landlord = connection.execute("SELECT household_id, landlord_id FROM case_file WHERE number = ?",
                                                 (number,)).fetchone()
        for table, fields, row in (("household", HOUSEHOLD, household), ("landlord", LANDLORD, landlord),
                                   ("case_file", CASE, connection.execute(
                                       "SELECT id FROM case_file WHERE number = ?", (number,)).fetchone()[0])):
            for field in fields:
                if not field.erased:
                    continue
                assert field.kind in ("text", "phone", "email", "national-number", "reference", "date"), field
                value = PLANTED_DATE if field.kind == "date" else f"PLANTED-{table}-{field.column}"
                connection.execute(f"UPDATE {table} SET {field.column} = ? WHERE id = ?", (value, row))
                planted[f"{table}.{field.column}"] = value
    return planted


@pytest.fixture
def private(cli):
    """A closed case of a private landlord: every personal field of it can be erased."""
    number = cli("intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--landlord",
                 "Jozef Verhuurder", "--landlord-type", "private", "--tenant-informed", "--date", "01/10/2026",
                 "--no-input").stdout.strip()
    assert cli("case", "close", number, "--outcome", "referred", "--date", "10/11/2026").exit_code == 0
    return number


@pytest.mark.sqlite_only
def test_a_purge_erases_every_personal_field_of_the_descriptions(cli, private, db_path):
    planted = _plant_every_personal_field(db_path, private)
    assert {"household.name", "household.national_number", "landlord.name", "case_file.note"} <= set(planted)
    # a landlord's contact details are its description's too: a private landlord's are a person's
    assert {"landlord.address", "landlord.phone", "landlord.email", "landlord.contact_person"} <= set(planted)
    assert cli("purge", "--closed-before", "today", "--yes").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    assert [where for where, value in planted.items() if value in dump] == []


@pytest.mark.sqlite_only
def test_the_access_export_holds_every_personal_field_of_the_descriptions(cli, private, db_path):
    from huurbeg.domain.entities import CASE, HOUSEHOLD, LANDLORD

    planted = _plant_every_personal_field(db_path, private)
    personal = {f"{table}.{f.column}" for table, fields in (("household", HOUSEHOLD), ("landlord", LANDLORD),
                                                            ("case_file", CASE)) for f in fields if f.personal}
    exported = json.dumps(as_json(cli("case", "export", private)))
    assert [where for where in sorted(personal) if planted[where] not in exported] == []

