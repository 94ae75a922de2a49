"""The language a person reads: Dutch (nl, as the service writes it) or English (en).

`HUURBEG_LANG=nl` or `en` decides; without it the locale does, as gettext reads it
(`LC_ALL`, then `LC_MESSAGES`, then `LANG`): one starting with `nl` (`nl_BE.UTF-8`) gives
Dutch, anything else English. The texts are gettext catalogues in huurbeg/locale
(`nl/LC_MESSAGES/huurbeg.po`, compiled to `.mo` with Babel and installed with the
package). Codes stay codes: json and csv keys and values never change with the language.

Mark a text where it is written: `_("Case {number} is closed").format(number=...)` with
named placeholders, `ngettext` for counts, never a sentence assembled from pieces.
"""

import gettext
import os
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path

DOMAIN = "huurbeg"
LOCALE_DIR = Path(__file__).with_name("locale")
LANGUAGES = ("en", "nl")


_spoken: ContextVar[str | None] = ContextVar("huurbeg_language", default=None)
"""A language set for a stretch of code (`speaking`): the English text of a message kept as data."""


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Translate into `lang` within the block, whatever the environment says."""
    token = _spoken.set(lang)
    try:
        yield
    finally:
        _spoken.reset(token)


def language() -> str:
    """'nl' or 'en', read at each call: one process may serve several invocations (tests)."""
    if spoken := _spoken.get():
        return spoken
    chosen = os.environ.get("HUURBEG_LANG", "").strip().lower()
    if chosen:
        return "nl" if chosen.startswith("nl") else "en"
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "").strip()
        if value:
            return "nl" if value.lower().startswith("nl") else "en"
    return "en"


@cache
def catalogue(lang: str) -> gettext.NullTranslations:
    """The compiled catalogue of `lang`; English is the text in the code itself."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[lang], fallback=True)


def _(message: str) -> str:
    """`message` in the reader's language."""
    return catalogue(language()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form for `n`, in the reader's language."""
    return catalogue(language()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different Dutch ones (a column, a verb)."""
    return catalogue(language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a text for the catalogue where it is defined (a constant); translate it where shown."""
    return message


def Nn_(singular: str, plural: str) -> tuple[str, str]:
    """Marks a text with a count (its singular and plural) for the catalogue; for a Msg with `count=`."""
    return singular, plural


class Msg(str):
    """A message that is data as well as text: its value is the English text (json, csv, the
    history), while on screen `shown()` gives it in the reader's language.

    Write it as `Msg(N_("agreement {id} is past its due date"), id=...)`; a placeholder's value
    is shown as huurbeg.render shows values (a code as its label, a date as dd/mm/yyyy). A text
    with a count is `Msg(Nn_("in {days} day", "in {days} days"), count=days, days=days)`: the
    form is the language's own for that count.
    """

    msgid: str | tuple[str, str]
    params: dict
    count: int | None

    def __new__(cls, msgid: str | tuple[str, str], /, count: int | None = None, **params) -> "Msg":
        with speaking("en"):
            english = _filled(msgid, params, count)
        made = super().__new__(cls, english)
        made.msgid, made.params, made.count = msgid, params, count
        return made

    def shown(self) -> str:
        return _filled(self.msgid, self.params, self.count)

    def __format__(self, spec: str) -> str:
        """In an f-string it is text for a person: in the reader's language."""
        return format(self.shown(), spec)


def shown(text: str) -> str:
    """A text in the reader's language: a Msg translated, any other text as it is."""
    return text.shown() if isinstance(text, Msg) else text


def _filled(msgid: str | tuple[str, str], params: dict, count: int | None = None) -> str:
    from huurbeg.render import text_value

    text = ngettext(*msgid, abs(count)) if isinstance(msgid, tuple) else _(msgid)
    return text.format(**{key: text_value(value) for key, value in params.items()})
