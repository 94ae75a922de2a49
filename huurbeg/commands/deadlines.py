"""`huurbeg deadlines` and the bare `huurbeg` overview: what needs attention, most urgent first."""

from typing import Annotated

import typer

from huurbeg import render
from huurbeg.params import AsOfOption, FormatOption, OutputFormat, parse_count
from huurbeg.state import state

COLUMNS = [("severity", "Severity"), ("due", "Due"), ("case", "Case"), ("rule", "Rule"), ("message", "Warning")]


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines)


def deadlines(
    ctx: typer.Context,
    within: Annotated[int | None, typer.Option(
        "--within", parser=parse_count, metavar="DAYS",
        help="Also list deadlines due within this many days (default 14).")] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.TABLE,
) -> None:
    """Every warning and deadline of the open cases, most urgent first."""
    from huurbeg import caseload
    from huurbeg.rules import DEFAULT_WITHIN_DAYS

    app_state = state(ctx)
    found = caseload.deadlines(app_state.store(write=False), as_of or app_state.today,
                               DEFAULT_WITHIN_DAYS if within is None else within)
    render.emit_rows([w.as_dict() for w in found], fmt, COLUMNS,
                     empty="No deadlines: nothing needs attention.")


def overview(ctx: typer.Context) -> None:
    """Today's overview (bare `huurbeg`)."""
    from huurbeg import caseload
    from huurbeg.views import overview_view

    app_state = state(ctx)
    overview_view(caseload.overview(app_state.store(write=False), app_state.today))
