"""A required option left out, asked on a terminal: the command line's one mechanism for it.

Every required option of every command is given a question (huurbeg.cli.root installs it as each command is
built): on a terminal without --no-input, a left-out option is asked as a flow asks what it lacks
(huurbeg.cli.prompts.ask_option); otherwise it stays the parser's one line naming the flag. The questions
themselves (questionary) are loaded only when one is asked, so that `--help` loads none of them.
"""

import sys
from collections.abc import Callable

OFFERED: dict[tuple[str, ...], Callable[[object, dict], str | None]] = {}
"""What Enter takes at the question of a required option (`offer`), by the command's path and the option's name."""


BEFORE: dict[tuple[str, ...], Callable[[object, str], None]] = {}
"""What must hold before a question of the command at `path` is asked, by its path (`before`)."""


def before(path: tuple[str, ...], check: Callable[[object, str], None]) -> None:
    """Before a left-out option of the command at `path` is asked, `check(store, case number)` refuses what the
    command could not do anyway (a payment on a case without a plan), so that nothing is asked in vain."""
    BEFORE[path] = check


def offer(path: tuple[str, ...], option: str, default: Callable[[object, dict], str | None]) -> None:
    """At the question of `option` of the command at `path`, `default(store, params)` is taken on Enter (the
    parameters given so far: the case number), e.g. the plan's instalment for a payment; None offers nothing."""
    OFFERED[(*path, option)] = default


def ask_missing_options(command, path: tuple[str, ...]) -> None:
    """Every required option of `command` (at `path` in the tree) left out is asked on a terminal."""
    for param in command.params:
        if param.param_type_name == "option" and param.required and not param.is_flag:
            param.process_value = _asking(param, path, param.process_value)


def _asking(param, path: tuple[str, ...], process: Callable):
    def process_value(ctx, value):
        if param.value_is_missing(value) and not ctx.resilient_parsing and not ctx.params.get("no_input") \
                and sys.stdin.isatty() and sys.stdout.isatty():
            from huurbeg.cli import prompts  # questionary and the flows' questions: only when one is asked

            value = prompts.ask_option(ctx, param, path, OFFERED.get((*path, param.name)), BEFORE.get(path))
            ctx.meta.setdefault("huurbeg.asked", set()).add(param.name)
        return process(ctx, value)
    return process_value


def asked_options(ctx) -> set[str]:
    """The required options of this command that were asked at the terminal."""
    return set(ctx.meta.get("huurbeg.asked", ()))
