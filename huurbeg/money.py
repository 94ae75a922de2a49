"""Amounts of money: euros typed in either notation, kept as integer cents.

Both `1.234,56` (Belgian) and `1234.56` parse, as do `1,234.56` and `1234`.
A lone separator followed by exactly three digits (`1.234`) could be a thousands
separator or a decimal one, so it is refused instead of guessed.
"""

import re
from huurbeg.i18n import N_, _

ACCEPTED = N_("euros such as 1234,56 or 1.234,56 or 1234.56")
MAX_CENTS = 100_000_000_00  # 100 million euro: above that it is a typo, not arrears

_AMOUNT = re.compile(
    r"(?P<whole>\d+|\d{1,3}(?:(?P<group>[.,])\d{3})+)"
    r"(?:(?P<mark>[.,])(?P<fraction>\d{1,2}))?",
    re.ASCII,
)


def parse_money(text: str) -> int:
    """Cents from a typed euro amount; never negative."""
    value = re.sub(r"[\s€]|EUR", "", text.strip(), flags=re.IGNORECASE)
    if value.startswith("-"):
        raise ValueError(_("must not be negative"))
    match = _AMOUNT.fullmatch(value.removeprefix("+"))
    if not match or (match["group"] and match["group"] == match["mark"]):
        raise ValueError(_("not an amount; use {accepted}").format(accepted=_(ACCEPTED)))
    group = match["group"]
    if group and not match["mark"] and match["whole"].count(group) == 1:
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
