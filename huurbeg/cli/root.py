"""The root of the command line: global options, the command groups, and error handling.

Every error ends here, in HuurbegGroup.main, as one line on stderr and an exit
code: usage errors 2, HuurbegError subclasses their own code, database errors 5,
anything unexpected 70 without a traceback (HUURBEG_DEBUG=1 shows it). The same
place ends the invocation's one transaction: committed when the command succeeded,
rolled back when it failed, exited non-zero or was stopped.
"""

import errno
import gc
import importlib
import os
import re
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from huurbeg.core.patterns import pattern
from huurbeg import __version__
from huurbeg.cli import asking, completion, helptext
from huurbeg.core.errors import Cancelled, HuurbegError, fields_named, naming, reason as _said
from huurbeg.cli.groups import spare_pydantic
from huurbeg.core.i18n import N_, _
from huurbeg.cli.running import RUNNING
from huurbeg.cli.state import AppState, state
from huurbeg.cli.groups import LazyCommands, build, shown

# `huurbeg --help` lists the commands and runs none: what only a command needs (the parameter types, the
# output's door, the dates) is imported when the first command is built or its root callback runs.

EXIT_DATABASE = 5
EXIT_INTERNAL = 70


def _fail(text: str, code: int) -> int:
    from huurbeg.core.messages import plain
    from huurbeg.output.render import remarks, wrapped

    # it may repeat what was typed: shown literally; a date typed without its year says which it became,
    # on a line of its own after the error
    sys.stderr.write(wrapped(_("huurbeg: error: {message}").format(message=plain(text))) + "\n")
    for said in remarks():
        sys.stderr.write(wrapped(plain(said)) + "\n")
    return code


def _stopped(text: str, code: int) -> int:
    """A command the worker stopped: one line that says so, without calling it an error."""
    from huurbeg.output.render import plain
    from huurbeg.output.render import wrapped

    sys.stderr.write(wrapped(_("huurbeg: {message}").format(message=plain(text))) + "\n")
    return code


COMMANDS = {
    "intake": "intake", "case": "case", "visit": "visit", "plan": "plan", "hearing": "hearing",
    "transfer": "transfer", "refer": "refer", "letter": "letter", "deadlines": "deadlines", "digest": "digest",
    "stats": "stats", "service": "service", "landlord": "service", "import": "importing", "demo": "demo",
    "copy": "maintenance", "backup": "maintenance", "purge": "maintenance", "doctor": "maintenance",
    "completion": "completion",
}
"""The root's commands and the module of huurbeg.commands that makes each: its `register(app)`, else its
`app` as the group of that name. Their one-line help is helptext.SUMMARIES; tests/test_docs.py checks both
against the commands themselves."""


def command_module(name: str):
    """The module of huurbeg.commands that makes the root's command `name`, imported on first use."""
    return importlib.import_module(f"huurbeg.commands.{COMMANDS[name]}")


class HuurbegGroup(TyperGroup):
    """The root group: runs the command and turns any failure into one line and an exit code.

    Its commands are built when they are called or their help is shown (huurbeg.cli.groups.LazyCommands);
    its own help lists them from COMMANDS and helptext.SUMMARIES, building none."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.commands = LazyCommands(COMMANDS, self._build, summary=lambda name: _(helptext.SUMMARIES[name]))
        self._output_option = None
        helptext.polish(self)

    def _build(self, name: str):
        module = command_module(name)
        holder = typer.Typer()
        if hasattr(module, "register"):
            module.register(holder)
        else:
            holder.add_typer(module.app, name=name)
        return build(holder, name, (name,), self._prepare, pretty_exceptions_short=app.pretty_exceptions_short,
                     suggest_commands=app.suggest_commands, rich_markup_mode=app.rich_markup_mode)

    def _prepare(self, command, path: tuple[str, ...]) -> None:
        """What the tree Typer builds lacks, given to each command as it is built."""
        if self._output_option is None:
            from huurbeg.cli.params import output_option

            self._output_option = output_option()
        _add_output_option(command, self._output_option)
        helptext.polish_command(command, path)
        if not hasattr(command, "commands"):
            command.parse_args = _running(command.parse_args)
            asking.ask_missing_options(command, path)
        spare_pydantic(command)
        helptext.speak(command, getattr(self, "_huurbeg_language", "en"))

    def list_commands(self, ctx) -> list[str]:
        return helptext.order(list(self.commands))

    def format_commands(self, ctx, formatter) -> None:
        listed = {name: shown(self, name) for name in self.list_commands(ctx)}  # building none
        original, self.commands = self.commands, listed
        try:
            super().format_commands(ctx, formatter)
        finally:
            self.commands = original

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        helptext.speak(self)  # the reader's language, as this invocation's environment says
        instruction = os.environ.get(complete_var or completion.COMPLETE_VAR)
        if instruction:  # the shell asks for completions (huurbeg completion SHELL): answer, run nothing
            code = completion.respond(self, instruction)
        else:
            with naming(_flag_named):  # what it says refers to fields by the flags of the command that runs
                code = self._run(args, prog_name or "huurbeg", complete_var, extra)
        if standalone_mode:
            sys.exit(code)
        return code

    def _run(self, args, prog_name, complete_var, extra) -> int:
        spare_pydantic(self)
        RUNNING.set(None)
        app_state = AppState()
        code = self._dispatch(app_state, args, prog_name, complete_var, extra)
        if not app_state.output_held:  # no command ran: a help, the version, a refused root option
            app_state.finish(succeeded=code == 0)
            return code
        from huurbeg.output import render

        if code != 0:
            app_state.finish(succeeded=False)
            render.finish_output(succeeded=False)
            return code
        try:
            render.write_output()  # before the commit: an output that cannot be written leaves nothing registered
        except HuurbegError as exc:
            app_state.finish(succeeded=False)
            return self._failure(exc)
        try:
            app_state.finish(succeeded=True)
        except Exception as exc:  # the commit itself failed (disk full, lock): nothing was written
            render.finish_output(succeeded=False)
            return self._failure(exc)
        try:
            render.finish_output(succeeded=True)  # --output FILE: written once the command succeeded
        except (OSError, HuurbegError) as exc:
            return self._failure(exc)
        return 0

    def _dispatch(self, app_state, args, prog_name, complete_var, extra) -> int:
        try:
            result = super().main(args=args, prog_name=prog_name, complete_var=complete_var,
                                  standalone_mode=False, obj=app_state, **extra)
            return result if isinstance(result, int) else 0
        except Exception as exc:
            return self._failure(exc)

    @staticmethod
    def _failure(exc: BaseException) -> int:
        try:
            raise exc
        except Cancelled as exc:  # the worker's choice, not an error
            return _stopped(_said(exc), exc.exit_code)
        except HuurbegError as exc:
            from huurbeg.cli.params import said_on_the_command_line

            return _fail(said_on_the_command_line(exc), exc.exit_code)
        except typer.TyperException as exc:
            return _usage_error(exc)
        except typer.Abort:
            return _stopped(_("stopped; nothing was written"), 1)
        except OSError as exc:
            if exc.errno == errno.EPIPE:  # `huurbeg ... | head`: the reader went away
                return 0
            return _fail(_os_error(exc), 1)
        except Exception as exc:
            if os.environ.get("HUURBEG_DEBUG"):
                raise
            if type(exc).__module__.startswith(("sqlalchemy", "sqlite3")):  # sqlite3: a lookup's plain SQL
                reason = _database_reason(exc)
                text = _("database error: {reason}; nothing was written").format(reason=reason)
                from huurbeg.db import health

                found = health.cause(exc)
                if found == health.DAMAGE or "Could not decode" in reason:
                    # damaged since the daily check, or a value no check can see (SQLite keeps no checksums)
                    text += f". {_(health.WHAT_TO_DO)}"
                elif found in (health.FULL, health.INPUT_OUTPUT):  # the file is intact: a backup would set it back
                    text += f". {_(health.NOT_DAMAGE[found])}"
                elif _server_lost(exc):
                    from huurbeg.db.engine import CHECK_THE_SERVER

                    text += f". {fields_named(_(CHECK_THE_SERVER))}"
                return _fail(text, EXIT_DATABASE)
            return _fail(_("internal error ({kind}); nothing was written. Run again with HUURBEG_DEBUG=1 to "
                           "see where").format(kind=type(exc).__name__), EXIT_INTERNAL)


def _add_output_option(command, option) -> None:
    """Every command that takes --format also takes --output FILE: one option, one door (render)."""
    names = {param.name for param in command.params}
    if "fmt" in names and "output" not in names:
        command.params.append(option)


def _running(parse_args):
    """Each command keeps its context from the parsing of its flags on (a callback may refuse a value, as
    --output's does): an error about a field is named by its flag there."""
    def parse(ctx, args):
        RUNNING.set(ctx)  # kept after the command returns: its commit may fail too
        return parse_args(ctx, args)
    return parse


def _os_error(exc: OSError) -> str:
    """The system's reason, in the reader's language where the catalogue has it (strerror is English)."""
    return _(exc.strerror) if exc.strerror else str(exc)


N_("No such file or directory"), N_("Permission denied"), N_("Is a directory"), N_("Not a directory")
N_("No space left on device"), N_("File exists"), N_("Read-only file system"), N_("File name too long")


def _usage_error(exc: typer.TyperException) -> int:
    if type(exc).__name__ == "NoArgsIsHelpError":  # a bare group, e.g. `huurbeg case`: show its help
        sys.stderr.write(exc.format_message() + "\n")
        return 2
    ctx = getattr(exc, "ctx", None)
    hint = " " + _("See '{command} --help'.").format(command=ctx.command_path) if ctx is not None else ""
    text = " ".join(_parser_message(exc).split())  # click lists choices on lines of their own
    return _fail((text if text.endswith("?") else text.rstrip(".") + ".") + hint, exc.exit_code)


# The parser's own messages (the click Typer vendors speaks English only), as the catalogue has them.
_PARSER_MESSAGES = [
    (pattern(r"No such command '(?P<name>.*)'\.(?: Did you mean (?P<matches>.*)\?)?$", re.S),
     N_("No such command '{name}'."), N_("Did you mean {matches}?")),
    (pattern(r"Got unexpected extra argument\(s\) \((?P<name>.*)\)$", re.S),
     N_("Got unexpected extra argument(s) ({name})"), None),
    (pattern(r"Option '(?P<name>.*)' requires an argument\.$", re.S), N_("Option '{name}' requires an argument."),
     None),
    (pattern(r"Option '(?P<name>.*)' requires (?P<count>\d+) arguments\.$", re.S),
     N_("Option '{name}' requires {count} arguments."), None),
    (pattern(r"Option '(?P<name>.*)' does not take a value\.$", re.S), N_("Option '{name}' does not take a value."),
     None),
    (pattern(r"Missing command\.$"), N_("Missing command."), None),
]


def _parser_message(exc: typer.TyperException) -> str:
    """What the parser says, in the reader's language; the names it quotes are kept as typed."""
    from typer._click.exceptions import BadParameter, MissingParameter, NoSuchOption

    if isinstance(exc, MissingParameter):
        hint = _hint(exc)
        kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
        missing = {"option": N_("Missing option {name}."), "argument": N_("Missing argument {name}.")}
        text = _(missing.get(kind, N_("Missing parameter {name}."))).format(name=hint)
        return f"{text} {_said(exc)}" if exc.message else text
    if isinstance(exc, BadParameter):
        hint = _hint(exc)
        if hint is None:
            return _("Invalid value: {reason}").format(reason=_said(exc))
        return _("Invalid value for {name}: {reason}").format(name=hint, reason=_said(exc))
    if isinstance(exc, NoSuchOption):
        text = _("No such option: {name}").format(name=exc.option_name)
        if exc.possibilities:
            text += " " + _("(Possible options: {names})").format(names=", ".join(sorted(exc.possibilities)))
        return text
    message = exc.format_message()
    for form, msgid, suggestion in _PARSER_MESSAGES:
        found = form.match(message)
        if found:
            values = {key: value for key, value in found.groupdict().items() if value is not None}
            text = _(msgid).format(**values)
            if suggestion and values.get("matches"):
                text = text.rstrip(".") + ". " + _(suggestion).format(**values)
            return text
    return _said(exc)


def _hint(exc) -> str | None:
    from typer._click.exceptions import _join_param_hints

    if exc.param_hint is not None:
        return _join_param_hints(exc.param_hint)
    if exc.param is not None:
        return _join_param_hints(exc.param.get_error_hint())
    return None


def _database_reason(exc: Exception) -> str:
    # The driver's message ("database is locked", "disk I/O error") names no personal data;
    # SQLAlchemy's own text would add the statement and its parameters, so it is not used; nor is
    # a server's DETAIL line, which may quote the values of a row.
    # SQLite's "Could not decode to UTF-8 column 'name' with text '...'" (a damaged value) quotes
    # the value: only the column is kept.
    driver = exc if type(exc).__module__ == "sqlite3" else getattr(exc, "orig", None)
    reason = str(driver or "").strip().splitlines()
    return _UNDECODABLE.sub(r"\1", reason[0]) if reason else type(exc).__name__


def _server_lost(exc: Exception) -> bool:
    """A connection to a server that failed or broke (psycopg's OperationalError): the server's matter."""
    return any(kind.__name__ == "OperationalError" and kind.__module__.startswith("psycopg")
               for kind in type(getattr(exc, "orig", None)).__mro__)


_UNDECODABLE = pattern(r"^(Could not decode to UTF-8 column '[^']*') with text .*", re.DOTALL)


app = typer.Typer(
    cls=HuurbegGroup,
    name="huurbeg",
    help="Case management for the tenancy-support service (Dienst huurbegeleiding): "
         "intake, deadlines, payment plans, hearings, dwellings and monthly figures.\n\n"
         "Run without a command for today's overview.",
    invoke_without_command=True,
    no_args_is_help=False,
    add_completion=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,  # plain help: rich's help formatter alone costs more than typer itself
)


def _flag_named(field: str) -> str | None:
    """A field a message refers to, named by the flag of the command that runs (huurbeg.cli.params.flag_named)."""
    from huurbeg.cli.params import flag_named

    return flag_named(field)


def _worker(text):
    """--worker of the overview, read as a command's (huurbeg.cli.params.parse_worker)."""
    from huurbeg.cli.params import parse_worker

    return parse_worker(text)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"huurbeg {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    ctx: typer.Context,
    db: Annotated[str | None, typer.Option(
        "--db", metavar="PATH|URL", show_default=False,
        help="Database file or SQLAlchemy URL. Default: $HUURBEG_DB, else "
             "~/.local/share/huurbeg/huurbeg.db (created on first use, mode 0600).")] = None,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
    worker: Annotated[str | None, typer.Option(
        "--worker", parser=_worker, metavar="WORKER",
        help="The overview of this worker's cases (a command takes its own --worker).")] = None,
    mine: Annotated[bool, typer.Option("--mine", help="The overview of my cases only.")] = False,
    no_pager: Annotated[bool, typer.Option(
        "--no-pager", help="Print long lists straight to the terminal instead of through $PAGER (less).")] = False,
) -> None:
    """Today's overview: what is urgent, and the hearings of the next seven days."""
    from huurbeg.output import render

    app_state = state(ctx)
    app_state.db_option = db
    render.hold_output()  # what the command says it did is shown once that is committed
    app_state.output_held = True
    render.PAGING["allowed"] = not no_pager
    if ctx.invoked_subcommand is None:
        command_module("deadlines").overview(ctx, worker, mine)
    elif worker is not None or mine:
        raise typer.BadParameter(_("put it after the command: huurbeg {command} ... {option}").format(
            command=ctx.invoked_subcommand, option="--mine" if mine else f"--worker {worker}"),
            param_hint="'--mine'" if mine else "'--worker'")



COLLECT_AFTER = 100_000
"""New objects between two looks for garbage in cycles (Python's default: 700)."""


def main() -> None:
    """Console-script entry point.

    A command is one short process: what its imports made lives until it ends, and the rows a list reads are freed
    as they go (they hold no cycles). Python looks for cycles after every 700 new objects, and now and then through
    every object made so far: a tenth of the time of a list of 2,000 cases. The objects made until now are left
    out of those looks, and they come after COLLECT_AFTER new objects."""
    gc.freeze()
    gc.set_threshold(COLLECT_AFTER, 20, 20)
    app()
