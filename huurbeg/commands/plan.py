"""`huurbeg plan`: payment plans for rent arrears (afbetalingsplan), payments and agreements (afspraken)."""

from datetime import date
from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.core import dates, money
from huurbeg.output import formats, render
from huurbeg.core.codes import Party
from huurbeg.core.errors import InvalidInput, MissingValue
from huurbeg.cli.groups import with_default
from huurbeg.output.history import fields_shown
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli.params import (AsOfOption, CaseArgument, DateOption, FormatOption, NoInputOption, ReasonOption, RecordIdArgument, code_option, output_file, parse_coming_date,
                                parse_count, parse_date, parse_money, parse_past_date, parse_required_text)
from huurbeg.cli.state import state
from huurbeg.cli import asking
from huurbeg.commands import ResumeOption, kept_answers_of

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage

app = typer.Typer(
    cls=with_default("new"), no_args_is_help=True,
    help="Payment plans, payments and agreements. 'huurbeg plan CASE ...' is short for 'huurbeg plan new CASE ...'.")

ForceOption = Annotated[bool, typer.Option(
    "--force", help="Record an amount that looks like a typo (asked about on a terminal) all the same.")]
InstalmentOption = Annotated[int | None, typer.Option("--instalment", parser=parse_money, metavar="EUR",
                                                      help="The monthly instalment.")]
StartOption = Annotated[date | None, typer.Option(
    "--start", parser=parse_date, metavar="DATE", help="Start of the plan; the first instalment falls on or after it.")]
DayOption = Annotated[int | None, typer.Option(
    "--day", parser=parse_count, metavar="N", help="Day of the month instalments fall due, 1-31 (default: the start's).")]


@app.command("new")
def new(
    ctx: typer.Context,
    number: CaseArgument,
    arrears: Annotated[int | None, typer.Option("--arrears", parser=parse_money, metavar="EUR",
                                                help="The arrears the plan pays off, e.g. 1.234,56.")] = None,
    instalment: InstalmentOption = None,
    start: StartOption = None,
    day: DayOption = None,
    force: ForceOption = False,
    no_input: NoInputOption = False,
    resume: ResumeOption = False,
) -> None:
    """Set up a monthly payment plan; it replaces an active plan, which stays in the history.

    Without --arrears the case's arrears are taken (offered on a terminal), and on a terminal the plan is shown
    to be confirmed. An instalment above the arrears or more than twice the rent, or arrears that differ from the
    case's, are asked about; without a terminal they are refused unless --force.
    """
    from huurbeg.domain import casework, drafts, followup
    from huurbeg.cli import prompts

    app_state = state(ctx)
    store = app_state.store()
    today = app_state.today
    asking = prompts.interactive(no_input)
    if resume and not asking:
        raise InvalidInput(_("--resume: goes on with the questions, on a terminal (without --no-input)"))
    case = None
    if resume:
        case, kept = kept_answers_of(store, drafts.PLAN, number, today)
        if case is None:
            render.message(_("{number}: the kept answers are discarded; nothing else was written.").format(
                number=number))
            return
        arrears, instalment = drafts.given_or_kept(arrears, kept, "arrears"), drafts.given_or_kept(
            instalment, kept, "instalment")
        start = drafts.given_or_kept(start, kept, "start")
    asked, vouched, flow = resume, set(), None
    with drafts.keeping(store, drafts.PLAN, case, number, today, resuming=resume) as keeper:
        if None in (arrears, instalment, start) and asking:
            asked = True
            prompts.introduce(number, casework.tenant_of_open_case(store, number))
            keeper.case_id = store.cases.case(number).id
            flow = prompts.start_flow(keeper)
            arrears, instalment, start = prompts.ask_plan(
                arrears, instalment, start, today, followup.known_arrears(store, number),
                lambda a, i: [] if force else followup.plan_doubts(store, number, a, i))
            vouched = prompts.vouched_fields()  # asked about where they were typed
        if arrears is None:  # without a terminal the case's arrears stand, as a terminal offers them
            arrears = followup.known_arrears(store, number) or None
        if arrears is None or instalment is None or start is None:
            flag = "--arrears" if arrears is None else "--instalment" if instalment is None else "--start"
            raise MissingValue(_("{option}: required; give it as a flag, or run on a terminal to be asked")
                               .format(option=flag))
        schedule = followup.plan_preview(arrears, instalment, start, day)  # refused before anything is asked
        casework.check_open(store.cases.case(number).status, number)
        doubts = followup.plan_doubts(store, number, arrears, instalment)
        prompts.vouch([found for found in doubts if getattr(found, "field", None) not in vouched], force, no_input)
        force = force or bool(doubts)  # each doubt was accepted, or --force given
        if asked:  # like the intake: what was answered is shown whole, then confirmed
            from huurbeg.output.views import plan_summary

            if flow is None:  # resumed with nothing left to ask: the flow starts at the summary
                keeper.case_id = store.cases.case(number).id
                flow = prompts.start_flow(keeper)
            while True:  # a No corrects an answer, then shows the summary again
                plan_summary(number, arrears, schedule)
                if prompts.confirm(_("Set up this payment plan?")):
                    break
                arrears, instalment, start = prompts.correct_plan(
                    arrears, instalment, start, today, lambda a, i: followup.plan_doubts(store, number, a, i))
                schedule = followup.plan_preview(arrears, instalment, start, day)
                force = force or bool(followup.plan_doubts(store, number, arrears, instalment))
        count, replaced = followup.new_plan(store, number, arrears, instalment, start, day, force=force)
        if keeper.case_id is not None:
            keeper.done()
    render.message((ngettext("{number}: payment plan of {count} instalment for {amount} (the earlier plan was "
                             "replaced).", "{number}: payment plan of {count} instalments for {amount} (the "
                             "earlier plan was replaced).", count) if replaced else
                    ngettext("{number}: payment plan of {count} instalment for {amount}.",
                             "{number}: payment plan of {count} instalments for {amount}.", count)).format(
        number=number, count=count, amount=money.fmt(arrears)))


@app.command("pay")
def pay(
    ctx: typer.Context,
    number: CaseArgument,
    amount: Annotated[int, typer.Option("--amount", parser=parse_money, metavar="EUR", help="Amount paid.")],
    when: DateOption = None,
    force: ForceOption = False,
    no_input: NoInputOption = False,
) -> None:
    """Record a payment: it settles what is due, oldest first; an extra amount shortens the plan.

    A payment far above the instalment (more than three instalments, and more than is due with the next one)
    is asked about on a terminal; without one it is refused unless --force.
    """
    from huurbeg.domain import followup
    from huurbeg.cli import prompts

    app_state = state(ctx)
    store = app_state.store()
    when = when or app_state.today
    prompts.vouch(followup.payment_doubts(store, number, amount, when, app_state.today), force, no_input)
    left = followup.pay(store, number, amount, when, app_state.today)
    render.message((_("{number}: payment of {amount} recorded; the plan is paid off.") if left == 0 else
                    _("{number}: payment of {amount} recorded; {left} left.")).format(
        number=number, amount=money.fmt(amount), left=money.fmt(left)))


def _usual_payment(store, params: dict) -> str | None:
    from huurbeg.domain import followup

    cents = followup.usual_payment(store, params["number"])
    return money.fmt(cents).removeprefix("€ ") if cents else None


def _has_a_plan(store, number: str) -> None:
    from huurbeg.domain import followup

    followup.active_plan_of(store, number)


asking.offer(("plan", "pay"), "amount", _usual_payment)  # Enter at the question of --amount: the instalment
asking.before(("plan", "pay"), _has_a_plan)  # a case without a plan is told so before the amount is asked


@app.command("show")
def show(ctx: typer.Context, number: CaseArgument, as_of: AsOfOption = None,
         fmt: FormatOption = "table") -> None:
    """Every instalment with its due date, amount, what was paid and its state, and the balance."""
    from huurbeg.domain import followup

    app_state = state(ctx)
    view = followup.plan_view(app_state.reader(), number, as_of or app_state.today)
    if fmt == "json":
        render.write_json(view)
    elif fmt != "table":  # csv and xlsx: one row per instalment
        formats.emit_rows(view["instalments"], fmt, [], title=_("Payment plan {number}").format(number=number))
    else:
        from huurbeg.output.views import plan_view

        with render.paged():
            plan_view(view)


@app.command("agree")
def agree(
    ctx: typer.Context,
    number: CaseArgument,
    text: Annotated[str, typer.Argument(parser=parse_required_text, metavar="TEXT",
                                        help="What was agreed, e.g. 'clean the kitchen'.")],
    due: Annotated[date, typer.Option("--due", parser=parse_coming_date, metavar="DATE", help="Agreed by when.")],
    party: Annotated[Party, code_option(Party, N_("party"), N_("Who agreed to do it (default tenant)."),
                                        "--party")] = Party.TENANT,
) -> None:
    """Record an agreement (afspraak) of tenant or landlord, due by a date."""
    from huurbeg.domain import followup

    agreement_id = followup.agree(state(ctx).store(), number, text, due, party)
    render.message(_("{number}: agreement {id} ({party}) due {due}.").format(
        number=number, id=agreement_id, party=render.text_value(party), due=render.text_value(due)))
    render.record_number(agreement_id)


@app.command("done")
def done(
    ctx: typer.Context,
    number: CaseArgument,
    agreement_id: Annotated[int, typer.Argument(parser=parse_count, metavar="ID",
                                                help="The agreement's number (see 'huurbeg case show').")],
    when: DateOption = None,
) -> None:
    """Mark an agreement as done."""
    from huurbeg.domain import followup

    app_state = state(ctx)
    followup.agreement_done(app_state.store(), number, agreement_id, when or app_state.today, app_state.today)
    render.message(_("{number}: agreement {id} done.").format(number=number, id=agreement_id))


@app.command("fbu")
def fbu(
    ctx: typer.Context,
    number: CaseArgument,
    signed: Annotated[date | None, typer.Option(
        "--signed", parser=parse_past_date, metavar="DATE",
        help="When service, tenant and landlord signed the guidance agreement.")] = None,
    instalment: InstalmentOption = None,
    start: StartOption = None,
    day: DayOption = None,
    advance: Annotated[int | None, typer.Option(
        "--advance", parser=parse_money, metavar="EUR",
        help="The advance actually agreed (default: half the arrears, up to the year's maximum).")] = None,
    arrears: Annotated[int | None, typer.Option(
        "--arrears", parser=parse_money, metavar="EUR",
        help="The arrears when signing (default: the case's arrears).")] = None,
    force: Annotated[bool, typer.Option(
        "--force", help=("Record an --advance above the fund's maximum (half the arrears, capped yearly), or an "
                         "agreement on a lease the Justice of the Peace dissolved."))] = False,
    document: Annotated[bool, typer.Option(
        "--document", help="Print the guidance agreement for signing (Dutch; English with HUURBEG_LANG=en).")] = False,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", callback=output_file,
        help="With --document: write it to FILE (once the command succeeded, readable by you only).")] = None,
    no_input: NoInputOption = False,
) -> None:
    """FBU guidance agreement (begeleidingsovereenkomst) with the Flemish eviction-prevention fund.

    Records the agreement: the service pays the landlord an advance of half the arrears (capped
    yearly) within 10 working days, and the balance becomes the tenant's payment plan. Conditions:
    rent known, a private landlord or an SVK, arrears 2 to 6 times the rent.
    """
    from huurbeg.domain import followup
    from huurbeg.cli import prompts

    if output is not None and not document:
        raise InvalidInput(_("--output: goes with --document"))
    app_state = state(ctx)
    store = app_state.store()
    recording = signed is not None or not document
    if recording and None in (signed, instalment, start) and prompts.interactive(no_input):
        signed, instalment, start = _ask_fbu(store, number, signed, instalment, start, advance, force, arrears,
                                             app_state.today)
    if signed is None and not document:
        raise MissingValue(_("--signed: required to record an agreement (or --document to print the recorded one); "
                             "give it as a flag, or run on a terminal to be asked"))
    if signed is not None:
        if instalment is None or start is None:
            raise MissingValue(_("{option}: required with --signed").format(
                option="--instalment" if instalment is None else "--start"))
        # a dissolved lease is asked about before anything is written, as an implausible amount is
        prompts.vouch(followup.fbu_doubts(store, number), force, no_input)
        agreed = followup.fbu_sign(store, number, signed=signed, instalment=instalment, start=start, day=day,
                                   advance=advance, force=force, arrears=arrears, today=app_state.today)
        signed_text = ngettext(
            "{number}: FBU agreement signed {signed}: advance of {advance} to the landlord due {due}; balance of "
            "{balance} in a payment plan of {count} instalment.",
            "{number}: FBU agreement signed {signed}: advance of {advance} to the landlord due {due}; balance of "
            "{balance} in a payment plan of {count} instalments.", agreed["instalments"])
        if agreed["replaced"]:
            signed_text = ngettext(
                "{number}: FBU agreement signed {signed}: advance of {advance} to the landlord due {due}; balance of "
                "{balance} in a payment plan of {count} instalment (the earlier plan was replaced).",
                "{number}: FBU agreement signed {signed}: advance of {advance} to the landlord due {due}; balance of "
                "{balance} in a payment plan of {count} instalments (the earlier plan was replaced).",
                agreed["instalments"])
        render.message(signed_text.format(
            number=number, signed=render.text_value(signed), advance=money.fmt(agreed["advance"]),
            due=render.text_value(agreed["advance_due"]), balance=money.fmt(agreed["balance"]),
            count=agreed["instalments"]))
    if document:
        _fbu_document(store, number, output, no_input, app_state.today)


def _fbu_document(store: "Storage", number: str, output: Path | None, no_input: bool, today: date) -> None:
    """The agreement for signing: as text, or on the service's paper as a PDF kept in the dossier."""
    import os

    from huurbeg.output import documents, fbu_document, letters
    from huurbeg.domain import followup

    lang = fbu_document.language(os.environ.get("HUURBEG_LANG"))
    pdf = output is not None and output.suffix.lower() == ".pdf"
    if pdf:
        from huurbeg.commands import letter

        from huurbeg.domain.casework import check_open

        check_open(store.cases.case(number).status, number)  # kept in the dossier: an open one
        identity, worker = letter.sender(store, no_input)
    else:
        identity, worker = store.service.identity(), None
    data = followup.fbu_document(store, number)
    if data["dissolved_on"] is not None:  # the fund backs a lease that runs: this one a judge ended
        render.message(_("{number}: the Justice of the Peace dissolved the lease on {date}; an FBU agreement needs a "
                         "lease that runs (a new one, or the landlord's written consent to continue)").format(
            number=number, date=render.text_value(data["dissolved_on"])), style="yellow")
    text = fbu_document.render(data, lang, identity)
    if not pdf or output is None:
        render.write_text(text)
        return
    made = letters.fbu(data, text, identity, worker, lang, fbu_document.blocks(data, lang, identity))
    content = documents.pdf(made)
    render.write_bytes(content)
    kept = letter.keep(store, made, documents.PDF_TYPE, output.name, content, today)
    render.confirmed(_("{number}: FBU guidance agreement kept in the dossier as document {id}.")
                   .format(number=number, id=kept))


def _ask_fbu(store: "Storage", number, signed, instalment, start, advance, force, arrears, today):
    """On a terminal: whose case, then the signing date; the advance it gives; then the plan of the balance."""
    from huurbeg.domain import casework, followup
    from huurbeg.cli import prompts

    current = casework.current_values(store, number)
    render.notice(_("Case {number}: {tenant}; arrears {arrears}, monthly rent {rent}.").format(
        number=number, tenant=current["tenant"] or _("(no name)"), arrears=money.fmt(current["arrears_cents"]),
        rent=money.fmt(current["rent_cents"]) or _("unknown")), style="")  # read before the questions
    if signed is None:
        signed = prompts.ask_date(_("Signed on?"), today, dates.PAST)
    agreed = followup.fbu_terms(store, number, signed=signed, advance=advance, force=force, arrears=arrears,
                                today=today)
    render.notice(_("Advance of {advance} due {due}; the tenant pays off {balance}.").format(
        advance=money.fmt(agreed.advance), due=render.text_value(agreed.advance_due),
        balance=money.fmt(agreed.balance)), style="")
    if instalment is None:
        instalment = prompts.ask_amount(_("Monthly instalment on the balance (euros)?"),
                                        lambda cents: followup.check_fbu_instalment(agreed.balance, cents, today))
    if start is None:
        start = prompts.ask_date(_("Start of the payment plan?"), today)
    return signed, instalment, start


@app.command("fbu-paid")
def fbu_paid(ctx: typer.Context, number: CaseArgument, when: DateOption = None) -> None:
    """Record the FBU advance as paid to the landlord."""
    from huurbeg.domain import followup

    app_state = state(ctx)
    due = followup.fbu_step(app_state.store(), number, "paid", when or app_state.today, app_state.today)
    render.message(_("{number}: FBU advance paid to the landlord (due {due}).").format(
        number=number, due=render.text_value(due)))


@app.command("fbu-filed")
def fbu_filed(ctx: typer.Context, number: CaseArgument, when: DateOption = None) -> None:
    """Record the FBU agreement as filed with the Fund (through its portal)."""
    from huurbeg.domain import followup

    app_state = state(ctx)
    followup.fbu_step(app_state.store(), number, "filed", when or app_state.today, app_state.today)
    render.message(_("{number}: FBU agreement filed with the Fund.").format(number=number))


@app.command("payment-edit")
def payment_edit(
    ctx: typer.Context,
    number: CaseArgument,
    payment_id: RecordIdArgument,
    amount: Annotated[int | None, typer.Option("--amount", parser=parse_money, metavar="EUR",
                                               help="The amount really paid.")] = None,
    when: Annotated[date | None, typer.Option("--date", parser=parse_past_date, metavar="DATE",
                                              help="The day it was really paid.")] = None,
) -> None:
    """Correct a payment's amount or date (its number is in 'huurbeg plan show CASE'); the history names the fields."""
    from huurbeg.domain import corrections

    given = {name: value for name, value in (("amount_cents", amount), ("date", when)) if value is not None}
    if not given:
        raise typer.BadParameter(_("give what to correct: --amount or --date"), param_hint="'ID'")
    app_state = state(ctx)
    changed, plan_state = corrections.edit_payment(app_state.store(), number, payment_id, given, app_state.today)
    said: dict[str | None, str] = {
        "completed": _("{number}: payment {id} corrected ({fields}); the plan is paid off."),
        "active": _("{number}: payment {id} corrected ({fields}); the plan is active again.")}
    render.message(said.get(plan_state, _("{number}: payment {id} corrected ({fields}).")).format(
        number=number, id=payment_id, fields=fields_shown(changed)))


@app.command("fbu-remove")
def fbu_remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw an FBU agreement recorded by mistake; its payment plan stays and the history keeps why."""
    from huurbeg.domain import corrections

    agreement_id = corrections.remove_fbu_agreement(state(ctx).store(), number, reason)
    render.message(_("{number}: FBU agreement {id} removed; its payment plan stays (record the agreement again with "
                     "'huurbeg plan fbu').").format(number=number, id=agreement_id))


@app.command("payment-remove")
def payment_remove(ctx: typer.Context, number: CaseArgument, payment_id: RecordIdArgument,
                   reason: ReasonOption) -> None:
    """Withdraw a payment recorded by mistake (its number is in 'huurbeg plan show CASE'); the history keeps why."""
    from huurbeg.domain import corrections

    reopened = corrections.remove_payment(state(ctx).store(), number, payment_id, reason)
    render.message((_("{number}: payment {id} removed; the plan is active again.") if reopened else
                    _("{number}: payment {id} removed.")).format(number=number, id=payment_id))


@app.command("agree-edit")
def agree_edit(
    ctx: typer.Context,
    number: CaseArgument,
    agreement_id: RecordIdArgument,
    text: Annotated[str | None, typer.Option("--text", parser=parse_required_text, metavar="TEXT",
                                             help="What was agreed.")] = None,
    due: Annotated[date | None, typer.Option("--due", parser=parse_coming_date, metavar="DATE",
                                             help="Agreed by when.")] = None,
    party: Annotated[Party | None, code_option(Party, N_("party"), N_("Who agreed to do it."), "--party")] = None,
    done: Annotated[date | None, typer.Option("--done", parser=parse_past_date, metavar="DATE",
                                              help="The day it was really done.")] = None,
    not_done: Annotated[bool, typer.Option("--not-done", help="It was marked done by mistake: it is not.")] = False,
) -> None:
    """Correct an agreement (its number is in 'huurbeg case show CASE'), also one marked done by mistake."""
    from huurbeg.domain import corrections

    if done is not None and not_done:
        raise typer.BadParameter(_("give --done or --not-done, not both"), param_hint="'--not-done'")
    given: dict[str, object] = {name: value for name, value in (("text", text), ("due_date", due), ("party", party),
                                             ("done_date", done)) if value is not None}
    if not_done:
        given["done_date"] = None
    if not given:
        raise typer.BadParameter(_("give what to correct: --text, --due, --party, --done or --not-done"),
                                 param_hint="'ID'")
    app_state = state(ctx)
    changed = corrections.edit_agreement(app_state.store(), number, agreement_id, given, app_state.today)
    render.message(_("{number}: agreement {id} corrected ({fields}).").format(
        number=number, id=agreement_id, fields=fields_shown(changed)))


@app.command("agree-remove")
def agree_remove(ctx: typer.Context, number: CaseArgument, agreement_id: RecordIdArgument,
                 reason: ReasonOption) -> None:
    """Withdraw an agreement recorded by mistake; the history keeps why."""
    from huurbeg.domain import corrections

    corrections.remove_agreement(state(ctx).store(), number, agreement_id, reason)
    render.message(_("{number}: agreement {id} removed.").format(number=number, id=agreement_id))
