"""Alembic migration scripts of the huurbeg schema (run by huurbeg.db.migrate)."""
