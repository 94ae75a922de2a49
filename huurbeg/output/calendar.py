"""The hearing roll as an RFC 5545 calendar that Outlook or any calendar can subscribe to.

Each hearing keeps one UID for life, so a re-exported calendar updates events
instead of duplicating them; its SEQUENCE rises with every change, so the
calendar takes the new version. A postponed or withdrawn hearing stays in the
feed as STATUS:CANCELLED, so a subscribed calendar strikes it out instead of
keeping it; so does a hearing a worker removed (`hearing remove`), while it is in
the exported window. Events carry the case number, court, room, claimed amount and
whether the household was prepared; never a name, address or note. A conciliation
session of a pre-OGP case is an event of the feed too, named as one.

The bailiff's announced eviction (`hearing eviction CASE --date`) is an event of its own, named by the case
number alone, at its hour when one was given; withdrawn, with its result recorded, or of a closed case, it stays
in the window as STATUS:CANCELLED, its SEQUENCE counting the changes the history holds since it was announced.

Beside them, each open case's next planned contact (the day a visit set) is an
all-day event named "Contact planned" and the case number alone (only the day is planned, not
the kind of contact), its UID the contact's. When a later
contact replaces the plan or keeps it, a correction clears it, or the contact is withdrawn or the case
closed, it stays in the window as STATUS:CANCELLED; its SEQUENCE counts the
contact's corrections and withdrawal in the history, so it only rises.

The court's time zone is written as yearly rules (RRULE), taken from the zone's
own rule in the time-zone database, so it holds for every year, as Outlook
expects; icalendar's own VTIMEZONE lists every transition date between two
years instead, which some calendars misread.
"""

import calendar as gregorian
import re
from datetime import UTC, date, datetime, time, timedelta
from importlib import resources
from pathlib import Path
from zoneinfo import TZPATH, ZoneInfo

from huurbeg.core import money
from huurbeg.core.codes import ConciliationResult, EvictionResult, HearingResult, SessionKind, known
from huurbeg.core.i18n import _
from huurbeg.core.messages import plain, state_word, text_value
from huurbeg.core.text import courtroom

COURT_TIME_ZONE = "Europe/Brussels"
HEARING_LENGTH = timedelta(hours=1)
"""Calendars need an end; a hearing's length is not known, an hour blocks the morning's slot."""
CANCELLED_RESULTS = frozenset({"postponed", "withdrawn"})
"""Outcomes after which the hearing does not take place (a postponement has a new hearing of its own)."""
RULES_FROM = 1970
"""The year each time-zone rule is stated from (DTSTART), as calendar programs write it."""


def hearings_ics(rows: list[dict], now: datetime | None = None) -> str:
    from icalendar import Calendar, Event  # heavy

    zone = ZoneInfo(COURT_TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//huurbeg//hearing roll//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", _("huurbeg hearings"))
    calendar.add("x-wr-timezone", COURT_TIME_ZONE)
    calendar.add_component(vtimezone(COURT_TIME_ZONE))
    stamp = now or datetime.now(UTC)
    for row in rows:
        if row.get("kind") == "visit":
            calendar.add_component(_visit(row, stamp))
            continue
        if row.get("kind") == "eviction":
            calendar.add_component(_eviction(row, stamp, zone))
            continue
        starts = row["starts_at"].replace(tzinfo=zone)
        cancelled = row["result"] in CANCELLED_RESULTS or row.get("removed", False)
        event = Event()
        event.add("uid", f"{row['uid']}@huurbeg")
        event.add("dtstamp", stamp)
        event.add("sequence", row.get("sequence") or 0)
        event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
        event.add("dtstart", starts)
        event.add("dtend", starts + HEARING_LENGTH)
        if row.get("kind") == SessionKind.CONCILIATION:  # a pre-OGP case's session, not a petition's hearing
            if row.get("removed"):
                event.add("summary", _("Conciliation {case} (removed)").format(case=row["case"]))
            elif row["result"]:
                event.add("summary", _("Conciliation {case} ({result})").format(
                    case=row["case"], result=text_value(known(ConciliationResult, row["result"]))))
            else:
                event.add("summary", _("Conciliation {case}").format(case=row["case"]))
        elif row.get("removed"):  # withdrawn by a worker (entered twice, or on the wrong case)
            event.add("summary", _("Hearing {case} (removed)").format(case=row["case"]))
        elif row["result"]:
            event.add("summary", _("Hearing {case} ({result})").format(
                case=row["case"], result=text_value(known(HearingResult, row["result"]))))
        else:
            event.add("summary", _("Hearing {case}").format(case=row["case"]))
        # a TEXT value never carries a control character (RFC 5545): a stored one shows as its placeholder
        event.add("location", plain(", ".join(filter(None, [row["court"], row["room"] and courtroom(row["room"])]))))
        event.add("description", plain(_description(row)))
        if cancelled:
            event.add("transp", "TRANSPARENT")  # a cancelled hearing no longer blocks the time
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _visit(row: dict, stamp: datetime):
    """A planned contact: the whole day (no hour is planned), named by its case number alone, and a contact, not
    a visit: only its day is planned, not its kind."""
    from icalendar import Event  # heavy

    event = Event()
    event.add("uid", f"{row['uid']}@huurbeg")
    event.add("dtstamp", stamp)
    event.add("sequence", row["sequence"])
    event.add("status", "CANCELLED" if row["cancelled"] else "CONFIRMED")
    event.add("dtstart", row["day"])
    event.add("dtend", row["day"] + timedelta(days=1))
    if row["cancelled"]:
        event.add("summary", _("Contact planned: {case} (cancelled)").format(case=row["case"]))
    else:
        event.add("summary", _("Contact planned: {case}").format(case=row["case"]))
    event.add("description", plain(_("Case {number}").format(number=row["case"])))
    event.add("transp", "TRANSPARENT")  # a day's reminder; the visit's hour is the worker's to block
    return event


def _eviction(row: dict, stamp: datetime, zone: ZoneInfo):
    """The bailiff's announced eviction: at its hour when one was given (an hour blocked), else the whole day;
    named by its case number alone. Cancelled once withdrawn, its result recorded or the case closed."""
    from icalendar import Event  # heavy

    event = Event()
    event.add("uid", f"{row['uid']}@huurbeg")
    event.add("dtstamp", stamp)
    event.add("sequence", row["sequence"])
    event.add("status", "CANCELLED" if row["cancelled"] else "CONFIRMED")
    if row["time"]:
        starts = datetime.combine(row["day"], time.fromisoformat(row["time"]), zone)
        event.add("dtstart", starts)
        event.add("dtend", starts + HEARING_LENGTH)
    else:
        event.add("dtstart", row["day"])
        event.add("dtend", row["day"] + timedelta(days=1))
    if row["result"]:
        event.add("summary", _("Eviction {case} ({result})").format(
            case=row["case"], result=text_value(known(EvictionResult, row["result"]))))
    elif row["cancelled"]:
        event.add("summary", _("Eviction {case} (cancelled)").format(case=row["case"]))
    else:
        event.add("summary", _("Eviction {case}").format(case=row["case"]))
    event.add("description", plain(_("Case {number}").format(number=row["case"])))
    if row["cancelled"]:
        event.add("transp", "TRANSPARENT")
    return event


def _description(row: dict) -> str:
    parts = [_("Case {number}").format(number=row["case"])]
    if row["claimed"] is not None:
        parts.append(_("claimed {amount}").format(amount=money.fmt(row["claimed"])))
    if row["plan"]:
        parts.append(_("payment plan {standing}").format(standing=state_word(row["plan"])))
    if row.get("kind") == SessionKind.CONCILIATION:
        parts.append(_("household prepared") if row["prepared"] else _("household NOT yet contacted since the "
                                                                         "session was set"))
    else:
        parts.append(_("household prepared") if row["prepared"] else _("household NOT yet contacted since the "
                                                                         "petition"))
    return "; ".join(parts)


# --- the time zone as yearly rules ---------------------------------------------------

_OFFSET = r"[+-]?\d{1,2}(?::\d{2}){0,2}"
_NAME = r"<[^>]+>|[A-Za-z]{3,}"
_POSIX = re.compile(rf"^(?P<std>{_NAME})(?P<std_offset>{_OFFSET})"
                    rf"(?:(?P<dst>{_NAME})(?P<dst_offset>{_OFFSET})?,(?P<start>[^,]+),(?P<end>[^,]+))?$")
_MONTH_RULE = re.compile(rf"^M(?P<month>\d{{1,2}})\.(?P<week>[1-5])\.(?P<weekday>[0-6])(?:/(?P<time>{_OFFSET}))?$")
_DAYS = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def vtimezone(key: str):
    """A VTIMEZONE for `key` with one STANDARD and one DAYLIGHT rule (RRULE), from the zone's POSIX rule."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard  # heavy

    rule = _POSIX.match(posix_rule(key))
    if rule is None:
        raise ValueError(f"time zone {key}: rule {posix_rule(key)!r} not understood")
    standard_offset = -_duration(rule["std_offset"])  # POSIX counts west of Greenwich as positive
    zone = Timezone()
    zone.add("tzid", key)
    if rule["dst"] is None:  # no summer time: one offset for good
        zone.add_component(_observance(TimezoneStandard, rule["std"], standard_offset, standard_offset,
                                       datetime(RULES_FROM, 1, 1), None))
        return zone
    daylight_offset = -_duration(rule["dst_offset"]) if rule["dst_offset"] else standard_offset + timedelta(hours=1)
    onset, onset_recur = _yearly(rule["start"])
    end, end_recur = _yearly(rule["end"])
    zone.add_component(_observance(TimezoneDaylight, rule["dst"], standard_offset, daylight_offset,
                                   onset, onset_recur))
    zone.add_component(_observance(TimezoneStandard, rule["std"], daylight_offset, standard_offset, end, end_recur))
    return zone


def posix_rule(key: str) -> str:
    """The rule for every year after the last listed transition: the footer of the zone's TZif file."""
    for root in TZPATH:
        path = Path(root, key)
        if path.is_file():
            data = path.read_bytes()
            break
    else:  # no system database: the tzdata package (a dependency) has the same files
        data = resources.files("tzdata.zoneinfo").joinpath(*key.split("/")).read_bytes()
    if not data.startswith(b"TZif") or data[4:5] in (b"\x00", b""):
        raise ValueError(f"time zone {key}: a version-1 file has no rule for future years")
    return data.rstrip(b"\n").rsplit(b"\n", 1)[-1].decode("ascii")


def _observance(kind, name: str, offset_from: timedelta, offset_to: timedelta, starts: datetime, recur: dict | None):
    observance = kind()
    observance.add("tzname", name.strip("<>"))
    observance.add("tzoffsetfrom", offset_from)
    observance.add("tzoffsetto", offset_to)
    observance.add("dtstart", starts)
    if recur:
        observance.add("rrule", recur)
    return observance


def _yearly(text: str) -> tuple[datetime, dict]:
    """A POSIX `Mm.w.d[/time]` rule: its first day in RULES_FROM (local time) and the matching RRULE."""
    found = _MONTH_RULE.match(text)
    if found is None:
        raise ValueError(f"time-zone rule {text!r}: only month rules (Mm.w.d) are written as RRULE")
    month, week, weekday = int(found["month"]), int(found["week"]), int(found["weekday"])
    at = _duration(found["time"]) if found["time"] else timedelta(hours=2)
    if not timedelta(0) <= at < timedelta(days=1):
        raise ValueError(f"time-zone rule {text!r}: a change outside the day itself is not supported")
    day = _nth_weekday(RULES_FROM, month, week, weekday)
    by_day = f"{-1 if week == 5 else week}{_DAYS[weekday]}"
    return datetime.combine(day, datetime.min.time()) + at, {"freq": "yearly", "bymonth": month, "byday": by_day}


def _nth_weekday(year: int, month: int, week: int, weekday: int) -> date:
    """The `week`-th `weekday` (0 Sunday) of the month; week 5 is the last one."""
    first = date(year, month, 1)
    day = 1 + ((weekday - 1) % 7 - first.weekday()) % 7 + (week - 1) * 7
    while day > gregorian.monthrange(year, month)[1]:
        day -= 7
    return date(year, month, day)


def _duration(text: str) -> timedelta:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * timedelta(hours=parts[0], minutes=parts[1], seconds=parts[2])
