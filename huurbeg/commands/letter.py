"""`huurbeg letter`: a letter on the service's paper to the landlord, the tenant or the court, kept in the dossier."""

from datetime import date, time
from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.output import formats, render
from huurbeg.core.errors import InvalidInput, MissingValue
from huurbeg.core.i18n import N_, _
from huurbeg.core.codes import Recipient, choices, names
from huurbeg.cli.params import (NoInputOption, _wrap, code_option, document_file, parse_case, parse_coming_date,
                                parse_required_text)
from huurbeg.cli.state import state

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage


def register(app: typer.Typer) -> None:
    app.command("letter")(letter)

def _time(text: str) -> time:
    from huurbeg.core import dates

    return dates.parse_time(text)

def letter(
    ctx: typer.Context,
    number: Annotated[str | None, typer.Argument(
        metavar="CASE", parser=parse_case, show_default=False,
        help="The case number, e.g. 2026-0042.")] = None,
    to: Annotated[Recipient | None, code_option(
        Recipient, N_("recipient"), N_("Whom the letter is for: the landlord (the state of affairs secrecy allows), "
                                       "the tenant (an invitation) or the court (a note for the Justice of the Peace)."),
        "--to")] = None,
    on: Annotated[date | None, typer.Option(
        "--date", parser=parse_coming_date, metavar="DATE",
        help="The tenant's appointment; for the landlord or the court, the letter's date (default today).")] = None,
    at: Annotated[time | None, typer.Option(
        "--time", parser=_wrap(_time), metavar="HH:MM", help="The time of the tenant's appointment.")] = None,
    place: Annotated[str | None, typer.Option(
        "--place", metavar="TEXT", parser=parse_required_text, help="Where the tenant's appointment is (default: a home visit).")] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", metavar="FILE", callback=document_file,
        help="Write the letter to FILE.pdf (.pdf is added to a name without one), or FILE.docx with --template "
             "(readable by you only).")] = None,
    template: Annotated[Path | None, typer.Option(
        "--template", metavar="FILE.docx", help="The service's own Word template, filled with the letter's fields.")]
    = None,
    preview: Annotated[bool, typer.Option(
        "--preview", help="Show every field of the letter on screen; nothing is written or kept.")] = False,
    lang: Annotated[str | None, typer.Option(
        "--lang", metavar="nl|en", help="The reader's language (default Dutch; English with HUURBEG_LANG=en).")]
    = None,
    list_fields: Annotated[bool, typer.Option(
        "--fields", help="List the fields a letter or a Word template may use, and exit.")] = False,
    no_input: NoInputOption = False,
    force: Annotated[bool, typer.Option(
        "--force", help="Invite for a day or hour that looks like a typo (asked about on a terminal) all the same: "
                        "more than three months ahead, a Sunday or public holiday, outside 08:00-20:00.")] = False,
) -> None:
    """A letter on the service's paper, as PDF or in the service's Word template, kept in the dossier.

    The letter to the landlord says what professional secrecy allows (support running, agreements
    kept, plan on track, next step); the invitation asks the tenant for a home visit or an
    appointment; the note for the Justice of the Peace says what the household agreed may be told.
    Made once the case is open and the service's details are known (huurbeg service set).
    """
    from huurbeg.output import letters

    if list_fields:
        rows = letters.field_list()
        formats.emit_rows(rows, "table", [("field", N_("Field")), ("meaning", N_("What it holds")),
                                         ("documents", N_("In"))], title=_("Fields of a letter"))
        return
    if number is None:
        raise MissingValue(_("CASE: name the case, e.g. huurbeg letter 2026-0042 --to {landlord}").format(
            landlord=names(Recipient)[0]))
    if to is None:
        raise MissingValue(_("--to: say who the letter is for: {recipients}").format(recipients=choices(Recipient)))
    media = check_output(output, template, preview)
    app_state = state(ctx)
    store = app_state.store()
    language = letters.language(lang, _setting())
    today = app_state.today
    text = letters.unsigned(store, to, number, today, language, on=on, at=at, place=place)  # nothing asked yet
    if to == "landlord" and not preview:
        from huurbeg.commands import service

        if service.ensure_landlord_address(store, number, no_input):  # once the letter is known to be possible
            text = letters.unsigned(store, to, number, today, language, on=on)
    if to == "tenant" and on is not None and at is not None:
        from datetime import datetime

        from huurbeg.cli import prompts
        from huurbeg.domain.rules import appointment_doubts

        # once the letter is known to be possible: a day that has passed or a missing time is refused first
        prompts.vouch(appointment_doubts(datetime.combine(on, at), today), force, no_input)
    identity, worker = sender(store, no_input)  # the service's details are asked last: the letter can go
    made = letters.signed(text, identity, worker)
    if media is None or output is None:  # --preview: shown, nothing written
        from huurbeg.domain import casework

        casework.log_read(store, number, "letter preview")  # what was shown of the dossier, as every read
        render.write_text(letters.preview(made))
        return
    write(store, made, media, output, template, today)

def _setting() -> str | None:
    import os

    return os.environ.get("HUURBEG_LANG")

def check_output(output: Path | None, template: Path | None, preview: bool) -> str | None:
    """The type of the document to write, from --output; --template goes with a .docx."""
    from huurbeg.output import documents

    if preview:
        if output is not None:
            raise InvalidInput(_("--preview: shows the letter on screen; leave out --output"))
        return None
    if output is None:
        raise MissingValue(_("--output: name the file to write, e.g. --output brief.pdf (or --preview to see "
                             "the letter first)"))
    media = documents.kind_of_output(output)
    if template is not None and media != documents.DOCX_TYPE:
        raise InvalidInput(_("--template: fills a Word document; name a .docx --output"))
    if template is None and media == documents.DOCX_TYPE:
        raise InvalidInput(_("--output: a .docx is made from the service's Word template; give --template "
                             "FILE.docx, or write a .pdf"))
    return media


def sender(store: "Storage", no_input: bool):
    """The service's identity and the worker's own details, asked for on a terminal when missing."""
    from huurbeg.output import letters
    from huurbeg.commands import service

    identity = service.ensure_identity(store, letters.IDENTITY_NEEDED, no_input)
    return identity, service.ensure_worker(store, letters.WORKER_NEEDED, no_input, signs_as=identity.signatory)


def write(store: "Storage", made, media: str, output: Path, template: Path | None, today: date) -> None:
    """The document into --output, kept in the dossier and recorded in its history."""
    from huurbeg.output import documents, letters

    content = documents.docx(made, documents.template(template, made.kind)) if template is not None \
        else documents.pdf(made)
    render.write_bytes(content)
    kept = keep(store, made, media, output.name, content, today)
    title = _(letters.TITLES[made.kind])  # in the worker's language: the message is theirs, the letter the reader's
    # where it was written is said by the output door, once, after the commit
    render.confirmed(_("{number}: {document} kept in the dossier as document {id}.").format(
        number=made.case, document=title, id=kept))


def keep(store: "Storage", made, media: str, name: str, content: bytes, today: date) -> int:
    """The document made, kept in the dossier (kind letter) and recorded: which document, for whom, when."""
    import hashlib

    from huurbeg.domain import attachments
    from huurbeg.output import letters
    from huurbeg.core.codes import AttachmentKind

    case = store.cases.case(made.case)
    try:
        name = attachments.check_name(Path(name))
    except InvalidInput:  # a name no screen should show: the dossier names it itself
        name = f"{made.kind}-{made.case}-{today.isoformat()}{Path(name).suffix if Path(name).suffix.isascii() else ''}"
    kept = store.attachments.add(case, AttachmentKind.LETTER, today, name, media, len(content),
                                hashlib.sha256(content).hexdigest(), None, [content])
    store.record(case, "letter", f"{letters.TITLES[made.kind]} made ({'PDF' if media.endswith('pdf') else 'DOCX'}), "
                                 f"kept as document {kept}")
    return kept
