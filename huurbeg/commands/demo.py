"""`huurbeg demo`: a database of fictional casework to explore."""

import sys

import typer

from huurbeg.output import render
from huurbeg.core.i18n import _
from huurbeg.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("demo")(demo)


def demo(ctx: typer.Context) -> None:
    """Fill an empty database with a year of fictional casework over every track (use with --db demo.db)."""
    from huurbeg.domain import demo as fixtures

    app_state = state(ctx)
    store = app_state.store(new_database=True)
    if sys.stderr.isatty():
        from rich.progress import Progress

        with Progress(console=render.console(stderr=True), transient=True) as bar:
            task = bar.add_task(_("Writing a year of fictional casework"), total=None)
            count = fixtures.build(store, app_state.today, progress=lambda done, total: bar.update(
                task, completed=done, total=total))
    else:
        count = fixtures.build(store, app_state.today)
    render.message(_("Demo database ready: {count} fictional cases. Try: huurbeg, huurbeg case list, "
                     "huurbeg hearing list, huurbeg stats --month last --chart").format(count=count))
