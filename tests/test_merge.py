"""`huurbeg case merge`: one household registered twice, with open and closed cases."""

import json
import os
import sys

import pytest

from conftest import assert_one_line_error, query, snapshot
from huurbeg.casework import returning_flags
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
    typo = new_case("--tenant", "Jan Peters", "--address", "Kerkstr. 1", "--date", "01/03/2026",
                    "--birth-date", "30/07/1985")
    return earlier, typo


def test_a_closed_duplicate_is_merged_and_returning_recomputed(cli, new_case, duplicates):
    earlier, typo = duplicates
    assert as_json(cli("case", "show", typo, "-f", "json"))["returning_household"] is False
    result = cli("case", "merge", typo, earlier)
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
    cli("case", "merge", typo, earlier)
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
