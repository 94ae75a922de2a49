"""`huurbeg case merge`: one household registered twice, with open and closed cases."""

import json
import os
import sys

import pytest

from conftest import assert_one_line_error, query, snapshot
from huurbeg.domain.casework import returning_flags
from datetime import date


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_returning_flags():
    d = date
    flags = returning_flags([(1, d(2024, 1, 1), d(2024, 6, 1)), (2, d(2025, 1, 1), None),
                             (3, d(2024, 3, 1), None), (4, d(2024, 6, 1), None)])
    assert flags == {1: False, 3: False, 4: True, 2: True}


@pytest.fixture
def duplicates(cli, new_case):
    """An earlier closed case and an open one of 'Jan Peeters', and an open one under another spelling."""
    earlier = new_case("--date", "01/02/2025", "--phone", "0470 11 22 33")
    assert cli("case", "close", earlier, "--outcome", "eviction-prevented", "--date", "01/06/2025").exit_code == 0
    typo = new_case("--tenant", "Jan Peters", "--address", "Nieuwe Weg 9", "--date", "01/03/2026",
                    "--birth-date", "30/07/1985")  # moved since: a name alike alone is no household the intake joins
    return earlier, typo


def test_a_closed_duplicate_is_merged_and_returning_recomputed(cli, new_case, duplicates):
    earlier, typo = duplicates
    assert as_json(cli("case", "show", typo, "-f", "json"))["returning_household"] is False
    result = cli("case", "merge", typo, earlier, "--yes")
    assert result.exit_code == 0, result.output
    shown = as_json(cli("case", "show", typo, "-f", "json"))
    assert shown["returning_household"] is True  # the household had a case closed before this one
    assert shown["tenant"]["name"] == "Jan Peters"  # CASE's household keeps its details...
    assert shown["tenant"]["phone"] == "0470 11 22 33"  # ...and gains those it lacked
    assert as_json(cli("case", "show", earlier, "-f", "json"))["tenant"]["birth_date"] == "1985-07-30"
    export = as_json(cli("case", "export", typo))
    assert [c["case"] for c in export["cases"]] == [earlier, typo]
    for number in (earlier, typo):
        [entry] = [e for e in as_json(cli("case", "history", number, "-f", "json")) if e["action"] == "merge"]
        assert "returning household recomputed" in entry["detail"] and "Peeters" not in entry["detail"]
    assert query(None, "SELECT count(*) FROM household") == [(1,)]
    figures = {(r["figure"], r["breakdown"]): r["value"]
               for r in as_json(cli("stats", "--month", "2026-03", "-f", "json"))}
    assert figures[("returning_households", "")] == 1
    # a later intake of the same person now finds the one household
    found = as_json(cli("case", "find", "Peeters", "-f", "json"))
    assert {r["case"] for r in found} == {earlier, typo}


def test_both_open_needs_yes_without_a_terminal(cli, new_case, db_path):
    first = new_case()
    second = new_case("--tenant", "J. Peeters", "--address", "Kerkstraat 1 bus 2", "--allow-duplicate")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "merge", first, second), code=4, contains="--yes")
    assert snapshot(db_path) == before
    assert cli("case", "merge", first, second, "--yes").exit_code == 0
    assert as_json(cli("case", "show", second, "-f", "json"))["tenant"]["name"] == "Jan Peeters"
    assert as_json(cli("case", "show", second, "-f", "json"))["returning_household"] is False


@pytest.mark.parametrize("args, code, text", [
    (["{a}", "{a}"], 2, "not CASE itself"),
    (["{a}", "2026-0099"], 3, "does not exist"),
    (["{a}", "{b}"], 4, "different national register numbers"),
])
def test_bad_merges_write_nothing(cli, new_case, db_path, args, code, text):
    a = new_case("--national-number", "85073003328", "--birth-date", "30/07/1985")
    b = new_case("--tenant", "Ander", "--address", "Elders", "--national-number", "00010100105")
    cli("case", "close", b, "--outcome", "other")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "merge", *[x.replace("{a}", a).replace("{b}", b) for x in args]), code=code,
                          contains=text)
    assert snapshot(db_path) == before


def test_cases_of_one_household_cannot_be_merged_again(cli, duplicates, db_path):
    earlier, typo = duplicates
    assert cli("case", "merge", typo, earlier, "--yes").exit_code == 0
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "merge", earlier, typo), code=4, contains="already belong to one household")
    assert snapshot(db_path) == before


@pytest.mark.slow
def test_both_open_asks_on_a_terminal(cli, new_case, db_path):
    pexpect = pytest.importorskip("pexpect")
    first = new_case()
    second = new_case("--tenant", "J. Peeters", "--address", "Kerkstraat 1 bus 2", "--allow-duplicate")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    before = snapshot(db_path)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "merge", first, second], env=env,
                          encoding="utf-8", timeout=20, dimensions=(40, 120))
    child.expect_exact("Merge them into one household?")
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0 and snapshot(db_path) == before
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "merge", first, second], env=env,
                          encoding="utf-8", timeout=20, dimensions=(40, 120))
    child.expect_exact("Merge them into one household?")
    child.send("y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(1,)]


# --- strangers: a mistyped case number must not join two households ---------------------------------

STRANGER = ("--tenant", "Karim Aziz", "--address", "Molenstraat 5, 2800 Mechelen", "--birth-date", "01/01/1980",
            "--phone", "0499 12 34 56", "--landlord", "Karel De Smet", "--landlord-type", "private")


def test_strangers_are_refused_even_with_yes_and_merged_with_force(cli, new_case, db_path):
    mine = new_case("--birth-date", "30/07/1985", "--phone", "0470 11 22 33")
    theirs = new_case(*STRANGER)
    cli("case", "close", theirs, "--outcome", "other")  # an open case and another household's closed one
    before = snapshot(db_path)
    for flags in ((), ("--yes",)):
        result = cli("case", "merge", mine, theirs, *flags)
        assert_one_line_error(result, code=4, contains="--force")
        assert "share nothing that identifies them" in result.stderr
        assert "Aziz" not in result.stderr and "Peeters" not in result.stderr  # case numbers only
        assert snapshot(db_path) == before
    assert_one_line_error(cli("case", "merge", mine, theirs, "--force"), code=4, contains="--yes")
    assert snapshot(db_path) == before  # --force lifts the refusal; the question is still to be answered
    assert cli("case", "merge", mine, theirs, "--force", "--yes").exit_code == 0
    assert query(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(1,)]


def test_strangers_are_refused_in_dutch(cli, new_case):
    mine, theirs = new_case(), new_case(*STRANGER)
    result = cli("case", "merge", mine, theirs, "--yes", env={"HUURBEG_LANG": "nl"})
    assert_one_line_error(result, code=4, contains="--force")
    assert "niets gemeen" in result.stderr, result.stderr


@pytest.mark.parametrize("theirs", [
    ("--tenant", "Jan Peters", "--address", "Elders 9"),  # the name with a typo
    ("--tenant", "Karim Aziz", "--address", "Elders 9", "--birth-date", "30/07/1985"),  # the birth date
    ("--tenant", "Karim Aziz", "--address", "Elders 9", "--phone", "+32 470 11.22.33"),  # the phone, another form
    ("--tenant", "Karim Aziz", "--address", "Elders 9", "--national-number", "85.07.30-033.28"),  # the number
    ("--tenant", "Karim Aziz", "--address", "Kerkstr. 1 Mechelen"),  # the address, written shorter
], ids=["name-typo", "birth-date", "phone", "national-number", "address"])
def test_households_alike_in_one_identifying_thing_are_merged(cli, new_case, theirs):
    mine = new_case("--birth-date", "30/07/1985", "--phone", "0470 11 22 33")
    other = new_case(*theirs, "--allow-duplicate")
    if "--national-number" in theirs:  # found later: an intake with the number would have joined the household
        assert cli("case", "edit", mine, "--national-number", "85073003328").exit_code == 0
    result = cli("case", "merge", mine, other, "--yes")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("one, other, shared", [
    ({"name": "Jan Peeters"}, {"name": "Jan Peters"}, ["name"]),
    ({"name": "mevrouw Peeters"}, {"name": "An Peeters"}, ["name"]),
    ({"name": "Elamrani"}, {"name": "Mohamed El Amrani"}, ["name"]),
    ({"name": "Jan Peeters"}, {"name": "Marie Janssens"}, []),
    ({"phone": "0470 11 22 33"}, {"phone": "0032 470/112233"}, ["phone"]),
    ({"phone": "0470 11 22 33"}, {"phone": "0470 11 22 34"}, []),
    ({"birth_date": date(1985, 7, 30)}, {"birth_date": date(1985, 7, 30)}, ["birth_date"]),
    ({"birth_date": None}, {"birth_date": None}, []),
    ({"national_number": "85073003328"}, {"national_number": "85073003328"}, ["national_number"]),
    ({"address": "Kerkstraat 1, 2800 Mechelen"}, {"address": "Molenstraat 5, 2800 Mechelen"}, []),
    ({"name": "Jan Peeters", "address": "Bruul 5"}, {"name": "J. Peeters", "address": "bruul 5"},
     ["name", "address"]),
])
def test_what_two_households_share_is_judged_as_the_search_judges(one, other, shared):
    from huurbeg.domain.finding import shared_identity

    assert shared_identity(one, other) == shared


# --- unmerge: a mistaken merge undone until a purge ------------------------------------------------

def dossier(cli, number) -> dict:
    shown = as_json(cli("case", "show", number, "-f", "json"))
    return {key: value for key, value in shown.items() if key != "timeline"}


def test_unmerge_gives_the_absorbed_household_and_its_cases_back(cli, new_case, db_path):
    mine = new_case("--birth-date", "30/07/1985")
    earlier = new_case("--tenant", "Jan Peters", "--address", "Bruul 5", "--phone", "0470 11 22 33",
                       "--national-number", "85073003328", "--adults", "2", "--children", "3", "--date", "01/02/2025")
    cli("case", "close", earlier, "--outcome", "eviction-prevented", "--date", "01/06/2025")
    later = new_case("--tenant", "Jan Peters", "--address", "Bruul 5", "--allow-duplicate", "--date", "01/07/2025")
    before = {number: dossier(cli, number) for number in (mine, earlier, later)}
    assert before[later]["returning_household"] is True and before[mine]["returning_household"] is False
    assert cli("case", "merge", mine, later, "--yes").exit_code == 0
    merged = dossier(cli, mine)
    assert merged["tenant"]["phone"] == "0470 11 22 33" and merged["returning_household"] is True
    [absorbed] = as_json(cli("case", "export", earlier))["merged_households"]  # the access export holds it
    assert absorbed["cases"] == [earlier, later] and absorbed["address"] == "Bruul 5" and absorbed["adults"] == 2
    assert query(db_path, "SELECT count(*) FROM household") == [(1,)]

    assert_one_line_error(cli("case", "unmerge", mine, later), code=4, contains="--yes")
    result = cli("case", "unmerge", later, mine, "--yes")  # either order
    assert result.exit_code == 0, result.output
    assert earlier in result.stderr and later in result.stderr
    assert {number: dossier(cli, number) for number in (mine, earlier, later)} == before
    assert query(db_path, "SELECT count(*) FROM household") == [(2,)]
    assert as_json(cli("case", "export", mine))["merged_households"] == []
    assert query(db_path, "SELECT name, address, phone, national_number FROM household_merge") == [
        (None, None, None, None)]  # once undone, the household holds its details again, the record no longer
    for number in (mine, earlier, later):
        actions = [e["action"] for e in as_json(cli("case", "history", number, "-f", "json"))]
        assert actions.index("merge") < actions.index("unmerge"), (number, actions)
    entries = [e["detail"] for e in as_json(cli("case", "history", mine, "-f", "json")) if e["action"] == "unmerge"]
    assert entries == [f"household merge undone: the cases {earlier}, {later} have their own household again; "
                       "returning household restored"]
    dutch = cli("case", "history", earlier, env={"HUURBEG_LANG": "nl", "COLUMNS": "200"})
    assert f"samenvoeging met het gezin van dossier {mine} ongedaan gemaakt" in dutch.stdout, dutch.stdout
    assert_one_line_error(cli("case", "unmerge", mine, later, "--yes"), code=4, contains="undone already")
    assert cli("case", "merge", mine, later, "--yes").exit_code == 0  # and merged again, if it was right after all


def test_unmerge_keeps_a_correction_made_after_the_merge(cli, new_case):
    mine = new_case()
    other = new_case("--tenant", "J. Peeters", "--address", "Bruul 5", "--phone", "0470 11 22 33",
                     "--birth-date", "30/07/1985", "--allow-duplicate")
    cli("case", "merge", mine, other, "--yes")
    assert cli("case", "edit", mine, "--phone", "0471 99 88 77").exit_code == 0
    assert cli("case", "unmerge", mine, other, "--yes").exit_code == 0
    assert dossier(cli, mine)["tenant"] == {
        "name": "Jan Peeters", "address": "Kerkstraat 1, 2800 Mechelen", "phone": "0471 99 88 77",
        "birth_date": None, "national_number": None, "adults": None, "children": None}  # the birth date went back
    assert dossier(cli, other)["tenant"]["phone"] == "0470 11 22 33"


def test_a_merge_made_later_is_undone_first(cli, new_case, db_path):
    first = new_case()
    second = new_case("--tenant", "Jan Peters", "--address", "Bruul 5", "--allow-duplicate")
    third = new_case("--tenant", "J. Peeters", "--address", "Elders 9", "--allow-duplicate")
    cli("case", "merge", first, second, "--yes")
    cli("case", "merge", third, first, "--yes")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "unmerge", first, second, "--yes"), code=4,
                          contains=f"huurbeg case unmerge {third} {first}")
    assert snapshot(db_path) == before
    assert cli("case", "unmerge", third, first, "--yes").exit_code == 0
    assert cli("case", "unmerge", first, second, "--yes").exit_code == 0
    assert query(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(3,)]
    assert dossier(cli, second)["tenant"]["address"] == "Bruul 5"


def test_unmerge_after_a_purge_is_refused(cli, new_case, db_path):
    mine = new_case("--date", "01/02/2025")
    other = new_case("--tenant", "Jan Peters", "--address", "Tracestraat 77", "--phone", "0470 55 66 77",
                     "--date", "01/03/2025", "--allow-duplicate")
    cli("case", "merge", mine, other, "--yes")
    for number in (mine, other):
        cli("case", "close", number, "--outcome", "other", "--date", "01/04/2025")
    assert cli("purge", "--closed-before", "01/01/2026", "--yes").exit_code == 0
    assert query(db_path, "SELECT name, address, phone FROM household_merge WHERE purged_at IS NOT NULL") == [
        (None, None, None)]
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "unmerge", mine, other, "--yes"), code=4, contains="purge")
    assert snapshot(db_path) == before


def test_a_purge_of_the_merged_case_alone_erases_what_the_merge_kept(cli, new_case, db_path):
    mine = new_case()  # stays open: the household keeps its details
    other = new_case("--tenant", "Jan Peters", "--address", "Tracestraat 77", "--date", "01/03/2025",
                     "--allow-duplicate")
    cli("case", "close", other, "--outcome", "other", "--date", "01/04/2025")
    cli("case", "merge", mine, other, "--yes")
    assert cli("purge", "--closed-before", "01/01/2026", "--yes").exit_code == 0
    assert query(db_path, "SELECT count(*) FROM household_merge WHERE address IS NOT NULL") == [(0,)]
    assert dossier(cli, mine)["tenant"]["address"] == "Kerkstraat 1, 2800 Mechelen"
    assert_one_line_error(cli("case", "unmerge", mine, other, "--yes"), code=4, contains="no longer be undone")


@pytest.mark.parametrize("args, code, text", [
    (["{a}", "{b}"], 4, "never merged"),
    (["{a}", "{a}"], 2, "not CASE itself"),
    (["{a}", "2026-0099"], 3, "does not exist"),
])
def test_cases_never_merged_cannot_be_unmerged(cli, new_case, db_path, args, code, text):
    a, b = new_case(), new_case("--tenant", "Jan Peters", "--allow-duplicate")
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "unmerge", *[x.replace("{a}", a).replace("{b}", b) for x in args], "--yes"),
                          code=code, contains=text)
    assert snapshot(db_path) == before


def spawn(*args):
    pexpect = pytest.importorskip("pexpect")
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    return pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=20,
                         dimensions=(40, 80))


@pytest.mark.slow
def test_a_terminal_shows_both_households_side_by_side_before_asking(cli, new_case, db_path):
    import pexpect

    hostile = "Jan [red]x[/red] \x1b[2J Peeters"
    mine = new_case("--tenant", hostile, "--address", "Kerkstraat 1 bus 2, 2800 Mechelen-Noord (achterbouw)",
                    "--birth-date", "30/07/1985", "--national-number", "85073003328")
    other = new_case("--tenant", "J. Peeters", "--address", "Bruul 5", "--phone", "0470 11 22 33",
                     "--date", "01/02/2026")
    cli("case", "close", other, "--outcome", "other", "--date", "01/03/2026")  # open with closed: asked too
    before = snapshot(db_path)
    child = spawn("case", "merge", mine, other)
    child.expect_exact("Merge them into one household?")
    screen = child.before
    for shown in ("[red]x[/red]", "\u241b[2J", "J. Peeters", "Bruul 5", "30/07/1985", "85.07.30-033.28",
                  "0470 11 22 33", f"{mine} (open)", f"{other} (closed)", "Alike: name."):
        assert shown in screen, (shown, screen)
    assert "\x1b[2J" not in screen
    table = [line for line in screen.splitlines() if "│" in line or "┃" in line]
    assert table and all(len(line) <= 80 for line in (strip_styles(line) for line in table)), screen
    child.send("n\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus != 0 and snapshot(db_path) == before

    child = spawn("case", "merge", mine, other)
    child.expect_exact("Merge them into one household?")
    child.send("y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    child = spawn("case", "unmerge", mine, other)
    child.expect_exact("Undo the merge: two households again?")
    assert "once the merge is undone" in child.before and "Bruul 5" in child.before
    child.send("y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert query(db_path, "SELECT count(DISTINCT household_id) FROM case_file") == [(2,)]


def strip_styles(line: str) -> str:
    import re

    return re.sub(r"\x1b\[[0-9;?]*[a-zA-Z]", "", line)


def test_a_merge_copied_to_another_database_can_be_undone_there(cli, tmp_path):
    solo = str(tmp_path / "solo.db")
    intake = ["--db", solo, "intake", "--track", "pw", "--source", "tenant", "--tenant-informed", "--no-input"]
    cli(*intake, "--tenant", "Jan Peeters", "--address", "Kerkstraat 1")
    cli(*intake, "--tenant", "Jan Peters", "--address", "Bruul 5", "--phone", "0470 11 22 33")
    assert cli("--db", solo, "case", "merge", "2026-0001", "2026-0002", "--yes").exit_code == 0
    result = cli("--db", solo, "copy", "--to", os.environ["HUURBEG_DB"])
    assert result.exit_code == 0, result.output
    assert cli("case", "unmerge", "2026-0001", "2026-0002", "--yes").exit_code == 0
    assert as_json(cli("case", "show", "2026-0002", "-f", "json"))["tenant"] == {
        "name": "Jan Peters", "address": "Bruul 5", "phone": "0470 11 22 33", "birth_date": None,
        "national_number": None, "adults": None, "children": None}
    assert as_json(cli("case", "show", "2026-0001", "-f", "json"))["tenant"]["phone"] is None
