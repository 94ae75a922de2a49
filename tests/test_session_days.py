"""A day no court sits, and an hour nobody is invited at: a hearing on a Saturday, Sunday or public holiday, an
invitation in the past, months ahead, on a Sunday or at night is asked about on a terminal and refused without
one unless --force, with nothing written."""

from datetime import date, datetime

import pytest

from conftest import answer, assert_one_line_error, query, snapshot, spawn_huurbeg
from huurbeg.domain.rules import appointment_doubts, hearing_doubts

TODAY = date(2026, 11, 22)  # the tests' today, a Sunday


@pytest.mark.parametrize("at, doubted", [
    (datetime(2026, 11, 28, 9, 30), True),  # Saturday
    (datetime(2026, 11, 29, 9, 30), True),  # Sunday
    (datetime(2026, 12, 25, 9, 30), True),  # Christmas, a Friday
    (datetime(2027, 7, 21, 9, 30), True),  # the national holiday, a Wednesday
    (datetime(2026, 11, 30, 9, 30), False),  # Monday
    (datetime(2026, 11, 11, 14, 0), True),  # Armistice, a Wednesday
])
def test_a_hearing_on_a_day_no_court_sits_is_doubted(at, doubted):
    found = hearing_doubts(at)
    assert bool(found) is doubted
    if doubted:
        assert found[0].field == "date" and f"{at:%d/%m/%Y}" in str(found[0])


@pytest.mark.parametrize("at, flags", [
    (datetime(2026, 11, 24, 14, 0), []),
    (datetime(2026, 11, 28, 10, 0), []),  # a Saturday morning is a time a household is at home
    (datetime(2027, 11, 24, 14, 0), ["--date"]),  # a year ahead: the year filled in wrongly
    (datetime(2027, 2, 22, 14, 0), []),  # three months ahead
    (datetime(2027, 2, 23, 14, 0), ["--date"]),
    (datetime(2026, 11, 29, 21, 0), ["--date", "--time"]),  # Sunday at nine in the evening
    (datetime(2026, 12, 25, 10, 0), ["--date"]),
    (datetime(2026, 11, 24, 7, 30), ["--time"]),
    (datetime(2026, 11, 24, 20, 0), []),
])
def test_what_is_doubted_in_an_invitation(at, flags):
    assert ["--" + doubt.field for doubt in appointment_doubts(at, TODAY)] == flags


def pending(cli, new_case, when="24/11/2026 09:30") -> str:
    number = new_case("--track", "ogp")
    result = cli("hearing", "add", number, "--date", when, "--court", "Vredegerecht Mechelen")
    assert result.exit_code == 0, result.output
    return number


SETTING_A_DAY = [  # every command that sets the day of a session
    ["hearing", "add", "{n}", "--date", "28/11/2026 09:30", "--court", "Vredegerecht Mechelen"],
    ["hearing", "edit", "{n}", "--date", "25/12/2026 09:30"],
    ["hearing", "outcome", "{n}", "--result", "postponed", "--new-date", "29/11/2026 10:00"],
]


@pytest.mark.parametrize("args", SETTING_A_DAY, ids=lambda a: a[1])
@pytest.mark.parametrize("lang, said", [("en", "is not a working day"), ("nl", "is geen werkdag")])
def test_a_session_on_a_day_no_court_sits_is_refused_without_force(cli, new_case, db_path, args, lang, said):
    number = pending(cli, new_case)
    assert cli("case", "list", env={"HUURBEG_TODAY": "2026-11-24"}).exit_code == 0  # the day's check, done
    before = snapshot(db_path)
    command = [part.format(n=number) for part in args]
    result = cli(*command, env={"HUURBEG_LANG": lang, "HUURBEG_TODAY": "2026-11-24"})
    assert_one_line_error(result, code=4, contains=said)
    assert "--force" in result.stderr and ("--new-date" if "outcome" in args else "--date") in result.stderr
    assert snapshot(db_path) == before
    forced = cli(*command, "--force", env={"HUURBEG_TODAY": "2026-11-24"})
    assert forced.exit_code == 0, forced.output
    assert snapshot(db_path) != before


def test_a_session_on_a_working_day_is_not_asked_about(cli, new_case):
    number = pending(cli, new_case)
    result = cli("hearing", "edit", number, "--date", "30/11/2026 09:30")
    assert result.exit_code == 0, result.output


pexpect = pytest.importorskip("pexpect")


def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("keys, code, hearings", [("\r", 130, 0), ("j\r", 0, 1)])
def test_on_a_terminal_a_saturday_hearing_is_asked_about(cli, new_case, db_path, keys, code, hearings):
    number = new_case("--track", "ogp")
    child = spawn_huurbeg(db_path, "hearing", "add", number, "--date", "28/11/2026 09:30", "--court",
                          "Vredegerecht Mechelen", lang="nl")
    answer(child, "zaterdag 28/11/2026 is geen werkdag", keys)
    assert finish(child) == code, child.before
    assert query(None, "SELECT count(*) FROM hearing") == [(hearings,)]


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("keys, code", [("\r", 130), ("j\r", 0)])
def test_on_a_terminal_an_invitation_on_a_sunday_is_asked_about(cli, new_case, db_path, tmp_path, keys, code):
    number = new_case()
    for args in (["service", "set", "--name", "Dienst huurbegeleiding", "--organisation", "Sociaal Huis Mechelen",
                  "--address", "Grote Markt 21, 2800 Mechelen", "--phone", "015 29 76 00", "--email",
                  "huurbegeleiding@mechelen.be", "--signatory", "Els Janssens", "--place", "Mechelen"],
                 ["service", "me", "--name", "Karim Aït", "--phone", "015 11 22 33", "--email", "karim@mechelen.be"]):
        assert cli(*args).exit_code == 0
    out = tmp_path / "uitnodiging.pdf"
    child = spawn_huurbeg(db_path, "letter", number, "--to", "tenant", "--date", "29/11/2026", "--time", "10:00",
                          "--output", str(out), lang="nl")
    answer(child, "zondag 29/11/2026 is een zondag of een feestdag", keys)
    assert finish(child) == code, child.before
    assert out.exists() is (code == 0)
