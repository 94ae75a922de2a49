"""Data safety: damaged files, backups, purge and permissions, on real SQLite files."""

import gc
import hashlib
import os
import random
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from conftest import INTAKE, TODAY, assert_one_line_error, run_without_override, snapshot

pytestmark = pytest.mark.sqlite_only  # these check the SQLite file itself

TOMORROW = "2026-11-23"
PAGE = 4096


def build_database(path: Path, cases: int) -> None:
    """A database written through huurbeg itself, its log folded into the file."""
    from huurbeg.cli.root import app

    env = {"HUURBEG_DB": str(path), "HUURBEG_TODAY": TODAY, "NO_COLOR": "1"}
    runner = CliRunner()
    for n in range(cases):
        result = runner.invoke(app, ["intake", "--track", "pw", "--tenant", f"Tenant {n}", "--address",
                                     f"Street {n}", "--source", "tenant", "--tenant-informed", "--no-input",
                                     "--note", "x" * 300], env=env)
        assert result.exit_code == 0, result.output
    checkpoint(path)


def checkpoint(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


@pytest.fixture(scope="module")
def sound(tmp_path_factory) -> bytes:
    """The bytes of a sound database of 40 cases, checked today."""
    path = tmp_path_factory.mktemp("sound") / "huurbeg.db"
    build_database(path, 40)
    return path.read_bytes()


def pages_of(data: bytes, name: str, kind: str) -> list[int]:
    """The page numbers of one table or index of the database in `data`, of a kind (leaf, internal)."""
    scratch = Path(os.environ["HUURBEG_DB"]).with_name("scratch.db")
    scratch.write_bytes(data)
    with sqlite3.connect(scratch) as connection:
        found = [row[0] for row in connection.execute(
            "SELECT pageno FROM dbstat WHERE name = ? AND pagetype = ?", (name, kind))]
    scratch.unlink()
    return found


def flip(data: bytearray, offset: int, length: int) -> None:
    data[offset:offset + length] = bytes(b ^ 0x5A for b in data[offset:offset + length])


def corrupt(data: bytes, how: str) -> bytes:
    damaged = bytearray(data)
    if how == "data page":  # the b-tree header of a leaf page of the cases
        flip(damaged, (pages_of(data, "case_file", "leaf")[1] - 1) * PAGE, 16)
    elif how == "index page":
        flip(damaged, (pages_of(data, "ix_household_name", "leaf")[0] - 1) * PAGE, 16)
    elif how == "header":  # the page size in the file header
        damaged[16:18] = b"\x00\x07"
    elif how == "truncated":
        del damaged[len(damaged) // 2:]
    elif how == "zeroed page":
        page = pages_of(data, "household", "leaf")[0]
        damaged[(page - 1) * PAGE:page * PAGE] = bytes(PAGE)
    return bytes(damaged)


def files_of(path: Path) -> dict[str, bytes]:
    """The database file and its log, as bytes (an absent or empty log alike)."""
    wal = path.with_name(path.name + "-wal")
    return {"db": path.read_bytes(), "wal": wal.read_bytes() if wal.exists() else b""}


WRITES = [INTAKE, ["visit", "2026-0001", "--no-input"], ["case", "close", "2026-0002", "--outcome", "referred"],
          ["purge", "--closed-before", "today", "--yes"], ["refer", "2026-0003", "--to", "ocmw"],
          ["transfer", "dwelling", "add", "T-1", "--kind", "transit"], ["case", "reopen", "2026-0004"]]
DAMAGE = ["data page", "index page", "header", "truncated", "zeroed page"]


@pytest.mark.parametrize("how", DAMAGE)
def test_no_write_backup_or_silence_after_the_daily_check_fails(cli, db_path, tmp_path, monkeypatch, sound, how):
    db_path.write_bytes(corrupt(sound, how))
    os.chmod(db_path, 0o600)
    monkeypatch.setenv("HUURBEG_TODAY", TOMORROW)  # the first command of a new day checks the file
    before = files_of(db_path)
    for args in WRITES:
        result = cli(*args)
        assert_one_line_error(result, code=5, contains="huurbeg doctor")
        assert "damaged" in result.stderr or "not a huurbeg database" in result.stderr, result.stderr
    for args in (["case", "list"], ["case", "show", "2026-0001"], ["stats"], ["deadlines"]):
        result = cli(*args)  # reads run where SQLite can read them, and write nothing (no read logged)
        assert result.exit_code in (0, 5) and "Traceback" not in result.output, result.output
        assert "damaged" in result.stderr, result.stderr
    backup = tmp_path / "backup.db"
    assert_one_line_error(cli("backup", str(backup)), code=5, contains="damaged")
    assert not backup.exists() and not list(tmp_path.glob(".huurbeg-backup-*"))
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and "PROBLEM  integrity" in doctor.stdout, doctor.stdout
    assert "restore" in doctor.stdout
    assert files_of(db_path) == before


def test_a_dossier_is_still_read_on_a_damaged_file_without_logging_the_read(cli, db_path, monkeypatch, sound):
    """Reads work where SQLite can read, the dossier too: only its read goes unrecorded."""
    db_path.write_bytes(corrupt(sound, "index page"))
    os.chmod(db_path, 0o600)
    monkeypatch.setenv("HUURBEG_TODAY", TOMORROW)
    before = files_of(db_path)
    for args in (["case", "show", "2026-0001"], ["case", "history", "2026-0001"], ["case", "export", "2026-0001"],
                 ["case", "report", "2026-0001", "--for", "landlord"], ["case", "find", "Tenant 0"]):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        assert "2026-0001" in result.stdout and "damaged" in result.stderr and "huurbeg doctor" in result.stderr
    assert_one_line_error(cli("visit", "2026-0001", "--no-input"), code=5, contains="damaged")
    assert files_of(db_path) == before


def test_the_check_runs_on_the_first_command_of_each_day(cli, db_path, monkeypatch, sound):
    """Damage after today's check is found by tomorrow's first command, not before."""
    db_path.write_bytes(sound)
    os.chmod(db_path, 0o600)
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT value FROM setting WHERE key = 'daily_check'").fetchone() == (TODAY,)
    damaged = bytearray(sound)
    flip(damaged, (pages_of(sound, "ix_dwelling_code", "leaf")[0] - 1) * PAGE, 16)  # an index no intake uses
    db_path.write_bytes(bytes(damaged))
    assert cli(*INTAKE).exit_code == 0  # checked today already: no second check the same day
    monkeypatch.setenv("HUURBEG_TODAY", TOMORROW)
    assert_one_line_error(cli(*INTAKE), code=5, contains="damaged")
    assert_one_line_error(cli(*INTAKE), code=5, contains="damaged")  # a failed check is never taken as passed
    assert cli("case", "list").exit_code == 0


def test_a_passed_check_is_remembered_for_the_day(cli, db_path, monkeypatch):
    cli(*INTAKE)
    monkeypatch.setenv("HUURBEG_TODAY", TOMORROW)
    assert cli("case", "list").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT value FROM setting WHERE key = 'daily_check'").fetchone() == (TOMORROW,)


def test_doctor_shows_the_last_check_as_a_date_on_screen(cli, db_path, new_case):
    new_case()
    assert "daily check: last passed on 22/11/2026" in cli("doctor").stdout
    nl = cli("doctor", env={"HUURBEG_LANG": "nl"}).stdout
    assert "laatst geslaagd op 22/11/2026" in nl, nl


def test_an_index_that_does_not_match_its_table_stops_a_backup(cli, db_path, tmp_path, sound):
    """quick_check does not compare indexes with their tables; the backup's integrity_check does."""
    damaged = bytearray(sound)
    page = pages_of(sound, "ix_household_name", "leaf")[0]
    flip(damaged, page * PAGE - 100, 3)
    db_path.write_bytes(bytes(damaged))
    os.chmod(db_path, 0o600)
    backup = tmp_path / "backup.db"
    assert_one_line_error(cli("backup", str(backup)), code=5, contains="damaged")
    assert not backup.exists()
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and "missing from index" in doctor.stdout


def test_damage_only_the_full_check_finds_stops_every_write_until_it_passes(cli, db_path, tmp_path, sound):
    """quick_check passes an index that no longer matches its table; once a backup or doctor has found
    it, the commands refuse writes as after a failed daily check, until a full check passes again."""
    damaged = bytearray(sound)
    flip(damaged, pages_of(sound, "ix_household_name", "leaf")[0] * PAGE - 100, 3)
    for finder in (["backup", str(tmp_path / "backup.db")], ["doctor"]):
        # the same damaged file each time: a connection the last finder left to the garbage collector would
        # fold its log (the damage it marked) into the new file when collected
        gc.collect()
        for companion in ("-wal", "-shm"):
            db_path.with_name(db_path.name + companion).unlink(missing_ok=True)
        db_path.write_bytes(bytes(damaged))
        os.chmod(db_path, 0o600)
        assert cli(*INTAKE).exit_code == 0  # nothing has seen it yet
        assert cli(*finder).exit_code in (1, 5)
        before = snapshot(db_path)
        for args in WRITES:
            assert_one_line_error(cli(*args), code=5, contains="missing from index")
        listing = cli("case", "list")
        assert listing.exit_code == 0 and "damaged" in listing.stderr
        assert snapshot(db_path) == before
        assert not (tmp_path / "backup.db").exists()
    with sqlite3.connect(db_path) as connection:  # repaired by hand: the index rebuilt from its table
        connection.execute("REINDEX")
    assert cli(*INTAKE).exit_code == 5  # until a full check has passed
    assert cli("doctor").exit_code == 0
    assert cli(*INTAKE, "--allow-duplicate").exit_code == 0


# --- backups ------------------------------------------------------------------------------------

def test_a_backup_into_a_folder_is_dated_private_and_restores(cli, db_path, tmp_path, new_case):
    number = new_case("--note", "kept in the backup")
    folder = tmp_path / "backups"
    folder.mkdir()
    first = cli("backup", str(folder))
    assert first.exit_code == 0, first.output
    second = cli("backup", str(folder))
    written = sorted(p.name for p in folder.iterdir())
    assert written == [f"huurbeg-{TODAY}-2.db", f"huurbeg-{TODAY}.db"]
    assert str(folder / f"huurbeg-{TODAY}.db") in first.stderr and "-2.db" in second.stderr
    backup = folder / f"huurbeg-{TODAY}.db"
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with sqlite3.connect(backup) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # one self-contained file
    # the README's restore: keep the damaged file aside, copy the backup into place, chmod 600
    new_case("--note", "written after the backup", "--allow-duplicate")
    db_path.rename(tmp_path / "huurbeg-damaged.db")
    for companion in ("-wal", "-shm"):
        db_path.with_name(db_path.name + companion).unlink(missing_ok=True)
    shutil.copy(backup, db_path)
    os.chmod(db_path, 0o600)
    restored = cli("case", "list", "--status", "all", "-f", "json")
    assert restored.exit_code == 0 and number in restored.stdout and "2026-0002" not in restored.stdout
    assert cli("case", "show", number).exit_code == 0
    assert new_case("--allow-duplicate") == "2026-0002"


def test_a_backup_never_replaces_a_file(cli, tmp_path, new_case):
    new_case()
    target = tmp_path / "backup.db"
    target.write_bytes(b"precious")
    assert_one_line_error(cli("backup", str(target)), code=2, contains="exists already")
    assert target.read_bytes() == b"precious"
    link = tmp_path / "link.db"
    link.symlink_to(tmp_path / "nowhere.db")
    assert_one_line_error(cli("backup", str(link)), code=2, contains="exists already")
    assert not (tmp_path / "nowhere.db").exists()


@pytest.mark.parametrize("where", ["missing folder", "too long"])
def test_a_backup_path_that_cannot_be_written_is_bad_input(cli, tmp_path, new_case, where):
    new_case()
    target = tmp_path / "no" / "such" / "backup.db" if where == "missing folder" else tmp_path / ("x" * 300)
    result = cli("backup", str(target))
    assert_one_line_error(result, code=2, contains="PATH")
    assert len(result.stderr) < 400


@pytest.mark.slow
def test_a_killed_backup_leaves_nothing_at_its_path(tmp_path, db_path, cli):
    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from generate import build

    from datetime import date

    build(db_path, 3000, 200, date.fromisoformat(TODAY))
    checkpoint(db_path)
    env = dict(os.environ, HUURBEG_DB=str(db_path))
    rng = random.Random(1)
    started = time.monotonic()  # how long a whole backup takes here: the kills fall anywhere within it
    subprocess.run([sys.executable, "-m", "huurbeg", "backup", str(tmp_path / "timed.db")], env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    whole = time.monotonic() - started
    (tmp_path / "timed.db").unlink()
    outcomes = set()
    for attempt in range(12):
        target = tmp_path / f"backup-{attempt}.db"
        process = subprocess.Popen([sys.executable, "-m", "huurbeg", "backup", str(target)], env=env,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.3, 1.3) * whole)
        process.send_signal(signal.SIGKILL)
        process.wait()
        if target.exists():  # a file at PATH is a complete, checked backup
            outcomes.add("complete")
            with sqlite3.connect(target) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
                assert connection.execute("SELECT count(*) FROM case_file").fetchone() == (3000,)
            assert stat.S_IMODE(target.stat().st_mode) == 0o600
        else:
            outcomes.add("killed")
    final = tmp_path / "final.db"
    assert cli("backup", str(final)).exit_code == 0
    assert not list(tmp_path.glob(".huurbeg-backup-*")), "a killed backup's temporary file stays behind"
    assert "killed" in outcomes  # the random moments did interrupt backups


# --- purge ----------------------------------------------------------------------------------------

PLANTED = {  # a distinctive string in every stored text field a person or a file gave about a household
    "tenant": "Plantname Quercus", "address": "Plantstreet Betula 9", "phone": "0499 771 Plantphone",
    "note": "PLANT-CASE-NOTE", "referrer": "PLANT-REFERRER", "contact": "PLANT-CONTACT-NOTE",
    "agreement": "PLANT-AGREEMENT-TEXT", "referral": "PLANT-REFERRAL-NOTE", "proposal": "PLANT-PROPOSAL",
    "room": "PLANT-ROOM", "landlord": "Plantlandlord Fraxinus", "ref": "PLANT-REF-PEETERS-1980",
    "imported tenant": "Importname Sorbus", "imported address": "Importstreet Alnus 3",
    "imported note": "PLANT-IMPORTED-NOTE", "imported referrer": "PLANT-IMPORTED-REFERRER",
    "removal reason": "PLANT-REMOVAL-REASON Quercus", "closing note": "PLANT-CLOSING-NOTE Quercus",
    "merged tenant": "Quercus Plantname", "merged address": "Mergestreet Salix 7", "merged phone": "0498 Mergephone",
    "document name": "PLANT-DOC-NAME Quercus", "document note": "PLANT-DOC-NOTE", "document": "PLANT-DOC-CONTENT",
}
NATIONAL_NUMBER = "85073003328"
CSV_HEADER = "ref,tenant,address,phone,track,source,referrer,intake_date,tenant_informed,status,closed_date,outcome,note"


def plant(cli, tmp_path) -> list[str]:
    """Cases holding the planted strings, closed before 01/11/2026, and the import they came from."""
    p = PLANTED
    scan = tmp_path / f"{p['document name']}.pdf"
    scan.write_bytes(f"%PDF-1.4\n{p['document']}\n".encode() + bytes(range(256)) * 40)
    number = cli("intake", "--track", "pw", "--tenant", p["tenant"], "--address", p["address"], "--phone",
                 p["phone"], "--national-number", NATIONAL_NUMBER, "--birth-date", "30/07/1985", "--source",
                 "landlord", "--referrer", p["referrer"], "--landlord", p["landlord"], "--landlord-type", "private",
                 "--problem", "arrears", "--arrears", "1.234,56", "--note", p["note"], "--tenant-informed",
                 "--consent-tenant", "--consent-landlord", "--date", "01/09/2026", "--no-input").stdout.strip()
    steps = [("visit", number, "--note", p["contact"], "--date", "02/09/2026", "--minutes", "45", "--no-input"),
             ("visit", number, "--date", "02/09/2026", "--minutes", "5", "--no-input"),
             ("visit", "remove", number, "2", "--reason", p["removal reason"]),
             ("refer", number, "--to", "psychiatry", "--note", p["referral"], "--date", "03/09/2026"),
             ("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "01/10/2026"),
             ("plan", "pay", number, "--amount", "103", "--date", "01/10/2026"),
             ("plan", "agree", number, p["agreement"], "--due", "10/10/2026"),
             ("hearing", "add", number, "--date", "15/10/2026 09:30", "--court", "Vredegerecht Mechelen",
              "--room", p["room"], "--proposal", p["proposal"], "--petition-date", "04/09/2026"),
             ("hearing", "outcome", number, "--result", "settled"),
             ("case", "attach", number, str(scan), "--kind", "judgment", "--note", p["document note"]),
             ("case", "close", number, "--outcome", "eviction-prevented", "--date", "20/10/2026", "--note",
              p["closing note"])]
    twice = cli("intake", "--track", "pw", "--tenant", p["merged tenant"], "--address", p["merged address"],
                "--phone", p["merged phone"], "--source", "tenant", "--tenant-informed", "--date", "01/09/2026",
                "--no-input").stdout.strip()
    steps += [("case", "close", twice, "--outcome", "other", "--date", "21/10/2026"),
              ("case", "merge", number, twice, "--yes")]
    for step in steps:
        result = cli(*step)
        assert result.exit_code == 0, (step, result.output)
    spreadsheet = tmp_path / "old-caseload.csv"
    spreadsheet.write_text("\n".join([
        CSV_HEADER,
        f"{p['ref']},{p['imported tenant']},{p['imported address']},,ogp,court,{p['imported referrer']},"
        f"05/01/2026,yes,closed,15/03/2026,evicted,{p['imported note']}",
        ",Derivedname Tilia,Derivedstreet 4,,pre-ogp,tenant,,06/01/2026,yes,closed,16/03/2026,referred,",
        ",Stillopen Acer,Openstreet 5,,pw,tenant,,07/01/2026,yes,,,,"]) + "\n")
    imported = cli("import", str(spreadsheet))
    assert imported.exit_code == 0 and "Imported 3 cases" in imported.stderr, imported.output
    return [number]


PERIODS = [("--year", "2026"), ("--month", "2026-01"), ("--month", "2026-03"), ("--month", "2026-09"),
           ("--month", "2026-10"), ("--from", "01/01/2026", "--to", "31/10/2026")]


def test_a_purge_leaves_no_planted_string_anywhere_in_the_file_and_every_figure(cli, db_path, tmp_path):
    plant(cli, tmp_path)
    with sqlite3.connect(db_path) as connection:
        derived = connection.execute("SELECT external_ref FROM case_file WHERE external_ref LIKE 'sha1:%'").fetchone()[0]
    figures = {period: cli("stats", *period, "-f", "csv").stdout for period in PERIODS}
    result = cli("purge", "--closed-before", "01/11/2026", "--yes")
    assert result.exit_code == 0 and "of 4 cases removed" in result.stderr, result.output
    assert {period: cli("stats", *period, "-f", "csv").stdout for period in PERIODS} == figures
    checkpoint(db_path)
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    files = b"".join(path.read_bytes() for path in db_path.parent.glob(db_path.name + "*"))
    checksum = hashlib.sha256((tmp_path / f"{PLANTED['document name']}.pdf").read_bytes()).hexdigest()
    for what, text in [*PLANTED.items(), ("national number", NATIONAL_NUMBER), ("derived reference", derived),
                       ("document checksum", checksum)]:
        for variant in {text, text.casefold(), " ".join(text.split()).casefold().replace(" ", "")}:
            assert variant not in dump, what
            assert variant.encode() not in files, what
    assert "Stillopen Acer" in dump  # the open case keeps its data
    with sqlite3.connect(db_path) as connection:  # the search index holds the keys of the households left, no more
        connection.execute("CREATE VIRTUAL TABLE temp.terms USING fts5vocab(main, household_search, 'row')")
        indexed = {term for (term,) in connection.execute("SELECT term FROM temp.terms")}
        kept = [text for row in connection.execute("SELECT search_key, address_numbers FROM household")
                for text in row if text]
    assert indexed and indexed == {text[i:i + 3].casefold() for text in kept for i in range(len(text) - 2)}
    assert "contact 2 (home, 2026-09-02) removed; reason erased (retention)" in dump  # what and when stay
    assert "closed on 2026-10-20: eviction-prevented; note erased (retention)" in dump
    assert query_one(db_path, "SELECT count(*) FROM case_file WHERE external_ref IS NOT NULL") == 1


def query_one(path, sql):
    with sqlite3.connect(path) as connection:
        return connection.execute(sql).fetchone()[0]


def test_a_reimport_does_not_bring_purged_cases_back(cli, db_path, tmp_path):
    plant(cli, tmp_path)
    assert cli("purge", "--closed-before", "01/11/2026", "--yes").exit_code == 0
    cases = query_one(db_path, "SELECT count(*) FROM case_file")
    again = cli("import", str(tmp_path / "old-caseload.csv"))
    assert again.exit_code == 0, again.output
    assert "Imported 0 cases" in again.stderr and "1 row was imported before" in again.stderr
    assert "2 rows closed before the last purge (01/11/2026) left out" in again.stderr
    assert query_one(db_path, "SELECT count(*) FROM case_file") == cases
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    assert "Importname Sorbus" not in dump and "Derivedname Tilia" not in dump


def test_a_purge_remembers_its_latest_cut_off(cli, db_path, tmp_path):
    plant(cli, tmp_path)
    cli("purge", "--closed-before", "01/11/2026", "--yes")
    cli("purge", "--closed-before", "01/06/2026", "--yes")  # an earlier cut-off does not shorten the memory
    assert query_one(db_path, "SELECT value FROM setting WHERE key = 'purged_before'") == "2026-11-01"


def test_the_history_allows_a_purge_to_erase_a_reason_and_nothing_else(cli, db_path, tmp_path):
    number = plant(cli, tmp_path)[0]
    erase_reason = ("UPDATE history SET detail = substr(detail, 1, instr(detail, '; reason: ') - 1) "
                    "|| '; reason erased (retention)' WHERE action = 'remove'")
    with sqlite3.connect(db_path) as connection:  # not purged yet: the reason stays
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            connection.execute(erase_reason)
    assert cli("purge", "--closed-before", "01/11/2026", "--yes").exit_code == 0
    line = query_one(db_path, "SELECT detail FROM history WHERE action = 'remove'")
    assert line == "contact 2 (home, 2026-09-02) removed; reason erased (retention)"
    with sqlite3.connect(db_path) as connection:  # purged: still nothing else may change
        for statement in ("UPDATE history SET detail = 'contact 2 removed; reason erased (retention)' "
                          "WHERE action = 'remove'",
                          "UPDATE history SET os_user = 'nobody' WHERE action = 'remove'",
                          "UPDATE history SET detail = NULL WHERE action = 'remove'",
                          "UPDATE history SET detail = detail || '; reason erased (retention)' WHERE action = 'purge'",
                          "DELETE FROM history WHERE action = 'remove'"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
    assert query_one(db_path, "SELECT detail FROM history WHERE action = 'remove'") == line
    dutch = cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"})
    assert "contact 2 (huisbezoek, 02/09/2026) ingetrokken; reden gewist (bewaartermijn)" in dutch.stdout, dutch.stdout


# --- doctor finds what the commands refuse ------------------------------------------------------------

def doctor_says(cli, path) -> str:
    result = cli("--db", str(path), "doctor")
    assert "Traceback" not in result.output and result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_doctor_and_commands_agree_on_the_schema_versions(cli, db_path, new_case):
    new_case()
    with sqlite3.connect(db_path) as connection:
        connection.execute("INSERT INTO alembic_version VALUES ('0002')")
    assert_one_line_error(cli("case", "list"), code=5, contains="no single schema version")
    result = doctor_says(cli, db_path)
    assert result.exit_code == 1 and "PROBLEM  schema: 2 schema versions" in result.stdout, result.stdout
    fix = next(line for line in result.stdout.splitlines() if "DELETE FROM alembic_version" in line)
    with sqlite3.connect(db_path) as connection:  # the command doctor gives is the fix
        connection.execute(fix.split('"')[1])
    assert cli("case", "list").exit_code == 0 and cli("doctor").exit_code == 0
    with sqlite3.connect(db_path) as connection:
        connection.execute("DELETE FROM alembic_version")
    assert_one_line_error(cli("case", "list"), code=5, contains="no single schema version")
    result = doctor_says(cli, db_path)
    assert result.exit_code == 1 and "schema version is missing" in result.stdout and "restore" in result.stdout


def test_doctor_names_a_newer_schema_orphans_and_permissions(cli, db_path, tmp_path, new_case):
    new_case()
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA foreign_keys = OFF")
        connection.execute("INSERT INTO consent (case_id, party, date, created_at) "
                           "VALUES (999, 'tenant', '2026-01-01', '2026-01-01')")
    os.chmod(db_path, 0o644)
    result = doctor_says(cli, db_path)
    assert "PROBLEM  foreign keys: 1 row(s) in consent" in result.stdout
    assert "PROBLEM  permissions" in result.stdout and f"chmod 600 {db_path}" in result.stdout
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    result = doctor_says(cli, db_path)
    assert "newer huurbeg" in result.stdout and "pip install --upgrade" in result.stdout


@pytest.mark.parametrize("content", [b"", "empty sqlite"])
def test_doctor_on_an_empty_file(cli, tmp_path, content):
    path = tmp_path / "empty.db"
    if content == b"":
        path.write_bytes(b"")
    else:
        sqlite3.connect(path).close()
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA user_version = 1")  # an SQLite file with no tables
    os.chmod(path, 0o600)
    result = doctor_says(cli, path)
    assert result.exit_code == 0 and "sets up its schema when next used" in result.stdout, result.output


def test_doctor_on_an_over_long_path(cli, tmp_path):
    result = doctor_says(cli, tmp_path / ("x" * 300))
    assert result.exit_code == 1 and "PROBLEM  file" in result.stdout and len(result.stdout) < 600


# --- honest file errors ---------------------------------------------------------------------------




def made(cli, args: list[str], env: dict) -> None:
    """What a test starts from, written in this process: the runs without write permission are what it tests."""
    result = cli(*args, env=env)
    assert result.exit_code == 0, result.output


@pytest.fixture
def read_only_folder(tmp_path, cli):
    """A sound database in a folder its user may not write to."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    path = folder / "huurbeg.db"
    env = dict(os.environ, HUURBEG_DB=str(path))
    made(cli, INTAKE, env)
    checkpoint(path)
    for companion in ("-wal", "-shm"):
        path.with_name(path.name + companion).unlink(missing_ok=True)
    os.chmod(folder, 0o555)
    yield path, env
    os.chmod(folder, 0o755)


def test_a_read_only_folder_is_named_with_what_to_do(read_only_folder):
    path, env = read_only_folder
    before = path.read_bytes()
    for args in (["case", "list"], INTAKE):
        result = run_without_override(args, env)
        assert result.returncode == 5, result.stderr
        assert "read-only" in result.stderr and "chmod u+w" in result.stderr, result.stderr
        assert "not a huurbeg database" not in result.stderr and len(result.stderr.splitlines()) == 1
    doctor = run_without_override(["doctor"], env)
    assert doctor.returncode == 1 and "PROBLEM  folder" in doctor.stdout and "chmod u+w" in doctor.stdout
    assert "restore" not in doctor.stdout and "PROBLEM  integrity" not in doctor.stdout, doctor.stdout
    assert path.read_bytes() == before


@pytest.mark.parametrize("how", ["umask 000", "dangling symlink"])
def test_a_new_database_is_private_whatever_the_path(tmp_path, how):
    target = tmp_path / "real" / "huurbeg.db"
    target.parent.mkdir()
    given = target
    if how == "dangling symlink":
        given = tmp_path / "link.db"
        given.symlink_to(target)
    env = dict(os.environ, HUURBEG_DB=str(given))
    result = subprocess.run([sys.executable, "-m", "huurbeg", *INTAKE], env=env, capture_output=True, text=True,
                            preexec_fn=lambda: os.umask(0))
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for companion in ("-wal", "-shm"):
        if target.with_name(target.name + companion).exists():
            assert stat.S_IMODE(target.with_name(target.name + companion).stat().st_mode) == 0o600


def test_copy_refuses_an_empty_or_identical_target(cli, db_path, tmp_path, monkeypatch, new_case):
    new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("copy", "--to", ""), code=2, contains="--to")
    assert_one_line_error(cli("copy", "--to", str(db_path)), code=2, contains="being copied")
    link = tmp_path / "same.db"
    link.symlink_to(db_path)
    assert_one_line_error(cli("copy", "--to", str(link)), code=2, contains="being copied")
    assert_one_line_error(cli("copy", "--to", f"sqlite:///{db_path}"), code=2, contains="being copied")
    result = cli("copy", "--to", str(tmp_path / ("y" * 300)))
    assert_one_line_error(result, code=5, contains="--to")
    assert len(result.stderr) < 400
    assert snapshot(db_path) == before


def test_an_import_names_a_long_path_briefly(cli, tmp_path):
    result = cli("import", str(tmp_path / ("z" * 131072)))
    assert_one_line_error(result, code=2, contains="FILE")
    assert len(result.stderr) < 400


def test_a_new_database_elsewhere_is_announced(cli, tmp_path):
    typo = tmp_path / "huurbge.db"
    result = cli("--db", str(typo), "case", "list")
    notice = f"huurbeg: created a new, empty database at {typo}"
    assert result.exit_code == 0 and result.stderr.splitlines().count(notice) == 1, result.stderr
    assert notice not in cli("--db", str(typo), "case", "list").stderr  # once only
    failed = tmp_path / "failed.db"
    assert_one_line_error(cli("--db", str(failed), "case", "show", "2026-0001"), code=3)
    assert not failed.exists()  # a command that fails leaves no new, empty database behind
    assert not list(tmp_path.glob("failed.db*"))


@pytest.mark.slow
@pytest.mark.parametrize("answer", ["n", "y"])
def test_a_new_database_elsewhere_is_asked_for_on_a_terminal(tmp_path, answer):
    pexpect = pytest.importorskip("pexpect")
    typo = tmp_path / "huurbge.db"
    env = dict(os.environ, HUURBEG_DB=str(typo), PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "list"], env=env, encoding="utf-8", timeout=20)
    child.expect_exact("Create a new, empty one?")
    child.send(answer + "\r")
    child.expect(pexpect.EOF)
    child.close()
    if answer == "n":
        assert child.exitstatus == 5 and "nothing was created" in child.before and not typo.exists()
    else:
        assert child.exitstatus == 0 and typo.exists()


def test_a_read_only_file_is_named_with_what_to_do(tmp_path, cli):
    path = tmp_path / "huurbeg.db"
    env = dict(os.environ, HUURBEG_DB=str(path))
    made(cli, INTAKE, env)
    os.chmod(path, 0o400)
    before = path.read_bytes()
    result = run_without_override(INTAKE, env)
    assert result.returncode == 5 and "read-only" in result.stderr and f"chmod 600 {path}" in result.stderr
    assert len(result.stderr.splitlines()) == 1, result.stderr
    listing = run_without_override(["case", "list"], env)
    assert listing.returncode == 0 and "2026-0001" in listing.stdout, listing.stderr
    doctor = run_without_override(["doctor"], env)
    assert doctor.returncode == 1 and "PROBLEM  permissions" in doctor.stdout and "chmod 600" in doctor.stdout
    assert "restore" not in doctor.stdout
    assert path.read_bytes() == before


def test_damage_found_during_a_command_says_what_to_do(cli, db_path, sound):
    """Damage after today's check surfaces when a command reads the page: the same advice."""
    damaged = bytearray(sound)
    flip(damaged, (pages_of(sound, "case_file", "leaf")[1] - 1) * PAGE, 16)
    db_path.write_bytes(bytes(damaged))
    os.chmod(db_path, 0o600)
    result = cli("case", "list")
    assert_one_line_error(result, code=5, contains="malformed")
    assert "huurbeg doctor" in result.stderr and "restore" in result.stderr


def test_a_damaged_value_is_not_quoted_in_the_error(cli, db_path, sound):
    """Bytes flipped inside a stored text pass every check SQLite has; reading it fails without quoting it."""
    assert sound.count(b"Street 17") == 1
    db_path.write_bytes(sound.replace(b"Street 17", b"\xffreet 17"))
    os.chmod(db_path, 0o600)
    result = cli("case", "show", "2026-0018")
    assert_one_line_error(result, code=5, contains="column 'address'")
    assert "reet 17" not in result.stderr and "huurbeg doctor" in result.stderr


def test_a_file_that_cannot_be_written_in_a_read_only_folder_is_named(tmp_path, cli):
    path = tmp_path / "huurbeg.db"
    env = dict(os.environ, HUURBEG_DB=str(path))
    made(cli, INTAKE, env)
    folder = tmp_path / "read-only"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        backup = run_without_override(["backup", str(folder / "backup.db")], env)
        assert backup.returncode == 2 and f"PATH: cannot write {folder / 'backup.db'}: Permission denied" \
            in backup.stderr, backup.stderr
        assert ".huurbeg-backup" not in backup.stderr and len(backup.stderr.splitlines()) == 1
        figures = run_without_override(["stats", "-f", "csv", "-o", str(folder / "figures.csv")], env)
        assert figures.returncode == 1 and figures.stderr == \
            f"huurbeg: error: --output: cannot write {folder / 'figures.csv'}: Permission denied\n", figures.stderr
        assert not list(folder.iterdir())
    finally:
        os.chmod(folder, 0o755)


# --- a full disk and an I/O error are not damage ---------------------------------------------------

def test_the_cause_of_an_error_is_told_from_the_real_exceptions(tmp_path, sound):
    """No space, an I/O error and damage, each from the exception SQLite or the system really raises."""
    import errno

    from huurbeg.db import health

    full = sqlite3.connect(":memory:")
    full.execute("PRAGMA max_page_count = 2")
    full.execute("CREATE TABLE t (x)")
    with pytest.raises(sqlite3.OperationalError) as no_room:
        full.execute("INSERT INTO t VALUES (randomblob(100000))")
    assert health.cause(no_room.value) == health.FULL
    if os.path.exists("/dev/full"):
        descriptor = os.open("/dev/full", os.O_WRONLY)
        try:
            with pytest.raises(OSError) as no_space:
                os.write(descriptor, b"x")
        finally:
            os.close(descriptor)
        assert no_space.value.errno == errno.ENOSPC and health.cause(no_space.value) == health.FULL
    assert health.cause(OSError(errno.EIO, os.strerror(errno.EIO))) == health.INPUT_OUTPUT
    damaged = tmp_path / "damaged.db"
    damaged.write_bytes(corrupt(sound, "header"))
    with pytest.raises(sqlite3.DatabaseError) as unreadable:
        sqlite3.connect(damaged).execute("SELECT * FROM sqlite_master").fetchall()
    assert health.cause(unreadable.value, damaged) == health.DAMAGE
    (tmp_path / "unopenable.db").mkdir()
    with pytest.raises(sqlite3.OperationalError) as cannot_open:
        sqlite3.connect(tmp_path / "unopenable.db")
    assert health.cause(cannot_open.value, tmp_path / "unopenable.db") == health.INPUT_OUTPUT  # space is left
    locked = tmp_path / "locked.db"
    holder = sqlite3.connect(locked, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(sqlite3.OperationalError) as busy:
            sqlite3.connect(locked, timeout=0).execute("SELECT * FROM t").fetchall()
    finally:
        holder.close()
    assert health.cause(busy.value, locked) is None  # a lock says nothing about the file


FULL_DISK = '''
import json, os, shutil, subprocess, sys
mount, source, commands = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", mount], check=True)
path = os.path.join(mount, "huurbeg.db")
shutil.copyfile(source, path)
os.chmod(path, 0o600)
filler = os.open(os.path.join(mount, "filler"), os.O_WRONLY | os.O_CREAT)
try:
    while True:
        os.write(filler, bytes(4096))
except OSError:
    pass
os.close(filler)
env = dict(os.environ, HUURBEG_DB=path)
runs = [subprocess.run([sys.executable, "-m", "huurbeg", *args], env=env, capture_output=True, text=True)
        for args in commands]
with open(path, "rb") as handle:
    after = handle.read()
with open(source, "rb") as handle:
    same = after == handle.read()
print(json.dumps({"runs": [[r.returncode, r.stdout, r.stderr] for r in runs], "same": same,
                  "free": os.statvfs(mount).f_bavail}))
'''


def on_a_full_disk(tmp_path, database: Path, commands: list[list[str]]) -> dict:
    """Run huurbeg on a copy of `database` on a disk with no space left: a small tmpfs, mounted in a mount
    namespace of its own (as a user namespace's root where the kernel lets anyone make one, else as root)."""
    import json

    if not shutil.which("unshare"):
        pytest.skip("no unshare to mount a small file system in a namespace of its own")
    mount = tmp_path / "full"
    mount.mkdir()
    runner = tmp_path / "full_disk.py"
    runner.write_text(FULL_DISK)
    for how in (["--mount", "--map-root-user"], ["--mount"]):
        result = subprocess.run(["unshare", *how, sys.executable, str(runner), str(mount), str(database),
                                 json.dumps(commands)], capture_output=True, text=True, timeout=120)
        if result.returncode == 0:
            found = json.loads(result.stdout)
            assert found["free"] == 0
            return found
    pytest.skip(f"cannot mount a small file system here: {result.stderr.strip()[-200:]}")


def test_a_full_disk_is_not_damage(cli, db_path, tmp_path, new_case):
    """On a disk with no space left doctor and every command say so, and keep the intact file."""
    new_case()
    checkpoint(db_path)
    found = on_a_full_disk(tmp_path, db_path, [["doctor"], ["case", "list"], INTAKE, ["case", "show", "2026-0001"]])
    (code, doctor, _), *commands = found["runs"]
    assert code == 1 and "PROBLEM  disk: no space left on the disk holding" in doctor, doctor
    assert "free space on that disk" in doctor and "do not restore a backup" in doctor
    assert "PROBLEM  integrity" not in doctor and "restore the latest backup" not in doctor and "mv " not in doctor
    for code, stdout, stderr in commands:
        assert code == 5 and stdout == "" and len(stderr.splitlines()) == 1, stderr
        assert "no space left on the disk" in stderr and "not damaged" in stderr and "do not restore" in stderr
        assert "Traceback" not in stderr and "restore the latest backup" not in stderr
    assert found["same"]  # nothing written, the file as it was


def test_a_log_that_cannot_be_read_is_not_damage(cli, db_path, new_case):
    """An I/O error on the -wal or -shm beside the file: check permissions and the disk, keep the file."""
    new_case()
    checkpoint(db_path)
    before = db_path.read_bytes()
    wal = db_path.with_name(db_path.name + "-wal")
    wal.write_bytes(b"")  # an empty log the user may not open
    os.chmod(wal, 0)
    env = dict(os.environ, HUURBEG_DB=str(db_path), HUURBEG_TODAY=TOMORROW)
    doctor = run_without_override(["doctor"], env)
    assert doctor.returncode == 1 and f"PROBLEM  disk: {wal} cannot be read or written" in doctor.stdout, doctor.stdout
    assert f"ls -l {db_path.parent}" in doctor.stdout and "do not restore a backup" in doctor.stdout
    assert "PROBLEM  integrity" not in doctor.stdout and "restore the latest backup" not in doctor.stdout
    for args in (["case", "list"], ["visit", "2026-0001", "--no-input"]):
        result = run_without_override(args, env)
        assert result.returncode == 5 and len(result.stderr.splitlines()) == 1, result.stderr
        assert "cannot be read or written" in result.stderr and "do not restore a backup" in result.stderr
        assert "damaged" not in result.stderr and "restore the latest backup" not in result.stderr
    os.chmod(wal, 0o600)
    assert db_path.read_bytes() == before


READS_OF_A_DOSSIER = [["case", "show", "2026-0001"], ["case", "history", "2026-0001"], ["case", "export", "2026-0001"],
                      ["case", "report", "2026-0001", "--for", "landlord"], ["case", "find", "Jan Peeters"],
                      ["hearing", "brief", "2026-0001"]]


def test_a_read_only_file_shows_a_dossier_and_refuses_writes(tmp_path, cli):
    """The commands that record the reads of a dossier read it all the same, leaving the read out, and say so."""
    path = tmp_path / "huurbeg.db"
    env = dict(os.environ, HUURBEG_DB=str(path))
    ogp = [*INTAKE[:2], "ogp", *INTAKE[3:]]
    for args in (ogp, ["hearing", "add", "2026-0001", "--date", "2026-11-25 09:00", "--court", "Mechelen"]):
        made(cli, args, env)
    checkpoint(path)
    os.chmod(path, 0o400)
    before = path.read_bytes()
    for args in READS_OF_A_DOSSIER:
        result = run_without_override(args, env)
        assert result.returncode == 0 and "2026-0001" in result.stdout, (args, result.stderr)
        assert result.stderr.splitlines() == [
            f"huurbeg: warning: the database file {path} is read-only for you: what you read is shown, but not "
            f"recorded in the dossier's history; make it writable with 'chmod 600 {path}'"], result.stderr
    for args in (["visit", "2026-0001", "--no-input"], ["case", "close", "2026-0001", "--outcome", "referred"]):
        result = run_without_override(args, env)
        assert result.returncode == 5 and result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr
        assert "is read-only for you, so nothing can be written" in result.stderr
    assert path.read_bytes() == before
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # no read recorded anywhere


def test_a_write_on_a_full_disk_ends_with_free_space_not_restore(capsys):
    """The last-resort database error: SQLite's own SQLITE_FULL, as a write on a full disk raises it."""
    from huurbeg.cli.root import HuurbegGroup

    full = sqlite3.connect(":memory:")
    full.execute("PRAGMA max_page_count = 2")
    full.execute("CREATE TABLE t (x)")
    with pytest.raises(sqlite3.OperationalError) as no_room:
        full.execute("INSERT INTO t VALUES (randomblob(100000))")
    assert HuurbegGroup._failure(no_room.value) == 5
    line = capsys.readouterr().err
    assert line == ("huurbeg: error: database error: database or disk is full; nothing was written. The disk holding "
                    "the database is full: free space and run the command again. The database is not damaged: do "
                    "not restore a backup\n")
