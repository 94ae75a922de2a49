"""Alembic environment: migrations run on the connection huurbeg.db.migrate opens."""

from alembic import context
from sqlmodel import SQLModel

import huurbeg.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table inside the migration's transaction.
    render_as_batch=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
