"""Schema migrations: never lose data, never touch what is not ours."""

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from huurbeg.db.migrate import SCHEMA_REVISION, head_revision

OLD_DATABASE = Path(__file__).parent / "data" / "schema-0001.db"


pytestmark = [pytest.mark.sqlite_only,  # these check the SQLite file itself
              pytest.mark.real_migrations]

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
    from huurbeg.db.search import not_index

    engine = create_engine(f"sqlite:///{db_path}")
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": not_index})
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
    with sqlite3.connect(old) as connection:  # schema 0030: the address numbers backfilled, every household indexed
        from huurbeg.domain.finding import number_key

        households = connection.execute("SELECT id, address, address_numbers, search_key FROM household").fetchall()
        assert households and all(numbers == number_key(address) for _, address, numbers, _ in households)
        for household_id, _, _, key in households:
            assert (household_id,) in connection.execute(
                "SELECT rowid FROM household_search WHERE household_search MATCH ?", (f'"{key[:3]}"',)).fetchall()
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


def at_revision(path: Path, revision: str) -> None:
    """A new database file with the schema of an earlier huurbeg."""
    from huurbeg.db import migrate
    from huurbeg.db.engine import make_engine, resolve

    target = resolve(str(path))
    engine = make_engine(target)
    migrate._migrate(engine, target.label, revision)
    engine.dispose()


def test_the_landlords_problems_are_backfilled_from_what_the_history_can_tell(cli, tmp_path):
    """Schema 0014: a case whose problems were never corrected keeps the registration's, the landlord's when
    the landlord registered it; one whose problems were corrected cannot tell which came later: none is the
    landlord's until the worker marks it again."""
    old = tmp_path / "0012.db"
    at_revision(old, "0012")
    now = "2026-10-01 09:00:00.000000"
    with sqlite3.connect(old) as connection:
        connection.execute("INSERT INTO landlord (id, name, name_key, kind, created_at) VALUES "
                           "(1, 'Woonpunt', 'woonpunt', 'shm', ?)", (now,))
        for n, source in enumerate(["landlord", "landlord", "tenant"], start=1):
            connection.execute("INSERT INTO household (id, name, created_at) VALUES (?, ?, ?)", (n, f"H{n}", now))
            connection.execute(
                "INSERT INTO case_file (id, number, year, seq, household_id, landlord_id, track, source, "
                "intake_date, tenant_informed, returning_household, status, created_at, updated_at, worker) "
                "VALUES (?, ?, 2026, ?, ?, 1, 'pw', ?, '2026-10-01', 1, 0, 'open', ?, ?, 'an')",
                (n, f"2026-{n:04d}", n, n, source, now, now))
            connection.execute("INSERT INTO history (at, os_user, case_id, action, detail) VALUES "
                               "(?, 'an', ?, 'intake', ?)", (now, n, f"opened on track pw (registered by {source})"))
        # what the earlier huurbeg wrote: every problem of a landlord's case marked, the one added later too
        connection.executemany("INSERT INTO case_problem (case_id, problem, raised_by_landlord) VALUES (?, ?, ?)",
                               [(1, "arrears", 1), (1, "hygiene", 1), (2, "arrears", 1), (2, "nuisance", 1),
                                (3, "hygiene", 0)])
        connection.execute("INSERT INTO history (at, os_user, case_id, action, detail) VALUES "
                           "(?, 'an', 2, 'edit', 'corrected: address, problems')", (now,))
        connection.execute("INSERT INTO history (at, os_user, case_id, action, detail) VALUES "
                           "(?, 'an', 1, 'edit', 'corrected: phone')", (now,))
    assert cli("--db", str(old), "case", "list").exit_code == 0
    with sqlite3.connect(old) as connection:
        assert connection.execute("SELECT case_id, problem, raised_by_landlord, at_registration FROM case_problem "
                                  "ORDER BY 1, 2").fetchall() == [
            (1, "arrears", 1, 1), (1, "hygiene", 1, 1), (2, "arrears", 0, 0), (2, "nuisance", 0, 0),
            (3, "hygiene", 0, 1)]
    for number in ("2026-0001", "2026-0002"):  # the tenant's consent lets the landlord hear the state of affairs
        assert cli("--db", str(old), "case", "consent", number, "--tenant").exit_code == 0
    report = lambda number: json.loads(cli("--db", str(old), "case", "report", number, "--for", "landlord",  # noqa
                                           "-f", "json").stdout)["problems_reported_by_landlord"]
    assert report("2026-0001") == ["arrears", "hygiene"]
    assert report("2026-0002") == []
    assert cli("--db", str(old), "case", "edit", "2026-0002", "--reported-by-landlord", "arrears").exit_code == 0
    assert report("2026-0002") == ["arrears"]


def test_an_upgraded_database_reads_the_latest_contacts_from_an_index(cli, tmp_path):
    """0031: each open case's last, last reached and next planned contact come from ix_contact_case_latest alone."""
    old = tmp_path / "old.db"
    shutil.copy(OLD_DATABASE, old)
    assert cli("--db", str(old), "case", "list").exit_code == 0
    from huurbeg.db.caseload import NOT_REMOVED

    opened = f"SELECT case_file.id FROM case_file WHERE case_file.status = 'open' AND {NOT_REMOVED}"
    with sqlite3.connect(old) as connection:
        plan = connection.execute(
            "EXPLAIN QUERY PLAN SELECT case_id, max(date), max(CASE WHEN reached THEN date END), max(next_planned) "
            f"FROM contact WHERE case_id IN ({opened}) AND removed_at IS NULL GROUP BY case_id").fetchall()
    assert any("COVERING INDEX ix_contact_case_latest" in step[3] for step in plan), plan
