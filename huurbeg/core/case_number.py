"""Case numbers (dossiernummers): YYYY-NNNN, the year of intake and the sequence in that year."""

import re
from huurbeg.core.patterns import pattern
from huurbeg.core.i18n import N_, _

CASE_NUMBER = pattern(r"(\d{4})-(\d{1,5})", re.ASCII)
CASE_NUMBER_ACCEPTED = N_("YYYY-NNNN, e.g. 2026-0042")


def parse_case_number(text: str) -> str:
    """The canonical YYYY-NNNN form of a typed case number (2026-42 → 2026-0042)."""
    match = CASE_NUMBER.fullmatch(text.strip())
    if not match or int(match[2]) == 0:
        raise ValueError(_("not a case number; use {case_number_accepted}")
                         .format(case_number_accepted=_(CASE_NUMBER_ACCEPTED)))
    return format_case_number(int(match[1]), int(match[2]))


def format_case_number(year: int, seq: int) -> str:
    return f"{year}-{seq:04d}"
