"""`huurbeg import`: an existing caseload from a spreadsheet (CSV)."""

import os
import stat
import sys
from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.output import render
from huurbeg.core.case_number import format_case_number
from huurbeg.core.errors import InvalidInput, said
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli.state import state

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


def register(app: typer.Typer) -> None:
    app.command("import")(import_caseload)


def import_caseload(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="A CSV export of the caseload (see the README).")],
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Import the good rows even if some are bad.")] = False,
) -> None:
    """Import a caseload from a spreadsheet: every row is checked first; a re-import adds only new rows."""
    from huurbeg.domain import spreadsheet

    raw = _read(file)
    app_state = state(ctx)
    store = app_state.store()
    rows, errors = spreadsheet.parse(raw, app_state.today, store.cases.landlord_keys())
    name = render.plain(file.name)
    if len(errors) == 1 and not skip_bad:  # the one line that says it all
        raise InvalidInput(_("{file} {problem}; nothing was imported (fix it, or add --skip-bad to import the "
                             "others)").format(file=name, problem=said(errors[0])))
    for error in errors:
        print(f"huurbeg: {name} {render.plain(said(error))}", file=sys.stderr)
    if errors and not skip_bad:
        raise InvalidInput(ngettext("{bad} of {count} rows is bad; nothing was imported (fix it, or add --skip-bad to "
                                    "import the others)", "{bad} of {count} rows are bad; nothing was imported (fix "
                                    "them, or add --skip-bad to import the others)", len(errors)).format(
            bad=len(errors), count=len(rows) + len(errors)))
    numbers, skipped, purged, beside = _write(store, rows)
    app_state.commit()
    cut_off = store.retention.purged_before()
    clauses = [ngettext("Imported {count} case", "Imported {count} cases", len(numbers)).format(
        count=len(numbers))]
    if numbers:  # the worker goes on with these numbers
        clauses[0] += f": {_ranges(numbers)}"
    if skipped:  # one clause each, as the reader's language says it
        clauses.append(ngettext("{count} row was imported before", "{count} rows were imported before",
                             skipped).format(count=skipped))
    if purged:
        clauses.append(ngettext("{count} row closed before the last purge ({date}) left out",
                             "{count} rows closed before the last purge ({date}) left out", purged).format(
            count=purged, date=render.text_value(cut_off)))
    if errors:
        clauses.append(ngettext("{count} bad row left out", "{count} bad rows left out", len(errors)).format(
            count=len(errors)))
    render.message("; ".join(clauses) + ".")
    if beside:  # most likely the same household twice: the worker looks at each
        render.message(ngettext(
            "{count} imported case is a second open case of its household: {pairs}; if it is the same, withdraw "
            "it with 'huurbeg case remove CASE --reason'.",
            "{count} imported cases are a second open case of their household: {pairs}; if one is the same, "
            "withdraw it with 'huurbeg case remove CASE --reason'.", len(beside)).format(
            count=len(beside), pairs=", ".join(_("{new} beside {open}").format(new=new, open=open_case)
                                               for new, open_case in beside[:MAX_RUNS])
            + (", …" if len(beside) > MAX_RUNS else "")), style="yellow")


MAX_BYTES = 256 * 2**20
"""The largest file read: a caseload of 100,000 cases takes some 20 MB."""

KINDS = ((stat.S_ISDIR, N_("a folder")), (stat.S_ISFIFO, N_("a named pipe")), (stat.S_ISCHR, N_("a device")),
         (stat.S_ISBLK, N_("a device")), (stat.S_ISSOCK, N_("a socket")))


def _read(file: Path) -> bytes:
    """The bytes of a regular file. Anything else is refused before it is opened: a named pipe or a
    device would hold the import up forever, waiting for a writer or reading without end."""
    from huurbeg.db.engine import shown

    try:
        _regular(file, os.stat(file).st_mode)
        # no blocking open: a pipe put in the file's place after the check must not hang either
        descriptor = os.open(file, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as opened:
            status = os.fstat(opened.fileno())
            _regular(file, status.st_mode)
            raw = opened.read(MAX_BYTES + 1) if status.st_size <= MAX_BYTES else b""
            if status.st_size > MAX_BYTES or len(raw) > MAX_BYTES:  # read whole, it would fill the memory first
                raise InvalidInput(_("FILE: {file} holds over {megabytes} MB, more than any caseload; is it the "
                                     "right file?").format(file=shown(file), megabytes=MAX_BYTES // 2**20))
            return raw
    except OSError as exc:
        reason = _(exc.strerror) if exc.strerror else str(exc)
        raise InvalidInput(_("FILE: cannot read {file}: {reason}").format(file=shown(file), reason=reason)) from None


def _regular(file: Path, mode: int) -> None:
    from huurbeg.domain import spreadsheet
    from huurbeg.db.engine import shown

    if not stat.S_ISREG(mode):
        kind = next((kind for test, kind in KINDS if test(mode)), N_("not a regular file"))
        raise InvalidInput(_("FILE: {file} is {kind}, not a file; {save_as}").format(
            file=shown(file), kind=_(kind), save_as=_(spreadsheet.SAVE_AS)))


def _ranges(numbers: list[str]) -> str:
    """Case numbers as runs: '2025-0040, 2026-0004 … 2026-0006' (an import may span intake years)."""
    cases = sorted((int(year), int(seq)) for year, seq in (number.split("-") for number in numbers))
    runs: list[list[tuple[int, int]]] = []
    for year, seq in cases:
        if runs and runs[-1][-1] == (year, seq - 1):
            runs[-1].append((year, seq))
        else:
            runs.append([(year, seq)])
    shown = []
    for run in runs:
        first, last = format_case_number(*run[0]), format_case_number(*run[-1])
        shown.append(first if len(run) == 1 else f"{first}, {last}" if len(run) == 2 else f"{first} … {last}")
    return ", ".join(shown if len(shown) <= MAX_RUNS else [*shown[:MAX_RUNS], "…"])


MAX_RUNS = 8
"""Runs of case numbers named at most: others writing at the same time on a server can scatter them."""


def _write(store: "Storage", rows):
    from huurbeg.domain import casework

    if not sys.stderr.isatty():
        return casework.import_rows(store, rows)
    from rich.progress import Progress

    with Progress(console=render.console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("Importing"), total=len(rows))
        return casework.import_rows(store, rows, progress=lambda done: bar.update(task, completed=done))
