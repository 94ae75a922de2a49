"""Errors belong to their layer: a rule names the field in the reader's words, the command line its flag."""

import ast
import re
from datetime import date
from pathlib import Path

import pytest
import typer

from huurbeg.domain import payment_plan
from huurbeg.cli.root import app
from huurbeg.core.errors import FIELDS, InvalidInput, NotFound, Refused, reason
from huurbeg.core.i18n import N_, speaking
from huurbeg.core.messages import Msg
from huurbeg.db.engine import resolve
from huurbeg.domain.rules import check_birth_date_matches
from huurbeg.cli.hints import hinted
from huurbeg.cli.params import flag_of
from conftest import assert_one_line_error, snapshot, spawn_huurbeg

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


BELOW = ("domain", "db", "core", "output")
"""The layers below the command line: their messages refer to another field as `{field:NAME}`, never by a flag."""
THE_COMMAND_LINES_OWN = {
    "table for people; json or csv for programs (data on stdout only); csv-excel for a Belgian Excel (; and "
    "decimal comma); xlsx an Excel workbook (with --output FILE).",
    "table for people; json or csv for programs; csv-excel for a Belgian Excel; xlsx a workbook, one sheet per "
    "panel; html the report as one printable page with charts; pdf the same report as an A4 PDF (with --output "
    "FILE.pdf).",
    "none recorded (hearing edit --proposal)",
    "No open cases. Register one with 'huurbeg intake', or explore with 'huurbeg --help'.",
    "FBU agreement {id} signed {date}: advance of {amount} EUR due {due}, balance in payment plan {plan} (advance "
    "above the fund's limit, recorded with --force)",
}
"""Texts of huurbeg/output that only the command line shows: the help of --format (the registry of formats
holds it), the dossier's and the overview's screens, and what the history says a command did."""
FLAG = re.compile(r"--[a-z]|\{(option|flag|flags)\}")
"""A flag anywhere in a message, written out or put in by a placeholder ("{option}: cannot use {shown}", formatted
with option="--db"): either way it is named under a question too, where no flag was typed."""


def marked_texts(source: str):
    """Every string constant inside a call of a marking function: nested in a Msg(N_(...)), joined with +,
    formatted afterwards; (line, text)."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in MARKS:
            for arg in node.args:
                for inner in ast.walk(arg):
                    if isinstance(inner, ast.Constant) and isinstance(inner.value, str):
                        yield inner.lineno, inner.value


def test_no_message_below_the_command_line_names_a_flag():
    found = [(f"{path.relative_to(PACKAGE)}:{line}", text) for path in sorted(PACKAGE.rglob("*.py"))
             if path.relative_to(PACKAGE).parts[0] not in COMMAND_LINE
             for line, text in marked_texts(path.read_text(encoding="utf-8"))]
    assert {where.split("/")[0] for where, _ in found} >= set(BELOW)
    assert len(found) > 500
    assert [(where, text) for where, text in found if FLAG.search(text) and text not in THE_COMMAND_LINES_OWN] == []
    referred = {name for _, text in found for name in re.findall(r"\{field:([a-z_]+)\}", text)}
    assert {"birth_date", "database", "worker", "mine"} <= referred
    assert referred <= set(FIELDS), "a field referred to has no words of its own in FIELDS"


def test_the_scan_sees_a_flag_in_any_message():
    source = ('raise X(_("a " "give --arrears EUR").format(n=1))\nMsg(N_("point --db elsewhere"), n=2)\n'
              'y = _("one") + _("two " + "--to")\nprint("--not-marked")\n'
              'raise Y(_("{option}: cannot use {shown}").format(option=name, shown=path))\n'
              'z = _("{source}: {count} rows")\n')
    assert {text for _, text in marked_texts(source) if FLAG.search(text)} == {
        "a give --arrears EUR", "point --db elsewhere", "--to", "{option}: cannot use {shown}"}


@pytest.mark.parametrize("lang, said", [
    (None, ("--db: {db} is a directory, not a database file", "--to: an in-memory database keeps nothing",
            "HUURBEG_DB: not a database URL huurbeg can use (an IPv6 address")),
    ("nl", ("--db: {db} is een map, geen databankbestand", "--to: een databank in het geheugen bewaart niets",
            "HUURBEG_DB: geen databank-URL die huurbeg kan gebruiken (een IPv6-adres")),
])
def test_the_database_a_storage_error_is_about_is_named_by_its_flag_on_the_command_line(cli, tmp_path, db_path,
                                                                                        lang, said):
    """The storage names the database it cannot use as a field (db, copy's to, the environment's HUURBEG_DB);
    the command line names it by the flag or the variable it came from."""
    env = {"HUURBEG_LANG": lang} if lang else {}
    directory, in_memory, url = said
    assert_one_line_error(cli("--db", str(tmp_path), "case", "list", env=env), code=5,
                          contains=directory.format(db=tmp_path))
    assert_one_line_error(cli("copy", "--to", ":memory:", env=env), code=2, contains=in_memory)
    assert_one_line_error(cli("case", "list", env={**env, "HUURBEG_DB": "postgresql://u@[::1:5432/x"}), code=2,
                          contains=url)
    with speaking("nl" if lang else "en"), pytest.raises(InvalidInput) as refused:
        resolve(":memory:", name="to")
    assert refused.value.field == "to" and "--" not in str(refused.value)


def test_a_field_referred_to_is_named_by_its_flag_on_the_command_line(cli, new_case, db_path):
    number = new_case("--birth-date", "01/01/1990")
    before = snapshot(db_path)
    for env, line in (
            (None, "huurbeg: error: --national-number: holds another birth date than the --birth-date given; "
                   "check both"),
            ({"HUURBEG_LANG": "nl"}, "huurbeg: fout: --national-number: bevat een andere geboortedatum dan de "
                                     "opgegeven --birth-date; controleer beide")):
        result = cli("case", "edit", number, "--national-number", "85073003328", env=env)
        assert_one_line_error(result, code=2)
        assert result.stderr.strip() == line
    assert snapshot(db_path) == before


def test_a_field_referred_to_is_named_in_words_below_the_command_line():
    with pytest.raises(InvalidInput) as refused:
        check_birth_date_matches(date(1985, 7, 30), date(1990, 1, 1))
    assert reason(refused.value) == "national register number: holds another birth date than the birth date given; " \
                                    "check both"
    with speaking("nl"), pytest.raises(InvalidInput) as dutch:
        check_birth_date_matches(date(1985, 7, 30), date(1990, 1, 1))
    assert str(dutch.value) == "rijksregisternummer: bevat een andere geboortedatum dan de opgegeven geboortedatum; " \
                               "controleer beide"
    assert dutch.value.detail == "bevat een andere geboortedatum dan de opgegeven {field:birth_date}; controleer beide"
    assert "{field:" not in str(Msg(N_("check {field:database}")))
    assert Msg(N_("check {field:database}")) == "check the database setting"


def test_what_the_command_line_adds_is_its_own(cli, new_case, db_path):
    """A hint to copy a command is the command line's: the rule's own error says what is wrong without it."""
    number = new_case()
    before = snapshot(db_path)
    result = cli("plan", "show", number)
    assert_one_line_error(result, code=3)
    assert result.stderr.strip() == (f"huurbeg: error: case {number} has no payment plan; create one with "
                                     f"'huurbeg plan {number} --arrears EUR --instalment EUR --start D'")
    dutch = cli("plan", "show", number, env={"HUURBEG_LANG": "nl"})
    assert dutch.stderr.strip() == (f"huurbeg: fout: dossier {number} heeft geen afbetalingsplan; maak er een met "
                                    f"'huurbeg plan {number} --arrears EUR --instalment EUR --start D'")
    assert snapshot(db_path) == before
    error = NotFound(f"case {number} has no payment plan", hint="create_plan", number=number)
    assert reason(error) == f"case {number} has no payment plan" and error.hint == "create_plan"
    assert hinted("x", error) == f"x; create one with 'huurbeg plan {number} --arrears EUR --instalment EUR --start D'"


@pytest.mark.slow
@pytest.mark.parametrize("lang, question, refusal", [
    (None, "National register number?", "holds another birth date than the birth date given;"),
    ("nl", "Rijksregisternummer?", "bevat een andere geboortedatum dan de opgegeven geboortedatum;"),
])
def test_a_field_referred_to_is_named_in_words_under_a_question(db_path, lang, question, refusal):
    """The birth date was given as a flag, but the national number is answered to a question: the refusal
    under it names the birth date as the reader says it, not by a flag nobody typed there."""
    pexpect = pytest.importorskip("pexpect")
    child = spawn_huurbeg(db_path, "intake", "--track", "pw", "--tenant", "Jan Peeters", "--source", "tenant",
                          "--tenant-informed", "--address", "", "--phone", "", "--birth-date", "01/01/1990",
                          lang=lang)
    child.expect_exact(question)
    child.send("85073003328\r")
    child.expect_exact(refusal)
    assert "--birth-date" not in child.before
    child.send("\x03")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
