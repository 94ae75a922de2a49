"""Every command explains itself, the README documents every command, and help stays light."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from huurbeg.cli.root import app

README = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")


def commands(group=None, path=()):
    group = group or typer.main.get_command(app)
    for name, command in group.commands.items():
        yield path + (name,), command
        if hasattr(command, "commands"):
            yield from commands(command, path + (name,))


ALL = list(commands())


@pytest.mark.parametrize("path, command", ALL, ids=[" ".join(p) for p, _ in ALL])
def test_every_command_has_help(cli, path, command):
    assert (command.help or "").strip(), f"huurbeg {' '.join(path)} has no help text"
    result = cli(*path, "--help")
    assert result.exit_code == 0
    assert "Usage" in result.stdout
    for param in command.params:
        if param.name not in ("help", "ctx"):
            assert getattr(param, "help", None) or param.param_type_name == "argument" and param.help, \
                f"{' '.join(path)}: {param.name} has no help"


@pytest.mark.parametrize("path", [p for p, c in ALL if not hasattr(c, "commands")], ids=lambda p: " ".join(p))
def test_every_command_is_in_the_readme(path):
    assert f"huurbeg {' '.join(path)}" in README


HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "questionary", "alembic")


def test_help_does_not_import_the_database_prompt_or_validation_libraries():
    """--help of every command, and --version, in one process: after each, none of HEAVY is loaded.

    pydantic included: Typer 0.29 would import it on every dispatch (huurbeg.cli.groups.spare_pydantic)."""
    calls = [["--help"], ["--version"]] + [[*path, "--help"] for path, _ in ALL]
    probe = ("import sys\nfrom huurbeg.cli.root import app\n"
             f"for args in {calls!r}:\n"
             "    try:\n        app(args)\n    except SystemExit:\n        pass\n"
             f"    heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
             "    if heavy:\n        sys.stderr.write(repr((args, heavy)))\n        break\n"
             "else:\n    sys.stderr.write('none')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "none", result.stderr[-500:]


def test_every_figure_is_documented_in_the_readme():
    from huurbeg.domain.figures import FIGURES

    for figure in FIGURES:
        assert f"| `{figure.key}` |" in README, figure.key


def test_every_command_ends_its_help_with_a_real_example(cli):
    """A command added later needs an example too: in huurbeg/cli/helptext.py EXAMPLES (or its own epilog)."""
    import shlex

    root = typer.main.get_command(app)
    for path, command in [((), root), *ALL]:
        assert command.epilog and "Examples:" in command.epilog, \
            f"'huurbeg {' '.join(path)}' has no example: add one to EXAMPLES in huurbeg/cli/helptext.py"
        shown = cli(*path, "--help").stdout.rstrip().splitlines()
        examples = command.epilog.split("Examples:")[1].replace("\b", "").strip().splitlines()
        assert 1 <= len(examples) <= 2, path
        assert [line.strip() for line in shown[-len(examples):]] == [e.strip() for e in examples], path
        for example in examples:  # a real example: this command, with options it has
            words = shlex.split(example.split(">")[0].replace('"$(', " ").replace(')"', " "))
            words = words[words.index("huurbeg") + 1:]
            if words[:1] == ["--db"]:
                words = words[2:]
            where, target, walked = root, words, ()
            while target and hasattr(where, "commands") and target[0] in where.commands:
                where, target, walked = where.commands[target[0]], target[1:], (*walked, target[0])
            if target and getattr(where, "default_command", None):  # `huurbeg visit CASE`: its main action
                where = where.commands[where.default_command]
            opts = {o for p in where.params for o in (*p.opts, *p.secondary_opts)} | {"--help"}
            opts |= {o for p in root.params for o in p.opts}
            assert all(w.split("=")[0] in opts for w in target if w.startswith("--")), (example, target)
            assert walked[:len(path)] == path, (path, example)  # an example of this very command


def test_root_help_lists_the_work_in_its_order_in_whole_sentences(cli):
    lines = cli("--help").stdout.split("Commands:")[1].split("Examples:")[0].strip().splitlines()
    names = [line.split()[0] for line in lines]
    work = ["intake", "case", "visit", "plan", "hearing", "transfer", "refer", "deadlines"]
    assert [n for n in names if n in work] == work and names[:3] == ["intake", "case", "visit"]
    assert names.index("stats") > names.index("deadlines")
    assert names.index("stats") < min(names.index(n) for n in ("import", "backup", "doctor", "purge"))
    for line in lines:
        assert line.rstrip().endswith(".") and "..." not in line, line  # a whole sentence, not cut


def test_usage_lines_read_like_the_readme(cli):
    for path, command in ALL:
        text = cli(*path, "--help").stdout
        assert "{" not in text.splitlines()[0] and "<str>" not in text and "<path>" not in text, path
    assert cli("case", "show", "--help").stdout.startswith("Usage: huurbeg case show [OPTIONS] CASE\n")
