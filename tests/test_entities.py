"""One description per entity (huurbeg.domain.entities): a field's option, its question and its lines come from it."""

import json
import os

import pytest
import typer
from typer.testing import CliRunner

from huurbeg.domain.entities import (CASE, CASE_OPTIONS, HOUSEHOLD, LANDLORD, LANDLORD_CONTACT, SEARCHED,
                                     SEARCHED_CONTACT, Field)

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


def test_what_case_find_looks_in_and_how_much_each_says_is_the_description():
    """Every field a search can say it matched is described with its weight; the search weighs by them alone."""
    from huurbeg.core.codes import FoundIn
    from huurbeg.domain import finding

    assert [f.found for f in SEARCHED] == [f.found for f in (*HOUSEHOLD, *LANDLORD, *CASE) if f.found]
    assert {f.found for f in SEARCHED} == set(FoundIn)
    assert all(0 < f.weight <= 1 for f in SEARCHED)
    assert finding.FIELD_WEIGHT == {f.found: f.weight for f in SEARCHED}
    assert {f.found for f in SEARCHED if f.where.startswith("landlord")} == {"landlord", *(
        f.found for f in SEARCHED_CONTACT)}
    assert finding.NUMBERS[0] == "national_number" and finding.PHONES == ("phone", "landlord_phone")
    assert max(SEARCHED, key=lambda f: f.weight).found == "tenant"  # a name says most, a landlord's desk least
    assert all(f.weight < min(g.weight for g in SEARCHED if g not in SEARCHED_CONTACT) for f in SEARCHED_CONTACT)


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


DESCRIBED_LATER = '''
"""huurbeg with a household field described after its commands were written, and nothing else changed."""
import sys

import huurbeg.domain.entities as entities

FIELD = entities.Field("preferred_language", "preferred language", "text", True, "preferred_language",
                       "--preferred-language", where="household.preferred_language",
                       help="The language the tenant prefers.", question="Preferred language?", heading="Language")
entities.HOUSEHOLD += (FIELD,)
entities.HOUSEHOLD_FIELDS += (FIELD.column,)

from huurbeg.cli.root import app  # noqa: E402  (made from the description as it is now)

sys.argv[0] = "huurbeg"
app()
'''
"""A field added to the household's description before any command module is loaded: the model's column and the
migration are the test's own ALTER TABLE."""


@pytest.mark.slow
@pytest.mark.sqlite_only
def test_a_household_field_added_to_the_description_reaches_every_place_that_takes_a_household(
        cli, new_case, db_path, tmp_path):
    """The five places of the README: with the column made and the field described, intake and `case edit` take
    it as a flag, intake asks it on a terminal, the dossier and the export show it, the history names it and a
    purge erases it."""
    import sqlite3
    import subprocess
    import sys

    pexpect = pytest.importorskip("pexpect")
    number = new_case("--date", "01/10/2026")  # the database, before the column
    with sqlite3.connect(db_path) as connection:
        for table in ("household", "household_merge"):
            connection.execute(f"ALTER TABLE {table} ADD COLUMN preferred_language VARCHAR")
    script = tmp_path / "described_later.py"
    script.write_text(DESCRIBED_LATER)

    def later(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=120)

    assert "--preferred-language" in later("intake", "--help").stdout
    assert "The language the tenant prefers." in later("case", "edit", "--help").stdout
    edited = later("case", "edit", number, "--preferred-language", "PLANTED-LANGUAGE")
    assert edited.returncode == 0, edited.stderr
    assert f"{number}: corrected preferred language." in edited.stderr  # the history's label
    shown = later("case", "show", number, "-f", "json")
    assert json.loads(shown.stdout)["tenant"]["preferred_language"] == "PLANTED-LANGUAGE", shown.stderr
    assert "PLANTED-LANGUAGE" in later("case", "show", number).stdout
    assert "PLANTED-LANGUAGE" in later("case", "export", number).stdout
    opened = later("intake", "--track", "pw", "--tenant", "An Claes", "--source", "tenant", "--tenant-informed",
                   "--preferred-language", "PLANTED-OTHER", "--date", "02/10/2026", "--no-input")
    assert opened.returncode == 0, opened.stderr
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("SELECT preferred_language FROM household ORDER BY id").fetchall() == [
            ("PLANTED-LANGUAGE",), ("PLANTED-OTHER",)]

    child = pexpect.spawn(sys.executable, [str(script), "intake", "--track", "crisis", "--source", "police",
                                           "--tenant-informed", "--referrer", "wijkagent", "--note", "", "--date",
                                           "01/11/2026"], env=dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm"),
                          encoding="utf-8", timeout=30, dimensions=(40, 120))
    from conftest import answer

    for question in [f.question for f in HOUSEHOLD] + ["Preferred language?"]:
        answer(child, question, {"Tenant's name?": "Familie Janssens\r", "Preferred language?": "PLANTED-ASKED\r"}
               .get(question, "\r"))
    answer(child, "Register this case?", "y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before

    for each in (number, "2026-0002", "2026-0003"):
        assert later("case", "close", each, "--outcome", "referred", "--date", "10/11/2026").returncode == 0
    assert later("purge", "--closed-before", "today", "--yes").returncode == 0
    with sqlite3.connect(db_path) as connection:
        dump = "\n".join(connection.iterdump())
    assert "PLANTED" not in dump
