"""The Belgian national register number (rijksregisternummer, INSZ) and the bis number.

Eleven digits YYMMDD SSS CC: birth date, a serial number, and a check number
equal to 97 minus the first nine digits modulo 97 (with a 2 in front for people
born in 2000 or later). Validation is python-stdnum's `be.nn` and `be.bis`: the
birth-date part must be a real date, or an unknown one as the standard allows
(month or day 00); a bis number has its month raised by 20 or 40.

Error messages never repeat the number: it is personal data.
"""

import re
from datetime import date
from huurbeg.core.i18n import N_, _

ACCEPTED = N_("11 digits with a valid check number and birth date, e.g. 85.07.30-033.28")


def normalise(text: str) -> str:
    """The 11 digits of a typed national register or bis number, or ValueError."""
    from stdnum.be import bis, nn  # heavy
    from stdnum.exceptions import InvalidChecksum, ValidationError  # heavy

    digits = re.sub(r"[\s.\-/]", "", text)
    if not re.fullmatch(r"\d{11}", digits, re.ASCII):
        raise ValueError(_("not a national register number; use {accepted}").format(accepted=_(ACCEPTED)))
    errors = []
    for standard in (nn, bis):
        try:
            return str(standard.validate(digits))
        except ValidationError as exc:
            errors.append(exc)
    if all(isinstance(exc, InvalidChecksum) for exc in errors):
        raise ValueError(_("check number does not match; use {accepted}").format(accepted=_(ACCEPTED)))
    raise ValueError(_("the birth-date part is not a date; use {accepted}").format(accepted=_(ACCEPTED)))


def birth_date(digits: str | None) -> date | None:
    """The birth date a valid number holds, or None when it is unknown (or no number)."""
    if not digits:
        return None
    from stdnum.be import bis, nn  # heavy
    from stdnum.exceptions import ValidationError  # heavy

    for standard in (nn, bis):
        try:
            standard.validate(digits)
        except ValidationError:
            continue
        born: date = standard.get_birth_date(digits)
        return born
    return None


def fmt(digits: str | None) -> str:
    """The usual printed form: 85.07.30-033.28."""
    if not digits:
        return ""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"
