"""All output: tables for people, json and csv for programs, messages on stderr.

Data given to these functions keep their types (date, Cents, enums); each format
writes them its own way: dd/mm/yyyy and € 1.234,56 on screen, ISO dates and
euros as numbers in json and csv. json and csv write only data to stdout.

What a command reports having done is true: its messages and its data on stdout are held
while it runs and shown only once its transaction is committed (and its --output file
written); a command that fails, or whose commit fails, shows its error line alone.

`--output FILE` (every command with --format has it) sends the data to FILE instead:
collected in memory and written, mode 0600, only when the command succeeded, so a
failed export never leaves half a file; a link, a device or the database itself is
never replaced. xlsx is a workbook (huurbeg/output/workbook.py);
csv-excel is csv as Belgian Excel opens it: `;` between fields, a decimal comma,
a UTF-8 byte-order mark.
"""

import io
import os
import stat
import sys
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from enum import Enum
from itertools import groupby

from huurbeg.core import codes, money
from huurbeg.core.i18n import _, language
from huurbeg.core.messages import _BIDI, PLACEHOLDER, STATES, Msg, number, plain, state_word, text_value  # noqa: F401
from huurbeg.core.money import Cents  # noqa: F401  (shown here as euros; a value of the domain)
from huurbeg.core.errors import HuurbegError, InvalidInput
from huurbeg.core.text import shown
from huurbeg.core.codes import COLUMN_CODES


SEVERITY_STYLE = {"overdue": "bold red", "urgent": "red", "warning": "yellow", "info": "dim"}
WRAPPING = {"tenant", "warning", "message", "detail", "note", "court", "address", "landlord", "text", "name"}
"""Columns of free text; the others (numbers, dates, codes) never wrap mid-word."""
FACT_FIRST = {"warning", "message"}
"""Columns of warnings, written fact first (huurbeg.domain.rules): what follows a '; ' may be cut, the fact before it not."""


def literal(value, *, lines: bool = False, style: str = ""):
    """A Rich Text of `value` shown literally: markup not interpreted, controls as placeholders."""
    from rich.text import Text  # heavy

    return Text(plain(value, lines=lines), style=style)
# --- where data go: stdout, or the file of --output ---------------------------------

_output: dict = {}
"""The --output of this invocation: its path, its temporary file, and what was written for it (text or bytes)."""

TEMP_PREFIX = ".huurbeg-output-"
TEMP_SUFFIX = ".partial"


def output_to(path, database: Sequence = ()) -> None:
    """Send this invocation's data to `path`: checked now, before the command writes anything.

    A symbolic link, a folder, a device, a pipe or the database in use (`database`: its files) is
    never replaced: ValueError says why. The temporary file is made at once, exclusively, under a
    random name in the target's folder (never through a link someone planted there) and mode 0600,
    so a folder that cannot be written fails the command before it commits (HuurbegError).
    """
    import tempfile  # startup

    path = os.fspath(path)
    _check_target(path, database)
    folder = os.path.dirname(path) or os.curdir
    _remove_stale(folder)
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f"{TEMP_PREFIX}{os.getpid()}-", suffix=TEMP_SUFFIX,
                                                 dir=folder)  # O_CREAT | O_EXCL | O_NOFOLLOW, mode 0600
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    _output.clear()
    _output.update(path=path, temporary=temporary, descriptor=descriptor, text=io.StringIO(), data=None)


def _check_target(path: str, database: Sequence) -> None:
    try:
        found = os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        found = None  # a new file; its folder is checked below
    except OSError as exc:  # a name too long, ...
        raise ValueError(_("cannot use {path}: {reason}").format(path=shown(path), reason=_reason(exc))) from None
    if found is not None and stat.S_ISLNK(found.st_mode):
        raise ValueError(_("{path} is a symbolic link; name the file itself").format(path=shown(path)))
    if found is not None and stat.S_ISDIR(found.st_mode):
        raise ValueError(_("{path} is a directory; name a file").format(path=shown(path)))
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise ValueError(_("{path} is not a regular file (a device, a pipe or a socket); name a file").format(
            path=shown(path)))
    if _one_of(path, database):
        raise ValueError(_("{path} is the database in use (or its -wal, -shm or -journal file); name another "
                           "file").format(path=shown(path)))
    if found is not None and _is_database(path):
        raise ValueError(_("{path} is a database (a backup, another huurbeg file); name another file").format(
            path=shown(path)))
    folder = os.path.dirname(path) or os.curdir
    if not os.path.isdir(folder):
        raise ValueError(_("no directory {path}").format(path=shown(folder)))


SQLITE_HEADER = b"SQLite format 3\x00"


def _is_database(path: str) -> bool:
    """Whether the file is an SQLite database: a backup is never replaced by a listing."""
    try:
        with open(path, "rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def _one_of(path: str, files: Sequence) -> bool:
    """Whether `path` names one of `files`, by another spelling, through a link or as a hard link."""
    real = os.path.realpath(path)
    for file in files:
        if os.path.realpath(file) == real:
            return True
        try:
            if os.path.samefile(path, file):
                return True
        except OSError:  # one of them does not exist
            continue
    return False


def _remove_stale(folder: str) -> None:
    """Temporary files of outputs whose process was killed: they may hold a listing of households."""
    try:
        leftovers = [entry for entry in os.scandir(folder)
                     if entry.name.startswith(TEMP_PREFIX) and entry.name.endswith(TEMP_SUFFIX)]
    except OSError:
        return
    for entry in leftovers:
        pid = entry.name[len(TEMP_PREFIX):].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)) and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # someone else's process
        return True
    return True


def _reason(exc: OSError) -> str:
    return _(exc.strerror) if exc.strerror else str(exc)


def _cannot_write(path: str, exc: OSError):
    return HuurbegError(_("cannot write {shown}: {value}").format(shown=shown(path), value=_reason(exc)),
                        field="output")


def output_path() -> str | None:
    return _output.get("path")


_held: dict = {}
"""While a command runs: its messages, and the data it writes to stdout, in order."""


def hold_output() -> None:
    """Hold this invocation's messages and stdout data until finish_output (the command's end)."""
    _held.clear()
    _held.update(messages=[], data=[])


def write_output() -> None:
    """Write the collected output into its temporary file, onto the disk; called before the command's
    commit, so that a disk that fills up fails the command with nothing registered."""
    if not _output or _output.get("descriptor") is None:
        return
    text, data = _output["text"], _output["data"]
    content = data if data is not None else text.getvalue().encode("utf-8")
    descriptor, _output["descriptor"] = _output["descriptor"], None
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:
        path = _output["path"]
        finish_output(succeeded=False)
        raise _cannot_write(path, exc) from None


def finish_output(succeeded: bool) -> None:
    """Give the written output its name, once the command succeeded and committed; or drop it.

    Then what was held is shown, when the command succeeded; else dropped. What the command says it
    did is committed by then, so it is said even when the output cannot be given its name.
    """
    held = dict(_held)
    _held.clear()
    written = None
    try:
        written = _name_output(succeeded)
    finally:
        if succeeded and held:
            for chunk in held["data"]:
                if isinstance(chunk, bytes):
                    sys.stdout.flush()
                    sys.stdout.buffer.write(chunk)
                else:
                    sys.stdout.write(chunk)
            sys.stdout.flush()
            for text, style in held["messages"]:
                _say(text, style)
    if written is not None and _watched():  # where the data went, once, last: for the person who typed it
        _say(_("Written to {path}.").format(path=shown(os.path.abspath(written))))


def _watched() -> bool:
    """Whether a person reads stderr at a terminal. Off one (cron, a script, a log) a confirmation is not said:
    under cron any output is a mail, and a success needs none (an error is still said, and the exit code says it)."""
    try:
        return sys.stderr.isatty()
    except (AttributeError, ValueError):  # closed, or no stream at all
        return False


def _name_output(succeeded: bool) -> str | None:
    """The output's file given its name, once the command succeeded: its path; None when there is none."""
    if succeeded:
        write_output()
    output = dict(_output)
    _output.clear()
    if not output:
        return None
    if not succeeded:
        if output["descriptor"] is not None:
            os.close(output["descriptor"])
        try:
            os.unlink(output["temporary"])
        except OSError:
            pass
        return None
    try:
        os.replace(output["temporary"], output["path"])  # a link or a file put there since is replaced, not followed
    except OSError as exc:  # what the command wrote is committed: its output stays, under the temporary name
        raise HuurbegError(_("cannot write {shown}: {value}; the output is in {temporary}").format(
            shown=shown(output["path"]), value=_reason(exc), temporary=shown(output["temporary"])),
                           field="output") from None
    try:
        descriptor = os.open(os.path.dirname(output["path"]) or os.curdir, os.O_RDONLY)
        try:
            os.fsync(descriptor)  # the new name on the disk too
        finally:
            os.close(descriptor)
    except OSError:  # not every platform can fsync a folder
        pass
    return output["path"]


class _Held:
    """stdout while a command runs: what is written is kept for finish_output."""

    def write(self, text: str) -> int:
        _held["data"].append(text)
        return len(text)

    def flush(self) -> None:
        pass


def data_stream():
    """The text stream data are written to: stdout (held while a command runs), or the --output buffer."""
    if _output:
        return _output["text"]
    return _Held() if _held else sys.stdout


def to_terminal() -> bool:
    """Whether data go to a person's screen: there a stored ESC or BEL shows as its placeholder, as in
    a table, whatever the format; a file or a pipe gets the data as they are."""
    return not _output and sys.stdout.isatty()


def write_bytes(content: bytes) -> None:
    """Binary data (a workbook): to the --output file, or to stdout when it is not a terminal."""
    if _output:
        _output["data"] = content
    elif sys.stdout.isatty():
        raise InvalidInput(_("a workbook needs a file"), field="output", hint="workbook_file")
    elif _held:
        _held["data"].append(content)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.flush()


def write_text(text: str) -> None:
    """Text data in a format of their own (a calendar, a letter)."""
    data_stream().write(plain(text, lines=True) if to_terminal() else text)


def record_number(record_id: int) -> None:
    """The number of a record just made, as data for a script (`id=$(huurbeg plan agree ...)`); a person at a
    terminal reads it once, in the command's message."""
    if not to_terminal():
        write_text(f"{record_id}\n")


def console(stderr: bool = False, width: int | None = None):
    from rich.console import Console  # heavy

    if _viewing and not stderr and width is None:  # a view being gathered for the pager (paged)
        return _viewing[0]
    if _output and not stderr:  # a table to a file: plain text, no colour, a fixed width
        return Console(file=_output["text"], highlight=False, no_color=True, width=width or 120, soft_wrap=False)
    return Console(stderr=stderr, highlight=False, width=width)


def confirmed(text: str, style: str = "") -> None:
    """A confirmation that a file the command wrote was made and kept: said as `message` says what was done, to a
    person at a terminal only, like "Written to ..." (under cron a success needs no mail)."""
    if _watched():
        message(text, style)


def message(text: str, style: str = "") -> None:
    """What the command did, for the worker, on stderr so that stdout stays data; one line, never
    wrapped off a terminal (cron mails and logs keep it whole), broken at words on one. It may repeat what was typed: shown literally.

    Shown once the command's transaction is committed, never before: a commit that fails leaves
    only its error (a warning about what was written, too). What must be read before a
    question is a notice.
    """
    if _held:
        _held["messages"].append((text, style))
    else:
        _say(text, style)


def _say(text: str, style: str = "") -> None:
    out = console(stderr=True)
    out.print(literal(text, style=style), soft_wrap=not out.is_terminal)  # a terminal's lines break at a word


def say_later(text: str) -> None:
    """A remark on what was typed (the date 17/11 became): held with the command's messages, so it is told
    before the first of them; when the command fails, it follows the error line on a line of its own (remarks),
    so a refusal of 17/11 says which year it was read in."""
    if _held:
        _held.setdefault("remarks", []).append(text)
    message(text)


def remarks() -> list[str]:
    """The remarks on what was typed in this invocation (say_later), for its error line."""
    return list(_held.get("remarks", ()))


def notice(text: str, style: str = "yellow") -> None:
    """A warning or a hint, shown at once (before a question, or beside the command's messages)."""
    out = console(stderr=True)
    out.print(literal(text, style=style), soft_wrap=not out.is_terminal)


def json_value(value):
    if isinstance(value, Cents):
        return money.euros(value)
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {k: json_value(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_value(v) for v in value]
    return value


def coded(row: dict, **enums) -> dict:
    """`row` with the slugs of the named keys as their codes, so that a screen shows their labels."""
    shown = dict(row)
    for key, enum in enums.items():
        value = row.get(key)
        if isinstance(value, str):
            shown[key] = codes.known(enum, value)
        elif isinstance(value, list):
            shown[key] = [codes.known(enum, v) for v in value]
    return shown


def _labelled(row: dict) -> dict:
    """`row` with the slugs of its code columns as codes, so that a Dutch table shows their labels."""
    shown = row
    for key, enums in COLUMN_CODES.items():
        value = row.get(key)
        if isinstance(value, str) and not isinstance(value, Enum):
            for enum in enums:
                if (member := codes.known(enum, value)) is not value:
                    shown = (shown if shown is not row else dict(row)) | {key: member}
                    break
        elif isinstance(value, list) and any(isinstance(v, str) and not isinstance(v, Enum) for v in value):
            shown = (shown if shown is not row else dict(row)) | {key: [codes.known(enums[0], v) for v in value]}
    return shown


_C1_ESCAPED = {c: f"\\u{c:04x}" for c in [*range(0x80, 0xa0), *map(ord, _BIDI)]}
"""json escapes C0 controls itself; C1 controls (0x9b is a terminal's CSI) and direction overrides here."""


def write_json(data) -> None:
    data_stream().write(json_text(data).translate(_C1_ESCAPED) + "\n")


def json_text(data) -> str:
    """`data` as json, indented by two spaces: `json.dumps(json_value(data), ensure_ascii=False, indent=2)`.

    A list of objects (every listing) is written by hand: with an indent, the json module encodes in Python, one
    generator per level, a tenth of a second for 2,000 cases. Each value of such a list is encoded as that module
    encodes it (a nested list or object by the module itself, its lines indented to its depth), so the text is
    the module's, character for character (tests/test_list_output.py, tests/test_formats.py)."""
    import json  # startup

    if not isinstance(data, list) or not data or not all(isinstance(row, dict) and row for row in data) \
            or not all(isinstance(key, str) for row in data for key in row):
        return json.dumps(json_value(data), ensure_ascii=False, indent=2)
    from json.encoder import encode_basestring  # startup (with json)

    keys: dict[str, str] = {}
    objects = []
    for row in data:
        fields = []
        for key, value in row.items():
            name = keys.get(key)
            if name is None:
                name = keys[key] = f"    {encode_basestring(key)}: "
            fields.append(name + _json_scalar(json_value(value), encode_basestring, json))
        objects.append("{\n" + ",\n".join(fields) + "\n  }")
    return "[\n  " + ",\n  ".join(objects) + "\n]"


def _json_scalar(value, encode, json) -> str:
    """One value of an object in a list, as json.dumps writes it there (two levels deep)."""
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, str):
        return encode(value)
    if isinstance(value, int):
        return int.__repr__(value)
    if isinstance(value, float):
        if value != value:
            return "NaN"
        if value in (float("inf"), float("-inf")):
            return "Infinity" if value > 0 else "-Infinity"
        return float.__repr__(value)
    # a list or an object within the row: the module writes it, its lines indented to where it stands
    return json.dumps(value, ensure_ascii=False, indent=2).replace("\n", "\n    ")


def write_csv(rows: Sequence[dict], keys: Sequence[str] | None = None, *, excel: bool = False) -> None:
    """csv, the data contract; with `excel`, the same data as Belgian Excel opens them (csv-excel), the rows
    already headed and worded for people (huurbeg.output.formats, through huurbeg.output.workbook.for_people)."""
    import csv  # startup

    keys = list(keys or (rows[0].keys() if rows else []))
    out = data_stream()
    shown = plain if to_terminal() else str
    if excel:
        out.write("\ufeff")  # the byte-order mark: Excel then reads UTF-8 ("Chloé", not "ChloÃ©")
    writer = csv.writer(out, delimiter=";" if excel else ",", lineterminator="\r\n" if excel else "\n")
    writer.writerow(keys)
    for row in rows:
        writer.writerow(["" if row.get(k) is None else shown(_csv_value(row.get(k), excel)) for k in keys])


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A spreadsheet runs a cell that starts with one of these as a formula (=HYPERLINK, +cmd|, @SUM)."""


def _csv_value(value, excel: bool = False) -> str:
    if isinstance(value, Cents):
        text = f"{value / 100:.2f}"  # euros, always with both decimals; a number, even when negative
        return text.replace(".", ",") if excel else text
    if excel and isinstance(value, float):
        return str(value).replace(".", ",")  # a decimal comma, as a Belgian Excel reads numbers
    value = json_value(value)
    if isinstance(value, list):
        return _neutralised(";".join(str(v) for v in value)) if any(isinstance(v, str) for v in value) \
            else ";".join(str(v) for v in value)
    return _neutralised(value) if isinstance(value, str) else str(value)


def _neutralised(text: str) -> str:
    """Text that a spreadsheet shows as text: a leading apostrophe before a formula's first character."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


PRIORITY = {"case": 100, "id": 95, "tenant": 90, "due": 85, "severity": 80, "date": 80, "starts_at": 80, "time": 80,
            "status": 78,
            "warning": 75, "message": 75, "dwelling": 75, "seq": 75, "result": 70, "ready": 70, "amount": 70,
            "paid": 70, "state": 70, "text": 70, "detail": 70, "at": 70, "until": 65, "days_left": 65,
            "next_deadline": 65, "note": 60, "kind": 55, "to": 55, "last_contact": 50, "track": 50, "party": 50,
            "action": 50, "court": 45, "admitted": 45, "review": 45, "landlord": 40, "plan": 40, "minutes": 35,
            "next": 35, "user": 55, "worker": 60, "room": 30, "claimed": 25, "days_open": 20, "rule": 10}
"""Which columns stay when a terminal is narrow: the lowest are left out first (unknown keys: 50)."""
OPTIONAL_BELOW = 50
"""Columns of a lower priority give way to free text that would otherwise be cut."""
TEXT_MIN_WIDTH = 15
"""A free-text column narrower than this is left out rather than shown as a stub."""
GIVE_WAY_WIDTH = 9
"""What a free text keeps beside a warning whose fact needs its room: 'Kerkstra…'; a name on two lines, 'Mohamed'
over 'Benali'."""
NAMES = {"tenant"}
"""Columns of a person's name: where the name does not fit on one line it goes on, at a word, on a second line of
its cell ('Mohamed' over 'Benali'), so that the surname the household is known by stays on screen."""

Column = tuple[str, str] | tuple[str, str, int]


def table(rows: Iterable[dict], columns: Sequence[Column], title: str | None = None, *,
          width: int | None = None, whole: Collection[str] = ()):
    """A Rich table of `rows`, one column per (key, header[, priority]); rows with a severity are coloured.

    Every cell fits: codes, dates, numbers and case numbers are never split; free text (WRAPPING
    columns) shares the room that is left and ends in an ellipsis when it is longer, a name (NAMES)
    after going on to a second line of its cell. A column of `whole` (the notes of one dossier) is
    never cut: its text goes on over as many lines of its cell as it needs, its own line breaks kept.
    When even that does not fit `width` (default: the terminal's), the columns of the lowest
    priority are left out, so a wider terminal shows more.
    """
    from rich.cells import cell_len  # heavy

    rows = list(rows)
    width = width or console().width
    if language() == "nl":
        rows = [_labelled(row) for row in rows]
    seen: dict = {}

    def cell(value) -> str:  # a code, a date or a name of many rows is made text once
        if isinstance(value, Msg):
            return plain(value)
        try:
            return seen[type(value), value]
        except KeyError:
            text = seen[type(value), value] = plain(value)
            return text
        except TypeError:  # a list
            return plain(value)

    cells = {key: [plain(row.get(key), lines=True) if key in whole else cell(row.get(key)) for row in rows]
             for key, *_ in columns}

    def size(text: str) -> int:  # ASCII: one cell a character
        return len(text) if text.isascii() else cell_len(text)

    def widest(texts: list[str], lines: bool = False) -> int:  # ASCII: one cell a character, measured by len
        if lines:  # a text shown whole: its widest line
            texts = [line for text in texts for line in text.split("\n")]
        return max(map(len, texts)) if all(map(str.isascii, texts)) else max(map(cell_len, texts))

    natural = {key: widest([header, *cells[key]], key in whole) for key, header, *_ in columns}
    needed = {key: widest([header, *(c.partition("; ")[0] for c in cells[key])]) if key in FACT_FIRST
              else natural[key] for key, header, *_ in columns}
    # what a free text needs at least to be shown: a name, on two lines, GIVE_WAY_WIDTH; any other TEXT_MIN_WIDTH
    least = {key: min(natural[key], GIVE_WAY_WIDTH if key in NAMES else TEXT_MIN_WIDTH) for key, *_ in columns}
    shown = list(columns)
    while len(shown) > 1:
        fixed = sum(natural[key] for key, *_ in shown if key not in WRAPPING)
        free = sum(min(natural[key], TEXT_MIN_WIDTH) for key, *_ in shown if key in WRAPPING)
        if fixed + free + 2 * (len(shown) - 1) <= width:
            # a cut text (a warning, a note) is worth more than an optional column beside it, and so is a
            # warning's fact beside a name on two lines (the case list's track and last contact give way)
            cut = fixed + sum(needed[key] for key, *_ in shown if key in WRAPPING) + 2 * (len(shown) - 1) > width
            facts_cut = any(key in FACT_FIRST for key, *_ in shown) and fixed + 2 * (len(shown) - 1) + sum(
                needed[key] if key in FACT_FIRST else least[key]
                for key, *_ in shown if key in WRAPPING) > width
            if facts_cut and min(map(_priority, shown)) <= OPTIONAL_BELOW:
                giving_way = shown
            else:  # never the text that would be cut itself (a referral's note beside its answer date)
                giving_way = [column for column in shown if column[0] not in WRAPPING
                              and _priority(column) < OPTIONAL_BELOW] if cut else []
                if not giving_way:
                    break
            shown.remove(min(reversed(giving_way), key=_priority))
            continue
        shown.remove(min(reversed(shown), key=_priority))
    texts = [key for key, *_ in shown if key in WRAPPING]
    room = width - 2 * (len(shown) - 1) - sum(natural[key] for key, *_ in shown if key not in WRAPPING)
    given = _share(room, [natural[key] for key in texts], [least[key] for key in texts])
    for n, key in enumerate(texts):  # a warning's fact before the rest of another text
        for other in range(len(texts)):
            short = needed[key] - given[n]
            if short > 0 and key in FACT_FIRST and other != n and texts[other] not in FACT_FIRST:
                spare = min(short, given[other] - min(GIVE_WAY_WIDTH, needed[texts[other]]))
                if spare > 0:
                    given[n], given[other] = given[n] + spare, given[other] - spare
    widths = {key: max(1, given[texts.index(key)] if key in texts else natural[key]) for key, *_ in shown}

    def fitted(key: str, text: str) -> list[str]:  # the lines of one cell
        if key in whole:
            return _folded(text, widths[key])
        if key not in texts or size(text) <= widths[key]:
            return [text]
        if key in NAMES:
            return _on_two_lines(text, widths[key])
        return [shorten(text, widths[key], key in FACT_FIRST)]

    drawn: list[tuple[list[str], str | None]] = []
    for n, row in enumerate(rows):
        style = SEVERITY_STYLE.get(json_value(row.get("severity")))
        lines = [fitted(key, cells[key][n]) for key, *_ in shown]
        drawn.extend(([cell[k] if k < len(cell) else "" for cell in lines], style)
                     for k in range(max(map(len, lines))))  # a cell of several lines: the row goes on below
    return Lines(title, [(header, widths[key]) for key, header, *_ in shown], drawn)


def _on_two_lines(text: str, width: int) -> list[str]:
    """A name in `width` cells: its first words on the first line, the rest on the second, cut after a word with
    an ellipsis when even that is too long; a first word wider than the cell is cut on one line."""
    words, first = text.split(" "), ""
    for n, word in enumerate(words):
        if _cells(f"{first} {word}".lstrip()) > width:
            break
        first = f"{first} {word}".lstrip()
    if not first:
        return [shorten(text, width)]
    return [first, shorten(" ".join(words[n:]), width)]


def _folded(text: str, width: int) -> list[str]:
    """`text` whole in lines of `width` cells: its own lines kept, each broken at spaces, a word wider than the
    cell broken where the cell ends (nothing of what was typed is left out)."""
    import textwrap  # startup

    from rich.cells import set_cell_size  # heavy

    folded = []
    for line in text.split("\n") or [""]:
        if _cells(line) <= width:
            folded.append(line)
            continue
        for part in textwrap.wrap(line, width, break_on_hyphens=False, drop_whitespace=True) or [""]:
            while _cells(part) > width:  # wide characters: textwrap counts characters, a terminal cells
                head = set_cell_size(part, width).rstrip()
                head = head if _cells(head) <= width else head[:-1]
                folded.append(head)
                part = part[len(head):]
            folded.append(part)
    return folded


class Items:
    """Lines of items that a narrow column breaks between, never inside one: 'destination: OCMW 1 · tenants
    union 2' never leaves a count alone on the next line. Each of `lines` is a name ('destination:') and its
    items, drawn joined by `separator`, the first beside the name when it fits; an item wider than the column
    alone is folded."""

    def __init__(self, lines: list[tuple[str, list[str]]], separator: str, style: str | None = None):
        self.lines, self.separator, self.style = lines, separator, style

    def __rich_measure__(self, console, options):
        from rich.cells import cell_len  # heavy
        from rich.measure import Measurement  # heavy

        parts = [cell_len(part) for name, items in self.lines for part in [name, *items]]
        whole = [cell_len(f"{name} {self.separator.join(items)}") for name, items in self.lines]
        return Measurement(max(parts, default=0), max(whole, default=0)).clamp(max_width=options.max_width)

    def __rich_console__(self, console, options):
        from rich.cells import cell_len  # heavy
        from rich.text import Text  # heavy

        width, drawn = max(1, options.max_width), []
        for name, items in self.lines:
            current = name
            for n, item in enumerate(items):
                joined = f"{current} {item}" if n == 0 else f"{current}{self.separator}{item}"
                if cell_len(joined) <= width:
                    current = joined
                    continue
                drawn.append(current)
                current = item
                if cell_len(item) > width:  # wider than the column alone: its words wrap, its last keeps the count
                    *words, last, count = item.split(" ") if item.count(" ") >= 2 else ["", item, ""]
                    current = ""
                    for word in [*words, f"{last} {count}".strip()]:
                        if current and cell_len(f"{current} {word}") > width:
                            drawn.append(current)
                            current = word
                        else:
                            current = f"{current} {word}".lstrip()
            drawn.append(current)
        yield Text("\n".join(drawn), style=self.style or "", overflow="fold")


class Lines:
    """A table drawn as plain aligned lines: a title, a bold header, a rule, one line a row.

    Every width is known beforehand (huurbeg.output.render.table fits them), so each row is padded or cut
    with an ellipsis and written as one styled line: 2,000 rows draw in milliseconds, where a Rich
    Table measures every cell again. The cells are already safe text (huurbeg.output.render.plain).
    """

    def __init__(self, title: str | None, columns: list[tuple[str, int]], rows: list[tuple[list[str], str | None]]):
        self.title, self.columns, self.rows = title, columns, rows

    def __rich_console__(self, console, options):
        from rich.segment import Segment  # heavy
        from rich.style import Style  # heavy

        if self.title:
            yield Segment(plain(self.title), Style(italic=True))
            yield Segment.line()
        yield Segment(self._line([header for header, _ in self.columns]), Style(bold=True))
        yield Segment.line()
        yield Segment("─" * (sum(width for _, width in self.columns) + 2 * (len(self.columns) - 1)))
        yield Segment.line()
        for style, rows in groupby(self.rows, key=lambda row: row[1]):  # a run of rows of one style: one segment
            yield Segment("".join(self._line(cells) + "\n" for cells, _ in rows), Style.parse(style) if style else None)

    def _line(self, cells: list[str]) -> str:
        return "  ".join(_fit(cell, width) for cell, (_, width) in zip(cells, self.columns)).rstrip()

    def __len__(self) -> int:
        return len(self.rows) + 3 + bool(self.title)

    def drawn(self, out) -> Iterator[str]:
        """The text `out.print(self)` writes, a screenful at a time, drawn without Rich's second pass over every
        line: the lines are fitted already (only a long title is cut to the width), so each is only styled as
        `out` styles it (no codes off a terminal, no colour under NO_COLOR)."""
        from rich.style import Style  # heavy

        width, frames = out.width, {}

        def line(text: str, style: str | Style | None) -> str:
            if (len(text) if text.isascii() else _cells(text)) > width:
                text = _cropped(text, width)
            if style not in frames:
                frames[style] = _frame(out, Style.parse(style) if isinstance(style, str) else style)
            before, after = frames[style]
            return f"{before}{text}{after}\n" if text and before else text + "\n"

        head = [line(plain(self.title), Style(italic=True))] if self.title else []
        head += [line(self._line([header for header, _ in self.columns]), Style(bold=True)),
                 line("─" * (sum(width for _, width in self.columns) + 2 * (len(self.columns) - 1)), None)]
        screen = max(1, out.height)
        yield "".join(head)
        for start in range(0, len(self.rows), screen):
            yield "".join(line(self._line(cells), style) for cells, style in self.rows[start:start + screen])


def _frame(out, style) -> tuple[str, str]:
    """The codes `out` writes before and after a text of `style`: none off a terminal, no colour under NO_COLOR."""
    system = out._color_system  # what Console._render_buffer styles with
    if style is None or system is None:
        return "", ""
    if out.no_color:
        style = style.without_color
    if not style:
        return "", ""
    before, _, after = style.render("\0", color_system=system, legacy_windows=out.legacy_windows).partition("\0")
    return before, after


def _cells(text: str) -> int:
    from rich.cells import cell_len  # heavy

    return cell_len(text)


def _cropped(text: str, width: int) -> str:
    from rich.cells import set_cell_size  # heavy

    return set_cell_size(text, width)


def _fit(text: str, width: int) -> str:
    """`text` padded to `width` terminal cells, or cut to it with an ellipsis."""
    if text.isascii():
        if len(text) <= width:
            return text.ljust(width)
    elif (size := _cells(text)) <= width:
        return text + " " * (width - size)
    return _cropped(text, width - 1) + "…"


def wrapped(text: str, width: int | None = None, indent: str = "  ") -> str:
    """`text` broken at spaces into lines of `width` cells (default: stderr's terminal), the lines after the first
    indented; a word, a code (pre-ogp) or a path is never split, one longer than a line stands alone on it.
    Off a terminal (cron, a log) it stays one line, whole."""
    import textwrap  # startup

    if width is None:
        try:
            width = os.get_terminal_size(sys.stderr.fileno()).columns if sys.stderr.isatty() else 0
        except (OSError, ValueError, AttributeError):
            width = 0
    if width <= len(indent) + 10 or len(text) <= width:
        return text
    return textwrap.fill(text, width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def one_line(text: str, width: int | None = None) -> str:
    """`text` for a place that shows one line (the message under a question): cut after a whole word to the
    terminal's width, never within one."""
    import shutil  # startup

    return shorten(text, (width or shutil.get_terminal_size().columns) - 1)


def shorten(text: str, width: int, fact_first: bool = False) -> str:
    """`text` in `width` cells: cut after the last whole word that fits, with an ellipsis; a warning
    (`fact_first`) at the '; ' after its fact when that fits.

    A date or a number inside the text ('dated 2026-03-07') is left out whole rather than cut;
    only a word longer than half the room is cut within itself.
    """
    from rich.cells import cell_len, set_cell_size  # heavy

    if (len(text) if text.isascii() else cell_len(text)) <= width:
        return text
    cut = set_cell_size(text, max(0, width - 1)).rstrip()
    fact = text.partition("; ")[0]
    if fact_first and len(fact) < len(text) and cell_len(fact) <= width:
        return fact + "…" if cell_len(fact) < width else fact  # a warning's fact whole, what follows its '; ' left out
    head, space, _ = cut.rpartition(" ")
    if space and cell_len(head.rstrip()) >= width // 2:
        cut = head.rstrip()
    return cut + "…"


def _share(room: int, wanted: list[int], bare: list[int]) -> list[int]:
    """Widths for free-text columns: each what it needs if there is room, else up to TEXT_MIN_WIDTH and a share of
    the rest; where even that is too much, the `bare` least of each (a name on two lines) and a share."""
    if sum(wanted) <= room:
        return wanted
    least = [min(w, TEXT_MIN_WIDTH) for w in wanted]
    if sum(least) > room:
        least = [min(w, b) for w, b in zip(wanted, bare)]
    spare, demand = max(0, room - sum(least)), sum(w - m for w, m in zip(wanted, least)) or 1
    given = [m + spare * (w - m) // demand for w, m in zip(wanted, least)]
    for n in reversed(range(len(given))):  # the cells the rounding left over, to the last texts (a warning)
        if sum(given) < max(room, sum(least)) and given[n] < wanted[n]:
            given[n] += 1
    return given


def _priority(column: Column) -> int:
    key, _, *given = column
    return given[0] if given else PRIORITY.get(key, 50)




PAGING = {"allowed": True}
"""Switched off by `huurbeg --no-pager`."""


def _screen_rows(out) -> int:
    """The terminal's own height: an exported LINES is often stale (a shell's size at login)."""
    try:
        return os.get_terminal_size(sys.stdout.fileno()).lines
    except (OSError, ValueError):
        return out.height


_viewing: list = []
"""The console a view prints to while render.paged gathers it."""


@contextmanager
def paged():
    """Everything a view prints inside this block (a dossier, a plan, the figures): on a terminal, through the
    pager when it is taller than the screen, as a list is (page)."""
    out = console()
    if not (PAGING["allowed"] and out.is_terminal and sys.stdin.isatty()):
        yield
        return
    _viewing.append(out)
    try:
        with out.capture() as captured:
            yield
    finally:
        _viewing.clear()
    text = captured.get()
    if text.count("\n") < _screen_rows(out):
        sys.stdout.write(text)
    else:
        _through_pager(text)


def page(renderable) -> None:
    """Print `renderable`; on a terminal, one taller than the screen goes through the pager.

    The pager is $PAGER, else `less -R`; like git, LESS defaults to FRX (leave at the end of a
    short text, keep colours, leave the screen as it was). Piped output is never paged.
    """

    out = console()
    drawn = renderable.drawn(out) if isinstance(renderable, Lines) and not _viewing else None
    if not (PAGING["allowed"] and out.is_terminal and sys.stdin.isatty()) or len(renderable) < _screen_rows(out):
        if drawn is None:
            out.print(renderable)
            return
        for text in drawn:
            out.file.write(text)
        out.file.flush()
        return
    if drawn is None:
        with out.capture() as captured:
            out.print(renderable)
        drawn = iter([captured.get()])
    _through_pager(drawn)


def _through_pager(text: str | Iterator[str]) -> None:
    """`text` (or its screenfuls, drawn as the pager reads them) through the pager."""
    import shlex  # startup
    import subprocess  # startup

    chunks = iter([text]) if isinstance(text, str) else text
    command = shlex.split(os.environ.get("PAGER") or "less -R")
    encoding = sys.stdout.encoding or "utf-8"
    environment = dict(os.environ, LESS=os.environ.get("LESS", "FRX"))
    if encoding.lower().replace("-", "") == "utf8":  # less on a locale the system lacks (nl_BE.UTF-8 not
        environment.setdefault("LESSCHARSET", "utf-8")  # generated) would show the table's rules as <E2><94><80>
    try:
        pager = subprocess.Popen(command, stdin=subprocess.PIPE, env=environment)
    except OSError:  # no such pager: print as it is
        for chunk in chunks:
            sys.stdout.write(chunk)
        return
    stream = pager.stdin
    assert stream is not None  # stdin=PIPE
    try:
        try:  # a screenful at a time: the pipe holds what the reader has not paged to yet
            for chunk in chunks:
                stream.write(chunk.encode(encoding, errors="replace"))
                stream.flush()
        except BrokenPipeError:  # the reader left the pager (q) before the end
            pass
        finally:
            try:
                stream.close()
            except BrokenPipeError:
                pass
        pager.wait()
    except KeyboardInterrupt:  # q or Ctrl-C in the pager ends the list, not the command
        pager.wait()
