"""A conciliation session (verzoening) of a pre-OGP case at the Justice of the Peace, and the court's figures,
which count only what happened: a session still to come is scheduled, never held."""

import json
import os
import sqlite3
from datetime import date

import pytest

from conftest import assert_one_line_error, query, snapshot
from huurbeg.db.figures import Figures
from huurbeg.db.sql import Connection


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def conciliation(cli, number, when="24/11/2026 10:00", *extra, env=None):
    return cli("hearing", "add", number, "--kind", "conciliation", "--date", when, "--court",
               "Vredegerecht Mechelen", *extra, env=env)


@pytest.fixture
def pre_ogp(new_case):
    return new_case("--track", "pre-ogp")


def test_a_conciliation_keeps_the_case_on_pre_ogp_and_sits_on_the_roll(cli, pre_ogp, new_case):
    other = new_case("--track", "ogp", "--source", "court", "--tenant", "An Claes", "--address", "Markt 2")
    ok(cli("hearing", "add", other, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    said = ok(conciliation(cli, pre_ogp, "24/11/2026 10:00", "--room", "2")).stderr
    assert "conciliation session on 24/11/2026 10:00 at Vredegerecht Mechelen" in said and "stays on pre-OGP" in said
    case = as_json(cli("case", "show", pre_ogp, "-f", "json"))
    assert case["track"] == "pre-ogp" and [t["track"] for t in case["tracks"]] == ["pre-ogp"]
    roll = as_json(cli("hearing", "list", "-f", "json"))
    assert [(r["case"], r["kind"]) for r in roll] == [(other, "hearing"), (pre_ogp, "conciliation")]
    table = cli("hearing", "list").stdout
    assert table.count("Vredegerecht Mechelen") == 1  # one session of the court that morning, both on it
    assert "Session" in table and "conciliation" in table
    feed = cli("hearing", "list", "-f", "ics").stdout
    assert f"SUMMARY:Conciliation {pre_ogp}" in feed and f"SUMMARY:Hearing {other}" in feed
    history = as_json(cli("case", "history", pre_ogp, "-f", "json"))
    assert "conciliation 2 on 2026-11-24 10:00 at Vredegerecht Mechelen" in [e["detail"] for e in history]
    nl = cli("case", "history", pre_ogp, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "verzoening 2 op 24/11/2026 10:00 bij Vredegerecht Mechelen" in nl
    dutch_roll = cli("hearing", "list", env={"HUURBEG_LANG": "nl"}).stdout
    assert "verzoening" in dutch_roll
    exported = as_json(cli("case", "export", pre_ogp, "--format", "json"))
    assert [h["kind"] for case in exported["cases"] for h in case["hearings"]] == ["conciliation"]
    # going to court stays the worker's decision; then a hearing is a hearing again
    ok(cli("case", "track", pre_ogp, "--to", "ogp"))
    assert as_json(cli("case", "show", pre_ogp, "-f", "json"))["track"] == "ogp"


def test_a_pending_conciliation_is_no_ogp_deadline(cli, pre_ogp):
    ok(conciliation(cli, pre_ogp, "23/11/2026 10:00"))
    rules = [w["rule"] for w in as_json(cli("deadlines", "-f", "json", "--within", "60"))]
    assert "hearing-due" not in rules


def test_the_dossier_shows_a_pending_conciliation_as_the_next_session(cli, pre_ogp):
    ok(conciliation(cli, pre_ogp, "24/11/2026 10:00", "--room", "2"))
    court = as_json(cli("case", "show", pre_ogp, "-f", "json"))["court"]
    assert court["next_hearing"] == {"kind": "conciliation", "starts_at": "2026-11-24T10:00:00",
                                     "court": "Vredegerecht Mechelen", "room": "2"}
    shown = " ".join(cli("case", "show", pre_ogp, env={"COLUMNS": "120"}).stdout.split())
    assert "Next session 24/11/2026 10:00, Vredegerecht Mechelen, room 2 (conciliation)" in shown, shown
    ok(cli("hearing", "outcome", pre_ogp, "--result", "no-agreement", env={"HUURBEG_TODAY": "2026-11-24"}))
    court = as_json(cli("case", "show", pre_ogp, "-f", "json"))["court"]
    assert court["next_hearing"] is None and court["last_outcome"]["kind"] == "conciliation"
    shown = " ".join(cli("case", "show", pre_ogp, env={"COLUMNS": "120"}).stdout.split())
    assert "Last conciliation no-agreement (conciliation session of 24/11/2026)" in shown, shown
    dutch = " ".join(cli("case", "show", pre_ogp, env={"HUURBEG_LANG": "nl", "COLUMNS": "120"}).stdout.split())
    assert "geen akkoord (verzoeningszitting van 24/11/2026)" in dutch, dutch


@pytest.mark.parametrize("typed, stored", [("agreement", "agreement"), ("no-agreement", "no-agreement"),
                                           ("tenant-absent", "tenant-absent"), ("withdrawn", "withdrawn"),
                                           ("akkoord", "agreement"), ("geen-akkoord", "no-agreement"),
                                           ("afwezig", "tenant-absent"), ("ingetrokken", "withdrawn")])
def test_the_outcomes_of_a_conciliation(cli, pre_ogp, typed, stored):
    ok(conciliation(cli, pre_ogp, "20/11/2026 10:00"))
    said = ok(cli("hearing", "outcome", pre_ogp, "--result", typed)).stderr
    assert f"{pre_ogp}: conciliation session: {stored}." in said
    [row] = as_json(cli("hearing", "list", "--date", "20/11/2026", "-f", "json"))
    assert (row["kind"], row["result"]) == ("conciliation", stored)
    assert as_json(cli("case", "show", pre_ogp, "-f", "json"))["track"] == "pre-ogp"


def test_a_conciliation_outcome_is_corrected_and_withdrawn(cli, pre_ogp):
    ok(conciliation(cli, pre_ogp, "20/11/2026 10:00"))
    ok(cli("hearing", "outcome", pre_ogp, "--result", "no-agreement"))
    said = ok(cli("hearing", "outcome", pre_ogp, "--result", "agreement", "--correct")).stderr
    assert "outcome no-agreement of the hearing of 20/11/2026 10:00 withdrawn" in said
    assert as_json(cli("hearing", "list", "--date", "20/11/2026", "-f", "json"))[0]["result"] == "agreement"
    nl = cli("case", "history", pre_ogp, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "geen akkoord" in nl and "akkoord bereikt" in nl  # the outcomes in words, not as slugs


def test_a_conciliation_may_be_withdrawn_before_its_day_nothing_else(cli, pre_ogp, db_path):
    ok(conciliation(cli, pre_ogp, "03/12/2026 10:00"))
    before = snapshot(db_path)
    for result in ("agreement", "no-agreement", "tenant-absent"):
        assert_one_line_error(cli("hearing", "outcome", pre_ogp, "--result", result), code=4,
                              contains="conciliation session of 03/12/2026 is still to come")
    assert snapshot(db_path) == before
    ok(cli("hearing", "outcome", pre_ogp, "--result", "withdrawn"))
    assert "STATUS:CANCELLED" in cli("hearing", "list", "-f", "ics").stdout


@pytest.mark.parametrize("lang, said", [("en", "a conciliation session is for a pre-OGP case"),
                                        ("nl", "een verzoeningszitting is voor een pre-OGP-dossier")])
@pytest.mark.parametrize("track", ["pw", "ogp", "dw"])
def test_a_conciliation_on_a_case_not_on_pre_ogp_writes_nothing(cli, new_case, db_path, track, lang, said):
    number = new_case("--track", track, "--source", "court" if track == "ogp" else "tenant")
    before = snapshot(db_path)
    assert_one_line_error(conciliation(cli, number, env={"HUURBEG_LANG": lang}), code=4, contains=said)
    assert snapshot(db_path) == before


@pytest.mark.parametrize("lang, said", [("en", "'settled' is an outcome of a hearing; a conciliation session ends in "
                                               "one of: agreement, no-agreement, tenant-absent, withdrawn"),
                                        ("nl", "'settled' is een uitspraak van een zitting; een verzoeningszitting "
                                               "eindigt in een van: akkoord")])
@pytest.mark.parametrize("result", ["settled", "postponed", "plan-imposed", "dissolved", "other"])
def test_a_hearings_outcome_on_a_conciliation_writes_nothing(cli, pre_ogp, db_path, result, lang, said):
    ok(conciliation(cli, pre_ogp, "20/11/2026 10:00"))
    before = snapshot(db_path)
    extra = {"postponed": ["--new-date", "30/11/2026 10:00"], "dissolved": ["--eviction-date", "30/12/2026"]}
    outcome = cli("hearing", "outcome", pre_ogp, "--result", result, *extra.get(result, []),
                  env={"HUURBEG_LANG": lang})
    assert_one_line_error(outcome, code=2, contains=said.replace("'settled'", repr(result)))
    assert snapshot(db_path) == before


@pytest.mark.parametrize("result", ["agreement", "no-agreement", "tenant-absent", "geen-akkoord"])
def test_a_conciliations_outcome_on_a_hearing_writes_nothing(cli, new_case, db_path, result):
    number = new_case("--track", "ogp", "--source", "court")
    ok(cli("hearing", "add", number, "--date", "20/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome", number, "--result", result), code=2,
                          contains="is an outcome of a conciliation session; a hearing ends in one of: settled")
    assert snapshot(db_path) == before


def test_a_conciliation_has_no_petition(cli, pre_ogp, db_path):
    before = snapshot(db_path)
    assert_one_line_error(conciliation(cli, pre_ogp, "24/11/2026 10:00", "--petition-date", "18/11/2026"), code=2,
                          contains="--petition-date: a conciliation session has no petition")
    assert snapshot(db_path) == before


def test_an_outcome_of_neither_kind_lists_both(cli, pre_ogp, db_path):
    ok(conciliation(cli, pre_ogp, "20/11/2026 10:00"))
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "outcome", pre_ogp, "--result", "won"), code=2,
                          contains="of a conciliation session: agreement, no-agreement")
    assert snapshot(db_path) == before


def test_an_existing_hearing_is_a_hearing_after_the_upgrade(cli, new_case, db_path):
    number = new_case("--track", "ogp", "--source", "court")
    ok(cli("hearing", "add", number, "--date", "24/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    assert query(db_path, "SELECT kind FROM hearing") == [("hearing",)]


# --- the court's figures: what happened by today -------------------------------------------

def figures(cli, month="2026-11", today=None) -> dict:
    env = {"HUURBEG_TODAY": today} if today else None
    return {(r["figure"], r["breakdown"]): r["value"]
            for r in as_json(cli("stats", "--month", month, "-f", "json", env=env))}


def test_a_session_still_to_come_is_scheduled_never_held(cli, new_case, pre_ogp):
    """Today is 22/11/2026: a hearing on the 20th without an outcome took place (pending); one on the 30th
    is still to come; the same for conciliations, and a conciliation withdrawn before its day counts as such."""
    court = new_case("--track", "ogp", "--source", "court", "--tenant", "A", "--address", "A 1")
    later = new_case("--track", "ogp", "--source", "court", "--tenant", "B", "--address", "B 2")
    second = new_case("--track", "pre-ogp", "--tenant", "C", "--address", "C 3")
    third = new_case("--track", "pre-ogp", "--tenant", "D", "--address", "D 4")
    ok(cli("hearing", "add", court, "--date", "20/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    ok(cli("hearing", "add", later, "--date", "30/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    ok(conciliation(cli, pre_ogp, "18/11/2026 10:00"))
    ok(cli("hearing", "outcome", pre_ogp, "--result", "agreement"))
    ok(conciliation(cli, second, "27/11/2026 10:00"))
    ok(conciliation(cli, third, "30/11/2026 10:00"))
    ok(cli("hearing", "outcome", third, "--result", "withdrawn"))  # before its day: the landlord withdrew
    shown = figures(cli)
    assert (shown[("hearings", "")], shown[("hearings", "result=pending")], shown[("hearings_scheduled", "")]) == \
        (1, 1, 1)
    assert (shown[("conciliations", "")], shown[("conciliations", "result=agreement")],
            shown[("conciliations", "result=withdrawn")], shown[("conciliations", "result=pending")],
            shown[("conciliations_scheduled", "")]) == (2, 1, 1, 0, 1)
    assert shown[("hearings", "result=withdrawn")] == 0  # a conciliation is not a hearing
    # the month over: every session took place, and those without an outcome are pending
    after = figures(cli, today="2026-12-01")
    assert (after[("hearings", "")], after[("hearings", "result=pending")], after[("hearings_scheduled", "")]) == \
        (2, 2, 0)
    assert (after[("conciliations", "")], after[("conciliations", "result=pending")],
            after[("conciliations_scheduled", "")]) == (3, 1, 0)
    # a later month: all still to come
    ok(cli("hearing", "outcome", later, "--result", "postponed", "--new-date", "14/01/2027 09:00"))
    january = figures(cli, "2027-01")
    assert (january[("hearings", "")], january[("hearings_scheduled", "")]) == (0, 1)
    table = cli("stats", "--month", "2026-11").stdout
    assert "hearings scheduled" in table and "conciliation sessions" in table
    dutch = cli("stats", "--month", "2026-11", env={"HUURBEG_LANG": "nl"}).stdout
    assert "zittingen gepland" in dutch and "verzoeningszittingen" in dutch and "akkoord bereikt 1" in dutch


@pytest.mark.sqlite_only  # read here through sqlite3, as a lookup reads a file
def test_the_figures_count_by_the_day_given(cli, new_case):
    """The aggregates themselves, with a fixed today, on the database a command made."""
    number = new_case("--track", "ogp", "--source", "court")
    ok(cli("hearing", "add", number, "--date", "25/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    with sqlite3.connect(os.environ["HUURBEG_DB"]) as raw:
        db = Connection(raw, "sqlite")
        first, last = date(2026, 11, 1), date(2026, 11, 30)
        assert Figures(db, first, last, date(2026, 11, 24)).hearings(scheduled=True) == {None: 1}
        assert Figures(db, first, last, date(2026, 11, 24)).hearings() == {None: 0}
        assert Figures(db, first, last, date(2026, 11, 25)).hearings() == {None: 1, "pending": 1}  # its day
        assert Figures(db, first, last, date(2026, 11, 25)).hearings(scheduled=True) == {None: 0}


def test_a_conciliations_outcome_is_no_judgment_in_the_dossier_the_brief_the_roll_and_the_timeline(cli, pre_ogp):
    on = {"HUURBEG_TODAY": "2026-11-24", "HUURBEG_LANG": "nl", "COLUMNS": "120"}
    ok(conciliation(cli, pre_ogp, "24/11/2026 10:00", env=on))
    ok(cli("hearing", "outcome", pre_ogp, "--result", "no-agreement", env=on))
    ok(conciliation(cli, pre_ogp, "01/12/2026 10:00", env=on))
    shown = ok(cli("case", "show", pre_ogp, env=on)).stdout
    assert "Laatste verzoening" in shown and "geen akkoord (verzoeningszitting van 24/11/2026)" in shown
    assert "verzoening 1: geen akkoord" in shown
    assert "Laatste uitspraak" not in shown and "zitting 1" not in shown
    brief = ok(cli("hearing", "brief", pre_ogp, env=on)).stdout
    assert "Verzoeningszitting" in brief and "verzoening over 7 dagen" in brief
    assert "Uitspraak" not in brief and "Resultaat" in brief
    roll = ok(cli("hearing", "list", "--date", "24/11/2026", env=on)).stdout
    assert "Resultaat" in roll and "Uitspraak" not in roll
    ok(cli("hearing", "outcome-remove", pre_ogp, "--reason", "verkeerd dossier", env=on | {
        "HUURBEG_TODAY": "2026-12-01"}))
    ok(cli("hearing", "outcome", pre_ogp, "--result", "agreement", env=on | {"HUURBEG_TODAY": "2026-12-01"}))
    history = ok(cli("case", "history", pre_ogp, env=on)).stdout
    assert "verzoening 1: afloop geen akkoord ingetrokken; reden: verkeerd dossier" in history
    assert "verzoening 1: akkoord bereikt" in history and "zitting 1" not in history


@pytest.mark.sqlite_only  # writes the history lines of an older version into the file
def test_a_conciliations_older_history_lines_read_as_a_conciliation_without_changing_them(cli, pre_ogp, new_case,
                                                                                          db_path):
    ok(conciliation(cli, pre_ogp, "20/11/2026 10:00"))
    hearing = new_case("--track", "ogp", "--source", "court", "--allow-duplicate")
    ok(cli("hearing", "add", hearing, "--date", "20/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    (session,), (court,) = query(db_path, "SELECT id FROM hearing ORDER BY id")
    older = [f"hearing {session} on 2026-11-20 10:00 at Vredegerecht Mechelen", f"hearing {session}: settled"]
    with sqlite3.connect(db_path) as connection:  # as huurbeg wrote them before a conciliation had its kind
        case_id, = connection.execute("SELECT case_id FROM hearing WHERE id = ?", (session,)).fetchone()
        connection.executemany("INSERT INTO history (at, os_user, case_id, action, detail) VALUES "
                               "('2026-11-20 12:00:00', 'root', ?, 'hearing', ?)", [(case_id, d) for d in older])
        connection.execute("INSERT INTO history (at, os_user, case_id, action, detail) VALUES "
                           "('2026-11-20 12:00:00', 'root', (SELECT case_id FROM hearing WHERE id = ?), 'hearing', ?)",
                           (court, f"hearing {court}: settled"))
    wide = {"COLUMNS": "200"}
    dutch = ok(cli("case", "history", pre_ogp, env=wide | {"HUURBEG_LANG": "nl"})).stdout
    assert f"verzoening {session} op 20/11/2026 10:00" in dutch and f"zitting {session}" not in dutch
    english = ok(cli("case", "history", pre_ogp, env=wide)).stdout
    assert f"conciliation {session}: settled" in english and f"hearing {session}" not in english
    assert f"zitting {court}: " in ok(cli("case", "history", hearing, env=wide | {"HUURBEG_LANG": "nl"})).stdout
    stored = [row["detail"] for row in as_json(cli("case", "history", pre_ogp, "-f", "json"))]
    assert all(line in stored for line in older)  # the history as it was written
