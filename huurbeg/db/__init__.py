"""Storage: the schema, the database file, migrations and the Store (see store.py).

Importing this package is cheap; SQLAlchemy is imported only where open_store needs it (to
create or upgrade a file, and on a server), so commands that never touch the database (--help),
and those on an up-to-date file, stay fast.
"""

import os
from datetime import date


def open_store(db_option: str | None, *, write: bool, must_exist: bool = False, today: date | None = None,
               sound: bool = False, reads_only: bool = False, name: str = "db"):
    """Open the database of this invocation: (Store, Target). Creates or upgrades the schema.

    With `today`, the file gets its daily check (huurbeg.db.health): on a damaged file a
    store for writing (or one that must be `sound`, for a backup) is refused, and a store for
    reading cannot write. `reads_only`: the store writes nothing but the reads it records (a
    dossier shown), so on a damaged file it reads, leaving its reads unrecorded. `name`: the field
    that named the database (db, or copy's to), for its errors.

    An up-to-date, sound file is opened with sqlite3 alone (huurbeg.db.store.FileStore); SQLAlchemy
    and Alembic come in only to create, upgrade or refuse a file, and for a server.
    """
    from dataclasses import replace


    from huurbeg.db.engine import read_only_file, reads_unrecorded, resolve
    from huurbeg.core.errors import DatabaseProblem

    target = resolve(db_option, must_exist=must_exist, name=name)
    path = target.path
    read_only = path is not None and path.exists() and not os.access(path, os.W_OK)
    refusal = None
    if path is not None and read_only:  # a read runs, its record left out, as on a damaged file; a write is refused
        if write and not reads_only:
            raise DatabaseProblem(read_only_file(path))
        write = False
        if reads_only:
            target = replace(target, notices=(*target.notices, reads_unrecorded(path)))
        refusal = read_only_file(path)
    plain_file = path is not None and "?" not in target.url
    if path is not None and plain_file and (ready := _ready_file(path, today, read_only)) is not None:
        from huurbeg.db.store import FileStore

        return FileStore(ready, path, write=write, read_only=refusal), target
    return _open_with_engine(target, write=write, today=today, sound=sound, reads_only=reads_only,
                             read_only=read_only, plain_file=plain_file)


def _ready_file(path, today: date | None, read_only: bool):
    """A configured sqlite3 connection to a file that needs nothing done first (its schema is this huurbeg's,
    no damage is marked in it, its daily check has passed, it is in WAL mode); None when something does."""
    import sqlite3

    from huurbeg.db import health
    from huurbeg.db.engine import connect_file
    from huurbeg.db.migrate import SCHEMA_REVISION

    try:
        if not path.is_file():
            return None
        connection = connect_file(path, query_only=read_only)
    except (OSError, sqlite3.Error):
        return None
    try:
        if connection.execute("SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_REVISION,)]:
            raise LookupError  # a new, older, newer or foreign file
        if connection.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            raise LookupError  # switched over there, as on a new file
        if today is not None:
            if health.marked(connection):
                raise LookupError  # damage a full check found: refused over there
            if health.checked_on(connection) != today.isoformat():
                if health.quick_check(connection, path):
                    raise LookupError  # damaged: refused, or read without writing, over there
                health.remember_check(connection, today)
    except (sqlite3.Error, LookupError):
        connection.close()
        return None
    return connection


def _open_with_engine(target, *, write: bool, today: date | None, sound: bool, reads_only: bool, read_only: bool,
                      plain_file: bool):
    """open_store where SQLAlchemy is needed: a new, older or damaged file (made, upgraded, checked or refused
    by huurbeg.db.migrate), a file with options for its driver, a server."""
    from dataclasses import replace

    from huurbeg.db import health
    from huurbeg.db.engine import connect_file, make_engine, read_only_file, writing
    from huurbeg.db.migrate import ensure_schema
    from huurbeg.db.store import FileStore, ServerStore
    from huurbeg.core.errors import DatabaseProblem

    engine = make_engine(target, query_only=read_only)
    damage = ensure_schema(engine, target.label, today)
    if damage:
        engine.dispose()
        if (write and not reads_only) or sound:
            raise DatabaseProblem(health.damaged(damage))
        write = False
        engine = make_engine(target, query_only=True)
        target = replace(target, notices=(*target.notices, health.damaged_notice(damage)))
    refusal = read_only_file(target.path) if read_only else None
    if plain_file:
        engine.dispose()
        return FileStore(connect_file(target.path, query_only=read_only or bool(damage)), target.path, write=write,
                         damaged=damage, read_only=refusal), target
    return ServerStore(writing(engine) if write else engine, damaged=damage, read_only=refusal), target


def open_reader(db_option: str | None, *, today: date, must_exist: bool = False, records_reads: bool = False):
    """(Reader, Target) on an up-to-date, sound SQLite file, with sqlite3 alone; None otherwise.

    None sends the caller to open_store, which creates, upgrades, refuses or opens a damaged
    file read-only, and serves servers. A lookup that records the reads of the dossiers it
    shows (`records_reads`) needs a file it can write, as any writing command does.
    """
    import sqlite3

    from huurbeg.db import health
    from huurbeg.db.engine import BUSY_TIMEOUT_SECONDS, resolve
    from huurbeg.db.history import os_user
    from huurbeg.db.migrate import SCHEMA_REVISION
    from huurbeg.db.reader import Reader
    from huurbeg.db.sql import Connection

    located = resolve(db_option, must_exist=must_exist, prepare=False)
    try:
        if located.path is None or "?" in located.url or not located.path.is_file():
            return None
    except OSError:  # a name too long: open_store names --db
        return None
    target = resolve(db_option, must_exist=must_exist)
    path = target.path
    if path is None:  # located above as a file
        return None
    if records_reads and not os.access(path, os.W_OK):
        return None  # open_store reads it without recording the read, and says so
    try:
        connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    except sqlite3.Error:
        return None
    try:
        if connection.execute("SELECT version_num FROM alembic_version").fetchall() != [(SCHEMA_REVISION,)]:
            raise LookupError  # a new, older, newer or foreign file: open_store says what to do
        if health.marked(connection):
            raise LookupError  # damage a full check found: open_store refuses writes
        if health.checked_on(connection) != today.isoformat():
            if health.quick_check(connection):
                raise LookupError  # damaged: open_store opens it read-only and says so
            health.remember_check(connection, today)
        connection.execute("PRAGMA foreign_keys = ON")
        connection.execute("BEGIN")
    except (sqlite3.Error, LookupError):
        connection.close()
        return None
    return Reader(Connection(connection, "sqlite"), user=os_user()), target
