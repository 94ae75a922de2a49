"""`huurbeg visit`: log a contact with the household (huisbezoek, telefoon, ...) and list contacts."""

from datetime import date
from typing import Annotated

import typer

from huurbeg.output import formats, render
from huurbeg.core.codes import ContactKind
from huurbeg.cli.groups import with_default
from huurbeg.commands import headed
from huurbeg.output.history import fields_shown
from huurbeg.core.i18n import N_, _
from huurbeg.cli.params import (CaseArgument, DateOption, FormatOption, NoInputOption, ReasonOption,
                                RecordIdArgument, code_option, parse_case, parse_coming_date, parse_minutes,
                                parse_past_date, parse_clearable_coming_date, CLEARED)
from huurbeg.cli.state import state
from huurbeg.commands import ResumeOption, kept_answers_of
from huurbeg.core.errors import InvalidInput

app = typer.Typer(
    cls=with_default("add"), no_args_is_help=True,
    help="Contacts with the household. 'huurbeg visit CASE' is short for 'huurbeg visit add CASE'.")

COLUMNS = [("id", "#"), ("date", N_("Date")), ("case", N_("Case")), ("kind", N_("Kind")), ("reached", N_("Reached")),
           ("minutes", N_("Min")), ("next", N_("Next")), ("note", N_("Note"))]

ReachedOption = Annotated[bool | None, typer.Option(
    "--reached/--not-reached", show_default=False,
    help="Whether the contact reached the household: --not-reached for a door that stayed shut or a phone nobody "
         "answered, --reached for an answered letter or e-mail (default: a letter or e-mail does not, any other "
         "contact does).")]


@app.command("add")
def add(
    ctx: typer.Context,
    number: CaseArgument,
    when: DateOption = None,
    kind: Annotated[ContactKind | None, code_option(ContactKind, N_("kind of contact"),
                                                    N_("Kind of contact (default home)."),
                                                    "--kind")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", parser=parse_minutes, metavar="N",
                                                help="Time spent: 90, 45 min, 1u30, 1:30 or 2u.")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What happened (confidential).")] = None,
    next_planned: Annotated[date | None, typer.Option("--next", parser=parse_coming_date, metavar="DATE",
                                                      help="The next planned contact.")] = None,
    reached: ReachedOption = None,
    no_input: NoInputOption = False,
    resume: ResumeOption = False,
) -> None:
    """Log a contact: a home visit today unless told otherwise. On a terminal, what is not given is asked."""
    from huurbeg.domain import followup
    from huurbeg.cli import prompts
    from huurbeg.domain import drafts

    app_state = state(ctx)
    today = app_state.today
    store = app_state.store()
    asking = prompts.interactive(no_input)
    if resume and not asking:
        raise InvalidInput(_("--resume: goes on with the questions, on a terminal (without --no-input)"))
    case, skipped = None, []  # the questions answered with Enter alone before: answered, not asked again
    if resume:
        case, kept = kept_answers_of(store, drafts.VISIT, number, today)
        if case is None:
            render.message(_("{number}: the kept answers are discarded; nothing else was written.").format(
                number=number))
            return
        kind, reached = drafts.given_or_kept(kind, kept, "kind"), drafts.given_or_kept(reached, kept, "reached")
        minutes, note = drafts.given_or_kept(minutes, kept, "minutes"), drafts.given_or_kept(note, kept, "note")
        next_planned = drafts.given_or_kept(next_planned, kept, "next_planned")
        when = when or kept.get("when")  # the day of the contact, as --date gave it
        skipped = kept.get(drafts.SKIPPED, [])
    when = when or today
    flow = None
    with drafts.keeping(store, drafts.VISIT, case, number, today, resuming=resume) as keeper:
        if asking and any(value is None and name not in skipped for name, value in (
                ("kind", kind), ("minutes", minutes), ("note", note), ("next_planned", next_planned),
                ("reached", reached))):
            case = followup.check_contact(store, number, when, minutes, next_planned, today)  # before any question
            keeper.case_id = case.id
            flow = prompts.start_flow(keeper, skipped)
            prompts.introduce(number, store.cases.household(case).name)
            kind, reached, minutes, note, next_planned = prompts.ask_visit(kind, reached, minutes, note,
                                                                           next_planned, when, today)
        kind = kind or ContactKind.HOME
        if resume:  # the kept answers were not asked again: shown with the new ones, to be confirmed
            from huurbeg.domain.rules import reaches
            from huurbeg.output.views import visit_summary

            if flow is None:  # nothing was left to ask: the flow starts at the summary
                flow = prompts.start_flow(keeper, skipped)
            while True:  # a No corrects an answer, then shows the summary again
                reached = reaches(kind) if reached is None else reached
                visit_summary(number, when, kind, reached, minutes, note, next_planned)
                if prompts.confirm(_("Log this contact?")):
                    break
                corrected = prompts.correct_visit({"kind": kind, "reached": reached, "minutes": minutes,
                                                   "note": note, "next_planned": next_planned}, when, today)
                kind, reached, minutes, note, next_planned = (corrected[name] for name in (
                    "kind", "reached", "minutes", "note", "next_planned"))
        reached = followup.log_contact(store, number, when, kind, minutes, note, next_planned, today, reached)
        if keeper.case_id is not None:
            keeper.done()
    missed = "" if reached else _(" (household not reached)")
    if next_planned:
        render.message(_("{number}: {kind} contact logged{missed}; next contact {next}.").format(
            number=number, kind=render.text_value(kind), missed=missed, next=render.text_value(next_planned)))
    else:
        render.message(_("{number}: {kind} contact logged{missed}.").format(
            number=number, kind=render.text_value(kind), missed=missed))


@app.command("list")
def list_contacts(
    ctx: typer.Context,
    number: Annotated[str | None, typer.Argument(parser=parse_case, metavar="[CASE]",
                                                 help="Only this case (default: every case).")] = None,
    since: Annotated[date | None, typer.Option(
        "--since", parser=parse_past_date, metavar="DATE",
        help="Only contacts from this date (default: all of one case, the last 30 days of every case).")] = None,
    fmt: FormatOption = "table",
) -> None:
    """Contacts of one case, or of every case in the last 30 days."""
    from huurbeg.domain import followup

    from dateutil.relativedelta import relativedelta

    app_state = state(ctx)
    if since is None and number is None:
        since = app_state.today - relativedelta(days=30)
    rows = followup.contact_list(app_state.store(write=False), number, since)
    # one case's contacts: every note whole; every case's: a note cut says so (…)
    formats.emit_rows(rows, fmt, headed(COLUMNS), empty=_("No contacts."), whole=("note",) if number else ())


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: CaseArgument,
    contact_id: RecordIdArgument,
    when: Annotated[date | None, typer.Option("--date", parser=parse_past_date, metavar="DATE",
                                              help="When the contact was.")] = None,
    kind: Annotated[ContactKind | None, code_option(ContactKind, N_("kind of contact"), N_("Kind of contact."),
                                                    "--kind")] = None,
    minutes: Annotated[int | None, typer.Option("--minutes", parser=parse_minutes, metavar="N",
                                                help="Time spent: 90, 45 min, 1u30, 1:30 or 2u (at most 8 hours).")] = None,
    note: Annotated[str | None, typer.Option("--note", help="What happened (confidential; '' clears).")] = None,
    next_planned: Annotated[date | None, typer.Option("--next", parser=parse_clearable_coming_date, metavar="DATE",
                                                      help="The next planned contact ('' clears it).")] = None,
    reached: ReachedOption = None,
) -> None:
    """Correct a contact (its number is in 'huurbeg visit list CASE'); the history names the fields changed."""
    from huurbeg.domain import corrections

    given: dict[str, object] = {name: value for name, value in (("date", when), ("kind", kind), ("minutes", minutes), ("note", note),
                                             ("next_planned", next_planned), ("reached", reached))
             if value is not None}
    if given.get("next_planned") == CLEARED:  # --next '': no next contact planned
        given["next_planned"] = None
    if not given:
        raise typer.BadParameter(_("give what to correct: --date, --kind, --minutes, --note, --next or "
                                   "--reached/--not-reached"),
                                 param_hint="'ID'")
    app_state = state(ctx)
    changed = corrections.edit_contact(app_state.store(), number, contact_id, given, app_state.today)
    render.message(_("{number}: contact {id} corrected ({fields}).").format(
        number=number, id=contact_id, fields=fields_shown(changed)))


@app.command("remove")
def remove(ctx: typer.Context, number: CaseArgument, contact_id: RecordIdArgument, reason: ReasonOption) -> None:
    """Withdraw a contact logged by mistake: it leaves every view, warning and figure; the history keeps why."""
    from huurbeg.domain import corrections

    corrections.remove_contact(state(ctx).store(), number, contact_id, reason)
    render.message(_("{number}: contact {id} removed.").format(number=number, id=contact_id))
