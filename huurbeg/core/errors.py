"""Errors a user can cause, each with its own exit code.

They are raised anywhere below the commands and turned into one line on stderr
in exactly one place (`huurbeg.cli.root.HuurbegGroup.main`). Messages must never
carry personal data (names, addresses, national numbers): cron mails stderr.
"""

from huurbeg.core.i18n import _


def said(message: object) -> str:
    """A message in the reader's language: one kept as data (its English is its value) says itself
    through its `shown()`; any other text is shown as it is."""
    shown = getattr(message, "shown", None)
    return _named(shown() if callable(shown) else str(message))


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


class HuurbegError(Exception):
    """Base of every expected failure; the message is shown as it is."""

    exit_code = 1


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
