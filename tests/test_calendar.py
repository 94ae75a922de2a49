"""The hearing calendar: a time zone that holds every year, revisions, and cancelled hearings."""

import io
import shutil
import sqlite3
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from huurbeg.output.calendar import _nth_weekday, vtimezone

BRUSSELS = ZoneInfo("Europe/Brussels")


def add_hearing(cli, number, when):
    result = cli("hearing", "add", number, "--date", when, "--court", "Vredegerecht Mechelen", "--room", "2",
                 "--petition-date", "18/11/2026", "--force")  # today, a Sunday, among them
    assert result.exit_code == 0, result.output


def feed(cli, *args):
    result = cli("hearing", "list", *(args or ("--within", "30")), "-f", "ics")
    assert result.exit_code == 0, result.output
    return result.stdout, Calendar.from_ical(result.stdout)


def events(calendar) -> dict:
    return {str(e["uid"]): e for e in calendar.walk("VEVENT")}


def rule(observance) -> set[str]:
    return set(observance["rrule"].to_ical().decode().split(";"))


def test_the_time_zone_is_written_as_yearly_rules(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    add_hearing(cli, number, "24/11/2026 09:30")
    text, calendar = feed(cli)
    [zone] = calendar.walk("VTIMEZONE")
    assert str(zone["tzid"]) == "Europe/Brussels"
    assert "RDATE" not in text and "only works from" not in text  # not the list-of-dates form
    observances = {c.name: c for c in zone.subcomponents}
    assert set(observances) == {"STANDARD", "DAYLIGHT"}
    summer, winter = observances["DAYLIGHT"], observances["STANDARD"]
    assert rule(summer) == {"FREQ=YEARLY", "BYMONTH=3", "BYDAY=-1SU"}  # the last Sunday of March
    assert rule(winter) == {"FREQ=YEARLY", "BYMONTH=10", "BYDAY=-1SU"}
    assert summer["tzoffsetto"].td == timedelta(hours=2) and winter["tzoffsetto"].td == timedelta(hours=1)
    assert summer["dtstart"].dt == datetime(1970, 3, 29, 2, 0)  # the last Sunday of March 1970, 02:00
    assert winter["dtstart"].dt == datetime(1970, 10, 25, 3, 0)
    assert str(summer["tzname"]) == "CEST" and str(winter["tzname"]) == "CET"
    [event] = calendar.walk("VEVENT")
    assert "DTSTART;TZID=Europe/Brussels:20261124T093000" in text.replace("\r\n", "\n")
    assert event.get("dtstart").dt.utcoffset() == timedelta(hours=1)


def test_the_written_time_zone_agrees_with_the_time_zone_database_beyond_2038():
    """Read back by an independent reader (dateutil), every hour around every change from 2026 to 2060."""
    from dateutil.tz import tzical

    text = vtimezone("Europe/Brussels").to_ical().decode()
    written = tzical(io.StringIO(text)).get("Europe/Brussels")
    for year in range(2026, 2061):
        for month in (3, 10):
            change = _nth_weekday(year, month, 5, 0)
            moment = datetime(change.year, change.month, change.day, tzinfo=UTC) - timedelta(hours=6)
            for _ in range(12):
                local = moment.astimezone(BRUSSELS).replace(tzinfo=None)
                assert local.replace(tzinfo=written).utcoffset() == moment.astimezone(BRUSSELS).utcoffset() \
                    or local.replace(fold=1).replace(tzinfo=written).utcoffset() == \
                    moment.astimezone(BRUSSELS).utcoffset(), (year, month, local)
                moment += timedelta(hours=1)
        for month, hours in ((1, 1), (7, 2)):  # mid-winter and mid-summer
            assert datetime(year, month, 15, 9, 30, tzinfo=written).utcoffset() == timedelta(hours=hours)


@pytest.mark.parametrize("key, summer", [("Europe/London", "BST"), ("America/New_York", "EDT")])
def test_other_zones_take_their_own_rules(key, summer):
    zone = vtimezone(key)
    names = {str(c["tzname"]) for c in zone.subcomponents}
    assert summer in names
    from dateutil.tz import tzical

    written = tzical(io.StringIO(zone.to_ical().decode())).get(key)
    for moment in (datetime(2031, 1, 10, 12), datetime(2031, 7, 10, 12), datetime(2045, 11, 20, 12)):
        assert moment.replace(tzinfo=written).utcoffset() == moment.replace(tzinfo=ZoneInfo(key)).utcoffset()


def test_a_postponed_hearing_is_cancelled_in_the_feed_and_its_successor_added(cli, new_case):
    number = new_case("--track", "ogp", "--source", "court")
    add_hearing(cli, number, "22/11/2026 09:30")  # today: its outcome may be recorded
    _, before = feed(cli)
    [(uid, first)] = events(before).items()
    assert first["sequence"] == 0 and str(first["status"]) == "CONFIRMED"

    result = cli("hearing", "outcome", number, "--result", "postponed", "--new-date", "08/12/2026 10:00")
    assert result.exit_code == 0, result.output
    _, after = feed(cli)
    found = events(after)
    assert len(found) == 2
    old = found[uid]  # the same event, revised: a subscribed calendar replaces it
    assert str(old["status"]) == "CANCELLED" and old["sequence"] == 1
    assert old.get("dtstart").dt == datetime(2026, 11, 22, 9, 30, tzinfo=old.get("dtstart").dt.tzinfo)
    [new] = [e for u, e in found.items() if u != uid]
    assert str(new["status"]) == "CONFIRMED" and new["sequence"] == 0
    assert new.get("dtstart").dt.replace(tzinfo=None) == datetime(2026, 12, 8, 10, 0)

    # once the postponed hearing is outside the exported window, the feed no longer carries it
    _, later = feed(cli, "--date", "08/12/2026")
    assert list(events(later)) == [str(new["uid"])]


def test_a_withdrawn_hearing_is_cancelled_and_a_settled_one_revised(cli, new_case):
    withdrawn, settled = new_case("--track", "ogp", "--source", "court"), new_case("--track", "ogp", "--source",
                                                                                   "court", "--tenant", "Other")
    add_hearing(cli, withdrawn, "22/11/2026 09:30")
    add_hearing(cli, settled, "22/11/2026 10:30")
    assert cli("hearing", "outcome", withdrawn, "--result", "withdrawn").exit_code == 0
    assert cli("hearing", "outcome", settled, "--result", "settled").exit_code == 0
    _, calendar = feed(cli)
    by_case = {str(e["summary"]).split()[1]: e for e in calendar.walk("VEVENT")}
    assert str(by_case[withdrawn]["status"]) == "CANCELLED" and by_case[withdrawn]["sequence"] == 1
    assert str(by_case[settled]["status"]) == "CONFIRMED" and by_case[settled]["sequence"] == 1


def test_json_and_csv_of_the_roll_keep_their_shape(cli, new_case):
    import json

    number = new_case("--track", "ogp", "--source", "court")
    add_hearing(cli, number, "24/11/2026 09:30")
    [row] = json.loads(cli("hearing", "list", "-f", "json").stdout)
    assert "sequence" not in row and "uid" not in row
    assert "sequence" not in cli("hearing", "list", "-f", "csv").stdout.splitlines()[0]


@pytest.mark.sqlite_only
def test_hearings_of_an_older_database_get_their_revision(cli, tmp_path):
    old = tmp_path / "old.db"
    shutil.copy(Path(__file__).parent / "data" / "schema-0001.db", old)
    with sqlite3.connect(old) as connection:
        case_id = connection.execute("SELECT id FROM case_file WHERE status = 'open' LIMIT 1").fetchone()[0]
        for uid, result in (("a" * 32, "settled"), ("b" * 32, None)):
            connection.execute("INSERT INTO hearing (uid, case_id, starts_at, court, result, created_at) "
                               "VALUES (?, ?, '2026-11-22 09:30:00.000000', 'Vredegerecht', ?, "
                               "'2026-11-01 10:00:00.000000')", (uid, case_id, result))
    assert cli("--db", str(old), "case", "list").exit_code == 0
    with sqlite3.connect(old) as connection:
        assert connection.execute("SELECT uid, sequence FROM hearing ORDER BY uid").fetchall() == [
            ("a" * 32, 1), ("b" * 32, 0)]


def test_a_removed_hearing_is_cancelled_in_the_feed_but_leaves_the_roll(cli, new_case):
    """`hearing remove` withdraws a hearing entered by mistake: a calendar that imported it must drop it."""
    import json

    number = new_case("--track", "ogp", "--source", "court")
    add_hearing(cli, number, "26/11/2026 09:30")
    _, before = feed(cli)
    [(uid, event)] = events(before).items()
    assert cli("hearing", "remove", number, "--reason", "entered on the wrong case").exit_code == 0
    _, after = feed(cli)
    removed = events(after)[uid]  # the same event, revised
    assert str(removed["status"]) == "CANCELLED" and removed["sequence"] == 1
    assert str(removed["transp"]) == "TRANSPARENT" and "removed" in str(removed["summary"])
    assert json.loads(cli("hearing", "list", "-f", "json").stdout) == []  # the roll itself no longer shows it
    assert number not in cli("hearing", "list").stdout
    _, later = feed(cli, "--date", "27/11/2026")  # outside the exported window: gone
    assert list(events(later)) == []


# --- planned visits beside the hearings ------------------------------------------------------------------

NOTE = "ZZ-PLANTED-NOTE"


def plan_visit(cli, number, next_day, *extra) -> str:
    """A home visit today that plans the next one; returns the event's UID (the contact's)."""
    import json

    result = cli("visit", "add", number, "--note", NOTE, "--minutes", "30", "--next", next_day, "--no-input", *extra)
    assert result.exit_code == 0, result.output
    latest = max(row["id"] for row in json.loads(cli("visit", "list", number, "-f", "json").stdout))
    return f"visit-{latest}@huurbeg"


def test_a_planned_visit_is_an_all_day_event_of_the_feed_that_names_only_its_case(cli, new_case):
    from datetime import date

    number = new_case("--tenant", "Zz Plantedname", "--address", "Zzplantedstraat 9, 2800 Mechelen")
    add_hearing(cli, new_case("--track", "ogp", "--source", "court", "--allow-duplicate"), "24/11/2026 09:30")
    uid = plan_visit(cli, number, "30/11/2026")
    text, calendar = feed(cli)
    visit = events(calendar)[uid]
    assert len(events(calendar)) == 2  # beside the hearing
    assert str(visit["status"]) == "CONFIRMED" and visit["sequence"] == 0
    assert visit.get("dtstart").dt == date(2026, 11, 30) and visit.get("dtend").dt == date(2026, 12, 1)
    assert str(visit["summary"]) == f"Contact planned: {number}"
    for personal in ("Plantedname", "Zzplantedstraat", NOTE):
        assert personal.lower() not in text.lower()
    dutch = cli("hearing", "list", "--within", "30", "-f", "ics", env={"HUURBEG_LANG": "nl"})
    assert dutch.exit_code == 0, dutch.output
    assert str(events(Calendar.from_ical(dutch.stdout))[uid]["summary"]) == f"Contact gepland: {number}"
    _, later = feed(cli, "--date", "01/12/2026")  # outside the exported window: not there
    assert uid not in events(later)


def test_the_contact_a_phone_call_planned_is_named_a_contact_not_a_visit(cli, new_case):
    """Only the day of the next contact is planned, not its kind: the event names it neutrally, in the feed's
    language, whatever kind of contact planned it."""
    number = new_case()
    uid = plan_visit(cli, number, "30/11/2026", "--kind", "phone")
    _, calendar = feed(cli)
    assert str(events(calendar)[uid]["summary"]) == f"Contact planned: {number}"
    cli("visit", "add", number, "--kind", "phone", "--note", NOTE, "--next", "29/11/2026", "--no-input")
    dutch = cli("hearing", "list", "--within", "30", "-f", "ics", env={"HUURBEG_LANG": "nl"})
    assert dutch.exit_code == 0, dutch.output
    summaries = {str(event["summary"]) for event in events(Calendar.from_ical(dutch.stdout)).values()}
    assert summaries == {f"Contact gepland: {number}", f"Contact gepland: {number} (vervallen)"}


def test_a_replaced_plan_is_cancelled_and_its_successor_added(cli, new_case):
    number = new_case()
    first = plan_visit(cli, number, "30/11/2026")
    second = plan_visit(cli, number, "07/12/2026", "--kind", "phone")
    _, calendar = feed(cli)
    found = events(calendar)
    assert str(found[first]["status"]) == "CANCELLED" and found[first]["sequence"] == 1
    assert "cancelled" in str(found[first]["summary"])
    assert str(found[second]["status"]) == "CONFIRMED" and found[second]["sequence"] == 0


def test_a_corrected_plan_moves_with_a_higher_revision_and_a_withdrawn_one_is_cancelled(cli, new_case):
    from datetime import date

    number = new_case()
    uid = plan_visit(cli, number, "30/11/2026")
    contact = uid.removeprefix("visit-").removesuffix("@huurbeg")
    assert cli("visit", "edit", number, contact, "--next", "02/12/2026").exit_code == 0
    moved = events(feed(cli)[1])[uid]  # the same event, revised
    assert moved.get("dtstart").dt == date(2026, 12, 2) and moved["sequence"] == 1
    assert str(moved["status"]) == "CONFIRMED"
    assert cli("visit", "remove", number, contact, "--reason", "entered on the wrong case").exit_code == 0
    removed = events(feed(cli)[1])[uid]
    assert str(removed["status"]) == "CANCELLED" and removed["sequence"] == 3


def test_a_plan_its_correction_cleared_stays_in_the_feed_cancelled_on_its_day(cli, new_case):
    import json
    from datetime import date

    number = new_case()
    uid = plan_visit(cli, number, "30/11/2026")
    contact = uid.removeprefix("visit-").removesuffix("@huurbeg")
    cleared = cli("visit", "edit", number, contact, "--next", "")
    assert cleared.exit_code == 0, cleared.output
    assert [row["next"] for row in json.loads(cli("visit", "list", number, "-f", "json").stdout)] == [None]
    event = events(feed(cli)[1])[uid]  # the plan's event, cancelled on the day it held, a higher revision
    assert str(event["status"]) == "CANCELLED" and event["sequence"] == 2
    assert event.get("dtstart").dt == date(2026, 11, 30) and "cancelled" in str(event["summary"])
    assert uid not in events(feed(cli, "--date", "01/12/2026")[1])  # outside the window, as its day is
    history = cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "160"}).stdout
    assert "volgend contact van 30/11/2026 gewist" in history


def test_a_kept_plan_and_a_closed_case_leave_the_feed_cancelled(cli, new_case):
    number = new_case("--date", "01/11/2026")
    uid = plan_visit(cli, number, "22/11/2026", "--date", "20/11/2026")  # planned for today
    assert str(events(feed(cli)[1])[uid]["status"]) == "CONFIRMED"
    assert cli("visit", "add", number, "--minutes", "20", "--no-input").exit_code == 0  # kept today
    assert str(events(feed(cli)[1])[uid]["status"]) == "CANCELLED"
    other = new_case("--allow-duplicate")
    closing = plan_visit(cli, other, "28/11/2026")
    assert cli("case", "close", other, "--outcome", "eviction-prevented", "--no-input").exit_code == 0
    assert str(events(feed(cli)[1])[closing]["status"]) == "CANCELLED"


@pytest.mark.sqlite_only  # on a file any account name is a worker; a server's roles are test_caseworkers' own
def test_the_feed_of_one_worker_holds_the_visits_of_their_cases_and_of_one_court_none(cli, new_case):
    other = "karim"
    mine, theirs = new_case(), new_case("--allow-duplicate")
    ours, others = plan_visit(cli, mine, "30/11/2026"), plan_visit(cli, theirs, "01/12/2026")
    assert cli("case", "assign", theirs, "--to", other).exit_code == 0
    assert list(events(feed(cli, "--within", "30", "--mine")[1])) == [ours]
    assert list(events(feed(cli, "--within", "30", "--worker", other)[1])) == [others]
    assert list(events(feed(cli, "--within", "30", "--court", "Mechelen")[1])) == []


# --- the bailiff's announced eviction --------------------------------------------------------------------

def announced_eviction(cli, new_case, when="07/12/2026 09:00") -> tuple[str, str]:
    """A dissolved lease, its judgment served, the eviction announced; returns the case number and the event's UID."""
    number = new_case("--track", "ogp", "--source", "court", "--tenant", "Zz Evictedname",
                      "--address", "Zzevictstraat 4, 2800 Mechelen", "--allow-duplicate")
    assert cli("hearing", "add", number, "--date", "20/11/2026 09:30", "--court", "Vredegerecht Mechelen",
               "--petition-date", "10/11/2026", "--force").exit_code == 0
    result = cli("hearing", "outcome", number, "--result", "dissolved", env={"HUURBEG_TODAY": "2026-11-20"})
    assert result.exit_code == 0, result.output
    assert cli("hearing", "served", number, "--date", "21/11/2026", "--term-days", "1").exit_code == 0
    result = cli("hearing", "eviction", number, "--date", when, "--announced", "21/11/2026")
    assert result.exit_code == 0, result.output
    return number, next(uid for uid, event in events(feed(cli)[1]).items()
                        if uid.startswith("eviction-") and str(event["summary"]).startswith(f"Eviction {number}"))


def test_the_announced_eviction_is_an_event_of_the_feed_named_by_its_case_alone(cli, new_case):
    from datetime import datetime

    number, uid = announced_eviction(cli, new_case)
    text, calendar = feed(cli)
    eviction = events(calendar)[uid]
    assert str(eviction["status"]) == "CONFIRMED" and eviction["sequence"] == 0
    assert eviction.get("dtstart").dt == datetime(2026, 12, 7, 9, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert str(eviction["summary"]) == f"Eviction {number}"
    for personal in ("Evictedname", "Zzevictstraat"):
        assert personal.lower() not in text.lower()
    dutch = cli("hearing", "list", "--within", "30", "-f", "ics", env={"HUURBEG_LANG": "nl"})
    assert str(events(Calendar.from_ical(dutch.stdout))[uid]["summary"]) == f"Uithuiszetting {number}"
    assert uid not in events(feed(cli, "--date", "08/12/2026")[1])  # outside the exported window
    assert uid not in events(feed(cli, "--within", "30", "--court", "Mechelen")[1])  # a court's feed: its sessions


def test_an_eviction_moved_withdrawn_or_ended_is_revised_then_cancelled(cli, new_case):
    from datetime import datetime

    number, uid = announced_eviction(cli, new_case)
    moved = cli("hearing", "eviction", number, "--date", "09/12/2026 10:00", "--announced", "21/11/2026", "--correct")
    assert moved.exit_code == 0, moved.output
    event = events(feed(cli)[1])[uid]  # the same event, at its new hour, a higher revision
    assert event.get("dtstart").dt == datetime(2026, 12, 9, 10, 0, tzinfo=ZoneInfo("Europe/Brussels"))
    assert event["sequence"] == 1 and str(event["status"]) == "CONFIRMED"
    assert cli("hearing", "eviction-remove", number, "--reason", "typed on the wrong case").exit_code == 0
    withdrawn = events(feed(cli)[1])[uid]  # still there, on its last day, cancelled
    assert str(withdrawn["status"]) == "CANCELLED" and withdrawn["sequence"] == 2
    assert withdrawn.get("dtstart").dt == date(2026, 12, 9) and "cancelled" in str(withdrawn["summary"])
    other, ended_uid = announced_eviction(cli, new_case, "01/12/2026 08:00")
    result = cli("hearing", "eviction", other, "--result", "averted", env={"HUURBEG_TODAY": "2026-11-30"})
    assert result.exit_code == 0, result.output
    ended = events(feed(cli, "--within", "30")[1])[ended_uid]
    assert str(ended["status"]) == "CANCELLED" and ended["sequence"] == 1
    assert "averted" in str(ended["summary"])
