"""`huurbeg service` and `huurbeg landlord`: who the service's documents come from, and whom they go to.

The service's identity (its letterhead, its signatory) is set once for the whole team and each
worker adds their own name, phone and e-mail; a landlord gets the address, phone, e-mail and
contact person a letter is sent to. `ensure_identity` and `ensure_worker` are what a document
calls: a detail it needs and the database lacks is asked for on a terminal (and kept), and
named in one error line otherwise.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Annotated, TYPE_CHECKING

import typer

from huurbeg.output import formats, render
from huurbeg.domain import service
from huurbeg.core import text
from huurbeg.core.errors import InvalidInput, MissingValue, NotFound
from huurbeg.core.i18n import N_, _
from huurbeg.cli.params import FormatOption, NoInputOption, _wrap, parse_required_text
from huurbeg.domain.service import IDENTITY_FIELDS, WORKER_FIELDS, ServiceIdentity, WorkerContact
from huurbeg.cli.state import state
from huurbeg.commands.fields import with_options
from huurbeg.domain.entities import LANDLORD_CONTACT

if TYPE_CHECKING:  # the store's types only
    from huurbeg.db.area import Storage

app = typer.Typer(no_args_is_help=True, help="The service's identity on its documents, and your own details.")
landlords = typer.Typer(no_args_is_help=True, help="Landlords as contacts: address, phone, e-mail, contact person.")


def register(root: typer.Typer) -> None:
    root.add_typer(app, name="service")
    root.add_typer(landlords, name="landlord")


def _detail(name: str):
    """The parser of a detail's flag: '' stays '' (it clears the detail), anything else is checked."""
    def parse(value: str) -> str | None:
        return "" if value == "" else service.detail(name, value)
    return _wrap(parse)


def _option(name: str, *, help: str, flag: str | None = None):  # noqa: A002  (help, as Typer names it)
    return typer.Option(flag or "--" + name, parser=_detail(name), metavar="TEXT", show_default=False, help=help)


LOGO_READ_MOST = service.LOGO_MOST_BYTES + 1
"""Read no more of a logo file than it may hold: a file too large is refused without reading it all."""


def read_logo(path: Path) -> bytes:
    """A logo file's bytes, checked: a PNG or SVG, not too large; one error line naming --logo otherwise."""
    try:
        with open(path, "rb") as file:
            content = file.read(LOGO_READ_MOST)
    except OSError as exc:
        raise InvalidInput(_("--logo: cannot read {path}: {reason}").format(
            path=text.quoted(str(path)), reason=exc.strerror or exc.__class__.__name__)) from None
    try:
        service.logo_type(content)
    except ValueError as exc:
        raise InvalidInput(_("--logo: {reason}").format(reason=exc)) from None
    return content


@app.command("set")
def set_identity(
    ctx: typer.Context,
    name: Annotated[str | None, _option("name", help=(
        "The service's name, e.g. Dienst huurbegeleiding. '' clears it."))] = None,
    organisation: Annotated[str | None, _option("organisation", help=(
        "The organisation it belongs to, e.g. Sociaal Huis Mechelen. '' clears it."))] = None,
    address: Annotated[str | None, _option("address", help="The service's postal address. '' clears it.")] = None,
    phone: Annotated[str | None, _option("phone", help="The service's phone number. '' clears it.")] = None,
    email: Annotated[str | None, _option("email", help="The service's e-mail address. '' clears it.")] = None,
    signatory: Annotated[str | None, _option("signatory", help=(
        "Who signs documents for the service (name and function). '' clears it."))] = None,
    place: Annotated[str | None, _option("place", help=(
        "Where documents are signed (Opgemaakt te ...). '' clears it."))] = None,
    logo: Annotated[str | None, typer.Option(
        "--logo", metavar="FILE", show_default=False,
        help="The letterhead's logo: a PNG or SVG file of at most 1 MB; '' removes it.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """Set the service's identity once for the whole team: its name, address, signatory, logo, ..."""
    from huurbeg.cli import prompts

    given: dict[str, str | bytes | None] = {"name": name, "organisation": organisation, "address": address, "phone": phone, "email": email,
             "signatory": signatory, "place": place}
    if logo is not None:
        given["logo"] = b"" if logo == "" else read_logo(Path(logo))
    store = state(ctx).store()
    if all(value is None for value in given.values()):
        if not prompts.interactive(no_input):
            raise MissingValue(_("give at least one of {flags}").format(
                flags=", ".join("--" + field for field in IDENTITY_FIELDS)))
        given = _ask_identity(store.service.identity(), [field for field in IDENTITY_FIELDS if field != "logo"])
    changed = store.service.set_identity(**given)
    render.message(_("The service's details saved: {fields}.").format(fields=fields_said(changed)) if changed
                   else _("The service's details were already so; nothing changed."))


@app.command("me")
def set_me(
    ctx: typer.Context,
    name: Annotated[str | None, _option("name", help="Your name as you sign letters. '' clears it.")] = None,
    phone: Annotated[str | None, _option("phone", help="Your phone number on letters. '' clears it.")] = None,
    email: Annotated[str | None, _option("email", help="Your e-mail address on letters. '' clears it.")] = None,
    no_input: NoInputOption = False,
) -> None:
    """Your own name, phone and e-mail, for the letters you send (the worker running the command)."""
    from huurbeg.cli import prompts

    given = {"name": name, "phone": phone, "email": email}
    store = state(ctx).store()
    me = store.me
    if all(value is None for value in given.values()):
        if not prompts.interactive(no_input):
            raise MissingValue(_("give at least one of {flags}").format(
                flags=", ".join("--" + field for field in WORKER_FIELDS)))
        given = _ask_worker(store.service.worker(me) or WorkerContact(me), list(WORKER_FIELDS))
    changed = store.service.set_worker(me, **given)
    render.message(_("Your details saved ({worker}): {fields}.").format(worker=me, fields=fields_said(changed))
                   if changed else _("Your details were already so; nothing changed."))


def identity_record(identity: ServiceIdentity, workers: list[WorkerContact], me: str) -> dict:
    """The service's identity as `service show` gives it (json: the logo as its type and size, never its bytes)."""
    fields = {name: getattr(identity, name) for name in IDENTITY_FIELDS if name != "logo"}
    logo = {"type": identity.logo_type, "bytes": len(identity.logo)} if identity.logo else None
    return {**fields, "logo": logo,
            "missing": service.missing(identity, IDENTITY_FIELDS),
            "me": me,
            "workers": [{"worker": w.worker, "name": w.name, "phone": w.phone, "email": w.email} for w in workers]}


FIELD_LABELS = {"name": N_("Name"), "organisation": N_("Organisation"), "address": N_("Address"),
                "phone": N_("Phone"), "email": N_("E-mail"), "signatory": N_("Signatory"), "place": N_("Place"),
                "logo": N_("Logo"), "contact_person": N_("Contact person"), "type": N_("Type")}


def fields_said(fields: Iterable[str]) -> str:
    """The details saved, named in a sentence as the reader's screen labels them: naam, adres, e-mail."""
    return ", ".join(_(FIELD_LABELS[field]).lower() for field in fields)


WORKER_COLUMNS = [("worker", N_("Worker")), ("name", N_("Name")), ("phone", N_("Phone")), ("email", N_("E-mail"))]


@app.command("show")
def show(ctx: typer.Context, fmt: FormatOption = "table") -> None:
    """The service's identity as its documents show it, what is still missing, and the workers' details."""
    store = state(ctx).reader()
    record = identity_record(store.service.identity(), store.service.workers(), store.me)
    if formats.emit_fields(record, fmt):
        return
    from rich.panel import Panel

    from huurbeg.commands import headed
    from huurbeg.output.views import _facts_grid as facts_grid

    logo = record["logo"]
    pairs = [(FIELD_LABELS[name], record[name]) for name in IDENTITY_FIELDS if name != "logo"]
    pairs.append((FIELD_LABELS["logo"], _("{type}, {size} KB").format(
        type=logo["type"], size=max(1, logo["bytes"] // 1024)) if logo else None))
    out = render.console()
    out.print(Panel(facts_grid(pairs), title=render.literal(_("The service")), title_align="left"))
    if record["missing"]:
        render.notice(_("Not set yet: {flags} (huurbeg service set).").format(
            flags=", ".join("--" + name for name in record["missing"])))
    if record["workers"]:
        out.print(render.table(record["workers"], headed(WORKER_COLUMNS), title=_("Workers")))
    if not any(w["worker"] == record["me"] for w in record["workers"]):
        render.notice(_("Your own details are not set yet (huurbeg service me --name ... --phone ... --email ...)."))


# --- for documents ----------------------------------------------------------------


def _ask_identity(current: ServiceIdentity, names: Iterable[str], required: bool = False) -> dict:
    from huurbeg.cli import prompts

    return {name: prompts.ask_detail(_(IDENTITY_FIELDS[name]).capitalize() + "?", _checked(name, required),
                                     current=getattr(current, name), required=required) for name in names}


def _ask_worker(current: WorkerContact, names: Iterable[str], required: bool = False,
                suggested: dict | None = None) -> dict:
    """The worker's details asked for; `suggested` fills the input of one not stored (Enter accepts it)."""
    from huurbeg.cli import prompts

    return {name: prompts.ask_detail(_(WORKER_FIELDS[name]).capitalize() + "?", _checked(name, required),
                                     current=getattr(current, name) or (suggested or {}).get(name),
                                     required=required) for name in names}


def _checked(name: str, required: bool = False):
    """A typed detail as its flag checks it; '' clears it, unless a document needs it."""
    if required:
        return lambda value: service.detail(name, text.required(value))
    return lambda value: service.detail(name, value) or ""


def ensure_identity(store: "Storage", needed: Iterable[str], no_input: bool = False) -> ServiceIdentity:
    """The service's identity with every detail in `needed`: what is missing is asked for on a terminal
    (and kept for the next document), and named in one error line otherwise. A logo is never asked for."""
    from huurbeg.cli import prompts

    identity = store.service.identity()
    lacking = service.missing(identity, needed)
    if not lacking:
        return identity
    if "logo" in lacking or not prompts.interactive(no_input):
        raise MissingValue(_("the service's details this document needs are not set: {flags}; set them once with "
                             "huurbeg service set {example}").format(
            flags=" ".join("--" + name for name in lacking),
            example=" ".join(f"--{name} {_('FILE') if name == 'logo' else '...'}" for name in lacking)))
    render.notice(_("This document needs the service's details once; they are kept for the whole team."))
    store.service.set_identity(**_ask_identity(identity, lacking, required=True))
    return store.service.identity()


def ensure_worker(store: "Storage", needed: Iterable[str], no_input: bool = False, signs_as: str | None = None) -> WorkerContact:
    """The details of the worker at the keyboard, with every one in `needed`: asked for on a terminal, named in
    one error line otherwise. The name is offered as `signs_as` (the service's signatory, who is often the worker
    who writes), so the name just typed for the service is not typed twice."""
    from huurbeg.cli import prompts

    me = store.me
    worker = store.service.worker(me) or WorkerContact(me)
    lacking = service.missing(worker, needed)
    if not lacking:
        return worker
    if not prompts.interactive(no_input):
        raise MissingValue(_("your own details this document needs are not set: {flags}; set them once with "
                             "huurbeg service me {example}").format(
            flags=" ".join("--" + name for name in lacking),
            example=" ".join(f"--{name} ..." for name in lacking)))
    render.notice(_("This document is signed with your own details; they are kept for your next letters."))
    store.service.set_worker(me, **_ask_worker(worker, lacking, required=True, suggested={"name": signs_as}))
    return store.service.worker(me) or worker  # found: just written


def ensure_landlord_address(store: "Storage", number: str, no_input: bool = False) -> bool:
    """The address of case `number`'s landlord, which a letter needs in its envelope's window: asked for on a
    terminal and kept on the landlord (as `landlord edit --address`), named in one error line otherwise. True
    when it was asked for now."""
    from huurbeg.cli import prompts

    landlord = store.cases.landlord(store.cases.case(number))
    if landlord is None or landlord.address:
        return False
    if not prompts.interactive(no_input):  # the landlord's name is not repeated: it may be a person's
        raise MissingValue(_("the landlord's address this letter needs is not set for case {number}; set it once "
                             "with huurbeg landlord edit NAME --address ...").format(number=number))
    render.notice(_("This letter needs the landlord's address; it is kept on the landlord for the next letters."))
    address = prompts.ask_detail(_("Landlord's address?"), _checked("address", required=True), required=True)
    store.cases.set_landlord_contact(landlord.id, address=address)
    return True


# --- landlords ----------------------------------------------------------------------


def _landlord(store: "Storage", name: str):
    """The landlord NAME names: its name, or a part of it no other landlord's holds."""
    from huurbeg.domain.casework import landlord_by_name

    found, several = landlord_by_name(store, name)
    if several:
        raise NotFound(_("NAME: {typed} is part of the names of several landlords: {known}; give one of them")
                       .format(typed=text.quoted(name.strip()), known=", ".join(text.quoted(n) for n in several)))
    if found is None:
        raise NotFound(_("NAME: no landlord of that name; 'huurbeg landlord list' lists them"))
    return found


def landlord_record(store: "Storage", row) -> dict:
    open_cases, cases = store.cases.landlord_case_count(row.id)
    return {"name": row.name, "type": row.kind, **{f.column: row[f.column] for f in LANDLORD_CONTACT},
            "open_cases": open_cases, "cases": cases}


NameArgument = Annotated[str, typer.Argument(
    metavar="NAME", parser=parse_required_text,
    help="The landlord's name, as at intake (case, accents and punctuation do not matter).")]


@landlords.command("show")
def landlord_show(ctx: typer.Context, name: NameArgument, fmt: FormatOption = "table") -> None:
    """A landlord's contact details and how many cases name them."""
    from huurbeg.core.codes import LandlordType

    store = state(ctx).reader()
    record = landlord_record(store, _landlord(store, name))
    record["type"] = LandlordType(record["type"])
    if formats.emit_fields(record, fmt):
        return
    from rich.panel import Panel

    from huurbeg.output.views import _facts_grid as facts_grid

    pairs = [(FIELD_LABELS["type"], record["type"])] + [(f.heading, record[f.column]) for f in LANDLORD_CONTACT]
    pairs.append((N_("Cases"), _("{open} open, {all} in all").format(open=record["open_cases"], all=record["cases"])))
    render.console().print(Panel(facts_grid(pairs), title=render.literal(record["name"]), title_align="left"))


LANDLORD_COLUMNS = [("name", N_("Landlord")), ("type", N_("Type")), ("phone", N_("Phone")), ("email", N_("E-mail")),
                    ("contact_person", N_("Contact person")), ("open_cases", N_("Open"))]


@landlords.command("list")
def landlord_list(ctx: typer.Context, fmt: FormatOption = "table") -> None:
    """Every landlord with their contact details and open cases."""
    from huurbeg.core.codes import LandlordType

    from huurbeg.commands import headed

    store = state(ctx).reader()
    rows = [landlord_record(store, row) for row in store.cases.landlords()]
    for row in rows:
        row["type"] = LandlordType(row["type"])
    formats.emit_rows(rows, fmt, headed(LANDLORD_COLUMNS), empty=_("No landlords yet."))


@landlords.command("edit")
@with_options(LANDLORD_CONTACT, after="name", made=lambda f: Annotated[str | None, _option(
    f.column, help=f.help, flag=f.option)])
def landlord_edit(
    ctx: typer.Context,
    name: NameArgument,
    no_input: NoInputOption = False,
    **given,
) -> None:
    """Correct a landlord's contact details: address, phone, e-mail, contact person."""
    from huurbeg.cli import prompts

    store = state(ctx).store()
    row = _landlord(store, name)
    flags = [f.option or f.column for f in LANDLORD_CONTACT]
    if all(value is None for value in given.values()):
        if not prompts.interactive(no_input):
            raise MissingValue(_("give at least one of {flags}").format(flags=", ".join(flags)))
        given = {f.column: prompts.ask_detail(_(f.question), _checked(f.column), current=row[f.column])
                 for f in LANDLORD_CONTACT}
    changed = store.cases.set_landlord_contact(row.id, **given)
    render.message(_("{name}: contact details saved: {fields}.").format(name=row.name, fields=fields_said(changed))
                   if changed
        else _("{name}: the contact details were already so; nothing changed.").format(name=row.name))
