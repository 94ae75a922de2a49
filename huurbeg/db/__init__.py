"""Storage: the schema, the database file, migrations and the Store (see store.py).

Importing this package is cheap; SQLAlchemy is imported only by open_store, so
commands that never touch the database (--help) stay fast.
"""

import os
from datetime import date


def open_store(db_option: str | None, *, write: bool, must_exist: bool = False, today: date | None = None,
               sound: bool = False):
    """Open the database of this invocation: (Store, Target). Creates or upgrades the schema.

    With `today`, the file gets its daily check (huurbeg.db.health): on a damaged file a
    store for writing (or one that must be `sound`, for a backup) is refused, and a store for
    reading cannot write.
    """
    from dataclasses import replace

    from sqlmodel import Session

    from huurbeg.db import health
    from huurbeg.db.engine import make_engine, read_only_file, resolve, writing
    from huurbeg.db.migrate import ensure_schema
    from huurbeg.db.store import Store
    from huurbeg.errors import DatabaseProblem

    target = resolve(db_option, must_exist=must_exist)
    if write and target.path is not None and target.path.exists() and not os.access(target.path, os.W_OK):
        raise DatabaseProblem(read_only_file(target.path))
    engine = make_engine(target)
    damage = ensure_schema(engine, target.label, today)
    if damage:
        engine.dispose()
        if write or sound:
            raise DatabaseProblem(health.damaged(damage))
        engine = make_engine(target, query_only=True)
        target = replace(target, notices=(*target.notices, health.damaged_notice(damage)))
    session = Session(writing(engine) if write else engine, expire_on_commit=False)
    return Store(session, damaged=damage), target
