"""One description per entity (huurbeg.domain.entities): a field's option, its question and its lines come from it."""

import json

import pytest
import typer
from typer.testing import CliRunner

from huurbeg.domain.entities import CASE_OPTIONS, HOUSEHOLD, LANDLORD_CONTACT, SEARCHED_CONTACT, Field

DESCRIBED = ((("intake",), HOUSEHOLD + CASE_OPTIONS), (("case", "edit"), HOUSEHOLD + CASE_OPTIONS),
             (("landlord", "edit"), LANDLORD_CONTACT))
"""The commands that take an entity's fields as options, and the fields they take."""


def _command(path: tuple[str, ...]):
    from huurbeg.cli.root import app

    command = typer.main.get_command(app)
    for name in path:
        command = command.commands[name]
    return command


@pytest.mark.parametrize(("path", "fields"), DESCRIBED, ids=[" ".join(path) for path, _fields in DESCRIBED])
def test_every_described_field_is_an_option_of_the_commands_that_take_it(path, fields):
    options = {name: param for param in _command(path).params for name in param.opts}
    for field in fields:
        assert field.help and options[field.option].help.startswith(field.help), field  # a code's lists its codes
        assert options[field.option].name == (field.edit or field.column)


def test_the_landlords_and_the_cases_fields_are_options_made_from_their_descriptions():
    """Each option of intake and `case edit` that is a landlord's or case's field is the description's."""
    assert {f.option for f in CASE_OPTIONS} == {"--landlord", "--landlord-type", "--source", "--referrer", "--problem",
                                                "--arrears", "--rent", "--note"}
    for path in (("intake",), ("case", "edit")):
        options = {name: param for param in _command(path).params for name in param.opts}
        assert options["--problem"].multiple and options["--arrears"].metavar == "EUR", path


LATER = (Field("preferred_language", "preferred language", "text", True, "preferred_language",
               "--preferred-language", help="The language the tenant prefers."),
         Field("pets", "pets", "count", False, "pets", "--pets", help="Pets in the household."))
"""Fields described after the commands were written."""


def test_a_field_described_later_is_a_flag_its_command_receives_checked_as_its_kind():
    from huurbeg.commands.fields import with_options

    received = {}
    small = typer.Typer()

    @small.command()
    @with_options(LATER, after="number")
    def edit(number: str, no_input: bool = False, **given) -> None:
        """Correct."""
        received.update(given, number=number)

    runner = CliRunner()
    result = runner.invoke(small, ["2026-0001", "--preferred-language", "nl", "--pets", "2"])
    assert result.exit_code == 0, result.output
    assert received == {"number": "2026-0001", "preferred_language": "nl", "pets": 2}
    refused = runner.invoke(small, ["2026-0001", "--pets", "many"])
    assert refused.exit_code == 2 and "--pets" in refused.output and "whole number" in refused.output
    shown = runner.invoke(small, ["--help"]).output
    assert shown.index("--preferred-language") < shown.index("--pets") < shown.index("--no-input")
    assert "The language the tenant prefers." in shown


def test_a_landlords_searched_details_are_found_by_case_find(cli, new_case):
    """`case find` looks in the landlord's details the description marks, each said as what it matched."""
    number = new_case()
    values = {"phone": "015 44 55 66", "email": "huurders@woonpunt.be", "contact_person": "Karin Wouters"}
    assert {f.column for f in SEARCHED_CONTACT} == set(values)
    assert cli("landlord", "edit", "Woonpunt", *[arg for f in SEARCHED_CONTACT
                                                  for arg in (f.option, values[f.column])]).exit_code == 0
    for field in SEARCHED_CONTACT:
        found = json.loads(cli("case", "find", values[field.column], "-f", "json").stdout)
        assert [(row["case"], row["matched"]) for row in found] == [(number, field.found)]


@pytest.mark.slow
def test_intake_asks_the_household_in_the_order_of_its_description(db_path, cli):
    pexpect = pytest.importorskip("pexpect")
    from conftest import answer, spawn_huurbeg

    typed = {"name": "Familie Janssens", "birth_date": "30/07/1985", "national_number": "85073003328",
             "adults": "2", "children": "1"}
    child = spawn_huurbeg(db_path, "intake", "--track", "crisis", "--source", "police", "--tenant-informed",
                          "--referrer", "wijkagent", "--note", "", "--date", "today")
    for field in HOUSEHOLD:
        answer(child, field.question, typed.get(field.column, "") + "\r")
    answer(child, "Register this case?", "y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    tenant = json.loads(cli("case", "show", "2026-0001", "-f", "json").stdout)["tenant"]
    assert (tenant["name"], tenant["birth_date"], tenant["adults"], tenant["children"]) == (
        "Familie Janssens", "1985-07-30", 2, 1)
