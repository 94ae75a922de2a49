"""Errors belong to their layer: a rule names the field in the reader's words, the command line its flag."""

import ast
from datetime import date
from pathlib import Path

import pytest
import typer

from huurbeg.domain import payment_plan
from huurbeg.cli.root import app
from huurbeg.core.errors import FIELDS, InvalidInput, Refused, reason
from huurbeg.core.i18n import speaking
from huurbeg.cli.params import flag_of
from conftest import assert_one_line_error, snapshot

PACKAGE = Path(__file__).parent.parent / "huurbeg"
COMMAND_LINE = {"cli", "commands"}
"""The command line's layers (huurbeg/cli, huurbeg/commands): the only ones that know its flags."""
MARKS = {"_", "N_", "Msg", "ngettext", "Nn_", "pgettext"}


def messages_outside_the_command_line():
    for path in sorted(PACKAGE.rglob("*.py")):
        inside = path.relative_to(PACKAGE)
        if inside.parts[0] in COMMAND_LINE:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKS:
                for arg in node.args:
                    if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                        yield f"{inside}:{node.lineno}", arg.value


def test_no_message_below_the_command_line_starts_with_a_flag():
    found = list(messages_outside_the_command_line())
    assert len(found) > 500  # the scan sees the catalogue's texts
    flagged = [(where, text) for where, text in found if text.startswith(("--", "{flag}"))]
    assert flagged == []


def test_a_rules_error_names_its_field_alone_and_its_flag_on_the_command_line(cli, new_case, db_path):
    with pytest.raises(Refused) as refused:
        payment_plan.schedule(0, 1000, date(2026, 11, 1))
    assert refused.value.field == "arrears"
    assert str(refused.value) == "arrears: must be more than 0"
    with speaking("nl"):
        dutch = InvalidInput.of(payment_plan_refusal())
    assert reason(dutch) == "huurachterstal: moet meer dan 0 zijn" and dutch.field == "arrears"
    number = new_case()
    before = snapshot(db_path)
    for env, line in ((None, "huurbeg: error: --arrears: must be more than 0"),
                      ({"HUURBEG_LANG": "nl"}, "huurbeg: fout: --arrears: moet meer dan 0 zijn")):
        result = cli("plan", number, "--arrears", "0", "--instalment", "10", "--start", "01/12/2026", env=env)
        assert_one_line_error(result, code=2)
        assert result.stderr.strip() == line
    assert snapshot(db_path) == before


def payment_plan_refusal() -> Refused:
    try:
        payment_plan.schedule(0, 1000, date(2026, 11, 1))
    except Refused as exc:
        return exc
    raise AssertionError("no refusal")


def test_one_of_two_fields_is_named_by_both_flags(cli, new_case):
    number = new_case("--track", "crisis")
    assert cli("transfer", "dwelling", "add", "CW-1", "--kind", "crisis").exit_code == 0
    assert cli("transfer", "in", number, "--dwelling", "CW-1").exit_code == 0
    result = cli("transfer", "extend", number, "--until", "01/06/2027")
    assert_one_line_error(result, code=2, contains="--until/--review: a crisis stay is extended by")
    with speaking("nl"):
        assert str(InvalidInput("x", field="until/review")) == "geplande einddatum/evaluatiedatum: x"


def test_every_flag_of_every_command_names_its_field():
    """Whatever rule a command calls, a field it takes by a flag is named by that flag."""
    def walk(group):
        for command in group.commands.values():
            yield from walk(command) if hasattr(command, "commands") else [command]

    checked = 0
    for command in walk(typer.main.get_command(app)):
        for param in command.params:
            for flag in (opt for opt in param.opts if opt.startswith("--")):
                field = flag[2:].replace("-", "_")
                if any(flag in other.opts for other in command.params if other is not param):
                    continue
                assert flag_of(command, field) == flag, (command.name, flag)
                checked += 1
    assert checked > 250
    assert all(" " not in field and field == field.lower() for field in FIELDS)
