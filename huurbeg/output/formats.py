"""The output formats, and which kinds of output speak them: the one place `--format` reads.

A format is one `Format`, registered with the kinds of output it can write: its writers, keyed
by kind, take what that kind gives and write it through huurbeg.output.render's door (stdout held while
the command runs, or the --output file). `KINDS` lists each kind's formats and the help of its
option; the shared `--format` option (huurbeg.cli.params), its completion, its error and the dispatch
(`write`) all read them, so a new format is one module with its writers and one `register` call.

What a format writes: a `listing` (rows, e.g. `case list`), a `record` (one object, e.g. `case show`,
as field and value rows; a listing format writes it as the listing of its one object unless it says
otherwise), a `calendar` (the roll of hearings), a `report` (the figures as one page for the council).
The kinds of --format: `listing` (lists and single objects), `calendar` (`hearing list`: a listing or a
calendar), `figures` (`stats`: a listing or a report).
"""

import importlib
from collections.abc import Callable, Sequence
from typing import Any

from huurbeg.core.i18n import N_, _, language
from huurbeg.core.text import quoted
from huurbeg.output import render


# Plain classes rather than dataclasses: a dataclass costs about a millisecond to make, and every
# command with a --format imports this module, its `--help` too.

class Listing:
    """What a listing gives its format: the rows, and how people read them."""

    __slots__ = ("rows", "columns", "title", "empty", "sheet", "keys", "whole")

    def __init__(self, rows: list[dict], columns: Sequence[tuple] = (), title: str | None = None,
                 empty: str | None = None, sheet: Callable[[dict], str] | None = None,
                 keys: Sequence[str] | None = None, whole: Sequence[str] = ()):
        self.rows = rows
        self.columns = columns
        """The table's columns; json, csv and xlsx carry every key of the rows."""
        self.title = title
        self.empty = empty
        """What the table says of no rows."""
        self.sheet = sheet
        """The workbook sheet of a row (one sheet per panel of the figures); default one sheet."""
        self.keys = keys
        """The csv columns when they are fixed (a header even without rows)."""
        self.whole = whole
        """The table's columns shown whole over as many lines as they need (huurbeg.output.render.table)."""


class Format:
    """One format: hashed as itself, as a code is."""

    def __init__(self, name: str, writers: dict[str, Callable] | None = None, for_people: bool = False,
                 binary: bool = False):
        self.name = name
        self.writers = writers if writers is not None else {}
        """Per kind, what writes it: `listing` takes a Listing, `record` a dict (False: draw it as a table),
        `calendar` the roll's rows, `report` huurbeg.output.annual_report's Report."""
        self.for_people = for_people
        """Values in the reader's words (labels, dd/mm/yyyy) rather than the codes a program reads."""
        self.binary = binary
        """Bytes rather than text: on a terminal only with --output FILE."""

    def __repr__(self) -> str:
        return f"Format({self.name!r})"

    @property
    def value(self) -> str:
        """Its name, as a code's slug is its value (a code list's members, `Choices`)."""
        return self.name

    def writes(self, kind: str) -> bool:
        return kind in self.writers or (kind == "record" and "listing" in self.writers)


class Kind:
    def __init__(self, help: str, formats: list[str]):
        self.help = help
        """The --format help of the commands giving this kind (marked, translated where shown)."""
        self.formats = formats


FORMATS: dict[str, Format] = {}

KINDS: dict[str, Kind] = {
    "listing": Kind(N_("table for people; json or csv for programs (data on stdout only); csv-excel for a Belgian "
                       "Excel (; and decimal comma); xlsx an Excel workbook (with --output FILE)."), []),
    "calendar": Kind(N_("table, json, csv, csv-excel, xlsx, or ics (a calendar)."), []),
    "figures": Kind(N_("table for people; json or csv for programs; csv-excel for a Belgian Excel; xlsx a workbook, "
                      "one sheet per panel; html the report as one printable page with charts; pdf the same report "
                      "as an A4 PDF (with --output FILE.pdf)."), []),
}
"""Which formats each kind of output speaks, in the order the help lists them. A command of the
`record` kind takes the listing's --format: the same formats, one object."""


def register(fmt: Format, kinds: Sequence[str]) -> Format:
    """Make `fmt` a choice of --format wherever a command gives one of `kinds`."""
    FORMATS[fmt.name] = fmt
    for kind in kinds:
        if fmt.name not in KINDS[kind].formats:
            KINDS[kind].formats.append(fmt.name)
    return fmt


def unregister(name: str) -> None:
    FORMATS.pop(name, None)
    for kind in KINDS.values():
        if name in kind.formats:
            kind.formats.remove(name)


class Choices:
    """The formats of a kind as a code list: its members (each with its `value`) in the help's order,
    read when asked, so that a help example or a test walking the options sees a format registered late."""

    def __init__(self, kind: str):
        self.kind = kind

    def __iter__(self):
        return (FORMATS[name] for name in KINDS[self.kind].formats)


def names(kind: str) -> list[str]:
    return list(KINDS[kind].formats)


def get(name: str) -> Format:
    return FORMATS[str(name)]


def parse(kind: str, text: str) -> str:
    """The format named `text` (case and surrounding blanks ignored), if `kind` speaks it."""

    name = text.strip().lower()
    if name in KINDS[kind].formats:
        return name
    choices = ", ".join(names(kind))
    if language() == "nl":
        raise ValueError(_("{value} is not a valid {what}; use one of: {names}").format(
            value=quoted(text), what=_("format"), names=choices))
    raise ValueError(f"{quoted(text)} is not a format; use one of: {choices}")


def write(fmt: str, kind: str, data) -> bool:
    """`data` of `kind` in format `fmt`; False when the command draws it itself (a record as a table)."""
    found = get(fmt)
    writer = found.writers.get(kind)
    if writer is None and kind == "record":
        return write(fmt, "listing", Listing([data]))
    if writer is None:
        raise KeyError(f"{fmt} writes no {kind}")
    return writer(data) is not False


def command_name() -> str:
    """The command being run without the program's name (`case list`): a listing's sheet is named after it."""
    from typer._click.globals import get_current_context  # cli

    context = get_current_context(silent=True)
    return (" ".join(context.command_path.split()[1:]) if context is not None else "") or "huurbeg"


# --- what commands call ---------------------------------------------------------------------------

def emit_rows(rows: list[dict], fmt: str, columns: Sequence[tuple[str, str]], *,
              title: str | None = None, empty: str | None = None, sheet=None,
              keys: Sequence[str] | None = None, whole: Sequence[str] = ()) -> None:
    """A list in the chosen format (huurbeg.output.formats); json/csv/xlsx carry every key of the rows, the table `columns`.

    `sheet` names the workbook sheet of a row (one sheet per panel of the figures); default one sheet. The table
    shows the columns of `whole` (the notes of one case) never cut, over as many lines as they need.
    """
    write(fmt, "listing", Listing(rows, columns, title, empty, sheet, keys, whole))


def emit_fields(record: dict, fmt: str) -> bool:
    """json/csv/xlsx of one object (csv and xlsx as field,value rows); False when a table is wanted."""
    return write(fmt, "record", record)


# --- the formats ------------------------------------------------------------------------------------

def _table(listing: Listing) -> None:
    if not listing.rows:
        render.message(listing.empty or _("Nothing to show."))
    else:
        render.page(render.table(listing.rows, listing.columns, listing.title, whole=listing.whole))


def _flat(record: dict) -> list[dict]:
    return [{"field": k, "value": v} for k, v in record.items() if not isinstance(v, (list, dict))]


def _module(name: str) -> Any:
    """The module of huurbeg.output that writes a format's files, loaded when such a file is written: the help
    of every command and a table on the screen need none of them (the workbook, the calendar, the report)."""
    return importlib.import_module(f"huurbeg.output.{name}")


def _workbook(listing: Listing) -> None:
    render.write_bytes(_module("workbook").workbook(listing.rows, listing.title or command_name(), listing.sheet))


def _workbook_record(record: dict) -> None:
    render.write_bytes(_module("workbook").workbook(_module("workbook").fields_for_people(record), record.get("case") or command_name(), people=False))


def _excel(listing: Listing) -> None:
    """csv-excel: the listing headed and worded for people (huurbeg.output.workbook.for_people)."""
    rows = listing.rows
    keys = list(listing.keys or (rows[0].keys() if rows else []))
    book = _module("workbook")
    rows = book.for_people([{key: row.get(key) for key in keys} for row in rows], text_dates=True)
    render.write_csv(rows, [book.header(key) for key in keys] if language() == "nl" else keys, excel=True)


def _excel_record(record: dict) -> None:
    render.write_csv(_module("workbook").fields_for_people(record, text_dates=True), excel=True)


def _calendar(rows: list[dict]) -> None:
    render.write_text(_module("calendar").hearings_ics(rows))


def _report_page(report) -> None:
    render.write_text(_module("annual_report").page(*report))


def _report_pdf(report) -> None:
    render.write_bytes(_module("annual_report").pdf(*report))


TABLED = ("listing", "calendar", "figures")
register(Format("table", {"listing": _table, "record": lambda record: False}, for_people=True), TABLED)
register(Format("json", {"listing": lambda listing: render.write_json(listing.rows), "record": render.write_json}),
         TABLED)
register(Format("csv", {"listing": lambda listing: render.write_csv(listing.rows, listing.keys),
                        "record": lambda record: render.write_csv(_flat(record), ["field", "value"])}), TABLED)
register(Format("csv-excel", {"listing": _excel,
                              "record": _excel_record}, for_people=True), TABLED)
register(Format("xlsx", {"listing": _workbook, "record": _workbook_record}, for_people=True, binary=True), TABLED)
register(Format("ics", {"calendar": _calendar}), ["calendar"])
register(Format("html", {"report": _report_page}, for_people=True), ["figures"])
register(Format("pdf", {"report": _report_pdf}, for_people=True, binary=True), ["figures"])
