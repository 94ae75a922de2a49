"""`huurbeg transfer`: the service's dwellings, and households moving in, staying and moving on (doorstroom)."""

from datetime import date
from typing import Annotated

import typer

from huurbeg.output import formats, render
from huurbeg.core.codes import Destination, DwellingKind
from huurbeg.commands import headed
from huurbeg.core.i18n import N_, _
from huurbeg.cli.params import (AsOfOption, CaseArgument, DateOption, FormatOption, NoInputOption, ReasonOption, code_option, complete_dwellings, parse_coming_date, parse_required_text)
from huurbeg.cli.state import state

app = typer.Typer(help="Transitional and crisis dwellings: admissions, extensions, moves out, occupancy.",
                  no_args_is_help=True)
dwelling_app = typer.Typer(help="The service's dwellings: add one ('huurbeg transfer list' shows who lives where).",
                           no_args_is_help=True)
app.add_typer(dwelling_app, name="dwelling")

NewAddressOption = Annotated[str | None, typer.Option(
    "--address", parser=parse_required_text, metavar="TEXT",
    help="The household's new address (asked on a terminal).")]
UntilOption = Annotated[date | None, typer.Option(
    "--until", parser=parse_coming_date, metavar="DATE", help="Transitional stay: the planned end.")]
ReviewOption = Annotated[date | None, typer.Option(
    "--review", parser=parse_coming_date, metavar="DATE", help="Transitional stay: a date to review the stay.")]


@dwelling_app.command("add")
def dwelling_add(
    ctx: typer.Context,
    code: Annotated[str, typer.Argument(parser=parse_required_text, metavar="CODE",
                                        help="A short code for the dwelling, e.g. DW-1 or CR-2.")],
    kind: Annotated[DwellingKind, code_option(DwellingKind, N_("dwelling kind"), N_("Transitional or crisis dwelling."),
                                              "--kind")],
    address: Annotated[str | None, typer.Option("--address", help="Where the dwelling is.")] = None,
) -> None:
    """Add a dwelling of the service."""
    from huurbeg.domain import transfers

    transfers.add_dwelling(state(ctx).store(), code, kind, address)
    render.message(_("Dwelling {code} ({kind}) added.").format(code=code.strip(), kind=render.text_value(kind)))


@app.command("in")
def move_in(
    ctx: typer.Context,
    number: CaseArgument,
    dwelling: Annotated[str, typer.Option("--dwelling", parser=parse_required_text, metavar="CODE",
                                          help="The dwelling's code.",
                                          autocompletion=complete_dwellings)],
    when: DateOption = None,
    until: UntilOption = None,
    review: ReviewOption = None,
    address: NewAddressOption = None,
    no_input: NoInputOption = False,
) -> None:
    """Admit the household to a dwelling; the case moves to the dw or crisis track. A crisis stay lasts 4 months.

    The household's address becomes the dwelling's (asked on a terminal, --address to give another).
    """
    from huurbeg.domain import casework, transfers
    from huurbeg.cli import prompts

    app_state = state(ctx)
    store = app_state.store()
    casework.tenant_of_open_case(store, number)  # an unknown or closed case is said before any question
    lives_at = transfers.dwelling_address(store, dwelling)
    if address is None and prompts.interactive(no_input):
        prompts.introduce(number, casework.tenant_of_open_case(store, number))
        address = prompts.ask_address(lives_at)
    moved, track, end, code = transfers.admit(store, number, dwelling, when or app_state.today, until,
                                              review, app_state.today)
    new_address = transfers.new_address(store, number, lives_at if address is None else address)
    shown = {"number": number, "dwelling": code, "until": render.text_value(end),
             "was": render.text_value(moved), "track": render.text_value(track)}
    if end and moved:
        render.message(_("{number}: admitted to {dwelling} until {until}; track {was} → {track}.").format(**shown))
    elif end:
        render.message(_("{number}: admitted to {dwelling} until {until}.").format(**shown))
    elif moved:
        render.message(_("{number}: admitted to {dwelling}; track {was} → {track}.").format(**shown))
    else:
        render.message(_("{number}: admitted to {dwelling}.").format(**shown))
    if new_address:
        render.message(_("{number}: the household's new address is recorded.").format(number=number))


@app.command("extend")
def extend(
    ctx: typer.Context,
    number: CaseArgument,
    until: UntilOption = None,
    review: ReviewOption = None,
) -> None:
    """Extend a crisis stay once by 4 months; for a transitional stay, set its planned end or review date."""
    from huurbeg.domain import transfers

    app_state = state(ctx)
    end = transfers.extend(app_state.store(), number, until, review, app_state.today)
    render.message(_("{number}: stay runs until {until}.").format(number=number, until=render.text_value(end)) if end
                   else _("{number}: stay updated.").format(number=number))


@app.command("out")
def move_out(
    ctx: typer.Context,
    number: CaseArgument,
    destination: Annotated[Destination, code_option(Destination, N_("destination"), N_("Where the household goes."),
                                                    "--destination")],
    when: DateOption = None,
    close: Annotated[bool | None, typer.Option(
        "--close/--keep-open", help="Close the case with the matching outcome (asked on a terminal).")] = None,
    address: NewAddressOption = None,
    no_input: NoInputOption = False,
) -> None:
    """The household leaves its dwelling, which is free again; asks for its new address and offers to close the
    case."""
    from huurbeg.domain import casework, transfers
    from huurbeg.cli import prompts

    app_state = state(ctx)
    store = app_state.store()
    transfers.check_move(store, number)  # a case that is closed or lives in no dwelling: said before a question
    asking = prompts.interactive(no_input)
    if asking and (address is None or close is None):
        prompts.introduce(number, casework.tenant_of_open_case(store, number))
    if address is None and asking:
        address = prompts.ask_address(None)
    if close is None:
        close = asking and prompts.confirm(_("Close the case with outcome {outcome}?").format(
            outcome=render.text_value(transfers.OUTCOME_OF[destination])))
    moved = transfers.new_address(store, number, address)  # while the case is open
    outcome = transfers.move_out(store, number, destination, when or app_state.today, app_state.today, close)
    shown = {"number": number, "destination": render.text_value(destination), "outcome": render.text_value(outcome)}
    render.message(_("{number}: moved out to {destination}; case closed ({outcome}).").format(**shown) if outcome
                   else _("{number}: moved out to {destination}.").format(**shown))
    if moved:
        render.message(_("{number}: the household's new address is recorded.").format(number=number))


@app.command("undo")
def undo(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw a stay's last step, entered by mistake: its move out, an extension, or the admission itself."""
    from huurbeg.domain import corrections

    undone, detail = corrections.undo_transfer(state(ctx).store(), number, reason)
    if undone == "out":
        render.message(_("{number}: move out withdrawn; the household lives in {code} again.").format(
            number=number, code=render.text_value(detail)))
    elif undone == "extension":
        render.message(_("{number}: extension withdrawn; the stay ends on {when}.").format(
            number=number, when=render.text_value(detail)))
    else:
        render.message(_("{number}: admission withdrawn; back on track {track}.").format(
            number=number, track=render.text_value(detail)) if detail
            else _("{number}: admission withdrawn.").format(number=number))


COLUMNS = [("dwelling", N_("Dwelling")), ("kind", N_("Kind")), ("case", N_("Case")), ("tenant", N_("Tenant")),
           ("admitted", N_("Since")), ("until", N_("Until")), ("days_left", N_("Days left")), ("review", N_("Review"))]


@app.command("list")
def occupancy(ctx: typer.Context, as_of: AsOfOption = None, fmt: FormatOption = "table") -> None:
    """Occupancy: every dwelling, its household, admission, end date and days left; free dwellings too."""
    from huurbeg.domain import transfers

    app_state = state(ctx)
    rows = transfers.occupancy(app_state.store(write=False), as_of or app_state.today)
    shown = rows if fmt != "table" else [r | {"tenant": r["tenant"] or _("— free —")} for r in rows]
    columns = [c for c in COLUMNS if c[0] != "review" or any(r["review"] for r in rows)]
    formats.emit_rows(shown, fmt, headed(columns),
                     empty=_("No dwellings yet: add one with 'huurbeg transfer dwelling add CODE --kind transit'."))
