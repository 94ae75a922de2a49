"""Reading an existing caseload from a spreadsheet export (CSV) into intake drafts.

Columns (header names are matched without case, spaces or dashes; order free):
  ref, tenant*, address, phone, birth_date, national_number, adults, children,
  landlord, landlord_type, track*, source*, referrer, problems, intake_date*,
  arrears, tenant_informed*, status, closed_date, outcome, note      (* required)
Dates Belgian or ISO, money in either notation, `problems` separated by commas,
spaces or |, yes/no as yes/ja/y/j/true/1 and no/nee/n/false/0. Both UTF-8 (with
or without BOM) and Excel's semicolon-separated Windows-1252 files are read.
Every row is checked before anything is written; an error names the line and the
column, never the value (it may be personal data).
"""

import csv
import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date

from huurbeg import dates, money, national_number
from huurbeg.casework import IntakeDraft, complete, match_key
from huurbeg.codes import LandlordType, Outcome, Problem, Source, Status, Track, parse_code
from huurbeg.errors import HuurbegError, InvalidInput
from huurbeg.i18n import N_, _

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


def parse(raw: bytes, today: date, known_landlords: set[str]) -> tuple[list[ImportRow], list[str]]:
    """The valid rows and one error line per bad row ('line 7: intake_date: not a date ...')."""
    text = read_text(raw)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=";,\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    try:
        return _records(reader, today, known_landlords)
    except csv.Error as exc:  # a field over the csv module's limit, a stray quote at the end, ...
        raise InvalidInput(_("FILE: not readable as CSV after line {line_num} ({exc}); {save_as}")
                           .format(line_num=reader.line_num, exc=exc, save_as=_(SAVE_AS))) from None


def _records(reader: csv.DictReader, today: date, known_landlords: set[str]) -> tuple[list[ImportRow], list[str]]:
    headers = {_key(h): h for h in reader.fieldnames or []}
    if missing := [c for c in REQUIRED if c not in headers]:
        raise InvalidInput(_("FILE: missing column(s) {join}; the columns are: {join2}")
                           .format(join=', '.join(missing), join2=', '.join(COLUMNS)))
    if unknown := [h for k, h in headers.items() if k not in COLUMNS]:
        raise InvalidInput(_("FILE: unknown column(s) {join}; the columns are: {join2}")
                           .format(join=', '.join(unknown), join2=', '.join(COLUMNS)))
    rows, errors = [], []
    for line, record in enumerate(reader, start=2):
        values = {key: (record.get(header) or "").strip() for key, header in headers.items()}
        if not any(values.values()):
            continue
        try:
            rows.append(_row(line, values, today, known_landlords))
        except (ValueError, HuurbegError) as exc:
            errors.append(_("line {line}: {problem}").format(line=line, problem=exc))
    return rows, errors


def _field(name: str, parse, text: str):
    if not text:
        return None
    try:
        return parse(text)
    except ValueError as exc:
        raise ValueError(_("{name}: {exc}").format(name=name, exc=exc)) from None


def _count(text: str) -> int:
    if not (text.isascii() and text.isdigit()):
        raise ValueError(_("use a whole number"))
    return int(text)


FLAG_COLUMNS = {"date": "intake_date"}
"""Intake flags whose column has another name."""


def _as_column(message: str) -> str:
    """An intake rule's message ('--landlord-type: ...') in the words of the file's columns."""
    match = re.match(r"--([\w-]+): (.*)", message)
    if not match:
        return message
    flag = match[1]
    return f"{FLAG_COLUMNS.get(flag, flag.replace('-', '_'))}: {match[2]}"


def _yes(text: str) -> bool:
    if text.lower() in YES:
        return True
    if text.lower() in NO:
        return False
    raise ValueError(_("use yes or no"))


def _row(line: int, v: dict, today: date, known_landlords: set[str]) -> ImportRow:
    day = lambda t: dates.parse_date(t, today)  # noqa: E731
    problems = [parse_code(Problem, p, "problem") for p in re.split(r"[,|/+\s]+", v.get("problems", "")) if p]
    draft = IntakeDraft(
        track=_field("track", lambda t: parse_code(Track, t, "track"), v["track"]),
        tenant=v["tenant"] or None, address=v.get("address") or None, phone=v.get("phone") or None,
        birth_date=_field("birth_date", day, v.get("birth_date", "")),
        national_number=_field("national_number", national_number.normalise, v.get("national_number", "")),
        adults=_field("adults", _count, v.get("adults", "")),
        children=_field("children", _count, v.get("children", "")),
        landlord=v.get("landlord") or None,
        landlord_type=_field("landlord_type", lambda t: parse_code(LandlordType, t, "landlord type"),
                             v.get("landlord_type", "")),
        source=_field("source", lambda t: parse_code(Source, t, "source"), v["source"]),
        referrer=v.get("referrer") or None, problems=problems,
        arrears_cents=_field("arrears", money.parse_money, v.get("arrears", "")),
        tenant_informed=_field("tenant_informed", _yes, v["tenant_informed"] or "no"),
        intake_date=_field("intake_date", day, v["intake_date"]), note=v.get("note") or None)
    if draft.intake_date is None:
        raise ValueError(_("intake_date: required"))
    if missing := draft.missing():  # a column, not a flag to give or a question to answer
        raise ValueError(_("{column}: required").format(column=_as_column(f"{missing[0]}: ").rstrip(": ")))
    known = bool(draft.landlord) and match_key(draft.landlord) in known_landlords
    try:
        draft = complete(draft, today, known_landlord=known)
    except HuurbegError as exc:
        raise ValueError(_as_column(str(exc))) from None
    status = _field("status", lambda t: Status(t.lower()), v.get("status", "")) or Status.OPEN
    closed = _field("closed_date", day, v.get("closed_date", ""))
    outcome = _field("outcome", lambda t: parse_code(Outcome, t, "outcome"), v.get("outcome", ""))
    if status == Status.CLOSED and (closed is None or outcome is None):
        raise ValueError(_("closed_date/outcome: a closed case needs both"))
    if closed is not None and (closed < draft.intake_date or closed > today):
        raise ValueError(_("closed_date: between the intake date and today"))
    ref = v.get("ref") or _derived_ref(draft)
    return ImportRow(line, ref, draft, status, closed if status == Status.CLOSED else None,
                     outcome if status == Status.CLOSED else None)


def _derived_ref(draft: IntakeDraft) -> str:
    """A reference for rows without one: the same row gives the same reference on a re-import."""
    basis = "|".join(str(x or "") for x in (draft.tenant, draft.intake_date, draft.address, draft.track))
    return "sha1:" + hashlib.sha1(basis.casefold().encode()).hexdigest()[:16]
