"""Storage: the schema, the database file, migrations and the Store (see store.py).

Importing this package is cheap; SQLAlchemy is imported only by open_store, so
commands that never touch the database (--help) stay fast.
"""


def open_store(db_option: str | None, *, write: bool, must_exist: bool = False):
    """Open the database of this invocation: (Store, Target). Creates or upgrades the schema."""
    from sqlmodel import Session

    from huurbeg.db.engine import make_engine, resolve
    from huurbeg.db.migrate import ensure_schema
    from huurbeg.db.store import Store

    target = resolve(db_option, must_exist=must_exist)
    migrator = make_engine(target, write=True)
    try:
        ensure_schema(migrator, target.label)
    finally:
        migrator.dispose()
    engine = make_engine(target, write=write)
    return Store(Session(engine, expire_on_commit=False)), target
