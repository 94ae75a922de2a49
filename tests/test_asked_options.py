"""A required option left out is asked on a terminal, as a flow asks what it lacks; without one, or with
--no-input, it is the parser's one line naming the flag. Every command of the tree that has one is walked."""

import json

import pytest
import typer
from typer.testing import CliRunner

from huurbeg.cli.root import app
from conftest import answer, assert_one_line_error, finish, records, spawn_huurbeg

pexpect = pytest.importorskip("pexpect")

CTRL_C = "\x03"


def required_options() -> list[tuple[tuple[str, ...], list[str], str]]:
    """Every command with a required option: (its path, its arguments as a test gives them, the option's flag)."""
    found = []

    def walk(command, path):
        if hasattr(command, "commands"):
            for name in list(command.commands):
                walk(command.commands[name], (*path, name))
            return
        options = [p for p in command.params if p.param_type_name == "option" and p.required]
        if options:
            arguments = [p.name for p in command.params if p.param_type_name == "argument"]
            found.append((path, arguments, options[0].opts[0]))

    root = typer.main.get_command(app)
    for name in list(root.commands):
        walk(root.commands[name], (name,))
    return found


COMMANDS = required_options()
VALUES = {"number": "2026-0001", "text": "Keuken poetsen", "code": "T9"}
"""An argument's value in the walk: the case, an agreement's text, a new dwelling's code; an id is 1."""


def argv(path, arguments) -> list[str]:
    return [*path, *(VALUES.get(name, "1") for name in arguments)]


def test_the_walk_finds_the_commands_that_refused_on_a_terminal():
    paths = {" ".join(path) for path, _arguments, _flag in COMMANDS}
    assert {"plan pay", "case close", "case track", "refer add", "hearing outcome", "transfer out"} <= paths
    assert len(paths) >= 25


@pytest.fixture
def case_file(db_path, new_case, cli, tmp_path):
    """A case with one record of each kind a command names by its number (each number 1), a plan and a hearing:
    what each command needs before it asks (tests below: what it says without them)."""
    new_case("--date", "-1m")
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n%%EOF\n")
    for args in (["visit", "2026-0001", "--kind", "phone", "--minutes", "10", "--no-input"],
                 ["plan", "2026-0001", "--arrears", "1.234,56", "--instalment", "100", "--start", "-2w", "--no-input"],
                 ["plan", "pay", "2026-0001", "--amount", "100", "--date", "-1w"],
                 ["plan", "agree", "2026-0001", "Keuken poetsen", "--due", "+1w"],
                 ["refer", "2026-0001", "--to", "ocmw"], ["case", "attach", "2026-0001", str(scan)],
                 ["hearing", "add", "2026-0001", "--date", "+3d 09:00", "--court", "Vredegerecht Mechelen"]):
        done = cli(*args)
        assert done.exit_code == 0, (args, done.output)
    return db_path


@pytest.mark.slow
@pytest.mark.parametrize("args, refusal", [
    (["plan", "pay", "2026-0001"], "has no active payment plan"),
    (["hearing", "outcome", "2026-0001"], "has no hearing"),
    (["visit", "remove", "2026-0001", "9"], "has no contact 9"),
    (["refer", "outcome", "2026-0001", "7"], "has no referral 7"),
    (["plan", "payment-remove", "2026-0001", "9"], "has no payment 9")])
def test_what_the_command_cannot_do_is_said_before_its_question(db_path, new_case, args, refusal):
    """A payment on a case without a plan, an outcome without a hearing, a record the case does not have: said at
    once, not after the worker answered a question for nothing."""
    new_case()
    before = records(db_path)
    child = spawn_huurbeg(db_path, *args)
    code = finish(child)
    shown = " ".join((child.before or "").split())
    assert code != 0 and refusal in shown, shown
    assert "?" not in shown.split("Jan Peeters", 1)[-1]  # no question after whose case it is
    assert records(db_path) == before


@pytest.mark.slow
@pytest.mark.parametrize("path, arguments, flag", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_a_left_out_required_option_is_asked_and_ctrl_c_writes_nothing(case_file, path, arguments, flag):
    before = records(case_file)
    child = spawn_huurbeg(case_file, *argv(path, arguments))
    if "number" in arguments:
        child.expect_exact("Case 2026-0001: Jan Peeters")  # whose case it is, before the question
    child.expect(r"\?(\x1b\[[0-9;]*m)* \w[^\r\n]*\?")  # the question, not the parser's refusal
    assert "Missing option" not in child.before
    child.send(CTRL_C)
    assert finish(child) == 130
    assert "stopped; nothing was written" in child.before
    assert records(case_file) == before


@pytest.mark.parametrize("lang, missing", [("en", "Missing option"), ("nl", "ontbreekt")])
@pytest.mark.parametrize("path, arguments, flag", COMMANDS, ids=[" ".join(c[0]) for c in COMMANDS])
def test_without_a_terminal_it_is_one_line_naming_the_flag(case_file, path, arguments, flag, lang, missing):
    before = records(case_file)
    for extra in ([], ["--no-input"]) if "--no-input" in _options(path) else ([],):
        result = CliRunner().invoke(app, [*argv(path, arguments), *extra], env={"HUURBEG_LANG": lang})
        assert_one_line_error(result, code=2, contains=flag)
        assert missing in result.stderr
    assert records(case_file) == before


def _options(path) -> set[str]:
    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return {opt for p in command.params for opt in p.opts}


@pytest.mark.slow
@pytest.mark.parametrize("lang, question, paid", [("en", "Amount paid (euros)? (Enter: 103,00)", "recorded"),
                                                   ("nl", "Betaald bedrag (euro)? (Enter: 103,00)", "genoteerd")])
def test_a_payment_asks_its_amount_with_the_instalment_on_enter(db_path, cli, new_case, lang, question, paid):
    number = new_case()
    assert cli("plan", number, "--arrears", "1.234,56", "--instalment", "103", "--start", "today",
               "--no-input").exit_code == 0
    child = spawn_huurbeg(db_path, "plan", "pay", number, lang=lang)
    child.expect_exact(f"{number}: Jan Peeters")
    answer(child, question, "\r")
    assert finish(child) == 0, child.before
    assert paid in child.before
    plan = json.loads(cli("plan", "show", number, "--format", "json").stdout)
    assert [p["amount"] for p in plan["payments"]] == [103.0]


@pytest.mark.slow
@pytest.mark.parametrize("lang, outcome, note, anyway", [
    ("en", "Outcome?", "Note on the closing (confidential)?", "Close the case anyway?"),
    ("nl", "Resultaat?", "Notitie bij de afsluiting (vertrouwelijk)?", "Het dossier toch afsluiten?")])
def test_closing_asks_the_outcome_from_its_list_and_a_note_and_still_warns(db_path, cli, new_case, lang, outcome,
                                                                          note, anyway):
    number = new_case()
    assert cli("plan", number, "--arrears", "500", "--instalment", "100", "--start", "today",
               "--force", "--no-input").exit_code == 0
    child = spawn_huurbeg(db_path, "case", "close", number, lang=lang)
    child.expect_exact(f"{number}: Jan Peeters")
    answer(child, outcome, "\r")  # the first of the list: eviction prevented
    answer(child, note, "Overgedragen aan OCMW\r")
    answer(child, anyway, "y\r")  # the active plan is still said
    assert finish(child) == 0, child.before
    case = json.loads(cli("case", "show", number, "--format", "json").stdout)
    assert (case["status"], case["outcome"], case["closing_note"]) == ("closed", "eviction-prevented",
                                                                       "Overgedragen aan OCMW")


def test_two_flows_in_one_process_see_nothing_of_each_other(cli, new_case):
    """A flow's state is its own object, made when it starts and gone when its command ends."""
    from huurbeg.cli import prompts

    first = prompts.start_flow(None, ["note"])
    first.vouched.add("arrears")
    assert not prompts._unanswered("note", None) and prompts.vouched_fields() == {"arrears"}
    new_case()  # a command run in this process ends the flow it found
    second = prompts.start_flow()
    assert second is not first
    assert prompts._unanswered("note", None) and prompts.vouched_fields() == set() and prompts.questions_asked() == 0
    prompts.end_flow()
