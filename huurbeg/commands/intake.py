"""`huurbeg intake`: register a household and open its case (aanmelding)."""

from dataclasses import replace
from datetime import date, datetime
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.output import formats, render
from huurbeg.core.codes import Track
from huurbeg.core.errors import said
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli.params import DateOption, NoInputOption, code_option
from huurbeg.cli.state import state
from huurbeg.commands import NewLandlordOption, ResumeOption
from huurbeg.commands.fields import with_options
from huurbeg.domain.entities import CASE_OPTIONS, HOUSEHOLD
from huurbeg.core.errors import InvalidInput
from huurbeg.cli.params import format_option

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage
    from huurbeg.domain.casework import IntakeHearing


def register(app: typer.Typer) -> None:
    app.command("intake")(intake)


@with_options((*HOUSEHOLD, *CASE_OPTIONS), after="track")
def intake(
    ctx: typer.Context,
    track: Annotated[Track | None, code_option(Track, N_("track"), N_("Support track."), "--track")] = None,
    tenant_informed: Annotated[bool | None, typer.Option(
        "--tenant-informed", help="The tenant has been informed of the registration (required, but for the court's "
                                  "or a bailiff's notice on track ogp).")] = None,
    consent_tenant: Annotated[bool | None, typer.Option(
        "--consent-tenant", help="The tenant consents to support (needed on PW).")] = None,
    consent_landlord: Annotated[bool | None, typer.Option(
        "--consent-landlord", help="The landlord consents to support (needed on PW).")] = None,
    when: DateOption = None,
    new_landlord: NewLandlordOption = False,
    allow_duplicate: Annotated[bool, typer.Option(
        "--allow-duplicate", help="Open a case even though the household already has an open one.")] = False,
    no_input: NoInputOption = False,
    fmt: Annotated[str, format_option(
        "listing", N_("table prints the case number; json or csv print the new case."))] = "table",
    resume: ResumeOption = False,
    **given,
) -> None:
    """Register a household and open its case; prints the new case number (YYYY-NNNN).

    On a terminal, whatever the flags do not give is asked, and a summary is confirmed before the case is written. The tenant must have been informed of the registration, except for the court's or a bailiff's notice of a procedure (--track ogp --source court or bailiff), which opens the case before the tenant is reached. An open case of the same household is offered instead of a duplicate; an earlier closed one marks a returning household.
    """  # noqa: E501  (one paragraph per line: help keeps line breaks)
    from huurbeg.domain import casework

    app_state = state(ctx)
    draft = casework.IntakeDraft(
        track=track, **{**given, "problems": list(given["problems"] or [])}, tenant_informed=tenant_informed,
        consent_tenant=consent_tenant, consent_landlord=consent_landlord, intake_date=when)
    from huurbeg.cli import prompts
    from huurbeg.domain import drafts

    asking = prompts.interactive(no_input)
    if resume and not asking:
        raise InvalidInput(_("--resume: goes on with the questions, on a terminal (without --no-input)"))
    store = app_state.store()
    today = app_state.today
    skipped: list[str] = []  # the questions answered with Enter alone before: answered, not asked again
    hearing = casework.IntakeHearing()  # a court notice's hearing, asked after the household
    if resume:
        kept = drafts.resumed(store, drafts.INTAKE, None, None, today)
        skipped = kept.get(drafts.SKIPPED, [])
        draft, hearing = drafts.fill_intake(draft, kept)
    elif asking and store.drafts.kept(drafts.INTAKE, None, today) is not None:
        render.notice(_("Answers of an interrupted intake are kept: 'huurbeg intake --resume' goes on with them; "
                        "this intake replaces them."))
    with drafts.keeping(store, drafts.INTAKE, None, None, today, resuming=resume) as keeper:
        flow = prompts.start_flow(keeper if asking else None, skipped)
        if asking and draft.landlord and not new_landlord:  # a flag's landlord is offered as the question's is
            draft = replace(draft, landlord=prompts.known_landlord(draft.landlord, store.cases.landlord_names()))
        new_landlord = new_landlord or asking  # on a terminal the known landlord it may mean was offered
        if asking:
            draft = prompts.ask_intake(draft, store.cases.landlord_names(), today, store.cases.household_matches)[0]
        draft, matches = casework.check_intake(store, draft, today, new_landlord)
        decision = prompts.ask_household(matches) if asking and matches else \
            casework.decide_household(matches, allow_duplicate)
        if isinstance(decision, str):
            keeper.done()
            _used_instead(store, draft, decision, today)
            render.write_text(decision + "\n")  # data: to the file of --output, if there is one
            return
        courts: list[tuple[str, int]] = []  # the courts on record, completed as a hearing's court is typed
        if asking and casework.asks_hearing(draft.track, draft.source):
            courts = [(row.court, row.hearings) for row in store.court.courts()]
            hearing = prompts.ask_hearing(draft, hearing, today, courts)
        if resume or flow.asked:  # any question, even one skipped with Enter: all is shown
            from huurbeg.output.views import intake_summary

            while True:  # a No corrects an answer, then shows the summary again
                known = store.cases.find_landlord(draft.landlord) if draft.landlord else None
                intake_summary(draft, decision, _hearing_added(draft, hearing),
                               (known.name, known.kind) if known else None)
                if prompts.confirm(_("Register this case?")):
                    break
                draft, hearing = prompts.correct_intake(draft, hearing, store.cases.landlord_names(), today, courts)
                draft, corrected = casework.check_intake(store, draft, today, new_landlord)
                if corrected != matches:  # another household now looks the same: asked again
                    matches = corrected
                    decision = prompts.ask_household(matches) if matches else casework.decide_household([], False)
                    if isinstance(decision, str):
                        keeper.done()
                        _used_instead(store, draft, decision, today)
                        render.write_text(decision + "\n")
                        return
        registered = casework.open_case(store, draft, decision)
        number = registered.number
        keeper.done()
    if (added := _hearing_added(draft, hearing)) is not None:
        from huurbeg.domain import hearings

        hearings.add_hearing(store, number, *added, None, today, new_court=True)  # the court as answered
    if decision.returning:
        render.message(ngettext("Returning household: earlier case {cases}.",
                                "Returning household: earlier cases {cases}.", len(decision.earlier_cases))
                       .format(cases=", ".join(decision.earlier_cases)), style="yellow")
    _said_of_the_household(registered, decision)
    _show_created(store, number, fmt, today)


def _hearing_added(draft, hearing: "IntakeHearing") -> tuple[datetime, str, str | None, date | None, int | None] | None:
    """The hearing answered to be added with the case: of a court's notice on OGP only (a source corrected since
    leaves it out)."""
    from huurbeg.domain import casework

    return hearing.added() if casework.asks_hearing(draft.track, draft.source) else None


def _said_of_the_household(registered, decision) -> None:
    """What the answers that differ from the household's stored details became (never their values)."""
    from huurbeg.output.history import fields_shown

    if registered.household_kept:
        cases = ", ".join(decision.open_cases)
        render.notice(_("The household keeps its details as in open case {cases}; answered otherwise and not "
                        "written: {fields}. Correct them with 'huurbeg case edit {case}'.")
                      .format(cases=cases, fields=fields_shown(registered.household_kept),
                              case=decision.open_cases[0]))
    if registered.household_updated:
        render.notice(_("The household's details are updated from this registration: {fields}.")
                      .format(fields=fields_shown(registered.household_updated)))


def _show_created(store: "Storage", number: str, fmt: str, today: date) -> None:
    from huurbeg.domain import caseload

    created = caseload.dossier(store, number, today)
    if formats.emit_fields(created, fmt):
        return
    render.write_text(number + "\n")
    for warning in created["warnings"]:
        render.message(_("{severity}: {warning}").format(severity=render.text_value(warning["severity"]),
                                                        warning=said(warning["message"])), style="yellow")


def _used_instead(store, draft, number: str, today: date) -> None:
    """An open case of the household is used instead of a new one: its history says the household came in again;
    said, with the answers it did not take."""
    from huurbeg.domain import casework

    casework.registered_again(store, number, draft, today)
    render.notice(_("No new case opened: continue with case {number}.").format(number=number))
    household = store.cases.household(store.cases.case(number))
    if (typed := _not_recorded(draft, casework.answered_otherwise(draft, household))):
        render.notice(_("Not recorded in case {number}: {answers}; add what still holds with "
                        "'huurbeg case edit {number}'.").format(number=number, answers=typed))


N_("track"), N_("registered by"), N_("problems"), N_("arrears"), N_("rent"), N_("note"), N_("consent of the tenant")
N_("consent of the landlord")
"""The answers of an intake named when they go nowhere (`_not_recorded`), translated where they are said."""


def _not_recorded(draft, household: dict[str, str]) -> str:
    """The facts of the case an intake spotted as a duplicate brought, by label and value, and the household's
    fields it answered otherwise than the case holds them (`household`: column -> label), by name: the existing
    case is used instead, and none of them is written to it."""
    from huurbeg.core import money
    from huurbeg.output.history import fields_shown

    label = render.text_value  # a code as the screen shows it
    facts = [("track", label(draft.track) if draft.track else None),
             ("registered by", label(draft.source) if draft.source else None),
             ("problems", " + ".join(label(p) for p in draft.problems) if draft.problems else None),
             ("arrears", money.fmt(draft.arrears_cents) if draft.arrears_cents is not None else None),
             ("rent", money.fmt(draft.rent_cents) if draft.rent_cents is not None else None)]
    said = [f"{_(name)} {value}" for name, value in facts if value]
    if household:
        said.append(fields_shown(household.values()))
    said += [_(name) for name, given in (("note", draft.note), ("consent of the tenant", draft.consent_tenant),
                                          ("consent of the landlord", draft.consent_landlord)) if given]
    return ", ".join(said)

