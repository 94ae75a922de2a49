"""The Belgian national register number (rijksregisternummer, INSZ).

Eleven digits YYMMDD SSS CC: birth date, a serial number, and a check number
equal to 97 minus the first nine digits modulo 97. For people born in 2000 or
later the nine digits are prefixed with a 2 before taking the modulus. Bis
numbers (month + 20 or + 40) and unknown birth dates (00) pass the checksum the
same way, so the date part is not validated here.

Error messages never repeat the number: it is personal data.
"""

import re

ACCEPTED = "11 digits with a valid check number, e.g. 85.07.30-033.28"


def normalise(text: str) -> str:
    """The 11 digits of a typed national number, or ValueError."""
    digits = re.sub(r"[\s.\-/]", "", text)
    if not re.fullmatch(r"\d{11}", digits, re.ASCII):
        raise ValueError(f"not a national register number; use {ACCEPTED}")
    body, check = int(digits[:9]), int(digits[9:])
    if check not in (97 - body % 97, 97 - int("2" + digits[:9]) % 97):
        raise ValueError(f"check number does not match; use {ACCEPTED}")
    return digits


def fmt(digits: str | None) -> str:
    """The usual printed form: 85.07.30-033.28."""
    if not digits:
        return ""
    return f"{digits[0:2]}.{digits[2:4]}.{digits[4:6]}-{digits[6:9]}.{digits[9:11]}"
