"""Rows as an Excel workbook (`--format xlsx`), the way a coordinator's spreadsheet wants them.

Cells keep their types: dates are dates, amounts are numbers in euros with two decimals,
counts are whole numbers, yes/no are booleans. Each sheet has a bold header row (the
same keys as the csv), frozen under the header, with a filter and columns wide enough
to read. Text is always text: a value that starts with `=` is never a formula. openpyxl
is imported only here, only when a workbook is asked for.
"""

import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum

from huurbeg.i18n import speaking
from huurbeg.render import Cents, text_value

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
EURO_FORMAT = "#,##0.00"
COUNT_FORMAT = "0"
DECIMAL_FORMAT = "0.0"
WIDEST = 60
"""A column is never wider than this many characters; longer text wraps in Excel's own way."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def workbook(rows: list[dict], title: str, sheet: Callable[[dict], str] | None = None) -> bytes:
    """The xlsx file of `rows`: one sheet, or one per value of `sheet(row)`, in order of appearance."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    book.properties.title = title
    book.properties.creator = "huurbeg"
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(sheet(row) if sheet else title, []).append(row)
    for name, members in (groups or {title: []}).items():
        _fill(book.create_sheet(_sheet_name(name)), members)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, rows: list[dict]) -> None:
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    keys = list(rows[0]) if rows else []
    widths = [len(key) for key in keys]
    sheet.append(keys)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDDDDD")
    for row in rows:
        values = [_typed(row.get(key)) for key in keys]
        sheet.append([value for value, _ in values])
        for column, (cell, (value, number_format)) in enumerate(zip(sheet[sheet.max_row], values)):
            if isinstance(value, str):
                cell.data_type = "s"  # text, never a formula
            if number_format:
                cell.number_format = number_format
            widths[column] = max(widths[column], _shown_width(value))
    sheet.freeze_panes = "A2"
    if keys:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(keys))}{max(sheet.max_row, 1)}"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(width + 2, WIDEST)


def _typed(value) -> tuple[object, str | None]:
    """The cell value and its number format."""
    if value is None:
        return None, None
    if isinstance(value, Cents):
        return int(value) / 100, EURO_FORMAT
    if isinstance(value, bool):
        return value, None
    if isinstance(value, int):
        return value, COUNT_FORMAT
    if isinstance(value, float):
        return value, DECIMAL_FORMAT
    if isinstance(value, datetime):
        return value.replace(tzinfo=None), DATETIME_FORMAT
    if isinstance(value, date):
        return value, DATE_FORMAT
    if isinstance(value, Enum):
        return str(value.value), None
    if isinstance(value, dict):
        return _ILLEGAL.sub("\ufffd", json.dumps(value, ensure_ascii=False, default=str)), None
    with speaking("en"):  # data, as in csv: the same in every language
        return _ILLEGAL.sub("\ufffd", text_value(value)), None


def _shown_width(value) -> int:
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _sheet_name(name: str) -> str:
    """Excel's rules: at most 31 characters, none of []:*?/\\."""
    return _SHEET_NAME.sub("-", name)[:31] or "huurbeg"
