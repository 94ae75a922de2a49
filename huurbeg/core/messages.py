"""Messages and values as a person reads them: in the reader's language, stored text made safe.

A message (Msg) is data and text at once: English in json, csv and the history, the reader's
language on screen. A value (a code, a date, an amount, a message) becomes text through
`text_value`, and any text that came from a person or a file goes to a screen through `plain`.
"""

from datetime import date, datetime
from enum import Enum, StrEnum

from huurbeg.core import codes, dates, money
from huurbeg.core.errors import FIELD, fields_named
from huurbeg.core.i18n import N_, _, language, ngettext, speaking
from huurbeg.core.money import Cents


class Msg(str):
    """A message that is data as well as text: its value is the English text (json, csv, the
    history), while on screen `shown()` gives it in the reader's language.

    Write it as `Msg(N_("agreement {id} ({party}) overdue"), id=..., party=...)`; a placeholder's value
    is shown as `text_value` shows values (a code as its label, a date as dd/mm/yyyy). A text
    with a count is `Msg(Nn_("in {days} day", "in {days} days"), count=days, days=days)`: the
    form is the language's own for that count. A field it refers to is `{field:NAME}`, named as
    huurbeg.core.errors.named names it where it is shown (its English value where it is made: "--db" on the
    command line).
    """

    msgid: str | tuple[str, str]
    params: dict[str, object]
    count: int | None  # type: ignore[assignment]  # str.count is shadowed: a message is no text to search

    def __new__(cls, msgid: str | tuple[str, str], /, count: int | None = None, **params: object) -> "Msg":
        english = _english(msgid, params, count)
        if english is None:
            with speaking("en"):
                english = _filled(msgid, params, count)
        made = super().__new__(cls, english)
        made.msgid, made.params, made.count = msgid, params, count
        return made

    def shown(self) -> str:
        if language() == "en":  # the value is the English text already
            return str.__str__(self)
        return _filled(self.msgid, self.params, self.count)

    def __format__(self, spec: str) -> str:
        """In an f-string it is text for a person: in the reader's language."""
        return format(self.shown(), spec)


def shown(text: str) -> str:
    """A text in the reader's language: a Msg translated, any other text as it is."""
    return text.shown() if isinstance(text, Msg) else text


_AS_TYPED = frozenset({str, int})
"""Values that read the same in every language (text_value gives str(value)): a message made of them alone has
its English text without asking the English catalogue, which gives every text as it is written."""


def _english(msgid: str | tuple[str, str], params: dict[str, object], count: int | None = None) -> str | None:
    """What `_filled` gives in English for a rule's message, of `params` of _AS_TYPED and referring to no field: the
    text as written (the plural unless the count is one, as gettext has it without a catalogue). None for any
    other message: a field's words and a code's label are the English catalogue's to give."""
    text = msgid if isinstance(msgid, str) else msgid[0] if abs(count or 0) == 1 else msgid[1]
    if "{field:" in text or not all(type(value) in _AS_TYPED for value in params.values()):
        return None
    english = text.format(field=FIELD, **{key: str(value) for key, value in params.items()})
    return None if "{field:" in english else english


def _filled(msgid: str | tuple[str, str], params: dict[str, object], count: int | None = None) -> str:
    text = ngettext(*msgid, abs(count or 0)) if isinstance(msgid, tuple) else _(msgid)
    return fields_named(text.format(field=FIELD, **{key: text_value(value) for key, value in params.items()}))


# --- the one door for stored text -------------------------------------------------------------
# A name, address, note or anything else a person or a file gave is data: it is shown as the
# characters it holds, never read as Rich markup, and never passed to the terminal as a control
# character. C0 controls and DEL show as their Unicode "control picture" (ESC as ␛, BEL as ␇),
# C1 controls and the bidirectional overrides as U+FFFD: the screen shows that something odd is
# stored, and the terminal is never told to clear, retitle, link or reorder anything.

PLACEHOLDER = "\ufffd"
_BIDI = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_SHOWN = {c: chr(0x2400 + c) for c in range(0x20)} | {0x7f: "\u2421"} \
    | {c: PLACEHOLDER for c in range(0x80, 0xa0)} | {ord(c): PLACEHOLDER for c in _BIDI}
_LINES = _SHOWN | {ord("\n"): "\n"}


def plain(value: object, *, lines: bool = False) -> str:
    """`value` as text that is safe to write to a terminal: controls shown as placeholders.

    With `lines`, line breaks stay (a note of several lines in a table cell); otherwise a line
    break shows as ␊, so a message or an error stays one line.
    """
    text = text_value(value).replace("\r\n", "\n")
    return text.translate(_LINES if lines else _SHOWN)


def text_value(value: object) -> str:
    """A value as a person reads it, in the reader's language: a code as its label, a message
    translated, a decimal number with a decimal comma to a Dutch reader."""
    if value is None:
        return ""
    if isinstance(value, Msg):
        return value.shown()
    if isinstance(value, Cents):
        return money.fmt(value)
    if isinstance(value, (date, datetime)):
        return dates.fmt(value)
    if isinstance(value, Enum):
        return codes.shown(value) if isinstance(value, StrEnum) else str(value.value)
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, float):
        return number(value)
    if isinstance(value, (list, tuple)):
        return ", ".join(text_value(v) for v in value)
    return str(value)


def number(value: float | int) -> str:
    """A number on screen: `53.8` to an English reader, `53,8` to a Dutch one."""
    text = str(value)
    return text.replace(".", ",") if language() == "nl" else text


STATES = {"on-track": N_("on track"), "behind": N_("behind"), "broken": N_("broken"), "completed": N_("completed"),
          "caught-up": N_("caught up after delays"), "replaced": N_("replaced"), "active": N_("active"),
          "paid": N_("paid"), "late": N_("late"), "missed": N_("missed"), "due": N_("due"), "partial": N_("partial"), "open": N_("open"),
          "kept": N_("kept"), "kept late": N_("kept late"), "not kept": N_("not kept"), "pending": N_("pending")}
"""Words for the state a plan, an instalment or an agreement is in; json and csv keep the slug."""


def state_word(slug: str) -> str:
    """A state (on-track, missed, kept late, ...) as a Dutch reader reads it; English keeps the slug."""
    return _(STATES[slug]) if slug in STATES and language() == "nl" else slug
