"""Reading an existing caseload from a spreadsheet export (CSV) into intake drafts.

Columns (header names are matched without case, spaces or dashes; order free):
  ref, tenant*, address, phone, birth_date, national_number, adults, children,
  landlord, landlord_type, track*, source*, referrer, problems, intake_date*,
  arrears, tenant_informed*, status, closed_date, outcome, note      (* required)
Dates Belgian or ISO, money in either notation, `problems` separated by commas,
spaces or |, yes/no as yes/ja/y/j/true/1 and no/nee/n/false/0. Both UTF-8 (with
or without BOM) and Excel's semicolon-separated Windows-1252 files are read.
Every row is checked before anything is written; an error names the row (as a spreadsheet
numbers it, the header being row 1) and the column by its header, with what the column accepts,
never the cell's content (it may be personal data).
"""

import csv
import hashlib
import io
import itertools
import re
from dataclasses import dataclass
from datetime import date

from huurbeg.core import dates, money, national_number
from huurbeg.domain.casework import IntakeDraft, complete, match_key
from huurbeg.core.codes import WHAT, LandlordType, Outcome, Problem, Source, Status, Track, choices, parse_code
from huurbeg.core.errors import HuurbegError, InvalidInput, naming, said
from huurbeg.core.i18n import N_, _

COLUMNS = ("ref", "tenant", "address", "phone", "birth_date", "national_number", "adults", "children", "landlord",
           "landlord_type", "track", "source", "referrer", "problems", "intake_date", "arrears", "tenant_informed",
           "status", "closed_date", "outcome", "note")
REQUIRED = ("tenant", "track", "source", "intake_date", "tenant_informed")
YES, NO = {"yes", "ja", "y", "j", "true", "1", "x"}, {"no", "nee", "n", "false", "0", ""}


@dataclass
class ImportRow:
    line: int
    ref: str
    draft: IntakeDraft
    status: Status
    closed_date: date | None
    outcome: Outcome | None


SAVE_AS = N_("save the spreadsheet as 'CSV UTF-8' and import that file")


def read_text(raw: bytes) -> str:
    """The file as text: UTF-8, else Windows-1252; anything else is refused, never guessed."""
    if b"\x00" in raw:
        raise InvalidInput(_("FILE: not a text file (it holds binary data); {save_as}").format(save_as=_(SAVE_AS)))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # Excel's "CSV (semicolon-separated)" on Windows
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InvalidInput(_("FILE: line {line}: byte 0x{value:02x} is neither UTF-8 nor Windows-1252 text; "
                             "{save_as}").format(line=line, value=raw[exc.start], save_as=_(SAVE_AS))) from None


def _key(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().lower())


class RowError(ValueError):
    """A bad row: the column at fault (its key) and what that column accepts, never the cell's content."""

    def __init__(self, column: str, reason: str):
        super().__init__(reason)
        self.column, self.reason = column, reason


def parse(raw: bytes, today: date, known_landlords: set[str]) -> tuple[list[ImportRow], list[str]]:
    """The valid rows and one error line per bad row ('row 7: Intake date: not a date ...')."""
    text = read_text(raw)
    if not text.strip():
        raise InvalidInput(_("FILE: the file is empty; {save_as}").format(save_as=_(SAVE_AS)))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect=dialect)
    try:
        return _records(reader, today, known_landlords)
    except csv.Error as exc:  # a field over the csv module's limit, a stray quote at the end, ...
        raise InvalidInput(_("FILE: not readable as CSV after line {line_num} ({exc}); {save_as}")
                           .format(line_num=reader.line_num, exc=exc, save_as=_(SAVE_AS))) from None


def _shortened(header: str) -> str:
    return header if len(header) <= 40 else header[:39] + "…"


def _records(reader, today: date, known_landlords: set[str]) -> tuple[list[ImportRow], list[str]]:
    row_number, names = 0, None
    for cells in reader:  # rows counted as a spreadsheet shows them: an empty row is a row too
        row_number += 1
        if any(cell.strip() for cell in cells):
            names = cells
            break
    keys = [_key(h) for h in names or []]
    headers = {key: h.strip() for key, h in zip(keys, names or []) if key}
    if missing := [c for c in REQUIRED if c not in headers]:
        raise InvalidInput(_("FILE: missing column(s) {join}; the columns are: {join2}")
                           .format(join=', '.join(missing), join2=', '.join(COLUMNS)))
    if unknown := [_shortened(h) for k, h in headers.items() if k not in COLUMNS]:
        raise InvalidInput(_("FILE: unknown column(s) {join}; the columns are: {join2}")
                           .format(join=', '.join(unknown), join2=', '.join(COLUMNS)))
    if twice := [_shortened(h) for key, h in headers.items() if keys.count(key) > 1]:
        raise InvalidInput(_("FILE: column(s) {join} given twice; keep one of each").format(join=', '.join(twice)))
    rows, errors = [], []
    seen: dict[str, int] = {}  # each reference in the file, with the row that first gave it
    for cells in reader:
        row_number += 1
        values = {key: "" for key in headers}
        stray = None  # the first filled cell under no header: a separator inside an unquoted cell shifts the rest
        for n, (key, cell) in enumerate(itertools.zip_longest(keys, cells, fillvalue="")):
            if key in headers:
                values[key] = cell.strip()
            elif cell.strip() and stray is None:
                stray = n
        if not any(values.values()) and stray is None:
            continue
        ref = values.get("ref", "")
        try:
            if stray is not None:
                raise RowError(next((k for k in reversed(keys[:stray]) if k in headers), ""),
                               _("a cell after this column has no header; put a cell that holds a comma or a "
                                 "semicolon between double quotes"))
            if ref and ref in seen:
                raise RowError("ref", _("repeats row {row}; give each case its own ref").format(row=seen[ref]))
            row = _row(row_number, values, today, known_landlords)
            if not ref:
                if row.ref in seen:
                    same = _("the same as row {row}; give each case its own ref") if "ref" in headers else \
                        _("the same as row {row}; add a ref column to tell the cases apart")
                    raise RowError("/".join(k for k in DERIVED if k in headers), same.format(row=seen[row.ref]))
                seen[row.ref] = row_number
            rows.append(row)
        except RowError as exc:
            column = "/".join(headers.get(key, key) for key in exc.column.split("/"))
            problem = f"{column}: {exc.reason}" if column else exc.reason
            errors.append(_("row {row}: {problem}").format(row=row_number, problem=problem))
        except (ValueError, HuurbegError) as exc:  # a rule that names no column still names its row
            errors.append(_("row {row}: {problem}").format(row=row_number, problem=exc))
        if ref:
            seen.setdefault(ref, row_number)
    return rows, errors


def _field(name: str, parse, text: str):
    """The parsed cell; a parser's reason says what is accepted, never what the cell holds."""
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise RowError(name, str(exc)) from None


def _code(name: str, enum, what: str, text: str):
    """A coded cell: a wrong one is refused with the valid codes, without repeating it."""
    if not text:
        return None
    try:
        return parse_code(enum, text, what)
    except ValueError:
        raise RowError(name, _("not a valid {what}; use one of: {names}")
                       .format(what=_(WHAT.get(what, what)), names=choices(enum))) from None


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(_("use a whole number"))
    return int(text)


FLAG_COLUMNS = {"date": "intake_date"}
"""Intake flags whose column has another name."""


def _column(field: str) -> str:
    """The column of an intake field (`birth_date`, `intake_date` for `date`)."""
    return FLAG_COLUMNS.get(field, field)


def _rule_broken(exc: HuurbegError) -> RowError:
    """An intake rule's message about a field (`landlord_type`) as the fault of the column of that name;
    the fields it refers to further on ('than the birth_date given') are named by their columns too."""
    field = getattr(exc, "field", None)
    with naming(_column):
        return RowError(_column(field) if field is not None else "", said(getattr(exc, "detail", "")))


def _yes(text: str) -> bool:
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise ValueError(_("use yes or no"))


def _row(line: int, v: dict, today: date, known_landlords: set[str]) -> ImportRow:
    day = lambda t: dates.parse_date(t, today)  # noqa: E731
    problems = [_code("problems", Problem, "problem", p) for p in re.split(r"[,|/+\s]+", v.get("problems", ""))
                if p]
    draft = IntakeDraft(
        track=_code("track", Track, "track", v["track"]),
        tenant=v["tenant"] or None, address=v.get("address") or None, phone=v.get("phone") or None,
        birth_date=_field("birth_date", day, v.get("birth_date", "")),
        national_number=_field("national_number", national_number.normalise, v.get("national_number", "")),
        adults=_field("adults", _count, v.get("adults", "")),
        children=_field("children", _count, v.get("children", "")),
        landlord=v.get("landlord") or None,
        landlord_type=_code("landlord_type", LandlordType, "landlord type", v.get("landlord_type", "")),
        source=_code("source", Source, "source", v["source"]),
        referrer=v.get("referrer") or None, problems=problems,
        arrears_cents=_field("arrears", money.parse_money, v.get("arrears", "")),
        tenant_informed=_field("tenant_informed", _yes, v["tenant_informed"] or "no"),
        intake_date=_field("intake_date", day, v["intake_date"]), note=v.get("note") or None)
    if draft.intake_date is None:
        raise RowError("intake_date", _("required"))
    if missing := draft.missing():  # a column, not a flag to give or a question to answer
        raise RowError(missing[0], _("required"))
    known = bool(draft.landlord) and match_key(draft.landlord) in known_landlords
    try:
        draft = complete(draft, today, known_landlord=known)
    except HuurbegError as exc:
        raise _rule_broken(exc) from None
    status = _code("status", Status, "status", v.get("status", "")) or Status.OPEN
    closed = _field("closed_date", day, v.get("closed_date", ""))
    outcome = _code("outcome", Outcome, "outcome", v.get("outcome", ""))
    if status == Status.CLOSED and closed is None:
        raise RowError("closed_date", _("required for a closed case"))
    if status == Status.CLOSED and outcome is None:
        raise RowError("outcome", _("required for a closed case; use one of: {names}").format(names=choices(Outcome)))
    if closed is not None and (closed < draft.intake_date or closed > today):
        raise RowError("closed_date", _("between the intake date and today"))
    ref = v.get("ref") or _derived_ref(draft)
    return ImportRow(line, ref, draft, status, closed if status == Status.CLOSED else None,
                     outcome if status == Status.CLOSED else None)


DERIVED = ("tenant", "intake_date", "address", "track")
"""The columns a reference is derived from when a row has none."""


def _derived_ref(draft: IntakeDraft) -> str:
    """A reference for rows without one: the same row gives the same reference on a re-import."""
    basis = "|".join(str(x or "") for x in (draft.tenant, draft.intake_date, draft.address, draft.track))
    return "sha1:" + hashlib.sha1(basis.casefold().encode()).hexdigest()[:16]
