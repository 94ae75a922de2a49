"""`huurbeg hearing`: the petitions and hearings at the Justice of the Peace (vredegerecht)."""

from datetime import date, datetime
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.output import render
from huurbeg.core.codes import ConciliationResult, EvictionResult, HearingResult, SessionKind, choices
from huurbeg.output.history import fields_shown
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli.params import (CODE_HELP, CaseArgument, FormatOption, MineOption, ReasonOption,
                                WorkerOption, code_option, parse_coming_date, parse_coming_datetime, parse_count,
                                parse_date, parse_datetime, parse_days, parse_money, parse_past_date,
                                parse_required_text)
from huurbeg.cli import asking
from huurbeg.cli.state import state
from huurbeg.output import formats
from huurbeg.cli.params import format_option, knowing

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage

ForceOption = Annotated[bool, typer.Option(
    "--force", help="Record a session on a Saturday, Sunday or public holiday (asked about on a terminal) all the "
                    "same.")]

app = typer.Typer(help="Court hearings and conciliation sessions: add, the roll (list), a brief per case, outcomes, "
                       "and the list of courts.", no_args_is_help=True)


RESULT_HELP = N_("What the hearing decided; a conciliation session ends in agreement, no-agreement, tenant-absent "
                 "or withdrawn.")
"""The help of --result, before the hearing's outcomes; huurbeg.cli.helptext translates it when the help is shown."""


def _parse_result(value):
    from huurbeg.domain import hearings

    if not isinstance(value, str):
        return value
    try:
        return hearings.parse_result(value)
    except ValueError as exc:
        raise typer.BadParameter(exc.args[0]) from None


parse_result = knowing(_parse_result, HearingResult)  # a help example's outcome in the reader's words


def _complete_results(incomplete: str) -> list[str]:
    from huurbeg.cli.params import complete_codes

    found = complete_codes(HearingResult)(incomplete)
    return found + [name for name in complete_codes(ConciliationResult)(incomplete) if name not in found]


CALENDAR_ONLY = ("uid", "sequence", "removed")
"""Keys of the roll that identify a calendar event; they are not part of the roll's json or csv."""

ProposalOption = Annotated[str | None, typer.Option(
    "--proposal", help="The proposal the worker will put to the judge.")]
NewCourtOption = Annotated[bool, typer.Option(
    "--new-court", help="The court is a new one, though its name is close to a court already on record.")]


def _court(store: "Storage", typed: str, new_court: bool) -> tuple[str, bool]:
    """The court typed, as on record: on a terminal a known court one typo away is offered first.
    Returns (the name, whether it is to be taken as a new court)."""
    from huurbeg.domain import hearings
    from huurbeg.cli import prompts

    if new_court or not prompts.interactive(False):
        return typed, new_court
    same, near = hearings.court_match(typed, [(row.court, row.hearings) for row in store.court.courts()])
    if same is None and near is not None:
        if prompts.confirm(_("{court}?").format(court=render.plain(near))):
            return near, False
        return typed, True
    return typed, False


@app.command("add")
def add(
    ctx: typer.Context,
    number: CaseArgument,
    starts_at: Annotated[datetime, typer.Option("--date", parser=parse_coming_datetime, metavar="'DATE HH:MM'",
                                                help="Date and time of the hearing, e.g. '24/11/2026 09:30'.")],
    court: Annotated[str, typer.Option("--court", parser=parse_required_text, metavar="TEXT",
                                       help="The court (canton), e.g. 'Vredegerecht Mechelen'.")],
    room: Annotated[str | None, typer.Option("--room", help="Courtroom.")] = None,
    petition_date: Annotated[date | None, typer.Option("--petition-date", parser=parse_past_date, metavar="DATE",
                                                       help="Date of the landlord's petition.")] = None,
    claimed: Annotated[int | None, typer.Option("--claimed", parser=parse_money, metavar="EUR",
                                                help="Arrears claimed in the petition.")] = None,
    proposal: ProposalOption = None,
    kind: Annotated[SessionKind, code_option(SessionKind, N_("session kind"), N_(
        "hearing (on a petition; the case moves to ogp) or conciliation (a pre-OGP case, which stays on its track)."),
        "--kind")] = SessionKind.HEARING,
    new_court: NewCourtOption = False,
    force: ForceOption = False,
) -> None:
    """Record a petition and its hearing (the case moves to the ogp track), or a conciliation session of a pre-OGP
    case (--kind conciliation; the case stays on pre-OGP). A day no court sits (Saturday, Sunday, public holiday)
    is asked about on a terminal; without one it is refused unless --force."""
    from huurbeg.domain import hearings
    from huurbeg.cli import prompts
    from huurbeg.domain.rules import hearing_doubts

    app_state = state(ctx)
    store = app_state.store()
    prompts.vouch(hearing_doubts(starts_at), force)
    court, new_court = _court(store, court, new_court)
    moved = hearings.add_hearing(store, number, starts_at, court, room, petition_date, claimed, proposal,
                                 app_state.today, kind, new_court)
    court = hearings.known_court(store, court, True)  # as recorded
    when = f"{starts_at:%d/%m/%Y %H:%M}"
    if kind == SessionKind.CONCILIATION:
        render.message(_("{number}: conciliation session on {when} at {court}; the case stays on pre-OGP.").format(
            number=number, when=when, court=court))
    elif moved:
        render.message(_("{number}: hearing on {when} at {court}; track {was} → ogp.").format(
            number=number, when=when, court=court, was=render.text_value(moved)))
    else:
        render.message(_("{number}: hearing on {when} at {court}.").format(number=number, when=when, court=court))


@app.command("list")
def list_hearings(
    ctx: typer.Context,
    on: Annotated[date | None, typer.Option("--date", parser=parse_date, metavar="DATE",
                                            help="Only this day, e.g. tomorrow.")] = None,
    within: Annotated[int | None, typer.Option("--within", parser=parse_days, metavar="DAYS",
                                               help="From today, this many days ahead (default 14).")] = None,
    court: Annotated[str | None, typer.Option("--court", parser=parse_required_text, metavar="TEXT",
                                              help="Only courts whose name contains this.")] = None,
    worker: WorkerOption = None,
    mine: MineOption = False,
    fmt: Annotated[str, format_option("calendar", formats.KINDS["calendar"].help)] = "table",
) -> None:
    """The roll: hearings by date and time, with who is ready and who is not; as ics, the planned visits too."""
    from huurbeg.domain import hearings, workers

    if on is not None and within is not None:
        raise typer.BadParameter(_("give --date or --within, not both"), param_hint="'--date' / '--within'")
    app_state = state(ctx)
    ahead = within if within is not None else hearings.DEFAULT_ROLL_DAYS
    first, days = (on, 1) if on else (app_state.today, ahead + 1)
    store = app_state.reader()
    calendar = formats.get(fmt).writes("calendar")
    whose = workers.chosen(store, worker, mine)
    rows = hearings.roll(store, first, days, court, whose, removed=calendar)  # a calendar cancels a withdrawn hearing
    if calendar:  # the feed carries the planned visits and evictions beside the hearings; a court's, its sessions
        from huurbeg.domain import followup

        formats.write(fmt, "calendar", rows + ([] if court else followup.planned_visits(store, first, days, whose)
                                               + hearings.evictions(store, first, days, whose)))
    elif fmt == "table":
        from huurbeg.output.views import roll_view

        roll_view(rows)
    else:
        formats.emit_rows([{k: v for k, v in row.items() if k not in CALENDAR_ONLY} for row in rows], fmt, [],
                         title=_("Hearings"))


@app.command("brief")
def brief(
    ctx: typer.Context,
    number: CaseArgument,
    fmt: FormatOption = "table",
) -> None:
    """One screen to take into the courtroom: household, money, agreements, contacts, referrals, proposal."""
    from huurbeg.domain import casework, hearings

    app_state = state(ctx)
    store = app_state.reader(records_reads=True)
    data = hearings.brief(store, number, app_state.today)
    casework.log_read(store, number, "hearing brief")
    if not formats.emit_fields(data, fmt):
        from huurbeg.output.views import brief_view

        brief_view(data)


@app.command("outcome")
def outcome(
    ctx: typer.Context,
    number: CaseArgument,
    result: Annotated[str, typer.Option(
        "--result", parser=parse_result, metavar="RESULT", autocompletion=_complete_results,
        help=CODE_HELP.format(help=RESULT_HELP, codes=choices(HearingResult)))],
    new_date: Annotated[datetime | None, typer.Option(
        "--new-date", parser=parse_coming_datetime, metavar="'DATE HH:MM'",
        help="For postponed: the new hearing.")] = None,
    eviction_date: Annotated[date | None, typer.Option(
        "--eviction-date", parser=parse_coming_date, metavar="DATE",
        help="For dissolved, only if already known: the eviction date. Usually it is not: record the judgment's "
             "service with 'hearing served' and the bailiff's date with 'hearing eviction'.")] = None,
    proposal: ProposalOption = None,
    correct: Annotated[bool, typer.Option(
        "--correct", help="Replace the outcome recorded last, entered by mistake (and the new hearing of a "
                          "postponement); the history keeps both.")] = False,
    force: ForceOption = False,
) -> None:
    """Record the outcome of the case's pending hearing (settled, postponed, plan-imposed, dissolved, ...) or
    conciliation session (agreement, no-agreement, tenant-absent, withdrawn)."""
    from huurbeg.domain import hearings
    from huurbeg.cli import prompts
    from huurbeg.domain.rules import hearing_doubts

    app_state = state(ctx)
    store = app_state.store()
    if new_date is not None:
        prompts.vouch(hearing_doubts(new_date, "new_date"), force)
    if correct:
        _withdraw_outcome(store, number, CORRECTED)
    plan = None
    result = hearings.check_outcome(store, number, result, new_date, eviction_date, app_state.today)[3]
    if result == HearingResult.PLAN_IMPOSED and isinstance(result, HearingResult):
        plan = _ask_imposed_plan(store, number, app_state.today)  # asked before anything is written
    hearings.record_outcome(store, number, result, new_date, eviction_date, proposal, app_state.today)
    planned = _record_plan(store, number, plan)  # in the same transaction as the outcome
    shown = {"number": number, "result": render.text_value(result)}
    if isinstance(result, ConciliationResult):
        render.message(_("{number}: conciliation session: {result}.").format(**shown))
    elif new_date:
        render.message(_("{number}: hearing {result}; new hearing on {when}.").format(
            **shown, when=f"{new_date:%d/%m/%Y %H:%M}"))
    elif eviction_date:
        render.message(_("{number}: hearing {result}; eviction on {when}.").format(
            **shown, when=render.text_value(eviction_date)))
    else:
        render.message(_("{number}: hearing {result}.").format(**shown))
    if result == HearingResult.DISSOLVED and not eviction_date:
        render.message(_("When the judgment is served on the tenant: huurbeg hearing served {number} --date D")
                       .format(number=number))
    if planned is not None:
        render.message(ngettext("{number}: payment plan of {count} instalment recorded.",
                                "{number}: payment plan of {count} instalments recorded.", planned).format(
            number=number, count=planned))
    elif isinstance(result, HearingResult) and result == HearingResult.PLAN_IMPOSED:
        render.notice(_("Record the imposed plan with: huurbeg plan {number} --arrears EUR --instalment EUR "
                        "--start D").format(number=number))


CORRECTED = "replaced by the outcome recorded next"
"""The reason the history gives for an outcome replaced with `hearing outcome --correct`."""


def _withdraw_outcome(store: "Storage", number: str, reason: str | None) -> None:
    from huurbeg.domain import corrections
    from huurbeg.domain.hearings import result_of

    hearing, result, follow_up = corrections.withdraw_outcome(store, number, reason)
    render.message(_("{number}: outcome {result} of the hearing of {when} withdrawn.").format(
        number=number, result=render.text_value(result_of(hearing.kind, result)),
        when=f"{hearing.starts_at:%d/%m/%Y %H:%M}"))
    if follow_up is not None:
        render.message(_("{number}: the hearing of {when} it set is withdrawn too.").format(
            number=number, when=f"{follow_up.starts_at:%d/%m/%Y %H:%M}"))


def _awaiting_outcome(store, number: str) -> None:
    from huurbeg.domain import hearings

    hearings.check_awaiting_outcome(store, number)


asking.before(("hearing", "outcome"), _awaiting_outcome)  # no hearing to record an outcome of: said before asking


@app.command("outcome-remove")
def outcome_remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw the outcome recorded last (entered by mistake): the hearing awaits one again; the history keeps why."""
    _withdraw_outcome(state(ctx).store(), number, reason)


def _ask_imposed_plan(store: "Storage", number: str, today: date) -> tuple[int, int, date] | None:
    """On a terminal, the plan the judge imposed: (arrears, instalment, start), or None."""
    from huurbeg.domain import casework
    from huurbeg.cli import prompts

    if not prompts.interactive(False):
        return None
    prompts.introduce(number, casework.tenant_of_open_case(store, number))
    if not prompts.confirm(_("Record the imposed payment plan now?")):
        return None
    return prompts.ask_plan(None, None, None, today)


def _record_plan(store: "Storage", number: str, plan: tuple[int, int, date] | None) -> int | None:
    """The imposed plan recorded; its instalment count, or None when none was given."""
    if plan is None:
        return None
    from huurbeg.domain import followup

    count, _plan = followup.new_plan(store, number, *plan, None)
    return count


@app.command("edit")
def edit(
    ctx: typer.Context,
    number: CaseArgument,
    starts_at: Annotated[datetime | None, typer.Option("--date", parser=parse_datetime, metavar="'DATE HH:MM'",
                                                       help="Date and time of the hearing.")] = None,
    court: Annotated[str | None, typer.Option("--court", parser=parse_required_text, metavar="TEXT",
                                              help="The court (canton).")] = None,
    room: Annotated[str | None, typer.Option("--room", help="Courtroom ('' clears).")] = None,
    petition_date: Annotated[date | None, typer.Option("--petition-date", parser=parse_past_date, metavar="DATE",
                                                       help="Date of the landlord's petition.")] = None,
    claimed: Annotated[int | None, typer.Option("--claimed", parser=parse_money, metavar="EUR",
                                                help="Arrears claimed in the petition.")] = None,
    proposal: Annotated[str | None, typer.Option(
        "--proposal", help="The proposal for the judge ('' clears); editable until the outcome.")] = None,
    new_court: NewCourtOption = False,
    force: ForceOption = False,
) -> None:
    """Correct the case's pending hearing, or add or change the proposal for the judge."""
    from huurbeg.domain import corrections, hearings
    from huurbeg.cli import prompts
    from huurbeg.domain.rules import hearing_doubts

    app_state = state(ctx)
    if starts_at is not None:
        prompts.vouch(hearing_doubts(starts_at), force)
    if court is not None:
        store = app_state.store()
        court, new_court = _court(store, court, new_court)
        court = hearings.known_court(store, court, new_court)
    given = {name: value for name, value in (
        ("starts_at", starts_at), ("court", court), ("room", room), ("petition_date", petition_date),
        ("claimed_cents", claimed), ("proposal", proposal)) if value is not None}
    if not given:
        raise typer.BadParameter(_("give what to correct: --date, --court, --room, --petition-date, --claimed or "
                                   "--proposal"), param_hint="'" + _("CASE") + "'")
    changed = corrections.edit_hearing(app_state.store(), number, given, app_state.today)
    render.message(_("{number}: hearing corrected ({fields}).").format(number=number, fields=fields_shown(changed)))


@app.command("remove")
def remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw the case's pending hearing (entered twice, or on the wrong case); the history keeps why."""
    from huurbeg.domain import corrections

    hearing, back_to = corrections.remove_hearing(state(ctx).store(), number, reason)
    render.message(_("{number}: hearing of {when} removed.").format(number=number,
                                                                     when=f"{hearing.starts_at:%d/%m/%Y %H:%M}"))
    if back_to is not None:  # the hearing had moved the case to OGP: it goes back with it
        render.message(_("{number}: back on track {track}, as before the hearing was recorded.").format(
            number=number, track=render.text_value(back_to)))


@app.command("courts")
def courts(
    ctx: typer.Context,
    merge: Annotated[str | None, typer.Option(
        "--merge", parser=parse_required_text, metavar="OLD",
        help="A court's name as listed, whose hearings move to the court of --into (a name written two ways).")] = None,
    into: Annotated[str | None, typer.Option(
        "--into", parser=parse_required_text, metavar="NEW", help="The court the hearings of --merge move to.")] = None,
    fmt: FormatOption = "table",
) -> None:
    """The courts on record, with how many hearings and conciliation sessions name each; --merge OLD --into NEW
    joins two names of one court (recorded in each case's history)."""
    from huurbeg.domain import hearings

    if (merge is None) != (into is None):
        raise typer.BadParameter(_("give --merge OLD and --into NEW together"), param_hint="'--merge' / '--into'")
    app_state = state(ctx)
    if merge is not None and into is not None:
        old, new, count = hearings.merge_courts(app_state.store(), merge, into)
        render.message(ngettext("{count} hearing moved from {old} to {new}.",
                                "{count} hearings moved from {old} to {new}.", count).format(
            count=count, old=render.text_value(old), new=render.text_value(new)))
        return
    rows = [{"court": row.court, "hearings": row.hearings} for row in app_state.reader().court.courts()]
    formats.emit_rows(rows, fmt, [("court", _("Court")), ("hearings", _("Hearings"))],
                     empty=_("No courts yet: a court is named by 'huurbeg hearing add CASE --court TEXT'."))


CorrectOption = Annotated[bool, typer.Option(
    "--correct", help="Replace what was recorded before (entered by mistake); the history keeps both.")]


@app.command("served")
def served(
    ctx: typer.Context,
    number: CaseArgument,
    on: Annotated[date, typer.Option("--date", parser=parse_past_date, metavar="DATE",
                                     help="The day the judgment was served on the tenant (betekening).")],
    term_days: Annotated[int | None, typer.Option(
        "--term-days", parser=parse_count, metavar="N",
        help="The term before an eviction the judge set, in days, when it is not one month.")] = None,
    correct: CorrectOption = False,
) -> None:
    """The judgment that dissolved the lease was served on the tenant: gives the earliest eviction date."""
    from huurbeg.domain import hearings

    app_state = state(ctx)
    earliest = hearings.record_served(app_state.store(), number, on, term_days, app_state.today, correct)
    render.message(_("{number}: judgment served on {served}; no eviction before {earliest}.").format(
        number=number, served=render.text_value(on), earliest=render.text_value(earliest)))


@app.command("served-remove")
def served_remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw the service of the judgment recorded by mistake; the history keeps why."""
    from huurbeg.domain import hearings

    on = hearings.withdraw_served(state(ctx).store(), number, reason)
    render.message(_("{number}: service of the judgment on {served} withdrawn.").format(
        number=number, served=render.text_value(on)))


RESULT_SAID = {EvictionResult.CARRIED_OUT: N_("{number}: eviction carried out on {when}."),
               EvictionResult.AVERTED: N_("{number}: eviction averted ({when})."),
               EvictionResult.LEFT: N_("{number}: the household left before the eviction ({when}).")}


@app.command("eviction")
def eviction(
    ctx: typer.Context,
    number: CaseArgument,
    at: Annotated[datetime | None, typer.Option("--date", parser=parse_coming_datetime, metavar="'DATE HH:MM'",
                                                help="The eviction's date and time the bailiff announced.")] = None,
    announced: Annotated[date | None, typer.Option(
        "--announced", parser=parse_past_date, metavar="DATE",
        help="With --date: the day the bailiff announced it to the tenant (default today).")] = None,
    result: Annotated[EvictionResult | None, code_option(EvictionResult, N_("eviction result"),
                                                         N_("What happened."), "--result")] = None,
    correct: CorrectOption = False,
) -> None:
    """The bailiff's announced eviction (--date), or what happened on it (--result)."""
    from huurbeg.domain import hearings
    from huurbeg.domain.rules import EVICTION_NOTICE_WORKING_DAYS

    if (at is None) == (result is None):
        raise typer.BadParameter(_("give --date (the announced eviction) or --result (what happened), one of them"),
                                 param_hint="'--date' / '--result'")
    if announced is not None and at is None:
        raise typer.BadParameter(_("only with --date"), param_hint="'--announced'")
    app_state = state(ctx)
    store = app_state.store()
    if at is not None:
        short = hearings.record_eviction(store, number, at, announced or app_state.today, app_state.today, correct)
        render.message(_("{number}: eviction announced for {when}.").format(number=number,
                                                                           when=f"{at:%d/%m/%Y %H:%M}"))
        if short:
            render.message(_("{number}: announced less than {days} working days ahead; the bailiff must give the "
                             "tenant at least {days}: raise it with the bailiff or a lawyer").format(
                number=number, days=EVICTION_NOTICE_WORKING_DAYS), style="yellow")
    elif result is not None:
        when = hearings.record_eviction_result(store, number, result, app_state.today, correct)
        render.message(_(RESULT_SAID[result]).format(number=number, when=render.text_value(when)))


@app.command("eviction-remove")
def eviction_remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw the eviction's last step recorded by mistake: what happened, else the announced date."""
    from huurbeg.domain import hearings

    step, value = hearings.withdraw_eviction(state(ctx).store(), number, reason)
    if step == "result":
        render.message(_("{number}: what happened on the eviction ({result}) withdrawn.").format(
            number=number, result=render.text_value(value)))
    else:
        render.message(_("{number}: eviction of {when} withdrawn.").format(number=number,
                                                                          when=render.text_value(value)))
