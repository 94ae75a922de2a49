"""`huurbeg stats`: the figures the service reports, for a month, a year or any period."""

from datetime import date
from typing import TYPE_CHECKING, Annotated

import typer

from huurbeg.output import render
from huurbeg.core.i18n import _
from huurbeg.cli.params import NoInputOption, parse_date
from huurbeg.cli.state import state
from huurbeg.output import formats
from huurbeg.cli.params import format_option, said_on_the_command_line

if TYPE_CHECKING:  # imported where it is used
    from huurbeg.domain.figures import Period


def register(app: typer.Typer) -> None:
    app.command("stats")(stats)


def stats(
    ctx: typer.Context,
    month: Annotated[str | None, typer.Option("--month", metavar="YYYY-MM|last",
                                              help="A month: 12/2026, 12-2026, 2026-12, december 2026, dec 2026, december or 12 "
                                                   "(without a year the latest that has begun), last or this "
                                                   "(default: this month).")] = None,
    year: Annotated[str | None, typer.Option("--year", metavar="YYYY",
                                             help="A calendar year: 2026, last or this.")] = None,
    first: Annotated[date | None, typer.Option("--from", parser=parse_date, metavar="DATE",
                                               help="First day of a period (with --to).")] = None,
    last: Annotated[date | None, typer.Option("--to", parser=parse_date, metavar="DATE",
                                              help="Last day of a period (with --from).")] = None,
    chart: Annotated[bool, typer.Option("--chart", help="Also chart the 12 months up to the period.")] = False,
    by_worker: Annotated[bool, typer.Option(
        "--by-worker", help="The caseload per worker instead (json/csv: period, worker, figure, value).")] = False,
    no_input: NoInputOption = False,
    fmt: Annotated[str, format_option("figures", formats.KINDS["figures"].help)] = "table",
) -> None:
    """The monthly figures: intake, caseload, results, court, housing and work. Counts only, never names.

    For cron: huurbeg stats --month last --format csv > figures.csv
    """
    from huurbeg.domain import figures

    app_state = state(ctx)
    period = _period(month, year, first, last, app_state.today)
    if formats.get(fmt).writes("report"):
        _report(app_state, period, fmt, by_worker, no_input)
        return
    store = app_state.reader(must_exist=True)  # plain SQL: on a file, sqlite3 alone
    aggregates = store.service.figures(period.first, period.last, app_state.today)
    if fmt != "table":
        rows = figures.worker_rows(aggregates, period) if by_worker else figures.compute(aggregates, period)
        panel = {figure.key: figure.panel for figure in figures.FIGURES}
        formats.emit_rows([r.as_dict() for r in rows], fmt, [], title=_("Figures {period}").format(period=period.shown()),
                         sheet=None if by_worker else lambda row: panel[row["figure"]],  # one sheet per panel
                         keys=["period", "worker", "figure", "value"] if by_worker else None)
        return
    from huurbeg.output.views import chart_view, figures_view, workers_view

    per_worker = figures.worker_rows(aggregates, period)
    with render.paged():
        if not by_worker:
            figures_view(period, figures.compute(aggregates, period))
        if by_worker or len({r.worker for r in per_worker}) > 1:
            workers_view(per_worker)
        if chart:
            months = figures.last_months(period)
            chart_view([(m, figures.compute(store.service.figures(m.first, m.last, app_state.today), m,
                                            figures.HEADLINES)) for m in months])


def _report(app_state, period, fmt: str, by_worker: bool, no_input: bool) -> None:
    """The report for the council, on the service's paper: its name and city asked for once on a terminal."""
    from huurbeg.output import annual_report
    from huurbeg.domain import figures
    from huurbeg.commands.service import ensure_identity
    from huurbeg.core.errors import InvalidInput

    if by_worker:
        raise typer.BadParameter(_("the report holds the service's figures, not the workers'; "
                                   "use --by-worker with table, json, csv or xlsx"), param_hint="'--format'")
    if formats.get(fmt).binary and render.output_path() is None and render.to_terminal():
        raise InvalidInput(_("--output: a PDF needs a file, e.g. --output report-{year}.pdf").format(
            year=period.first.year))
    store = app_state.store(must_exist=True, write=False)  # the service's details may be asked for and kept
    identity = ensure_identity(store, annual_report.NEEDED, no_input)
    months = [(m, figures.compute(store.service.figures(m.first, m.last, app_state.today), m, figures.HEADLINES))
              for m in figures.last_months(period)]
    rows = figures.compute(store.service.figures(period.first, period.last, app_state.today), period)
    formats.write(fmt, "report", (period, rows, months, identity))


def _period(month: str | None, year: str | None, first: date | None, last: date | None,
            today: date) -> "Period":
    from huurbeg.domain import figures

    given = [name for name, value in (("--month", month), ("--year", year), ("--from/--to", first or last))
             if value is not None]
    if len(given) > 1:
        raise typer.BadParameter(_("give one period, not {first} and {second}").format(first=given[0], second=given[1])
                                 if len(given) == 2 else _("give one period, not {first} and {second} and {third}")
                                 .format(first=given[0], second=given[1], third=given[2]), param_hint="'--month'")
    try:
        if year is not None:
            return figures.year_period(year, today)
        if first is not None or last is not None:
            if first is None or last is None:
                raise typer.BadParameter(_("give both --from and --to"), param_hint="'--from' / '--to'")
            return figures.span_period(first, last)
        return figures.month_period(month or "this", today)
    except ValueError as exc:
        flag = "--year" if year is not None else "--to" if first is not None else "--month"
        raise typer.BadParameter(said_on_the_command_line(exc), param_hint=f"'{flag}'") from None
