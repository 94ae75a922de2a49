"""A case registered by mistake is withdrawn with `case remove --reason`: it leaves every list, warning,
search, calendar and figure, exactly as if it had never been registered; its history and the access export
keep it, and a purge erases it like a closed case."""

import json

import pytest

from conftest import assert_one_line_error, query, snapshot


def ok(result):
    assert result.exit_code == 0, result.output
    return result


VIEWS = [
    ("case", "list", "--status", "all", "-f", "json"),
    ("case", "list", "-f", "json"),
    ("deadlines", "--within", "90", "-f", "json"),
    ("hearing", "list", "--within", "30", "-f", "json"),
    ("transfer", "list", "-f", "json"),
    ("refer", "list", "-f", "json"),
    ("visit", "list", "-f", "json"),
    ("case", "find", "Peeters", "--status", "all", "-f", "json"),
    ("stats", "--month", "2026-11", "-f", "json"),
    ("stats", "--year", "2026", "-f", "json"),
    ("stats", "--from", "01/01/2026", "--to", "22/11/2026", "-f", "csv"),
    ("digest",),
    (),  # the overview
]
"""Every view a withdrawn case could show up in."""


def views(cli) -> dict:
    return {args: ok(cli(*args)).stdout for args in VIEWS}


def casework(cli, new_case, dwelling: str, *, tenant: str) -> str:
    """A case with something in every area: a contact, an agreement, a hearing, a referral, a stay."""
    number = new_case("--tenant", tenant, "--date", "01/10/2026", "--consent-tenant", "--problem", "hygiene")
    ok(cli("visit", number, "--date", "05/11/2026", "--minutes", "60", "--next", "20/11/2026", "--no-input"))
    ok(cli("plan", "agree", number, "Keuken poetsen", "--due", "15/11/2026"))
    ok(cli("hearing", "add", number, "--date", "25/11/2026 09:30", "--court", "Vredegerecht Mechelen"))
    ok(cli("refer", number, "--to", "caw-prevention", "--date", "06/11/2026"))
    ok(cli("transfer", "in", number, "--dwelling", dwelling, "--date", "10/11/2026"))
    return number


@pytest.fixture
def dwellings(cli):
    ok(cli("transfer", "dwelling", "add", "DW-1", "--kind", "transit"))
    ok(cli("transfer", "dwelling", "add", "DW-2", "--kind", "transit"))


def test_a_removed_case_leaves_every_view_warning_and_figure(cli, new_case, dwellings):
    kept = casework(cli, new_case, "DW-1", tenant="Jan Peeters")
    before = views(cli)
    mistake = casework(cli, new_case, "DW-2", tenant="Piet Janssens")
    assert views(cli) != before  # the second case shows up everywhere until it is withdrawn
    result = ok(cli("case", "remove", mistake, "--reason", "dubbel ingevoerd"))
    assert mistake in result.stderr and result.stdout == ""
    after = views(cli)
    for args in VIEWS:
        assert after[args] == before[args], args
    assert kept in after[("case", "list", "--status", "all", "-f", "json")]
    # A calendar that imported the withdrawn case's hearing is told to drop it, as for a removed hearing.
    feed = ok(cli("hearing", "list", "--within", "30", "--format", "ics")).stdout
    assert [line for line in feed.splitlines() if line.startswith("STATUS:")] == ["STATUS:CONFIRMED",
                                                                                  "STATUS:CANCELLED"]


def test_a_removed_case_is_refused_everywhere_but_its_history_and_the_access_export(cli, new_case, db_path):
    number = new_case("--date", "01/10/2026")
    ok(cli("case", "remove", number, "--reason", "verkeerde huurder"))
    unchanged = snapshot(db_path)
    for args in (("case", "show", number), ("visit", number, "--no-input"), ("case", "close", number, "--outcome",
                 "other"), ("case", "reopen", number), ("case", "remove", number, "--reason", "nogmaals"),
                 ("case", "edit", number, "--phone", "0470123456"), ("hearing", "brief", number),
                 ("case", "report", number, "--for", "landlord")):
        assert_one_line_error(cli(*args), code=3, contains=f"case {number} was removed")
    assert snapshot(db_path) == unchanged
    history = json.loads(ok(cli("case", "history", number, "-f", "json")).stdout)
    assert [e["detail"] for e in history if e["action"] == "remove"] == ["case removed; reason: verkeerde huurder"]
    exported = json.loads(ok(cli("case", "export", number, "--format", "json")).stdout)
    assert [(c["case"], c["removed"]) for c in exported["cases"]] == [(number, True)]


def test_the_history_says_it_in_dutch(cli, new_case):
    number = new_case()
    ok(cli("case", "remove", number, "--reason", "dubbel"))
    shown = ok(cli("case", "history", number, env={"HUURBEG_LANG": "nl"})).stdout
    assert "dossier ingetrokken; reden: dubbel" in shown


@pytest.mark.parametrize("reason", ["", "   "])
def test_a_removal_needs_a_reason(cli, new_case, db_path, reason):
    number = new_case()
    unchanged = snapshot(db_path)
    assert_one_line_error(cli("case", "remove", number, "--reason", reason), code=2, contains="--reason")
    assert snapshot(db_path) == unchanged


def test_an_unknown_case_cannot_be_removed(cli, new_case, db_path):
    new_case()
    unchanged = snapshot(db_path)
    assert_one_line_error(cli("case", "remove", "2026-0099", "--reason", "x"), code=3, contains="2026-0099")
    assert snapshot(db_path) == unchanged


def test_a_removed_household_is_no_duplicate_of_a_new_intake(cli, new_case):
    """Registered by mistake is not an earlier case: the household registered again is not 'returning'."""
    number = new_case("--birth-date", "30/07/1985", "--national-number", "85073003328")
    ok(cli("case", "remove", number, "--reason", "te vroeg ingevoerd"))
    again = new_case("--birth-date", "30/07/1985", "--national-number", "85073003328")
    dossier = json.loads(ok(cli("case", "show", again, "-f", "json")).stdout)
    assert dossier["returning_household"] is False


def test_a_purge_erases_a_removed_case_like_a_closed_one(cli, new_case, db_path):
    number = new_case("--note", "Jan woont boven de bakker")
    ok(cli("case", "remove", number, "--reason", "Jan Peeters stond er twee keer in"))
    later = {"HUURBEG_TODAY": "2031-01-01"}
    listed = json.loads(ok(cli("purge", "--closed-before", "2030-01-01", "-f", "json", env=later)).stdout)
    assert [row["case"] for row in listed] == [number]
    ok(cli("purge", "--closed-before", "2030-01-01", "--yes", env=later))
    history = json.loads(ok(cli("case", "history", number, "-f", "json", env=later)).stdout)
    assert "Peeters" not in json.dumps(history)
    assert [e["detail"] for e in history if e["action"] == "remove"] == ["case removed; reason erased (retention)"]
    [(name, note)] = query(db_path, "SELECT household.name, case_file.note FROM case_file "
                                    "JOIN household ON household.id = case_file.household_id")
    assert "Jan" not in (name or "") and note is None
