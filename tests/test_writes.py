"""Writing commands on a file run on sqlite3 alone (huurbeg.db.store.FileStore): without the ORM's
imports, taking the write lock at their first statement and giving it back while a question waits."""

import os
import shutil
import sqlite3
import subprocess
import sys

import pytest

from conftest import TODAY, query
from test_said_when_true import WRITES, arguments, prepared  # noqa: F401  (prepared: the fixture)

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic")
SPY = ("import sys\nfrom huurbeg.cli.root import main\nsys.argv = ['huurbeg'] + sys.argv[1:]\n"
       "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
       f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")


@pytest.mark.sqlite_only
@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(WRITES))
def test_a_writing_command_on_an_up_to_date_file_imports_neither_the_orm_nor_pydantic(prepared, tmp_path,  # noqa: F811
                                                                                       name):
    """Every writing command of the CLI (test_said_when_true walks the tree for WRITES)."""
    path, empty = tmp_path / "huurbeg.db", tmp_path / "empty.db"
    shutil.copy(prepared[0], path)
    shutil.copy(prepared[1], empty)
    env = dict(os.environ, HUURBEG_DB=str(path), HUURBEG_TODAY=TODAY)
    done = subprocess.run([sys.executable, "-c", SPY, *arguments(WRITES[name], tmp_path, empty)],
                          capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr, done.stderr


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_new_file_is_made_by_the_migrations_and_the_next_write_needs_none(tmp_path):
    path = tmp_path / "new.db"
    env = dict(os.environ, HUURBEG_DB=str(path), HUURBEG_TODAY=TODAY)
    intake = ["intake", "--track", "pw", "--source", "tenant", "--tenant-informed", "--no-input", "--tenant"]
    first = subprocess.run([sys.executable, "-c", SPY, *intake, "Jan Peeters"], capture_output=True, text=True,
                           env=env, stdin=subprocess.DEVNULL)
    assert first.returncode == 0, first.stderr
    assert "'alembic'" in first.stderr and "'sqlalchemy'" in first.stderr, first.stderr
    second = subprocess.run([sys.executable, "-c", SPY, *intake, "Els Maes"], capture_output=True, text=True,
                            env=env, stdin=subprocess.DEVNULL)
    assert second.returncode == 0, second.stderr
    assert "HEAVY []" in second.stderr, second.stderr
    assert query(path, "SELECT number FROM case_file ORDER BY id") == [("2026-0001",), ("2026-0002",)]


@pytest.mark.sqlite_only
def test_a_writing_command_takes_the_write_lock_at_its_first_statement_and_gives_it_back_at_a_pause(
        new_case, db_path, monkeypatch):
    from huurbeg.cli.state import AppState

    number = new_case()
    monkeypatch.setenv("HUURBEG_DB", str(db_path))
    state = AppState()
    store = state.store()
    assert type(store).__name__ == "FileStore"
    store.cases.case(number)  # a read: the lock is held from here on
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    try:
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        store.pause()  # nothing written: a colleague may write while a question waits
        other.execute("BEGIN IMMEDIATE")
        other.execute("ROLLBACK")
        store.record(store.cases.case(number), "edit", "written")
        store.pause()  # written: kept whole, the lock with it
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
    finally:
        other.close()
    state.finish(True)
    assert query(db_path, "SELECT detail FROM history ORDER BY id DESC LIMIT 1") == [("written",)]


@pytest.mark.sqlite_only
def test_what_fails_in_an_attempt_is_undone_and_the_rest_kept(new_case, db_path, monkeypatch):
    from huurbeg.cli.state import AppState

    number = new_case()
    monkeypatch.setenv("HUURBEG_DB", str(db_path))
    state = AppState()
    store = state.store()
    case = store.cases.case(number)
    store.record(case, "edit", "kept")
    with pytest.raises(ZeroDivisionError):
        with store.attempt():
            store.record(case, "edit", "undone")
            1 / 0
    with store.attempt():
        store.record(case, "edit", "also kept")
    state.finish(True)
    details = [detail for (detail,) in query(db_path, "SELECT detail FROM history ORDER BY id")]
    assert details[-2:] == ["kept", "also kept"] and "undone" not in details


@pytest.mark.skipif(bool(os.environ.get("HUURBEG_TEST_POSTGRES")), reason="the models are compared once")
def test_the_tables_a_copy_keys_without_an_id_are_keyed_as_the_models_key_them():
    from sqlmodel import SQLModel

    import huurbeg.db.models  # noqa: F401  (the tables)
    from huurbeg.db import copy

    tables = SQLModel.metadata.tables
    # a worker's kept answers of an interrupted flow are never copied (huurbeg.domain.drafts)
    assert {name for name, _ in copy.ORDER} | {"setting", "draft"} == set(tables)
    assert copy.KEYS == {name: tuple(column.name for column in table.primary_key.columns)
                         for name, table in tables.items() if "id" not in table.c and name in dict(copy.ORDER)}
