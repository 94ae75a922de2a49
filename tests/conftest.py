"""Every test runs on a database of its own, on a pinned date, at a fixed width.

By default that database is an SQLite file in tmp_path. With HUURBEG_TEST_POSTGRES set to a
SQLAlchemy URL (.ci/postgres starts a server and sets it), the same tests run against that
PostgreSQL database instead (under pytest -n, a database of each worker's own on that server),
emptied before each test; tests marked `sqlite_only` check the
SQLite file itself and are skipped there, tests marked `postgres` need the server.
"""

import datetime
import os
import shutil
import sqlite3
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from huurbeg.cli.root import app

TODAY = "2026-11-22"

# The suite starts a Python for every terminal, crash and concurrency test, and each pytest worker rewrites every
# test module: with bytecode caching switched off in the environment (PYTHONDONTWRITEBYTECODE), each of them
# compiles huurbeg and the tests anew, about a third of a second per process. The caches are build output
# (.gitignore), so the suite keeps them, for its workers (started after this file is read) and the processes they
# start alike.
os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
sys.dont_write_bytecode = False

POSTGRES = os.environ.get("HUURBEG_TEST_POSTGRES")

try:
    import pexpect
except ImportError:  # the terminal tests skip themselves
    pexpect = None

if pexpect is not None:
    class _Terminal(pexpect.spawn):
        """A pseudo-terminal that types as soon as it is told to. pexpect pauses 50 ms before every key it sends,
        for a program that is not reading yet; a test here waits for the question on the screen first, which
        prompt_toolkit draws once its terminal is in raw mode, so the pause only added up: a second and more per
        flow, minutes over the suite."""

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.delaybeforesend = None

    pexpect.spawn = _Terminal  # every test's terminal, whichever module starts it


def _database_of_this_worker(url: str, worker: str) -> str:
    """Under pytest-xdist each worker empties a database of its own on the one server: huurbeg_test_gw0, ...
    Roles belong to the whole server: the tests that make them share an xdist_group (`--dist loadgroup`)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.pool import NullPool

    given = make_url(url)
    own = given.set(database=f"{given.database}_{worker}")
    engine = create_engine(given, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{own.database}" WITH (FORCE)'))
        connection.execute(text(f'CREATE DATABASE "{own.database}"'))
    engine.dispose()
    return own.render_as_string(hide_password=False)


if POSTGRES and os.environ.get("PYTEST_XDIST_WORKER"):
    POSTGRES = _database_of_this_worker(POSTGRES, os.environ["PYTEST_XDIST_WORKER"])


def pytest_collection_modifyitems(config, items):
    # The tests that start processes first: spread over the cores while the quick ones are still to come, the
    # last of them does not run on alone at the end (pytest -n hands the tests out in this order).
    items.sort(key=lambda item: "slow" not in item.keywords)
    for item in items:
        if POSTGRES and "sqlite_only" in item.keywords:
            item.add_marker(pytest.mark.skip(reason="checks the SQLite file itself; runs in the SQLite pass"))
        if not POSTGRES and "postgres" in item.keywords:
            item.add_marker(pytest.mark.skip(
                reason="no PostgreSQL server: set HUURBEG_TEST_POSTGRES to a database URL (.ci/postgres starts one)"))


_engines = {}


def server():
    """An engine on the test server (one per test session)."""
    if "pg" not in _engines:
        from sqlalchemy import create_engine
        from sqlalchemy.pool import NullPool

        _engines["pg"] = create_engine(POSTGRES, poolclass=NullPool)
    return _engines["pg"]


def empty_server() -> None:
    from sqlalchemy import text

    with server().begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


# --- a new database in a tenth of the time ---------------------------------------------------------
# Creating a test's database runs every migration through Alembic, about a second each time, which was
# most of what the suite spent. The first new database of a test process is migrated for real; each later
# new database (an empty file, or the emptied server) is made by the same connection, under the same schema
# lock, so it is the database huurbeg makes (tests/test_fixtures.py compares the two). An SQLite file gets
# the schema the migrations left, object by object in the words SQLite keeps of it (sqlite_master), and its
# rows: some 80 statements on the driver's connection instead of the 400 the migrations take through
# SQLAlchemy (rebuilt tables, reflection), a few milliseconds instead of some thirty for each test. A
# server gets the statements the first migration took. Upgrades of an existing database, a migration to
# an older revision and the tests marked `real_migrations` (tests/test_migrations.py) always run Alembic.

_migrations: dict = {}
"""The statements that make a new database, by dialect."""


def _made_schema(raw) -> list:
    """The statements that make an SQLite database as the one on `raw` is: its tables (in the words it keeps of
    them), every other object in the order it was made (so a dump lists them alike), then its rows. SQLite
    makes its own objects (sqlite_sequence, the indexes of a key) as the tables that need them are made."""
    objects = raw.execute("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL "
                          "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid").fetchall()
    # a virtual table (the search index) makes its own shadow tables, and holds no row of an empty database
    virtual = [name for kind, name, sql in objects if kind == "table" and sql.upper().startswith("CREATE VIRTUAL")]
    shadows = [name for kind, name, _sql in objects if kind == "table"
               and any(name.startswith(f"{table}_") for table in virtual)]
    objects = [(kind, name, sql) for kind, name, sql in objects if name not in shadows]
    made = [(sql, ()) for kind, _name, sql in objects if kind == "table"]
    made += [(sql, ()) for kind, _name, sql in objects if kind != "table"]
    tables = [name for kind, name, _sql in objects if kind == "table" and name not in virtual]
    if raw.execute("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").fetchone():
        tables.append("sqlite_sequence")
    made += [(f'DELETE FROM "{table}"', ()) for table in shadows]  # their rows as the migration left them
    for table in tables + shadows:
        for row in raw.execute(f'SELECT * FROM "{table}"').fetchall():
            made.append((f'INSERT INTO "{table}" VALUES ({", ".join("?" * len(row))})', tuple(row)))
    return made


def _replayed_upgrade(real):
    from sqlalchemy import event

    from huurbeg.db import migrate

    def upgrade(connection, target: str = "head") -> None:
        dialect = connection.dialect.name
        if target != "head" or migrate._table_names(connection):
            return real(connection, target)
        if dialect == "sqlite":
            raw = connection.connection.driver_connection
            if dialect not in _migrations:
                real(connection, target)
                _migrations[dialect] = _made_schema(raw)
                return None
            for statement, parameters in _migrations[dialect]:
                raw.execute(statement, parameters)
            return None
        if dialect in _migrations:
            for statement, parameters in _migrations[dialect]:
                connection.exec_driver_sql(statement, parameters)
            return None
        taken = []

        def keep(conn, cursor, statement, parameters, context, executemany):
            taken.append((statement, parameters))

        event.listen(connection, "before_cursor_execute", keep)
        try:
            real(connection, target)
        finally:
            event.remove(connection, "before_cursor_execute", keep)
        _migrations[dialect] = taken
        return None

    return upgrade


@pytest.fixture(autouse=True)
def environment(tmp_path, monkeypatch, request):
    """HUURBEG_DB points into tmp_path (or at the emptied test server); today is pinned; 100 columns, no colour;
    English, whatever the machine's locale (tests of the Dutch interface set HUURBEG_LANG=nl)."""
    if not request.node.get_closest_marker("real_migrations"):
        from huurbeg.db import migrate

        monkeypatch.setattr(migrate, "_upgrade", _replayed_upgrade(migrate._upgrade))
    if POSTGRES:
        empty_server()
        monkeypatch.setenv("HUURBEG_DB", POSTGRES)
    else:
        monkeypatch.setenv("HUURBEG_DB", str(tmp_path / "huurbeg.db"))
    monkeypatch.setenv("HUURBEG_TODAY", TODAY)
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("HUURBEG_LANG", "en")
    monkeypatch.delenv("HUURBEG_DEBUG", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "huurbeg.db"


_made: dict = {}
"""The databases a fixture made, by fixture: (a copy of the file, what the fixture returned)."""


@pytest.fixture
def made_once(db_path, tmp_path_factory):
    """made_once(build, *args): what `build(*args)` makes of the test's new database, made once per test process.

    The first test of a process to ask builds it (its commands checked as `build` checks them) and keeps a copy
    of the file; every later one gets a copy of that file, and the value `build` returned. Made again on a server
    (whose database is no file), and whenever the test's database exists already (tests/test_fixtures.py)."""
    return lambda build, *args: make_once(db_path, tmp_path_factory, build, *args)


def make_once(db_path: Path, tmp_path_factory, build, *args):
    if POSTGRES or db_path.exists():
        return build(*args)
    key = f"{build.__module__}.{build.__qualname__}"
    if key in _made:
        kept, value = _made[key]
        shutil.copyfile(kept, db_path)
        os.chmod(db_path, 0o600)  # as huurbeg makes it
        return value
    value = build(*args)
    with sqlite3.connect(db_path) as connection:  # the log's pages into the file, which is then whole
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    kept = tmp_path_factory.mktemp("made") / db_path.name
    shutil.copyfile(db_path, kept)
    _made[key] = (kept, value)
    return value


@pytest.fixture
def cli():
    """Run huurbeg in-process through CliRunner; returns the Result (stdout and stderr apart)."""
    runner = CliRunner()

    def run(*args: str, input: str | None = None, env: dict | None = None):
        return runner.invoke(app, list(args), input=input, env=env)

    return run


INTAKE = ["intake", "--track", "pw", "--tenant", "Jan Peeters", "--address", "Kerkstraat 1, 2800 Mechelen",
          "--source", "landlord", "--landlord", "Woonpunt", "--landlord-type", "shm", "--problem", "arrears",
          "--arrears", "1.234,56", "--tenant-informed", "--no-input"]


@pytest.fixture
def new_case(cli):
    """Open a PW case with the usual flags (plus any given) and return its number."""

    def make(*extra: str) -> str:
        result = cli(*INTAKE, *extra)
        assert result.exit_code == 0, result.output
        return result.stdout.strip()

    return make


def snapshot(path: Path) -> list:
    """Every row of every table, to prove a failed command wrote nothing."""
    if POSTGRES:
        from sqlalchemy import inspect, text

        with server().connect() as connection:
            return [(table, sorted(map(repr, connection.execute(text(f'SELECT * FROM "{table}"')).all())))
                    for table in sorted(inspect(connection).get_table_names())]
    if not path.exists():
        return []
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


def records(path: Path) -> list:
    """Every row but the answers an interrupted flow keeps to be resumed (tests/test_resume.py): what a
    stopped command must leave as it was."""
    if POSTGRES:  # (table, rows): the table stays, its rows go
        return [(table, []) if table == "draft" else (table, rows) for table, rows in snapshot(path)]
    return [row for row in snapshot(path) if not str(row).startswith('INSERT INTO "draft"')]


def query(path: Path | None, sql: str) -> list[tuple]:
    """Rows of a query on the test database, with dates as ISO text and booleans as 0/1 on every backend."""
    if POSTGRES:
        from sqlalchemy import text

        with server().connect() as connection:
            found = connection.execute(text(sql)).all()
    else:
        with sqlite3.connect(path or os.environ["HUURBEG_DB"]) as connection:
            found = connection.execute(sql).fetchall()
    plain = lambda v: v.isoformat() if isinstance(v, datetime.date) else int(v) if isinstance(v, bool) else v  # noqa
    return [tuple(plain(v) for v in row) for row in found]


def me() -> str:
    """Who huurbeg takes the test run for: the database role on the server, else the OS user."""
    if POSTGRES:
        return POSTGRES.split("://", 1)[1].split("@")[0].split(":")[0]
    from huurbeg.db.history import os_user

    return os_user()


def assert_one_line_error(result, *, code: int | None = None, contains: str = "") -> None:
    """The contract for bad input: non-zero exit, one line on stderr, no traceback, nothing on stdout."""
    assert result.exit_code != 0, result.output
    if code is not None:
        assert result.exit_code == code, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(("huurbeg: error: ", "huurbeg: fout: ")), result.stderr
    assert "Traceback" not in result.output
    assert result.stdout == ""
    assert contains in lines[0], lines[0]
    assert not isinstance(result.exception, Exception) or isinstance(result.exception, SystemExit)


def on_a_terminal(args: list[str], env: dict, cwd) -> tuple[int, str]:
    """huurbeg with its stderr on a pseudo-terminal (stdin and stdout not): its exit code and what the person read,
    read while it runs (a terminal's lines written just before its last close may be lost to a later read)."""
    import pty
    import subprocess
    import sys

    reading, terminal = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "huurbeg", *args], stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=terminal, env=dict(os.environ, **env), cwd=cwd)
        os.close(terminal)
        read = b""
        while True:
            try:
                chunk = os.read(reading, 4096)
            except OSError:  # the other side is closed: all is read
                break
            if not chunk:
                break
            read += chunk
        code = process.wait(timeout=60)
    finally:
        os.close(reading)
    return code, read.decode("utf-8").replace("\r", "")


def spawn_huurbeg(db_path: Path, *args: str, lang: str | None = None):
    """huurbeg on a real pseudo-terminal (pexpect), 40 x 120, in `lang` (default: the tests' English).

    These flows start from a database: creating one asks on a terminal first, so it is made beforehand
    (in this process: off a terminal, huurbeg makes it without asking)."""
    import sys

    import pexpect

    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")  # HUURBEG_DB as the tests set it
    if lang is not None:
        env["HUURBEG_LANG"] = lang
    if not POSTGRES and not db_path.exists():  # a server's database is made by the tests' first command
        made = CliRunner().invoke(app, ["case", "list"])
        assert made.exit_code == 0, made.output
    return pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8",
                         timeout=20, dimensions=(40, 120))


def finish(child) -> int:
    """Wait for a command on a pseudo-terminal to end; its exit status."""
    import pexpect

    child.expect(pexpect.EOF)
    child.wait()  # the process's own end, rather than a tenth of a second for it and a hang-up after
    child.ptyproc.delayafterclose = 0
    child.close()
    return child.exitstatus


def answer(child, question: str, keys: str, hint: str | None = None) -> None:
    """Wait for a question (and questionary's instruction under it, `hint`), then type `keys`."""
    child.expect_exact(question)
    if hint:
        child.expect_exact(hint)
    child.send(keys)


def run_without_override(args, env):
    """Run huurbeg bound by file permissions: as root, without the capabilities that override them."""
    import shutil
    import subprocess
    import sys

    command = [sys.executable, "-m", "huurbeg", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("root ignores file permissions, and setpriv is not there to drop that power")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
