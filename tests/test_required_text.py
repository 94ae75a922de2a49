"""One rule for a required text, wherever it is typed: something visible must remain.

The parameters are read from the CLI itself: every one that takes free text is either driven
here with invisible input, or named as one where an empty value means something.
"""

import json
import os
import sys

import pytest
import typer.main

from conftest import assert_one_line_error, snapshot
from huurbeg.cli import params
from huurbeg.core import text
from huurbeg.cli.root import app
from conftest import records

INVISIBLE = ["\u200b\u200b", "\x1b[2J", " \t ", "\x1b]52;c;aGVsbG8=\x07", "\u202e\u2066", "\x1b]8;;http://e.vil\x07"
             "\x1b]8;;\x07"]
LONG = "x" * 100_000
CASE = ["intake", "--track", "pw", "--tenant", "Sara Janssens", "--address", "Molenstraat 5, 2800 Mechelen",
        "--source", "tenant", "--landlord", "Karel De Smet", "--landlord-type", "private", "--problem", "arrears",
        "--arrears", "1950", "--rent", "650", "--tenant-informed", "--consent-tenant", "--consent-landlord",
        "--date", "-2m", "--no-input"]

TEXT_PARSERS = (None, params.parse_required_text, params.parse_clearable_text)


def text_parameters(group=None, words=()) -> dict:
    """Every parameter of the CLI that takes free text, by its command and name ('case edit --tenant')."""
    group = group or typer.main.get_command(app)
    found = {}
    for param in group.params if not words else ():
        found |= _free_text(words, param)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found |= text_parameters(command, words + (name,))
        else:
            for param in command.params:
                found |= _free_text(words + (name,), param)
    return found


def _free_text(words: tuple, param) -> dict:
    descriptor = getattr(param, "type_descriptor", None)
    annotation = getattr(descriptor, "annotation", None)
    if annotation is not str and str not in getattr(annotation, "__args__", ()):
        return {}
    if getattr(descriptor.parameter_info, "parser", None) not in TEXT_PARSERS:
        return {}  # a date, a case number, a worker: parsed by a parser of its own
    name = param.opts[0] if param.param_type_name == "option" else param.metavar
    return {" ".join((*words, name)).strip(): param}


V = "{value}"
C, S = "{case}", "{stay}"
REQUIRED = {
    "intake --tenant": ["intake", "--track", "pw", "--tenant", V, "--source", "tenant", "--tenant-informed",
                        "--no-input"],
    "intake --landlord": ["intake", "--track", "pw", "--tenant", "Els Maes", "--source", "tenant", "--landlord", V,
                          "--landlord-type", "private", "--tenant-informed", "--no-input"],
    "case edit --tenant": ["case", "edit", C, "--tenant", V],
    "case edit --landlord": ["case", "edit", C, "--landlord", V, "--landlord-type", "private"],
    "case list --landlord": ["case", "list", "--landlord", V],
    "case consent-remove --reason": ["case", "consent-remove", C, "--tenant", "--reason", V],
    "case remove --reason": ["case", "remove", C, "--reason", V],
    "case file-remove --reason": ["case", "file-remove", C, "1", "--reason", V],
    "visit remove --reason": ["visit", "remove", C, "1", "--reason", V],
    "plan agree TEXT": ["plan", "agree", C, V, "--due", "+1w"],
    "plan agree-edit --text": ["plan", "agree-edit", C, "1", "--text", V],
    "plan agree-remove --reason": ["plan", "agree-remove", C, "1", "--reason", V],
    "plan payment-remove --reason": ["plan", "payment-remove", C, "1", "--reason", V],
    "plan fbu-remove --reason": ["plan", "fbu-remove", C, "--reason", V],
    "hearing add --court": ["hearing", "add", C, "--date", "+2w 09:00", "--court", V, "--force"],
    "hearing edit --court": ["hearing", "edit", C, "--court", V],
    "hearing list --court": ["hearing", "list", "--court", V],
    "hearing outcome-remove --reason": ["hearing", "outcome-remove", "{held}", "--reason", V],
    "hearing remove --reason": ["hearing", "remove", C, "--reason", V],
    "hearing courts --merge": ["hearing", "courts", "--merge", V, "--into", "Vredegerecht Mechelen"],
    "hearing courts --into": ["hearing", "courts", "--merge", "Vredegerecht Mechelen", "--into", V],
    "hearing served-remove --reason": ["hearing", "served-remove", "{held}", "--reason", V],
    "hearing eviction-remove --reason": ["hearing", "eviction-remove", "{held}", "--reason", V],
    "case close --note": ["case", "close", C, "--outcome", "other", "--note", V],
    "transfer in --dwelling": ["transfer", "in", C, "--dwelling", V],
    "transfer in --address": ["transfer", "in", C, "--dwelling", "CR-1", "--address", V],
    "transfer out --address": ["transfer", "out", S, "--destination", "family", "--address", V],
    "transfer undo --reason": ["transfer", "undo", S, "--reason", V],
    "transfer dwelling add CODE": ["transfer", "dwelling", "add", V, "--kind", "crisis"],
    "refer remove --reason": ["refer", "remove", C, "1", "--reason", V],
    "letter --place": ["letter", C, "--to", "tenant", "--date", "+1d", "--time", "10:00", "--place", V, "--preview"],
    "landlord show NAME": ["landlord", "show", V],
    "landlord edit NAME": ["landlord", "edit", V, "--phone", "0470 11 22 33"],
}
"""Each text that must show something, with the command that gives it (every other value valid)."""
FREE = {
    "--db": "a path or a database URL, checked when it is opened",
    "intake --address": "optional", "intake --phone": "optional", "intake --referrer": "optional",
    "intake --note": "optional", "case attach --note": "optional",
    "case edit --address": "'' clears it", "case edit --phone": "'' clears it", "case edit --referrer": "'' clears it",
    "case edit --note": "'' clears it",
    "visit add --note": "optional", "visit edit --note": "'' clears it", "refer add --note": "optional",
    "hearing add --room": "optional", "hearing add --proposal": "optional", "hearing outcome --proposal": "optional",
    "hearing edit --room": "'' clears it", "hearing edit --proposal": "'' clears it",
    "transfer dwelling add --address": "optional",
    "stats --month": "YYYY-MM or last, checked by stats", "stats --year": "YYYY, checked by stats",
    "copy --to": "a database URL, checked when it is opened",
    "case find TEXT": "a search: one without a word or a number to look for is refused by the search itself",
    "case list --status": "open, closed or all", "case find --status": "open, closed or all",
    "case report --format": "text or json", "case export --format": "json",
    "letter --lang": "nl or en, checked by letter",
    "service set --logo": "a file, checked by its content; '' removes the logo",
}
"""Texts where nothing typed is a value of its own (no note, no room), or that their own parser checks."""


def build(cli) -> dict:
    """A case with one of every record a text names or withdraws, a case in a crisis dwelling, a held hearing."""
    def run(*args):
        result = cli(*args)
        assert result.exit_code == 0, (args, result.output)
        return result.stdout.strip()

    case = run(*CASE)
    run("visit", case, "--date", "-1d", "--no-input")
    run("plan", case, "--arrears", "600", "--force", "--instalment", "100", "--start", "-1m")
    run("plan", "pay", case, "--amount", "100", "--date", "-1d")
    run("plan", "agree", case, "clean the kitchen", "--due", "+1w")
    run("plan", "fbu", case, "--signed", "-1d", "--instalment", "100", "--start", "+1m")
    run("hearing", "add", case, "--date", "+1w 09:00", "--court", "Vredegerecht Mechelen", "--force")
    run("refer", case, "--to", "ocmw", "--date", "-1d")
    run("transfer", "dwelling", "add", "CR-1", "--kind", "crisis")
    run("transfer", "dwelling", "add", "CR-2", "--kind", "crisis")
    stay = run("intake", "--track", "crisis", "--tenant", "Ann Smet", "--source", "police", "--tenant-informed",
               "--date", "-2m", "--no-input")
    run("transfer", "in", stay, "--dwelling", "CR-2", "--date", "-1m")
    held = run("intake", "--track", "ogp", "--tenant", "Tom Claes", "--source", "court", "--tenant-informed",
               "--date", "-1m", "--no-input")
    run("hearing", "add", held, "--date", "-1w 09:00", "--court", "Vredegerecht Mechelen", "--force")
    run("hearing", "outcome", held, "--result", "settled")
    return {"case": case, "stay": stay, "held": held}


def test_invisible_required_text_is_refused_everywhere(cli, db_path):
    found = text_parameters()
    assert not set(REQUIRED) & set(FREE)
    unnamed = sorted(set(found) - set(REQUIRED) - set(FREE))
    assert not unnamed, f"name these in tests/test_required_text.py, REQUIRED or FREE: {unnamed}"
    assert not (set(REQUIRED) | set(FREE)) - set(found), sorted((set(REQUIRED) | set(FREE)) - set(found))
    records = build(cli)
    before = snapshot(db_path)
    problems = []
    for name, command in REQUIRED.items():
        field = name.split()[-1]
        for value in INVISIBLE:
            args = [part.format(value=value, **records) for part in command]
            result = cli(*args)
            try:
                assert_one_line_error(result, code=2, contains="visible text")
                assert f"'{field}'" in result.stderr, result.stderr
            except AssertionError as failure:
                problems.append(f"{name} {value!r}: {failure}")
            if snapshot(db_path) != before:
                problems.append(f"{name} {value!r}: the database changed")
                before = snapshot(db_path)
    assert not problems, "\n".join(problems)


def test_the_validator():
    for value in INVISIBLE + ["", "\u3164", "\x1b", "\x9b2J", "\x1b7\x1b8"]:
        assert text.blank(value), repr(value)
    for value in ["Jan", "[2J", "Jan\x1b[2J", "\x1b]8;;http://e.vil\x07click\x1b]8;;\x07", "Zaal 3"]:
        assert not text.blank(value), repr(value)
    assert text.clearable("") == "" and text.clearable(" Jan ") == "Jan"
    assert text.short("x" * 41) == "x" * 40 + "…" and text.quoted("abc") == "'abc'"


def test_a_long_value_is_never_repeated_whole(cli, db_path):
    """Every value of every command, 100,000 characters long: an error line quotes a short prefix at most."""
    build(cli)
    problems = []

    def walk(group, words=()):
        for name, command in group.commands.items():
            if hasattr(command, "commands"):
                walk(command, words + (name,))
                continue
            for param in command.params:
                if getattr(param, "is_flag", False) or param.name in ("help", "output"):
                    continue
                given = [param.opts[0], LONG] if param.param_type_name == "option" else [LONG]
                result = cli(*words, name, *given)
                longest = max(map(len, result.output.splitlines() or [""]))
                if "x" * 1000 in result.output or longest > 400:
                    problems.append(f"{' '.join(words + (name,))} {param.opts[0]}: {longest} characters")
    walk(typer.main.get_command(app))
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_a_prompt_refuses_invisible_text_as_its_flag_does(db_path, cli):
    pexpect = pytest.importorskip("pexpect")
    assert cli("case", "list").exit_code == 0  # the database exists: creating one asks first on a terminal
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm", NO_COLOR="1")
    child = pexpect.spawn(sys.executable, ["-m", "huurbeg", "intake", "--track", "pw", "--source", "tenant",
                                           "--tenant-informed", "--address", "", "--phone", "", "--birth-date",
                                           "30/07/1985", "--national-number", "85073003328", "--adults", "1",
                                           "--children", "0",
                                           "--problem", "nuisance", "--consent-tenant", "--consent-landlord",
                                           "--date", "today", "--note", ""],
                          env=env, encoding="utf-8", timeout=30, dimensions=(40, 200))
    before = snapshot(db_path)
    for question, answer in (("Tenant's name?", "Els Maes"), ("Landlord?", "")):
        child.expect_exact(question)
        child.send("\u200b\u2066\r")
        child.expect_exact("visible text")  # refused at the prompt, asked again
        child.send("\x7f" * 2 + answer + "\r")
    child.expect_exact("Register this case?")
    assert records(db_path) == before  # nothing but the answers kept, to be resumed
    child.send("y\r")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    case = json.loads(cli("case", "show", "2026-0001", "--format", "json").stdout)
    assert case["tenant"]["name"] == "Els Maes" and case["landlord"] is None
