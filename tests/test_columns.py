"""At 80 columns every line breaks between words: error lines, the message under a question, the help."""

import re
import sys

import pytest
import typer

from huurbeg.cli import app

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
    from huurbeg import prompts

    monkeypatch.setenv("COLUMNS", "40")

    def parse(answer):
        raise ValueError("use a whole number of minutes from 0 to 480 (eight hours at most)")

    shown = prompts._check(parse)("abc")
    assert len(shown) <= 39 and shown.endswith("…"), shown
    assert shown.removesuffix("…").rstrip() == "use a whole number of minutes from 0"


def test_the_message_under_a_question_names_no_flag(monkeypatch):
    from huurbeg import prompts
    from huurbeg.errors import InvalidInput

    def parse(answer):
        raise InvalidInput("--instalment: must be more than 0")

    assert prompts._check(parse)("0") == "must be more than 0"
