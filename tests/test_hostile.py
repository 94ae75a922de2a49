"""Hostile and broken input: random text in every parsed argument, and broken database files."""

import os
import shutil
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import INTAKE, snapshot

# The database does not change between examples (that is what is asserted), so one per test is enough.
HOSTILE = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
TEXT = st.text(min_size=0, max_size=40) | st.sampled_from(
    ["", " ", "-", "--", "31/02/2026", "1.234", "€", "2026-0000", "pre_ogp", "+99999d", "1e9", "NaN",
     "١٢/٠٣/٢٠٢٦", "0x10", "'; DROP TABLE case_file; --", "\x00", "\n", "😀"])


@pytest.fixture
def case_db(cli, db_path):
    number = cli(*INTAKE).stdout.strip()
    cli("plan", number, "--arrears", "500", "--force", "--instalment", "100", "--start", "01/12/2026")
    return number


def check(result, db_path, before) -> None:
    """Never a traceback; a failure is one line naming what is wrong, with the database unchanged."""
    assert "Traceback" not in result.output
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)
    assert result.exit_code in (0, 2, 3, 4), result.output
    if result.exit_code:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("huurbeg: error: "), result.stderr
        assert snapshot(db_path) == before


ARGUMENTS = [
    ("date", lambda n, t: ["visit", n, "--date", t, "--no-input"]),
    ("next date", lambda n, t: ["visit", n, "--next", t, "--no-input"]),
    ("hearing time", lambda n, t: ["hearing", "add", n, "--date", t, "--court", "X"]),
    ("amount", lambda n, t: ["plan", "pay", n, "--amount", t]),
    ("arrears", lambda n, t: ["plan", "new", n, "--arrears", t, "--instalment", "10", "--start", "today"]),
    ("national number", lambda n, t: INTAKE + ["--tenant", "Other", "--address", "Else", "--national-number", t]),
    ("case number", lambda n, t: ["case", "close", t, "--outcome", "referred"]),
    ("track code", lambda n, t: ["case", "track", n, "--to", t]),
    ("outcome code", lambda n, t: ["case", "close", n, "--outcome", t]),
    ("contact kind", lambda n, t: ["visit", n, "--kind", t, "--no-input"]),
    ("count", lambda n, t: INTAKE + ["--tenant", "Other", "--address", "Else", "--adults", t]),
    ("month", lambda n, t: ["stats", "--month", t, "-f", "csv"]),
]


@pytest.mark.parametrize("name, command", ARGUMENTS, ids=[a[0] for a in ARGUMENTS])
def test_random_text_never_breaks_a_command(cli, db_path, case_db, name, command):
    @HOSTILE
    @given(text=TEXT)
    def run(text):
        before = snapshot(db_path)
        check(cli(*command(case_db, text)), db_path, before)
        if name == "case number":
            assert cli("case", "reopen", case_db).exit_code in (0, 4)  # undo a close that happened to be valid

    run()


def written_through(cli, db_path) -> bytes:
    """A database with one case, its write-ahead log folded in: the whole file, as bytes."""
    cli(*INTAKE)
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return db_path.read_bytes()


def refused(cli, db, code=5):
    result = cli("--db", str(db), "case", "list")
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1
    return result


@pytest.mark.sqlite_only
def test_a_truncated_database_is_refused_untouched(cli, db_path, tmp_path):
    data = written_through(cli, db_path)
    broken = tmp_path / "broken.db"
    broken.write_bytes(data[:len(data) // 3])
    before = broken.read_bytes()
    result = refused(cli, broken)
    assert "database" in result.stderr
    assert broken.read_bytes() == before


@pytest.mark.sqlite_only
def test_garbage_after_a_valid_header_is_refused_untouched(cli, tmp_path):
    broken = tmp_path / "garbage.db"
    broken.write_bytes(b"SQLite format 3\x00" + os.urandom(8192))
    before = broken.read_bytes()
    refused(cli, broken)
    assert broken.read_bytes() == before


@pytest.mark.sqlite_only
@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root can write to read-only files")
def test_a_read_only_database_is_a_clear_error(cli, db_path):
    written_through(cli, db_path)
    number = "2026-0001"
    os.chmod(db_path, 0o400)
    before = db_path.read_bytes()
    result = cli("visit", number, "--no-input")
    assert result.exit_code == 5 and "read-only" in result.stderr and "chmod 600" in result.stderr
    assert "Traceback" not in result.output
    assert db_path.read_bytes() == before


@pytest.mark.sqlite_only
def test_doctor_on_a_healthy_database(cli, db_path):
    cli(*INTAKE)
    result = cli("doctor")
    assert result.exit_code == 0, result.output
    for check_name in ("permissions", "schema", "integrity", "foreign keys", "write-ahead log"):
        assert check_name in result.stdout


@pytest.mark.sqlite_only
def test_doctor_names_problems_and_what_to_do(cli, db_path, tmp_path):
    cli(*INTAKE)
    os.chmod(db_path, 0o644)
    result = cli("doctor")
    assert result.exit_code == 1 and "PROBLEM  permissions" in result.stdout and "chmod 600" in result.stdout
    newer = tmp_path / "newer.db"
    shutil.copy(db_path, newer)
    with sqlite3.connect(newer) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    result = cli("--db", str(newer), "doctor")
    assert result.exit_code == 1 and "newer huurbeg" in result.stdout
    assert cli("--db", str(tmp_path / "none.db"), "doctor").exit_code == 1
    assert not (tmp_path / "none.db").exists()


@pytest.mark.sqlite_only
def test_doctor_finds_a_damaged_file(cli, db_path, tmp_path):
    data = bytearray(written_through(cli, db_path))
    damaged = tmp_path / "damaged.db"
    data[4096 * 3:4096 * 5] = os.urandom(8192)
    damaged.write_bytes(bytes(data))
    os.chmod(damaged, 0o600)
    result = cli("--db", str(damaged), "doctor")
    assert result.exit_code == 1 and "PROBLEM" in result.stdout and "backup" in result.stdout
