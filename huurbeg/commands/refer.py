"""`huurbeg refer`: refer a case to another service (doorverwijzing), and follow the referral up."""

from typing import Annotated

import typer

from huurbeg.output import formats, render
from huurbeg.core.codes import ReferralDestination, ReferralOutcome
from huurbeg.cli.groups import with_default
from huurbeg.commands import headed
from huurbeg.core.i18n import N_, _
from huurbeg.cli.params import (CaseArgument, DateOption, FormatOption, ReasonOption, RecordIdArgument,
                                code_option, parse_case)
from huurbeg.cli.state import state
from huurbeg.commands import TENANT_COLUMN, with_tenants

app = typer.Typer(
    cls=with_default("add"), no_args_is_help=True,
    help="Referrals to other services and their outcome. 'huurbeg refer CASE --to DEST' is short for "
         "'huurbeg refer add CASE --to DEST'.")

COLUMNS = [("id", "#"), ("date", N_("Date")), ("case", N_("Case")), TENANT_COLUMN, ("to", N_("Referred to")),
           ("outcome", N_("Outcome"), 55), ("outcome_date", N_("Answered"), 30), ("note", N_("Note"), 45)]


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="refer")


@app.command("add")
def refer(
    ctx: typer.Context,
    number: CaseArgument,
    to: Annotated[ReferralDestination, code_option(ReferralDestination, N_("referral destination"),
                                                   N_("The service the case is referred to."), "--to")],
    when: DateOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why, and to whom (confidential).")] = None,
) -> None:
    """Refer the case to another service (OCMW, CGG, CAW, a lawyer, ...); never shown to a landlord."""
    from huurbeg.domain import transfers

    app_state = state(ctx)
    referral_id = transfers.refer(app_state.store(), number, to, when or app_state.today, note, app_state.today)
    render.message(_("{number}: referral {id} to {to} (its number for 'huurbeg refer outcome').").format(
        number=number, id=referral_id, to=render.text_value(to)))
    render.record_number(referral_id)


@app.command("list")
def list_referrals(
    ctx: typer.Context,
    number: Annotated[str | None, typer.Argument(
        parser=parse_case, metavar="[CASE]",
        help="Every referral of this case (default: the referrals of open cases still awaiting an answer).")] = None,
    fmt: FormatOption = "table",
) -> None:
    """The referrals of one case with their number and outcome, or every referral still awaiting an answer."""
    from huurbeg.domain import transfers

    store = state(ctx).store(write=False)
    rows = with_tenants(transfers.referral_list(store, number), store, fmt)
    formats.emit_rows(rows, fmt, headed(COLUMNS), empty=_("No referrals."))


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    number: CaseArgument,
    referral_id: RecordIdArgument,
    result: Annotated[ReferralOutcome, code_option(ReferralOutcome, N_("referral outcome"),
                                                   N_("What the other service answered."), "--result")],
    when: DateOption = None,
) -> None:
    """Record what the service a case was referred to answered: accepted, refused or no-answer."""
    from huurbeg.domain import transfers

    app_state = state(ctx)
    transfers.referral_outcome(app_state.store(), number, referral_id, result, when or app_state.today,
                               app_state.today)
    render.message(_("{number}: referral {id} {result}.").format(number=number, id=referral_id,
                                                                 result=render.text_value(result)))


@app.command("remove")
def remove(ctx: typer.Context, number: CaseArgument, referral_id: RecordIdArgument, reason: ReasonOption) -> None:
    """Withdraw a referral recorded by mistake: it leaves every view and figure; the history keeps why."""
    from huurbeg.domain import corrections

    corrections.remove_referral(state(ctx).store(), number, referral_id, reason)
    render.message(_("{number}: referral {id} removed.").format(number=number, id=referral_id))
