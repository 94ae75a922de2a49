"""`huurbeg import`: an existing caseload from a spreadsheet (CSV)."""

import sys
from pathlib import Path
from typing import Annotated

import typer

from huurbeg import render
from huurbeg.errors import InvalidInput
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

        raise InvalidInput(f"FILE: cannot read {shown(file)}: {exc.strerror}") from None
    app_state = state(ctx)
    store = app_state.store()
    rows, errors = spreadsheet.parse(raw, app_state.today, store.landlord_keys())
    for error in errors:
        print(f"huurbeg: {file.name} {error}", file=sys.stderr)
    if errors and not skip_bad:
        raise InvalidInput(f"{len(errors)} of {len(rows) + len(errors)} rows are bad; nothing was imported "
                           "(fix them, or add --skip-bad to import the others)")
    numbers, skipped, purged = _write(store, rows)
    app_state.commit()
    cut_off = store.purged_before()
    render.message(f"Imported {len(numbers)} case(s)" + (f"; {skipped} row(s) were imported before" if skipped else "")
                   + (f"; {purged} row(s) closed before the last purge ({cut_off:%d/%m/%Y}) left out"
                      if purged else "")
                   + (f"; {len(errors)} bad row(s) left out" if errors else "") + ".")


def _write(store, rows):
    from huurbeg import casework

    if not sys.stderr.isatty():
        return casework.import_rows(store, rows)
    from rich.progress import Progress

    with Progress(console=render.console(stderr=True), transient=True) as bar:
        task = bar.add_task("Importing", total=len(rows))
        return casework.import_rows(store, rows, progress=lambda done: bar.update(task, completed=done))
