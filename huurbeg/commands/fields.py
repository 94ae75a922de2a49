"""The options of the fields huurbeg.domain.entities describes, made from the description: a field described
there is a flag of the commands that take its entity, with no line of theirs to add.

Typer reads a command's parameters from its signature (`inspect.signature`), so a command names
where the fields go and receives their values in its `**given`, by their `case edit` key.
"""

import inspect
import operator
import types
from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any

import typer

from huurbeg.domain.entities import Field
from huurbeg.cli.params import (code_option, parse_birth_date, parse_clearable_text, parse_count, parse_money,
                                parse_national_number, parse_required_text)

KINDS: dict[str, tuple[type, Callable[[str], Any] | None, str | None]] = {
    "text": (str, None, None),
    "phone": (str, None, None),
    "date": (date, parse_birth_date, "DATE"),  # a household's date is a birth date or like one: typed with its year
    "national-number": (str, parse_national_number, "NUMBER"),
    "count": (int, parse_count, "N"),
    "money": (int, parse_money, "EUR"),  # integer cents
}
"""What the option of a field of each kind takes: its type, its parser (None: the text as typed), its placeholder;
a field of kind code takes one of its codes, of kind codes one at each repetition of its flag."""


def option(field: Field) -> object:
    """The annotation of a field's option: its type, and the typer.Option that reads it."""
    if field.kind in ("code", "codes") and field.codes is not None:
        one = code_option(field.codes, field.one or field.label, field.help, field.option or "")
        if field.kind == "code":
            return _optional(field.codes, one)
        return _optional(types.GenericAlias(list, (field.codes,)), one)
    kind, parse, metavar = KINDS[field.kind]
    if field.clearable:
        parse = parse_clearable_text
    return _optional(kind, typer.Option(field.option, parser=parse_required_text if field.required else parse,
                                        metavar=field.metavar or metavar, help=field.help))


def _optional(kind: type | types.GenericAlias, read: object) -> object:
    """`Annotated[kind | None, read]`, made when the command is: the kind is the field's, known only then."""
    return operator.getitem(Annotated, (kind | None, read))


Command = Callable[..., Any]


def with_options(fields: Iterable[Field], after: str,
                 made: Callable[[Field], object] = option) -> Callable[[Command], Command]:
    """Give a command an option for each of `fields`, after its parameter `after` (their order in --help); the
    command receives them in its `**given`, by their `case edit` key (None: not given)."""
    def decorate(command: Command) -> Command:
        signature = inspect.signature(command)
        kept = [p for p in signature.parameters.values() if p.kind != p.VAR_KEYWORD]
        at = [p.name for p in kept].index(after) + 1
        added = [inspect.Parameter(f.edit or f.column, inspect.Parameter.POSITIONAL_OR_KEYWORD, default=None,
                                   annotation=made(f)) for f in fields]
        setattr(command, "__signature__", signature.replace(parameters=kept[:at] + added + kept[at:]))
        return command
    return decorate
