"""Bringing a database to the schema of this huurbeg, without ever losing data.

A new, empty database is created by running every migration. An older one is
upgraded, each migration in the same transaction as the version stamp, so a
failure leaves the file as it was. A database stamped by a newer huurbeg, or a
file that is not a huurbeg database, is refused and left untouched.

SCHEMA_REVISION is the head of migrations/versions, kept as a constant so that
an up-to-date database is recognised without importing Alembic on every run
(tests/test_migrations.py checks the two agree).

Several workers may start huurbeg at the same moment on a new or newly upgraded
database. Creating or upgrading the schema therefore happens under a lock (the
write lock of BEGIN IMMEDIATE on SQLite, a transaction-level advisory lock on
PostgreSQL), and the revision is read again once the lock is held: the first
process migrates, the others find the work done and go on.

On PostgreSQL every object is created by the role that owns the database (the
team role of the README's setup), whichever worker runs the first command or the
migration: huurbeg switches to that role for the migration's transaction when the
worker is a member of it, so every member can use what another created.
"""

from datetime import date
from pathlib import Path

from huurbeg.core.errors import DatabaseProblem
from huurbeg.core.i18n import _

SCHEMA_REVISION = "0031"
FIRST_REVISION = "0001"
MIGRATIONS = Path(__file__).with_name("migrations")
WAL_ATTEMPTS = 50  # a tenth of a second apart
SCHEMA_LOCK = 0x68_75_72_5F_73_63_68  # "hur_sch": the advisory-lock key of schema changes


def ensure_schema(engine, label: str, today: date | None = None) -> str | None:
    """Create or upgrade the schema, or refuse the database; then use WAL mode.

    With `today`, an existing SQLite file gets its daily check first (huurbeg.db.health):
    a damaged file is never migrated or otherwise written, and what is wrong is returned
    (None when the file is sound) so the caller can refuse writes.
    """
    from huurbeg.db import health

    revision = _current_revision(engine, label)
    checking = today is not None and engine.dialect.name == "sqlite"
    damage = health.daily_check(engine, today) if today is not None and checking and revision is not None else None
    if damage:
        if revision != SCHEMA_REVISION:
            raise DatabaseProblem(health.damaged(damage))
        return damage
    if revision != SCHEMA_REVISION:
        _migrate(engine, label)
    if engine.dialect.name == "sqlite":
        _use_wal(engine)
        if today is not None and checking:
            health.record_check(engine, today)
    return None


def _migrate(engine, label: str, target: str = "head") -> None:
    """Create or upgrade the schema under the schema lock, unless another huurbeg just did."""
    from sqlalchemy.exc import DBAPIError

    from huurbeg.db.engine import writing

    with writing(engine).begin() as connection:
        _lock_schema(connection)
        # Re-read under the lock: another huurbeg may have migrated meanwhile.
        revision = _read_revision(connection, label)
        if revision == (SCHEMA_REVISION if target == "head" else target):
            return
        if revision is not None and revision not in known_revisions():
            if later(revision):
                raise DatabaseProblem(
                    _("{label} was made by a newer version of huurbeg (schema {revision}); upgrade huurbeg to use "
                      "it. The database was left untouched").format(label=label, revision=revision))
            raise DatabaseProblem(
                _("{label} has schema version {revision}, which is neither one of this huurbeg's ({first} to "
                  "{head}) nor a later one; it was left untouched. Open it with the huurbeg that made it, or "
                  "restore the latest backup (see the README, 'Backups')").format(
                    label=label, revision=revision, first=FIRST_REVISION, head=SCHEMA_REVISION))
        _adopt(connection)
        _act_as_owner(connection)
        try:
            _upgrade(connection, target)
        except DBAPIError as exc:
            raise _denied(connection.engine, label, exc) or exc


def later(revision: str, than: str = SCHEMA_REVISION) -> bool:
    """Whether a revision this huurbeg does not know is recognisably a later one: migrations are numbered
    0001, 0002, ..., so a newer huurbeg's is a greater number written the same way. Anything else (a
    number missing from the chain, a development build's hash, a typing error) is unknown, not newer."""
    return (revision.isascii() and revision.isdigit() and len(revision) >= len(than)
            and int(revision) > int(than))


def _lock_schema(connection) -> None:
    """SQLite: BEGIN IMMEDIATE already holds the write lock. PostgreSQL: an advisory lock until commit."""
    from sqlalchemy import text

    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": SCHEMA_LOCK})


OWNED_OBJECTS = """
    SELECT kind, name, pg_get_userbyid(owner) FROM (
        SELECT CASE c.relkind WHEN 'S' THEN 'SEQUENCE' WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
                              ELSE 'TABLE' END AS kind,
               c.oid::regclass::text AS name, c.relowner AS owner, c.relkind = 'S' AS later
        FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p', 'S', 'v', 'm')
        UNION ALL
        SELECT 'FUNCTION', p.oid::regprocedure::text, p.proowner, false
        FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace) AS objects
    WHERE owner <> (SELECT datdba FROM pg_database WHERE datname = current_database())
    ORDER BY later, name"""
"""huurbeg's objects that do not belong to the database's owner (sequences last: a table takes its own along)."""


def _adopt(connection) -> None:
    """Give the team role what this worker created as themselves (a setup from before the team role owned all).

    Only a member of the database's owner can, and only for what they own; what another worker owns
    stays theirs, and a permission it denies is explained by _denied.
    """
    from sqlalchemy import text

    if connection.dialect.name != "postgresql" or not _member_of_owner(connection):
        return
    me, owner = connection.execute(text(
        "SELECT current_user, pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")).one()
    quoted = connection.dialect.identifier_preparer.quote(owner)
    for kind, name, by in connection.execute(text(OWNED_OBJECTS)).all():
        if by != me:
            continue
        if kind == "SEQUENCE" and connection.execute(text(  # moved along with its table a moment ago
                "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = CAST(:name AS regclass)"),
                {"name": name}).scalar() == owner:
            continue
        connection.execute(text(f"ALTER {kind} {name} OWNER TO {quoted}"))


def _member_of_owner(connection) -> bool:
    """Whether this worker is a member of the role that owns the database, and not that role itself."""
    from sqlalchemy import text

    return bool(connection.execute(text(
        "SELECT pg_has_role(current_user, datdba, 'MEMBER') AND pg_get_userbyid(datdba) <> current_user "
        "FROM pg_database WHERE datname = current_database()")).scalar())


def _denied(engine, label: str, exc: Exception) -> DatabaseProblem | None:
    """Why PostgreSQL denied a worker huurbeg's own tables, when they belong to another worker, and the fix."""
    from sqlalchemy import text

    if engine.dialect.name != "postgresql" or getattr(getattr(exc, "orig", None), "sqlstate", None) != "42501":
        return None
    with engine.connect() as connection:
        owner = connection.execute(text(
            "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()")).scalar()
        roles = sorted({row[2] for row in connection.execute(text(OWNED_OBJECTS))})
    if not roles:
        return None
    preparer = engine.dialect.identifier_preparer
    return DatabaseProblem(_(
        "{label}: huurbeg's tables belong to {roles} rather than to the database's owner {owner} (a setup from "
        "before the README's team setup), so other workers are refused them. Have the server's superuser run, in "
        "that database, once: REASSIGN OWNED BY {reassign} TO {to};").format(
        label=label, roles=", ".join(roles), owner=owner,
        reassign=", ".join(preparer.quote(role) for role in roles), to=preparer.quote(owner)))


def _act_as_owner(connection) -> None:
    """On PostgreSQL, create as the database's owner (the team role) when this worker is a member of it."""
    from sqlalchemy import text

    if connection.dialect.name != "postgresql":
        return
    owner, member = connection.execute(text(
        "SELECT pg_get_userbyid(datdba), pg_has_role(current_user, datdba, 'MEMBER') AND "
        "pg_get_userbyid(datdba) <> current_user FROM pg_database WHERE datname = current_database()")).one()
    if member:
        connection.execute(text(f"SET LOCAL ROLE {connection.dialect.identifier_preparer.quote(owner)}"))


def _use_wal(engine) -> None:
    """WAL lets a cron export read while a worker writes; the mode is stored in the file."""
    raw = engine.raw_connection()
    try:
        use_wal(raw.driver_connection)
    finally:
        raw.close()


def use_wal(connection) -> None:
    """_use_wal on a sqlite3 connection outside a transaction."""
    import sqlite3
    import time

    for _attempt in range(WAL_ATTEMPTS):
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                connection.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            # Switching needs the file to itself, and SQLite does not wait for it: when
            # colleagues start at the same moment on a new file, try again shortly; if the
            # file stays busy, the next command switches it.
            if "locked" not in str(exc):
                raise
            time.sleep(0.1)


def _current_revision(engine, label: str) -> str | None:
    with engine.connect() as connection:
        return _read_revision(connection, label)


def _read_revision(connection, label: str) -> str | None:
    """The stamped revision; None for an empty database; refuse anything else."""
    from sqlalchemy import text

    from sqlalchemy.exc import DatabaseError, DBAPIError

    try:
        tables = {row[0] for row in connection.execute(text(
            "SELECT name FROM sqlite_master WHERE type = 'table'"))} \
            if connection.dialect.name == "sqlite" else set(_table_names(connection))
    except DatabaseError as exc:
        from huurbeg.db.engine import unreadable

        path = Path(connection.engine.url.database) if connection.dialect.name == "sqlite" else None
        raise DatabaseProblem(unreadable(path, label, exc)) from None
    if not tables:
        return None
    if "alembic_version" not in tables:
        raise DatabaseProblem(_("{label} is not a huurbeg database (it holds other tables); it was left untouched")
                              .format(label=label))
    try:
        revisions = [row[0] for row in connection.execute(text("SELECT version_num FROM alembic_version"))]
    except DBAPIError as exc:
        raise _denied(connection.engine, label, exc) or exc
    if len(revisions) != 1:
        raise DatabaseProblem(_("{label} has no single schema version; it was left untouched").format(label=label))
    return revisions[0]


def _table_names(connection) -> list[str]:
    from sqlalchemy import inspect

    return inspect(connection).get_table_names()


def _config(connection):
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory(str(MIGRATIONS))
    return {rev.revision for rev in script.walk_revisions()}


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    if head is None:
        raise LookupError(f"no migration in {MIGRATIONS}")
    return head


def _upgrade(connection, target: str = "head") -> None:
    from alembic import command

    command.upgrade(_config(connection), target)
