"""Alembic environment: migrations run on the connection huurbeg.db.migrate opens."""

from alembic import context
from sqlmodel import SQLModel

import huurbeg.db.models  # noqa: F401  (registers the tables on SQLModel.metadata)
from huurbeg.db.search import not_index

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    # SQLite cannot ALTER most things: batch mode copies the table inside the migration's transaction.
    render_as_batch=True,
    compare_type=True,
    include_name=not_index,  # the search index of migration 0030 is no model's
)
with context.begin_transaction():
    context.run_migrations()
