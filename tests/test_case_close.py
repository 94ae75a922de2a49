"""`huurbeg case close`: a note on the closing, kept in the history and the dossier, and a warning question on
a terminal when a payment plan or a referral is still running."""

import json

import pytest

from conftest import assert_one_line_error, finish, snapshot, spawn_huurbeg


def dossier(cli, number, **env):
    return json.loads(cli("case", "show", number, "-f", "json", env=env).stdout)


@pytest.mark.parametrize("lang, label", [("en", "Closing note"), ("nl", "Notitie bij afsluiting")])
def test_the_closing_note_is_in_the_history_and_the_dossier(cli, new_case, lang, label):
    number = new_case()
    result = cli("case", "close", number, "--outcome", "referred", "--note", "Doorverwezen naar CAW, dossier "
                 "overgedragen", env={"HUURBEG_LANG": lang})
    assert result.exit_code == 0, result.output
    record = dossier(cli, number)
    assert record["closing_note"] == "Doorverwezen naar CAW, dossier overgedragen"
    assert any(e["detail"] == "closed on 2026-11-22: referred; note: Doorverwezen naar CAW, dossier overgedragen"
               for e in record["timeline"])
    shown = cli("case", "show", number, env={"HUURBEG_LANG": lang, "COLUMNS": "200"}).stdout
    assert label in shown and "Doorverwezen naar CAW, dossier overgedragen" in shown
    history = cli("case", "history", number, env={"HUURBEG_LANG": lang, "COLUMNS": "200"}).stdout
    assert "Doorverwezen naar CAW, dossier overgedragen" in history


def test_a_reopened_case_has_no_closing_note_but_keeps_it_in_the_history(cli, new_case):
    number = new_case()
    assert cli("case", "close", number, "--outcome", "other", "--note", "Verhuisd").exit_code == 0
    assert cli("case", "reopen", number).exit_code == 0
    record = dossier(cli, number)
    assert record["closing_note"] is None
    assert any("note: Verhuisd" in e["detail"] for e in record["timeline"])


@pytest.mark.parametrize("note", ["", "   ", "\u200b"])
def test_an_empty_note_is_refused_and_nothing_is_written(cli, new_case, db_path, note):
    number = new_case()
    before = snapshot(db_path)
    assert_one_line_error(cli("case", "close", number, "--outcome", "other", "--note", note), code=2,
                          contains="--note")
    assert snapshot(db_path) == before


def test_without_a_terminal_a_case_with_a_running_plan_closes_as_before(cli, new_case):
    number = new_case()
    assert cli("plan", number, "--arrears", "1.234,56", "--instalment", "100", "--start", "today").exit_code == 0
    assert cli("refer", number, "--to", "ocmw").exit_code == 0
    assert cli("case", "close", number, "--outcome", "referred").exit_code == 0


pytest.importorskip("pexpect")


@pytest.mark.slow
@pytest.mark.sqlite_only
@pytest.mark.parametrize("lang, shown, keys, code", [
    ("en", ["Still open:", "an active payment plan with € 1.134,56 still to pay",
            "referral 1 to ocmw (22/11/2026) without an answer", "Close the case anyway?"], "\r", 130),
    ("en", ["Close the case anyway?"], "y\r", 0),
    ("nl", ["Nog lopend:", "een actief afbetalingsplan met nog € 1.134,56 te betalen",
            "doorverwijzing 1 naar OCMW (22/11/2026) zonder antwoord", "Het dossier toch afsluiten?"], "j\r", 0)])
def test_on_a_terminal_a_running_plan_or_referral_is_asked_about(cli, new_case, db_path, lang, shown, keys, code):
    number = new_case()
    assert cli("plan", number, "--arrears", "1.234,56", "--instalment", "100", "--start", "01/11/2026").exit_code == 0
    assert cli("plan", "pay", number, "--amount", "100").exit_code == 0
    assert cli("refer", number, "--to", "ocmw").exit_code == 0
    before = snapshot(db_path)
    child = spawn_huurbeg(db_path, "case", "close", number, "--outcome", "referred", "--note", "Overgedragen",
                          lang=lang)
    for text in shown:
        child.expect_exact(text)
    child.expect(r"\((y|j)/N\)")  # the question is drawn whole: keys typed before it would be dropped
    child.send(keys)
    assert finish(child) == code, child.before
    if code:
        assert snapshot(db_path) == before
    else:
        assert dossier(cli, number)["closing_note"] == "Overgedragen"


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_on_a_terminal_a_case_with_nothing_running_closes_without_a_question(cli, new_case, db_path):
    number = new_case()
    child = spawn_huurbeg(db_path, "case", "close", number, "--outcome", "other")
    assert finish(child) == 0, child.before
    assert "Still open" not in child.before
