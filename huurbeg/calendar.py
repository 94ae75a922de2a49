"""The hearing roll as an RFC 5545 calendar that Outlook or any calendar can subscribe to.

Each hearing keeps one UID for life, so a re-exported calendar updates events
instead of duplicating them. Events carry the case number, court, room, claimed
amount and whether the household was prepared; never a name, address or note.
"""

from datetime import UTC, datetime, timedelta

from huurbeg import money

COURT_TIME_ZONE = "Europe/Brussels"
HEARING_LENGTH = timedelta(hours=1)
"""Calendars need an end; a hearing's length is not known, an hour blocks the morning's slot."""


def hearings_ics(rows: list[dict], now: datetime | None = None) -> str:
    from zoneinfo import ZoneInfo

    from icalendar import Calendar, Event

    zone = ZoneInfo(COURT_TIME_ZONE)
    calendar = Calendar()
    calendar.add("prodid", "-//huurbeg//hearing roll//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "huurbeg hearings")
    stamp = now or datetime.now(UTC)
    for row in rows:
        starts = row["starts_at"].replace(tzinfo=zone)
        event = Event()
        event.add("uid", f"{row['uid']}@huurbeg")
        event.add("dtstamp", stamp)
        event.add("dtstart", starts)
        event.add("dtend", starts + HEARING_LENGTH)
        event.add("summary", f"Hearing {row['case']}" + (f" ({row['result']})" if row["result"] else ""))
        event.add("location", ", ".join(filter(None, [row["court"], row["room"] and f"room {row['room']}"])))
        event.add("description", _description(row))
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode("utf-8")


def _description(row: dict) -> str:
    parts = [f"Case {row['case']}"]
    if row["claimed"] is not None:
        parts.append(f"claimed {money.fmt(row['claimed'])}")
    if row["plan"]:
        parts.append(f"payment plan {row['plan']}")
    parts.append("household prepared" if row["prepared"] else "household NOT yet contacted since the petition")
    return "; ".join(parts)
