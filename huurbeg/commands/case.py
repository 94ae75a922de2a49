"""`huurbeg case ...`: the caseload and one dossier: list, show, consent, track, close, reopen, history."""

from datetime import date
from pathlib import Path
from typing import Annotated


import typer

from huurbeg.output import render
from huurbeg.core.codes import AttachmentKind, Audience, Outcome, Problem, Status, Track
from huurbeg.commands import NewLandlordOption, headed
from huurbeg.output.history import fields_shown
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli import asking
from huurbeg.cli.params import (AsOfOption, CaseArgument, DateOption, FormatOption, MineOption, NoInputOption,
                                ReasonOption, RecordIdArgument, WorkerOption, code_option, output_file,
                                parse_case, parse_past_date, parse_required_text, parse_worker)
from huurbeg.cli.state import state
from huurbeg.output import formats
from huurbeg.commands.fields import with_options
from huurbeg.domain.entities import CASE_OPTIONS, HOUSEHOLD

app = typer.Typer(help="The caseload and one dossier: list, find, show, edit, consent, track, close, reopen, "
                       "assign, merge, unmerge, history.",
                  no_args_is_help=True)

LIST_COLUMNS = [("case", N_("Case")), ("tenant", N_("Tenant")), ("track", N_("Track")), ("days_open", N_("Days")),
                ("last_contact", N_("Contact")), ("next_deadline", N_("Due")),
                ("severity", N_("Severity")), ("warning", N_("Warning"))]
WORKER_COLUMN = ("worker", N_("Worker"))
STATUS_COLUMN = ("status", N_("Status"))


@app.command("list")
def list_cases(
    ctx: typer.Context,
    track: Annotated[Track | None, code_option(Track, N_("track"), N_("Only this track."), "--track")] = None,
    status: Annotated[str, typer.Option("--status", metavar="STATUS",
                                        help="Which cases: open, closed or all.")] = "open",
    worker: WorkerOption = None,
    mine: MineOption = False,
    landlord: Annotated[str | None, typer.Option(
        "--landlord", parser=parse_required_text, metavar="NAME",
        help="Only the cases of landlords whose name holds this.")] = None,
    as_of: AsOfOption = None,
    fmt: FormatOption = "table",
) -> None:
    """The caseload: number, tenant, track, days open, last contact, next deadline, warning."""
    from huurbeg.domain import caseload, workers

    wanted = _status(status)
    app_state = state(ctx)
    store = app_state.reader()
    whose = workers.chosen(store, worker, mine)
    rows = caseload.case_list(store, track, wanted, as_of or app_state.today, whose, landlord)
    # A team sees whose case it is; a solo worker's list stays as it was.
    several = whose is None and len({row["worker"] for row in rows}) > 1
    # Closed cases among the open ones say so; a list of open cases needs no column for it.
    columns = LIST_COLUMNS[:3] + [STATUS_COLUMN] * (wanted != Status.OPEN) + LIST_COLUMNS[3:]
    formats.emit_rows(rows, fmt, headed(columns + [WORKER_COLUMN] * several),
                     empty=_("No cases. Open one with 'huurbeg intake'."))


FIND_COLUMNS = [("case", N_("Case")), ("tenant", N_("Tenant")), ("address", N_("Address")),
                ("landlord", N_("Landlord")), ("status", N_("Status")), ("track", N_("Track")),
                ("matched", N_("Matched"))]


@app.command("find")
def find(
    ctx: typer.Context,
    text: Annotated[str, typer.Argument(metavar="TEXT", help="A name, address, phone, national number, "
                                                            "landlord or import reference, or part of one.")],
    status: Annotated[str, typer.Option("--status", metavar="STATUS",
                                        help="Which cases: open, closed or all (default).")] = "all",
    fmt: FormatOption = "table",
) -> None:
    """Find a case by a fragment: case, accents and punctuation ignored, one typo per word tolerated.

    The most likely case comes first; at most 20 are shown. Each case shown counts as a read of its dossier.
    """
    from huurbeg.domain import caseload

    wanted = _status(status)
    rows = caseload.find(state(ctx).reader(records_reads=True), text, wanted)
    formats.emit_rows(rows, fmt, headed(FIND_COLUMNS), empty=_("No case matches; try fewer or shorter words."))


def _status(text: str) -> Status | None:
    """open, closed or all; in Dutch lopend, afgesloten or alle (in either language, as codes are)."""
    from huurbeg.core.codes import parse_code

    if text.strip().lower() in ("all", "alle"):
        return None
    try:
        return parse_code(Status, text, "status")
    except ValueError:
        raise typer.BadParameter(_("use open, closed or all"), param_hint="'--status'") from None


@app.command("show")
def show(ctx: typer.Context, number: CaseArgument, as_of: AsOfOption = None,
         fmt: FormatOption = "table") -> None:
    """The whole dossier: household, landlord, problems, tracks, contacts, warnings and timeline."""
    from huurbeg.domain import casework

    from huurbeg.domain import caseload

    app_state = state(ctx)
    store = app_state.reader(records_reads=True)
    record = caseload.dossier(store, number, as_of or app_state.today)
    casework.log_read(store, number, "case show")
    if not formats.emit_fields(record, fmt):
        from huurbeg.output.views import dossier_view

        with render.paged():
            dossier_view(record, show_worker=len(store.cases.workers()) > 1)


def _problem_option(help_text: str, name: str):
    option = code_option(Problem, N_("problem"), help_text, name)
    option.metavar = "PROBLEM"
    return option


@app.command("edit")
@with_options((*HOUSEHOLD, *CASE_OPTIONS), after="number")
def edit(
    ctx: typer.Context,
    number: CaseArgument,
    reported_by_landlord: Annotated[list[Problem] | None, _problem_option(
        N_("A problem the landlord reported to the service (added when the case lacks it): from now on in the "
           "landlord's report; repeat for several."), "--reported-by-landlord")] = None,
    not_reported_by_landlord: Annotated[list[Problem] | None, _problem_option(
        N_("A problem the landlord did not report after all: it stays, but leaves the landlord's report; repeat "
           "for several."), "--not-reported-by-landlord")] = None,
    new_landlord: NewLandlordOption = False,
    no_input: NoInputOption = False,
    **fields,
) -> None:
    """Correct a case: the household, landlord, source, problems, arrears, rent or note.

    '' clears an optional text (--phone ''); --problem replaces the problems; --landlord '' removes the landlord. On a terminal without flags, every field is asked with its current value as the default. The history records which fields changed, never their old or new values. A closed case is refused until it is reopened.

    The landlord's report names only the problems the landlord reported: those of a registration by the landlord, and those marked with --reported-by-landlord. A problem added with --problem is not the landlord's.
    """  # noqa: E501  (one paragraph per line: help keeps line breaks)
    from huurbeg.domain import casework

    given = {name: value for name, value in (
        *fields.items(), ("reported_by_landlord", reported_by_landlord),
        ("not_reported_by_landlord", not_reported_by_landlord)) if value is not None}
    app_state = state(ctx)
    store = app_state.store()
    if not given:
        from huurbeg.cli import prompts

        if not prompts.interactive(no_input):
            from huurbeg.core.errors import MissingValue

            raise MissingValue(_("give at least one field to correct (e.g. --address), or run on a terminal "
                                 "without --no-input to be asked every field"))
        current = casework.current_values(store, number)
        casework.check_open(store.cases.case(number).status, number)
        render.notice(_("Case {number}: Enter keeps a value; - (or an emptied text) clears it.").format(number=number),
                      style="")  # read before the first question
        given = prompts.ask_case_edit(current, store.cases.landlord_names(), app_state.today)
        new_landlord = True  # the known landlord a name may mean was offered at its question
    elif given.get("landlord") and not new_landlord:
        from huurbeg.cli import prompts

        if prompts.interactive(no_input):  # a flag's landlord is offered as the question's is
            given["landlord"] = prompts.known_landlord(given["landlord"], store.cases.landlord_names())
            new_landlord = True
    changed = casework.edit_case(store, number, given, app_state.today, new_landlord)
    render.message(_("{number}: corrected {fields}.").format(number=number, fields=fields_shown(changed)))


OtherArgument = Annotated[str, typer.Argument(parser=parse_case, metavar="OTHER",
                                              help="A case of the same household, registered as another one.")]


@app.command("merge")
def merge(
    ctx: typer.Context,
    number: CaseArgument,
    other: OtherArgument,
    yes: Annotated[bool, typer.Option("--yes", help="Merge without the question a terminal asks (needed without "
                                                    "one).")] = False,
    force: Annotated[bool, typer.Option("--force", help="Merge households that share nothing identifying (name, "
                                                        "birth date, national number, phone, address).")] = False,
) -> None:
    """The households of two cases are one (a duplicate under another spelling): OTHER's household and cases
    move to CASE's household.

    On a terminal both households are shown side by side and it asks; without one it needs --yes. Households that share nothing identifying (a mistyped case number) are refused unless --force: --yes answers the question, it does not lift the refusal. 'Returning household' is recomputed and the history of both says so. 'huurbeg case unmerge' undoes it until a purge.
    """  # noqa: E501  (one paragraph per line: help keeps line breaks)
    from huurbeg.domain import casework
    from huurbeg.cli import prompts
    from huurbeg.core.errors import Cancelled, RuleViolation

    store = state(ctx).store()
    sides = casework.merge_check(store, number, other, force)
    if prompts.interactive(False):
        from huurbeg.output.views import SHARED, households_view

        households_view(sides, (_("Case {number}: stays").format(number=number),
                                _("Case {number}: joins it").format(number=other)), _("The two households"))
        mine, theirs = sides.open_cases(sides.mine), sides.open_cases(sides.theirs)
        if mine and theirs:
            render.notice(_("Both households have an open case ({mine} and {theirs}).").format(
                mine=", ".join(mine), theirs=", ".join(theirs)))
        render.notice(_("Alike: {fields}.").format(fields=", ".join(_(SHARED[f]) for f in sides.shared))
                      if sides.shared else _("They share nothing that identifies them (merged only with --force)."))
        if not yes and not prompts.confirm(_("Merge them into one household?"), default=False):
            raise Cancelled(_("not merged; nothing was written"))
    elif not yes:
        raise RuleViolation(_("merging the households of {number} and {other} needs a confirmation: compare them "
                              "with 'huurbeg case show', then pass --yes").format(number=number, other=other))
    moved = casework.merge_households(store, number, other)
    render.message(_("{number}: household merged with that of {cases}.").format(number=number, cases=", ".join(moved)))


@app.command("unmerge")
def unmerge(
    ctx: typer.Context,
    number: CaseArgument,
    other: Annotated[str, typer.Argument(parser=parse_case, metavar="OTHER",
                                         help="The other case of the merge (in either order).")],
    yes: Annotated[bool, typer.Option("--yes", help="Undo without the question a terminal asks (needed without "
                                                    "one).")] = False,
) -> None:
    """Undo a merge of two households: the household that was merged gets its details and its cases back.

    CASE and OTHER are the two cases the merge was made with, in either order. The fields the other household took from it are given back unless corrected since; 'returning household' is as before the merge; the history of both says so. Possible until a purge of one of their cases. On a terminal both households are shown side by side and it asks; without one it needs --yes.
    """  # noqa: E501  (one paragraph per line: help keeps line breaks)
    from huurbeg.domain import casework
    from huurbeg.cli import prompts
    from huurbeg.core.errors import Cancelled, RuleViolation

    store = state(ctx).store()
    sides, record = casework.unmerge_check(store, number, other)
    if prompts.interactive(False):
        from huurbeg.output.views import households_view

        households_view(sides, (_("Case {number}").format(number=number), _("Case {number}").format(number=other)),
                        _("The two households once the merge is undone"))
        if not yes and not prompts.confirm(_("Undo the merge: two households again?"), default=False):
            raise Cancelled(_("not unmerged; nothing was written"))
    elif not yes:
        raise RuleViolation(_("undoing the merge of the households of {number} and {other} needs a confirmation: "
                              "pass --yes").format(number=number, other=other))
    kept, returned = casework.unmerge_households(store, record)
    render.message(ngettext("{number}: merge undone; {cases} has its own household again.",
                            "{number}: merge undone; {cases} have their own household again.", len(returned)).format(
        number=kept, cases=", ".join(returned)))


_CONSENT = {("tenant",): N_("{number}: consent of tenant recorded."),
            ("landlord",): N_("{number}: consent of landlord recorded."),
            ("tenant", "landlord"): N_("{number}: consent of tenant and landlord recorded.")}


@app.command("consent")
def consent(
    ctx: typer.Context, number: CaseArgument,
    tenant: Annotated[bool, typer.Option("--tenant", help="The tenant consents to support.")] = False,
    landlord: Annotated[bool, typer.Option("--landlord", help="The landlord consents to support.")] = False,
    when: DateOption = None,
) -> None:
    """Record the consent of tenant and/or landlord (both are needed before PW support starts)."""
    from huurbeg.domain import casework

    parties = casework.consent_parties(tenant, landlord)
    app_state = state(ctx)
    casework.record_consent(app_state.store(), number, parties, when or app_state.today, app_state.today)
    render.message(_(_CONSENT[tuple(parties)]).format(number=number))


@app.command("consent-remove")
def consent_remove(
    ctx: typer.Context, number: CaseArgument, reason: ReasonOption,
    tenant: Annotated[bool, typer.Option("--tenant", help="The tenant's consent was recorded by mistake.")] = False,
    landlord: Annotated[bool, typer.Option("--landlord",
                                           help="The landlord's consent was recorded by mistake.")] = False,
) -> None:
    """Withdraw a consent recorded by mistake; on PW, support cannot start without it. The history keeps why."""
    from huurbeg.domain import casework, corrections

    parties = casework.consent_parties(tenant, landlord)
    corrections.remove_consent(state(ctx).store(), number, parties, reason)
    render.message(_(_CONSENT_REMOVED[tuple(parties)]).format(number=number))


_CONSENT_REMOVED = {("tenant",): N_("{number}: consent of tenant withdrawn."),
                    ("landlord",): N_("{number}: consent of landlord withdrawn."),
                    ("tenant", "landlord"): N_("{number}: consent of tenant and landlord withdrawn.")}


@app.command("track")
def track(
    ctx: typer.Context, number: CaseArgument,
    to: Annotated[Track, code_option(Track, N_("track"), N_("The track to move to."), "--to")],
    when: DateOption = None,
) -> None:
    """Move a case to another track (e.g. pw → pre-ogp → ogp); the history keeps every track."""
    from huurbeg.domain import casework

    app_state = state(ctx)
    was = casework.move_track(app_state.store(), number, to, when or app_state.today, app_state.today)
    render.message(_("{number}: track {was} → {to}.").format(number=number, was=render.text_value(was),
                                                             to=render.text_value(Track(to))))


@app.command("close")
def close(
    ctx: typer.Context, number: CaseArgument,
    outcome: Annotated[Outcome, code_option(Outcome, N_("outcome"), N_("How the case ended."), "--outcome")],
    when: DateOption = None,
    note: Annotated[str | None, typer.Option(
        "--note", parser=parse_required_text, metavar="TEXT",
        help="Why it closed, what was handed over (confidential): kept in the history and the dossier.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """Close a case with its outcome (eviction-prevented, referred, ...).

    On a terminal it first asks whether to close a case that still has an active payment plan or a referral
    without an answer.
    """
    from huurbeg.domain import casework
    from huurbeg.cli import prompts
    from huurbeg.core.errors import Cancelled

    app_state = state(ctx)
    store = app_state.store()
    when = when or app_state.today
    casework.check_closing(store, number, when, app_state.today)
    if "outcome" in asking.asked_options(ctx) and note is None:  # asked as the outcome was: its note too
        note = prompts.ask_note(_("Note on the closing (confidential)?"))
    running = casework.still_open(store, number)
    if running and prompts.interactive(no_input):
        prompts.introduce(number, casework.tenant_of_open_case(store, number))
        for line in [_("Still open:"), *(f"- {what}" for what in running)]:  # one line each, at 80
            render.notice(line)
        if not prompts.confirm(_("Close the case anyway?"), default=False):
            raise Cancelled(_("not closed; nothing was written"))
    casework.close_case(store, number, outcome, when, app_state.today, note)
    render.message(_("{number}: closed ({outcome}).").format(number=number, outcome=render.text_value(outcome)))


@app.command("remove")
def remove(ctx: typer.Context, number: CaseArgument, reason: ReasonOption) -> None:
    """Withdraw a case registered by mistake: it leaves every list, warning and figure; the history keeps why."""
    from huurbeg.domain import casework

    casework.remove_case(state(ctx).store(), number, reason)
    render.message(_("{number}: removed; it no longer counts anywhere ('huurbeg case history {number}' keeps "
                     "why).").format(number=number))


@app.command("reopen")
def reopen(ctx: typer.Context, number: CaseArgument) -> None:
    """Reopen a closed case; its closing stays in the history."""
    from huurbeg.domain import casework

    casework.reopen_case(state(ctx).store(), number)
    render.message(_("{number}: reopened.").format(number=number))


@app.command("assign")
def assign(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", parser=parse_worker, metavar="WORKER",
                                    help="The worker who becomes responsible (database role on a team server).")],
    number: Annotated[str | None, typer.Argument(
        parser=parse_case, metavar="[CASE]", show_default=False,
        help="Case number, e.g. 2026-0042; leave it out with --from.")] = None,
    from_worker: Annotated[str | None, typer.Option(
        "--from", parser=parse_worker, metavar="WORKER",
        help="Hand over every open case of this worker (who leaves or is away).")] = None,
) -> None:
    """Make another worker responsible for a case, or hand over every open case of a worker (--from)."""
    from huurbeg.domain import workers

    if number is not None and from_worker is None:
        previous = workers.assign(state(ctx).store(), number, to)
        render.message(_("{number}: already with {worker}.").format(number=number, worker=to) if previous == to
                       else _("{number}: assigned to {worker} (was {previous}).").format(
                           number=number, worker=to, previous=previous or _("nobody")))
        return
    if number is not None or from_worker is None:
        raise typer.BadParameter(_("give a case number or --from WORKER (a handover), not both") if number
                                 else _("give a case number, or --from WORKER to hand over every open case"),
                                 param_hint="'" + _("CASE") + "' / '--from'")
    moved = workers.hand_over(state(ctx).store(), from_worker, to)
    render.message(ngettext("{count} open case handed over from {worker} to {to}{cases}.",
                            "{count} open cases handed over from {worker} to {to}{cases}.", len(moved)).format(
        count=len(moved), worker=from_worker, to=to, cases=f": {', '.join(moved)}" if moved else ""))


HISTORY_COLUMNS = [("at", N_("When")), ("user", N_("Who")), ("action", N_("What")), ("detail", N_("Detail"))]


@app.command("history")
def history(ctx: typer.Context, number: CaseArgument, fmt: FormatOption = "table") -> None:
    """Every write and every read of the dossier: who, when, what."""
    from huurbeg.domain import casework

    from huurbeg.domain import caseload
    from huurbeg.output import history

    store = state(ctx).store(reads_only=True)
    rows = caseload.history(store, number)
    casework.log_read(store, number, "case history")
    sessions = caseload.conciliations(store, number)
    shown = [history.shown_entry(row, sessions) for row in rows] if formats.get(fmt).for_people else rows
    columns = HISTORY_COLUMNS if not any(row["role"] for row in rows) else \
        HISTORY_COLUMNS[:2] + [("role", N_("Role"))] + HISTORY_COLUMNS[2:]  # a team server's: who is who
    formats.emit_rows(shown, fmt, headed(columns), title=_("History of {number}").format(number=number),
                      whole=("detail",))  # a line of the history, whole: its fact may be at its end




@app.command("report")
def report(
    ctx: typer.Context,
    number: CaseArgument,
    audience: Annotated[Audience, code_option(Audience, N_("audience"), N_("Who the report is for."), "--for")],
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="[text|json]",
                                     help="text to paste into a letter, or json.")] = "text",
) -> None:
    """What a landlord may be told: support running, agreements kept, plan on track, next step. Nothing else."""
    from huurbeg.domain import casework

    from huurbeg.domain import secrecy

    if fmt not in ("text", "json"):
        raise typer.BadParameter(_("use text or json"), param_hint="'--format'")
    app_state = state(ctx)
    store = app_state.store(reads_only=True)
    data = secrecy.landlord_report(store, number, app_state.today)
    casework.log_read(store, number, f"case report for the {audience}")
    if fmt == "json":
        render.write_json(data)
    else:
        render.write_text(secrecy.report_text(data))


@app.command("export")
def export(
    ctx: typer.Context,
    number: CaseArgument,
    fmt: Annotated[str, typer.Option("--format", "-f", metavar="json",
                                     help="json: everything stored about the household.")] = "json",
) -> None:
    """Everything stored about the household of a case, as JSON: the right of access (inzagerecht).

    With --output FILE.zip: a zip archive of that JSON and every document of the dossier.
    """
    from huurbeg.domain import casework

    from huurbeg.domain import caseload

    if fmt != "json":
        raise typer.BadParameter(_("only json is available for a full export"), param_hint="'--format'")
    app_state = state(ctx)
    store = app_state.store(reads_only=True)
    data = caseload.export(store, number, app_state.today)
    casework.log_read(store, number, "case export")
    if (render.output_path() or "").lower().endswith(".zip"):
        from huurbeg.output.archive import access_archive

        render.write_bytes(access_archive(data, store.attachments.content))
    else:
        render.write_json(data)


FILE_COLUMNS = [("id", "#"), ("kind", N_("Kind")), ("date", N_("Date")), ("name", N_("File")), ("type", N_("Type")),
                ("size", N_("Size")), ("note", N_("Note"))]


@app.command("attach")
def attach(
    ctx: typer.Context,
    number: CaseArgument,
    files: Annotated[list[Path], typer.Argument(
        metavar="FILE", show_default=False,
        help="The files to keep in the dossier: PDF, JPEG, PNG, TIFF, HEIC, DOCX, ODT, plain text or e-mail "
             "(.eml), at most 25 MB each.")],
    kind: Annotated[AttachmentKind, code_option(AttachmentKind, N_("document kind"), N_("What the documents are."),
                                                "--kind")] = AttachmentKind.OTHER,
    when: Annotated[date | None, typer.Option(
        "--date", parser=parse_past_date, metavar="DATE",
        help="The documents' date (of the judgment, the letter; default today): dd/mm/yyyy, yyyy-mm-dd, ...")] = None,
    note: Annotated[str | None, typer.Option("--note", metavar="TEXT",
                                             help="A note on the documents; confidential.")] = None,
    move: Annotated[bool, typer.Option(
        "--move", help="Delete each file once its copy in the database is stored and checked, so that no scan of "
                       "personal data stays lying around.")] = False,
) -> None:
    """Keep documents in the dossier (a petition copy, a judgment, a signed agreement, payslips).

    They are stored in the database, so backup, copy to the team server, purge and the access export treat them as every record. The type is read from the content, never from the name. All files are kept or none. A closed case is refused until it is reopened.
    """  # noqa: E501  (one paragraph per line: help keeps line breaks)
    from huurbeg.domain import attachments

    app_state = state(ctx)
    store = app_state.store()
    kept = attachments.attach(store, number, files, kind, when or app_state.today, note)
    for each in kept:
        render.message(_("{number}: document {id} attached ({type}, {size}).").format(
            number=number, id=each["id"], type=attachments.type_name(each["type"]),
            size=attachments.size_shown(each["size"])))
    if not move:
        return
    app_state.commit()  # the copies are kept for good before any original goes
    if len(attachments.stored_matches(store, kept)) != len(kept):
        from huurbeg.core.errors import DatabaseProblem

        raise DatabaseProblem(_("a stored copy does not match its file; the files were left where they are"))
    deleted = 0
    for each in kept:
        try:
            each["path"].unlink()
            deleted += 1
        except OSError as exc:
            reason = _(exc.strerror) if exc.strerror else exc
            render.notice(_("huurbeg: warning: {message}").format(message=_(
                "document {id} is kept, but {path} could not be deleted: {reason}").format(
                id=each["id"], path=attachments.shown_path(each["path"]), reason=reason)))
    render.message(ngettext("{count} file deleted: its copy in the database matched.",
                            "{count} files deleted: their copies in the database matched.", deleted)
                   .format(count=deleted))


@app.command("files")
def files_list(ctx: typer.Context, number: CaseArgument, fmt: FormatOption = "table") -> None:
    """The documents of a dossier: number, kind, date, name, type and size. A read of the dossier."""
    from huurbeg.domain import attachments, casework
    from huurbeg.output.views import document_rows

    store = state(ctx).reader(records_reads=True)
    rows = attachments.listing(store, number)
    casework.log_read(store, number, "case files")
    shown = rows if fmt != "table" else document_rows(rows)
    formats.emit_rows(shown, fmt, headed(FILE_COLUMNS), title=_("Documents of {number}").format(number=number),
                     empty=_("No documents. Keep one with 'huurbeg case attach {number} FILE'.").format(number=number))


@app.command("file")
def file_out(
    ctx: typer.Context,
    number: CaseArgument,
    attachment_id: RecordIdArgument,
    output: Annotated[Path, typer.Option(
        "--output", "-o", metavar="PATH", callback=output_file, show_default=False,
        help="Where to write the document, byte for byte; readable by you only.")],
) -> None:
    """Get one document out of the dossier into a file. A read of the dossier; allowed on a closed case."""
    from huurbeg.domain import attachments

    store = state(ctx).reader(records_reads=True)
    case, found = attachments.document(store, number, attachment_id)
    render.write_bytes(attachments.content(store, number, found))
    store.record(case, "read", f"document {found.id} written to a file")


@app.command("file-remove")
def file_remove(ctx: typer.Context, number: CaseArgument, attachment_id: RecordIdArgument,
                reason: ReasonOption) -> None:
    """Withdraw a document attached by mistake: it leaves every view and the history keeps why."""
    from huurbeg.domain import corrections

    corrections.remove_attachment(state(ctx).store(), number, attachment_id, reason)
    render.message(_("{number}: document {id} removed.").format(number=number, id=attachment_id))
