"""`huurbeg completion SHELL`: the script that makes a shell complete huurbeg's words."""

from enum import StrEnum
from typing import Annotated

import typer

from huurbeg.output import render
from huurbeg.cli.params import code, complete_codes


class Shell(StrEnum):
    BASH = "bash"
    ZSH = "zsh"
    FISH = "fish"


def register(app: typer.Typer) -> None:
    app.command("completion")(completion)


def completion(
    shell: Annotated[Shell, typer.Argument(parser=code(Shell, "shell"), metavar="SHELL",
                                           autocompletion=complete_codes(Shell),
                                           help="bash, zsh or fish.")],
) -> None:
    """Print the script that lets your shell complete commands, options, codes and case numbers.

    Source it from your shell's start-up file; case numbers come from the database that
    --db or HUURBEG_DB names, open cases first.
    """
    from huurbeg.cli.completion import script

    render.write_text(script(shell))
