"""Where the database is and how it is opened.

`--db PATH|URL` or HUURBEG_DB, else a file in the user's data directory. A new
SQLite file is created with mode 0600 in a 0700 directory: it holds dossiers
under professional secrecy. Connections run with a busy timeout and foreign
keys on; the file is switched to WAL mode once it is known to be huurbeg's
(huurbeg.db.migrate), so a foreign file is never modified. Transactions are begun explicitly, and a command that writes
begins with BEGIN IMMEDIATE, so two writers queue on the busy timeout instead of
one failing halfway with "database is locked".
"""

import os
import re
import stat
import sys
from dataclasses import dataclass
from pathlib import Path

from huurbeg.core.errors import FIELD, DatabaseProblem, InvalidInput
from huurbeg.core.i18n import N_, _
from huurbeg.core.text import shown  # noqa: F401  (a path in a message: the one rule, in text)

BUSY_TIMEOUT_SECONDS = 30
SQLITE_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Target:
    """The database a command works on: an SQLite file, or any SQLAlchemy URL."""

    url: str
    path: Path | None  # the file, for SQLite
    notices: tuple[str, ...] = ()  # for the worker, e.g. loose file permissions
    created: Path | None = None  # the new, empty file this invocation made

    @property
    def label(self) -> str:
        return str(self.path) if self.path else self.url.split("@")[-1]


def default_path() -> Path:
    """The per-user data directory of the platform."""
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "huurbeg" / "huurbeg.db"


def resolve(option: str | None, *, must_exist: bool = False, prepare: bool = True, name: str = "db") -> Target:
    """The target named by --db, else HUURBEG_DB, else the default file.

    With `must_exist`, a missing file is an error instead of a new database: a report
    run by cron must fail loudly on a mistyped path, not report an empty service.
    Without `prepare`, the file is only located, never created or checked. `name` is the
    field the value came from (`db`, or `to` of copy), so that every error about it names that field (its flag on
    the command line).
    """
    value = option or os.environ.get("HUURBEG_DB") or ""
    if "://" in value:
        scheme, rest = value.split("://", 1)
        _check_scheme(scheme, name)
        if scheme.split("+", 1)[0].lower() == "sqlite":
            _check_not_in_memory(rest.removeprefix("/"), name)
        if not value.startswith("sqlite:///"):
            _check_server_url(value, name if option else "huurbeg_db")
            return Target(value, None)
        if "?" in value:  # options for the driver: used as given
            return Target(value, Path(value.removeprefix("sqlite:///").split("?", 1)[0]))
        value = value.removeprefix("sqlite:///")  # a file like any other: made private, checked
    elif value == ":memory:":
        _check_not_in_memory(value, name)
    explicit = bool(value)
    path = Path(value).expanduser() if explicit else default_path()
    if must_exist and not _exists(path, name):
        raise DatabaseProblem(_("no huurbeg database at {shown}; check {field:database}").format(shown=shown(path), field=FIELD))
    if not prepare:
        return Target(f"sqlite:///{path}", path)
    notices, created = _prepare_file(path, create_parent=not explicit, name=name)
    return Target(f"sqlite:///{path}", path, notices, created)


def _check_not_in_memory(database: str, name: str) -> None:
    """SQLite's in-memory database is gone when huurbeg exits: a command would report writing what it lost."""
    file, _sep, query = database.partition("?")
    if file in ("", ":memory:") or "mode=memory" in query:
        from huurbeg.core.errors import InvalidInput

        raise InvalidInput(_("an in-memory database keeps nothing once huurbeg exits; give a file path "
                             "or a server URL"), field=name)


def _exists(path: Path, name: str) -> bool:
    """Whether `path` exists; a path the system cannot even look up (a name too long) is an error naming its option."""
    try:
        return path.exists()
    except OSError as exc:
        raise DatabaseProblem(_("cannot use {shown}: {value}")
                              .format(shown=shown(path), value=_(exc.strerror) if exc.strerror else exc),
                              field=name) from None


SCHEMES = ("sqlite", "postgresql")
"""The databases huurbeg runs on (a scheme may name its driver: postgresql+psycopg)."""


def _check_scheme(scheme: str, name: str = "db") -> None:
    if scheme.split("+", 1)[0].lower() not in SCHEMES:
        from huurbeg.core.errors import InvalidInput

        raise InvalidInput(_("{scheme}:// is not a database huurbeg runs on; give a file path, "
                             "sqlite:///PATH or postgresql+psycopg://USER@HOST/DATABASE").format(scheme=scheme),
                           field=name)


SERVER_URL = "postgresql+psycopg://USER@HOST[:PORT]/DATABASE"


def bad_url(source: str, what: str) -> "InvalidInput":
    """A server's URL its driver cannot read: bad input about the field `source` (db, to, huurbeg_db; database when
    either may have named it), said without repeating the URL (it may hold a password)."""
    from huurbeg.core.errors import InvalidInput

    return InvalidInput(_("not a database URL huurbeg can use ({what}); give {url}, sqlite:///PATH or a "
                          "file path").format(what=what, url=SERVER_URL), field=source)


def _check_server_url(url: str, source: str) -> None:
    """The host and port of a server's URL, as SQLAlchemy and libpq will read them, checked before connecting."""
    from urllib.parse import parse_qs

    rest = url.split("://", 1)[1]
    location, _slash, path = rest.partition("/")
    host = location.rpartition("@")[2]
    if host.startswith("[") and "]" not in host or "[" in host.lstrip("[") or "]" in host.partition("]")[2]:
        raise bad_url(source, _("an IPv6 address is written in brackets, as in [::1]:5432"))
    port = host.rpartition("]")[2] if host.startswith("[") else host
    ports = [port.partition(":")[2]] if ":" in port else []
    ports += [each for value in parse_qs(path.partition("?")[2]).get("port", []) for each in value.split(",")]
    for each in ports:
        if not (each.isascii() and each.isdigit() and 1 <= int(each) <= 65535):
            raise bad_url(source, _("the port '{port}' is not a number from 1 to 65535").format(port=each))


def same_database(one: str | None, other: str | None, other_name: str = "db") -> bool:
    """Whether two --db values (paths or URLs, None for the default) name the same database; an error
    about `other` names the field it came from."""
    first, second = resolve(one, prepare=False), resolve(other, prepare=False, name=other_name)
    if first.path is None or second.path is None:
        return first.url == second.url
    try:
        return os.path.realpath(first.path) == os.path.realpath(second.path) or (
            first.path.exists() and second.path.exists() and os.path.samefile(first.path, second.path))
    except OSError:  # a name too long: opening it says so
        return False


COMPANIONS = ("-wal", "-shm", "-journal")
"""The files SQLite keeps beside a database: writing over one of them damages the database."""


def database_files(option: str | None) -> tuple[Path, ...]:
    """The files of the SQLite database --db (or HUURBEG_DB, or the default) names, none for a server:
    the file and its companions, beside the name given and beside the file a link leads to."""
    from huurbeg.core.errors import HuurbegError

    try:
        path = resolve(option, prepare=False).path
    except HuurbegError:  # a --db that cannot be used: the command says so when it opens it
        return ()
    if path is None:
        return ()
    named = {path, Path(os.path.realpath(path))}
    return tuple(file.with_name(file.name + companion) for file in named for companion in ("", *COMPANIONS))


def _prepare_file(path: Path, *, create_parent: bool, name: str) -> tuple[tuple[str, ...], Path | None]:
    """Notices about an existing file, or the new, empty file made here with mode 0600."""
    try:
        if path.is_dir():
            raise DatabaseProblem(_("{shown} is a directory, not a database file").format(
                shown=shown(path)), field=name)
        if path.is_symlink() and not path.exists():  # a dangling link: create the file it names
            path = Path(os.path.realpath(path))
        parent = path.parent
        if not parent.exists():
            if not create_parent:
                raise DatabaseProblem(_("directory {shown} does not exist").format(
                    shown=shown(parent)), field=name)
            parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if path.exists():
            return _check_existing(path, name), None
    except OSError as exc:  # a path too long, a component that is a file, ...
        raise DatabaseProblem(_("cannot use {shown}: {value}")
                              .format(shown=shown(path), value=_(exc.strerror) if exc.strerror else exc),
                              field=name) from None
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return (), None  # another huurbeg created it a moment ago
    except OSError as exc:
        hint = "" if os.access(path.parent, os.W_OK | os.X_OK) else _(" (the folder is read-only for you)")
        raise DatabaseProblem(_("cannot create {path}: {reason}{hint}").format(
            path=shown(path), reason=exc.strerror, hint=hint), field=name) from None
    try:
        os.fchmod(fd, 0o600)  # whatever the umask or the folder's default permissions
    finally:
        os.close(fd)
    return (), path


def _check_existing(path: Path, name: str) -> tuple[str, ...]:
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as exc:
        raise DatabaseProblem(_("cannot read {shown}: {strerror}; check its owner and permissions (ls -l)")
                              .format(shown=shown(path), strerror=exc.strerror), field=name) from None
    if header and header != SQLITE_HEADER:
        raise DatabaseProblem(_("{shown} is not a huurbeg database (not an SQLite file); it was left "
                                "untouched").format(shown=shown(path)), field=name)
    if not os.access(path.parent, os.W_OK | os.X_OK):
        raise DatabaseProblem(read_only_folder(path))
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077 and os.name == "posix":
        return (f"{shown(path)} is open to other users (mode {mode:04o}); "
                f"run 'chmod 600 {shown(path)}' to keep dossiers private",)
    return ()


def read_only_folder(path: Path) -> str:
    return _("the folder {folder} is read-only for you, and SQLite must create its journal (-wal, -shm files) "
             "beside the database; make the folder writable (chmod u+w) or copy the database to a folder you can "
             "write to. The database was left untouched").format(folder=shown(path.parent))


def read_only_file(path: Path) -> str:
    return _("the database file {path} is read-only for you, so nothing can be written; make it writable with "
             "'chmod 600 {path}' (reading still works)").format(path=shown(path))


def reads_unrecorded(path: Path) -> str:
    return _("the database file {path} is read-only for you: what you read is shown, but not recorded in the "
             "dossier's history; make it writable with 'chmod 600 {path}'").format(path=shown(path))


def unreadable(path: Path | None, label: str, exc: Exception) -> str:
    """Why SQLite could not read a file (`path`; None: a server could not), in the words of its cause,
    and what to do."""
    from huurbeg.db import health

    reason = str(getattr(exc, "orig", None) or exc)
    if path is None:  # doctor checks files only: a server's error is the server's or the URL's
        return _("the database server at {label} answered with an error ({reason}); nothing was written. {check}"
                 ).format(label=label, reason=health.shorten(reason), check=_(CHECK_THE_SERVER))
    if path.exists() and not os.access(path.parent, os.W_OK | os.X_OK):
        return read_only_folder(path)
    if path.exists() and not os.access(path, os.R_OK):
        return _("cannot read {path}: permission denied; check its owner and permissions (ls -l)").format(
            path=shown(path))
    if explained := health.explained(exc, path):
        return explained
    if health.cause(exc, path) == health.DAMAGE:
        return _("{label} is damaged ({reason}); it was left untouched. {what_to_do}").format(
            label=shown(label), reason=reason, what_to_do=_(health.WHAT_TO_DO))
    return _("{label} cannot be opened ({reason}); it was left untouched. Run 'huurbeg doctor'").format(
        label=shown(label), reason=reason)


CHECK_THE_SERVER = N_("Check that the server is running and reachable, and the user, password and database that "
                      "{field:database} gives")
"""What to do about a server's error: doctor checks files, so it is not the advice."""


TEAM_EXTRA = "huurbeg[team]"
"""What installs the PostgreSQL driver, which a solo worker on an SQLite file does not need."""


BEGIN_OPTION = "huurbeg_begin"
"""Execution option naming the statement that starts a transaction: BEGIN, or BEGIN IMMEDIATE to write."""


def make_engine(target: Target, *, query_only: bool = False):
    """The engine of one invocation; `writing(engine)` gives the same engine taking the write lock up front.

    Deleted and overwritten content is zeroed in the file (secure_delete), so what a purge or an
    edit removes does not linger in free space. `query_only` makes every write fail: a damaged file.
    """
    from sqlalchemy import create_engine, event

    if target.path is None:
        return _server_engine(target.url)
    engine = create_engine(target.url, connect_args={"timeout": BUSY_TIMEOUT_SECONDS})

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record):
        # Let SQLAlchemy's begin event, not the driver, start transactions.
        dbapi_connection.isolation_level = None
        configure(dbapi_connection, query_only=query_only)

    @event.listens_for(engine, "begin")
    def _begin(connection):
        connection.exec_driver_sql(connection.get_execution_options().get(BEGIN_OPTION, "BEGIN"))

    return engine


def connect_file(path: Path, *, query_only: bool = False):
    """A sqlite3 connection to a huurbeg file, set up as make_engine sets up the engine's (busy timeout,
    foreign keys, secure_delete, `query_only`), in autocommit mode: its store begins each transaction."""
    import sqlite3

    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
    try:
        configure(connection, query_only=query_only)
    except BaseException:
        connection.close()
        raise
    return connection


def configure(connection, *, query_only: bool = False) -> None:
    cursor = connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.execute("PRAGMA secure_delete = ON")
    if query_only:
        cursor.execute("PRAGMA query_only = ON")
    cursor.close()


_CONNECT_PREFIX = re.compile(r'^(connection (failed|is bad): )?(connection to server (at|on) .*?(, port \d+)? failed: )?')
"""What libpq says before the reason: the host and port, already named in huurbeg's message."""


def _server_engine(url: str):
    """A database server's engine; failing to connect is one line naming the host, never the password."""
    from sqlalchemy import create_engine, event
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError, NoSuchModuleError

    try:
        parsed = make_url(url)
        engine = create_engine(url)
    except ModuleNotFoundError as exc:  # the driver is an extra: a solo install has none
        if url.startswith("postgresql"):
            raise DatabaseProblem(_("team mode needs: pip install '{team_extra}' (the PostgreSQL driver {name} is "
                                    "not installed)").format(team_extra=TEAM_EXTRA, name=exc.name)) from None
        raise
    except NoSuchModuleError:
        raise bad_url("database", _("no driver {driver}; the one huurbeg uses is psycopg").format(
            driver=url.split("://", 1)[0].partition("+")[2])) from None
    except (ArgumentError, ValueError):  # their words quote the whole URL, password and all
        raise bad_url("database", _("it cannot be read as a URL")) from None

    @event.listens_for(engine, "do_connect")
    def _connect(dialect, _record, cargs, cparams):
        try:
            return dialect.connect(*cargs, **cparams)
        except dialect.loaded_dbapi.Error as exc:
            host = parsed.host or parsed.query.get("host") or "localhost"
            host += f":{parsed.port}" if parsed.port else ""
            said = [" ".join(line.split()) for line in str(exc).splitlines() if line.strip()]
            reason = _CONNECT_PREFIX.sub("", " ".join(
                line if line[-1] in ".?!:" or n == len(said) - 1 else line + "." for n, line in enumerate(said)))
            reason = reason or type(exc).__name__
            if parsed.password:
                reason = reason.replace(parsed.password, "***")
            reason += "" if reason[-1] in ".?!" else "."
            raise DatabaseProblem(_("cannot reach the database server at {host}: {reason} {check}")
                                  .format(host=host, reason=reason, check=_(CHECK_THE_SERVER))) from None

    return engine


def writing(engine):
    """The engine, beginning its transactions with BEGIN IMMEDIATE (SQLite) so writers queue, not fail."""
    return engine.execution_options(**{BEGIN_OPTION: "BEGIN IMMEDIATE"})


def remove_if_empty(path: Path) -> None:
    """Remove a database file holding no case, no history and no kept answers (a new one a failed command made)."""
    import sqlite3

    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = sum(connection.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                       for table in ("case_file", "household", "landlord", "dwelling", "history", "draft"))
        finally:
            connection.close()
    except sqlite3.Error:
        rows = 0 if path.exists() and path.stat().st_size == 0 else 1
    if rows == 0:
        for name in (path.name, path.name + "-wal", path.name + "-shm"):
            path.with_name(name).unlink(missing_ok=True)
