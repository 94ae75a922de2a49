"""Command groups with one main action: `huurbeg visit 2026-0042` = `huurbeg visit add 2026-0042`."""

from typer.core import TyperGroup


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


def _plain_runtime(descriptor):
    from typing import get_args

    from typer._coercion import RuntimeParam

    annotation = descriptor.annotation
    if descriptor.is_file or descriptor.is_tuple:
        return None
    is_list = descriptor.is_list
    leaf = _leaf(get_args(annotation)[0] if is_list else annotation, descriptor.parameter_info.parser)
    if leaf is None:
        return None

    class PlainParam(RuntimeParam):
        def _coerce_value(self, value, param, ctx):
            if is_list:
                return [leaf(item) for item in (value if isinstance(value, (list, tuple)) else [value])]
            return leaf(value)

    return PlainParam(parameter_info=descriptor.parameter_info, annotation=annotation)


def spare_pydantic(command) -> None:
    """Give every parameter of `command` and its subcommands a pydantic-free coercion where one fits."""
    from typer._click.core import Context

    help_option = command.get_help_option(Context(command))  # made once and kept by the command
    for param in [*command.params, *([help_option] if help_option is not None else [])]:
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and getattr(param, "_runtime_param", False) is None:
            param._runtime_param = _plain_runtime(descriptor)
    for sub in getattr(command, "commands", {}).values():
        spare_pydantic(sub)
