"""Amounts of money: euros typed in either notation, kept as integer cents.

An amount has at most two decimals, so a dot followed by exactly three digits groups
thousands: `1.700` is seventeen hundred euros, as `fmt` prints it (`€ 1.700,00`), and
`1.70` is one euro seventy. Also accepted: `1.700,50`, `1700,5`, `1 700`, `€ 1.700`,
`1.700,-` (no cents), `1700.50`, `1,234.56`. A comma is the Belgian decimal mark, so a lone
comma followed by three digits (`1,700`: 1700 in English, nothing in Belgian) is refused
rather than guessed.
"""

import re
from huurbeg.core.patterns import pattern
from huurbeg.core.i18n import N_, _

ACCEPTED = N_("euros such as 1700, 1.700, 1.700,50, 1700,50, 1 700 or 1700.50")
MAX_CENTS = 100_000_000_00  # 100 million euro: above that it is a typo, not arrears


class Cents(int):
    """An amount of money in cents: shown as euros."""

_AMOUNT = pattern(
    r"(?P<whole>\d+|\d{1,3}(?:(?P<group>[., ])\d{3})+)"
    r"(?:(?P<mark>[.,])(?P<fraction>\d{1,2}))?",
    re.ASCII,
)
_CURRENCY = pattern(r"^(?:€|eur)\s*|\s*(?:€|eur)$", re.IGNORECASE)
_SPACES = pattern(r"[\s\u00a0\u202f]+")
"""A space between thousands may be typed, or pasted from a document as a (narrow) no-break space."""
_NO_CENTS = pattern(r"(?<=\d)[,.]-{1,2}$")
"""€ 50,- is how a Belgian price says it has no cents."""


def parse_money(text: str) -> int:
    """Cents from a typed euro amount; never negative."""
    value = _SPACES.sub(" ", text.strip())
    value = _CURRENCY.sub("", value.removeprefix("-").strip()).strip()
    value = _NO_CENTS.sub("", value)
    if text.strip().startswith("-") or value.startswith("-"):
        raise ValueError(_("must not be negative"))
    match = _AMOUNT.fullmatch(value.removeprefix("+"))
    if not match or (match["group"] and match["group"] == match["mark"]):
        raise ValueError(_("not an amount; use {accepted}").format(accepted=_(ACCEPTED)))
    group = match["group"]
    if group == "," and not match["mark"] and match["whole"].count(group) == 1:
        raise ValueError(_("is ambiguous; write it as 1234 or 1234,00 ({accepted})").format(accepted=_(ACCEPTED)))
    whole = int(match["whole"].replace(group or "", ""))
    cents = whole * 100 + int((match["fraction"] or "0").ljust(2, "0"))
    if cents > MAX_CENTS:
        raise ValueError(_("is too large"))
    return cents


def euros(cents: int | None) -> float | None:
    """Euros as a number for json (cents precision)."""
    return None if cents is None else round(cents / 100, 2)


def fmt(cents: int | None) -> str:
    """Belgian notation for screens: € 1.234,56."""
    if cents is None:
        return ""
    whole, rest = divmod(abs(cents), 100)
    sign = "-" if cents < 0 else ""
    return f"{sign}€ {whole:,}".replace(",", ".") + f",{rest:02d}"
