"""The tests' own machinery: a test's new database is the one huurbeg makes with its migrations."""

import json
import stat

import pytest

import conftest
from conftest import INTAKE, POSTGRES, empty_server, server, snapshot
from huurbeg.db.migrate import SCHEMA_REVISION


def schema(path) -> dict:
    """Every table's columns, keys, indexes, constraints and rows (what the statements say, not how they are
    worded: Alembic words a recreated table's constraints in either order)."""
    from sqlalchemy import create_engine, inspect

    engine = server() if POSTGRES else create_engine(f"sqlite:///{path}")
    with engine.connect() as connection:
        found = inspect(connection)
        described = {table: (
            [(c["name"], str(c["type"]), c["nullable"], str(c.get("default"))) for c in found.get_columns(table)],
            found.get_pk_constraint(table), sorted(map(repr, found.get_foreign_keys(table))),
            sorted(map(repr, found.get_indexes(table))), sorted(map(repr, found.get_unique_constraints(table))),
            sorted(map(repr, found.get_check_constraints(table))),
            sorted(map(repr, conftest.query(path, f'SELECT * FROM "{table}"'))))
            for table in sorted(found.get_table_names())}
    if not POSTGRES:
        engine.dispose()
    return described


@pytest.mark.real_migrations
def test_a_new_database_made_from_the_first_ones_statements_is_the_one_the_migrations_make(
        cli, tmp_path, monkeypatch):
    from huurbeg.db import migrate

    made, dumps = [], []
    for name in ("alembic.db", "recorded.db", "replayed.db"):
        path = tmp_path / name
        monkeypatch.setenv("HUURBEG_DB", POSTGRES or str(path))
        if POSTGRES:
            empty_server()
        if name == "recorded.db":  # from here on as every other test: the first migrates, and what it made is kept
            monkeypatch.setattr(conftest, "_migrations", {})
            monkeypatch.setattr(migrate, "_upgrade", conftest._replayed_upgrade(migrate._upgrade))
        assert cli("case", "list").exit_code == 0
        made.append(schema(path))
        dumps.append(snapshot(path))
    assert conftest._migrations and made[0]["alembic_version"][-1] == [repr((SCHEMA_REVISION,))]
    assert made[0] == made[1] == made[2]
    assert dumps[1] == dumps[2]  # the same words SQLite keeps of each object, in the same order


def test_an_existing_database_is_still_upgraded_by_the_migrations(cli, db_path):
    """Only a new database is made from recorded statements: an older one goes through Alembic."""
    if POSTGRES:
        pytest.skip("the old database is an SQLite file")
    import shutil
    from pathlib import Path

    shutil.copyfile(Path(__file__).parent / "data" / "schema-0001.db", db_path)
    assert cli("case", "list").exit_code == 0
    assert conftest.query(db_path, "SELECT version_num FROM alembic_version") == [(SCHEMA_REVISION,)]


built = []


def two_cases(cli) -> list[str]:
    built.append(1)
    return [cli(*INTAKE, "--tenant", name, "--address", f"Kerkstraat {n}").stdout.strip()
            for n, name in enumerate(("Jan Peeters", "Els Maes"), 1)]


@pytest.mark.sqlite_only
def test_a_database_made_once_is_copied_whole_for_each_later_test(cli, db_path, tmp_path, tmp_path_factory,
                                                                  monkeypatch):
    """A fixture's database made once per process (made_once): a later test gets the same rows, in a file as
    private as huurbeg makes it, that huurbeg opens as it is, and the value the fixture returned."""
    monkeypatch.setattr(conftest, "_made", {})
    built.clear()
    first = conftest.make_once(db_path, tmp_path_factory, two_cases, cli)
    later = tmp_path / "later" / "huurbeg.db"
    later.parent.mkdir()
    monkeypatch.setenv("HUURBEG_DB", str(later))
    assert conftest.make_once(later, tmp_path_factory, two_cases, cli) == first == ["2026-0001", "2026-0002"]
    assert len(built) == 1
    assert snapshot(later) == snapshot(db_path)
    assert stat.S_IMODE(later.stat().st_mode) == 0o600
    listed = cli("case", "list", "-f", "json")
    assert listed.exit_code == 0 and listed.stderr == "", listed.output
    assert [case["case"] for case in json.loads(listed.stdout)] == first
    assert conftest.make_once(later, tmp_path_factory, two_cases, cli) != first  # on a database already there
    assert len(built) == 2
