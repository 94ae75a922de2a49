"""Errors a user can cause, each with its own exit code.

They are raised anywhere below the commands and turned into one line on stderr
in exactly one place (`huurbeg.cli.root.HuurbegGroup.main`), which names the field an error is about by
the flag of the command that ran; below the command line an error names it in the reader's words, and any other
field it refers to as `{field:NAME}` (FIELD), which the command line names by its flag too. Messages must never
carry personal data (names, addresses, national numbers): cron mails stderr.
"""

import re
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar

from huurbeg.core.i18n import N_, _


def said(message: object) -> str:
    """A message in the reader's language: one kept as data (its English is its value) says itself
    through its `shown()`; any other text is shown as it is, the fields it refers to named (`fields_named`)."""
    shown = getattr(message, "shown", None)
    return _named(shown() if callable(shown) else fields_named(str(message)))


class _Reference:
    """What keeps a message's `{field:NAME}` when the message is formatted (`FIELD`)."""

    def __format__(self, spec: str) -> str:
        return "{field:" + spec + "}"


FIELD = _Reference()
"""A message below the command line refers to a field other than its own as `{field:NAME}` ("give
{field:worker} or {field:mine}, not both"), never by a flag; formatted, it is given `field=FIELD`
(`.format(number=number, field=FIELD)`, a Msg needs none), which keeps the reference for where the
message is shown: the command line names the field by its flag, a prompt and any other reader by its
words (`named`)."""


def reference(field: str) -> str:
    """`{field:NAME}`, for a message that lists fields ("required (missing: {join})")."""
    return format(FIELD, field)


NAMING: ContextVar[Callable[[str], str | None] | None] = ContextVar("huurbeg_naming", default=None)
"""How a field a message refers to is named where it is shown: while a command runs, the command
line's way (huurbeg.cli: the flag of the command that ran, `--db or HUURBEG_DB` for the database);
unset, or in a question (`in_words`), by the reader's words."""

_REFERENCE = re.compile(r"\{field:([a-z_/]+)\}")


def named(field: str) -> str:
    """A field a message refers to as it is named here: by NAMING, else in the reader's words."""
    naming = NAMING.get()
    return (naming(field) if naming is not None else None) or field_name(field)


def fields_named(text: str) -> str:
    """`text` with each `{field:NAME}` it holds named (`named`)."""
    return _REFERENCE.sub(lambda found: named(found.group(1)), text) if "{field:" in text else text


@contextmanager
def naming(how: Callable[[str], str | None] | None) -> Iterator[None]:
    """The fields messages refer to named `how` while in it (NAMING): the command line's flags, the columns
    of a spreadsheet (None from `how` is the reader's words)."""
    token = NAMING.set(how)
    try:
        yield
    finally:
        NAMING.reset(token)


def in_words() -> AbstractContextManager[None]:
    """Fields named in the reader's words while in it, as under a question, which no flag was typed for."""
    return naming(None)


VALUE_NAMES = ("CASE", "OTHER", "TEXT", "NAME", "FILE", "PATH", "DATE", "WORKER", "NUMBER", "DAYS")
"""Names of command-line values a message may start with ('TEXT: say what was agreed'); the help
names them in the reader's language (TEKST), so the message does too."""


def _named(text: str) -> str:
    name, colon, rest = text.partition(": ")
    if not colon or name not in VALUE_NAMES:
        return text

    return f"{_(name)}: {rest}"


def reason(exc: BaseException) -> str:
    """What an exception says, in the reader's language."""
    return said(exc.args[0]) if exc.args and isinstance(exc.args[0], str) else str(exc)


FIELDS: dict[str, str] = {
    "adults": N_("adults"), "advance": N_("advance"), "amount": N_("amount"), "arrears": N_("arrears"),
    "day": N_("day of the month"), "review": N_("review date"), "announced": N_("announcement date"),
    "birth_date": N_("birth date"), "children": N_("children"), "closed_before": N_("closed before"),
    "correct": N_("correction"), "court": N_("court"), "date": N_("date"), "done": N_("date done"),
    "due": N_("due date"), "dwelling": N_("dwelling"), "eviction_date": N_("eviction date"),
    "force": N_("confirmation"), "from": N_("previous worker"), "instalment": N_("instalment"),
    "into": N_("new name of the court"), "kind": N_("kind"), "landlord": N_("landlord"),
    "landlord_type": N_("landlord type"), "lang": N_("language"), "merge": N_("court to merge"),
    "mine": N_("my cases"), "minutes": N_("minutes"), "national_number": N_("national register number"),
    "new_date": N_("new date"), "next": N_("next contact"),
    "not_reported_by_landlord": N_("not reported by the landlord"),
    "output": N_("output file"), "petition_date": N_("petition date"), "place": N_("place"), "reason": N_("reason"),
    "reported_by_landlord": N_("reported by the landlord"), "result": N_("result given"),
    "signed": N_("signing date"), "template": N_("template"), "tenant": N_("tenant"),
    "tenant_informed": N_("tenant informed"), "term_days": N_("term in days"), "text": N_("text"),
    "resume": N_("resume"), "time": N_("time"), "to": N_("to"), "until": N_("planned end"), "worker": N_("worker"),
    "new_court": N_("new court"), "new_landlord": N_("new landlord"), "allow_duplicate": N_("second case"),
    "database": N_("the database setting"), "db": N_("the database setting"), "huurbeg_db": N_("the database setting"),
}
"""The reader's words for a field an error is about, by its name (`new_date`: "new date"); a field
missing here is named by its name with spaces."""


def field_name(field: str) -> str:
    """A field in the reader's words: `new_date` is "new date", to a Dutch reader "nieuwe datum";
    `until/review`, one of two fields, is "planned end/review"."""
    return "/".join(_(FIELDS.get(one, one.replace("_", " "))) for one in field.split("/"))


def stated(exc: BaseException, name_of: Callable[[str], str] = field_name) -> str:
    """What an error kept as data says in its one line: the field it is about, named `name_of` (the reader's words,
    or the command line's flag), before its detail in the reader's language."""
    field = getattr(exc, "field", None)
    text = said(getattr(exc, "detail"))
    return f"{name_of(field)}: {text}" if field else text


class HuurbegError(Exception):
    """Base of every expected failure; the message is shown as it is.

    One about a field the reader gave says which (`field="new_date"`) and what is wrong with it
    (the message): it reads "new date: ..." wherever it is shown, and on the command line the
    field is named by the flag of the command that ran ("--new-date: ..."; huurbeg.cli.params).
    Another field it refers to is `{field:NAME}` in it (`FIELD`). What the command line may add, a
    command to copy ("create one with 'huurbeg plan 2026-0042 --arrears EUR ...'"), is the `hint` of
    that name in huurbeg.cli.hints, about case `number`: the message says what is wrong without it.
    """

    exit_code = 1
    field: str | None
    detail: str
    hint: str | None
    number: str | None

    def __init__(self, *args: object, field: str | None = None, hint: str | None = None, number: str | None = None):
        super().__init__(*_about(self, args, field))
        self.hint, self.number = hint, number

    @classmethod
    def of(cls, exc: Exception) -> "HuurbegError":
        """`exc` (a Refused, a ValueError) as this error: the same field, message and hint."""
        return cls(getattr(exc, "detail", exc.args[0] if exc.args else str(exc)), field=getattr(exc, "field", None),
                   hint=getattr(exc, "hint", None), number=getattr(exc, "number", None))


def _about(error: "HuurbegError | Refused", args: tuple[object, ...], field: str | None) -> tuple[object, ...]:
    """The error's field and message kept (its references to other fields too), and its arguments as
    they read here: "field: message", the fields it refers to named."""
    error.field, error.detail = field, (args[0] if isinstance(args[0], str) else str(args[0])) if args else ""
    if field is not None and args:
        return (f"{field_name(field)}: {said(args[0])}", *args[1:])
    if args and type(args[0]) is str and "{field:" in args[0]:
        return (fields_named(args[0]), *args[1:])
    return args


class Refused(ValueError):
    """A value a rule without storage refuses (a plan's schedule, the fund's terms), about a field as
    a HuurbegError is; its caller raises it as the error its command means (`InvalidInput.of(exc)`)."""

    field: str | None
    detail: str
    hint: str | None
    number: str | None

    def __init__(self, *args: object, field: str | None = None, hint: str | None = None, number: str | None = None):
        super().__init__(*_about(self, args, field))
        self.hint, self.number = hint, number


class InvalidInput(HuurbegError):
    """A value that does not parse or is out of range (names the field and what is accepted)."""

    exit_code = 2


class MissingValue(InvalidInput):
    """A required value was not given and no prompt could ask for it."""


class NotFound(HuurbegError):
    """An unknown case number, landlord or dwelling."""

    exit_code = 3


class RuleViolation(HuurbegError):
    """The input is well-formed but a rule of the service forbids it."""

    exit_code = 4


class DatabaseProblem(HuurbegError):
    """The database cannot be used: not huurbeg's, from a newer version, unreadable."""

    exit_code = 5


class Cancelled(HuurbegError):
    """The worker stopped an interactive command; nothing was written."""

    exit_code = 130
