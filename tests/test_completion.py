"""Shell completion, through the shell protocol: commands, options, codes, dwellings and case numbers."""

import os
import shutil
import subprocess
import sys
import time

import pytest

from conftest import POSTGRES

pytestmark = pytest.mark.slow  # every test spawns huurbeg as the shell would
HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "alembic", "questionary", "openpyxl")


def complete(line: str, shell: str = "bash", env: dict | None = None) -> list[str]:
    """What huurbeg answers when the shell completes the last word of `line` (click's protocol)."""
    words = line.split()
    if shell == "fish":
        variables = {"COMP_WORDS": line, "COMP_CWORD": "" if line.endswith(" ") else words[-1]}
    else:
        current = len(words) if line.endswith(" ") else len(words) - 1
        variables = {"COMP_WORDS": line, "COMP_CWORD": str(current)}
    result = subprocess.run([sys.executable, "-m", "huurbeg"], capture_output=True, text=True, timeout=60,
                            env=os.environ | variables | {"_HUURBEG_COMPLETE": f"{shell}_complete"} | (env or {}))
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout.splitlines()


def values(line: str, **kwargs) -> list[str]:
    return [answer.partition(",")[2] for answer in complete(line, **kwargs)]


def test_commands_in_the_order_of_the_work_and_subcommands():
    found = values("huurbeg ")
    assert found[:4] == ["intake", "case", "visit", "plan"]
    assert "completion" in found
    assert values("huurbeg tr") == ["transfer"]
    assert {"list", "show", "close", "reopen"} <= set(values("huurbeg case "))


def test_options_and_codes():
    assert {"--track", "--status", "--format", "--output", "--help"} <= set(values("huurbeg case list --"))
    assert values("huurbeg case list --track ") == ["pw", "pre-ogp", "ogp", "dw", "crisis"]
    assert values("huurbeg case list --track pre") == ["pre-ogp"]
    assert values("huurbeg stats -f ") == ["table", "json", "csv", "csv-excel", "xlsx", "html", "pdf"]
    assert values("huurbeg case list -f ") == ["table", "json", "csv", "csv-excel", "xlsx"]
    assert values("huurbeg case close 2026-0001 --outcome ev") == ["eviction-prevented", "evicted"]
    assert values("huurbeg intake --tenant X --source est") == ["estate-agent"]
    assert complete("huurbeg case list --output ") == ["file,"]  # the shell completes a file name


@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly; a server is not looked up")
def test_case_numbers_open_cases_first_and_dwelling_codes(cli, new_case):
    first, second, third = new_case(), new_case("--tenant", "B"), new_case("--tenant", "C")
    assert cli("case", "close", first, "--outcome", "eviction-prevented").exit_code == 0
    assert cli("transfer", "dwelling", "add", "DW-01", "--kind", "transit").exit_code == 0
    assert cli("transfer", "dwelling", "add", "CR-01", "--kind", "crisis").exit_code == 0
    assert values("huurbeg case show ") == [third, second, first]  # open, newest first; then closed
    assert values("huurbeg case show 2026-000") == [third, second, first]
    assert values("huurbeg case show 2025") == []
    assert values("huurbeg visit ") == ["add", "list", "edit", "remove", third, second, first]  # `visit CASE` is `visit add CASE`
    assert values(f"huurbeg plan pay {second} --amount 10 --date ") == []
    assert values(f"huurbeg transfer in {second} --dwelling ") == ["CR-01", "DW-01"]
    assert values(f"huurbeg transfer in {second} --dwelling D") == ["DW-01"]


@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly")
def test_the_database_named_on_the_command_line_is_the_one_read(cli, new_case, tmp_path):
    number = new_case()
    other = tmp_path / "other.db"
    assert values("huurbeg case show ", env={"HUURBEG_DB": str(other)}) == []
    assert not other.exists()  # completing never creates a database
    assert values(f"huurbeg --db {os.environ['HUURBEG_DB']} case show ",
                  env={"HUURBEG_DB": str(other)}) == [number]


def test_zsh_and_fish_answers_carry_descriptions():
    zsh = complete("huurbeg case ", shell="zsh")
    assert zsh[0::3][:2] == ["plain", "plain"] and zsh[1] == "list"
    assert zsh[2] != "_" and zsh[2].endswith(".")  # the command's short description
    fish = complete("huurbeg case l", shell="fish")
    assert fish[0].startswith("plain,list\t")


def test_completing_imports_no_database_or_validation_library(cli, new_case):
    new_case()
    probe = ("import sys\nfrom huurbeg.cli.root import main\n"
             "try:\n    main()\nexcept SystemExit:\n    pass\n"
             f"sys.stderr.write(repr([m for m in {HEAVY!r} if m in sys.modules]))\n")
    lines = [("huurbeg case list --track ", "4"), ("huurbeg ", "1")]
    if not POSTGRES:  # case numbers come from an SQLite file only; a server is not looked up
        lines.append(("huurbeg case show ", "3"))
    for line, current in lines:
        result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60,
                                env=os.environ | {"_HUURBEG_COMPLETE": "bash_complete", "COMP_WORDS": line,
                                                  "COMP_CWORD": current})
        assert result.stdout or POSTGRES and "show" in line, line  # a server's cases are not looked up
        assert result.stderr.strip().splitlines()[-1] == "[]", line


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_the_script_to_source(cli, shell):
    result = cli("completion", shell)
    assert result.exit_code == 0
    assert "_HUURBEG_COMPLETE" in result.stdout and f"{shell}_complete" in result.stdout
    if shutil.which(shell):
        check = subprocess.run([shell, "-n"], input=result.stdout, capture_output=True, text=True, timeout=30)
        assert check.returncode == 0, check.stderr
    assert cli("completion", "tcsh").exit_code == 2


@pytest.mark.skipif(not shutil.which("bash"), reason="no bash")
@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly")
def test_bash_completes_a_case_number_with_the_sourced_script(cli, new_case, tmp_path):
    """The README's one line, in a real bash: source the script, press tab after `huurbeg case show`."""
    number = new_case()
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    launcher = bin_dir / "huurbeg"
    launcher.write_text(f"#!/bin/sh\nexec {sys.executable} -m huurbeg \"$@\"\n")
    launcher.chmod(0o755)
    session = ('eval "$(huurbeg completion bash)"\n'
               'COMP_WORDS=(huurbeg case show ""); COMP_CWORD=3\n'
               '_huurbeg_completion huurbeg\n'
               'printf "%s\\n" "${COMPREPLY[@]}"\n'
               'complete -p huurbeg\n')
    result = subprocess.run(["bash", "--norc", "--noprofile"], input=session, capture_output=True, text=True,
                            timeout=60, env=os.environ | {"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == number
    assert lines[-1] == "complete -o nosort -F _huurbeg_completion huurbeg"


def test_a_dutch_reader_is_offered_the_dutch_names_of_codes():
    dutch = {"HUURBEG_LANG": "nl"}
    offered = values("huurbeg case close 2026-0001 --outcome ", env=dutch)
    assert offered[:2] == ["uithuiszetting-voorkomen", "doorverwezen"] and "referred" not in offered
    assert values("huurbeg case close 2026-0001 --outcome door", env=dutch) == ["doorverwezen", "doorstroomwoning"]
    assert values("huurbeg visit 2026-0001 --kind tel", env=dutch) == ["telefoon", "telefonisch"]
    assert values("huurbeg case close 2026-0001 --outcome ref", env=dutch) == ["referred"]  # a slug works too
    assert values("huurbeg case close 2026-0001 --outcome door") == []  # an English reader gets the slugs
    assert values("huurbeg completion ") == ["bash", "zsh", "fish"]


@pytest.mark.skipif(not shutil.which("bash"), reason="no bash")
@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly")
def test_a_dwelling_code_with_shell_syntax_is_completed_as_one_quoted_word(cli, new_case, tmp_path):
    """bash puts a candidate on the command line as it is: stored text must not become a command."""
    new_case()
    planted = tmp_path / "planted"
    codes = [f"$(touch {planted})", "DW 9;x", "CR-\x1b[2J"]
    for code in codes:
        assert cli("transfer", "dwelling", "add", code, "--kind", "crisis").exit_code == 0
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "huurbeg").write_text(f"#!/bin/sh\nexec {sys.executable} -m huurbeg \"$@\"\n")
    (bin_dir / "huurbeg").chmod(0o755)
    session = ('eval "$(huurbeg completion bash)"\n'
               'COMP_WORDS=(huurbeg transfer in 2026-0001 --dwelling ""); COMP_CWORD=5\n'
               '_huurbeg_completion huurbeg\n'
               'for reply in "${COMPREPLY[@]}"; do eval "printf \'<%s>\\n\' $reply"; done\n')  # as Enter would run it
    result = subprocess.run(["bash", "--norc", "--noprofile"], input=session, capture_output=True, text=True,
                            timeout=60, env=os.environ | {"PATH": f"{bin_dir}:{os.environ['PATH']}"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [f"<{codes[0]}>", f"<{codes[1]}>"]  # each one word; the escape not offered
    assert not planted.exists()


ZSH_CODES = ["DW\\2", "CR:1", "T\\:3 x"]
"""Dwelling codes with a backslash, a colon and both, as a worker may type them."""


@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly")
def test_zsh_answers_keep_a_backslash_and_a_colon_for_describe(cli, new_case):
    """The script passes `value:description` to _describe, which reads a backslash as an escape and a colon as
    the end of the value: the answer escapes both, and only where there is a description."""
    new_case()
    for code in ZSH_CODES:
        assert cli("transfer", "dwelling", "add", code, "--kind", "crisis").exit_code == 0
    answers = complete("huurbeg transfer in 2026-0001 --dwelling ", shell="zsh")
    assert answers[1::3] == ["CR\\:1", "DW\\\\2", "T\\\\\\:3 x"] and answers[2::3] == ["crisis"] * 3, answers


@pytest.mark.slow
@pytest.mark.skipif(not shutil.which("zsh"), reason="no zsh")
@pytest.mark.skipif(bool(POSTGRES), reason="completion reads an SQLite file directly")
@pytest.mark.parametrize("code", ZSH_CODES)
def test_zsh_completes_a_dwelling_code_with_a_backslash_as_typed(cli, new_case, tmp_path, code):
    """In a real zsh with compinit: Tab puts the code on the line, quoted, and the shell reads back the code."""
    pexpect = pytest.importorskip("pexpect")
    new_case()
    assert cli("transfer", "dwelling", "add", code, "--kind", "crisis").exit_code == 0
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "huurbeg").write_text(f"#!/bin/sh\nexec {sys.executable} -m huurbeg \"$@\"\n")
    (bin_dir / "huurbeg").chmod(0o755)
    line = tmp_path / "line"
    zdot = tmp_path / "zdot"
    zdot.mkdir()
    (zdot / ".zshrc").write_text(
        "PS1='> '\nautoload -U compinit && compinit -u -d " + str(tmp_path / "zcompdump") + "\n"
        'eval "$(huurbeg completion zsh)"\n'
        "show-word() { print -r -- \"${(Q)${(z)BUFFER}[-1]}\" > " + str(line) + "; BUFFER= }\n"
        "zle -N show-word\nbindkey '^X' show-word\n")
    env = os.environ | {"PATH": f"{bin_dir}:{os.environ['PATH']}", "ZDOTDIR": str(zdot), "TERM": "xterm"}
    child = pexpect.spawn("zsh", ["-i"], env=env, encoding="utf-8", timeout=30)
    try:
        child.expect_exact("> ")
        child.send("huurbeg transfer in 2026-0001 --dwelling \t")
        child.expect(r"--dwelling \S")  # the one candidate, put on the line
        time.sleep(0.5)
        child.send("\x18")
        deadline = time.time() + 20
        while not (line.exists() and line.read_text()) and time.time() < deadline:
            time.sleep(0.1)
    finally:
        child.terminate(force=True)
    assert line.read_text() == code + "\n"
