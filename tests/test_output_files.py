"""--output FILE, the one door by which data leave in a file: never the database, a link, a device or a
folder; a private file, made beside its target and never through a link planted there; checked before
anything is written. And paths named honestly: the option of a path too long, of a copy's target."""

import errno
import os
import stat
import subprocess
import sys

import pytest
import typer

from conftest import INTAKE, assert_one_line_error, on_a_terminal, query, run_without_override, snapshot
from huurbeg.cli.root import app

CASE = "2026-0001"
SIGNED_INTAKE = ["intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Molenstraat 5, 2800 Mechelen",
                 "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private",
                 "--problem", "arrears", "--arrears", "1950", "--rent", "650", "--tenant-informed",
                 "--consent-tenant", "--consent-landlord", "--date", "2026-10-01", "--no-input"]
SAMPLES = {
    "intake": ["intake", "--track", "pw", "--tenant", "Piet Maes", "--address", "Dorp 3, 2800 Mechelen",
               "--source", "tenant", "--tenant-informed", "--no-input", "--format", "json"],
    "stats": ["stats", "--year", "2026", "--format", "csv"],
    "purge": ["purge", "--closed-before", "01/01/2026", "--format", "json"],
    "deadlines": ["deadlines", "--format", "json"],
    "case list": ["case", "list", "--format", "csv"],
    "case find": ["case", "find", "Janssens"],
    "case show": ["case", "show", CASE],
    "case history": ["case", "history", CASE],
    "case report": ["case", "report", CASE, "--for", "landlord"],
    "case export": ["case", "export", CASE, "--format", "json"],
    "case files": ["case", "files", CASE, "--format", "csv"],
    "case file": ["case", "file", CASE, "1"],
    "visit list": ["visit", "list", "--format", "json"],
    "plan show": ["plan", "show", CASE, "--format", "xlsx"],
    "plan fbu": ["plan", "fbu", CASE, "--document"],
    "hearing list": ["hearing", "list", "--within", "60", "--format", "ics"],
    "hearing courts": ["hearing", "courts", "--format", "csv"],
    "hearing brief": ["hearing", "brief", CASE],
    "transfer list": ["transfer", "list", "--format", "json"],
    "refer list": ["refer", "list", "--format", "json"],
    "letter": ["letter", CASE, "--to", "landlord"],
    "service show": ["service", "show", "--format", "json"],
    "landlord show": ["landlord", "show", "Karel De Smet"],
    "landlord list": ["landlord", "list", "--format", "csv"],
}
"""An invocation that succeeds, for every command that has --output (the walk below keeps it complete)."""


def commands_with_output() -> list[str]:
    def walk(group, path):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                yield from walk(command, [*path, name])
            elif "output" in {param.name for param in command.params}:
                yield " ".join([*path, name])

    return sorted(walk(typer.main.get_command(app), []))


WITH_OUTPUT = commands_with_output()


def test_every_command_with_output_is_tried():
    assert set(WITH_OUTPUT) == set(SAMPLES)
    assert len(WITH_OUTPUT) >= 15


@pytest.fixture
def casework(cli, tmp_path_factory, made_once):
    """A case with an FBU agreement, a hearing and a document: something for every command to show."""
    made_once(_casework, cli, tmp_path_factory)


def _casework(cli, tmp_path_factory):
    scan = tmp_path_factory.mktemp("scans") / "vonnis.pdf"
    scan.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n")
    for args in (SIGNED_INTAKE, ["landlord", "edit", "Karel De Smet", "--address", "Bruul 5, 2800 Mechelen"],
                 ["plan", "fbu", CASE, "--signed", "05/11/2026", "--instalment", "200", "--start",
                                 "01/12/2026"],
                 ["hearing", "add", CASE, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen"],
                 ["case", "attach", CASE, str(scan), "--kind", "judgment"],
                 ["service", "set", "--name", "Dienst huurbegeleiding", "--organisation", "Sociaal Huis Mechelen",
                  "--address", "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00", "--email",
                  "huurbegeleiding@mechelen.be", "--signatory", "Els Janssens", "--place", "Mechelen"],
                 ["service", "me", "--name", "Karim Aït", "--phone", "015 11 22 33", "--email", "karim@mechelen.be"]):
        result = cli(*args)
        assert result.exit_code == 0, result.output


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".huurbeg-output-"))


def refused(cli, db_path, target, command: str, *, contains: str) -> None:
    before = snapshot(db_path)
    result = cli(*SAMPLES[command], "--output", str(target))
    assert_one_line_error(result, code=2, contains="'--output'")
    assert contains in result.stderr, result.stderr
    assert snapshot(db_path) == before  # nothing registered, not even the read of a dossier
    assert leftovers(target.parent) == []


@pytest.mark.parametrize("command", WITH_OUTPUT)
@pytest.mark.parametrize("lang", ["en", "nl"])
def test_off_a_terminal_a_command_with_output_says_nothing_of_its_file(cli, casework, tmp_path, monkeypatch,
                                                                       command, lang):
    """Under cron any output is a mail: the file is there and the exit code says it went well; nothing on stderr,
    not even that a letter was kept in the dossier (said at a terminal)."""
    monkeypatch.chdir(tmp_path)
    result = cli(*SAMPLES[command], "--output", "out.file", env={"HUURBEG_LANG": lang, "COLUMNS": "500"})
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out.file").exists() and result.stdout == ""
    assert "out.file" not in result.stderr, result.stderr
    assert result.stderr == ""


@pytest.mark.slow
@pytest.mark.parametrize("command", WITH_OUTPUT)
@pytest.mark.parametrize("lang, said", [("en", "Written to {path}."), ("nl", "Geschreven naar {path}.")])
def test_on_a_terminal_a_command_with_output_says_where_it_wrote(casework, tmp_path, command, lang, said):
    code, read = on_a_terminal([*SAMPLES[command], "--output", "out.file"],
                               {"HUURBEG_LANG": lang, "COLUMNS": "500", "NO_COLOR": "1"}, tmp_path)
    assert code == 0, read
    assert (tmp_path / "out.file").exists()
    lines = read.splitlines()
    assert lines[-1] == said.format(path=tmp_path / "out.file"), read  # once, after what was done
    assert sum(str(tmp_path / "out.file") in line for line in lines) == 1
    if command == "letter":  # and, to the person at the terminal, the document it was kept as
        assert ("kept in the dossier as document" if lang == "en" else "bewaard in het dossier als document") in read


def test_a_failed_command_says_it_wrote_nothing(cli, casework, tmp_path):
    result = cli("case", "show", "2026-0999", "--output", str(tmp_path / "out.json"))
    assert_one_line_error(result, code=3, contains="2026-0999")
    assert "Written" not in result.stderr and not (tmp_path / "out.json").exists()


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", WITH_OUTPUT)
def test_a_backup_is_never_replaced_by_an_output(cli, casework, db_path, tmp_path, command):
    """A backup (any SQLite database) named by mistake as --output stays as it is."""
    backup = tmp_path / "backup.db"
    assert cli("backup", str(backup)).exit_code == 0
    kept = backup.read_bytes()
    refused(cli, db_path, backup, command, contains="is a database")
    assert backup.read_bytes() == kept


@pytest.mark.sqlite_only
@pytest.mark.parametrize("command", WITH_OUTPUT)
def test_the_database_in_use_is_never_an_output(cli, casework, db_path, tmp_path, command):
    (tmp_path / "sub").mkdir()
    os.link(db_path, tmp_path / "hard-link.db")
    written = tmp_path / "sample.out"
    assert cli(*SAMPLES[command], "--output", str(written)).exit_code == 0
    sample = written.read_bytes()[:48]  # what the output would have put there
    for target in (db_path, tmp_path / "sub" / ".." / db_path.name, tmp_path / "hard-link.db",
                   *(db_path.with_name(db_path.name + companion) for companion in ("-wal", "-shm", "-journal"))):
        refused(cli, db_path, target, command, contains="is the database in use")
        # SQLite itself makes and removes its -wal and -shm as connections come and go (the snapshot's
        # too): what matters is that the output did not replace them
        assert not target.exists() or not target.read_bytes().startswith(sample)
    assert db_path.read_bytes().startswith(b"SQLite format 3\x00")


@pytest.mark.sqlite_only
def test_the_database_named_by_db_and_through_a_link_is_refused(cli, casework, db_path, tmp_path):
    link = tmp_path / "link.db"
    link.symlink_to(db_path)
    for db in (str(link), f"sqlite:///{db_path}"):
        before = snapshot(db_path)
        result = cli("--db", db, "case", "list", "--format", "csv", "--output", str(db_path))
        assert_one_line_error(result, code=2, contains="is the database in use")
        assert snapshot(db_path) == before


def special_files(tmp_path) -> dict:
    """A symlink to another file, a named pipe, a device node (where this user may make one) and a folder."""
    kept = tmp_path / "kept.txt"
    kept.write_text("someone else's file\n")
    os.chmod(kept, 0o644)
    found = {"a symbolic link": tmp_path / "link.csv", "a named pipe": tmp_path / "pipe.csv",
             "a folder": tmp_path / "folder.csv"}
    found["a symbolic link"].symlink_to(kept)
    os.mkfifo(found["a named pipe"])
    found["a folder"].mkdir()
    try:
        os.mknod(tmp_path / "device.csv", 0o600 | stat.S_IFCHR, os.makedev(1, 3))  # as /dev/null
        found["a device"] = tmp_path / "device.csv"
    except (PermissionError, OSError):
        pass
    return found


SAID = {"a symbolic link": "is a symbolic link", "a named pipe": "is not a regular file",
        "a device": "is not a regular file", "a folder": "is a directory"}


@pytest.mark.parametrize("command", WITH_OUTPUT)
def test_a_link_a_pipe_a_device_or_a_folder_is_never_replaced(cli, casework, db_path, tmp_path, command):
    targets = special_files(tmp_path)
    kinds = {kind: stat.S_IFMT(os.lstat(path).st_mode) for kind, path in targets.items()}
    for kind, target in targets.items():
        refused(cli, db_path, target, command, contains=SAID[kind])
    assert {kind: stat.S_IFMT(os.lstat(path).st_mode) for kind, path in targets.items()} == kinds
    assert (tmp_path / "kept.txt").read_text() == "someone else's file\n"


@pytest.mark.parametrize("command", WITH_OUTPUT)
def test_every_output_is_a_private_file_made_beside_it_not_through_a_planted_link(cli, casework, tmp_path,
                                                                                   command):
    target = tmp_path / "out" / "export.data"
    target.parent.mkdir()
    target.write_text("last month's\n")
    os.chmod(target, 0o644)
    victim = tmp_path / "victim.txt"
    victim.write_text("not for the caseload\n")
    os.chmod(victim, 0o644)
    planted = target.with_name(target.name + ".partial")
    planted.symlink_to(victim)  # the name the temporary file once had
    result = cli(*SAMPLES[command], "--output", str(target))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert stat.S_ISREG(os.lstat(target).st_mode) and target.stat().st_size > 0
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() != b"last month's\n"
    assert victim.read_text() == "not for the caseload\n" and stat.S_IMODE(victim.stat().st_mode) == 0o644
    assert planted.is_symlink() and leftovers(target.parent) == []


@pytest.mark.sqlite_only
def test_an_intake_to_a_folder_it_cannot_write_registers_nothing(cli, tmp_path, db_path):
    env = dict(os.environ, HUURBEG_DB=str(db_path))
    assert cli("case", "list").exit_code == 0  # the database it starts from
    folder = tmp_path / "read-only"
    folder.mkdir()
    os.chmod(folder, 0o555)
    try:
        result = run_without_override([*INTAKE, "--format", "json", "--output", str(folder / "case.json")], env)
        assert result.returncode == 1, result.stderr
        assert result.stderr == f"huurbeg: error: --output: cannot write {folder / 'case.json'}: " \
                                "Permission denied\n"
        assert not list(folder.iterdir())
    finally:
        os.chmod(folder, 0o755)
    assert query(db_path, "SELECT count(*) FROM case_file") == [(0,)]
    retried = run_without_override([*INTAKE, "--format", "json", "--output", str(folder / "case.json")], env)
    assert retried.returncode == 0, retried.stderr
    assert '"case": "2026-0001"' in (folder / "case.json").read_text()  # the retry is the first case, not a second


def test_an_output_that_fails_as_it_is_written_registers_nothing(cli, db_path, tmp_path, monkeypatch):
    cli("case", "list")
    before = snapshot(db_path)

    def full(descriptor):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)  # the disk fills up as the file is written; SQLite syncs on its own
    target = tmp_path / "case.json"
    result = cli(*INTAKE, "--format", "json", "--output", str(target))
    assert_one_line_error(result, code=1, contains=f"--output: cannot write {target}: No space left on device")
    assert snapshot(db_path) == before
    assert not target.exists() and leftovers(tmp_path) == []


def test_an_output_that_cannot_be_named_after_the_commit_keeps_what_was_registered(cli, db_path, tmp_path,
                                                                                   monkeypatch):
    def taken(source, target):
        raise OSError(errno.EISDIR, "Is a directory")

    cli("case", "list")
    monkeypatch.setattr(os, "replace", taken)  # FILE became a folder while the intake was asked
    target = tmp_path / "case.json"
    result = cli(*INTAKE, "--format", "json", "--output", str(target))
    assert_one_line_error(result, code=1, contains=f"--output: cannot write {target}: Is a directory; the output is in")
    [temporary] = leftovers(tmp_path)
    assert str(tmp_path / temporary) in result.stderr
    assert '"case": "2026-0001"' in (tmp_path / temporary).read_text()  # the number of the case that was registered
    assert stat.S_IMODE((tmp_path / temporary).stat().st_mode) == 0o600
    assert query(db_path, "SELECT number FROM case_file") == [("2026-0001",)]


def test_a_temporary_file_of_a_killed_export_is_removed(cli, tmp_path):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    stale = tmp_path / f".huurbeg-output-{dead.stdout.strip()}-abc123.partial"
    stale.write_text("a caseload\n")
    result = cli("case", "list", "--format", "csv", "--output", str(tmp_path / "cases.csv"))
    assert result.exit_code == 0, result.output
    assert not stale.exists() and leftovers(tmp_path) == []


# --- paths too long, named by their option ----------------------------------------------------

@pytest.mark.sqlite_only  # file paths: backup PATH is for a file, a server is backed up with pg_dump
@pytest.mark.parametrize("where", ["name", "folder"])
def test_a_path_too_long_names_its_option(cli, tmp_path, db_path, where):
    cli("case", "list")
    before = snapshot(db_path)
    long = tmp_path / ("x" * 300) if where == "name" else tmp_path / ("x" * 300) / "file"
    for args, code, option in ((["--db", f"{long}.db", "case", "list"], 5, "--db: "),
                               (["--db", f"{long}.db", *INTAKE], 5, "--db: "),
                               (["case", "list", "--output", f"{long}.csv"], 2, "'--output'"),
                               ([*INTAKE, "--output", f"{long}.json"], 2, "'--output'"),
                               (["backup", f"{long}.db"], 2, "PATH: "),
                               (["import", f"{long}.csv"], 2, "FILE: "),
                               (["copy", "--to", f"{long}.db"], 5, "--to: ")):
        result = cli(*args)
        assert_one_line_error(result, code=code, contains=option)
        assert "File name too long" in result.stderr and len(result.stderr) < 400, result.stderr
    assert snapshot(db_path) == before


def test_a_path_too_long_in_dutch(cli, tmp_path):
    result = cli("--db", str(tmp_path / ("x" * 300)), "case", "list", env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(result, code=5, contains="--db: ")
    assert "File name too long" not in result.stderr and "te lang" in result.stderr, result.stderr


# --- copy --to: an in-memory target keeps nothing; every error names --to ----------------------

@pytest.mark.parametrize("target", ["sqlite:///:memory:", "sqlite://", ":memory:", "sqlite:///file:x?mode=memory"])
def test_copy_to_an_in_memory_database_is_refused(cli, new_case, db_path, tmp_path, monkeypatch, target):
    new_case()
    monkeypatch.chdir(tmp_path)
    before = snapshot(db_path)
    result = cli("copy", "--to", target)
    assert_one_line_error(result, code=2, contains="--to: an in-memory database keeps nothing")
    assert snapshot(db_path) == before
    assert not (tmp_path / ":memory:").exists()


def test_an_in_memory_db_is_refused(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = cli("--db", "sqlite:///:memory:", *INTAKE)
    assert_one_line_error(result, code=2, contains="--db: an in-memory database keeps nothing")


@pytest.mark.sqlite_only
def test_copy_errors_name_to(cli, new_case, db_path, tmp_path):
    new_case()
    before = snapshot(db_path)
    (tmp_path / "notes.txt").write_text("not a database\n")
    for target, code, said in (("mysql://server/huurbeg", 2, "is not a database huurbeg runs on"),
                               (str(tmp_path / "missing" / "team.db"), 5, "does not exist"),
                               (str(tmp_path), 5, "is a directory"),
                               (str(tmp_path / "notes.txt"), 5, "is not a huurbeg database")):
        for language in ("en", "nl"):
            result = cli("copy", "--to", target, env={"HUURBEG_LANG": language})
            assert_one_line_error(result, code=code, contains="--to: ")
            assert "--db" not in result.stderr, result.stderr
        assert said in cli("copy", "--to", target).stderr
    assert snapshot(db_path) == before


# --- purge: the command it suggests names the file ---------------------------------------------

@pytest.mark.sqlite_only
def test_purge_names_the_file_to_compact(cli, tmp_path, monkeypatch):
    import sqlite3

    from huurbeg.db import engine

    # the log is emptied only once the reader below is gone, which purge waits for as long as the busy timeout:
    # a second instead of thirty says the same
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_SECONDS", 1)
    path = tmp_path / "my cases" / "huurbeg.db"
    path.parent.mkdir()
    opened = cli("--db", str(path), *INTAKE, "--date", "2026-01-10")
    assert opened.exit_code == 0, opened.output
    number = opened.stdout.strip()
    assert cli("--db", str(path), "case", "close", number, "--outcome", "eviction-prevented",
               "--date", "2026-03-01").exit_code == 0
    reader = sqlite3.connect(path, isolation_level=None)  # another program reading: the file cannot be rewritten
    try:
        reader.execute("BEGIN")
        reader.execute("SELECT count(*) FROM case_file").fetchone()
        result = cli("--db", str(path), "purge", "--closed-before", "01/06/2026", "--yes")
    finally:
        reader.close()
    assert result.exit_code == 0, result.output
    assert f"run \"sqlite3 '{path}' VACUUM\" when nobody else" in result.stderr, result.stderr
    assert "PATH" not in result.stderr
