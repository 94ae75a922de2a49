"""Courts as a list: a name typed is the court on record despite case, accents or one typo; split names are joined."""

import json

import pexpect
import pytest

from conftest import answer, assert_one_line_error, query, snapshot, spawn_huurbeg
from huurbeg.domain.hearings import court_match

MECHELEN = "Vredegerecht Mechelen"


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def ok(result):
    assert result.exit_code == 0, result.output
    return result


def add(cli, number, court, when="24/11/2026 09:30", *extra):
    return cli("hearing", "add", number, "--date", when, "--court", court, *extra)


@pytest.fixture
def cases(new_case):
    return [new_case("--track", "ogp", "--source", "court", "--tenant", f"Huurder {n}", "--address", f"Straat {n}")
            for n in range(3)]


# --- the rule, without a database ---------------------------------------------------------------

KNOWN = [(MECHELEN, 5), ("Vredegerecht Antwerpen 1", 2), ("Vredegerecht Gent", 1)]


@pytest.mark.parametrize("typed, same, near", [
    ("Vredegerecht Mechelen", MECHELEN, None),
    ("vredegerecht mechelen", MECHELEN, None),
    ("  VREDEGERECHT  Méchelen ", MECHELEN, None),
    ("Vredegerecht-Mechelen", MECHELEN, None),
    ("Vredegerecht Mechlen", None, MECHELEN),  # a letter missing
    ("Vredegerecht Mechelem", None, MECHELEN),  # a letter wrong
    ("Vredegerecht Mecheeln", None, MECHELEN),  # two letters swapped
    ("Vredegerecht Mechelenn", None, MECHELEN),  # a letter extra
    ("VredegerechtMechelen", None, MECHELEN),  # written together: one typo
    ("Vredegerecht Mechelen 2", None, None),  # a canton's number is no typo
    ("Vredegerecht Antwerpen 4", None, None),  # another canton, not a typo
    ("Vredegerecht Antwerpen 1", "Vredegerecht Antwerpen 1", None),
    ("Vredegerecht Genk", None, "Vredegerecht Gent"),  # close: asked, or refused without --new-court
    ("Vredegerecht Brugge", None, None),
])
def test_a_court_is_matched_ignoring_case_accents_and_one_typo(typed, same, near):
    assert court_match(typed, KNOWN) == (same, near)


def test_of_names_split_by_case_the_one_used_most_is_the_court():
    assert court_match("VREDEGERECHT MECHELEN", [("vredegerecht mechelen", 1), (MECHELEN, 4)]) == (MECHELEN, None)


# --- through the CLI ----------------------------------------------------------------------------

def test_a_court_typed_otherwise_is_the_court_on_record(cli, cases, db_path):
    ok(add(cli, cases[0], MECHELEN))
    said = ok(add(cli, cases[1], "vredegerecht méchelen", "24/11/2026 10:00")).stderr
    assert "at Vredegerecht Mechelen" in said
    ok(add(cli, cases[2], "Vredegerecht Antwerpen 1", "24/11/2026 11:00"))
    ok(cli("hearing", "edit", cases[2], "--court", "VREDEGERECHT MECHELEN"))
    assert_one_line_error(cli("hearing", "edit", cases[2], "--court", "vredegerecht mechelen"), code=2,
                          contains="nothing to change")  # the same court
    assert query(db_path, "SELECT DISTINCT court FROM hearing") == [(MECHELEN,)]
    table = cli("hearing", "list").stdout
    assert table.count(MECHELEN) == 1  # one session of one court that day


@pytest.mark.parametrize("lang, said", [("en", "'Vredegerecht Mechlen' is close to the known court "
                                               "'Vredegerecht Mechelen'; give that name, or add --new-court"),
                                        ("nl", "'Vredegerecht Mechlen' lijkt op het gekende vredegerecht "
                                               "'Vredegerecht Mechelen'")])
def test_a_new_name_close_to_a_known_court_is_refused_without_a_terminal(cli, cases, db_path, lang, said):
    ok(add(cli, cases[0], MECHELEN))
    ok(add(cli, cases[1], MECHELEN, "25/11/2026 09:30"))
    before = snapshot(db_path)
    env = {"HUURBEG_LANG": lang}
    assert_one_line_error(cli("hearing", "add", cases[2], "--date", "24/11/2026 10:00", "--court",
                              "Vredegerecht Mechlen", env=env), code=4, contains=said)
    assert_one_line_error(cli("hearing", "edit", cases[1], "--court", "Vredegerecht Mechlen", env=env), code=4,
                          contains=said)
    pre_ogp = ok(cli("intake", "--track", "pre-ogp", "--tenant", "E", "--source", "tenant", "--tenant-informed",
                     "--no-input")).stdout.strip()
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "add", pre_ogp, "--kind", "conciliation", "--date", "24/11/2026 11:00",
                              "--court", "Vredegerecht Mechlen", env=env), code=4, contains=said)
    assert snapshot(db_path) == before
    ok(add(cli, cases[2], "Vredegerecht Mechlen", "24/11/2026 10:00", "--new-court"))  # another court after all
    ok(cli("hearing", "edit", cases[1], "--court", "Vredegerecht Mechlen", "--new-court"))
    assert sorted(query(db_path, "SELECT court FROM hearing ORDER BY id")) == \
        [(MECHELEN,), ("Vredegerecht Mechlen",), ("Vredegerecht Mechlen",)]


def test_the_roll_is_one_session_per_court_and_day(cli, cases):
    ok(add(cli, cases[0], MECHELEN, "24/11/2026 09:00"))
    ok(add(cli, cases[1], "Vredegerecht Antwerpen 1", "24/11/2026 09:30"))
    ok(add(cli, cases[2], "vredegerecht mechelen", "24/11/2026 10:00"))
    roll = cli("hearing", "list").stdout
    assert roll.count("— Vredegerecht Mechelen") == 1 and roll.count("— Vredegerecht Antwerpen 1") == 1
    mechelen = roll.split("— Vredegerecht Mechelen")[1].split("—")[0]
    assert "09:00" in mechelen and "10:00" in mechelen and mechelen.index("09:00") < mechelen.index("10:00")


def test_another_canton_needs_no_flag(cli, cases, db_path):
    ok(add(cli, cases[0], "Vredegerecht Antwerpen 1"))
    ok(add(cli, cases[1], "Vredegerecht Antwerpen 4"))
    assert query(db_path, "SELECT court FROM hearing ORDER BY id") == [("Vredegerecht Antwerpen 1",),
                                                                       ("Vredegerecht Antwerpen 4",)]


def test_split_names_are_listed_and_joined(cli, cases, db_path):
    ok(add(cli, cases[0], MECHELEN))
    ok(add(cli, cases[1], "Vredegerecht Mechlen", "24/11/2026 10:00", "--new-court"))
    ok(add(cli, cases[2], "Vredegerecht Mechlen", "24/11/2026 11:00"))  # the same spelling again: that court
    ok(add(cli, cases[2], "Vredegerecht Antwerpen 1", "02/12/2026 11:00"))
    assert as_json(cli("hearing", "courts", "-f", "json")) == [
        {"court": "Vredegerecht Antwerpen 1", "hearings": 1}, {"court": MECHELEN, "hearings": 1},
        {"court": "Vredegerecht Mechlen", "hearings": 2}]
    listed = cli("hearing", "courts").stdout
    assert "Vredegerecht Mechlen" in listed and "Hearings" in listed
    before_roll = cli("hearing", "list").stdout
    assert before_roll.count("— Vredegerecht Mechlen") == 1 and before_roll.count("— Vredegerecht Mechelen") == 1
    feed_before = cli("hearing", "list", "-f", "ics").stdout
    said = ok(cli("hearing", "courts", "--merge", "Vredegerecht Mechlen", "--into", MECHELEN)).stderr
    assert "2 hearings moved from Vredegerecht Mechlen to Vredegerecht Mechelen." in said
    assert as_json(cli("hearing", "courts", "-f", "json")) == [
        {"court": "Vredegerecht Antwerpen 1", "hearings": 1}, {"court": MECHELEN, "hearings": 3}]
    roll = cli("hearing", "list").stdout
    assert roll.count("— Vredegerecht Mechelen") == 1 and "Mechlen" not in roll  # one session per court and day
    feed = cli("hearing", "list", "-f", "ics").stdout
    assert feed.count("SEQUENCE:1") == 2 and feed_before.count("SEQUENCE:1") == 0  # the calendar moves them
    for number, ids in ((cases[1], "2"), (cases[2], "3")):
        details = [e["detail"] for e in as_json(cli("case", "history", number, "-f", "json"))]
        assert f"court Vredegerecht Mechlen merged into Vredegerecht Mechelen (hearing {ids})" in details
    assert all("merged" not in e["detail"] for e in as_json(cli("case", "history", cases[0], "-f", "json")))
    nl = cli("case", "history", cases[1], env={"HUURBEG_LANG": "nl", "COLUMNS": "200"}).stdout
    assert "vredegerecht Vredegerecht Mechlen samengevoegd met Vredegerecht Mechelen" in nl


@pytest.mark.parametrize("args, code, said", [
    (["--merge", "Vredegerecht Brugge", "--into", MECHELEN], 3, "no hearing names the court 'Vredegerecht Brugge'"),
    (["--merge", "vredegerecht mechelen", "--into", "Vredegerecht Antwerpen 1"], 3, "as they are written"),
    (["--merge", MECHELEN, "--into", MECHELEN], 2, "--into: name another court"),
    (["--merge", MECHELEN], 2, "give --merge OLD and --into NEW together"),
    (["--into", MECHELEN], 2, "give --merge OLD and --into NEW together"),
])
def test_a_wrong_merge_writes_nothing(cli, cases, db_path, args, code, said):
    ok(add(cli, cases[0], MECHELEN))
    before = snapshot(db_path)
    assert_one_line_error(cli("hearing", "courts", *args), code=code, contains=said)
    assert snapshot(db_path) == before


def test_no_courts_yet(cli):
    assert "No courts yet" in cli("hearing", "courts").stderr + cli("hearing", "courts").stdout
    assert as_json(cli("hearing", "courts", "-f", "json")) == []


# --- on a terminal ------------------------------------------------------------------------------

@pytest.mark.slow
@pytest.mark.sqlite_only
def test_on_a_terminal_the_known_court_is_offered(cli, cases, db_path):
    ok(add(cli, cases[0], MECHELEN))
    child = spawn_huurbeg(db_path, "hearing", "add", cases[1], "--date", "24/11/2026 10:00", "--court",
                          "Vredegerecht Mechlen")
    answer(child, "Vredegerecht Mechelen?", "y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    child = spawn_huurbeg(db_path, "hearing", "add", cases[2], "--date", "24/11/2026 11:00", "--court",
                          "Vredegerecht Mechelem")
    answer(child, "Vredegerecht Mechelen?", "n\r")  # no: it is another court
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT court FROM hearing ORDER BY id") == [(MECHELEN,), (MECHELEN,),
                                                                       ("Vredegerecht Mechelem",)]


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_the_intake_prompt_offers_the_courts_already_used(cli, cases, db_path):
    ok(add(cli, cases[0], MECHELEN))
    child = spawn_huurbeg(db_path, "intake", "--track", "ogp", "--source", "court", "--tenant", "Karim Aziz",
                          "--address", "", "--phone", "", "--birth-date", "30/07/1985", "--national-number",
                          "85073003328", "--adults", "1", "--children", "0", "--landlord", "", "--problem", "arrears",
                          "--arrears", "2450", "--rent", "650", "--note", "", "--date", "today", "--referrer", "",
                          lang="nl")
    answer(child, "De zitting van dit verzoekschrift nu toevoegen?", "j\r")
    answer(child, "Datum en uur van de zitting", "morgen 09:30\r")
    child.expect_exact("Vredegerecht?")
    child.send("vredegerecht mech")
    child.expect(r"Vredegerecht Mech(\x1b\[[0-9;]*m)*elen")  # offered as it is typed, what matches underlined
    child.send("len\r")
    answer(child, "Vredegerecht Mechelen?", "j\r")  # a typo of the known court
    answer(child, "Zittingszaal?", "\r")
    answer(child, "Datum van het verzoekschrift?", "\r")
    answer(child, "Gevorderde huurachterstal", "\r")
    answer(child, "Dit dossier registreren?", "\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT court FROM hearing ORDER BY id") == [(MECHELEN,), (MECHELEN,)]
