"""`huurbeg backup` and `huurbeg purge`: keeping the database safe, and keeping data no longer than needed."""

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from huurbeg.output import formats, render
from huurbeg.commands import headed
from huurbeg.core.i18n import N_, _, ngettext
from huurbeg.cli.params import FormatOption, parse_past_date
from huurbeg.cli.state import state


def register(app: typer.Typer) -> None:
    app.command("backup")(backup)
    app.command("purge")(purge)
    app.command("doctor")(doctor)
    app.command("copy")(copy)


def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="PATH", help="A new file for the copy, or a folder "
                                                              "(the copy is then huurbeg-YYYY-MM-DD.db in it).")],
) -> None:
    """A consistent, checked copy of the database, safe while others are working in it (mode 0600)."""
    from huurbeg.db.backup import backup as write
    from huurbeg.db.engine import shown

    app_state = state(ctx)
    store = app_state.store(write=False, must_exist=True, sound=True)
    written = write(store, path.expanduser(), "the database", app_state.today)
    try:
        app_state.commit()  # the history's record of the copy (a read-only file cannot take it)
    except Exception:  # no record, no copy of the dossiers: "nothing was written" stays true
        written.unlink(missing_ok=True)
        raise
    render.message(_("Backup written to {file} and checked.").format(file=shown(written)))


def purge(
    ctx: typer.Context,
    closed_before: Annotated[date, typer.Option("--closed-before", parser=parse_past_date, metavar="DATE",
                                                help="Purge cases closed before this date.")],
    yes: Annotated[bool, typer.Option("--yes", help="Really remove the data (without it: only list).")] = False,
    fmt: FormatOption = "table",
) -> None:
    """Remove names, addresses, numbers, notes and free text of cases closed before a date; figures stay."""
    from huurbeg.domain import secrecy

    app_state = state(ctx)
    store = app_state.store(must_exist=True)
    if not yes:
        cases = secrecy.purge_candidates(store, closed_before, app_state.today)
        rows = [{"case": c.number, "closed_date": c.closed_date, "outcome": c.outcome} for c in cases]
        formats.emit_rows(rows, fmt, headed([("case", N_("Case")), ("closed_date", N_("Closed")),
                                             ("outcome", N_("Outcome"))]),
                         title=_("Would be purged"), empty=_("Nothing to purge."))
        if rows:
            render.message(ngettext("Dry run: run again with --yes to remove the personal data of {count} case.",
                                    "Dry run: run again with --yes to remove the personal data of {count} cases.",
                                    len(rows)).format(count=len(rows)))
        return
    numbers = secrecy.purge(store, closed_before, app_state.today)
    app_state.commit()  # then the file is rewritten without the erased values
    left = store.retention.scrub() if numbers else None
    if fmt != "table":
        formats.emit_rows([{"case": n} for n in numbers], fmt, headed([("case", N_("Case"))]))
    render.message(ngettext("Personal data of {count} case removed; their figures remain.",
                            "Personal data of {count} cases removed; their figures remain.", len(numbers)).format(
        count=len(numbers)))
    file = None
    if left:  # only a file's VACUUM can fail
        from huurbeg.db.engine import resolve

        file = resolve(app_state.db_option, prepare=False).path
    if file is not None:
        import os
        import shlex

        path = os.path.abspath(file)  # a command to copy, whole
        render.notice(_("huurbeg: warning: {message}").format(message=_(
            "the file could not be compacted ({reason}); erased values may remain in its free space: run "
            "\"sqlite3 {path} VACUUM\" when nobody else is using the database").format(
                reason=left, path=shlex.quote(path))))


def doctor(ctx: typer.Context) -> None:
    """Check the database: file, permissions, schema version, integrity, foreign keys, log size."""
    from huurbeg.db.doctor import examine
    from huurbeg.db.engine import resolve, shown
    from huurbeg.db.migrate import SCHEMA_REVISION, known_revisions

    target = resolve(state(ctx).db_option, must_exist=False, prepare=False)
    if target.path is None:
        raise typer.BadParameter(_("doctor checks SQLite files; use the server's own tools for PostgreSQL"),
                                 param_hint="'--db'")
    findings = examine(target.path, SCHEMA_REVISION, known_revisions())
    out = render.console()
    out.print(_("Database {file}").format(file=shown(target.path)), markup=False)
    for finding in findings:
        mark, style = (_("ok"), "green") if finding.ok else (_("PROBLEM"), "bold red")
        # a detail may quote the file (a schema version stamped in it): shown literally
        out.print(f"  {mark:8} {_(finding.check)}: {render.plain(_(finding.detail))}", style=style, markup=False,
                  soft_wrap=True)
        if finding.fix:  # one whole line: a command to copy
            out.print("           " + _("what to do: {fix}").format(fix=_(finding.fix)), markup=False,
                      soft_wrap=True)
    if not all(f.ok for f in findings):
        raise typer.Exit(1)


def copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="URL", help="The target database, e.g. "
                                    "postgresql+psycopg://worker@server/huurbeg (or a file path).")],
    merge: Annotated[bool, typer.Option("--merge", help="Add to a target that already holds cases.")] = False,
) -> None:
    """Copy this database into another (a solo file into the team server): every case, history and number."""
    from huurbeg.db import open_store
    from huurbeg.db.engine import same_database
    from huurbeg.core.errors import InvalidInput

    if not to.strip():
        raise InvalidInput(_("--to: give the target database, a file path or an SQLAlchemy URL"))
    app_state = state(ctx)
    if same_database(app_state.db_option, to, other_name="to"):
        raise InvalidInput(_("--to: that is the database being copied; give another one"))
    source = app_state.store(write=False, must_exist=True, sound=True)  # a damaged file is not copied on
    target, label = open_store(to, write=True, today=app_state.today, name="to")
    try:
        copied = source.copy_to(target, merge)
        target.record(None, "copy", f"{copied['case_file']} case(s) copied in" + (" (merged)" if merge else ""))
        target.commit()
    finally:
        target.close()
    render.message(ngettext("Copied {cases} case, {history} history entries and {rows} rows in all to {target}; "
                            "every table's count verified.", "Copied {cases} cases, {history} history entries and "
                            "{rows} rows in all to {target}; every table's count verified.", copied["case_file"]).format(
        cases=copied["case_file"], history=copied["history"], rows=sum(copied.values()), target=label.label))
