"""Every command explains itself, the README documents every command, and help stays light."""

import os
import re
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


NOT_FOR_HELP = HEAVY + ("rich", "dateutil", "openpyxl", "json", "csv", "huurbeg.db", "huurbeg.output.workbook",
                        "huurbeg.domain.figures", "huurbeg.domain.rules", "huurbeg.cli.prompts")
"""What the help of the root and of a command never needs: the database, the tables and their colours, the
parsing of dates (dateutil), the workbook and the figures behind its headers, json and csv."""


ONLY_FOR_COMMANDS = ("huurbeg.cli.params", "huurbeg.core.codes", "huurbeg.core.dates", "huurbeg.output")
"""What only a command needs, the root's list of commands none: the parameter types, the codes, the dates and
the output's door (its --help builds no command)."""


@pytest.mark.parametrize("args", [["--help"], ["case", "show", "--help"]], ids=" ".join)
def test_help_imports_only_what_it_shows(tmp_path, args):
    """`huurbeg --help` and `huurbeg case show --help`, each in a new interpreter as a person runs them, import
    none of NOT_FOR_HELP and no command module but the one named (and the modules whose options it shares);
    the root's help none of ONLY_FOR_COMMANDS either."""
    probe = ("import sys\nfrom huurbeg.cli.root import main\nsys.argv = ['huurbeg'] + sys.argv[1:]\n"
             "try:\n    main()\nexcept SystemExit as stop:\n    code = stop.code\n"
             "sys.stderr.write(repr((code, sorted(sys.modules))))\n")
    env = {**os.environ, "HUURBEG_DB": str(tmp_path / "huurbeg.db")}
    result = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True, timeout=60,
                            env=env)
    code, modules = eval(result.stderr.strip().splitlines()[-1])
    assert code == 0 and "Usage:" in result.stdout, result.stderr
    loaded = [m for m in modules if m.split(".")[0] in {"huurbeg", *(n.split(".")[0] for n in NOT_FOR_HELP)}]
    assert [m for m in loaded if any(m == n or m.startswith(n + ".") for n in NOT_FOR_HELP)] == []
    shared = {"huurbeg.commands.case", "huurbeg.commands.fields"} if args[0] == "case" else set()
    assert {m for m in loaded if m.startswith("huurbeg.commands.")} == shared
    if args == ["--help"]:
        assert [m for m in loaded if any(m == n or m.startswith(n + ".") for n in ONLY_FOR_COMMANDS)] == []
    assert not (tmp_path / "huurbeg.db").exists()  # help opens no database


def test_the_roots_table_names_each_command_the_module_that_makes_it_and_its_line_of_help(capsys):
    """`huurbeg --help` lists the root's commands from huurbeg.cli.root.COMMANDS and helptext.SUMMARIES without
    building them: the table has every command of every module, and the list reads as the built commands'."""
    import importlib

    from huurbeg.cli.root import COMMANDS
    from huurbeg.cli.groups import registered
    from huurbeg.cli.helptext import SUMMARIES

    assert set(SUMMARIES) == set(COMMANDS)
    for module_name in set(COMMANDS.values()):
        module, holder = importlib.import_module(f"huurbeg.commands.{module_name}"), typer.Typer()
        if hasattr(module, "register"):
            module.register(holder)
        else:
            [name] = [name for name, made_by in COMMANDS.items() if made_by == module_name]
            holder.add_typer(module.app, name=name)
        assert set(registered(holder)) == {name for name, made_by in COMMANDS.items() if made_by == module_name}
    for lang in ("en", "nl"):
        lazy, built = typer.main.get_command(app), typer.main.get_command(app)
        everything = [built.commands[name] for name in built.list_commands(None)]
        assert all(command.get_short_help_str() for command in everything)
        listings = []
        for root in (lazy, built):
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("HUURBEG_LANG", lang)
                assert root.main(["--help"], prog_name="huurbeg", standalone_mode=False) == 0
            listings.append(capsys.readouterr().out)
        assert not lazy.commands.loaded
        assert listings[0] == listings[1] and "intake" in listings[0], lang


PROBE = """\
import sys
import typer
from huurbeg.cli.root import app
root = typer.main.get_command(app)
code = root.main({args!r}, prog_name="huurbeg", standalone_mode=False)
groups = {{name: sorted(command.commands.loaded) if hasattr(command, "commands") else []
          for name, command in root.commands.loaded.items()}}
modules = sorted(m for m in sys.modules if m.startswith("huurbeg.commands."))
sys.stderr.write(repr((code, groups, modules)))
"""


@pytest.mark.parametrize("args, built", [
    (["--help"], {}),
    (["case", "show", "--help"], {"case": ["show"]}),
    (["plan", "--help"], {"plan": "all"}),  # a group's help lists its commands: all of them are built
    ([], {}),  # today's overview: the deadlines module's, building no command
], ids=["--help", "case show --help", "plan --help", "overview"])
def test_a_command_is_built_and_its_module_imported_only_when_it_runs_or_shows_its_help(tmp_path, args, built):
    env = {**os.environ, "HUURBEG_DB": str(tmp_path / "huurbeg.db")}
    if not args:
        subprocess.run([sys.executable, "-m", "huurbeg", "doctor"], env=env, capture_output=True)  # a database
    result = subprocess.run([sys.executable, "-c", PROBE.format(args=args)], capture_output=True, text=True,
                            timeout=60, env=env)
    code, groups, modules = eval(result.stderr.strip().splitlines()[-1])
    assert code == 0, result.stderr
    from huurbeg.cli.root import COMMANDS

    if built.get("plan") == "all":
        assert len(groups["plan"]) > 10
        built = {"plan": groups["plan"]}
    assert groups == built
    made_by = {f"huurbeg.commands.{COMMANDS[name]}" for name in built} | ({"huurbeg.commands.deadlines"} if not args
                                                                       else set())
    # the case fields are intake's, the options made from the entities' descriptions fields'
    assert made_by <= set(modules) <= made_by | {"huurbeg.commands.intake", "huurbeg.commands.fields"}


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
        # an example too wide for the help goes on below after ' \': read as the one line it is
        shown = re.sub(r" \\\n\s+", " ", cli(*path, "--help").stdout.rstrip()).splitlines()
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
