"""All output: tables for people, json and csv for programs, messages on stderr.

Data given to these functions keep their types (date, Cents, enums); each format
writes them its own way: dd/mm/yyyy and € 1.234,56 on screen, ISO dates and
euros as numbers in json and csv. json and csv write only data to stdout.
"""

import csv
import json
import sys
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from enum import Enum

from huurbeg import dates, money


class Cents(int):
    """An amount of money in cents: shown as euros."""


SEVERITY_STYLE = {"overdue": "bold red", "urgent": "red", "warning": "yellow", "info": "dim"}
WRAPPING = {"tenant", "warning", "message", "detail", "note", "court", "address", "landlord", "text"}
"""Columns of free text; the others (numbers, dates, codes) never wrap mid-word."""


def console(stderr: bool = False):
    from rich.console import Console

    return Console(stderr=stderr, highlight=False)


def message(text: str) -> None:
    """A message for the worker, on stderr so that stdout stays data; one line, never wrapped
    (cron mails and logs keep it whole)."""
    console(stderr=True).print(text, markup=False, soft_wrap=True)


def notice(text: str, style: str = "yellow") -> None:
    console(stderr=True).print(text, style=style, markup=False, soft_wrap=True)


def json_value(value):
    if isinstance(value, Cents):
        return money.euros(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def text_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Cents):
        return money.fmt(value)
    if isinstance(value, (date, datetime)):
        return dates.fmt(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(text_value(v) for v in value)
    return str(value)


def write_json(data) -> None:
    sys.stdout.write(json.dumps(json_value(data), ensure_ascii=False, indent=2) + "\n")


def write_csv(rows: Sequence[dict], keys: Sequence[str] | None = None) -> None:
    keys = list(keys or (rows[0].keys() if rows else []))
    writer = csv.writer(sys.stdout, lineterminator="\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else _csv_value(row.get(k)) for k in keys])


def _csv_value(value) -> str:
    if isinstance(value, Cents):
        return f"{value / 100:.2f}"  # euros, always with both decimals
    value = json_value(value)
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def table(rows: Iterable[dict], columns: Sequence[tuple[str, str]], title: str | None = None):
    """A Rich table of `rows`, one column per (key, header); rows with a severity are coloured."""
    from rich import box
    from rich.table import Table

    grid = Table(title=title, title_justify="left", header_style="bold", box=box.SIMPLE_HEAD,
                 pad_edge=False, collapse_padding=True)
    for key, header in columns:
        grid.add_column(header, overflow="fold", no_wrap=key not in WRAPPING,
                        ratio=1 if key in WRAPPING else None, min_width=8 if key in WRAPPING else None)
    for row in rows:
        grid.add_row(*(text_value(row.get(key)) for key, _ in columns),
                     style=SEVERITY_STYLE.get(text_value(row.get("severity")), None))
    return grid


def emit_rows(rows: list[dict], fmt: str, columns: Sequence[tuple[str, str]], *,
              title: str | None = None, empty: str = "Nothing to show.") -> None:
    """A list in the chosen format; json/csv carry every key of the rows, the table `columns`."""
    if fmt == "json":
        write_json(rows)
    elif fmt == "csv":
        write_csv(rows)
    elif not rows:
        message(empty)
    else:
        console().print(table(rows, columns, title))


def emit_fields(record: dict, fmt: str) -> bool:
    """json/csv of one object (csv as field,value rows); False when a table is wanted."""
    if fmt == "json":
        write_json(record)
    elif fmt == "csv":
        flat = [{"field": k, "value": v} for k, v in record.items() if not isinstance(v, (list, dict))]
        write_csv(flat, ["field", "value"])
    else:
        return False
    return True
