"""`huurbeg import`: an existing caseload from a spreadsheet (CSV)."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from huurbeg import render
from huurbeg.errors import InvalidInput, said
from huurbeg.i18n import _, ngettext
from huurbeg.state import state


def register(app: typer.Typer) -> None:
    app.command("import")(import_caseload)


def import_caseload(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(metavar="FILE.csv", help="A CSV export of the caseload (see the README).")],
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="Import the good rows even if some are bad.")] = False,
) -> None:
    """Import a caseload from a spreadsheet: every row is checked first; a re-import adds only new rows."""
    from huurbeg import spreadsheet

    try:
        raw = file.read_bytes()
    except OSError as exc:
        from huurbeg.db.engine import shown

        reason = _(exc.strerror) if exc.strerror else str(exc)
        raise InvalidInput(_("FILE: cannot read {file}: {reason}").format(file=shown(file), reason=reason)) from None
    app_state = state(ctx)
    store = app_state.store()
    rows, errors = spreadsheet.parse(raw, app_state.today, store.landlord_keys())
    for error in errors:
        print(f"huurbeg: {file.name} {said(error)}", file=sys.stderr)
    if errors and not skip_bad:
        raise InvalidInput(ngettext("{bad} of {count} rows is bad; nothing was imported (fix it, or add --skip-bad to "
                                    "import the others)", "{bad} of {count} rows are bad; nothing was imported (fix "
                                    "them, or add --skip-bad to import the others)", len(errors)).format(
            bad=len(errors), count=len(rows) + len(errors)))
    numbers, skipped, purged = _write(store, rows)
    app_state.commit()
    cut_off = store.purged_before()
    clauses = [ngettext("Imported {count} case", "Imported {count} cases", len(numbers)).format(
        count=len(numbers))]
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


def _write(store, rows):
    from huurbeg import casework

    if not sys.stderr.isatty():
        return casework.import_rows(store, rows)
    from rich.progress import Progress

    with Progress(console=render.console(stderr=True), transient=True) as bar:
        task = bar.add_task(_("Importing"), total=len(rows))
        return casework.import_rows(store, rows, progress=lambda done: bar.update(task, completed=done))
