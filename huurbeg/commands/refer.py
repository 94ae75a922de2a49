"""`huurbeg refer`: refer a case to another service (doorverwijzing)."""

from typing import Annotated

import typer

from huurbeg import render
from huurbeg.codes import ReferralDestination
from huurbeg.params import CaseArgument, DateOption, code_option
from huurbeg.state import state


def register(app: typer.Typer) -> None:
    app.command("refer")(refer)


def refer(
    ctx: typer.Context,
    number: CaseArgument,
    to: Annotated[ReferralDestination, code_option(ReferralDestination, "referral destination",
                                                   "The service the case is referred to.", "--to")],
    when: DateOption = None,
    note: Annotated[str | None, typer.Option("--note", help="Why, and to whom (confidential).")] = None,
) -> None:
    """Refer the case to another service (OCMW, CGG, CAW, a lawyer, ...); never shown to a landlord."""
    from huurbeg import transfers

    app_state = state(ctx)
    transfers.refer(app_state.store(), number, to, when or app_state.today, note, app_state.today)
    render.message(f"{number}: referred to {to}.")
