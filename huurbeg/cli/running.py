"""The command being run: kept apart from the parameter types, which `huurbeg --help` does not load."""

from contextvars import ContextVar

RUNNING: ContextVar = ContextVar("huurbeg_command", default=None)
"""The context of the command being run (huurbeg.cli keeps it): its flags name the fields of its errors."""
