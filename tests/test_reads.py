"""Lookups, lists and the roll read with plain SQL (huurbeg.db.reader): without the ORM's
imports, with the same answers as the Store's way, recording the dossiers they show."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from conftest import TODAY, POSTGRES, query, snapshot

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "questionary")


@pytest.fixture
def casework(cli, new_case):
    """Cases with what every lookup shows: contacts, a plan with a payment, a hearing, a referral."""
    first = new_case("--date", "01/09/2026", "--rent", "650")
    second = new_case("--tenant", "Karim [red]Aziz[/red]", "--date", "01/10/2026")
    steps = [["visit", first, "--kind", "home", "--minutes", "45", "--date", "01/10/2026", "--note", "Bezoek"],
             ["plan", first, "--arrears", "1200", "--force", "--instalment", "100", "--start", "01/10/2026"],
             ["plan", "pay", first, "--amount", "100", "--date", "02/10/2026"],
             ["refer", first, "--to", "ocmw", "--date", "03/10/2026"],
             ["hearing", "add", second, "--date", "23/11/2026 09:30", "--court", "Vredegerecht Mechelen",
              "--claimed", "2400"]]
    for args in steps:
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
    return first, second


def lookups(first: str, second: str) -> list[list[str]]:
    return [["case", "show", first], ["case", "show", second], ["case", "find", "Peeters"],
            ["hearing", "list", "--date", "23/11/2026"], ["hearing", "brief", second], ["plan", "show", first],
            [], ["case", "list"], ["deadlines"]]


@pytest.mark.sqlite_only
@pytest.mark.slow
def test_lookups_import_neither_the_orm_nor_pydantic(casework, db_path):
    code = ("import sys\nfrom huurbeg.cli.root import main\nsys.argv = ['huurbeg'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
            f"print('HEAVY', sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n")
    env = dict(os.environ, HUURBEG_DB=str(db_path), HUURBEG_TODAY=TODAY)
    for args in lookups(*casework):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=env)
        assert done.returncode == 0, (args, done.stderr)
        assert "HEAVY []" in done.stderr, (args, done.stderr)


def test_the_reader_and_the_store_answer_alike(casework, monkeypatch):
    """What each lookup builds from the Reader equals what it builds from a writing command's Store."""
    import dataclasses
    from datetime import date

    from huurbeg.domain import caseload, followup, hearings
    from huurbeg.output.render import json_value
    from huurbeg.cli.state import AppState

    first, second = casework
    today = date.fromisoformat(TODAY)
    views = [lambda s: caseload.dossier(s, first, today), lambda s: caseload.dossier(s, second, today),
             lambda s: hearings.brief(s, second, today), lambda s: followup.plan_view(s, first, today),
             lambda s: caseload.case_list(s, None, None, today), lambda s: caseload.deadlines(s, today, 30),
             lambda s: caseload.history(s, first), lambda s: caseload.overview(s, today),
             lambda s: hearings.roll(s, date(2026, 11, 23), 1, None),
             lambda s: caseload.find(s, "Peeters", None)]  # last: the Store's session holds the reads it logs
    through_store, through_reader = AppState(), AppState()
    store, reader = through_store.store(write=False), through_reader.reader()
    from huurbeg.db.store import Store

    assert isinstance(store, Store) and type(reader).__name__ == "Reader"
    def plain(value):
        if hasattr(value, "as_dict"):
            return value.as_dict()
        if dataclasses.is_dataclass(value):
            return dataclasses.asdict(value)
        found = json_value(value)
        return found if found is not value else repr(value)

    as_json = lambda data: json.dumps(data, default=plain, sort_keys=True)  # noqa: E731
    try:
        for view in views:
            assert as_json(view(reader)) == as_json(view(store))
    finally:
        through_store.finish(False)
        through_reader.finish(False)


def test_a_lookup_records_the_dossier_it_shows(cli, casework, db_path):
    first, _ = casework
    before = query(db_path, "SELECT count(*) FROM history WHERE action = 'read'")[0][0]
    assert cli("case", "show", first).exit_code == 0
    assert cli("case", "find", "Peeters").exit_code == 0
    assert cli("case", "list").exit_code == 0  # a list is not a dossier
    reads = query(db_path, "SELECT detail FROM history WHERE action = 'read' ORDER BY id")
    assert [detail for (detail,) in reads[before:]] == ["case show", "case find"]


def test_a_failed_lookup_records_nothing(cli, casework, db_path):
    before = snapshot(db_path)
    result = cli("case", "show", "2026-0999")
    assert result.exit_code == 3 and "does not exist" in result.stderr
    assert snapshot(db_path) == before


@pytest.mark.sqlite_only
def test_a_lookup_holds_no_lock_while_it_reads(casework, db_path, monkeypatch):
    """Its reads take no write lock; the read it records waits for a writer, then is written."""
    from huurbeg.cli.state import AppState

    monkeypatch.setenv("HUURBEG_DB", str(db_path))
    state = AppState()
    reader = state.reader(records_reads=True)
    reader.cases.case(casework[0])
    other = sqlite3.connect(db_path, timeout=0, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # a colleague writes while the lookup reads
    other.execute("ROLLBACK")
    other.close()
    reader.log_reads([reader.cases.case(casework[0]).id], "case show")
    state.finish(True)
    assert query(db_path, "SELECT detail FROM history ORDER BY id DESC LIMIT 1") == [("case show",)]


@pytest.mark.skipif(bool(POSTGRES), reason="the models are compared once")
def test_records_are_typed_as_the_models_type_their_columns():
    """Every date, moment and flag of the schema comes back as such from SQLite's text."""
    import datetime

    from sqlmodel import SQLModel

    import huurbeg.db.models  # noqa: F401  (the tables)
    from huurbeg.db import sql

    for table in SQLModel.metadata.tables.values():
        for column in table.columns:
            stored = getattr(column.type, "impl", column.type)  # SQLModel's UTCDateTime decorates DateTime
            kind, where = stored.python_type, (table.name, column.name)
            if kind is datetime.datetime:
                assert column.name in sql.DATETIME_COLUMNS, where
                aware = stored.timezone  # UTCDateTime: aware, in UTC
                assert (column.name in sql.WALL_CLOCK_COLUMNS) == (not aware), where
            elif kind is datetime.date:
                assert column.name in sql.DATE_COLUMNS, where
            elif kind is bool:
                assert column.name in sql.BOOLEAN_COLUMNS, where
            else:
                assert column.name not in sql.DATE_COLUMNS | sql.DATETIME_COLUMNS | sql.BOOLEAN_COLUMNS, where


@pytest.mark.skipif(bool(POSTGRES), reason="the models are compared once")
def test_the_typed_columns_are_made_from_the_models():
    """A date, moment or flag added to the models is typed on SQLite once the table is written again."""
    from huurbeg.db import column_types

    assert column_types.TYPES == column_types.from_models(), "run: python -m huurbeg.db.column_types"


def _statements() -> list[tuple[str, str]]:
    """The SQL text of every storage module: (module, string), an f-string's fields as `{}`."""
    import ast
    from pathlib import Path

    import huurbeg.db

    found = []
    for path in sorted(Path(huurbeg.db.__file__).parent.glob("*.py")):
        if path.name in ("models.py", "column_types.py"):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                found.append((path.name, node.value))
            elif isinstance(node, ast.JoinedStr):
                found.append((path.name, "".join(part.value if isinstance(part, ast.Constant) else "{}"
                                                 for part in node.values)))
    return found


@pytest.mark.skipif(bool(POSTGRES), reason="the models are compared once")
def test_every_column_the_sql_names_is_a_column_of_the_models_typed_as_they_type_it():
    """`table.column`, the columns an INSERT lists and an UPDATE sets, exist in the models; a name is one kind
    (date, moment, flag or none) in every table, since a row is typed by its columns' names; every alias
    typed as a date is a name a statement gives."""
    import re

    from sqlmodel import SQLModel

    import huurbeg.db.models  # noqa: F401  (the tables)
    from huurbeg.db import column_types, sql

    tables = {table.name: {column.name for column in table.columns} for table in SQLModel.metadata.tables.values()}
    kinds: dict[str, set[str]] = {}
    for name, columns in tables.items():
        for column in columns:
            kinds.setdefault(column, set()).add(column_types.TYPES.get(name, {}).get(column, "none"))
    assert {name: kind for name, kind in kinds.items() if len(kind) > 1} == {}
    named = re.compile(rf"\b({'|'.join(tables)})\.(\w+)\b")
    inserted = re.compile(r"INSERT INTO (\w+) \(([^)]*)\)")
    updated = re.compile(r"UPDATE (\w+) SET (.*?)(?: WHERE |$)", re.S)
    unknown, statements = [], _statements()
    for module, text in statements:
        if not re.search(r"\b(SELECT|INSERT|UPDATE|DELETE)\b", text):
            continue
        for table, column in named.findall(text):
            unknown += [] if column in tables[table] else [(module, f"{table}.{column}")]
        for table, columns in inserted.findall(text):
            unknown += [(module, f"{table}.{c.strip()}") for c in columns.split(",")
                        if table in tables and c.strip() not in tables[table] and c.strip() != "{}"]
        for table, assignments in updated.findall(text):
            unknown += [(module, f"{table}.{c}") for c in re.findall(r"(\w+) = ", assignments)
                        if table in tables and c not in tables[table]]
    assert unknown == []
    for alias, kind in sql.ALIASES.items():
        assert alias not in kinds, alias  # a column's own name is typed by the models
        assert any(f"AS {alias}" in text for _, text in statements), alias


def test_a_write_in_sql_is_kept_at_a_pause(new_case, db_path):
    """A write through the SQL layer counts as written: the pause before a question keeps the transaction
    (it would lose the write)."""
    from huurbeg.cli.state import AppState

    number = new_case()
    state = AppState()
    store = state.store()
    assert store.cases.case(number).worker != "karim"
    store.sql.execute("UPDATE case_file SET worker = :worker WHERE number = :number", worker="karim",
                      number=number)
    store.pause()  # as before every question
    state.finish(True)
    assert query(db_path, f"SELECT worker FROM case_file WHERE number = '{number}'") == [("karim",)]
