"""What one invocation carries from the root callback to its command (ctx.obj)."""

import sys
from dataclasses import dataclass, field
from datetime import date

import typer

from huurbeg import dates


@dataclass
class AppState:
    """The --db choice and the store, opened at most once, on first use, closed on exit."""

    db_option: str | None = None
    _store: object | None = field(default=None, repr=False)

    def store(self, *, write: bool = True, must_exist: bool = False):
        """The Store of this invocation; `write` asks for a write lock up front (BEGIN IMMEDIATE)."""
        if self._store is None:
            from huurbeg.db import open_store

            self._store, target = open_store(self.db_option, write=write, must_exist=must_exist)
            for notice in target.notices:
                print(f"huurbeg: warning: {notice}", file=sys.stderr)
        return self._store

    def commit(self) -> None:
        """Commit now, before reporting success, where the commit itself may fail (a long import)."""
        if self._store is not None:
            self._store.commit()

    def finish(self, succeeded: bool) -> None:
        """End the invocation's one transaction: commit what a successful command wrote, else nothing.

        Called once, after the command has returned or failed, so a command that exits non-zero
        or is stopped at any question has written nothing (a follow-up question included).
        """
        store, self._store = self._store, None
        if store is None:
            return
        try:
            if succeeded:
                store.commit()
        finally:
            store.close()  # rolls back whatever was not committed

    @property
    def today(self) -> date:
        return dates.today()


def state(ctx: typer.Context) -> AppState:
    """The state of the root context (set up by the root callback)."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = AppState()
    return root.obj
