"""Every yes/no question waits for Enter, as every other question does; it takes j, ja, y, yes and
n, nee, no in either language and refuses anything else where it is typed; and keys typed before
a question is drawn do not answer it. Driven through a real pseudo-terminal."""

import ast
import json
import os
import sys
from pathlib import Path

import pytest

import huurbeg

pexpect = pytest.importorskip("pexpect")

from conftest import answer, spawn_huurbeg  # noqa: E402  (after pexpect is known to be there)

BACKSPACE, CTRL_C, DOWN = "\x7f", "\x03", "\x1b[B"
HOUSEHOLD = ["--birth-date", "30/07/1985", "--national-number", "85073003328", "--adults", "1", "--children", "0",
             "--landlord", "", "--problem", "arrears", "--arrears", "500", "--rent", "650", "--date", "today"]
OPTIONAL = ["--address", "", "--phone", "", "--note", ""]
PW_FLAGS = ["--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant", "--tenant-informed", *HOUSEHOLD,
            "--landlord", "Woonpunt", "--landlord-type", "shm", *OPTIONAL]  # a landlord: its consent is asked


def spawn(db_path, *args, lang="en"):
    return spawn_huurbeg(db_path, *args, lang=lang)



def finish(child) -> int:
    child.expect(pexpect.EOF)
    child.close()
    return child.exitstatus


def consents(cli, number="2026-0001") -> dict:
    return json.loads(cli("case", "show", number, "-f", "json").stdout)["consents"]


@pytest.mark.slow
def test_j_and_enter_records_yes_and_the_next_question_is_still_asked(db_path, cli):
    child = spawn(db_path, "intake", *PW_FLAGS, lang="nl")
    answer(child, "Heeft de huurder ingestemd met de begeleiding?", "j\r")
    answer(child, "Heeft de verhuurder ingestemd met de begeleiding?", "ja\r")  # not answered by that Enter
    answer(child, "Dit dossier registreren?", "\r")
    assert finish(child) == 0, child.before
    assert all(consents(cli).values()), child.before


@pytest.mark.slow
@pytest.mark.parametrize("lang, yes, no", [("en", "ja", "nee"), ("nl", "Yes", "NO"), ("en", "J", "n")])
def test_either_language_answers_and_anything_else_is_refused_at_the_prompt(db_path, cli, lang, yes, no):
    child = spawn(db_path, "intake", *PW_FLAGS, lang=lang)
    child.expect_exact("Has the tenant consented" if lang == "en" else "Heeft de huurder ingestemd")
    child.send("x\r")  # refused where it is typed, asked again
    child.expect_exact("answer y or n (yes or no)" if lang == "en" else "antwoord j of n (ja of nee)")
    child.send(BACKSPACE + yes + "\r")
    answer(child, "Has the landlord consented" if lang == "en" else "Heeft de verhuurder ingestemd", no + "\r")
    answer(child, "Register this case?" if lang == "en" else "Dit dossier registreren?", "\r")
    assert finish(child) == 0, child.before
    given = consents(cli)
    assert given["tenant"] and not given["landlord"]


@pytest.mark.slow
def test_a_key_alone_does_not_answer_until_enter(db_path, cli):
    child = spawn(db_path, "intake", *PW_FLAGS)
    answer(child, "Has the tenant consented", "y")
    with pytest.raises(pexpect.TIMEOUT):  # still at the question: y is only typed
        child.expect_exact("Has the landlord consented", timeout=2)
    child.send(CTRL_C)
    assert finish(child) == 130
    assert json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout) == []


@pytest.mark.slow
def test_keys_typed_before_a_question_is_drawn_do_not_answer_it(db_path, cli):
    child = spawn(db_path, "intake", "--track", "pre-ogp", *HOUSEHOLD, *OPTIONAL)
    # typed on with the answer, before the next question appeared: a name, and a choice in the list after it
    answer(child, "informed of this registration?", "y\r" + "Vooruit Getypt\r")
    answer(child, "Tenant's name?", "Marie Dubois\r" + DOWN * 2 + "\r")
    answer(child, "Registered by?", "\r")  # the first choice, as the list shows it: tenant
    answer(child, "Register this case?", "\r")
    assert finish(child) == 0, child.before
    case = json.loads(cli("case", "show", "2026-0001", "-f", "json").stdout)
    assert (case["tenant"]["name"], case["source"]) == ("Marie Dubois", "tenant")


@pytest.mark.slow
def test_an_intake_whose_questions_are_all_skipped_still_shows_its_summary(db_path, cli):
    child = spawn(db_path, "intake", *PW_FLAGS[:-len(OPTIONAL)], "--consent-tenant", "--consent-landlord")
    for question in ("Address?", "Phone?", "Note (confidential)?"):
        answer(child, question, "\r")  # every one skipped
    child.expect_exact("New case")
    answer(child, "Register this case?", "n\r")
    answer(child, "Which answer do you want to change?", "\x1b[A\r")  # the last choice: nothing, stop
    assert finish(child) == 130
    assert json.loads(cli("case", "list", "--status", "all", "-f", "json").stdout) == []


@pytest.mark.slow
def test_the_same_household_question_takes_enter_and_leads_to_the_summary(db_path, cli, new_case):
    new_case("--address", "Kerkstraat 1, 2800 Mechelen")
    cli("case", "close", "2026-0001", "--outcome", "referred")
    child = spawn(db_path, "intake", "--track", "pw", "--tenant", "Els Maes", "--source", "tenant",
                  "--tenant-informed", *HOUSEHOLD, "--address", "Kerkstraat 1, 2800 Mechelen", "--phone", "",
                  "--note", "", "--consent-tenant", "--consent-landlord")
    answer(child, "Is this the same household?", "j")
    with pytest.raises(pexpect.TIMEOUT):
        child.expect_exact("Register this case?", timeout=2)
    child.send("\r")
    answer(child, "Register this case?", "y\r")
    assert finish(child) == 0, child.before
    assert json.loads(cli("case", "show", "2026-0002", "-f", "json").stdout)["returning_household"]


@pytest.mark.slow
def test_the_new_database_question_takes_enter(tmp_path):
    typo = tmp_path / "huurbge.db"
    env = dict(os.environ, HUURBEG_DB=str(typo), PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "case", "list"], env=env, encoding="utf-8", timeout=20)
    answer(child, "Create a new, empty one?", "x\r")
    child.expect_exact("answer y or n (yes or no)")  # not taken for the default, no
    child.send(BACKSPACE + "yes\r")
    assert finish(child) == 0 and typo.exists()


def test_every_yes_no_question_is_the_one_of_prompts():
    """questionary's own confirm answers on one key press; no module asks a yes/no question but
    through huurbeg.cli.prompts.confirm, and prompts.py builds no other."""
    package = Path(huurbeg.__file__).parent
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr == "confirm":
                assert isinstance(node.value, ast.Name) and node.value.id == "prompts", \
                    f"{path.name}:{node.lineno}: a yes/no question not through prompts.confirm"
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("questionary"):
                assert "confirm" not in {alias.name for alias in node.names}, f"{path.name}:{node.lineno}"
            if isinstance(node, ast.FunctionDef) and path.name == "prompts.py":
                assert node.name == "confirm" or "confirm" not in node.name, \
                    f"prompts.py:{node.lineno}: a second yes/no question ({node.name})"
