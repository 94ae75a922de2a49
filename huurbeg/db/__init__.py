"""Storage: the schema, the database file, migrations and the Store (see store.py).

Importing this package is cheap; SQLAlchemy is imported only by open_store, so
commands that never touch the database (--help) stay fast.
"""


def open_store(db_option: str | None, *, write: bool, must_exist: bool = False):
    """Open the database of this invocation: (Store, Target). Creates or upgrades the schema."""
    from sqlmodel import Session

    from huurbeg.db.engine import make_engine, resolve, writing
    from huurbeg.db.migrate import ensure_schema
    from huurbeg.db.store import Store

    target = resolve(db_option, must_exist=must_exist)
    engine = make_engine(target)
    ensure_schema(engine, target.label)
    return Store(Session(writing(engine) if write else engine, expire_on_commit=False)), target
