"""`huurbeg deadlines` and the bare `huurbeg` overview: what needs attention, most urgent first."""

from typing import Annotated

import typer

from huurbeg.commands import headed
from huurbeg.core.i18n import N_, _
from huurbeg.cli.params import AsOfOption, FormatOption, MineOption, WorkerOption, parse_days
from huurbeg.cli.state import state
from huurbeg.output import formats
from huurbeg.commands import TENANT_COLUMN, with_tenants

COLUMNS = [("severity", N_("Severity")), ("due", N_("Due")), ("case", N_("Case")), TENANT_COLUMN, ("rule", N_("Rule")),
           ("message", N_("Warning"))]


def register(app: typer.Typer) -> None:
    app.command("deadlines")(deadlines)


def deadlines(
    ctx: typer.Context,
    within: Annotated[int | None, typer.Option(
        "--within", parser=parse_days, metavar="DAYS",
        help="Also list deadlines due within this many days (default 14).")] = None,
    worker: WorkerOption = None,
    mine: MineOption = False,
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
) -> None:
    """Every warning and deadline of the open cases, most urgent first."""
    from huurbeg.domain import caseload, workers
    from huurbeg.domain.rules import DEFAULT_WITHIN_DAYS

    app_state = state(ctx)
    store = app_state.reader()
    found = caseload.deadlines(store, as_of or app_state.today, DEFAULT_WITHIN_DAYS if within is None else within,
                               workers.chosen(store, worker, mine))
    from huurbeg.domain.rules import rule_name

    rows = [w.as_dict() for w in found]
    if formats.get(fmt).for_people:  # the rule by its name
        rows = [row | {"rule": rule_name(row["rule"])} for row in rows]
    rows = with_tenants(rows, store, fmt)
    formats.emit_rows(rows, fmt, headed(COLUMNS),
                     empty=_("No deadlines: nothing needs attention."))


def overview(ctx: typer.Context, worker: str | None = None, mine: bool = False) -> None:
    """Today's overview (bare `huurbeg`, or `huurbeg --mine`)."""
    from huurbeg.domain import caseload, workers
    from huurbeg.output.views import overview_view

    app_state = state(ctx)
    store = app_state.reader()
    overview_view(caseload.overview(store, app_state.today, workers.chosen(store, worker, mine)))
