"""A command says what it did only once that is committed.

The database is made to refuse the commit itself: a trigger adds to every history entry a row
whose foreign key is checked at COMMIT (deferred), as a full disk or a read-only file fails
there. Every writing command of the CLI then ends with its one error line, a non-zero exit, no
success line, no data on stdout, and the database as it was; the same commands succeed on the
same database without the trap.
"""

import shutil
import sqlite3

import pytest
import typer.main

from conftest import snapshot
from huurbeg.cli.root import app

pytestmark = pytest.mark.sqlite_only  # the trap is SQLite's; a server fails a commit the same way

TRAP = """
CREATE TABLE commit_trap_target (id INTEGER PRIMARY KEY);
CREATE TABLE commit_trap (target INTEGER REFERENCES commit_trap_target (id) DEFERRABLE INITIALLY DEFERRED);
CREATE TRIGGER commit_trap_fires AFTER INSERT ON history BEGIN INSERT INTO commit_trap VALUES (-1); END;
"""
REFUSED = "FOREIGN KEY constraint failed"

PW = ["intake", "--track", "pw", "--source", "tenant", "--tenant-informed", "--no-input"]
FBU_CASE = ["--landlord", "Karel De Smet", "--landlord-type", "private", "--problem", "arrears", "--arrears", "1950",
            "--rent", "650", "--consent-tenant", "--consent-landlord", "--date", "2026-10-01"]
SETUP = [
    [*PW, "--tenant", "Jan Peeters", *FBU_CASE],  # 2026-0001
    ["landlord", "edit", "Karel De Smet", "--address", "Bruul 5, 2800 Mechelen"],  # a letter's envelope window
    ["visit", "2026-0001", "--minutes", "30", "--date", "-1w", "--no-input"],
    ["plan", "2026-0001", "--arrears", "600", "--force", "--instalment", "100", "--start", "2026-10-01"],
    ["plan", "pay", "2026-0001", "--amount", "100"],
    ["plan", "agree", "2026-0001", "Keuken poetsen", "--due", "+1w"],
    ["refer", "2026-0001", "--to", "ocmw"],
    ["intake", "--track", "ogp", "--source", "court", "--tenant", "Els Maes", "--tenant-informed", "--date", "-1m",
     "--no-input"],  # 2026-0002
    ["hearing", "add", "2026-0002", "--date", "today 08:30", "--court", "Vredegerecht Mechelen", "--force"],
    ["intake", "--track", "ogp", "--source", "court", "--tenant", "Ann Claes", "--tenant-informed", "--date", "-1m",
     "--no-input"],  # 2026-0003
    ["hearing", "add", "2026-0003", "--date", "today 08:30", "--court", "Vredegerecht Mechelen", "--force"],
    ["hearing", "outcome", "2026-0003", "--result", "settled"],
    ["intake", "--track", "crisis", "--source", "police", "--tenant", "Familie Janssens", "--tenant-informed",
     "--date", "-1m", "--no-input"],  # 2026-0004
    ["transfer", "dwelling", "add", "CR-1", "--kind", "crisis"],
    ["transfer", "in", "2026-0004", "--dwelling", "CR-1", "--date", "-3w"],
    [*PW, "--tenant", "Oud Dossier", "--date", "2024-01-02"],  # 2024-0001: numbered by its intake year
    ["case", "close", "2024-0001", "--outcome", "referred", "--date", "2024-06-01"],
    [*PW, "--tenant", "Sara Janssens", *FBU_CASE],  # 2026-0005
    ["plan", "fbu", "2026-0005", "--signed", "today", "--instalment", "200", "--start", "today", "--no-input"],
    [*PW, "--tenant", "Jan Peters"],  # 2026-0006: the household of 2026-0001 under another spelling
    [*PW, "--tenant", "Piet Wouters"],  # 2026-0007
    [*PW, "--tenant", "Piet Wouter"],  # 2026-0008: merged into 2026-0007, to be given back
    ["case", "merge", "2026-0007", "2026-0008", "--yes"],
    *[step for number, after in (("2026-0009", 2), ("2026-0010", 1), ("2026-0011", 0)) for step in [
        ["intake", "--track", "ogp", "--source", "court", "--tenant", f"Huurder {number}", "--date", "-1m",
         "--no-input"],
        ["hearing", "add", number, "--date", "-3w 09:00", "--court", "Vredegerecht Mechelen", "--force"],
        ["hearing", "outcome", number, "--result", "dissolved"],
        *[["hearing", "served", number, "--date", "-2w"]][:after],
        *[["hearing", "eviction", number, "--date", "+4w 09:00", "--announced", "-1d"]][:after - 1]]],
    ["service", "set", "--name", "Huurbegeleiding", "--organisation", "Sociaal Huis Mechelen", "--address",
     "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00", "--email", "huurbegeleiding@mechelen.be",
     "--signatory", "Els Janssens", "--place", "Mechelen"],
    ["service", "me", "--name", "Karim Aït", "--phone", "015 11 22 33", "--email", "karim@mechelen.be"],
]

WRITES = {
    "intake": [*PW, "--tenant", "Nieuwe Huurder"],
    "import": ["import", "{csv}"],
    "demo": ["--db", "{empty}", "demo"],
    "copy": ["copy", "--to", "{empty}"],
    "backup": ["backup", "{backup}"],
    "purge": ["purge", "--closed-before", "2025-01-01", "--yes"],
    "case edit": ["case", "edit", "2026-0001", "--address", "Bruul 5"],
    "case merge": ["case", "merge", "2026-0001", "2026-0006", "--yes"],
    "case unmerge": ["case", "unmerge", "2026-0007", "2026-0008", "--yes"],
    "case consent": ["case", "consent", "2026-0006", "--tenant"],
    "case consent-remove": ["case", "consent-remove", "2026-0001", "--tenant", "--reason", "niet gevraagd"],
    "case track": ["case", "track", "2026-0001", "--to", "pre-ogp"],
    "case close": ["case", "close", "2026-0001", "--outcome", "referred"],
    "case reopen": ["case", "reopen", "2024-0001"],
    "case remove": ["case", "remove", "2026-0006", "--reason", "dubbel ingevoerd"],
    "case attach": ["case", "attach", "2026-0001", "{pdf}", "--kind", "petition"],
    "case file-remove": ["case", "file-remove", "2026-0001", "1", "--reason", "verkeerd dossier"],
    "case assign": ["case", "assign", "2026-0001", "--to", "karim"],
    "visit add": ["visit", "add", "2026-0001", "--minutes", "20", "--no-input"],
    "visit edit": ["visit", "edit", "2026-0001", "1", "--minutes", "45"],
    "visit remove": ["visit", "remove", "2026-0001", "1", "--reason", "dubbel"],
    "plan new": ["plan", "new", "2026-0001", "--arrears", "900", "--force", "--instalment", "100", "--start", "today"],
    "plan pay": ["plan", "pay", "2026-0001", "--amount", "100"],
    "plan agree": ["plan", "agree", "2026-0001", "Brief sturen", "--due", "+2w"],
    "plan done": ["plan", "done", "2026-0001", "1"],
    "plan fbu": ["plan", "fbu", "2026-0001", "--signed", "today", "--instalment", "200", "--start", "today",
                 "--no-input"],
    "plan fbu-paid": ["plan", "fbu-paid", "2026-0005"],
    "plan fbu-filed": ["plan", "fbu-filed", "2026-0005"],
    "plan fbu-remove": ["plan", "fbu-remove", "2026-0005", "--reason", "verkeerde datum"],
    "plan payment-edit": ["plan", "payment-edit", "2026-0001", "1", "--amount", "90"],
    "plan payment-remove": ["plan", "payment-remove", "2026-0001", "1", "--reason", "dubbel"],
    "plan agree-edit": ["plan", "agree-edit", "2026-0001", "1", "--due", "+3w"],
    "plan agree-remove": ["plan", "agree-remove", "2026-0001", "1", "--reason", "vergissing"],
    "hearing add": ["hearing", "add", "2026-0001", "--date", "+2w 09:00", "--court", "Vredegerecht Mechelen",
                    "--force"],
    "hearing outcome": ["hearing", "outcome", "2026-0002", "--result", "settled"],
    "hearing outcome-remove": ["hearing", "outcome-remove", "2026-0003", "--reason", "verkeerd dossier"],
    "hearing edit": ["hearing", "edit", "2026-0002", "--room", "2"],
    "hearing remove": ["hearing", "remove", "2026-0002", "--reason", "verkeerd dossier"],
    "hearing courts": ["hearing", "courts", "--merge", "Vredegerecht Mechelen", "--into", "Vredegerecht Mechelen 1"],
    "hearing served": ["hearing", "served", "2026-0011", "--date", "-1w"],
    "hearing served-remove": ["hearing", "served-remove", "2026-0010", "--reason", "verkeerde datum"],
    "hearing eviction": ["hearing", "eviction", "2026-0009", "--result", "averted"],
    "hearing eviction-remove": ["hearing", "eviction-remove", "2026-0009", "--reason", "verkeerde datum"],
    "transfer in": ["transfer", "in", "2026-0006", "--dwelling", "TR-1"],
    "transfer extend": ["transfer", "extend", "2026-0004"],
    "transfer out": ["transfer", "out", "2026-0004", "--destination", "family"],
    "transfer undo": ["transfer", "undo", "2026-0004", "--reason", "verkeerd dossier"],
    "transfer dwelling add": ["transfer", "dwelling", "add", "TR-9", "--kind", "transit"],
    "refer add": ["refer", "add", "2026-0001", "--to", "cgg"],
    "refer outcome": ["refer", "outcome", "2026-0001", "1", "--result", "accepted"],
    "refer remove": ["refer", "remove", "2026-0001", "1", "--reason", "vergissing"],
    "letter": ["letter", "2026-0001", "--to", "landlord", "--output", "{letter}"],
    "service set": ["service", "set", "--name", "Dienst huurbegeleiding"],
    "service me": ["service", "me", "--phone", "015 29 76 12"],
    "landlord edit": ["landlord", "edit", "Karel De Smet", "--phone", "0470 11 22 33"],
}
PDF = b"%PDF-1.4\n% vonnis\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
"""A document to attach: the smallest file the attachments take for a PDF."""
READS = {"case files", "case file", "stats", "doctor", "deadlines", "digest", "completion", "case list", "case find", "case show",
         "case history", "case report", "case export", "visit list", "plan show", "hearing list", "hearing brief",
         "transfer list", "refer list", "service show", "landlord show", "landlord list"}
"""Commands that write nothing a person typed (a lookup may record that it was read)."""


def commands(group, path=()):
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, (*path, name))
        else:
            yield " ".join((*path, name))


def test_every_command_is_known_as_writing_or_reading():
    assert set(commands(typer.main.get_command(app))) == set(WRITES) | READS


@pytest.fixture(scope="module")
def prepared(tmp_path_factory):
    """The database every writing command can succeed on, made once."""
    from typer.testing import CliRunner

    from conftest import TODAY

    folder = tmp_path_factory.mktemp("prepared")
    path, empty = folder / "huurbeg.db", folder / "empty.db"
    runner = CliRunner()
    env = {"HUURBEG_DB": str(path), "HUURBEG_TODAY": TODAY}
    scan = folder / "vonnis.pdf"
    scan.write_bytes(PDF)
    for args in [*SETUP, ["transfer", "dwelling", "add", "TR-1", "--kind", "transit"],
                 ["case", "attach", "2026-0001", str(scan), "--kind", "judgment"]]:
        result = runner.invoke(app, args, env=env)
        assert result.exit_code == 0, (args, result.output)
    assert runner.invoke(app, ["case", "list"], env={**env, "HUURBEG_DB": str(empty)}).exit_code == 0
    for made in (path, empty):
        with sqlite3.connect(made) as connection:  # everything in the file itself, so a copy is whole
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path, empty


def arguments(args, folder, empty):
    csv = folder / "caseload.csv"
    csv.write_text("ref,tenant,track,source,intake_date,tenant_informed\nR-1,Els Maes,pw,tenant,2026-05-10,yes\n",
                   encoding="utf-8")
    pdf = folder / "verzoekschrift.pdf"
    pdf.write_bytes(PDF.replace(b"vonnis", b"verzoekschrift"))
    given = {"csv": str(csv), "empty": str(empty), "backup": str(folder / "backup.db"), "pdf": str(pdf),
             "letter": str(folder / "brief.pdf")}
    return [arg.format(**given) for arg in args]


def trapped(path) -> None:
    with sqlite3.connect(path) as connection:
        connection.executescript(TRAP)


@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_commit_that_fails_shows_no_success(prepared, tmp_path, cli, db_path, name):
    shutil.copy(prepared[0], db_path)
    empty = tmp_path / "empty.db"
    shutil.copy(prepared[1], empty)
    trapped(db_path)
    trapped(empty)
    before = snapshot(db_path), snapshot(empty)

    result = cli(*arguments(WRITES[name], tmp_path, empty))

    assert result.exit_code != 0, result.output
    assert REFUSED in result.stderr, result.output  # it got as far as its commit
    assert result.stderr.strip().splitlines() == [
        f"huurbeg: error: database error: {REFUSED}; nothing was written"], result.stderr  # no success line
    assert result.stdout == ""  # not even the new case number
    assert (snapshot(db_path), snapshot(empty)) == before
    assert not (tmp_path / "backup.db").exists()  # "nothing was written" is true of a backup too
    assert not (tmp_path / "brief.pdf").exists()  # and of a letter


CONFIRMED_AT_A_TERMINAL = {"letter"}


@pytest.mark.parametrize("name", sorted(WRITES))
def test_without_the_trap_the_same_command_succeeds(prepared, tmp_path, cli, db_path, name):
    shutil.copy(prepared[0], db_path)
    empty = tmp_path / "empty.db"
    shutil.copy(prepared[1], empty)

    result = cli(*arguments(WRITES[name], tmp_path, empty))

    assert result.exit_code == 0, (name, result.output)
    # it says what it did; a file it made and kept (a letter) is confirmed at a terminal only (test_output_files)
    assert result.stderr.strip() or name in CONFIRMED_AT_A_TERMINAL, name
