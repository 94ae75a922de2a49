"""Command-line parameter types and the options every command shares.

Parsers raise typer.BadParameter, which the CLI shows as one line naming the
option and what it accepts. Nothing here imports the database.
"""

from collections.abc import Callable
from contextlib import AbstractContextManager
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from huurbeg.core import dates, money, national_number, text
from huurbeg.core.case_number import parse_case_number
from huurbeg.core.codes import ALIASES, choices, names, parse_code
from huurbeg.core.errors import field_name, naming, reason, stated
from huurbeg.cli.hints import hinted
from huurbeg.core.i18n import N_, _, speaking
from huurbeg.output import formats
from huurbeg.cli.running import RUNNING


def flag_of(command, field: str) -> str | None:
    """The flag by which `command` takes `field` (`new_date`: --new-date), if it has one; of one of two
    fields (`until/review`), both flags (--until/--review)."""
    if "/" in field:
        flags = [flag_of(command, one) for one in field.split("/")]
        return "/".join(flag for flag in flags if flag) if all(flags) else None
    wanted = "--" + field.replace("_", "-")
    found = ([param for param in command.params if wanted in param.opts]
             or [param for param in command.params if param.name == field])
    flags = [opt for param in found[:1] for opt in (*param.opts, *param.secondary_opts) if opt.startswith("--")]
    return wanted if wanted in flags else flags[0] if flags else None


ROOT_FIELDS = {"db": "--db", "database": N_("--db or HUURBEG_DB"), "huurbeg_db": "HUURBEG_DB"}
"""Fields every command takes before its name: the database a message refers to as `{field:db}` is the
flag, `{field:database}` (the database used, whichever way it was named) the flag or the environment,
`{field:huurbeg_db}` the environment's."""


def flag_named(field: str) -> str | None:
    """A field a message refers to (`{field:NAME}`), as the command line names it: by the flag of the
    command that runs, else as every command takes it (ROOT_FIELDS); None if none takes it."""
    from typer._click.globals import get_current_context

    context = RUNNING.get() or get_current_context(silent=True)
    flag = flag_of(context.command, field) if context is not None else None
    return flag or (_(ROOT_FIELDS[field]) if field in ROOT_FIELDS else None)


def flags_named() -> AbstractContextManager[None]:
    """Fields that messages refer to named by their flags while in it (huurbeg.core.errors.NAMING)."""
    return naming(flag_named)


def said_on_the_command_line(exc: BaseException) -> str:
    """What an error says in its one line: a field it names by the flag the command gives it with
    ("--new-date: must come after the postponed hearing"), its reader's words where there is none; the fields
    it refers to by their flags, and the command to copy its hint names (huurbeg.cli.hints)."""
    if not hasattr(exc, "detail"):
        return reason(exc)
    with flags_named():
        return hinted(stated(exc, lambda field: flag_named(field) or field_name(field)), exc)


def _wrap(parse: Callable[[str], object]) -> Callable:
    def parser(value):
        if not isinstance(value, str):
            return value  # a default, already parsed
        try:
            return parse(value)
        except ValueError as exc:
            raise typer.BadParameter(exc.args[0] if exc.args else str(exc)) from None  # a message kept as data too
    return parser


def _day(parse: Callable, direction: str | None) -> Callable:
    """A date option looking in `direction` for a day typed without its year; the date it became is said
    in full (on stderr, before the command's message), whichever command it belongs to."""
    def parse_day(text: str):
        value = parse(text, dates.today(), direction)
        if (said := dates.read_as(text, value)) is not None:
            from huurbeg.output import render

            render.say_later(said)
        return value
    return _wrap(parse_day)


parse_date = _day(dates.parse_date, dates.NEAREST)
"""A date where neither direction is natural (--as-of, a period of figures): 17/11 is the nearest 17/11."""
parse_past_date = _day(dates.parse_date, dates.PAST)
"""A date of something that happened (a visit, a payment, a signature): 17/11 is the last 17/11."""
parse_past_date.today_on_enter = True  # type: ignore[attr-defined]  # asked on a terminal, today is its default
parse_coming_date = _day(dates.parse_date, dates.COMING)
"""A date of something planned (a next visit, a deadline, an eviction): 17/11 is the coming 17/11."""
CLEARED = date.min
"""What a clearable date option holds when '' was given: the date is to be cleared."""


def parse_clearable_coming_date(text: str) -> date:
    """A planned date in an edit, where '' clears it (CLEARED)."""
    return CLEARED if not text.strip() else parse_coming_date(text)
parse_birth_date = _day(dates.parse_date, dates.BIRTH)
"""A birth date wants its year: no year is the right guess for it; two digits of it are (14/3/88 is 1988)."""
parse_datetime = _day(dates.parse_datetime, dates.NEAREST)
parse_coming_datetime = _day(dates.parse_datetime, dates.COMING)
parse_money = _wrap(money.parse_money)
parse_national_number = _wrap(national_number.normalise)
parse_case = _wrap(parse_case_number)
parse_required_text = _wrap(text.required)
"""A name or another text that must show something: blank or invisible-only input is refused."""
parse_clearable_text = _wrap(text.clearable)
"""An optional text that, given, must show something; '' clears it in an edit."""


MAX_COUNT = 2_147_483_647
"""The largest whole number a flag takes (an id, minutes, a count): what every database stores."""
MAX_DAYS = 3660
"""The longest look-ahead of --within: ten years."""


def _bounded(most: int, what: str = N_("use a whole number from 0 to {most}")) -> Callable[[str], int]:
    def parse(text: str) -> int:
        text = text.strip()
        if not (text.isascii() and text.isdigit()) or int(text) > most:
            raise ValueError(_(what).format(most=most))
        return int(text)
    return parse


parse_count = _wrap(_bounded(MAX_COUNT))


def minutes_spent(text: str) -> int:
    """Time spent on a contact as a worker types it (90, 45 min, 1u30, 1:30, 2u), up to what a contact may last."""
    from huurbeg.domain.rules import MAX_CONTACT_MINUTES  # the rules load dateutil: not for `huurbeg --help`

    return dates.parse_minutes(text, MAX_CONTACT_MINUTES)


parse_minutes = _wrap(minutes_spent)
parse_days = _wrap(_bounded(MAX_DAYS, N_("use a number of days from 0 to {most}")))


def code(enum: type[StrEnum], what: str) -> Callable:
    """A parser for one code list; the error lists the valid slugs. It knows its list (`code_list`),
    so that a help example can show a code in the reader's words (huurbeg.cli.helptext)."""
    parser = knowing(_wrap(lambda text: parse_code(enum, text, what)), enum)
    parser.code_what = what  # type: ignore[attr-defined]  # what a question asks for, when the option is left out
    return parser


def knowing(parser: Callable, codes: object) -> Callable:
    """`parser`, knowing the codes it takes (`code_list`: an enum, or formats.Choices), so that a help example
    can show one in the reader's words (huurbeg.cli.helptext) and the tests can try each."""
    parser.code_list = codes  # type: ignore[attr-defined]  # the function's own attribute, read by the help's examples
    return parser


CODE_HELP = N_("{help} One of: {codes}.")
"""The help of a code option; huurbeg.cli.helptext translates both parts when the help is shown."""


def code_option(enum: type[StrEnum], what: str, help_text: str, *names: str) -> typer.models.OptionInfo:
    """An option taking one code of `enum`; `what` and `help_text` are marked with N_() where written."""
    with speaking("en"):  # the English text; huurbeg.cli.helptext lists the codes in the reader's words
        codes = choices(enum)
    return typer.Option(*names, parser=code(enum, what), metavar=names[0].lstrip("-").upper(),
                        help=CODE_HELP.format(help=help_text, codes=codes), autocompletion=complete_codes(enum))


# --- shell completion of values (huurbeg.cli.completion runs these; they never open SQLAlchemy) ---------

def complete_codes(enum: type[StrEnum]) -> Callable:
    """A code list for the shell: the slugs; to a Dutch reader each code's Dutch name, and once a
    word is begun every slug or Dutch name that starts with it."""
    def complete(incomplete: str) -> list[str]:
        from huurbeg.core.i18n import language

        begun = incomplete.strip().lower()
        found = [name for name in names(enum) if name.startswith(begun)]
        if begun and language() == "nl":
            dutch = ALIASES.get(enum, {})
            for member in enum:
                found += [name for name in (member.value, *(n for n, m in dutch.items() if m is member))
                          if name.startswith(begun) and name not in found]
        return found
    return complete


def complete_cases(incomplete: str) -> list[tuple[str, str]]:
    """Case numbers, open cases first (one indexed query through sqlite3)."""
    from huurbeg.cli.completion import case_numbers

    return case_numbers(incomplete)


def complete_dwellings(incomplete: str) -> list[tuple[str, str]]:
    from huurbeg.cli.completion import dwelling_codes

    return dwelling_codes(incomplete)


def format_option(kind: str, help_text: str | None = None, *names: str) -> typer.models.OptionInfo:
    """--format for a command giving output of `kind`: its formats, help, completion and check read
    huurbeg.output.formats at the moment they are used; `help_text` (marked where written) replaces the kind's
    help, followed by the formats."""
    help_text = (CODE_HELP.format(help=help_text, codes=", ".join(formats.names(kind))) if help_text
                 else formats.KINDS[kind].help)
    parser = knowing(_wrap(lambda text: formats.parse(kind, text)), formats.Choices(kind))  # as a code option's
    return typer.Option(*(names or ("--format", "-f")), parser=parser,
                        metavar="FORMAT", help=help_text,
                        autocompletion=lambda incomplete: [name for name in formats.names(kind)
                                                           if name.startswith(incomplete.strip().lower())])


FormatOption = Annotated[str, format_option("listing")]
"""--format of a listing or of one object: table, json, csv, csv-excel, xlsx, and any format registered for them."""


def output_file(ctx: typer.Context, value: Path | None) -> Path | None:
    """The callback of an --output FILE option: checked at once, before the command writes anything
    (its temporary file made), and written by render once the command succeeded."""
    if value is None or ctx.resilient_parsing:
        return None
    from huurbeg.output import render
    from huurbeg.db.engine import database_files

    root = ctx.find_root().obj
    try:
        render.output_to(value, database=database_files(getattr(root, "db_option", None)))
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--output'") from None
    return value


def document_file(ctx: typer.Context, value: Path | None) -> Path | None:
    """The callback of a document's --output: a name without a suffix is a PDF and is written with `.pdf`
    added (brief → brief.pdf), so the file opens as what it is; then checked as every --output."""
    if value is not None and not value.suffix and value.name:
        value = value.with_name(value.name + ".pdf")
    return output_file(ctx, value)


OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", metavar="FILE", callback=output_file, show_default=False,
    help="Write the output to FILE instead of stdout, in any --format; written only when the command "
         "succeeds, readable by you only.")]


def output_option():
    """--output as a parameter of its own, which every command with a --format gets (huurbeg.cli.root)."""
    donor = typer.Typer(add_completion=False)

    @donor.command()
    def command(output: OutputOption = None) -> None:  # only its parameter is used
        """Output."""

    [option] = typer.main.get_command(donor).params
    option.expose_value = False  # the callback sends the output; the command itself never sees it
    return option


AsOfOption = Annotated[date | None, typer.Option(
    "--as-of", parser=parse_date, metavar="DATE",
    help="Compute deadlines as on this date instead of today (dd/mm/yyyy, yyyy-mm-dd, +7d, ...).")]
DateOption = Annotated[date | None, typer.Option(
    "--date", parser=parse_past_date, metavar="DATE",
    help="When it happened (default today): dd/mm/yyyy, yyyy-mm-dd, today, yesterday, -3d, ...")]
CaseArgument = Annotated[str, typer.Argument(
    parser=parse_case, metavar="CASE", help="Case number, e.g. 2026-0042 (2026-42 works too).",
    autocompletion=complete_cases)]
NoInputOption = Annotated[bool, typer.Option(
    "--no-input", help="Never prompt: a missing required value is an error (for scripts).")]


def _worker(text: str) -> str:
    from huurbeg.domain.workers import parse_worker

    return parse_worker(text)


parse_worker = _wrap(_worker)
WorkerOption = Annotated[str | None, typer.Option(
    "--worker", parser=parse_worker, metavar="WORKER",
    help="Only the cases of this worker (the database role on a team server).")]
MineOption = Annotated[bool, typer.Option("--mine", help="Only my cases (the cases I am responsible for).")]

__all__ = ["format_option", "FormatOption", "OutputOption", "output_option", "AsOfOption", "DateOption",
           "CaseArgument", "NoInputOption",
           "parse_date", "parse_past_date", "parse_coming_date", "parse_clearable_coming_date", "CLEARED",
           "parse_birth_date", "parse_datetime",
           "parse_coming_datetime", "parse_money", "parse_national_number", "parse_case",
           "parse_count", "parse_minutes", "minutes_spent", "parse_days", "parse_required_text",
           "parse_clearable_text", "code", "code_option",
           "parse_worker", "WorkerOption", "MineOption"]


# Corrections of records: `visit edit CASE ID`, `refer remove CASE ID --reason TEXT`, ...
RecordIdArgument = Annotated[int, typer.Argument(
    parser=parse_count, metavar="ID", help="The record's number, as its list shows it.")]
ReasonOption = Annotated[str, typer.Option(
    "--reason", parser=parse_required_text, metavar="TEXT", help="Why the record is withdrawn; kept in the history.")]
