"""Rows as an Excel workbook (`--format xlsx`), the way a coordinator's spreadsheet wants them.

Cells keep their types: dates are dates, amounts are numbers in euros with two decimals and the euro sign,
counts are whole numbers, yes/no are booleans. Each sheet has a bold header row (the
same keys as the csv), frozen under the header, with a filter and columns wide enough
to read. Text is always text: a value that starts with `=` is never a formula. openpyxl
is imported only here, only when a workbook is asked for.

A spreadsheet is read by people: to a Dutch reader its headers, its sheet names and its values
are Dutch (for_people), in a workbook and in csv-excel alike; json and plain csv stay the data
contract, keys and slugs the same in every language.
"""

import io
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum

from huurbeg.core import codes, dates
from huurbeg.core.codes import COLUMN_CODES
from huurbeg.core.i18n import N_, _, language, speaking
from huurbeg.core.messages import Msg, state_word, text_value
from huurbeg.core.money import Cents
from huurbeg.domain import figures

DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
EURO_FORMAT = "[$€-813] #,##0.00"
"""A money cell: euros with two decimals and the euro sign, as Excel writes the euro of Belgian Dutch."""
COUNT_FORMAT = "0"
DECIMAL_FORMAT = "0.0"
WIDEST = 60
"""A column is never wider than this many characters; longer text wraps in Excel's own way."""
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


HEADERS = {
    "field": N_("Field"), "value": N_("Value"), "period": N_("Period"), "figure": N_("Figure"),
    "breakdown": N_("Breakdown"), "worker": N_("Worker"), "case": N_("Case"), "rule": N_("Rule"),
    "severity": N_("Severity"), "due": N_("Due"), "message": N_("Warning"), "tenant": N_("Tenant"),
    "track": N_("Track"), "status": N_("Status"), "intake_date": N_("Intake date"), "days_open": N_("Days open"),
    "last_contact": N_("Last contact"), "next_deadline": N_("Next deadline"), "warning": N_("Warning"),
    "address": N_("Address"), "landlord": N_("Landlord"), "matched": N_("Matched"), "score": N_("Score"),
    "at": N_("When"), "user": N_("Who"), "role": N_("Role"), "action": N_("What"), "detail": N_("Detail"),
    "id": N_("Number"), "kind": N_("Kind"), "date": N_("Date"), "name": N_("File"), "type": N_("Type"),
    "size": N_("Size"), "note": N_("Note"), "added": N_("Added"), "reached": N_("Reached"),
    "minutes": N_("Minutes"), "next": N_("Next contact"), "seq": N_("Instalment"), "amount": N_("Amount"),
    "paid": N_("Paid"), "state": N_("State"), "starts_at": N_("Hearing"), "court": N_("Court"),
    "room": N_("Room"), "claimed": N_("Claimed"), "plan": N_("Payment plan"), "last_reached": N_("Last reached"),
    "prepared": N_("Prepared"), "result": N_("Result"), "petition_date": N_("Petition date"),
    "dwelling": N_("Dwelling"), "admitted": N_("Since"), "until": N_("Until"), "review": N_("Review"),
    "days_left": N_("Days left"), "extensions": N_("Extensions"), "free": N_("Free"), "to": N_("Referred to"),
    "outcome": N_("Outcome"), "outcome_date": N_("Answered"), "closed_date": N_("Closed"),
    "source": N_("registration source"), "referrer": N_("Referrer"), "returning_household": N_("Returning household"),
    "arrears": N_("Arrears"), "rent": N_("Rent"), "payment_plan": N_("Payment plan"),
    "fbu_agreement": N_("FBU agreement"), "stay": N_("Stay"), "adults": N_("Adults"), "children": N_("Children"),
    "proposal": N_("Proposal"), "phone": N_("Phone"), "birth_date": N_("Birth date"),
    "national_number": N_("national register number"), "landlord_type": N_("landlord type"),
    "problems": N_("Problems"), "problem": N_("problem"), "tenant_informed": N_("Tenant informed"),
    "closed": N_("Closed"), "reference": N_("import reference"),
}
"""Each key of the data as the header of a person's spreadsheet."""
SHEETS = {
    "case list": N_("cases"), "case find": N_("search"), "case history": N_("history"),
    "case files": N_("documents"), "visit list": N_("contacts"), "hearing list": N_("hearings"),
    "transfer list": N_("dwellings"), "refer list": N_("referrals"), "deadlines": N_("deadlines"),
    "purge": N_("purge"), "hearing courts": N_("courts"), "service show": N_("service"),
    "landlord show": N_("landlord"), "landlord list": N_("landlords"),
}
"""A listing's sheet, named after its command, as a Dutch reader names it."""
MORE_CODES = {"matched": (codes.FoundIn,), "kind": (codes.AttachmentKind,), "to": (codes.ReferralDestination,)}
"""Code lists of keys that a table shows through its command, not through COLUMN_CODES."""
STATE_KEYS = ("state", "plan", "payment_plan")


def header(key: str) -> str:
    """A key as a person's spreadsheet heads its column."""
    text = _(HEADERS[key]) if key in HEADERS else key.replace("_", " ")
    return text[:1].upper() + text[1:]  # a code list's name ('landlord type') heads a column too


def sheet_title(name: str) -> str:
    """A sheet's name in the reader's language: a figures panel or a listing's command."""
    if language() != "nl":
        return name
    if name in figures.PANELS:
        return figures.panel_name(name)
    return _(SHEETS[name]) if name in SHEETS else name


def word(key: str, value, *, text_dates: bool = False):
    """A value of `key` as a Dutch reader's spreadsheet shows it: a code by its label, yes/no, a state in
    words, a list joined; a date, an amount and a number keep their type (the cell's format shows them),
    in csv (`text_dates`) a date is written dd/mm/yyyy, as a Belgian Excel reads a date."""
    if isinstance(value, date) and text_dates:
        return dates.fmt(value)
    if value is None or isinstance(value, (Cents, date, dict)):
        return value
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, (int, float)):
        return value
    if isinstance(value, (Enum, Msg)):
        return text_value(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(str(word(key, v)) for v in value)
    if key == "figure":
            return figures.figure_name(value)
    if key == "breakdown" and "=" in value:
            return figures.breakdown_words(value)
    if key in STATE_KEYS:
        return state_word(value)
    for enum in COLUMN_CODES.get(key, ()) + MORE_CODES.get(key, ()):
        if (member := codes.known(enum, value)) is not value:
            return codes.shown(member)
    return value


def for_people(rows: list[dict], *, text_dates: bool = False) -> list[dict]:
    """`rows` as a spreadsheet for people: to a Dutch reader, headers and values in Dutch; to an English
    one the keys and slugs of the csv."""
    if language() != "nl":
        return rows
    return [{header(key): word(key, value, text_dates=text_dates) for key, value in row.items()} for row in rows]


def fields_for_people(record: dict, *, text_dates: bool = False) -> list[dict]:
    """One object as field/value rows, headed and worded for its reader."""
    flat = [(k, v) for k, v in record.items() if not isinstance(v, (list, dict))]
    if language() != "nl":
        return [{"field": k, "value": v} for k, v in flat]
    return [{header("field"): header(k), header("value"): word(k, v, text_dates=text_dates)} for k, v in flat]


def workbook(rows: list[dict], title: str, sheet: Callable[[dict], str] | None = None, *,
             people: bool = True) -> bytes:
    """The xlsx file of `rows`: one sheet, or one per value of `sheet(row)`, in order of appearance;
    with `people`, the rows are worded for their reader here (for_people)."""
    from openpyxl import Workbook  # heavy

    book = Workbook()
    book.remove(book.active)
    book.properties.title = sheet_title(title)  # a listing by its Dutch name to a Dutch reader, as its sheet
    book.properties.creator = "huurbeg"
    groups: dict[str, list[dict]] = {}
    for row in rows:
        groups.setdefault(sheet(row) if sheet else title, []).append(row)
    for name, members in (groups or {title: []}).items():
        _fill(book.create_sheet(_sheet_name(sheet_title(name))), for_people(members) if people else members)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill(sheet, rows: list[dict]) -> None:
    from openpyxl.styles import Font, PatternFill  # heavy
    from openpyxl.utils import get_column_letter  # heavy

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
