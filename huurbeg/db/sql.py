"""One thin door for plain SQL: the standard library's sqlite3 on a file, SQLAlchemy on a server.

Reads are SQL text with named parameters (`:number`), kept per area of the domain in
huurbeg/db (cases, court, follow_up, history, figures). The same statement runs on an
SQLite file through `sqlite3`, without importing SQLAlchemy (a lookup pays for nothing
else), and on PostgreSQL through the connection of SQLAlchemy's session in team mode. So
write SQL both understand: no date functions, no boolean literals (pass them as
parameters), no string aggregation.

A row comes back as a `Record`: its columns by name, as attributes, with the types the
models give them whatever the driver returned (SQLite keeps dates as ISO text).
"""

import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from huurbeg.db.column_types import TYPES

ALIASES = {"last_contact": "date", "last_reached": "date", "track_since": "date"}
"""Names a statement gives a computed date (`max(contact.date) AS last_contact`), typed as a column is."""


def _named(*kinds: str) -> frozenset[str]:
    return frozenset(name for columns in (*TYPES.values(), ALIASES) for name, kind in columns.items() if kind in kinds)


# A row is typed by the names of its columns: a name holds one kind in every table (tests/test_reads.py).
DATE_COLUMNS = _named("date")
"""Columns (and aliases) holding a date: stored as 'YYYY-MM-DD' on SQLite."""

DATETIME_COLUMNS = _named("moment", "wall-clock")
"""Columns holding a moment: stored as 'YYYY-MM-DD HH:MM:SS.ffffff' on SQLite (as SQLAlchemy writes them),
in UTC and read as aware UTC moments, except the wall-clock ones."""

WALL_CLOCK_COLUMNS = _named("wall-clock")
"""Moments kept as the court's wall-clock time, without a time zone (a hearing's start)."""

BOOLEAN_COLUMNS = _named("boolean")


def _typed(name: str, value: Any) -> Any:
    if value is None:
        return value
    if name in DATETIME_COLUMNS and isinstance(value, (str, datetime)):
        return _moment(name, value)
    if name in DATE_COLUMNS and isinstance(value, str):
        return date.fromisoformat(value[:10])
    if name in BOOLEAN_COLUMNS and isinstance(value, int):
        return bool(value)
    return value


def _converter(name: str):
    """What `_typed` does to a value of the column `name`, chosen once for a whole statement; None: nothing."""
    kinds = (name in DATETIME_COLUMNS) + (name in DATE_COLUMNS) + (name in BOOLEAN_COLUMNS)
    if kinds > 1:
        return lambda value: _typed(name, value)
    if name in DATETIME_COLUMNS:
        return lambda value: _moment(name, value) if isinstance(value, (str, datetime)) else value
    if name in DATE_COLUMNS:
        return lambda value: date.fromisoformat(value[:10]) if isinstance(value, str) else value
    if name in BOOLEAN_COLUMNS:
        return lambda value: bool(value) if isinstance(value, int) else value
    return None


def _moment(name: str, value) -> datetime:
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    if name in WALL_CLOCK_COLUMNS:
        return moment.replace(tzinfo=None)
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


class Record(dict):
    """One row: `row.name` and `row["name"]`, typed by column name."""

    __slots__ = ()

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


def _sqlite_params(params: dict) -> dict:
    return {key: _sqlite_value(value) for key, value in params.items()}


def _sqlite_value(value: Any) -> Any:
    """A parameter as SQLAlchemy stores it in SQLite, so comparisons of text agree."""
    if isinstance(value, datetime):  # a moment in UTC, or a wall-clock time
        moment = value.astimezone(UTC) if value.tzinfo else value
        return moment.replace(tzinfo=None).isoformat(" ", "microseconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


class Connection:
    """Statements on one database, in the command's one transaction."""

    def __init__(self, raw, dialect: str, written=None, begin=None):
        self.raw = raw  # a sqlite3.Connection, or SQLAlchemy's Connection
        self.dialect = dialect
        # told of every statement that writes: a store keeps a transaction that wrote when a question waits
        self._written = written
        # called before every statement: a store begins its transaction at the first, and after each pause
        self._begin = begin
        # SQLite under SQLAlchemy: its driver's connection, in the same transaction, without the
        # cost of SQLAlchemy per statement (an import runs tens of thousands).
        self._driver = raw if isinstance(raw, sqlite3.Connection) else \
            raw.connection.driver_connection if dialect == "sqlite" else None

    @property
    def sqlite(self) -> sqlite3.Connection | None:
        """The driver's connection on an SQLite file, for what SQL text cannot do (a blob written in pieces),
        in the command's transaction."""
        if self._begin is not None:
            self._begin()
        return self._driver

    def rows(self, statement: str, **params) -> list[Record]:
        names, rows = self._run(statement, params)
        typed = [(n, convert) for n, convert in enumerate(map(_converter, names)) if convert is not None]
        if not typed:
            return [Record(zip(names, row)) for row in rows]
        found = []
        for row in rows:
            values = list(row)
            for n, convert in typed:
                if values[n] is not None:
                    values[n] = convert(values[n])
            found.append(Record(zip(names, values)))
        return found

    def one(self, statement: str, **params) -> Record | None:
        found = self.rows(statement, **params)
        return found[0] if found else None

    def single(self, statement: str, **params) -> Record:
        """The one row a statement always finds (an aggregate, a row by an id in hand): a missing one is a fault
        of the program, not of what was typed."""
        found = self.one(statement, **params)
        if found is None:
            raise LookupError(f"no row for: {statement}")
        return found

    def value(self, statement: str, **params) -> Any:
        _, rows = self._run(statement, params)
        return rows[0][0] if rows else None

    def execute(self, statement: str, **params) -> None:
        self._run(statement, params, fetch=False)
        if self._written is not None:
            self._written(statement)

    def insert(self, statement: str, **params) -> int:
        """An INSERT of one row; its new id."""
        if self._begin is not None:
            self._begin()
        new: int | None
        if self._driver is not None:
            new = self._driver.execute(statement, _sqlite_params(params)).lastrowid
        else:
            new = self._run(statement + " RETURNING id", params)[1][0][0]
        if new is None:
            raise LookupError(f"no new id for: {statement}")
        if self._written is not None:
            self._written(statement)
        return new

    def _run(self, statement: str, params: dict, fetch: bool = True) -> tuple[list[str], list]:
        if self._begin is not None:
            self._begin()
        if self._driver is not None:
            cursor = self._driver.execute(statement, _sqlite_params(params))
            return ([column[0] for column in cursor.description or ()], cursor.fetchall() if fetch else [])
        from sqlalchemy import text

        result = self.raw.execute(text(statement), params)
        return (list(result.keys()), result.fetchall()) if fetch else ([], [])


@dataclass(frozen=True)
class Select:
    """The ids a subquery selects: for `IN (...)` where a list of ids would be long (every open case)."""

    statement: str
    params: dict


def members(name: str, ids) -> tuple[str, dict]:
    """What goes inside `IN (...)`: a Select's statement, or the ids as parameters."""
    return (ids.statement, ids.params) if isinstance(ids, Select) else in_list(name, ids)


def in_list(name: str, values) -> tuple[str, dict]:
    """`:name_0, :name_1, ...` and its parameters, for `IN (...)` on both databases."""
    values = list(values)
    if not values:
        return "NULL", {}
    params = {f"{name}_{n}": value for n, value in enumerate(values)}
    return ", ".join(f":{key}" for key in params), params
