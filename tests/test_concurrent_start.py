"""Several workers starting at the same moment on a new database, or on the morning after an upgrade.

Eight processes wait at a starting line and then run their first command together. Schema
creation and each migration run under a lock, and the revision is read again once the lock
is held, so one process migrates and the others go on: every command succeeds, and the
migration ran once (a second run would fail on the column it adds). These run against the
database of the test pass: an SQLite file, or the PostgreSQL server of HUURBEG_TEST_POSTGRES.
"""

import os
import subprocess
import sys
import time

import pytest

from conftest import me, query

pytestmark = pytest.mark.slow

STARTERS = 8
STARTER = """
import os, sys, time
from huurbeg.cli.root import app
# Load now what the first command would load, so that all eight reach the database within milliseconds.
import alembic.command, huurbeg.db.store, huurbeg.db.migrate, sqlalchemy.dialects.postgresql  # noqa
if "://" in os.environ.get("HUURBEG_DB", ""):
    import psycopg  # noqa
line = sys.argv[1]
open(f"{line}.{sys.argv[2]}", "w").close()  # at the line
while not os.path.exists(line):
    time.sleep(0.002)
sys.exit(app(['intake', '--track', 'pw', '--tenant', f'Starter {sys.argv[2]}', '--source', 'tenant',
              '--tenant-informed', '--consent-tenant', '--consent-landlord', '--no-input'], standalone_mode=False))
"""


def start_together(tmp_path) -> None:
    """Eight intakes as eight processes, released at once; each must succeed."""
    line = tmp_path / "go"
    starters = [subprocess.Popen([sys.executable, "-c", STARTER, str(line), str(n)], stdin=subprocess.DEVNULL,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
                for n in range(STARTERS)]
    waiting = time.monotonic() + 300
    while not all((tmp_path / f"go.{n}").exists() for n in range(STARTERS)):  # each has imported huurbeg
        if time.monotonic() > waiting or any(starter.poll() is not None for starter in starters):
            break  # one ended early: its failure is shown below
        time.sleep(0.01)
    line.touch()
    failures = [(starter.wait(timeout=300), starter.stderr.read()) for starter in starters]
    assert [code for code, _ in failures] == [0] * STARTERS, failures
    # on a new file, the one process that made it says so; nothing else is said
    created = [err for _, err in failures if err.startswith("huurbeg: created a new, empty database at ")]
    assert all(err == "" or (err in created and err.count("\n") == 1) for _, err in failures), failures
    assert len(created) <= 1, failures


def revision() -> list[tuple]:
    return query(None, "SELECT version_num FROM alembic_version")


def test_eight_workers_start_at_once_on_an_empty_database(tmp_path):
    from huurbeg.db.migrate import SCHEMA_REVISION

    if "://" not in os.environ["HUURBEG_DB"]:
        assert not os.path.exists(os.environ["HUURBEG_DB"])
    start_together(tmp_path)
    assert revision() == [(SCHEMA_REVISION,)]
    assert query(None, "SELECT count(*), count(DISTINCT number), max(seq) FROM case_file") == [(8, 8, 8)]


WORKER_MIGRATION = "0005"
"""The migration that backfills the responsible worker, which the upgrade below checks."""


def revision_before(revision: str) -> str:
    from alembic.script import ScriptDirectory

    from huurbeg.db.migrate import MIGRATIONS

    return ScriptDirectory(str(MIGRATIONS)).get_revision(revision).down_revision


def database_made_by(older: str) -> None:
    """The test database as an older huurbeg left it (schema `older`), with two cases: one with history, one without."""
    from sqlalchemy import text

    from huurbeg.db.engine import make_engine, resolve
    from huurbeg.db.migrate import _migrate

    target = resolve(None)
    engine = make_engine(target)
    _migrate(engine, target.label, older)
    now = "2026-01-05 10:00:00+00:00"
    with engine.begin() as connection:
        case_ids = []
        for seq in (1, 2):
            household = connection.execute(text("INSERT INTO household (name, created_at) VALUES ('Old', :now) "
                                                "RETURNING id"), {"now": now}).scalar()
            case_ids.append(connection.execute(text(
                "INSERT INTO case_file (number, year, seq, household_id, track, source, intake_date, "
                "tenant_informed, returning_household, status, created_at, updated_at) VALUES "
                "(:number, 2026, :seq, :household, 'pw', 'tenant', '2026-01-05', true, false, 'open', :now, :now) "
                "RETURNING id"), {"number": f"2026-{seq:04d}", "seq": seq, "household": household, "now": now})
                .scalar())
        connection.execute(text("INSERT INTO history (at, os_user, db_user, case_id, action, detail) "
                                "VALUES (:now, 'an', NULL, :case, 'intake', 'opened on track pw')"),
                           {"now": now, "case": case_ids[0]})
    engine.dispose()


def test_eight_workers_start_at_once_one_migration_behind(tmp_path):
    from huurbeg.db.migrate import SCHEMA_REVISION

    older = revision_before(SCHEMA_REVISION)
    database_made_by(older)
    assert revision() == [(older,)]
    start_together(tmp_path)
    assert revision() == [(SCHEMA_REVISION,)]
    assert query(None, "SELECT count(*), count(DISTINCT number), max(seq) FROM case_file") == [(10, 10, 10)]


def test_eight_workers_start_at_once_the_morning_after_the_worker_upgrade(tmp_path):
    """From before the responsible worker: each old case is given one, once (later migrations run too)."""
    from huurbeg.db.migrate import SCHEMA_REVISION

    older = revision_before(WORKER_MIGRATION)
    database_made_by(older)
    assert revision() == [(older,)]
    start_together(tmp_path)
    assert revision() == [(SCHEMA_REVISION,)]
    assert query(None, "SELECT count(*), count(DISTINCT number), max(seq) FROM case_file") == [(10, 10, 10)]
    # the migration to the responsible worker backfilled the old cases once: from the history, else the runner
    assert query(None, "SELECT number, worker FROM case_file WHERE seq <= 2 ORDER BY seq") == \
        [("2026-0001", "an"), ("2026-0002", me())]
