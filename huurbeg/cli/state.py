"""What one invocation carries from the root callback to its command (ctx.obj)."""

import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from huurbeg.core.errors import said as _said
from huurbeg.core.i18n import _

if TYPE_CHECKING:
    from huurbeg.db.area import Storage, Writing


class AppState:
    """The --db choice and the store, opened at most once, on first use, closed on exit.

    A plain class rather than a dataclass, which costs about a millisecond to make, at every invocation."""

    def __init__(self, db_option: str | None = None):
        self.db_option = db_option
        self._store: "Storage | None" = None
        self._created: object | None = None  # the new database file this invocation made
        self._asked: object | None = None  # the new file the worker agreed to at a prompt
        self.output_held = False
        """The command's output is held until it is committed (huurbeg.output.render.hold_output): set by the
        root callback, which every command runs first and a help or --version never reaches."""

    def __repr__(self) -> str:
        return f"AppState(db_option={self.db_option!r})"

    def store(self, *, write: bool = True, must_exist: bool = False, new_database: bool = False,
              sound: bool = False, reads_only: bool = False):
        """The Store of this invocation; `write` asks for a write lock up front (BEGIN IMMEDIATE).

        This is the one door to the database: the daily check runs here, and on a damaged file
        a store for writing is refused. A new database anywhere but the default place is asked
        for on a terminal and announced on stderr otherwise, so a mistyped --db is seen at once
        (`new_database`: the command exists to fill a new database, e.g. demo). `sound`: refuse a
        damaged file even for reading (a backup of it would be no backup). `reads_only`: the
        command writes nothing but the reads it records, so it still reads a damaged file.
        """
        if self._store is None:
            from huurbeg.db import open_store

            if not must_exist and not new_database:
                self._ask_new_file()
            self._store, target = open_store(self.db_option, write=write, must_exist=must_exist, today=self.today,
                                             sound=sound, reads_only=reads_only)
            self._created = target.created
            from huurbeg.cli import prompts

            prompts.before_each_question(self._store.pause)  # no lock held while a person types
            for notice in target.notices:
                print(_("huurbeg: warning: {message}").format(message=_said(notice)), file=sys.stderr)
        return self._store

    def reader(self, *, must_exist: bool = False, records_reads: bool = False):
        """The store of a lookup, a list or the figures: plain SQL reads (huurbeg.db.reader).

        On an up-to-date, sound SQLite file it runs on sqlite3 alone; anything else (a server,
        a new, older or damaged file) goes through store(), which handles it, and reads on its
        connection. `records_reads`: the command records the dossiers it shows in the history.
        """
        if self._store is None:
            from huurbeg.db import open_reader

            opened = open_reader(self.db_option, today=self.today, must_exist=must_exist,
                                 records_reads=records_reads)
            if opened is None:
                return self._reader_over(self.store(write=records_reads, must_exist=must_exist, reads_only=True))
            self._store, target = opened
            for notice in target.notices:
                print(_("huurbeg: warning: {message}").format(message=_said(notice)), file=sys.stderr)
        return self._store

    def _reader_over(self, store: "Writing") -> "Storage":
        from huurbeg.db.reader import Reader

        reader = Reader(store.sql, user=store.user,
                        damaged=store.damaged or store.read_only, store=store)  # either way: reads unrecorded
        self._store = reader
        return reader

    def _ask_new_file(self) -> None:
        """On a terminal, ask before a database is made anywhere but the default place."""
        from huurbeg.db.engine import default_path, resolve, shown
        from huurbeg.core.errors import DatabaseProblem

        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            return
        path = resolve(self.db_option, prepare=False).path
        try:
            if path is None or path.exists() or path == default_path():
                return
        except OSError:  # a name too long: opening it names --db
            return
        from huurbeg.cli import prompts

        if not prompts.confirm(_("There is no database at {path}. Create a new, empty one?").format(path=shown(path)),
                               default=False):
            raise DatabaseProblem(_("no database at {path}; nothing was created (check --db or HUURBEG_DB)").format(
                path=shown(path)))
        self._asked = Path(os.path.realpath(path))  # asked: nothing more to say when it is made

    def commit(self) -> None:
        """Commit now, before reporting success, where the commit itself may fail (a long import)."""
        if self._store is not None:
            self._store.commit()

    def finish(self, succeeded: bool) -> None:
        """End the invocation's one transaction: commit what a successful command wrote, else nothing.

        Called once, after the command has returned or failed, so a command that exits non-zero
        or is stopped at any question has written nothing (a follow-up question included).
        """
        asked = sys.modules.get("huurbeg.cli.prompts")  # a flow there is only where its questions were loaded
        if asked is not None:
            asked.end_flow()  # its answers are kept in the store or gone, with the command
        store, self._store = self._store, None
        created, self._created = self._created, None
        if store is None:
            return
        from huurbeg.cli import prompts

        prompts.before_each_question(None)
        try:
            if succeeded:
                store.commit()
        except Exception:
            succeeded = False
            raise
        finally:
            store.close()  # rolls back whatever was not committed
            if created is not None:
                self._created_end(store, created, succeeded)

    def _created_end(self, store: "Storage", path, succeeded: bool) -> None:
        """Announce a new database a command filled (unless asked for, or in the default place),
        or take away the empty one a failed command left."""
        from huurbeg.db.engine import default_path, remove_if_empty, shown

        if not succeeded:
            remove_if_empty(path)  # closed: nothing holds the file
        elif path not in (self._asked, Path(os.path.realpath(default_path()))):
            from huurbeg.output.render import plain

            # a path is typed text like any other: a control character in it shows as its placeholder
            print(plain(_("huurbeg: created a new, empty database at {path}").format(path=shown(path))),
                  file=sys.stderr)

    @property
    def today(self) -> date:
        from huurbeg.core import dates  # the help, which runs no command, needs no date

        return dates.today()


def state(ctx: typer.Context) -> AppState:
    """The state of the root context (set up by the root callback)."""
    root = ctx.find_root()
    if root.obj is None:
        root.obj = AppState()
    return root.obj
