"""Schema migrations: never lose data, never touch what is not ours."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from huurbeg.db.migrate import SCHEMA_REVISION, head_revision

OLD_DATABASE = Path(__file__).parent / "data" / "schema-0001.db"


pytestmark = pytest.mark.sqlite_only  # these check the SQLite file itself

def test_schema_revision_constant_is_the_migration_head():
    assert SCHEMA_REVISION == head_revision()


def test_models_and_migrations_agree(cli, db_path):
    """A model changed without a migration shows up here as a difference."""
    cli("case", "list")
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine
    from sqlmodel import SQLModel

    import huurbeg.db.models  # noqa: F401

    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, SQLModel.metadata) == []
    engine.dispose()


def test_an_old_database_is_upgraded_with_its_data(cli, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(OLD_DATABASE, old)
    with sqlite3.connect(old) as connection:
        before = {table: connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
                  for table in ("case_file", "household", "landlord", "history", "consent", "track_change")}

    listing = cli("--db", str(old), "case", "list", "--status", "all", "--format", "json")
    assert listing.exit_code == 0, listing.output
    assert [c["case"] for c in json.loads(listing.stdout)] == ["2025-0001", "2026-0001", "2026-0002"]

    with sqlite3.connect(old) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [(SCHEMA_REVISION,)]
        for table, rows in before.items():
            after = connection.execute(f"SELECT * FROM {table} ORDER BY 1").fetchall()
            # every old row is still there with its old columns unchanged; new columns come after them
            assert [row[:len(rows[0])] for row in after[:len(rows)]] == rows, table

    with sqlite3.connect(old) as connection:  # schema 0002: the purge marker, backfilled empty
        assert connection.execute("SELECT count(*) FROM case_file WHERE purged_at IS NULL").fetchone() == (3,)
    dossier = json.loads(cli("--db", str(old), "case", "show", "2026-0001", "-f", "json").stdout)
    assert dossier["returning_household"] is True
    assert dossier["tenant"]["national_number"] == "85073003328"
    new = cli("--db", str(old), "intake", "--track", "pw", "--tenant", "Nieuw", "--source", "tenant",
              "--tenant-informed", "--no-input")
    assert new.stdout.strip() == "2026-0003"


def test_history_is_append_only_in_the_database(cli, db_path):
    import pytest

    cli("intake", "--track", "pw", "--tenant", "X", "--source", "tenant", "--tenant-informed", "--no-input")
    with sqlite3.connect(db_path) as connection:
        for statement in ("UPDATE history SET os_user = 'someone else'", "DELETE FROM history"):
            with pytest.raises(sqlite3.IntegrityError, match="append-only"):
                connection.execute(statement)
        assert connection.execute("SELECT count(*) FROM history").fetchone() == (1,)


def test_the_upgraded_old_database_gets_the_append_only_history(cli, tmp_path):
    import pytest

    old = tmp_path / "old.db"
    shutil.copy(OLD_DATABASE, old)
    with sqlite3.connect(old) as connection:
        connection.execute("UPDATE history SET os_user = os_user")  # schema 0001: not protected yet
    assert cli("--db", str(old), "case", "list").exit_code == 0
    with sqlite3.connect(old) as connection, pytest.raises(sqlite3.IntegrityError):
        connection.execute("DELETE FROM history")
