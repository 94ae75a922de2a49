"""A court's notice opens an OGP case before the tenant is reached (art. 1344ter Ger.W.), and only a contact
that reached the household makes it "prepared": a letter nobody answered or a door that stayed shut is work
done, counted in the hours, but no contact for the hearing, the roll or the no-contact warnings."""

import json
import sqlite3
from datetime import date, datetime

import pytest

from conftest import assert_one_line_error, snapshot
from huurbeg.core.codes import Severity, Status, Track
from huurbeg.domain.rules import CaseFacts, reaches, warnings_for

TODAY = date(2026, 11, 22)
HEARING = datetime(2026, 11, 25, 9, 30)  # three days ahead


def facts(**given) -> CaseFacts:
    base = dict(case="2026-0001", track=Track.OGP, status=Status.OPEN, intake_date=date(2026, 11, 20),
                track_since=date(2026, 11, 20), tenant_informed=False, hearing_at=HEARING,
                petition_date=date(2026, 11, 18))
    return CaseFacts(**(base | given))


def rule(found, name):
    return [w for w in found if w.rule == name]


# --- the rules, with a fixed today ---------------------------------------------------------

def test_a_court_notice_not_yet_reached_is_urgent_with_the_hearing_six_days_away():
    [warning] = rule(warnings_for(facts(), TODAY), "tenant-not-reached")
    assert (warning.severity, warning.due) == (Severity.URGENT, HEARING.date())
    assert str(warning.message) == "tenant not reached before hearing"


def test_far_from_the_hearing_it_is_a_warning_and_without_one_too():
    later = facts(hearing_at=datetime(2026, 12, 15, 9, 0))
    assert [w.severity for w in rule(warnings_for(later, TODAY), "tenant-not-reached")] == [Severity.WARNING]
    assert [w.severity for w in rule(warnings_for(facts(hearing_at=None), TODAY), "tenant-not-reached")] == [
        Severity.WARNING]


def test_a_letter_or_a_shut_door_does_not_reach_the_household():
    written = facts(last_contact=date(2026, 11, 21), last_reached=None)
    assert rule(warnings_for(written, TODAY), "tenant-not-reached")
    [hearing] = rule(warnings_for(written, TODAY), "hearing-due")
    assert hearing.severity == Severity.URGENT and not written.prepared


def test_a_contact_that_reached_the_household_ends_it_and_prepares_the_hearing():
    reached = facts(last_contact=date(2026, 11, 21), last_reached=date(2026, 11, 21))
    assert not rule(warnings_for(reached, TODAY), "tenant-not-reached")
    assert reached.prepared
    assert rule(warnings_for(reached, TODAY), "hearing-due")[0].severity == Severity.WARNING


def test_an_informed_registration_never_carries_it():
    assert not rule(warnings_for(facts(tenant_informed=True), TODAY), "tenant-not-reached")


def test_no_contact_counts_only_contacts_that_reached_the_household():
    pw = dict(track=Track.PW, tenant_informed=True, hearing_at=None, petition_date=None,
              intake_date=date(2026, 9, 1), track_since=date(2026, 9, 1))
    letters_only = facts(**pw, last_contact=date(2026, 11, 20), last_reached=date(2026, 10, 1))
    [warning] = rule(warnings_for(letters_only, TODAY), "no-contact")
    assert warning.severity == Severity.WARNING and warning.due == date(2026, 10, 31)


@pytest.mark.parametrize("kind, expected", [("home", True), ("office", True), ("phone", True),
                                            ("consultation", True), ("hearing", True), ("letter", False),
                                            ("email", False)])
def test_what_reaches_the_household_by_default(kind, expected):
    assert reaches(kind) is expected


# --- through the command line ------------------------------------------------------------

OGP = ["intake", "--track", "ogp", "--tenant", "Sofie Claes", "--address", "Bruul 5, 2800 Mechelen",
       "--landlord", "Woonpunt", "--landlord-type", "shm", "--no-input"]


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def warnings(cli, number):
    return {w["rule"]: w["severity"] for w in json.loads(ok(cli("deadlines", "-f", "json")).stdout)
            if w["case"] == number}


def roll(cli):
    [row] = json.loads(ok(cli("hearing", "list", "--within", "7", "-f", "json")).stdout)
    return row


@pytest.mark.parametrize("source", ["court", "bailiff"])
def test_a_petition_three_days_before_the_hearing_is_followed_until_the_tenant_is_reached(cli, source):
    number = ok(cli(*OGP, "--source", source, "--date", "22/11/2026")).stdout.strip()
    ok(cli("hearing", "add", number, "--date", "25/11/2026 09:30", "--court", "Vredegerecht Mechelen",
           "--petition-date", "18/11/2026"))
    assert warnings(cli, number)["tenant-not-reached"] == "urgent"
    ok(cli("visit", number, "--kind", "letter", "--minutes", "10", "--no-input"))
    ok(cli("visit", number, "--kind", "home", "--minutes", "30", "--not-reached", "--no-input"))
    assert warnings(cli, number)["tenant-not-reached"] == "urgent"
    assert roll(cli)["prepared"] is False
    assert "NO" in ok(cli("hearing", "list", "--within", "7")).stdout
    ok(cli("visit", number, "--kind", "phone", "--minutes", "15", "--no-input"))
    assert "tenant-not-reached" not in warnings(cli, number)
    assert roll(cli)["prepared"] is True
    brief = json.loads(ok(cli("hearing", "brief", number, "-f", "json")).stdout)
    assert [c["reached"] for c in brief["contacts_since_petition"]] == [False, False, True]
    # every contact and its time still count in the figures
    figures = {(r["figure"], r["breakdown"]): r["value"]
               for r in json.loads(ok(cli("stats", "--month", "2026-11", "-f", "json")).stdout)}
    assert figures[("contacts", "")] == 3 and figures[("home_visits", "")] == 1


@pytest.mark.parametrize("track, source", [("pw", "tenant"), ("pw", "court"), ("ogp", "tenant"),
                                           ("ogp", "ocmw"), ("pre-ogp", "bailiff")])
def test_every_other_registration_still_needs_an_informed_tenant(cli, db_path, track, source):
    ok(cli("case", "list"))
    unchanged = snapshot(db_path)
    args = [a if a != "ogp" else track for a in OGP]
    assert_one_line_error(cli(*args, "--source", source), code=4, contains="--tenant-informed")
    assert snapshot(db_path) == unchanged


def test_the_door_that_stayed_shut_is_recorded_and_corrected(cli):
    number = ok(cli(*OGP, "--source", "court")).stdout.strip()
    result = ok(cli("visit", number, "--not-reached", "--minutes", "20", "--no-input"))
    assert "not reached" in result.stderr
    [contact] = json.loads(ok(cli("visit", "list", number, "-f", "json")).stdout)
    assert (contact["kind"], contact["reached"]) == ("home", False)
    ok(cli("visit", "edit", number, str(contact["id"]), "--reached"))
    [contact] = json.loads(ok(cli("visit", "list", number, "-f", "json")).stdout)
    assert contact["reached"] is True
    history = json.loads(ok(cli("case", "history", number, "-f", "json")).stdout)
    assert [e["detail"] for e in history if e["action"] == "contact"] == [
        "home contact on 2026-11-22 (household not reached), 20 min"]
    assert f"contact {contact['id']} corrected: reached" in [e["detail"] for e in history]
    dutch = " ".join(ok(cli("case", "history", number, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"})).stdout.split())
    assert "huishouden niet bereikt" in dutch
    dossier = json.loads(ok(cli("case", "show", number, "-f", "json")).stdout)
    assert dossier["contacts"][0]["reached"] is True


def test_an_answered_letter_reaches_the_household(cli):
    number = ok(cli(*OGP, "--source", "court")).stdout.strip()
    ok(cli("visit", number, "--kind", "letter", "--reached", "--no-input"))
    assert "tenant-not-reached" not in warnings(cli, number)


@pytest.mark.sqlite_only
def test_old_contacts_are_backfilled_with_the_default_of_their_kind(cli, tmp_path):
    """The step that adds `reached` can only guess for old rows: each kind's default, as a worker would have
    recorded it without saying otherwise."""
    from huurbeg.db import migrate
    from huurbeg.db.engine import make_engine, resolve

    old = tmp_path / "0012.db"
    target = resolve(str(old))
    engine = make_engine(target)
    migrate._migrate(engine, target.label, "0012")
    engine.dispose()
    now = "2026-10-01 09:00:00.000000"
    kinds = ["home", "office", "phone", "email", "letter", "consultation", "hearing"]
    with sqlite3.connect(old) as connection:
        connection.execute("INSERT INTO household (id, name, created_at) VALUES (1, 'H', ?)", (now,))
        connection.execute(
            "INSERT INTO case_file (id, number, year, seq, household_id, track, source, intake_date, tenant_informed, "
            "returning_household, status, created_at, updated_at, worker) "
            "VALUES (1, '2026-0001', 2026, 1, 1, 'ogp', 'court', '2026-10-01', 1, 0, 'open', ?, ?, 'an')", (now, now))
        connection.executemany("INSERT INTO contact (case_id, date, kind, created_at) VALUES (1, '2026-10-02', ?, ?)",
                               [(kind, now) for kind in kinds])
    assert cli("--db", str(old), "case", "list").exit_code == 0
    with sqlite3.connect(old) as connection:
        assert connection.execute("SELECT kind, reached FROM contact ORDER BY id").fetchall() == [
            (kind, int(reaches(kind))) for kind in kinds]
