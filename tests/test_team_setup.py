"""The README's team setup, followed to the letter on the test server, with two workers.

The SQL block of the README (after `<!-- team-setup:sql -->`) is run as written, as the
server's superuser; then `an` and `karim` log in with their own roles. Whoever runs the
first command or a migration, every table belongs to the team role, so the other worker
can read and write at once. Roles are cluster-wide: the test creates them itself and drops
them afterwards.
"""

import re
from pathlib import Path

import pytest

from conftest import POSTGRES

pytestmark = [pytest.mark.postgres, pytest.mark.slow, pytest.mark.roles,
              pytest.mark.xdist_group("roles")]  # roles and the huurbeg database belong to the whole server

README = Path(__file__).parent.parent / "README.md"
INTAKE = ["intake", "--track", "pw", "--source", "tenant", "--tenant-informed", "--consent-tenant",
          "--consent-landlord", "--no-input"]


def setup_sql() -> list[str]:
    """The README's setup, one statement or psql meta-command (`\\c`) per item."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- team-setup:sql -->\s*```sql\n(.*?)```", text, re.S)
    assert block, "README.md lost its team-setup SQL block"
    lines = [line.strip() for line in block[1].splitlines() if line.strip()]
    statements, current = [], ""
    for line in lines:
        if line.startswith("\\"):
            statements.append(line)
            continue
        current += (" " if current else "") + line
        if current.endswith(";"):
            statements.append(current)
            current = ""
    assert not current, current
    return statements


def url(user: str | None = None, database: str = "huurbeg") -> str:
    from sqlalchemy.engine import make_url

    found = make_url(POSTGRES).set(database=database)
    if user:
        found = found.set(username=user, password="choose-one")
    return found.render_as_string(hide_password=False)


def superuser(database: str):
    from sqlalchemy import create_engine
    from sqlalchemy.pool import NullPool

    return create_engine(url(None, database), poolclass=NullPool, isolation_level="AUTOCOMMIT")


def clean_server() -> None:
    from sqlalchemy import text

    engine = superuser("postgres")
    with engine.connect() as connection:
        connection.execute(text("DROP DATABASE IF EXISTS huurbeg WITH (FORCE)"))
        connection.execute(text("DROP ROLE IF EXISTS an, karim, huurbeg_team"))
    engine.dispose()


def follow_the_readme() -> None:
    from sqlalchemy import text

    clean_server()
    engine = superuser("postgres")
    connection = engine.connect()
    try:
        for statement in setup_sql():
            if statement.startswith("\\c"):
                connection.close()
                engine.dispose()
                engine = superuser(statement.split()[1])
                connection = engine.connect()
            else:
                connection.execute(text(statement))
    finally:
        connection.close()
        engine.dispose()


@pytest.fixture
def team_server():
    follow_the_readme()
    yield
    clean_server()


def owners() -> set[str]:
    from sqlalchemy import text

    engine = superuser("huurbeg")
    with engine.connect() as connection:
        found = {row[0] for row in connection.execute(text(
            "SELECT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = 'public'"))}
        found |= {row[0] for row in connection.execute(text(
            "SELECT pg_get_userbyid(p.proowner) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
            "WHERE n.nspname = 'public'"))}
    engine.dispose()
    return found


def ok(result) -> str:
    assert result.exit_code == 0, result.output
    return result.stdout


def two_workers_at_work(cli) -> None:
    """After the first command: both write and read, each sees whose case it is."""
    import json

    karims = ok(cli("--db", url("karim"), *INTAKE, "--tenant", "Karim's household")).strip()
    ok(cli("--db", url("karim"), "visit", karims, "--kind", "phone", "--minutes", "10", "--no-input"))
    ans = ok(cli("--db", url("an"), *INTAKE, "--tenant", "An's household")).strip()
    listing = json.loads(ok(cli("--db", url("an"), "case", "list", "-f", "json")))
    assert {(row["case"], row["worker"]) for row in listing} == {(karims, "karim"), (ans, "an")}
    assert [row["case"] for row in json.loads(ok(cli("--db", url("karim"), "case", "list", "--mine", "-f",
                                                     "json")))] == [karims]
    history = json.loads(ok(cli("--db", url("an"), "case", "history", karims, "-f", "json")))
    assert [entry["action"] for entry in history][:2] == ["intake", "consent"]
    ok(cli("--db", url("an"), "case", "assign", karims, "--to", "an"))
    assert {row["worker"] for row in json.loads(ok(cli("--db", url("karim"), "case", "list", "-f", "json")))} == \
        {"an"}


def test_the_readme_setup_works_for_the_worker_who_did_not_create_the_schema(cli, team_server):
    ok(cli("--db", url("an"), "case", "list"))  # the first command: an creates the schema
    assert owners() == {"huurbeg_team"}
    two_workers_at_work(cli)
    assert owners() == {"huurbeg_team"}


def test_an_upgrade_run_by_another_worker(cli, team_server):
    """An older huurbeg of `an` made the schema; karim runs the new version first and upgrades it."""
    from alembic.script import ScriptDirectory

    from huurbeg.db.engine import make_engine, resolve
    from huurbeg.db.migrate import MIGRATIONS, SCHEMA_REVISION, _migrate

    older = ScriptDirectory(str(MIGRATIONS)).get_revision(SCHEMA_REVISION).down_revision
    target = resolve(url("an"))
    engine = make_engine(target)
    _migrate(engine, target.label, older)
    engine.dispose()
    assert owners() == {"huurbeg_team"}
    ok(cli("--db", url("karim"), "case", "list"))  # karim's first command upgrades
    assert owners() == {"huurbeg_team"}
    two_workers_at_work(cli)


def test_no_worker_can_truncate_the_history(cli, team_server):
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import DBAPIError
    from sqlalchemy.pool import NullPool

    ok(cli("--db", url("an"), *INTAKE, "--tenant", "X"))
    engine = create_engine(url("karim"), poolclass=NullPool)
    for statement in ("TRUNCATE history", "DELETE FROM history", "UPDATE history SET os_user = 'nobody'"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as connection:
            connection.execute(text(statement))
    with engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM history")).scalar() >= 1
    engine.dispose()


def made_by_an_earlier_setup(revision: str) -> None:
    """The schema as a huurbeg before the team role owned everything left it: created by `an` as `an`."""
    from huurbeg.db import migrate
    from huurbeg.db.engine import make_engine, resolve

    target = resolve(url("an"))
    engine = make_engine(target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(migrate, "_act_as_owner", lambda connection: None)
        patch.setattr(migrate, "_adopt", lambda connection: None)
        migrate._migrate(engine, target.label, revision)
    engine.dispose()
    assert owners() == {"an"}


def test_tables_of_an_earlier_setup_are_explained_then_taken_over_at_the_upgrade(cli, team_server):
    """Karim is refused in one line that says what the superuser runs; an's upgrade gives it all to the team."""
    from alembic.script import ScriptDirectory

    from conftest import assert_one_line_error
    from huurbeg.db.migrate import MIGRATIONS, SCHEMA_REVISION

    made_by_an_earlier_setup(ScriptDirectory(str(MIGRATIONS)).get_revision(SCHEMA_REVISION).down_revision)
    assert_one_line_error(cli("--db", url("karim"), "case", "list"), code=5,
                          contains="REASSIGN OWNED BY an TO huurbeg_team;")
    ok(cli("--db", url("an"), "case", "list"))  # an's first command of the new version upgrades
    assert owners() == {"huurbeg_team"}
    two_workers_at_work(cli)


def test_tables_of_an_earlier_setup_after_the_superusers_reassign(cli, team_server):
    """No upgrade pending: the README's one statement is all it takes."""
    from huurbeg.db.migrate import SCHEMA_REVISION
    from sqlalchemy import text

    made_by_an_earlier_setup(SCHEMA_REVISION)
    assert cli("--db", url("karim"), "case", "list").exit_code == 5
    statement = re.search(r"`(REASSIGN OWNED BY an TO huurbeg_team;)`", README.read_text(encoding="utf-8"))
    assert statement, "README.md lost the statement for a setup of an earlier version"
    engine = superuser("huurbeg")
    with engine.connect() as connection:
        connection.execute(text(statement[1]))
    engine.dispose()
    assert owners() == {"huurbeg_team"}
    two_workers_at_work(cli)
