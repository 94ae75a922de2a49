"""`huurbeg digest`: the morning summary for cron mail; prints nothing when nothing needs attention."""

import sys

import typer

from huurbeg.cli.params import AsOfOption, MineOption, WorkerOption
from huurbeg.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("digest")(digest)


def digest(
    ctx: typer.Context,
    worker: WorkerOption = None,
    mine: MineOption = False,
    as_of: AsOfOption = None,
) -> None:
    """Today's and tomorrow's hearings, urgent and overdue warnings, plans broken since yesterday.

    Plain text for cron mail, and nothing at all on a quiet day, so no mail is sent:
    0 7 * * 1-5  huurbeg digest --mine
    """
    from huurbeg.domain import digest as morning
    from huurbeg.domain import workers

    app_state = state(ctx)
    store = app_state.store(write=False, must_exist=True)
    text = morning.digest_text(morning.digest(store, as_of or app_state.today, workers.chosen(store, worker, mine)))
    sys.stdout.write(text)
