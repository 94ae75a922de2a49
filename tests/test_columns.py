"""At 80 columns every line breaks between words: error lines, the message under a question, the help."""

import re
import sys
from datetime import date

import pytest
import typer

from huurbeg.cli.root import app

LANGUAGES = ("en", "nl")


def commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    yield path, group
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            yield from commands(command, path + (name,))
        else:
            yield path + (name,), command


ALL = list(commands())
BROKEN = re.compile(r"\w-$")
"""A line that ends inside a hyphenated word: 'support-' with 'refused' on the next line."""


@pytest.mark.parametrize("lang", LANGUAGES)
def test_no_help_line_is_broken_inside_a_word(cli, lang):
    broken = []
    for path, _command in ALL:
        result = cli(*path, "--help", env={"COLUMNS": "80", "HUURBEG_LANG": lang})
        assert result.exit_code == 0, (path, result.output)
        broken += [f"huurbeg {' '.join(path)}: {line}" for line in result.stdout.splitlines() if BROKEN.search(line)]
    assert not broken, "\n".join(broken)


pexpect = pytest.importorskip("pexpect")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_an_error_line_on_a_terminal_breaks_between_words(cli, db_path, lang):
    import os

    assert cli("case", "list").exit_code == 0  # the database exists
    args = ["intake", "--track", "pw", "--tenant", "Jan", "--source", "estate", "--tenant-informed", "--no-input"]
    whole = cli(*args, env={"HUURBEG_LANG": lang}).stderr.strip()  # off a terminal: one line
    assert len(whole) > 80 and "\n" not in whole, whole
    env = dict(os.environ, TERM="xterm", NO_COLOR="1", HUURBEG_LANG=lang)
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", *args], env=env, encoding="utf-8", timeout=20,
                          dimensions=(24, 80))
    child.expect(pexpect.EOF)
    lines = [line for line in child.before.replace("\r", "").splitlines() if line.strip()]
    assert all(len(line) <= 80 for line in lines), lines
    assert " ".join(line.strip() for line in lines) == whole  # every word whole, none cut or joined


def test_the_message_under_a_question_is_cut_at_a_word(monkeypatch):
    from huurbeg.cli import prompts

    monkeypatch.setenv("COLUMNS", "40")

    def parse(answer):
        raise ValueError("use a whole number of minutes from 0 to 480 (eight hours at most)")

    shown = prompts._check(parse)("abc")
    assert len(shown) <= 39 and shown.endswith("…"), shown
    assert shown.removesuffix("…").rstrip() == "use a whole number of minutes from 0"


def test_the_message_under_a_question_names_no_flag(monkeypatch):
    from huurbeg.cli import prompts
    from huurbeg.core.errors import InvalidInput

    def parse(answer):
        raise InvalidInput("--instalment: must be more than 0")

    assert prompts._check(parse)("0") == "must be more than 0"


# --- warnings at 80 columns -----------------------------------------------------------------------

SAMPLES = {"date": "21/11/2026", "due": "21/11/2026", "announced": "18/11/2026", "time": "10:30", "days": "99",
           "amount": "€ 1.234,56", "open": "€ 1.234,56", "seq": "12", "missed": "12", "years": "3", "id": "123",
           "count": "99"}
"""The longest values a warning usually holds."""


def rule_texts():
    """(rule, English text) of every message a warning rule of huurbeg/domain/rules.py may give, plural forms too."""
    import ast
    from pathlib import Path

    import huurbeg.domain.rules

    tree = ast.parse(Path(huurbeg.domain.rules.__file__).read_text(encoding="utf-8"))
    for function in tree.body:
        if isinstance(function, ast.FunctionDef) and any(getattr(d, "id", "") == "rule" for d in function.decorator_list):
            for node in ast.walk(function):
                if isinstance(node, ast.Call) and getattr(node.func, "id", "") in ("N_", "Nn_"):
                    yield function.name, tuple(arg.value for arg in node.args)


TEXTS = list(rule_texts())


def test_every_rule_is_walked():
    rules = {rule for rule, _text in rule_texts()}
    from huurbeg.domain.rules import RULE_NAMES

    assert {slug.replace("-", "_") for slug in RULE_NAMES} == rules
    assert len(TEXTS) > 25


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("rule, text", TEXTS, ids=[f"{rule}:{text[0][:30]}" for rule, text in TEXTS])
def test_no_warning_is_cut_before_its_fact_at_80_columns(monkeypatch, capsys, rule, text, lang):
    """Every text of every rule, as deadlines and the overview show it at 80 columns: the fact, before any
    '; ', is on screen whole; only what follows it may give way."""
    from huurbeg.core import i18n
    from huurbeg.output import render
    from huurbeg.commands import headed
    from huurbeg.commands.deadlines import COLUMNS
    from huurbeg.domain.rules import Severity, rule_name
    from huurbeg.output.views import WARNING_COLUMNS

    monkeypatch.setenv("HUURBEG_LANG", lang)
    translated = i18n.catalogue(lang)
    from huurbeg.core.codes import Party, ReferralDestination, label

    longest = lambda codes: max((label(code) for code in codes), key=len)  # noqa: E731
    values = SAMPLES | {"party": longest(Party), "to": longest(ReferralDestination)}
    message = (translated.gettext(text[0]) if len(text) == 1 else translated.ngettext(*text, 99)).format(**values)
    fact = message.partition("; ")[0]
    row = {"case": "2026-0042", "rule": rule_name(rule.replace("_", "-")), "severity": Severity.WARNING,
           "due": date(2026, 11, 21), "tenant": "Anna-Maria Van den Broeck-Vermeersch", "message": message}
    for columns in (headed(COLUMNS), headed(WARNING_COLUMNS)):
        lines = render.table([row], columns, width=80)
        assert all(len(line) <= 80 for line in [lines._line(cells) for cells, _style in lines.rows])
        assert fact in lines.rows[0][0][-1], (message, lines.rows[0][0])  # the warning is the last column


# --- the tenant beside the case number ------------------------------------------------------------

@pytest.mark.parametrize("args", [("deadlines",), (), ("refer", "list")], ids=["deadlines", "overview", "refer list"])
def test_the_tenant_is_named_beside_the_case_and_gives_way_at_80_columns(cli, new_case, args):
    number = new_case()
    assert cli("refer", number, "--to", "caw-prevention").exit_code == 0
    wide = cli(*args, env={"COLUMNS": "120"})
    assert wide.exit_code == 0, wide.output
    line = next(line for line in wide.stdout.splitlines() if number in line)
    assert re.search(rf"{number}\s+Jan Peeters\s", line), wide.stdout
    narrow = cli(*args, env={"COLUMNS": "80"}).stdout
    assert number in narrow and all(len(line) <= 80 for line in narrow.splitlines())
    if args != ("refer", "list"):  # the name gives way to the warning's fact
        assert "Jan Peeters" not in narrow and "consent of tenant and landlord missing" in narrow


@pytest.mark.parametrize("args", [("deadlines",), ("refer", "list")])
def test_json_and_csv_keep_their_shape_without_the_name(cli, new_case, args):
    number = new_case()
    assert cli("refer", number, "--to", "caw-prevention").exit_code == 0
    import json

    listed = json.loads(cli(*args, "--format", "json").stdout)
    assert listed and all("tenant" not in row for row in listed)
    assert "Jan Peeters" not in cli(*args, "--format", "csv").stdout


def test_the_overview_names_the_contacts_planned_for_today(cli, new_case):
    planned = new_case("--date", "20/11/2026")
    other = new_case("--tenant", "Mia Claes", "--address", "Markt 2, 2800 Mechelen", "--date", "20/11/2026")
    for number, following in ((planned, "today"), (other, "tomorrow")):
        result = cli("visit", number, "--date", "yesterday", "--kind", "phone", "--minutes", "10", "--note", "",
                     "--next", following, "--reached", "--no-input")
        assert result.exit_code == 0, result.output
    screen = cli(env={"COLUMNS": "80"}).stdout
    title, _rule, *rows = screen.partition("Contacts planned for today")[2].splitlines()[1:]
    assert title.split() == ["Case", "Tenant"]
    assert rows[0].split() == [planned, "Jan", "Peeters"]
    assert other not in screen.partition("Contacts planned for today")[2].partition("Hearings")[0]
    nl = cli(env={"COLUMNS": "80", "HUURBEG_LANG": "nl"}).stdout
    assert "Contacten gepland voor vandaag" in nl
