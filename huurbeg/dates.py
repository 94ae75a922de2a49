"""Dates in and out, and the clock.

Input is Belgian first: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), ISO
yyyy-mm-dd, the words today/tomorrow/yesterday (and vandaag/morgen/gisteren), and
offsets such as +3d, -2w, +1m, +1y counted from today. Anything else is refused
rather than guessed: a misread hearing date is worse than a retyped one.
Output is dd/mm/yyyy on screen and ISO 8601 in files.
"""

import os
import re
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from huurbeg.i18n import N_, _

ACCEPTED = N_("dd/mm/yyyy, yyyy-mm-dd, today, tomorrow, yesterday or an offset like +3d, -2w, +1m")
ACCEPTED_DATETIME = N_("'dd/mm/yyyy HH:MM' or 'yyyy-mm-dd HH:MM'")

_WORDS = {
    "today": 0, "vandaag": 0,
    "tomorrow": 1, "morgen": 1,
    "yesterday": -1, "gisteren": -1,
}
_BELGIAN = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_OFFSET = re.compile(r"([+-])(\d{1,4})([dwmy])", re.ASCII)
_TIME = re.compile(r"(\d{1,2})[:uh.](\d{2})", re.ASCII)


def today() -> date:
    """Today's date, or the one pinned by HUURBEG_TODAY=YYYY-MM-DD (tests, demos, look-ahead)."""
    pinned = os.environ.get("HUURBEG_TODAY", "").strip()
    if not pinned:
        return date.today()
    match = _ISO.fullmatch(pinned)
    try:
        if not match:
            raise ValueError
        return _checked(date(*map(int, match.groups())))
    except ValueError:
        from huurbeg.errors import InvalidInput

        raise InvalidInput(_("HUURBEG_TODAY: not a date from {first_year} to {last_year}; use YYYY-MM-DD")
                           .format(first_year=FIRST_YEAR, last_year=LAST_YEAR)) from None


def parse_date(text: str, reference: date) -> date:
    """A date typed by a worker; relative forms count from `reference` (today)."""
    value = text.strip().lower()
    if value in _WORDS:
        return reference + relativedelta(days=_WORDS[value])
    try:
        if match := _OFFSET.fullmatch(value):
            sign, amount, unit = match.groups()
            n = int(amount) * (1 if sign == "+" else -1)
            step = {"d": relativedelta(days=n), "w": relativedelta(weeks=n),
                    "m": relativedelta(months=n), "y": relativedelta(years=n)}[unit]
            return _checked(reference + step)
        if match := _BELGIAN.fullmatch(value):
            day, month, year = map(int, match.groups())
            return _checked(date(year, month, day))
        if match := _ISO.fullmatch(value):
            return _checked(date(*map(int, match.groups())))
    except (ValueError, OverflowError):
        pass
    raise ValueError(_("not a date; use {accepted}").format(accepted=_(ACCEPTED)))


def parse_datetime(text: str, reference: date) -> datetime:
    """A date with a time of day, e.g. '24/11/2026 09:30' or 'tomorrow 14:00'."""
    parts = text.strip().rsplit(maxsplit=1)
    match = _TIME.fullmatch(parts[-1]) if len(parts) == 2 else None
    if not match:
        raise ValueError(_("not a date and time; use {accepted_datetime}")
                         .format(accepted_datetime=_(ACCEPTED_DATETIME)))
    hour, minute = map(int, match.groups())
    if hour > 23 or minute > 59:
        raise ValueError(_("not a time of day; use {accepted_datetime}")
                         .format(accepted_datetime=_(ACCEPTED_DATETIME)))
    return datetime.combine(parse_date(parts[0], reference), time(hour, minute))


FIRST_YEAR, LAST_YEAR = 1900, 2199
"""Years outside this window are typos (2206, 0226), not casework; inside it, every date computed
from one (a deadline years ahead, a window of --within days) stays a valid date."""


def _checked(value: date) -> date:
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValueError(_("year out of range; use a year from {first_year} to {last_year}")
                         .format(first_year=FIRST_YEAR, last_year=LAST_YEAR))
    return value


def fmt(value: date | datetime | None) -> str:
    """Belgian notation for screens: 24/11/2026 (with ' 09:30' for a datetime)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        if value.tzinfo is not None:  # a timestamp of a write: show it in local time
            value = value.astimezone()
        return value.strftime("%d/%m/%Y %H:%M")
    return value.strftime("%d/%m/%Y")


WEEKDAYS = (N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"), N_("Friday"), N_("Saturday"),
            N_("Sunday"))
MONTHS = (N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"), N_("July"),
          N_("August"), N_("September"), N_("October"), N_("November"), N_("December"))
"""Named here rather than by strftime's %A and %B, which follow the C locale, not the reader."""


def weekday(value: date) -> str:
    """The day of the week in the reader's language: Monday, maandag."""
    return _(WEEKDAYS[value.weekday()])


def month(value: date) -> str:
    """The month's name in the reader's language: November, november."""
    return _(MONTHS[value.month - 1])


def long_day(value: date) -> str:
    """A day with its weekday, as a title: Monday 23/11/2026, maandag 23/11/2026."""
    return f"{weekday(value)} {value:%d/%m/%Y}"


def iso(value: date | datetime | None) -> str | None:
    """ISO 8601 for files (json, csv); None stays None."""
    return value.isoformat() if value is not None else None
