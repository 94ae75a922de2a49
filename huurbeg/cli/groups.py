"""Command groups with one main action: `huurbeg visit 2026-0042` = `huurbeg visit add 2026-0042`;
the root's commands loaded when they are called (Click's lazy group)."""

import copy
from collections.abc import Callable, MutableMapping

import typer
from typer.core import TyperCommand, TyperGroup
from typer._coercion import RuntimeParam
from typer.main import get_command_from_info, get_command_name, get_group_from_info
from typer.models import CommandInfo


class DefaultCommandGroup(TyperGroup):
    """Runs `default_command` when the first word is not one of the group's subcommands."""

    default_command: str = ""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def with_default(command: str) -> type[DefaultCommandGroup]:
    """A group class whose main action is `command`."""
    return type(f"Default{command.title()}Group", (DefaultCommandGroup,), {"default_command": command})


# --- commands built on first use ------------------------------------------------------------------
# Building a command's click command costs more than importing typer (signatures, annotations, one
# parameter at a time), and `huurbeg --help` needs none of it: the root knows its commands by name
# from a table, and a group its commands by the names they were registered under; a command is
# built when it runs or shows its own help, and `huurbeg case show --help` builds `case` and `show`.

class LazyCommands(MutableMapping):
    """A group's commands by name: the names known up front, each command built on first lookup.

    Iterating gives the names and builds nothing; looking one up (`[name]`, `get`, `values`, `items`)
    builds it with `build(name)`. `summary(name)`, where given, is its one-line help without building it."""

    def __init__(self, names, build: Callable, summary: Callable[[str], str] | None = None):
        self.names = list(names)
        self.loaded: dict = {}
        self.summary = summary
        self._build = build

    def __getitem__(self, name):
        if name not in self.loaded and name in self.names:
            self.loaded[name] = self._build(name)
        return self.loaded[name]

    def __setitem__(self, name, command):
        if name not in self.names:
            self.names.append(name)
        self.loaded[name] = command

    def __delitem__(self, name):
        self.names.remove(name)
        self.loaded.pop(name, None)

    def __iter__(self):
        return iter(self.names)

    def __len__(self):
        return len(self.names)

    def __contains__(self, name):
        return name in self.names


def loaded(group) -> dict:
    """The commands of `group` built so far (all of them, for a group that is not lazy)."""
    commands = getattr(group, "commands", {})
    return getattr(commands, "loaded", commands)


def shown(group, name: str):
    """Command `name` as a list of commands shows it: one not yet built whose group knows its one-line
    help is a stand-in with that help, so that listing the root builds nothing."""
    commands = group.commands
    summary = getattr(commands, "summary", None)
    if summary is None or name in loaded(group):
        return commands[name]
    return TyperCommand(name, short_help=summary(name))


def _command_name(info: CommandInfo) -> str:
    """A registered command's name: its own, or its function's as Typer makes it."""
    if info.name:
        return info.name
    if info.callback is None:
        raise TypeError("a command registered without a name or a function")
    return get_command_name(info.callback.__name__)


def registered(app: typer.Typer) -> list[str]:
    """The names of the commands and groups registered on `app`, in the order Typer lists them (a group added
    without a name lends its commands to `app` and has none of its own)."""
    return [*(_command_name(info) for info in app.registered_commands),
            *(info.name for info in app.registered_groups if info.name)]


def build(app: typer.Typer, name: str, path: tuple[str, ...], prepare: Callable, **settings):
    """The click command `name` registered on `app`, a group with its commands built on first use;
    `prepare(command, path)` finishes each as it is built. `settings` are Typer's for the tree."""
    for info in app.registered_commands:
        if _command_name(info) == name:
            command = get_command_from_info(info, pretty_exceptions_short=settings["pretty_exceptions_short"],
                                            rich_markup_mode=settings["rich_markup_mode"])
            break
    else:
        [group] = [group for group in app.registered_groups if group.name == name]
        sub = group.typer_instance
        if sub is None:
            raise TypeError(f"the group {name} was registered without its Typer")
        bare, bare_info = copy.copy(sub), copy.copy(group)
        bare.registered_commands, bare.registered_groups, bare_info.typer_instance = [], [], bare
        command = get_group_from_info(bare_info, **settings)
        command.commands = LazyCommands(
            registered(sub), lambda sub_name: build(sub, sub_name, (*path, sub_name), prepare, **settings))
    prepare(command, path)
    return command


# --- parameter coercion without pydantic --------------------------------------------------------
# Typer 0.29 coerces every parameter through a pydantic TypeAdapter built on first use, which
# imports pydantic (about 90 ms) on every dispatch, `--help` included. huurbeg's parameters are
# strings, paths, flags and values with a parser of their own (dates, money, codes: huurbeg.cli.params);
# none needs pydantic. Before dispatch each such parameter gets a plain coercion in Typer's own lazy
# slot (`_runtime_param`); any other kind keeps Typer's. The slot is Typer-internal, which is why
# pyproject.toml keeps typer below 0.30.

def _leaf(annotation, parser):
    from pathlib import Path

    if parser is not None:
        return parser
    if annotation is str:
        return lambda value: value if isinstance(value, str) else str(value)
    if annotation is Path:
        return lambda value: value if isinstance(value, Path) else Path(value)
    if annotation is bool:
        return lambda value: value
    return None


class _PlainParam(RuntimeParam):
    """A parameter's coercion by its own leaf (a parser, str, Path, a flag), over each item of a list; one
    class for all of them (a class per parameter costs more than the parameter)."""

    def _coerce_value(self, value, param, ctx):
        leaf = self.leaf
        if self.is_list:
            return [leaf(item) for item in (value if isinstance(value, (list, tuple)) else [value])]
        return leaf(value)


def _plain_runtime(descriptor):
    from typing import get_args

    annotation = descriptor.annotation
    if descriptor.is_file or descriptor.is_tuple:
        return None
    is_list = descriptor.is_list
    leaf = _leaf(get_args(annotation)[0] if is_list else annotation, descriptor.parameter_info.parser)
    if leaf is None:
        return None
    plain = _PlainParam(parameter_info=descriptor.parameter_info, annotation=annotation)
    object.__setattr__(plain, "leaf", leaf)  # RuntimeParam is a frozen dataclass
    object.__setattr__(plain, "is_list", is_list)
    return plain


def spare_pydantic(command) -> None:
    """Give every parameter of `command` and its subcommands a pydantic-free coercion where one fits."""
    from typer._click.core import Context

    help_option = command.get_help_option(Context(command))  # made once and kept by the command
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _plain_runtime(descriptor)
    for sub in loaded(command).values():
        spare_pydantic(sub)
