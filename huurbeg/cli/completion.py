"""Shell completion: `huurbeg completion bash|zsh|fish` prints the script to source.

The shell then runs huurbeg with `_HUURBEG_COMPLETE=<shell>_complete`, the words of the
command line in COMP_WORDS and the index of the word being completed in COMP_CWORD (click's
protocol), and reads one candidate a line back: commands, options, codes, dwelling codes and
case numbers, open cases first.

A completion answers while the worker types, so it runs no command: it walks the command
tree Typer built, converts no value, and looks case numbers and dwelling codes up with one
indexed query through sqlite3 directly. SQLAlchemy, SQLModel and pydantic are never imported
(tests/test_completion.py checks it).
"""

import os
import sys

from huurbeg.cli.groups import shown

COMPLETE_VAR = "_HUURBEG_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
CASES_SHOWN = 200
"""At most this many open and this many closed case numbers per completion."""

_BASH = """\
_huurbeg_completion() {
    local IFS=$'\\n'
    local response kind value
    response=$(env COMP_WORDS="${COMP_WORDS[*]}" COMP_CWORD=$COMP_CWORD %(var)s=bash_complete %(prog)s)
    COMPREPLY=()
    for line in $response; do
        IFS=',' read -r kind value <<< "$line"
        if [[ $kind == file ]]; then
            compopt -o default
        else
            COMPREPLY+=("$value")
        fi
    done
    return 0
}
complete -o nosort -F _huurbeg_completion %(prog)s
"""

_ZSH = """\
#compdef %(prog)s

_huurbeg_completion() {
    local -a described plain response
    local kind key description
    (( ! $+commands[%(prog)s] )) && return 1
    response=("${(@f)$(env COMP_WORDS="${words[*]}" COMP_CWORD=$((CURRENT-1)) %(var)s=zsh_complete %(prog)s)}")
    for kind key description in ${response}; do
        if [[ $kind == file ]]; then
            _path_files -f
        elif [[ $description == _ ]]; then
            plain+=("$key")
        else
            described+=("$key":"$description")
        fi
    done
    [ -n "$described" ] && _describe -V unsorted described -U
    [ -n "$plain" ] && compadd -U -V unsorted -a plain
}

if [[ $zsh_eval_context[-1] == loadautofunc ]]; then
    _huurbeg_completion "$@"
else
    compdef _huurbeg_completion %(prog)s
fi
"""

_FISH = """\
function _huurbeg_completion
    set -l response (env %(var)s=fish_complete COMP_WORDS=(commandline -cp) COMP_CWORD=(commandline -t) %(prog)s)
    for line in $response
        set -l parts (string split -m 1 "," -- $line)
        if test "$parts[1]" = file
            __fish_complete_path (commandline -t)
        else
            echo $parts[2]
        end
    end
end

complete --no-files --command %(prog)s --arguments "(_huurbeg_completion)"
"""

SCRIPTS = {"bash": _BASH, "zsh": _ZSH, "fish": _FISH}


def script(shell: str, prog: str = "huurbeg") -> str:
    """The script a shell sources to complete huurbeg."""
    return SCRIPTS[shell] % {"prog": prog, "var": COMPLETE_VAR}


def respond(group, instruction: str) -> int:
    """Answer the shell: `<shell>_complete` prints the candidates, `<shell>_source` the script."""
    shell, _sep, action = instruction.partition("_")
    if shell not in SHELLS or action not in ("complete", "source"):
        from huurbeg.core.i18n import _

        sys.stderr.write(_("huurbeg: error: {message}").format(message=_(
            "{variable}: use bash_complete, zsh_complete or fish_complete").format(variable=COMPLETE_VAR)) + "\n")
        return 2
    if action == "source":
        sys.stdout.write(script(shell))
        return 0
    args, incomplete = _words(shell)
    lines = [_format(shell, kind, value, help_text) for kind, value, help_text in candidates(group, args, incomplete)
             if value.isprintable()]  # a stored code with a line break or an escape is typed, not offered
    sys.stdout.write("".join(line + "\n" for line in lines))
    return 0


def _words(shell: str) -> tuple[list[str], str]:
    """The words before the one being completed, and that word so far."""
    from typer._click.shell_completion import split_arg_string

    words = split_arg_string(os.environ.get("COMP_WORDS", ""))
    if shell == "fish":  # fish gives the line up to the cursor, and the word under it
        incomplete = os.environ.get("COMP_CWORD", "")
        args = words[1:]
        if incomplete and args and args[-1] == incomplete:
            args.pop()
        return args, incomplete
    try:
        current = int(os.environ.get("COMP_CWORD", "0"))
    except ValueError:
        current = len(words)
    return words[1:current], words[current] if current < len(words) else ""


def _format(shell: str, kind: str, value: str, help_text: str | None) -> str:
    help_text = " ".join((help_text or "").split())
    if shell == "bash" and not _plain_word(value):
        # bash puts a candidate on the command line as it is: a dwelling code `$(...)` or `DW 1;x`
        # would run, or split, when the worker presses Enter. zsh and fish quote what they insert.
        import shlex

        value = shlex.quote(value)
    if shell == "zsh":
        if help_text and help_text != "_":
            # the script hands `value:help` to _describe, which takes a backslash as an escape and the
            # first colon as the end of the value: a dwelling code `DW\2` or `A:1` must come back whole
            value = value.replace("\\", "\\\\").replace(":", "\\:")
        return f"{kind}\n{value}\n{help_text or '_'}"
    if shell == "fish" and help_text:
        return f"{kind},{value}\t{help_text}"
    return f"{kind},{value}"


def _plain_word(value: str) -> bool:
    """A word that means itself to a shell: letters (any script), digits and - _ . / : @ + = , %."""
    return all(char.isalnum() or char in "-_./:@+=,%" for char in value) and not value.startswith("~")


# --- what to offer ------------------------------------------------------------------------------

def candidates(group, args: list[str], incomplete: str) -> list[tuple[str, str, str | None]]:
    """(kind, value, help) for the word being completed after `args`; kind is plain or file."""
    command, db, positional, pending = group, None, 0, None
    for word in args:
        if pending is not None:  # the value of the option before it
            if pending.name == "db":
                db = word
            pending = None
        elif word.startswith("-") and word != "-":
            name, has_value, value = word.partition("=")
            option = _option(command, name)
            if option is not None and option.name == "db" and has_value:
                db = value
            elif option is not None and not has_value and _takes_value(option):
                pending = option
        elif hasattr(command, "commands") and word in command.commands:
            command, positional = command.commands[word], 0
        elif _default(command) is not None:  # `huurbeg visit 2026-0042`: the group's main action
            command, positional = _default(command), 1
        else:
            positional += 1
    if pending is not None:
        return _values(pending, incomplete, db)
    if incomplete.startswith("-"):
        return _options(command, incomplete)
    found: list[tuple[str, str, str | None]] = []
    if hasattr(command, "commands"):
        found = [("plain", name, _short_help(sub)) for name, sub in _subcommands(command)
                 if name.startswith(incomplete)]
        command, positional = _default(command), 0
        if command is None:
            return found
    arguments = [p for p in command.params if p.param_type_name == "argument"]
    if positional < len(arguments):
        found += _values(arguments[positional], incomplete, db)
    return found


def _subcommands(group):
    order = group.list_commands(None) if hasattr(group, "list_commands") else list(group.commands)
    listed = [(name, shown(group, name)) for name in order]  # the root's from its table, building none
    return [(name, command) for name, command in listed if not command.hidden]


def _short_help(command) -> str:
    return command.get_short_help_str(limit=60) if hasattr(command, "get_short_help_str") else ""


def _default(command):
    name = getattr(command, "default_command", "")
    return command.commands.get(name) if name else None


def _option(command, name: str):
    for param in command.params:
        if param.param_type_name == "option" and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _takes_value(option) -> bool:
    return not (getattr(option, "is_flag", False) or getattr(option, "count", False))


def _options(command, incomplete: str) -> list[tuple[str, str, str | None]]:
    found = []
    for param in command.params:
        if param.param_type_name != "option" or getattr(param, "hidden", False):
            continue
        names = [n for n in (*param.opts, *param.secondary_opts) if n.startswith("--")] or list(param.opts)
        found += [("plain", name, param.help) for name in names if name.startswith(incomplete)]
    if "--help".startswith(incomplete):
        from huurbeg.core.i18n import _

        found.append(("plain", "--help", _("Show the help and exit.")))
    return found


def _values(param, incomplete: str, db: str | None) -> list[tuple[str, str, str | None]]:
    """Candidates for one value: the parameter's own completion (codes, cases, dwellings) or a file."""
    if getattr(param, "_custom_shell_complete", None) is not None:  # huurbeg.cli.params gave it one
        _lookup["db"] = db
        try:
            return [("plain", item.value, item.help) for item in param.shell_complete(None, incomplete)]
        finally:
            _lookup.clear()
    if (getattr(param, "_huurbeg_metavar", None) or param.metavar or "").upper() in ("FILE", "PATH", "PATH|URL",
                                                                                    "DIR"):
        return [("file", incomplete, None)]
    return []


_lookup: dict = {}
"""The --db of the command line being completed, for the lookups below."""


# --- the lookups: one indexed query each, through sqlite3 ----------------------------------------

def _database(db: str | None):
    """The SQLite file --db or HUURBEG_DB names (None for a server or a file not yet made)."""
    from huurbeg.db.engine import resolve

    try:
        target = resolve(db, prepare=False)
    except Exception:  # noqa: BLE001 (a completion never fails loudly)
        return None
    if target.path is None or not target.path.is_file():
        return None
    return target.path


def _query(db: str | None, sql: str, params: tuple) -> list[tuple]:
    import sqlite3
    from contextlib import closing

    path = _database(db)
    if path is None:
        return []
    try:
        with closing(sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=1)) as connection:
            return connection.execute(sql, params).fetchall()
    except sqlite3.Error:
        return []


def case_numbers(prefix: str) -> list[tuple[str, str]]:
    """Case numbers starting with `prefix`: the open ones first, newest first, then closed ones."""
    rows = _query(_lookup.get("db"), "SELECT number, status FROM (SELECT number, status FROM case_file "
                      "WHERE status = 'open' AND removed_at IS NULL AND number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3) "
                      "UNION ALL SELECT number, status FROM (SELECT number, status FROM case_file "
                      "WHERE status <> 'open' AND removed_at IS NULL AND number >= ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3)",
                  (prefix, prefix + "\U0010ffff", CASES_SHOWN))
    return [(number, status) for number, status in rows]


def dwelling_codes(prefix: str) -> list[tuple[str, str]]:
    """The service's dwellings whose code starts with `prefix`, with their kind."""
    rows = _query(_lookup.get("db"), "SELECT code, kind FROM dwelling WHERE active AND code >= ?1 AND code < ?2 ORDER BY code",
                  (prefix, prefix + "\U0010ffff"))
    return [(code, kind) for code, kind in rows]
