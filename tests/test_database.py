"""The database file: where it is, its permissions, its pragmas, and what is refused."""

import os
import sqlite3
import stat

import pytest

from conftest import INTAKE, assert_one_line_error


pytestmark = pytest.mark.sqlite_only  # these check the SQLite file itself

def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_database_is_private_and_in_wal_mode(cli, db_path):
    assert cli(*INTAKE).exit_code == 0
    assert mode(db_path) == 0o600
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone() == ("wal",)
    # SQLite gives the WAL and shared-memory files the database file's permissions
    for companion in (db_path.with_name(db_path.name + "-wal"), db_path.with_name(db_path.name + "-shm")):
        if companion.exists():
            assert mode(companion) == 0o600


def test_default_location_is_created_private(cli, tmp_path, monkeypatch):
    monkeypatch.delenv("HUURBEG_DB")
    assert cli("case", "list").exit_code == 0
    created = tmp_path / "xdg" / "huurbeg" / "huurbeg.db"
    assert created.exists()
    assert mode(created) == 0o600 and mode(created.parent) == 0o700


def test_db_option_wins_over_environment(cli, tmp_path, db_path):
    other = tmp_path / "other.db"
    assert cli("--db", str(other), *INTAKE).exit_code == 0
    assert other.exists() and not db_path.exists()


def test_sqlalchemy_url_is_accepted(cli, tmp_path):
    url = f"sqlite:///{tmp_path / 'url.db'}"
    assert cli("--db", url, *INTAKE).stdout.strip() == "2026-0001"
    assert (tmp_path / "url.db").exists()


def test_foreign_keys_are_enforced(cli, db_path):
    cli(*INTAKE)
    from sqlalchemy import text

    from huurbeg.db.engine import make_engine, resolve

    engine = make_engine(resolve(str(db_path)))
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        with pytest.raises(Exception, match="FOREIGN KEY"):
            connection.execute(text("INSERT INTO consent (case_id, party, date, created_at) "
                                    "VALUES (999, 'tenant', '2026-01-01', '2026-01-01')"))
    engine.dispose()


def test_loose_permissions_get_a_warning(cli, db_path):
    cli(*INTAKE)
    os.chmod(db_path, 0o644)
    result = cli("case", "list")
    assert result.exit_code == 0
    assert "chmod 600" in result.stderr and "2026-0001" in result.stdout


def test_a_file_that_is_not_sqlite_is_refused_untouched(cli, db_path):
    db_path.write_bytes(b"tenant;address\nJan;Kerkstraat 1\n")
    before = db_path.read_bytes()
    assert_one_line_error(cli("case", "list"), code=5, contains="not a huurbeg database")
    assert db_path.read_bytes() == before


def test_an_sqlite_file_of_another_program_is_refused_untouched(cli, db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("CREATE TABLE notes (body TEXT)")
        connection.execute("INSERT INTO notes VALUES ('keep me')")
    before = db_path.read_bytes()
    assert_one_line_error(cli(*INTAKE), code=5, contains="not a huurbeg database")
    assert db_path.read_bytes() == before


def test_a_database_from_a_newer_huurbeg_is_refused_untouched(cli, db_path):
    cli(*INTAKE)
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = db_path.read_bytes()
    result = cli("case", "list")
    assert_one_line_error(result, code=5, contains="newer version of huurbeg")
    assert db_path.read_bytes() == before


def test_a_directory_is_refused(cli, tmp_path):
    assert_one_line_error(cli("--db", str(tmp_path), "case", "list"), code=5, contains="is a directory")


def test_a_missing_directory_is_refused_not_created(cli, tmp_path):
    missing = tmp_path / "typo" / "huurbeg.db"
    assert_one_line_error(cli("--db", str(missing), "case", "list"), code=5, contains="does not exist")
    assert not missing.parent.exists()


MALFORMED_URLS = [("postgresql+psycopg://worker:s3cret@db.example:abc/huurbeg", "the port 'abc'"),
                  ("postgresql+psycopg://worker:s3cret@[::1/huurbeg", "IPv6"),
                  ("postgresql://worker:s3cret@[::1:5432/huurbeg", "IPv6"),
                  ("postgresql+psycopg://worker:s3cret@db.example:99999/huurbeg", "the port '99999'"),
                  ("postgresql+psycopg://worker:s3cret@/huurbeg?host=db.example&port=abc", "the port 'abc'"),
                  ("postgresql+nodriver://worker:s3cret@db.example/huurbeg", "no driver nodriver")]


@pytest.mark.parametrize("url,what", MALFORMED_URLS)
def test_a_malformed_server_url_is_bad_input_naming_where_it_came_from(cli, db_path, tmp_path, url, what):
    """Every command opens its database through one door: a URL no driver can read is exit 2, one line."""
    for args in (["case", "list"], ["case", "show", "2026-0001"], INTAKE, ["stats"], ["doctor"],
                 ["backup", str(tmp_path / "backup.db")], []):
        if "no driver" in what and args == ["doctor"]:
            continue  # the driver is known when connecting; doctor does not connect to a server
        for env, named in (({"HUURBEG_DB": url}, "HUURBEG_DB"), ({}, "--db")):
            given = args if env else ["--db", url, *args]
            result = cli(*given, env=env)
            assert_one_line_error(result, code=2, contains=what)
            assert result.stderr.startswith(f"huurbeg: error: {named}") or "no driver" in what, result.stderr
            assert "s3cret" not in result.stderr and "postgresql+psycopg://USER@HOST" in result.stderr
    assert not db_path.exists() and not (tmp_path / "backup.db").exists()


@pytest.mark.parametrize("revision", ["0006", "a1b2c3d4e5f6", "12"])
def test_a_schema_version_no_huurbeg_made_is_unknown_not_newer(cli, db_path, revision):
    """0006 is missing from the chain, a hash is a development build's, 12 is not how versions are written."""
    cli(*INTAKE)
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
    before = db_path.read_bytes()
    for args in (["case", "list"], ["case", "show", "2026-0001"], INTAKE):
        result = cli(*args)
        assert_one_line_error(result, code=5, contains=f"schema version {revision}, which is neither one of this "
                                                        "huurbeg's (0001 to ")
        assert "newer" not in result.stderr and "restore the latest backup" in result.stderr
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and f"PROBLEM  schema: version {revision} is unknown" in doctor.stdout, doctor.stdout
    assert "newer" not in doctor.stdout and "pip install --upgrade" not in doctor.stdout
    assert db_path.read_bytes() == before


def refused_port() -> int:
    import socket

    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_that_cannot_be_reached_is_the_servers_matter_not_doctors(cli, db_path):
    pytest.importorskip("psycopg")
    url = f"postgresql+psycopg://an:pw@127.0.0.1:{refused_port()}/huurbeg"
    for args in (["case", "list"], ["case", "show", "2026-0001"], INTAKE, ["stats"], []):
        result = cli("--db", url, *args)
        assert_one_line_error(result, code=5, contains="cannot reach the database server at 127.0.0.1:")
        assert "Check that the server is running and reachable, and the user, password and database that --db " \
               "or HUURBEG_DB gives" in result.stderr and "doctor" not in result.stderr
    assert not db_path.exists()


def test_a_server_error_elsewhere_advises_the_server_not_doctor(capsys):
    """Where a server's error ends as a message (the schema read, the last-resort database error): its advice."""
    pytest.importorskip("psycopg")
    from sqlalchemy import create_engine
    from sqlalchemy.exc import OperationalError

    from huurbeg.cli.root import HuurbegGroup
    from huurbeg.db.engine import unreadable

    engine = create_engine(f"postgresql+psycopg://an@127.0.0.1:{refused_port()}/huurbeg")
    with pytest.raises(OperationalError) as lost:
        engine.connect()
    said = unreadable(None, "127.0.0.1/huurbeg", lost.value)
    assert "the database server at 127.0.0.1/huurbeg answered with an error" in said
    assert "Check that the server is running" in said and "doctor" not in said
    assert HuurbegGroup._failure(lost.value) == 5
    line = capsys.readouterr().err
    assert line.startswith("huurbeg: error: database error: ") and "Check that the server is running" in line
    assert "doctor" not in line and len(line.splitlines()) == 1


def test_doctor_shows_an_unknown_schema_version_literally(cli, db_path):
    cli(*INTAKE)
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", ("x\x1b[2J\nrm",))
    doctor = cli("doctor")
    assert doctor.exit_code == 1 and "\x1b" not in doctor.stdout, doctor.stdout
    assert "PROBLEM  schema: version x␛[2J␊rm is unknown" in doctor.stdout, doctor.stdout
