"""Command groups with one main action: `huurbeg visit 2026-0042` = `huurbeg visit add 2026-0042`."""

from typer.core import TyperGroup


class DefaultCommandGroup(TyperGroup):
    """Runs `default_command` when the first word is not one of the group's subcommands."""

    default_command: str = ""

    def parse_args(self, ctx, args):
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


def with_default(command: str) -> type[DefaultCommandGroup]:
    """A group class whose main action is `command`."""
    return type(f"Default{command.title()}Group", (DefaultCommandGroup,), {"default_command": command})
