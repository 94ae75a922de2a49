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
from contextvars import ContextVar
from functools import cache
from pathlib import Path

import huurbeg

DOMAIN = "huurbeg"
LOCALE_DIR = Path(huurbeg.__file__).with_name("locale")  # the package's, wherever this module lies in it
LANGUAGES = ("en", "nl")


_spoken: ContextVar[str | None] = ContextVar("huurbeg_language", default=None)
"""A language set for a stretch of code (`speaking`): the English text of a message kept as data."""


class speaking:  # noqa: N801  (used as a function: `with speaking("en"):`)
    """Translate into `lang` within the block, whatever the environment says (a class, not a generator: each
    message made sets it, thousands in a list)."""

    __slots__ = ("lang", "token")

    def __init__(self, lang: str):
        self.lang = lang

    def __enter__(self) -> None:
        self.token = _spoken.set(self.lang)

    def __exit__(self, *exc: object) -> None:
        _spoken.reset(self.token)


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
