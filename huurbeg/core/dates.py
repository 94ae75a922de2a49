"""Dates in and out, and the clock.

Input is Belgian first: dd/mm/yyyy (also d/m/yyyy, dd-mm-yyyy, dd.mm.yyyy), ISO
yyyy-mm-dd, the words today/tomorrow/yesterday (and vandaag/morgen/gisteren, overmorgen/eergisteren), and
offsets such as +3d, -2w, +1m, +1y counted from today. A day and month without a
year (17/11), and a weekday's name (vrijdag, friday), are the nearest such date in the direction the field
looks: the coming one for what is planned (a next visit, a hearing), the past one for what happened (a
visit, a payment), the nearest one where neither is natural; a birth date wants its year, of which
two digits are enough (14/3/88 is 1988), every other date its four. A date typed with a time of day where
only the day is kept ('9/12 14u' for a next contact) is that day, and the time is said to be left out.
Times of day are written as a Fleming writes them: 9u, 9u30, 9h30, 9.30, 9:30, 09:30; a length of time
as 90, 45 min, 1u30, 1h30, 1:30 or 2u. Months are 12/2026, 12-2026, 2026-12, december (2026), dec 2026,
12, vorige or deze. Anything else is refused rather than guessed: a misread hearing date is worse than
a retyped one.
Output is dd/mm/yyyy on screen and ISO 8601 in files.
"""

import calendar
import os
import re
from datetime import date, datetime, time, timedelta

from huurbeg.core.patterns import pattern
from huurbeg.core.i18n import N_, _
from huurbeg.core.errors import InvalidInput

ACCEPTED = N_("dd/mm/yyyy, yyyy-mm-dd, today, tomorrow, yesterday or an offset like +3d, -2w, +1m")
ACCEPTED_DAY_MONTH = N_("dd/mm/yyyy, dd/mm, yyyy-mm-dd, today, tomorrow, yesterday, a weekday such as friday "
                        "or an offset like +3d, -2w, +1m")
ACCEPTED_DATETIME = N_("'dd/mm/yyyy HH:MM' or 'yyyy-mm-dd HH:MM'")
ACCEPTED_DATETIME_DAY_MONTH = N_("a date and a time of day, e.g. '24/11/2026 9u30', '24/11 14:00' or 'tomorrow 9u'")
ACCEPTED_TIME = N_("9u, 9u30, 9h30, 9.30 or 09:30")

COMING, PAST, NEAREST = "coming", "past", "nearest"
"""Which date a day and month without a year (17/11) are: the first on or after today, the last on or
before it, or whichever of the two is closer (the coming one on a tie)."""
BIRTH = "birth"
"""A birth date: it wants its year, but two digits are obvious (14/3/88 is 1988): of 19yy and 20yy the
latest that is not after today, and refused when that is more than OLDEST years ago."""
OLDEST = 110
"""How many years ago a birth date with a two-digit year may lie."""
_YEARS_SEARCHED = 8
"""How far a year is looked for: 29/02 is found within eight years, every other date within one."""

_WORDS = {
    "today": 0, "vandaag": 0,
    "tomorrow": 1, "morgen": 1,
    "yesterday": -1, "gisteren": -1,
    "overmorgen": 2, "day after tomorrow": 2,
    "eergisteren": -2, "day before yesterday": -2,
}
_WEEKDAY_NAMES = {
    **{name: n for n, name in enumerate(("monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                                         "sunday"))},
    **{name: n for n, name in enumerate(("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag",
                                         "zondag"))},
}
"""A weekday by its name, in either language, as a date in the direction of its field (the coming friday)."""
_BELGIAN = pattern(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})", re.ASCII)
_ISO = pattern(r"(\d{4})-(\d{1,2})-(\d{1,2})", re.ASCII)
_OFFSET = pattern(r"([+-])(\d{1,4})([dwmy])", re.ASCII)
_DAY_MONTH = pattern(r"(\d{1,2})[/.-](\d{1,2})", re.ASCII)
_SHORT_YEAR = pattern(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2})", re.ASCII)
_TIME = pattern(r"(\d{1,2})(?:[:.](\d{2})|[uh](\d{2})?)", re.ASCII)
"""9u and 9h are whole hours; bare digits (930) are not a time: '24/11 2026' would read as 20:26."""


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
        raise InvalidInput(_("HUURBEG_TODAY: not a date from {first_year} to {last_year}; use YYYY-MM-DD")
                           .format(first_year=FIRST_YEAR, last_year=LAST_YEAR)) from None


def parse_date(text: str, reference: date, direction: str | None = None) -> date:
    """A date typed by a worker; relative forms count from `reference` (today). With a `direction`
    (COMING, PAST, NEAREST), a day and month without a year are completed from `reference`."""
    from dateutil.relativedelta import relativedelta  # heavy: not for `huurbeg --help`

    value = " ".join(text.lower().split())
    if value in _WORDS:
        moved: date = reference + relativedelta(days=_WORDS[value])
        return moved
    if direction and direction != BIRTH and value in _WEEKDAY_NAMES:
        return _checked(_on_weekday(_WEEKDAY_NAMES[value], reference, direction))
    if direction and direction != BIRTH and (at := _time_left_out(value)) is not None \
            and _time_left_out(at[0]) is None:  # '9/12 14u 15u' is no day at any time
        return parse_date(at[0], reference, direction)  # the day of '9/12 14u' where only a day is kept
    try:
        if match := _OFFSET.fullmatch(value):
            sign, amount, unit = match.groups()
            n = int(amount) * (1 if sign == "+" else -1)
            step = {"d": relativedelta(days=n), "w": relativedelta(weeks=n),
                    "m": relativedelta(months=n), "y": relativedelta(years=n)}[unit]
            return _checked(reference + step)
        if match := _BELGIAN.fullmatch(value):
            day, month, year = map(int, match.groups())
            return _checked(date(year, month, _existing(day, month, year)))
        if match := _ISO.fullmatch(value):
            year, month, day = map(int, match.groups())
            return _checked(date(year, month, _existing(day, month, year)))
        if direction == BIRTH and (match := _SHORT_YEAR.fullmatch(value)):
            day, month, year = map(int, match.groups())
            return _born(_existing(day, month, None), month, year, reference)
        if direction and direction != BIRTH and (match := _DAY_MONTH.fullmatch(value)):
            day, month = map(int, match.groups())
            return _checked(_with_year(_existing(day, month, None), month, reference, direction))
    except NoSuchDay:
        raise
    except (ValueError, OverflowError):
        pass
    accepted = ACCEPTED_DAY_MONTH if direction and direction != BIRTH else ACCEPTED
    raise ValueError(_("not a date; use {accepted}").format(accepted=_(accepted)))


class NoSuchDay(ValueError):
    """A date written in a form that is accepted, of a day the calendar does not have (31/11, 29/02/2027, 13/1):
    the reason says why, rather than listing the forms again."""


_DAYS_IN = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
"""The most days each month has (February in a leap year)."""


def _existing(day: int, month: int, year: int | None) -> int:
    """`day`, when the calendar has it in `month` (of `year`, when it is typed); else NoSuchDay says why."""
    if not 1 <= month <= 12:
        raise NoSuchDay(_("not a date: the months are 1 to 12"))
    if day < 1:
        raise NoSuchDay(_("not a date: the days of a month start at 1"))
    if year is not None and month == 2 and day >= 29 and not calendar.isleap(year):
        raise NoSuchDay(_("not a date: February has 28 days in {year}").format(year=year))
    if day > _DAYS_IN[month - 1]:
        raise NoSuchDay(_("not a date: {month} has {days} days").format(
            month=_(MONTHS[month - 1]), days=_DAYS_IN[month - 1]))
    return day


def _born(day: int, month: int, year: int, reference: date) -> date:
    """A birth date typed with two digits of its year: the latest of 19yy and 20yy not after `reference`."""
    from dateutil.relativedelta import relativedelta  # heavy: not for `huurbeg --help`

    for century in (2000, 1900):
        try:
            born = date(century + year, month, day)
        except ValueError:  # 29/02/01 in 1901 nor 2001
            continue
        if born <= reference:
            if born < reference - relativedelta(years=OLDEST):
                raise ValueError
            return _checked(born)
    raise ValueError


def _on_weekday(weekday_number: int, reference: date, direction: str) -> date:
    """The day of the week `weekday_number` (0 is Monday) in `direction` from `reference`. Never `reference`
    itself: on a Wednesday, woensdag is next week's (or last week's); today is `today`."""
    ahead = (weekday_number - reference.weekday() - 1) % 7 + 1
    coming, past = reference + timedelta(days=ahead), reference - timedelta(days=7 - ahead or 7)
    if direction == COMING:
        return coming
    if direction == PAST:
        return past
    return coming if coming - reference <= reference - past else past


def _time_left_out(value: str) -> tuple[str, time] | None:
    """A date followed by a time of day ('9/12 14u'), as (the date, the time); None for anything else."""
    parts = value.rsplit(maxsplit=1)
    if len(parts) != 2 or not _TIME.fullmatch(parts[1]):
        return None
    try:
        return parts[0], parse_time(parts[1])
    except ValueError:
        return None


def without_year(text: str) -> bool:
    """Whether `text` (a date, or a date and a time) starts with a day and month alone, or a weekday's name: its
    year (or its day) was filled in."""
    words = text.lower().split()
    return bool(words) and (words[0] in _WEEKDAY_NAMES or _DAY_MONTH.fullmatch(words[0]) is not None
                            or _SHORT_YEAR.fullmatch(words[0]) is not None)


def read_as(typed: str, value: date | datetime) -> str | None:
    """The date a day and month typed without a year (or a weekday's name) became, in full with its weekday,
    for the worker to check, and a time of day typed where only the day is kept, said to be left out; None
    when the year was typed and nothing was left out."""
    left_out = _time_left_out(" ".join(typed.lower().split())) if not isinstance(value, datetime) else None
    if not without_year(typed) and left_out is None:
        return None
    day = value.date() if isinstance(value, datetime) else value
    when = long_day(day) + (f" {value:%H:%M}" if isinstance(value, datetime) else "")
    if left_out is not None:
        return _("{typed} is {when}; only the day is kept, not the time {time}.").format(
            typed=" ".join(typed.split()), when=when, time=f"{left_out[1]:%H:%M}")
    return _("{typed} is {when}.").format(typed=typed.strip(), when=when)


def _with_year(day: int, month: int, reference: date, direction: str) -> date:
    def on(year: int) -> date | None:
        try:
            return date(year, month, day)
        except ValueError:  # 29/02 outside a leap year, 31/11, 13/13
            return None

    found = [d for d in (on(reference.year + n) for n in range(-_YEARS_SEARCHED, _YEARS_SEARCHED + 1)) if d]
    coming = min((d for d in found if d >= reference), default=None)
    past = max((d for d in found if d <= reference), default=None)
    if direction == COMING:
        chosen = coming
    elif direction == PAST:
        chosen = past
    else:
        chosen = min((d for d in (coming, past) if d), key=lambda d: (abs(d - reference), d < reference), default=None)
    if chosen is None:
        raise ValueError
    return chosen


def parse_time(text: str) -> time:
    """A time of day: 9u, 9u30, 9h30, 9.30, 9:30, 09:30 (24 hours)."""
    match = _TIME.fullmatch(text.strip().lower())
    hour = int(match[1]) if match else 99
    minute = int(match[2] or match[3] or 0) if match else 99
    if hour > 23 or minute > 59:
        raise ValueError(_("not a time of day; use {accepted_time}").format(accepted_time=_(ACCEPTED_TIME)))
    return time(hour, minute)


def parse_datetime(text: str, reference: date, direction: str | None = None) -> datetime:
    """A date with a time of day, e.g. '24/11/2026 09:30', '24/11 9u30' or 'tomorrow 14u'."""
    accepted = _(ACCEPTED_DATETIME_DAY_MONTH if direction else ACCEPTED_DATETIME)
    parts = text.strip().rsplit(maxsplit=1)
    if len(parts) != 2:
        raise ValueError(_("not a date and time; use {accepted_datetime}").format(accepted_datetime=accepted))
    at = parse_time(parts[1])  # a wrong time is told with the forms of a time, not those of a date
    if _time_left_out(" ".join(parts[0].lower().split())) is not None:  # '24/11 9u 14u': which one?
        raise ValueError(_("not a date and time; use {accepted_datetime}").format(accepted_datetime=accepted))
    return datetime.combine(parse_date(parts[0], reference, direction), at)


ACCEPTED_DURATION = N_("a time such as 90, 45 min, 1u30, 1:30 or 2u, at most {hours} hours")
_DURATION = pattern(r"(?:(\d{1,2}) ?(?:u|h|uur|uren|hours?)(?: ?(\d{1,2}) ?(?:m|min|minuten|minutes)?)?"
                    r"|(\d{1,2}):(\d{2})"
                    r"|(\d{1,5}) ?(?:m|min|minuten|minutes)?)", re.ASCII)
"""1u30, 1h30, 1 uur 30, 2u; 1:30; 90, 45min, 45 min. A dot (1.30) is left out: one hour and a half or thirty?"""


def parse_minutes(text: str, most: int) -> int:
    """A length of time as a worker types it, in minutes: 90, 45 min, 1u30, 1h30, 1:30, 2u; at most `most`."""
    match = _DURATION.fullmatch(" ".join(text.lower().split()))
    refused = ValueError(_("use {accepted_duration}").format(
        accepted_duration=_(ACCEPTED_DURATION).format(hours=f"{most / 60:g}")))
    if not match:
        raise refused
    hours, minutes, clock_hours, clock_minutes, alone = match.groups()
    if alone is not None:
        total = int(alone)
    else:
        part = int(minutes or clock_minutes or 0)
        if part > 59:
            raise refused
        total = int(hours or clock_hours) * 60 + part
    if total > most:
        raise refused
    return total


MONTH_NAMES = {
    **{name: n for n, name in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                         "september", "october", "november", "december"), 1)},
    **{name: n for n, name in enumerate(("januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus",
                                         "september", "oktober", "november", "december"), 1)},
}
"""A month by its name in either language; its first three letters (dec, okt, mrt) name it too."""
_MONTH_ABBREVIATIONS = {"mrt": 3, "sept": 9, **{name[:3]: n for name, n in MONTH_NAMES.items()}}
_THIS_MONTH = ("this", "deze", "deze maand", "deze-maand", "this month")
_LAST_MONTH = ("last", "vorige", "vorige maand", "vorige-maand", "last month")
_MONTH_YEAR = pattern(r"(\d{1,2})[/.-](\d{4})|(\d{4})-(\d{1,2})|(\d{1,2})", re.ASCII)
ACCEPTED_MONTH = N_("a month such as 12/2026, 12-2026, 2026-12, december 2026, dec 2026, december or 12 (the "
                    "latest that has begun), last or this")


def parse_month(text: str, reference: date) -> date:
    """The first day of a month as a worker names it: 12/2026, 12-2026, 2026-12, december, december 2026,
    dec 2026, 12, last or this (vorige, deze). A month without its year is the latest such month that has
    begun on `reference`: in February, december is the past December, februari this one."""
    value = " ".join(text.lower().split())
    refused = ValueError(_("use {accepted_month}").format(accepted_month=_(ACCEPTED_MONTH)))
    this = reference.replace(day=1)
    if value in _THIS_MONTH:
        return this
    if value in _LAST_MONTH:
        return (this.replace(year=this.year - 1, month=12) if this.month == 1 else this.replace(month=this.month - 1))
    words = value.split()
    year: int | None = None
    if len(words) == 2 and words[1].isascii() and words[1].isdigit() and len(words[1]) == 4:
        value, year = words[0], int(words[1])
    number = MONTH_NAMES.get(value) or _MONTH_ABBREVIATIONS.get(value.rstrip("."))
    if number is None and year is None and (match := _MONTH_YEAR.fullmatch(value)):
        number = int(match[1] or match[4] or match[5])
        year = int(match[2] or match[3]) if (match[2] or match[3]) else None
    if number is None or not 1 <= number <= 12:
        raise refused
    if year is None:
        year = this.year if number <= this.month else this.year - 1
    try:
        return _checked(date(year, number, 1))
    except ValueError:
        raise refused from None


ACCEPTED_YEAR = N_("a year such as 2026, last or this")
_THIS_YEAR = ("this", "dit", "dit jaar", "this year", "deze")
_LAST_YEAR = ("last", "vorig", "vorige", "vorig jaar", "last year")


def parse_year(text: str, reference: date) -> int:
    """A calendar year: 2026, last or this (vorig jaar, dit jaar)."""
    value = " ".join(text.lower().split())
    if value in _THIS_YEAR:
        return reference.year
    if value in _LAST_YEAR:
        return reference.year - 1
    if value.isascii() and value.isdigit() and len(value) == 4 and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    raise ValueError(_("use {accepted_year}").format(accepted_year=_(ACCEPTED_YEAR)))


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


def months_later(day: date, months: int) -> date:
    """`day + relativedelta(months=months)`, for the rules that count months over every open case: the same day
    of the month `months` later (earlier when negative), the month's last day when that month is shorter (31/01
    and one month: 28/02 or 29/02; 29/02 and three years: 28/02)."""
    year, month = divmod(day.year * 12 + day.month - 1 + months, 12)
    return day.replace(year=year, month=month + 1, day=min(day.day, calendar.monthrange(year, month + 1)[1]))
