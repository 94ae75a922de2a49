"""Every command explains itself, the README documents every command, and help stays light."""

import subprocess
import sys
from pathlib import Path

import pytest
import typer

from huurbeg.cli import app

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

    pydantic included: Typer 0.29 would import it on every dispatch (huurbeg.groups.spare_pydantic)."""
    calls = [["--help"], ["--version"]] + [[*path, "--help"] for path, _ in ALL]
    probe = ("import sys\nfrom huurbeg.cli import app\n"
             f"for args in {calls!r}:\n"
             "    try:\n        app(args)\n    except SystemExit:\n        pass\n"
             f"    heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
             "    if heavy:\n        sys.stderr.write(repr((args, heavy)))\n        break\n"
             "else:\n    sys.stderr.write('none')\n")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120)
    assert result.stderr.strip().splitlines()[-1] == "none", result.stderr[-500:]


def test_every_figure_is_documented_in_the_readme():
    from huurbeg.figures import FIGURES

    for figure in FIGURES:
        assert f"| `{figure.key}` |" in README, figure.key
